import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { BackupVault } from "../../../provider/components";
import { registered, reset, settle, value } from "./mocks";

function expectError(fn: () => unknown, pattern: RegExp): void {
    assert.throws(fn, (e: unknown) => pulumi.ResourceError.isInstance(e) && pattern.test((e as Error).message));
}

describe("BackupVault", () => {
    beforeEach(reset);

    it("creates a versioned private bucket with a lifecycle rule and the backup tag", async () => {
        const vault = new BackupVault("dumps", { tags: { team: "db" } });
        assert.equal(await value(vault.bucketName), "dumps");
        await value(vault.bucket.urn);
        await settle();
        const [bucket] = registered("securetemple:objectstorage:Bucket", "dumps");
        assert.ok(bucket.custom);
        assert.equal(bucket.inputs.name, "dumps");
        assert.equal(bucket.inputs.accessType, "private");
        assert.equal(bucket.inputs.versioning, "Enabled");
        assert.equal(bucket.inputs.forceDestroy, false);
        assert.deepEqual(bucket.inputs.lifecycleRules, [{ id: "expire-noncurrent-versions", noncurrentVersionExpirationDays: 30 }]);
        assert.deepEqual(bucket.inputs.tags, { team: "db", purpose: "backup" });
        assert.match(await value(vault.bucket.urn), /securetemple:objectstorage:BackupVault\$securetemple:objectstorage:Bucket::dumps$/);
        assert.equal(registered("securetemple:objectstorage:StorageAccount").length, 0);
    });

    it("whitelists custom CIDRs and adds a read-only storage account", async () => {
        const vault = new BackupVault("vault", {
            bucketName: "vault_01",
            accessType: "custom",
            whitelist: ["203.0.113.8/29", "203.0.113.8/32"],
            noncurrentVersionExpirationDays: 90,
            readOnlyAccount: { name: "restore" },
        });
        await value(vault.bucket.urn);
        await settle();
        const [bucket] = registered("securetemple:objectstorage:Bucket");
        assert.equal(bucket.inputs.accessType, "custom");
        assert.deepEqual(bucket.inputs.whitelist, ["203.0.113.8/29", "203.0.113.8/32"]);
        assert.deepEqual(bucket.inputs.aclEntries, [{ storageAccount: "restore", role: "read_only" }]);
        assert.deepEqual(bucket.inputs.lifecycleRules, [{ id: "expire-noncurrent-versions", noncurrentVersionExpirationDays: 90 }]);
        const [account] = registered("securetemple:objectstorage:StorageAccount");
        assert.equal(account.inputs.name, "restore");
        assert.match(await value(vault.readOnlyAccount!.urn), /BackupVault\$securetemple:objectstorage:StorageAccount::vault-restore$/);
        const [component] = registered("securetemple:objectstorage:BackupVault");
        assert.deepEqual(component.inputs, {
            bucketName: "vault_01",
            accessType: "custom",
            whitelist: ["203.0.113.8/29", "203.0.113.8/32"],
            noncurrentVersionExpirationDays: 90,
            readOnlyAccount: { name: "restore" },
            forceDestroy: false,
            versioning: "Enabled",
            tags: { purpose: "backup" },
        });
    });

    it("passes forceDestroy to its bucket only when asked, and names it when it is not a boolean", async () => {
        const vault = new BackupVault("scratch", { forceDestroy: true });
        await value(vault.bucket.urn);
        await settle();
        const [bucket] = registered("securetemple:objectstorage:Bucket", "scratch");
        assert.equal(bucket.inputs.forceDestroy, true);
        assert.equal(registered("securetemple:objectstorage:BackupVault", "scratch")[0].inputs.forceDestroy, true);
        expectError(
            () => new BackupVault("v", { forceDestroy: "yes" as unknown as boolean }),
            /FR BackupVault « v », forceDestroy : un booléen est attendu.*EN BackupVault "v", forceDestroy: a boolean is expected/,
        );
    });

    it("refuses public access, open or missing whitelists and bad names", () => {
        expectError(() => new BackupVault("v", { accessType: "public" as "private" }), /accessType.*Allowed values: private, custom/);
        expectError(() => new BackupVault("v", { accessType: "custom" }), /whitelist.*at least one CIDR/);
        expectError(() => new BackupVault("v", { accessType: "custom", whitelist: ["0.0.0.0/0"] }), /whitelist.*public/);
        expectError(() => new BackupVault("v", { accessType: "custom", whitelist: ["300.1.1.1/32"] }), /whitelist\[0\].*malformed/);
        expectError(() => new BackupVault("v", { whitelist: ["10.0.0.0/8"] }), /whitelist.*only makes sense with accessType "custom"/);
        expectError(() => new BackupVault("v", { bucketName: "bad.name" }), /bucketName.*\[a-zA-Z0-9_-\]/);
        expectError(() => new BackupVault("v", { noncurrentVersionExpirationDays: 0 }), /noncurrentVersionExpirationDays/);
    });
});
