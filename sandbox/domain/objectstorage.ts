// Object storage. Buckets are real MinIO buckets: created, versioned and deleted through the S3
// API, so clients that then talk S3 (lifecycle rules, objects) meet a real server. The namespace
// endpoint is the MinIO endpoint.
//
// The global access key is a MinIO user, with every right on the namespace; renewing it creates a
// new one and removes the previous one. Storage accounts and their grants on buckets are in
// storageAccounts.ts.
import * as net from "net";
import {
    CreateBucketCommand,
    DeleteBucketCommand,
    DeleteBucketPolicyCommand,
    GetBucketVersioningCommand,
    ListObjectsV2Command,
    ListObjectsV2CommandOutput,
    PutBucketPolicyCommand,
    PutBucketVersioningCommand,
} from "@aws-sdk/client-s3";
import { StoredActivity } from "../store/database";
import { newId } from "../store/ids";
import { invalidField, notFound } from "./errors";
import { Bucket, Grant } from "./model";
import { newKeys, syncAccountPolicy } from "./minioUsers";
import { Platform } from "./platform";
import { BucketCreate, BucketWhitelist } from "./requests";

const globalPolicy = "securetemple-global-access";

export class ObjectStorage {
    constructor(private readonly p: Platform) {
        const a = p.activities;
        a.register("bucket.create", (args) => this.applyCreate(args.bucket as Bucket));
        a.register("bucket.delete", (args) => this.applyDelete(args.name as string));
        a.register("bucket.versioning", (args) => this.applyVersioning(args.name as string, args.status as string));
        a.register("bucket.whitelist", (args) =>
            this.applyWhitelist(args.name as string, args.accessType as Bucket["accessType"], args.whitelist as string[]),
        );
    }

    private get store() {
        return this.p.store;
    }

    namespace() {
        const name = this.store.getMeta("namespace") ?? "sandbox";
        return {
            id: name,
            name,
            region: "fr1",
            accessKeyId: this.store.getMeta("globalAccessKeyId") ?? this.p.minio.accessKey,
            endpoint: this.p.minio.endpoint,
        };
    }

    /**
     * Renews the global access key: a new MinIO user with every right on the namespace (lifecycle
     * rules included); the previous global key stops working. The secret is returned here only.
     */
    async renewGlobalKey(): Promise<{ accessKeyId: string; accessSecretKey: string }> {
        const admin = this.p.minioAdmin;
        const keys = newKeys("GK");
        await admin.putPolicy(globalPolicy, {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::*"] }],
        });
        await admin.addUser(keys.accessKeyId, keys.secret);
        await admin.attach(keys.accessKeyId, globalPolicy);
        const previous = this.store.getMeta("globalAccessKeyId");
        this.store.setMeta("globalAccessKeyId", keys.accessKeyId);
        if (previous) {
            await admin.removeUser(previous).catch(() => undefined);
        }
        return { accessKeyId: keys.accessKeyId, accessSecretKey: keys.secret };
    }

    // ---- buckets ---------------------------------------------------------------------------

    bucket(name: string): Bucket {
        const b = this.store.byName<Bucket>("bucket", name);
        if (!b) {
            throw notFound("Bucket", "Bucket", name);
        }
        return b;
    }

    async bucketView(b: Bucket) {
        let versioning = "Disabled";
        let totalObjects = 0;
        let totalSize = 0;
        try {
            const v = await this.p.s3.send(new GetBucketVersioningCommand({ Bucket: b.name }));
            versioning = v.Status ?? "Disabled";
            let token: string | undefined;
            do {
                const page: ListObjectsV2CommandOutput = await this.p.s3.send(
                    new ListObjectsV2Command({ Bucket: b.name, ContinuationToken: token }),
                );
                for (const o of page.Contents ?? []) {
                    totalObjects++;
                    totalSize += o.Size ?? 0;
                }
                token = page.IsTruncated ? page.NextContinuationToken : undefined;
            } while (token);
        } catch {
            // The MinIO bucket is gone (data folder removed): the record is still reported.
        }
        const ns = this.namespace();
        return {
            id: b.id,
            name: b.name,
            namespace: ns.name,
            retentionPeriod: 0,
            versioning,
            endpoint: this.p.minio.endpoint,
            totalSize: String(totalSize),
            totalSizeUnit: "B",
            totalObjects,
            tags: [] as { key: string; value: string }[],
            totalObjectsDeleted: "0",
            totalSizeDeleted: "0",
            accessType: b.accessType, // extension
            whitelist: b.whitelist, // extension
        };
    }

    private validateWhitelist(accessType: string, whitelist: string[]): void {
        for (const cidr of whitelist) {
            const [addr, prefix] = cidr.split("/");
            const max = net.isIPv4(addr) ? 32 : 128;
            if (!net.isIP(addr) || prefix === undefined || !/^\d+$/.test(prefix) || Number(prefix) > max) {
                throw invalidField(
                    "whitelist",
                    "CIDR blocks such as 203.0.113.8/29",
                    `CIDR invalide « ${cidr} »`,
                    `invalid CIDR "${cidr}"`,
                );
            }
        }
        if (accessType === "custom" && whitelist.length === 0) {
            throw invalidField(
                "whitelist",
                "at least one CIDR when accessType is custom",
                "« custom » demande au moins un CIDR dans « whitelist »",
                `"custom" needs at least one CIDR in "whitelist"`,
            );
        }
    }

