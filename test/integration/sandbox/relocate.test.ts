// POST /api/compute/v1/vcenters/virtual_machines/relocate over real HTTP: the body the Terraform
// provider sends after every create and on every placement change, as an activity that moves the
// VM (and the disks on its home datastore) in place, checked against the tenant's clusters and
// datastores, the blades and the free memory and space.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { ApiClient, vmBody, vmPath } from "./client";
import { startSandbox } from "../../support/sandbox";

const base = "/api/compute/v1/vcenters";
const GiB = 1024 ** 3;
const relocatePath = `${vmPath}/relocate`;

describe("sandbox: relocate", function () {
    let sandbox: Sandbox;
    let api: ApiClient;
    let ids: Record<string, Record<string, string>>;

    before(async () => {
        sandbox = await startSandbox({ dedupe: false, rateLimits: false });
        api = new ApiClient(sandbox);
        ids = sandbox.ids();
    });
    after(async () => {
        await sandbox?.stop();
    });

    const vm = (id: string) => api.ok(`${vmPath}/${id}`);
    const az07 = (name: string, overrides: Record<string, unknown> = {}) =>
        vmBody(sandbox, name, {
            datacenterId: ids.datacenter["dc-az07-data4"],
            hostClusterId: ids.hostCluster["clu001-az07-advance"],
            datastoreId: ids.datastore["ds-az07-standard-01"],
            ...overrides,
        });

    it("moves a running VM to another cluster and datastore of its AZ in place: same id, still running, home disks along", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "reloc-live"));
        await api.run("POST", "/api/backup/v1/spp/jobs/run", { jobId: ids.job["Hypervisor Inventory"] });
        await api.run("POST", "/api/backup/v1/spp/policies/assign/virtual_machine", {
            virtualMachineIds: [vmId],
            slaPolicies: [ids.policy["sla001-daily-th3s"]],
        });
        await api.run("PATCH", `${vmPath}/power`, { id: vmId, datacenterId: ids.datacenter["dc-az05-par7s"], powerAction: "on" });
        const home = await api.run("POST", `${base}/virtual_disks`, {
            virtualMachineId: vmId,
            capacity: 10 * GiB,
            diskMode: "persistent",
            provisioningType: "dynamic",
        });
        const elsewhere = await api.run("POST", `${base}/virtual_disks`, {
            virtualMachineId: vmId,
            capacity: 5 * GiB,
            diskMode: "persistent",
            provisioningType: "dynamic",
            datastoreId: ids.datastore["ds-az05-mass-01"],
        });

        const activity = await api.wait(
            await api.write("POST", relocatePath, {
                virtualMachines: [vmId],
                priority: "highPriority",
                datacenterId: ids.datacenter["dc-az05-par7s"],
                hostClusterId: ids.hostCluster["clu002-az05-perf2"],
                datastoreId: ids.datastore["ds-az05-standard-02"],
            }),
        );
        assert.ok(activity.state.completed, JSON.stringify(activity.state));
        assert.deepStrictEqual(activity.concernedItems, [{ id: vmId, type: "virtual_machine" }]);
        const moved = await vm(vmId);
        assert.deepStrictEqual(
            [moved.hostCluster.name, moved.datastore.name, moved.powerState],
            ["clu002-az05-perf2", "ds-az05-standard-02", "running"],
        );
        const hosts = await api.ok(`${base}/hosts?hostClusterId=${ids.hostCluster["clu002-az05-perf2"]}`);
        assert.ok(
            hosts.some((h: { virtualMachines: { id: string }[] }) => h.virtualMachines.some((v) => v.id === vmId)),
            "on a host of the new cluster",
        );
        assert.strictEqual(
            (await api.ok(`${base}/virtual_disks/${home}`)).datastore.name,
            "ds-az05-standard-02",
            "the disk on the home datastore moved",
        );
        assert.strictEqual(
            (await api.ok(`${base}/virtual_disks/${elsewhere}`)).datastore.name,
            "ds-az05-mass-01",
            "a disk placed elsewhere stayed",
        );
    });

    it("completes a relocation to where the VM already is (the provider sends one after every create), changing nothing", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "reloc-noop"));
        const before = await vm(vmId);
        await api.run("POST", relocatePath, {
            virtualMachines: [vmId],
            priority: "highPriority",
            datacenterId: before.datacenter.id,
            hostClusterId: before.hostCluster.id,
            datastoreId: before.datastore.id,
        });
        assert.deepStrictEqual(await vm(vmId), before);
    });

    it("moves disks where diskPlacements says, and fills unset fields from the VM", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "reloc-disks"));
        const disk = await api.run("POST", `${base}/virtual_disks`, {
            virtualMachineId: vmId,
            capacity: 4 * GiB,
            diskMode: "persistent",
            provisioningType: "dynamic",
        });
        await api.run("POST", relocatePath, {
            virtualMachines: [vmId],
            diskPlacements: [{ virtualDiskId: disk, virtualMachineId: vmId, datastoreId: ids.datastore["ds-az05-essential-01"] }],
        });
        const after = await vm(vmId);
        assert.deepStrictEqual(
            [after.hostCluster.name, after.datastore.name],
            ["clu001-az05-standard", "ds-az05-premium-01"],
            "the VM stayed",
        );
        assert.strictEqual((await api.ok(`${base}/virtual_disks/${disk}`)).datastore.name, "ds-az05-essential-01");
        await api.rejects(
            "POST",
            relocatePath,
            {
                virtualMachines: [vmId],
                diskPlacements: [
                    { virtualDiskId: ids.datastore["ds-az05-essential-01"], datastoreId: ids.datastore["ds-az05-essential-01"] },
                ],
            },
            "diskPlacements[0].virtualDiskId",
        );
    });

    it("refuses a move to another vCenter, and a datastore not mounted on the target cluster", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "reloc-az"));
        const r = await api.rejects(
            "POST",
            relocatePath,
            {
                virtualMachines: [vmId],
                datacenterId: ids.datacenter["dc-az06-th3s"],
                hostClusterId: ids.hostCluster["clu001-az06-standard"],
                datastoreId: ids.datastore["ds-az06-standard-01"],
            },
            "datacenterId",
            "VALIDATION",
        );
        assert.match(r.json.error.message, /vCenter/);
        await api.rejects(
            "POST",
            relocatePath,
            { virtualMachines: [vmId], datastoreId: ids.datastore["ds-az06-standard-01"] },
            "datastoreId",
        );
        await api.rejects(
            "POST",
            relocatePath,
            { virtualMachines: [vmId], hostClusterId: ids.hostCluster["clu001-az07-advance"] },
            "hostClusterId",
        );
        assert.strictEqual((await vm(vmId)).hostCluster.name, "clu001-az05-standard", "nothing moved");
    });

    it("refuses a VM larger than the target blades or than the cluster's free memory, and disks past the datastore's free space", async () => {
        const big = await api.run("POST", vmPath, az07("reloc-big", { memory: 400 * GiB }));
        await api.rejects(
            "POST",
            relocatePath,
            { virtualMachines: [big], hostClusterId: ids.hostCluster["clu002-az07-eco-single"] },
            "hostClusterId",
        );
        const wide = await api.run("POST", vmPath, az07("reloc-wide", { cpu: 48 }));
        await api.rejects(
            "POST",
            relocatePath,
            { virtualMachines: [wide], hostClusterId: ids.hostCluster["clu002-az07-eco-single"] },
            "hostClusterId",
        );
        // The single ECO host (384 GiB) gets a 300 GiB VM; a 100 GiB one no longer fits beside it.
        await api.run(
            "POST",
            vmPath,
            az07("reloc-filler", { hostClusterId: ids.hostCluster["clu002-az07-eco-single"], memory: 300 * GiB }),
        );
        const mid = await api.run("POST", vmPath, az07("reloc-mid", { memory: 100 * GiB }));
        await api.rejects(
            "POST",
            relocatePath,
            { virtualMachines: [mid], hostClusterId: ids.hostCluster["clu002-az07-eco-single"] },
            "hostClusterId",
            "CAPACITY",
        );
        // A 600 GiB disk on the VM's home datastore cannot follow it to a 512 GiB one.
        await api.run("POST", `${base}/virtual_disks`, {
            virtualMachineId: mid,
            capacity: 600 * GiB,
            diskMode: "persistent",
            provisioningType: "dynamic",
        });
        await api.rejects(
            "POST",
            relocatePath,
            { virtualMachines: [mid], datastoreId: ids.datastore["ds-az07-ultra-01"] },
            "datastoreId",
            "CAPACITY",
        );
    });

    it("validates the body: VM ids, priority, placement ids", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "reloc-body"));
        await api.rejects("POST", relocatePath, { virtualMachines: [] }, "virtualMachines");
        await api.rejects("POST", relocatePath, { priority: "highPriority" }, "virtualMachines");
        await api.rejects("POST", relocatePath, { virtualMachines: [vmId], priority: "urgent" }, "priority");
        await api.rejects("POST", relocatePath, { virtualMachines: ["not-a-uuid"] }, "virtualMachines[0]");
        await api.rejects("POST", relocatePath, { virtualMachines: [ids.datastore["ds-az05-mass-01"]] }, "virtualMachines[0]");
        await api.rejects("POST", relocatePath, { virtualMachines: [vmId, vmId] }, "virtualMachines[1]");
        await api.rejects("POST", relocatePath, { virtualMachines: [vmId], hostClusterId: "nope" }, "hostClusterId");
    });
});
