// securetemple-location-data-residency: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import { unknownValue } from "../../../../../policies/engine";
import { baseline, withProps } from "../../fixtures";
import { expectNone, expectOne, run } from "../../harness";

const policy = "securetemple-location-data-residency";

describe("securetemple-location-data-residency", () => {
    it("reports a region outside FR1", async () =>
        expectOne(await run(withProps(baseline(), "tenant", { region: "EU-WEST" })), policy, "tenant", "EU-WEST", "FR1"));
    it("reports an unknown AZ on a cluster and a Global Mirror target", async () => {
        expectOne(await run(withProps(baseline(), "clu-az05", { availabilityZone: "AZ99" })), policy, "clu-az05", "AZ99");
        expectOne(
            await run(withProps(baseline(), "lun-az05", { globalMirror: { targetAvailabilityZone: "AZ09" } })),
            policy,
            "lun-az05",
            "globalMirror.targetAvailabilityZone",
        );
    });
    it("reports an unknown backup site", async () =>
        expectOne(await run(withProps(baseline(), "daily-par7s", { site: "LONDON1" })), policy, "daily-par7s", "LONDON1"));
    it("does not decide on unknown values", async () =>
        expectNone(await run(withProps(baseline(), "tenant", { region: unknownValue, availabilityZones: [unknownValue] })), policy));
    it("accepts the empty site a workload registers for a nobackup replica", async () =>
        expectNone(
            await run(
                withProps(baseline(), "web", {
                    placement: [
                        { vmName: "web-1", availabilityZone: "AZ05", backupSites: [""] },
                        { vmName: "web-2", availabilityZone: "AZ06", backupSites: ["PAR7S"] },
                    ],
                }),
            ),
            policy,
        ));
});
