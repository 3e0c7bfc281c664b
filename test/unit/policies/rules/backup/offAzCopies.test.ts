// securetemple-backup-off-az-copies: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import { unknownValue } from "../../../../../policies/engine";
import { baseline, withProps } from "../../fixtures";
import { expectNone, expectOne, run } from "../../harness";

const policy = "securetemple-backup-off-az-copies";

describe("securetemple-backup-off-az-copies", () => {
    it("reports a replica backed up in its own zone (workload placement)", async () => {
        const placement = [
            { vmName: "web-1", availabilityZone: "AZ05", backupSites: ["PAR7S"] },
            { vmName: "web-2", availabilityZone: "AZ06", backupSites: ["PAR7S"] },
        ];
        expectOne(await run(withProps(baseline(), "web", { placement })), policy, "web", "web-1", "AZ05", "PAR7S");
    });
    it("reports a VM whose policy keeps copies in its AZ (through dependencies)", async () =>
        expectOne(await run(withProps(baseline(), "web-1", { availabilityZone: "AZ06" })), policy, "web-1", "AZ06", "sla001-daily-th3s"));
    it("reports a VM whose policy is matched by a known id only", async () => {
        const r = baseline().map((x) =>
            x.name === "web-1"
                ? { ...x, dependencies: [], propertyDependencies: {}, props: { ...x.props, backupPolicies: ["pol-par7s"] } }
                : x,
        );
        expectOne(await run(r), policy, "web-1", "sla001-daily-par7s");
    });
    it("does not decide on an unknown AZ or site", async () => {
        expectNone(await run(withProps(baseline(), "web-1", { availabilityZone: unknownValue })), policy);
        expectNone(
            await run(
                withProps(baseline(), "web", { placement: [{ vmName: "web-1", availabilityZone: "AZ05", backupSites: [unknownValue] }] }),
            ),
            policy,
        );
    });
});
