// securetemple-objectstorage-bucket-access: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import { unknownValue } from "../../../../../policies/engine";
import { baseline, res, T, withProps } from "../../fixtures";
import { expectNone, expectOne, run } from "../../harness";

const policy = "securetemple-objectstorage-bucket-access";

describe("securetemple-objectstorage-bucket-access", () => {
    it("reports a public bucket unless allowed by name", async () => {
        const pub = withProps(baseline(), "assets", { accessType: "public" });
        expectOne(await run(pub), policy, "assets", "public");
        expectNone(await run(pub, { [policy]: { allowedPublicBuckets: ["assets"] } }), policy);
    });
    it("reports a custom bucket without whitelist or with 0.0.0.0/0", async () => {
        expectOne(await run(withProps(baseline(), "backups", { whitelist: [] })), policy, "backups", "whitelist");
        expectOne(await run(withProps(baseline(), "backups", { whitelist: ["0.0.0.0/0"] })), policy, "backups", "0.0.0.0/0");
    });
    it("covers a BackupVault's bucket settings", async () =>
        expectOne(
            await run([...baseline(), res(T.vault, "vault", { bucketName: "vault-bucket", accessType: "public", versioning: "Enabled" })]),
            policy,
            "vault",
            "vault-bucket",
        ));
    it("reads the access type case-insensitively", async () =>
        expectOne(await run(withProps(baseline(), "assets", { accessType: "Public" })), policy, "assets"));
    it("covers the bridged bucket", async () =>
        expectOne(
            await run([...baseline(), res(T.ctBucket, "ct", { name: "ct-bucket", accessType: "public" })]),
            policy,
            "ct",
            "ct-bucket",
        ));
    it("does not decide on an unknown access type", async () =>
        expectNone(await run(withProps(baseline(), "assets", { accessType: unknownValue })), policy));
});
