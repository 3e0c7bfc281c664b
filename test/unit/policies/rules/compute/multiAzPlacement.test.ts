// securetemple-compute-multi-az-placement: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import * as assert from "assert";
import { unknownValue } from "../../../../../policies/engine";
import { baseline, withProps } from "../../fixtures";
import { expectNone, expectOne, of, run } from "../../harness";

const policy = "securetemple-compute-multi-az-placement";

describe("securetemple-compute-multi-az-placement", () => {
    it("reports a tenant on one AZ", async () =>
        expectOne(await run(withProps(baseline(), "tenant", { availabilityZones: ["AZ05"] })), policy, "tenant", "1 zone", "AZ05"));
    it("does not take an absent tenant AZ list for an empty one", async () =>
        expectNone(await run(withProps(baseline(), "tenant", { availabilityZones: undefined })), policy));
    it("counts duplicate AZs once", async () =>
        expectOne(await run(withProps(baseline(), "tenant", { availabilityZones: ["AZ05", "az05"] })), policy, "tenant"));
    it("reports a one-host cluster", async () =>
        expectOne(await run(withProps(baseline(), "clu-az05", { hostCount: 1 })), policy, "clu-az05", "1 host"));
    it("reports a workload whose replicas share one AZ", async () =>
        expectOne(await run(withProps(baseline(), "web", { availabilityZones: ["AZ05"] })), policy, "web", "AZ05"));
    it("reads the placement list when availabilityZones is absent", async () => {
        const placement = [
            { vmName: "web-1", availabilityZone: "AZ05", backupSites: ["TH3S"] },
            { vmName: "web-2", availabilityZone: "AZ05", backupSites: ["TH3S"] },
        ];
        expectOne(await run(withProps(baseline(), "web", { availabilityZones: undefined, placement })), policy, "web");
    });
    it("reports a workload whose child VMs all run in one AZ (through parent)", async () =>
        expectOne(await run(withProps(baseline(), "web-2", { availabilityZone: "AZ05" })), policy, "web", "web-1, web-2", "AZ05"));
    it("mentions a declared singleAz and accepts it only with the knob", async () => {
        const single = withProps(baseline(), "web", { availabilityZones: ["AZ05"], singleAz: true });
        expectOne(await run(single), policy, "web", "singleAz");
        expectNone(await run(single, { [policy]: { allowDeclaredSingleAz: true } }), policy);
    });
    it("honours minHostsPerCluster and minAvailabilityZones", async () => {
        expectOne(await run(baseline(), { [policy]: { minHostsPerCluster: 3 } }), policy, "clu-az05");
        assert.strictEqual(of(await run(baseline(), { [policy]: { minAvailabilityZones: 3 } }), policy).length, 2);
    });
    it("does not decide on unknown zones or host counts", async () => {
        let r = withProps(baseline(), "tenant", { availabilityZones: ["AZ05", unknownValue] });
        r = withProps(r, "clu-az05", { hostCount: unknownValue });
        r = withProps(r, "web", { availabilityZones: unknownValue });
        r = withProps(r, "web-2", { availabilityZone: unknownValue });
        expectNone(await run(r), policy);
    });
});
