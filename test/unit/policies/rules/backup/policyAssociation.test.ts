// securetemple-backup-policy-association: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import * as assert from "assert";
import { unknownValue } from "../../../../../policies/engine";
import { baseline, res, T, withNoBackup, withProps } from "../../fixtures";
import { expectNone, expectOne, of, run } from "../../harness";

const policy = "securetemple-backup-policy-association";

describe("securetemple-backup-policy-association", () => {
    it("reports a powered-on VM without policy", async () =>
        expectOne(await run(withProps(baseline(), "web-1", { backupPolicies: [] })), policy, "web-1", "powered on"));
    it("reports a VM whose powerState is absent (defaults to on)", async () =>
        expectOne(await run(withProps(baseline(), "web-1", { backupPolicies: [], powerState: undefined })), policy, "web-1", "powered on"));
    it("reports a powered-off VM without policy unless allowed", async () => {
        const off = withProps(baseline(), "web-1", { backupPolicies: [], powerState: "off" });
        expectOne(await run(off), policy, "web-1", "cannot be started");
        expectNone(await run(off, { [policy]: { allowPoweredOffWithoutBackup: true } }), policy);
    });
    it("reports a HELD policy assigned through a dependency", async () =>
        expectOne(
            await run(withProps(baseline(), "daily-th3s", { status: "HELD" })).then((v) => v.filter((x) => x.resourceName === "web-1")),
            policy,
            "web-1",
            "HELD",
            "sla001-daily-th3s",
        ));
    it("reports a HELD policy named by a workload", async () => {
        const v = await run(withProps(baseline(), "daily-par7s", { status: "HELD" }));
        assert.deepStrictEqual(
            of(v, policy)
                .map((x) => x.resourceName)
                .sort(),
            ["web", "web-2"],
        );
    });
    it("reports nobackup without acknowledgement, and not with one", async () => {
        expectOne(await run(withNoBackup()), policy, "web-1", "nobackup", "acknowledgement");
        expectNone(await run(withNoBackup("test machine, rebuilt from image")), policy);
        expectNone(await run(withNoBackup(undefined, "scratch VM")), policy);
    });
    it("matches a literal nobackup name and a configured one", async () => {
        expectOne(await run(withProps(baseline(), "web-1", { backupPolicies: ["nobackup"] })), policy, "web-1", "nobackup");
        const custom = withProps(baseline(), "web-1", { backupPolicies: ["no-backup"] });
        expectNone(await run(custom), policy);
        expectOne(await run(custom, { [policy]: { noBackupPolicyNames: ["no-backup"] } }), policy, "web-1");
    });
    it("reports a workload that names no policy", async () =>
        expectOne(await run(withProps(baseline(), "web", { backupPolicyNames: [] })), policy, "web"));
    it("does not decide on an unknown policy list", async () =>
        expectNone(await run(withProps(baseline(), "web-1", { backupPolicies: unknownValue })), policy));

    describe("bridged Cloud Temple provider", () => {
        const ct = (props: Record<string, unknown>) => [
            ...baseline(),
            res(T.ctVm, "legacy", { name: "legacy", datacenterId: "dc", hostClusterId: "hc", ...props }),
        ];
        it("reports a powered-on VM with empty backupSlaPolicies", async () =>
            expectOne(await run(ct({ powerState: "on", backupSlaPolicies: [] })), policy, "legacy", "Cloud Temple", "backupSlaPolicies"));
        it("treats an absent power_state as off (the provider's default)", async () =>
            expectOne(await run(ct({})), policy, "legacy", "cannot be started"));
        it("accepts a VM with a policy id", async () =>
            expectNone(await run(ct({ powerState: "on", backupSlaPolicies: ["a1b2c3d4-0000-4000-8000-000000000000"] })), policy));
        it("reports a HELD policy matched by its known id", async () =>
            expectOne(
                await run(withProps(ct({ powerState: "on", backupSlaPolicies: ["pol-par7s"] }), "daily-par7s", { status: "HELD" })).then(
                    (v) => v.filter((x) => x.resourceName === "legacy"),
                ),
                policy,
                "legacy",
                "HELD",
            ));
    });

    describe("raw vSphere", () => {
        const category = res(T.vsCategory, "backup-cat", {
            name: "backup-policy",
            cardinality: "SINGLE",
            associableTypes: ["VirtualMachine"],
        });
        const otherCategory = res(T.vsCategory, "env-cat", { name: "environment", cardinality: "SINGLE" });
        const tag = res(
            T.vsTag,
            "daily",
            { name: "sla001-daily-th3s", categoryId: unknownValue },
            { dependencies: [category.urn], propertyDependencies: { categoryId: [category.urn] } },
        );
        const envTag = res(
            T.vsTag,
            "prod",
            { name: "prod", categoryId: unknownValue },
            { dependencies: [otherCategory.urn], propertyDependencies: { categoryId: [otherCategory.urn] } },
        );
        const vm = (tags: string[], deps: string[]) =>
            res(T.vsVm, "vs1", { name: "vs1", resourcePoolId: "rp", tags }, { dependencies: deps, propertyDependencies: { tags: deps } });
        it("accepts a VM tagged from a backup category, matched through dependencies while tag ids are unknown", async () =>
            expectNone(await run([...baseline(), category, tag, vm([unknownValue], [tag.urn])]), policy));
        it("reports a VM without tags", async () => expectOne(await run([...baseline(), category, vm([], [])]), policy, "vs1", "vSphere"));
        it("reports a VM whose only tag is from another category", async () =>
            expectOne(
                await run([...baseline(), otherCategory, envTag, vm([unknownValue], [envTag.urn])]),
                policy,
                "vs1",
                "none from a backup category",
            ));
        it("matches tags and categories by their known ids (state audits)", async () => {
            const cat = res(T.vsCategory, "backup-cat", { id: "urn:vmomi:InventoryServiceCategory:c1", name: "backup-policy" });
            const known = res(T.vsTag, "daily", {
                id: "urn:vmomi:InventoryServiceTag:t1",
                name: "sla001-daily-th3s",
                categoryId: "urn:vmomi:InventoryServiceCategory:c1",
            });
            const other = res(T.vsCategory, "env-cat", { id: "urn:vmomi:InventoryServiceCategory:c2", name: "environment" });
            const envKnown = res(T.vsTag, "prod", {
                id: "urn:vmomi:InventoryServiceTag:t2",
                name: "prod",
                categoryId: "urn:vmomi:InventoryServiceCategory:c2",
            });
            expectNone(
                await run([
                    ...baseline(),
                    cat,
                    known,
                    other,
                    envKnown,
                    vm(["urn:vmomi:InventoryServiceTag:t1", "urn:vmomi:InventoryServiceTag:t2"], []),
                ]),
                policy,
            );
            expectOne(
                await run([...baseline(), cat, known, other, envKnown, vm(["urn:vmomi:InventoryServiceTag:t2"], [])]),
                policy,
                "vs1",
                "none from a backup category",
            );
        });
        it("does not decide when a tag cannot be resolved", async () =>
            expectNone(await run([...baseline(), vm(["urn:vmomi:InventoryServiceTag:abc"], [])]), policy));
        it("reports a HELD policy named by the backup tag", async () =>
            expectOne(
                await run(withProps([...baseline(), category, tag, vm([unknownValue], [tag.urn])], "daily-th3s", { status: "HELD" })).then(
                    (v) => v.filter((x) => x.resourceName === "vs1"),
                ),
                policy,
                "vs1",
                "HELD",
            ));
    });
});
