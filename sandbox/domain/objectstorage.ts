// Object storage. Buckets are real MinIO buckets: created, versioned and deleted through the S3
// API, so clients that then talk S3 (lifecycle rules, objects) meet a real server. The namespace
// endpoint is the MinIO endpoint.
//
// Storage accounts are real MinIO users (made through MinIO's admin API): the keys returned once at
// creation work against S3, and each grant of a role on a bucket becomes a statement of the
// account's MinIO policy, so `read_only` on a bucket really lets the account read it and nothing
// more. The sandbox never keeps the secret. The global access key is a MinIO user too, with every
// right on the namespace; renewing it creates a new one and removes the previous one.
import * as crypto from "crypto";
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
import { Bucket, Grant, Role, StorageAccount } from "./model";
import { Platform } from "./platform";
import { BucketCreate, BucketWhitelist } from "./requests";
const globalPolicy = "securetemple-global-access";
/** Named after the account's access key id, unique even when several sandboxes share one MinIO. */
const policyName = (account: StorageAccount) => `securetemple-sa-${account.accessKeyId.toLowerCase()}`;

/** An S3 key pair: a 20-character access key id (prefix + hex) and a 40-character secret. */
function newKeys(prefix: string): { accessKeyId: string; secret: string } {
    return { accessKeyId: `${prefix}${crypto.randomBytes(9).toString("hex").toUpperCase()}`, secret: crypto.randomBytes(30).toString("base64url") };
}

export class ObjectStorage {
    constructor(private readonly p: Platform) {
        const a = p.activities;
        a.register("bucket.create", (args) => this.applyCreate(args.bucket as Bucket));
        a.register("bucket.delete", (args) => this.applyDelete(args.name as string));
        a.register("bucket.versioning", (args) => this.applyVersioning(args.name as string, args.status as string));
        a.register("bucket.whitelist", (args) => this.applyWhitelist(args.name as string, args.accessType as Bucket["accessType"], args.whitelist as string[]));
        a.register("bucket.grant", (args) => this.applyGrant(args.grant as Grant));
        a.register("bucket.revoke", (args) => this.applyRevoke(args.id as string));
        a.register("account.delete", (args) => this.applyAccountDelete(args.name as string));
    }

    private get store() {
        return this.p.store;
    }

    namespace() {
        const name = this.store.getMeta("namespace") ?? "sandbox";
        return { id: name, name, region: "fr1", accessKeyId: this.store.getMeta("globalAccessKeyId") ?? this.p.minio.accessKey, endpoint: this.p.minio.endpoint };
    }

    /**
     * Renews the global access key: a new MinIO user with every right on the namespace (lifecycle
     * rules included); the previous global key stops working. The secret is returned here only.
     */
    async renewGlobalKey(): Promise<{ accessKeyId: string; accessSecretKey: string }> {
        const admin = this.p.minioAdmin;
        const keys = newKeys("GK");
        await admin.putPolicy(globalPolicy, { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::*"] }] });
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
                const page: ListObjectsV2CommandOutput = await this.p.s3.send(new ListObjectsV2Command({ Bucket: b.name, ContinuationToken: token }));
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
                throw invalidField("whitelist", "CIDR blocks such as 203.0.113.8/29", `CIDR invalide « ${cidr} »`, `invalid CIDR "${cidr}"`);
            }
        }
        if (accessType === "custom" && whitelist.length === 0) {
            throw invalidField("whitelist", "at least one CIDR when accessType is custom", "« custom » demande au moins un CIDR dans « whitelist »", `"custom" needs at least one CIDR in "whitelist"`);
        }
    }

