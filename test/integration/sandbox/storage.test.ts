// Object storage over real HTTP, with the buckets checked in MinIO through the S3 API itself.
import * as assert from "assert";
import {
    GetBucketLifecycleConfigurationCommand,
    GetObjectCommand,
    ListObjectsV2Command,
    GetBucketVersioningCommand,
    HeadBucketCommand,
    PutBucketLifecycleConfigurationCommand,
    PutObjectCommand,
    DeleteObjectCommand,
    S3Client,
} from "@aws-sdk/client-s3";
import { Sandbox } from "../../../sandbox";
import { ApiClient } from "./client";
import { startSandbox } from "../../support/sandbox";

const os = "/api/storage/object/v1";

describe("sandbox: object storage on MinIO", function () {
    let sandbox: Sandbox;
    let api: ApiClient;
    let s3: S3Client;
    let account: { accessKeyId: string; secretAccessKey: string };
    const clientFor = (accessKeyId: string, secretAccessKey: string) =>
        new S3Client({
            endpoint: sandbox.minio.endpoint,
            region: "fr1",
            forcePathStyle: true,
            credentials: { accessKeyId, secretAccessKey },
        });

    before(async () => {
        sandbox = await startSandbox({ dedupe: false, rateLimits: false });
        api = new ApiClient(sandbox);
    });
    after(async () => {
        s3?.destroy();
        await sandbox?.stop();
    });

    it("gives the namespace with the MinIO endpoint, and renews a global key that works on S3 and replaces the previous one", async () => {
        const ns = await api.ok(`${os}/namespaces`);
        assert.strictEqual(ns.name, "ns-secure-temple-demo");
        assert.strictEqual(ns.endpoint, sandbox.minio.endpoint);
        const first = await api.raw("POST", `${os}/namespaces/access_key/renew`);
        assert.strictEqual(first.status, 201);
        const old = clientFor(first.json.accessKeyId, first.json.accessSecretKey);
        await old.send(new ListObjectsV2Command({ Bucket: "renew-probe" })).catch((e: Error) => assert.strictEqual(e.name, "NoSuchBucket"));
        const r = await api.raw("POST", `${os}/namespaces/access_key/renew`);
        assert.notStrictEqual(r.json.accessKeyId, first.json.accessKeyId);
        assert.strictEqual((await api.ok(`${os}/namespaces`)).accessKeyId, r.json.accessKeyId);
        assert.ok(!JSON.stringify(await api.ok(`${os}/namespaces`)).includes(r.json.accessSecretKey), "secret not readable afterwards");
        await assert.rejects(
            old.send(new ListObjectsV2Command({ Bucket: "renew-probe" })),
            (e: Error) => e.name === "InvalidAccessKeyId",
            "the previous global key is revoked",
        );
        old.destroy();
        s3 = clientFor(r.json.accessKeyId, r.json.accessSecretKey);
    });

    it("creates a real bucket, reads it with string sizes, and versions it through S3", async () => {
        const id = await api.run("POST", `${os}/buckets`, { name: "backups-prod", accessType: "private" });
        await s3.send(new HeadBucketCommand({ Bucket: "backups-prod" }));
        let b = await api.ok(`${os}/buckets/backups-prod`);
        assert.strictEqual(b.id, id);
        assert.strictEqual(b.endpoint, sandbox.minio.endpoint);
        assert.strictEqual(b.versioning, "Disabled");
        assert.strictEqual(typeof b.totalSize, "string");
        assert.strictEqual(typeof b.totalObjectsDeleted, "string");
        assert.strictEqual(typeof b.totalSizeDeleted, "string");
        assert.strictEqual(typeof b.totalObjects, "number");
        await api.run("PUT", `${os}/buckets/backups-prod/versioning`, { status: "Enabled" });
        assert.strictEqual((await s3.send(new GetBucketVersioningCommand({ Bucket: "backups-prod" }))).Status, "Enabled");
        await s3.send(new PutObjectCommand({ Bucket: "backups-prod", Key: "db/dump.sql", Body: "0123456789" }));
        b = await api.ok(`${os}/buckets/backups-prod`);
        assert.deepStrictEqual([b.versioning, b.totalObjects, b.totalSize], ["Enabled", 1, "10"]);
        const files = await api.ok(`${os}/buckets/backups-prod/files?folderPath=db/`);
        assert.strictEqual(files[0].key, "db/dump.sql");
        // Lifecycle rules go through S3 itself, with the global key.
        await s3.send(
            new PutBucketLifecycleConfigurationCommand({
                Bucket: "backups-prod",
                LifecycleConfiguration: {
                    Rules: [
                        {
                            ID: "old-versions",
                            Status: "Enabled",
                            Filter: { Prefix: "" },
                            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
                        },
                    ],
                },
            }),
        );
        const lc = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: "backups-prod" }));
        assert.strictEqual(lc.Rules?.[0].ID, "old-versions");
        const listed = await api.ok(`${os}/buckets`);
        assert.ok(listed.some((x: { name: string }) => x.name === "backups-prod"));
    });

    it("validates bucket names, access types and whitelists", async () => {
        await api.rejects("POST", `${os}/buckets`, { name: "Bad_Name", accessType: "private" }, "name");
        await api.rejects("POST", `${os}/buckets`, { name: "ab", accessType: "private" }, "name");
        await api.rejects("POST", `${os}/buckets`, { name: "backups-prod", accessType: "private" }, "name");
        await api.rejects("POST", `${os}/buckets`, { name: "ok-name", accessType: "open" }, "accessType");
        await api.rejects("POST", `${os}/buckets`, { name: "ok-name", accessType: "custom" }, "whitelist");
        await api.rejects("POST", `${os}/buckets`, { name: "ok-name", accessType: "custom", whitelist: ["10.0.0.0/33"] }, "whitelist");
    });

    it("makes a public bucket anonymously readable, and private again through the whitelist call", async () => {
        await api.run("POST", `${os}/buckets`, { name: "site-assets", accessType: "public" });
        await s3.send(new PutObjectCommand({ Bucket: "site-assets", Key: "logo.txt", Body: "hello" }));
        const anon = await fetch(`${sandbox.minio.endpoint}/site-assets/logo.txt`);
        assert.strictEqual(anon.status, 200);
        assert.strictEqual(await anon.text(), "hello");
        await api.run("PUT", `${os}/buckets/site-assets/whitelist`, {
            accessType: "custom",
            whitelist: ["203.0.113.8/29", "203.0.113.8/32", "203.0.113.15/32"],
        });
        assert.strictEqual((await fetch(`${sandbox.minio.endpoint}/site-assets/logo.txt`)).status, 403);
        const b = await api.ok(`${os}/buckets/site-assets`);
        assert.strictEqual(b.accessType, "custom");
        assert.strictEqual(b.whitelist.length, 3);
        await s3.send(new DeleteObjectCommand({ Bucket: "site-assets", Key: "logo.txt" }));
    });

    it("creates storage accounts synchronously, with the secret only in the create response", async () => {
        const r = await api.raw("POST", `${os}/storage_accounts`, { name: "backup-agent" });
        assert.strictEqual(r.status, 201);
        assert.strictEqual(r.headers.get("location"), null);
        assert.ok(r.json.accessKeyId && r.json.secretAccessKey);
        account = r.json;
        const read = await api.ok(`${os}/storage_accounts/backup-agent`);
        assert.strictEqual(read.accessKeyId, r.json.accessKeyId);
        assert.ok(!JSON.stringify(read).includes(r.json.secretAccessKey), "secret never returned again");
        assert.ok(!JSON.stringify(await api.ok(`${os}/storage_accounts`)).includes(r.json.secretAccessKey));
        assert.ok(!JSON.stringify(sandbox.listStorageAccounts()).includes(r.json.secretAccessKey), "secret not kept in the state");
        await api.rejects("POST", `${os}/storage_accounts`, { name: "backup-agent" }, "name");
        await api.rejects("POST", `${os}/storage_accounts`, { name: "bad name!" }, "name");
        assert.strictEqual((await api.get(`${os}/storage_accounts/nobody`)).status, 404);
    });

    it("grants and revokes a role on a bucket, visible from both sides and enforced by MinIO on the account's keys", async () => {
        const agent = clientFor(account.accessKeyId, account.secretAccessKey);
        const read = () => agent.send(new GetObjectCommand({ Bucket: "backups-prod", Key: "db/dump.sql" }));
        await assert.rejects(read(), (e: Error) => e.name === "AccessDenied", "no grant, no access");
        const roles = await api.ok(`${os}/roles`);
        assert.deepStrictEqual(roles.map((x: { name: string }) => x.name).sort(), ["maintainer", "read_only", "read_write", "write_only"]);
        const grant = await api.raw("POST", `${os}/buckets/backups-prod/grant/read_only/to/backup-agent`, undefined, true, {
            "content-length": "0",
        });
        assert.strictEqual(grant.status, 201);
        await api.wait(grant.headers.get("location") as string);
        assert.deepStrictEqual(
            (await api.ok(`${os}/buckets/backups-prod/storage_accounts`)).map((x: { name: string; role: string }) => [x.name, x.role]),
            [["backup-agent", "read_only"]],
        );
        assert.deepStrictEqual(
            (await api.ok(`${os}/storage_accounts/backup-agent/buckets`)).map((x: { name: string; role: string }) => [x.name, x.role]),
            [["backups-prod", "read_only"]],
        );
        assert.strictEqual(await (await read()).Body?.transformToString(), "0123456789");
        await assert.rejects(
            agent.send(new PutObjectCommand({ Bucket: "backups-prod", Key: "db/evil.sql", Body: "x" })),
            (e: Error) => e.name === "AccessDenied",
            "read_only cannot write",
        );
        await assert.rejects(
            agent.send(new GetObjectCommand({ Bucket: "site-assets", Key: "anything" })),
            (e: Error) => e.name === "AccessDenied",
            "no right on another bucket",
        );
        await api.rejects("POST", `${os}/buckets/backups-prod/grant/FULL_CONTROL/to/backup-agent`, undefined, "role");
        await api.rejects("POST", `${os}/buckets/backups-prod/grant/read_only/to/ghost`, undefined, "storageAccount");
        await api.run("DELETE", `${os}/buckets/backups-prod/revoke/read_only/to/backup-agent`);
        assert.deepStrictEqual(await api.ok(`${os}/buckets/backups-prod/storage_accounts`), []);
        await assert.rejects(read(), (e: Error) => e.name === "AccessDenied", "revoked");
        await api.run("POST", `${os}/buckets/backups-prod/grant/maintainer/to/backup-agent`);
        await agent.send(new PutObjectCommand({ Bucket: "backups-prod", Key: "db/by-agent.sql", Body: "ok" }));
        await agent.send(new DeleteObjectCommand({ Bucket: "backups-prod", Key: "db/by-agent.sql" }));
        await api.run("DELETE", `${os}/storage_accounts/backup-agent`);
        assert.strictEqual((await api.get(`${os}/storage_accounts/backup-agent`)).status, 404);
        assert.deepStrictEqual(await api.ok(`${os}/buckets/backups-prod/storage_accounts`), []);
        await assert.rejects(read(), (e: Error) => e.name === "InvalidAccessKeyId", "the deleted account's key no longer exists");
        agent.destroy();
    });

    it("fails the delete activity of a non-empty bucket, and deletes it once empty", async () => {
        await api.run("POST", `${os}/buckets`, { name: "scratch-01", accessType: "private" });
        await s3.send(new PutObjectCommand({ Bucket: "scratch-01", Key: "keep.txt", Body: "data" }));
        const failed = await api.wait(await api.write("DELETE", `${os}/buckets/scratch-01`));
        assert.match(failed.state.failed.reason, /not empty/);
        await s3.send(new HeadBucketCommand({ Bucket: "scratch-01" }));
        await s3.send(new DeleteObjectCommand({ Bucket: "scratch-01", Key: "keep.txt" }));
        await api.run("DELETE", `${os}/buckets/scratch-01`);
        assert.strictEqual((await api.get(`${os}/buckets/scratch-01`)).status, 404);
        await assert.rejects(s3.send(new HeadBucketCommand({ Bucket: "scratch-01" })));
    });
});
