// securetemple-objectstorage-backup-versioning: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import * as assert from "assert";
import { policies } from "../../../../../policies/rules";
import { baseline, res, T, urn, withProps } from "../../fixtures";
import { expectNone, expectOne, remediateThroughServer, run } from "../../harness";

const policy = "securetemple-objectstorage-backup-versioning";

describe("securetemple-objectstorage-backup-versioning", () => {
    it("reports a backup-tagged bucket without versioning", async () => {
        const v = expectOne(await run(withProps(baseline(), "backups", { versioning: "Suspended" })), policy, "backups", "Suspended");
        assert.strictEqual(v.enforcementLevel, "advisory");
    });
    it("ignores buckets that do not hold backups", async () =>
        expectNone(await run(withProps(baseline(), "assets", { versioning: "Suspended" })), policy));
    it("reports a bucket under a BackupVault component (through parent)", async () => {
        const vault = res(T.vault, "vault", { name: "vault" });
        const child = res(
            T.bucket,
            "vault-bucket",
            { name: "vault-bucket", accessType: "private" },
            { urn: urn(T.bucket, "vault-bucket", T.vault), parent: vault.urn },
        );
        expectOne(await run([...baseline(), vault, child]), policy, "vault-bucket", "backup vault");
    });
    it("remediates a backup-tagged bucket through the library's Remediate, keeping secret properties secret", async () => {
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" };
        const bucket = res(T.bucket, "backups", {
            name: "backups",
            accessType: "private",
            versioning: "Suspended",
            tags: { purpose: "backup" },
            note: secret,
        });
        const out = await remediateThroughServer(policies, bucket);
        assert.deepStrictEqual(
            out.map((o) => o.policyName),
            [policy],
        );
        assert.strictEqual(out[0].properties.versioning, "Enabled");
        assert.deepStrictEqual(out[0].properties.note, secret);
        assert.deepStrictEqual(
            await remediateThroughServer(
                policies,
                res(T.bucket, "assets", { name: "assets", accessType: "private", versioning: "Suspended" }),
            ),
            [],
        );
    });
    it("honours the tag knobs", async () => {
        const tagged = withProps(baseline(), "assets", { tags: { role: "archive" }, versioning: undefined });
        expectNone(await run(tagged), policy);
        expectOne(await run(tagged, { [policy]: { backupTagKey: "role", backupTagValues: ["archive"] } }), policy, "assets");
    });
});