    create(body: BucketCreate): StoredActivity {
        const name = body.name;
        if (this.store.byName<Bucket>("bucket", name) || this.p.pendingEffects("bucket.create").some((a) => (a.bucket as Bucket).name === name)) {
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
            await this.syncAccountPolicy(account);
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
        await this.p.s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: status as "Enabled" | "Suspended" } }));
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

    bucketAccounts(name: string) {
        const b = this.bucket(name);
        return this.store.list<Grant>("grant").filter((g) => g.bucket === b.name).map((g) => ({
            id: this.store.byName<StorageAccount>("storageAccount", g.storageAccount)?.id ?? "", name: g.storageAccount, role: g.role,
        }));
    }

    async files(name: string, folderPath: string | undefined) {
        this.bucket(name);
        const prefix = folderPath ? folderPath.replace(/^\/+/, "") : undefined;
        const out = await this.p.s3.send(new ListObjectsV2Command({ Bucket: name, Prefix: prefix, Delimiter: "/" }));
        return [
            ...(out.CommonPrefixes ?? []).map((p) => ({ key: p.Prefix ?? "", lastModified: "", size: 0, isFolder: true })),
            ...(out.Contents ?? []).map((o) => ({ key: o.Key ?? "", lastModified: o.LastModified?.toISOString() ?? "", size: o.Size ?? 0, etag: o.ETag ?? "", isFolder: false })),
        ];
    }

    grant(bucketName: string, roleName: string, account: string): StoredActivity {
        const b = this.bucket(bucketName);
        const roles = this.store.list<Role>("role");
        if (!roles.some((r) => r.name === roleName)) {
            const allowed = roles.map((r) => r.name).join(", ");
            throw invalidField("role", allowed, `rôle inconnu « ${roleName} » (valeurs : ${allowed})`, `unknown role "${roleName}" (allowed: ${allowed})`);
        }
        if (!this.store.byName<StorageAccount>("storageAccount", account)) {
            throw invalidField("storageAccount", "the name of an existing storage account", `compte de stockage inconnu « ${account} »`, `unknown storage account "${account}"`);
        }
        const grant: Grant = { id: `${bucketName}/${roleName}/${account}`, bucket: bucketName, role: roleName, storageAccount: account };
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Rôle ${roleName} sur ${bucketName} pour ${account} / Grant ${roleName} on ${bucketName} to ${account}`,
            concernedItems: [{ id: b.id, type: "bucket" }],
            effect: { op: "bucket.grant", args: { grant } },
        });
    }

    revoke(bucketName: string, roleName: string, account: string): StoredActivity {
        const b = this.bucket(bucketName);
        const id = `${bucketName}/${roleName}/${account}`;
        if (!this.store.get<Grant>("grant", id)) {
            throw notFound("Grant", "Droit", id);
        }
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Retrait du rôle ${roleName} sur ${bucketName} à ${account} / Revoke ${roleName} on ${bucketName} from ${account}`,
            concernedItems: [{ id: b.id, type: "bucket" }],
            effect: { op: "bucket.revoke", args: { id } },
        });
    }

    private async applyGrant(grant: Grant): Promise<string> {
        if (!this.store.byName<Bucket>("bucket", grant.bucket) || !this.store.byName<StorageAccount>("storageAccount", grant.storageAccount)) {
            throw new Error(`bucket ou compte supprimé / bucket or storage account gone: ${grant.id}`);
        }
        this.store.put<Grant>("grant", grant);
        await this.syncAccountPolicy(grant.storageAccount);
        return grant.id;
    }

    private async applyRevoke(id: string): Promise<string> {
        const grant = this.store.get<Grant>("grant", id);
        if (!grant) {
            throw new Error(`droit déjà retiré / grant already revoked: ${id}`);
        }
        this.store.delete("grant", id);
        await this.syncAccountPolicy(grant.storageAccount);
        return id;
    }

    /** Rewrites the account's MinIO policy from its grants: each role's permissions on its bucket and objects. */
    private async syncAccountPolicy(accountName: string): Promise<void> {
        const account = this.store.byName<StorageAccount>("storageAccount", accountName);
        if (!account) {
            return;
        }
        const admin = this.p.minioAdmin;
        const policy = policyName(account);
        const statements = this.store.where<Grant>("grant", "storageAccount", accountName).map((g) => ({
            Effect: "Allow",
            Action: this.store.byName<Role>("role", g.role)?.permissions ?? [],
            Resource: [`arn:aws:s3:::${g.bucket}`, `arn:aws:s3:::${g.bucket}/*`],
        })).filter((st) => st.Action.length > 0);
        if (statements.length > 0) {
            await admin.putPolicy(policy, { Version: "2012-10-17", Statement: statements });
            if (!account.policyAttached) {
                await admin.attach(account.accessKeyId, policy);
                this.store.put<StorageAccount>("storageAccount", { ...account, policyAttached: true });
            }
        } else if (account.policyAttached) {
            await admin.detach(account.accessKeyId, policy);
            await admin.removePolicy(policy);
            this.store.put<StorageAccount>("storageAccount", { ...account, policyAttached: false });
        }
    }

    // ---- storage accounts ------------------------------------------------------------------

    account(name: string): StorageAccount {
        const a = this.store.byName<StorageAccount>("storageAccount", name);
        if (!a) {
            throw notFound("Storage account", "Compte de stockage", name);
        }
        return a;
    }

    accountView(a: StorageAccount) {
        const ns = this.namespace();
        return { id: a.id, name: a.name, accessKeyId: a.accessKeyId, arn: `urn:ecs:iam::${ns.name}:user/${a.name}`, createDate: a.createDate, path: "/", tags: [] as { key: string; value: string }[] };
    }

    /** Synchronous, as on the real API (no activity): the secret is in this response and nowhere else. */
    async createAccount(name: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
        if (this.store.byName<StorageAccount>("storageAccount", name)) {
            throw invalidField("name", "a storage account name not in use", `le compte « ${name} » existe déjà`, `storage account "${name}" already exists`);
        }
        const keys = newKeys("SA");
        // Recorded first, so that a concurrent create of the same name is refused while MinIO answers.
        const account: StorageAccount = { id: newId(), name, accessKeyId: keys.accessKeyId, createDate: new Date().toISOString() };
        this.store.put<StorageAccount>("storageAccount", account);
        try {
            await this.p.minioAdmin.addUser(keys.accessKeyId, keys.secret);
        } catch (err) {
            this.store.delete("storageAccount", account.id);
            throw err;
        }
        return { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secret };
    }

    removeAccount(name: string): StoredActivity {
        const a = this.account(name);
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Suppression du compte ${name} / Delete storage account ${name}`,
            concernedItems: [{ id: a.id, type: "storage_account" }],
            effect: { op: "account.delete", args: { name } },
        });
    }

    private async applyAccountDelete(name: string): Promise<string> {
        const a = this.store.byName<StorageAccount>("storageAccount", name);
        if (!a) {
            throw new Error(`compte déjà supprimé / storage account already gone: ${name}`);
        }
        const admin = this.p.minioAdmin;
        if (a.policyAttached) {
            await admin.detach(a.accessKeyId, policyName(a));
            await admin.removePolicy(policyName(a));
        }
        await admin.removeUser(a.accessKeyId);
        this.store.transaction(() => {
            this.store.list<Grant>("grant").filter((g) => g.storageAccount === name).forEach((g) => this.store.delete("grant", g.id));
            this.store.delete("storageAccount", a.id);
        });
        return a.id;
    }

    accountBuckets(name: string) {
        this.account(name);
        return this.store.list<Grant>("grant").filter((g) => g.storageAccount === name).map((g) => ({
            id: this.store.byName<Bucket>("bucket", g.bucket)?.id ?? "", name: g.bucket, role: g.role,
        }));
    }

    roles(): Role[] {
        return this.store.list<Role>("role");
    }
}
