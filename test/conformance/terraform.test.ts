// Conformance of the sandbox with the official Cloud Temple Terraform provider, run by the real
// OpenTofu: for every resource and data source the sandbox emulates, a configuration in the style
// of the provider's docs (configs/), applied, planned again with `-detailed-exitcode` (0: no drift)
// and destroyed, the sandbox then holding nothing the configuration made. The VM group also moves
// its VMs to another cluster and datastore of the same AZ (the provider's relocate), and the import
// group brings a VM made out of band under Terraform. One sandbox for the whole file, with the
// service's rate limits and duplicate throttling on.
import * as assert from "assert";
import * as path from "path";
import { Sandbox } from "../../sandbox";
import { declaredAddresses, TofuResult, tofuWorkspace, TofuWorkspace } from "../support/opentofu";
import { perAddress, planPerAddress, Tally } from "./tally";
import { startSandbox } from "../support/sandbox";

const configs = path.join(__dirname, "configs");
const tally = new Tally();

interface Inventory {
    vms: string[];
    disks: number;
    adapters: number;
    buckets: string[];
    accounts: string[];
}

function inventory(sandbox: Sandbox, prefix: string): Inventory {
    const mine = (name: string) => name.startsWith(prefix);
    const vms = (sandbox.listVirtualMachines() as { id: string; name: string }[]).filter((v) => mine(v.name));
    const ids = new Set(vms.map((v) => v.id));
    return {
        vms: vms.map((v) => v.name),
        disks: (sandbox.listDisks() as { virtualMachineId: string }[]).filter((d) => ids.has(d.virtualMachineId)).length,
        adapters: (sandbox.listNetworkAdapters() as { virtualMachineId: string }[]).filter((a) => ids.has(a.virtualMachineId)).length,
        buckets: (sandbox.listBuckets() as { name: string }[]).map((b) => b.name).filter(mine),
        accounts: (sandbox.listStorageAccounts() as { name: string }[]).map((a) => a.name).filter(mine),
    };
}

const emptyInventory: Inventory = { vms: [], disks: 0, adapters: 0, buckets: [], accounts: [] };

/** Records the outcomes of one step and fails the test with every failing address. */
function expectAll(
    group: string,
    step: string,
    outcomes: { address: string; ok: boolean; why?: string }[],
    result: TofuResult,
    detail = "",
): void {
    for (const o of outcomes) {
        tally.record({ group, step, ...o });
    }
    const failed = outcomes.filter((o) => !o.ok);
    assert.deepStrictEqual(
        failed.map((f) => `${f.address}: ${f.why}`),
        [],
        `${step} in ${group} (exit ${result.code})${detail ? `\n${detail}` : ""}\n${result.stderr.slice(-2000)}`,
    );
}

interface GroupOptions {
    /** Runs after the first plan: further steps on the applied configuration. */
    extraSteps?: (ctx: { sandbox: () => Sandbox; tofu: () => TofuWorkspace; vars: string[] }) => void;
    /** Replaces the first apply (the import group imports instead of creating). */
    firstApply?: (ctx: { sandbox: () => Sandbox; tofu: () => TofuWorkspace; vars: string[] }) => void;
}

