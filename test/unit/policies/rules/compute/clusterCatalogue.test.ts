// securetemple-compute-cluster-catalogue: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import { baseline, byName, res, T, withProps } from "../../fixtures";
import { expectNone, expectOne, run } from "../../harness";

const policy = "securetemple-compute-cluster-catalogue";

describe("securetemple-compute-cluster-catalogue", () => {
    it("reports a model outside the catalogue", async () =>
        expectOne(await run(withProps(baseline(), "clu-az05", { bladeModel: "TURBO" })), policy, "clu-az05", "TURBO"));
    it("reports more than 32 hosts", async () =>
        expectOne(await run(withProps(baseline(), "clu-az05", { hostCount: 40 })), policy, "clu-az05", "40"));
    it("reports two declarations of one cluster with different models", async () => {
        const twin = res(T.cluster, "clu-az05-b", { ...byName(baseline(), "clu-az05").props, bladeModel: "ADVANCE" });
        expectOne(await run([...baseline(), twin]), policy, "clu-az05-b", "STANDARD", "ADVANCE");
    });
    it("accepts the model spelt as its label", async () =>
        expectNone(await run(withProps(baseline(), "clu-az05", { bladeModel: "STANDARD v3" })), policy));
});
