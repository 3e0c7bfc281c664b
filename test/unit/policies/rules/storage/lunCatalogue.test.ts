// securetemple-storage-lun-catalogue: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import { unknownValue } from "../../../../../policies/engine";
import { baseline, withProps } from "../../fixtures";
import { expectNone, expectOne, run } from "../../harness";

const policy = "securetemple-storage-lun-catalogue";

describe("securetemple-storage-lun-catalogue", () => {
    it("reports a LUN below 500 GiB", async () =>
        expectOne(await run(withProps(baseline(), "lun-az05", { sizeGib: 100 })), policy, "lun-az05", "500"));
    it("reports an unknown tier", async () =>
        expectOne(await run(withProps(baseline(), "lun-az05", { tier: "GOLD" })), policy, "lun-az05", "GOLD"));
    it("reports Global Mirror on an incompatible tier and towards the same AZ", async () => {
        expectOne(await run(withProps(baseline(), "lun-az05", { tier: "ULTRA" })), policy, "lun-az05", "Global Mirror");
        expectOne(
            await run(withProps(baseline(), "lun-az05", { globalMirror: { targetAvailabilityZone: "AZ05" } })),
            policy,
            "lun-az05",
            "AZ05",
        );
    });
    it("does not decide on unknown values", async () =>
        expectNone(await run(withProps(baseline(), "lun-az05", { sizeGib: unknownValue, globalMirror: unknownValue })), policy));
    it("does not decide on a Global Mirror without a known target", async () =>
        expectNone(await run(withProps(baseline(), "lun-az05", { globalMirror: {} })), policy));
});