describe("conformance: the official Terraform provider under OpenTofu against the sandbox", function () {
    this.timeout(900_000);
    let sandbox: Sandbox;

    before(async () => {
        sandbox = await startSandbox({ rateLimits: true, dedupe: true });
    });

    after(async () => {
        console.log(tally.summary());
        await sandbox?.stop();
    });

    /** apply, plan -detailed-exitcode, destroy, and nothing of the group left in the sandbox. */
    function group(name: string, options: GroupOptions = {}): void {
        describe(name, () => {
            const dir = path.join(configs, name);
            const { resources, dataSources } = declaredAddresses(dir);
            const prefix = `tfc-${name}`;
            const vars = ["-var", `prefix=${prefix}`];
            let tofu: TofuWorkspace;
            const ctx = { sandbox: () => sandbox, tofu: () => tofu, vars };

            before(() => {
                tofu = tofuWorkspace(dir, sandbox);
            });
            after(() => tofu?.dispose());

            if (options.firstApply) {
                options.firstApply(ctx);
            } else {
                it("apply creates every resource and reads every data source", async () => {
                    const result = await tofu.run(["apply", "-auto-approve", "-json", ...vars]);
                    expectAll(name, "apply", perAddress(result, [...resources, ...dataSources], ["create", "read", "update"]), result);
                });
            }

            it("plan -detailed-exitcode finds no drift (exit code 0)", async () => {
                const result = await plan(tofu, vars);
                expectAll(name, "plan", planPerAddress(result, [...resources, ...dataSources]), result, result.diff);
                assert.strictEqual(result.code, 0, result.diff);
            });

            options.extraSteps?.(ctx);

            it("destroy deletes every resource", async () => {
                const result = await tofu.run(["destroy", "-auto-approve", "-json", ...vars]);
                expectAll(name, "destroy", perAddress(result, resources, ["delete"]), result);
            });

            it("leaves nothing it made in the sandbox", () => {
                const left = inventory(sandbox, prefix);
                const ok = JSON.stringify(left) === JSON.stringify(emptyInventory);
                tally.record({ group: name, step: "inventory", address: "(sandbox)", ok, why: ok ? undefined : JSON.stringify(left) });
                assert.deepStrictEqual(left, emptyInventory);
            });
        });
    }

    /** `plan -detailed-exitcode`, with the human-readable diff when something would change. */
    async function plan(tofu: TofuWorkspace, vars: string[]): Promise<TofuResult & { diff: string }> {
        const result = await tofu.run(["plan", "-detailed-exitcode", "-json", "-out=conformance.tfplan", ...vars]);
        const diff = result.code === 2 ? (await tofu.run(["show", "-no-color", "conformance.tfplan"])).stdout : "";
        return { ...result, diff };
    }

    group("datasources");

    group("vm-scratch", {
        extraSteps: ({ sandbox: sb, tofu, vars }) => {
            it("moves its VMs to another cluster and datastore of the AZ in place (relocate), then finds no drift", async () => {
                const before = new Map((sb().listVirtualMachines() as { id: string; name: string }[]).map((v) => [v.name, v.id]));
                const moved = [...vars, "-var", "host_cluster=clu002-az05-perf2", "-var", "datastore=ds-az05-premium-01"];
                const vm = "cloudtemple_compute_virtual_machine";
                const result = await tofu().run(["apply", "-auto-approve", "-json", ...moved]);
                const vmAddresses = ["scratch", "stopped", "cloned"].map((n) => `${vm}.${n}`);
                expectAll("vm-scratch", "relocate", perAddress(result, vmAddresses, ["update"]), result);
                const ids = sb().ids();
                const after = sb().listVirtualMachines() as {
                    id: string;
                    name: string;
                    hostCluster: { id: string };
                    datastore: { id: string };
                }[];
                for (const name of ["scratch", "stopped", "cloned"].map((n) => `tfc-vm-scratch-${n}`)) {
                    const now = after.find((v) => v.name === name);
                    assert.strictEqual(now?.id, before.get(name), `${name} kept its id (moved, not replaced)`);
                    assert.strictEqual(now?.hostCluster.id, ids.hostCluster["clu002-az05-perf2"], `${name} is on the new cluster`);
                }
                assert.strictEqual(
                    after.find((v) => v.name === "tfc-vm-scratch-scratch")?.datastore.id,
                    ids.datastore["ds-az05-premium-01"],
                );
                const again = await plan(tofu(), moved);
                expectAll("vm-scratch", "plan after relocate", planPerAddress(again, vmAddresses), again, again.diff);
            });
        },
    });

    group("vm-content-library");

    group("object-storage");

    group("vm-import", {
        firstApply: ({ sandbox: sb, tofu, vars }) => {
            it("imports a VM made out of band", async () => {
                const ids = sb().ids();
                const res = await fetch(`${sb().endpoint}/_admin/virtual_machines`, {
                    method: "POST",
                    headers: { "content-type": "application/json" },
                    body: JSON.stringify({
                        name: "tfc-vm-import-made-elsewhere",
                        datacenterId: ids.datacenter["dc-az06-th3s"],
                        hostClusterId: ids.hostCluster["clu001-az06-standard"],
                        datastoreId: ids.datastore["ds-az06-standard-01"],
                        memory: 2 * 1024 ** 3,
                        cpu: 2,
                        guestOperatingSystemMoref: "rhel9_64Guest",
                        powerState: "running",
                        slaPolicies: [ids.policy["sla001-daily-par7s"]],
                    }),
                });
                assert.strictEqual(res.status, 201, await res.clone().text());
                const vm = (await res.json()) as { id: string };
                const address = "cloudtemple_compute_virtual_machine.imported";
                const result = await tofu().run(["import", "-no-color", ...vars, address, vm.id]);
                const ok = result.code === 0;
                tally.record({
                    group: "vm-import",
                    step: "import",
                    address,
                    ok,
                    why: ok ? undefined : result.stderr.trim().split("\n").slice(-5).join(" "),
                });
                assert.strictEqual(result.code, 0, result.stdout + result.stderr);
            });
        },
    });

    describe("afterwards", () => {
        it("leaves the whole sandbox inventory empty", () => {
            const left = inventory(sandbox, "");
            const ok = JSON.stringify(left) === JSON.stringify(emptyInventory);
            tally.record({ group: "(all)", step: "inventory", address: "(sandbox)", ok, why: ok ? undefined : JSON.stringify(left) });
            assert.deepStrictEqual(left, emptyInventory);
        });
    });
});