    create(body: BucketCreate): StoredActivity {
        const name = body.name;
        if (
            this.store.byName<Bucket>("bucket", name) ||
            this.p.pendingEffects("bucket.create").some((a) => (a.bucket as Bucket).name === name)
        ) {
            throw invalidField("name", "a bucket name not in use", `le bucket « ${name} » existe déjà`, `bucket "${name}" already exists`);
        }
        const accessType = body.accessType;
        const whitelist = body.whitelist ?? [];
        this.validateWhitelist(accessType, whitelist);
        const bucket: Bucket = { id: newId(), name, accessType, whitelist, createDate: new Date().toISOString() };
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Création du bucket ${name} / Create bucket ${name}`,
            concernedItems: [{ id: bucket.id, type: "bucket" }],
            effect: { op: "bucket.create", args: { bucket } },
            creates: true,
        });
    }

    private async applyCreate(bucket: Bucket): Promise<string> {
        if (this.store.byName<Bucket>("bucket", bucket.name)) {
            throw new Error(`le bucket existe déjà / bucket already exists: ${bucket.name}`);
        }
        await this.p.s3.send(new CreateBucketCommand({ Bucket: bucket.name }));
        await this.applyAccessPolicy(bucket.name, bucket.accessType);
        this.store.put("bucket", bucket);
        return bucket.id;
    }

    /** `public` buckets are readable anonymously; `private` and `custom` need credentials. */
    private async applyAccessPolicy(name: string, accessType: Bucket["accessType"]): Promise<void> {
        if (accessType === "public") {
            const policy = {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${name}/*`] }],
            };
            await this.p.s3.send(new PutBucketPolicyCommand({ Bucket: name, Policy: JSON.stringify(policy) }));
        } else {
            await this.p.s3.send(new DeleteBucketPolicyCommand({ Bucket: name }));
        }
    }

    remove(name: string): StoredActivity {
        const b = this.bucket(name);
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Suppression du bucket ${name} / Delete bucket ${name}`,
            concernedItems: [{ id: b.id, type: "bucket" }],
            effect: { op: "bucket.delete", args: { name } },
        });
    }

    private async applyDelete(name: string): Promise<string> {
        const b = this.store.byName<Bucket>("bucket", name);
        if (!b) {
            throw new Error(`bucket déjà supprimé / bucket already gone: ${name}`);
        }
        try {
            await this.p.s3.send(new DeleteBucketCommand({ Bucket: name }));
        } catch (err) {
            const code = (err as { name?: string }).name;
            if (code === "BucketNotEmpty") {
                throw new Error(`le bucket ${name} n'est pas vide / bucket ${name} is not empty`);
            }
            if (code !== "NoSuchBucket") {
                throw err;
            }
        }
        const grants = this.store.where<Grant>("grant", "bucket", name);
        this.store.transaction(() => {
            grants.forEach((g) => this.store.delete("grant", g.id));
            this.store.delete("bucket", b.id);
        });
        for (const account of new Set(grants.map((g) => g.storageAccount))) {
            await syncAccountPolicy(this.p, account);
        }
        return b.id;
    }

    setVersioning(name: string, status: "Enabled" | "Suspended"): StoredActivity {
        const b = this.bucket(name);
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Versionnage ${status} sur ${name} / Versioning ${status} on ${name}`,
            concernedItems: [{ id: b.id, type: "bucket" }],
            effect: { op: "bucket.versioning", args: { name, status } },
        });
    }

    private async applyVersioning(name: string, status: string): Promise<string> {
        const b = this.store.byName<Bucket>("bucket", name);
        if (!b) {
            throw new Error(`bucket supprimé / bucket gone: ${name}`);
        }
        await this.p.s3.send(
            new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: status as "Enabled" | "Suspended" } }),
        );
        return b.id;
    }

    setWhitelist(name: string, body: BucketWhitelist): StoredActivity {
        const b = this.bucket(name);
        const accessType = body.accessType;
        const whitelist = body.whitelist ?? [];
        this.validateWhitelist(accessType, whitelist);
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Accès au bucket ${name} / Access to bucket ${name}`,
            concernedItems: [{ id: b.id, type: "bucket" }],
            effect: { op: "bucket.whitelist", args: { name, accessType, whitelist } },
        });
    }

    private async applyWhitelist(name: string, accessType: Bucket["accessType"], whitelist: string[]): Promise<string> {
        const b = this.store.byName<Bucket>("bucket", name);
        if (!b) {
            throw new Error(`bucket supprimé / bucket gone: ${name}`);
        }
        await this.applyAccessPolicy(name, accessType);
        this.store.put("bucket", { ...b, accessType, whitelist });
        return b.id;
    }

    async files(name: string, folderPath: string | undefined) {
        this.bucket(name);
        const prefix = folderPath ? folderPath.replace(/^\/+/, "") : undefined;
        const out = await this.p.s3.send(new ListObjectsV2Command({ Bucket: name, Prefix: prefix, Delimiter: "/" }));
        return [
            ...(out.CommonPrefixes ?? []).map((p) => ({ key: p.Prefix ?? "", lastModified: "", size: 0, isFolder: true })),
            ...(out.Contents ?? []).map((o) => ({
                key: o.Key ?? "",
                lastModified: o.LastModified?.toISOString() ?? "",
                size: o.Size ?? 0,
                etag: o.ETag ?? "",
                isFolder: false,
            })),
        ];
    }
}
