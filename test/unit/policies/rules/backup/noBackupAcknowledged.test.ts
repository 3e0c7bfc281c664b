// securetemple-backup-no-backup-acknowledged: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import * as assert from "assert";
import { baseline, withNoBackup } from "../../fixtures";
import { expectNone, expectOne, run } from "../../harness";

const policy = "securetemple-backup-no-backup-acknowledged";

describe("securetemple-backup-no-backup-acknowledged", () => {
    it("is silent on the baseline and on an unacknowledged nobackup", async () => {
        expectNone(await run(baseline()), policy);
        expectNone(await run(withNoBackup()), policy);
    });
    it("reports an acknowledged nobackup as advisory with its reason", async () => {
        const v = expectOne(await run(withNoBackup("rebuilt from image")), policy, "web-1", "rebuilt from image");
        assert.strictEqual(v.enforcementLevel, "advisory");
        expectOne(await run(withNoBackup(undefined, "scratch VM")), policy, "web-1", "scratch VM");
    });
});
