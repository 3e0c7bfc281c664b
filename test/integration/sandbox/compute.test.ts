// Compute over real HTTP: discovery with the AZ extensions, the VM lifecycle as the Terraform
// provider drives it, placement, capacity and bounds checks, clones, deployments, disks, adapters.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { ApiClient, vmBody, vmPath } from "./client";
import { startSandbox, virtualClock } from "../../support/sandbox";

const base = "/api/compute/v1/vcenters";
const GiB = 1024 ** 3;

describe("sandbox: compute", function () {
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

    /** Creates a VM in AZ05, runs the inventory job and assigns policies, as the provider does. */
    async function protectedVm(name: string, policies = ["sla001-daily-th3s"]): Promise<string> {
        const a = await api.wait(await api.write("POST", vmPath, vmBody(sandbox, name)));
        const vmId = a.concernedItems.find((c: { type: string }) => c.type === "virtual_machine").id;
        await api.run("POST", "/api/backup/v1/spp/jobs/run", { jobId: ids.job["Hypervisor Inventory"] });
        await api.run("POST", "/api/backup/v1/spp/policies/assign/virtual_machine", {
            virtualMachineIds: [vmId],
            slaPolicies: policies.map((p) => ids.policy[p]),
        });
        return vmId;
    }

    describe("discovery", () => {
        it("lists one virtual datacenter per AZ, filtered by name and machine manager", async () => {
            const all = await api.ok(`${base}/virtual_datacenters`);
            assert.deepStrictEqual(all.map((d: { availabilityZone: string }) => d.availabilityZone).sort(), ["AZ05", "AZ06", "AZ07"]);
            const dc = all.find((d: { name: string }) => d.name === "dc-az06-th3s");
            assert.strictEqual(dc.machineManager.name, "vc-vstack-az06-t0001");
            const filtered = await api.ok(`${base}/virtual_datacenters?machineManagerId=${dc.machineManager.id}&name=dc-az06-th3s`);
            assert.deepStrictEqual(
                filtered.map((d: { id: string }) => d.id),
                [dc.id],
            );
            assert.strictEqual(
                (await api.get(`${base}/virtual_datacenters/${"0".repeat(8)}-0000-0000-0000-${"0".repeat(12)}`)).status,
                404,
            );
        });

        it("gives host clusters their AZ, blade model and host count, and int metrics", async () => {
            const clusters = await api.ok(`${base}/host_clusters?datacenterId=${ids.datacenter["dc-az07-data4"]}`);
            const names = clusters.map((c: { name: string }) => c.name).sort();
            assert.deepStrictEqual(names, ["clu001-az07-advance", "clu002-az07-eco-single"]);
            const single = clusters.find((c: { name: string }) => c.name === "clu002-az07-eco-single");
            assert.strictEqual(single.availabilityZone, "AZ07");
            assert.strictEqual(single.bladeModel, "ECO_V3");
            assert.strictEqual(single.hostsNumber, 1);
            assert.strictEqual(single.metrics.totalMemory, 384 * GiB);
            assert.ok(Number.isInteger(single.metrics.memoryUsed));
            const hosts = await api.ok(`${base}/hosts?hostClusterId=${single.id}`);
            assert.strictEqual(hosts.length, 1);
            assert.strictEqual((await api.ok(`${base}/hosts/${hosts[0].id}`)).metrics.memory.memorySize, 384 * GiB);
        });

        it("gives datastores their AZ and tier, accessible as an integer, and datastore clusters", async () => {
            const ds = await api.ok(`${base}/datastores?name=ds-az05-premium-01`);
            assert.strictEqual(ds.length, 1);
            assert.strictEqual(ds[0].tier, "PREMIUM");
            assert.strictEqual(ds[0].availabilityZone, "AZ05");
            assert.strictEqual(ds[0].accessible, 1);
            assert.strictEqual(ds[0].maxCapacity, 1024 * GiB);
            const groups = await api.ok(`${base}/datastore_clusters?datacenterId=${ids.datacenter["dc-az05-par7s"]}`);
            assert.strictEqual(groups[0].name, "sdrs-az05-standard");
            assert.strictEqual(groups[0].datastores.length, 2);
            const members = await api.ok(`${base}/datastores?datastoreClusterId=${groups[0].id}`);
            assert.strictEqual(members.length, 2);
        });

        it("lists networks, guest OSes (500 for an unknown moref) and content library items", async () => {
            const nets = await api.ok(`${base}/networks?datacenterId=${ids.datacenter["dc-az06-th3s"]}`);
            assert.deepStrictEqual(nets.map((n: { name: string }) => n.name).sort(), ["vlan-az06-admin", "vlan-az06-app"]);
            const oses = await api.ok(`${base}/guest_operating_systems`);
            assert.ok(oses.some((o: { moref: string }) => o.moref === "rhel9_64Guest"));
            assert.strictEqual((await api.ok(`${base}/guest_operating_systems/ubuntu64Guest`)).family, "LINUX");
            assert.strictEqual((await api.get(`${base}/guest_operating_systems/nosuchGuest`)).status, 500);
            const libs = await api.ok(`${base}/content_libraries`);
            const items = await api.ok(`${base}/content_libraries/${libs[0].id}/items`);
            assert.ok(items.some((i: { name: string }) => i.name === "ubuntu-24.04-cloudimg"));
            assert.strictEqual((await api.ok(`${base}/content_libraries/${libs[0].id}/items/${items[0].id}`)).id, items[0].id);
            const vcenters = await api.ok(base);
            assert.strictEqual(vcenters.length, 3);
        });

        it("reads every listed object back by id, and answers 404 for an unknown id", async () => {
            const unknown = "00000000-0000-4000-8000-000000000000";
            for (const kind of [
                "virtual_datacenters",
                "host_clusters",
                "hosts",
                "datastores",
                "datastore_clusters",
                "networks",
                "content_libraries",
            ]) {
                const list = await api.ok(`${base}/${kind}`);
                assert.ok(list.length > 0, kind);
                for (const item of list) {
                    assert.deepStrictEqual(await api.ok(`${base}/${kind}/${item.id}`), item, `${kind}/${item.id}`);
                }
                assert.strictEqual((await api.get(`${base}/${kind}/${unknown}`)).status, 404, kind);
            }
            const vc = (await api.ok(base))[0];
            assert.deepStrictEqual(await api.ok(`${base}/${vc.id}`), vc);
            assert.strictEqual(vc.availabilityZone, "AZ05");
        });
    });

    describe("virtual machines", () => {
        it("creates a VM through an activity that waits, runs, then completes with the id in concernedItems and result", async () => {
            // A sandbox of its own on a virtual clock: the activity stays in each state until the
            // test moves time on, however long a request takes on a loaded machine.
            const time = virtualClock();
            const timed = await startSandbox({
                dedupe: false,
                rateLimits: false,
                activityLatencyMs: 400,
                clock: time.clock,
                minio: sandbox.minio,
            });
            try {
                const timedApi = new ApiClient(timed);
                const activityId = await timedApi.write("POST", vmPath, vmBody(timed, "web-01"));
                const first = await timedApi.ok(`/api/activity/v1/activities/${activityId}`);
                assert.deepStrictEqual(Object.keys(first.state), ["waiting"]);
                assert.match(first.creationDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
                const vmId = first.concernedItems.find((c: { type: string }) => c.type === "virtual_machine").id;
                // Not there before the activity completes.
                assert.strictEqual((await timedApi.get(`${vmPath}/${vmId}`)).status, 404);
                // Waiting is the first 20 % of its 400 ms; 150 ms in, it runs.
                await time.advance(150);
                const running = await timedApi.ok(`/api/activity/v1/activities/${activityId}`);
                assert.deepStrictEqual(Object.keys(running.state), ["running"]);
                assert.strictEqual(running.state.running.progression, Math.floor(((150 - 80) / 320) * 100));
                assert.strictEqual((await timedApi.get(`${vmPath}/${vmId}`)).status, 404, "still not there while it runs");
                await time.advance(250);
                const done = await timedApi.wait(activityId);
                assert.strictEqual(done.state.completed.result, vmId);
                const vm = await timedApi.ok(`${vmPath}/${vmId}`);
                assert.strictEqual(vm.name, "web-01");
                assert.strictEqual(vm.powerState, "stopped");
                assert.strictEqual(vm.memory, 2 * GiB);
                assert.strictEqual(vm.numCoresPerSocket, 1);
                assert.strictEqual(vm.operatingSystemMoref, "ubuntu64Guest");
                assert.strictEqual(vm.datacenter.id, timed.ids().datacenter["dc-az05-par7s"]);
                assert.strictEqual(vm.hostCluster.name, "clu001-az05-standard");
                assert.strictEqual(vm.availabilityZone, "AZ05");
            } finally {
                await timed.stop();
            }
        });

        it("applies defaults when memory and cpu are left out, as the real API does", async () => {
            const vmId = await api.run("POST", vmPath, vmBody(sandbox, "defaults-01", { memory: undefined, cpu: undefined }));
            const vm = await api.ok(`${vmPath}/${vmId}`);
            assert.deepStrictEqual([vm.memory, vm.cpu], [GiB, 1]);
        });

        it("records guest customisation and extra configuration as activities, and lists activities", async () => {
            const vmId = await api.run("POST", vmPath, vmBody(sandbox, "custom-01"));
            const a1 = await api.run("PATCH", `${vmPath}/${vmId}/guest/customize`, {
                networkConfig: { hostname: "custom-01", domain: "lan" },
            });
            const a2 = await api.run("PATCH", `${vmPath}/${vmId}/extra_config`, { "guestinfo.userdata": "e30=" });
            assert.strictEqual(a1, "");
            assert.strictEqual(a2, "");
            assert.strictEqual((await api.raw("PATCH", `${vmPath}/00000000-0000-4000-8000-000000000000/extra_config`, {})).status, 404);
            const all = await api.ok("/api/activity/v1/activities");
            assert.ok(all.filter((a: { concernedItems: { id: string }[] }) => a.concernedItems.some((c) => c.id === vmId)).length >= 3);
            assert.strictEqual((await api.get("/api/activity/v1/activities/00000000-0000-4000-8000-000000000000")).status, 404);
        });

        it("answers the reads the provider makes after a create: disks, adapters, policies, tags", async () => {
            const vmId = await api.run("POST", vmPath, vmBody(sandbox, "web-02"));
            assert.deepStrictEqual(await api.ok(`${base}/virtual_disks?virtualMachineId=${vmId}`), []);
            assert.deepStrictEqual(await api.ok(`${base}/network_adapters?virtualMachineId=${vmId}`), []);
            assert.deepStrictEqual(await api.ok(`/api/backup/v1/spp/policies?virtualMachineId=${vmId}`), []);
            assert.deepStrictEqual(await api.ok(`/api/tag/v1/tags/resources/${vmId}`), []);
            const listed = await api.ok(`${vmPath}?datacenters[]=${ids.datacenter["dc-az05-par7s"]}&name=web-02`);
            assert.deepStrictEqual(
                listed.map((v: { id: string }) => v.id),
                [vmId],
            );
        });

        it("applies the sizing PATCH and a rename, and checks cores per socket", async () => {
            const vmId = await api.run("POST", vmPath, vmBody(sandbox, "app-01"));
            await api.run("PATCH", vmPath, {
                id: vmId,
                ram: 4 * GiB,
                memoryReservation: 0,
                cpu: 4,
                corePerSocket: 2,
                hotCpuAdd: true,
                hotCpuRemove: false,
                hotMemAdd: true,
            });
            let vm = await api.ok(`${vmPath}/${vmId}`);
            assert.deepStrictEqual(
                [vm.memory, vm.cpu, vm.numCoresPerSocket, vm.cpuHotAddEnabled, vm.memoryHotAddEnabled],
                [4 * GiB, 4, 2, true, true],
            );
            await api.rejects("PATCH", vmPath, { id: vmId, ram: 4 * GiB, cpu: 3, corePerSocket: 2 }, "corePerSocket");
            await api.run("PATCH", `${vmPath}/rename`, { id: vmId, name: "app-01-renamed" });
            await api.run("PATCH", `${vmPath}/${vmId}/guest`, { guestOperatingSystemMoref: "rhel9_64Guest" });
            vm = await api.ok(`${vmPath}/${vmId}`);
            assert.strictEqual(vm.name, "app-01-renamed");
            assert.strictEqual(vm.operatingSystemMoref, "rhel9_64Guest");
        });

        it("refuses to power on a VM of the SNC tenant without a backup policy, then powers it on once protected", async () => {
            const vmId = await api.run("POST", vmPath, vmBody(sandbox, "db-01"));
            const vm = await api.ok(`${vmPath}/${vmId}`);
            await api.rejects(
                "PATCH",
                `${vmPath}/power`,
                { id: vmId, datacenterId: vm.datacenter.id, powerAction: "on" },
                "powerAction",
                "SNC_BACKUP_REQUIRED",
            );
            await api.run("POST", "/api/backup/v1/spp/jobs/run", { jobId: ids.job["Hypervisor Inventory"] });
            await api.run("POST", "/api/backup/v1/spp/policies/assign/virtual_machine", {
                virtualMachineIds: [vmId],
                slaPolicies: [ids.policy["sla001-daily-th3s"]],
            });
            const recs = await api.ok(
                `${vmPath}/power/recommendations?datacenterId=${vm.datacenter.id}&hostClusterId=${vm.hostCluster.id}&virtualMachineId=${vmId}`,
            );
            assert.strictEqual(recs[0].hostClusterId, vm.hostCluster.id);
            assert.ok(Number.isInteger(recs[0].key));
            await api.run("PATCH", `${vmPath}/power`, {
                id: vmId,
                datacenterId: vm.datacenter.id,
                powerAction: "on",
                recommendation: { key: recs[0].key, hostClusterId: recs[0].hostClusterId, hostId: "", hostClusterName: "", hostName: "" },
            });
            assert.strictEqual((await api.ok(`${vmPath}/${vmId}`)).powerState, "running");
        });

        it("refuses to delete a running VM; deletes it once powered off, and then answers 404", async () => {
            const vmId = await protectedVm("tmp-01");
            const vm = await api.ok(`${vmPath}/${vmId}`);
            await api.run("PATCH", `${vmPath}/power`, { id: vmId, datacenterId: vm.datacenter.id, powerAction: "on" });
            await api.rejects("DELETE", `${vmPath}/${vmId}`, undefined, "powerState", "POWERED_ON");
            await api.rejects("PATCH", vmPath, { id: vmId, ram: 8 * GiB, cpu: 2, corePerSocket: 1 }, "ram", "POWERED_ON");
            await api.run("PATCH", `${vmPath}/power`, { id: vmId, datacenterId: vm.datacenter.id, powerAction: "off" });
            await api.run("DELETE", `${vmPath}/${vmId}`);
            assert.strictEqual((await api.get(`${vmPath}/${vmId}`)).status, 404);
            assert.strictEqual((await api.raw("DELETE", `${vmPath}/${vmId}`)).status, 404);
        });

        it("checks placement: datacenter, cluster and datastore exist and belong together", async () => {
            const unknown = "00000000-0000-4000-8000-000000000000";
            await api.rejects("POST", vmPath, vmBody(sandbox, "p1", { datacenterId: unknown }), "datacenterId");
            await api.rejects("POST", vmPath, vmBody(sandbox, "p2", { hostClusterId: unknown }), "hostClusterId");
            await api.rejects(
                "POST",
                vmPath,
                vmBody(sandbox, "p3", { hostClusterId: ids.hostCluster["clu001-az06-standard"] }),
                "hostClusterId",
            );
            await api.rejects("POST", vmPath, vmBody(sandbox, "p4", { datastoreId: ids.datastore["ds-az06-premium-01"] }), "datastoreId");
            await api.rejects("POST", vmPath, vmBody(sandbox, "p5", { datastoreId: undefined }), "datastoreId");
            await api.rejects("POST", vmPath, vmBody(sandbox, "p6", { hostClusterId: "not-a-uuid" }), "hostClusterId");
            await api.rejects(
                "POST",
                vmPath,
                vmBody(sandbox, "p7", { guestOperatingSystemMoref: "beos5Guest" }),
                "guestOperatingSystemMoref",
            );
            // A datastore cluster places the VM on one of its members.
            const id = await api.run(
                "POST",
                vmPath,
                vmBody(sandbox, "sdrs-01", { datastoreId: undefined, datastoreClusterId: ids.datastoreCluster["sdrs-az05-standard"] }),
            );
            const vm = await api.ok(`${vmPath}/${id}`);
            assert.ok(["ds-az05-standard-01", "ds-az05-standard-02"].includes(vm.datastore.name));
            assert.strictEqual(vm.datastoreCluster.name, "sdrs-az05-standard");
        });

        it("checks bounds and uniqueness with a 400 naming the field", async () => {
            await api.rejects("POST", vmPath, vmBody(sandbox, "b1", { memory: 1.5 }), "memory");
            await api.rejects("POST", vmPath, vmBody(sandbox, "b2", { memory: "1073741824" }), "memory");
            await api.rejects("POST", vmPath, vmBody(sandbox, "b3", { memory: 1024 }), "memory");
            await api.rejects("POST", vmPath, vmBody(sandbox, "b4", { memory: GiB + 1024 * 1024 }), "memory");
            await api.rejects("POST", vmPath, vmBody(sandbox, "b5", { cpu: 0 }), "cpu");
            await api.rejects("POST", vmPath, vmBody(sandbox, "b6", { cpu: 65 }), "cpu");
            await api.rejects("POST", vmPath, vmBody(sandbox, "b7", { name: undefined }), "name");
            // A name already taken in the datacenter (made here, so the test needs no other before it).
            await api.run("POST", vmPath, vmBody(sandbox, "taken-01"));
            await api.rejects("POST", vmPath, vmBody(sandbox, "taken-01"), "name");
            const bad = await api.raw("POST", vmPath, undefined, true, { "content-type": "application/json" });
            assert.strictEqual(bad.status, 400);
        });

        it("refuses memory that does not fit in the cluster's blades", async () => {
            const single = ids.hostCluster["clu002-az07-eco-single"];
            const target = {
                datacenterId: ids.datacenter["dc-az07-data4"],
                hostClusterId: single,
                datastoreId: ids.datastore["ds-az07-standard-01"],
            };
            // One ECO blade: 384 GiB. A 300 GiB VM fits, a second one does not.
            await api.run("POST", vmPath, vmBody(sandbox, "big-01", { ...target, memory: 300 * GiB }));
            await api.rejects("POST", vmPath, vmBody(sandbox, "big-02", { ...target, memory: 100 * GiB }), "memory", "CAPACITY");
            await api.rejects("POST", vmPath, vmBody(sandbox, "big-03", { ...target, memory: 400 * GiB }), "memory", "VALIDATION");
        });

        it("clones a VM (id from the activity result) and deploys a content library item", async () => {
            const srcId = await api.run("POST", vmPath, vmBody(sandbox, "tpl-src"));
            await api.run("POST", `${base}/virtual_disks`, {
                provisioningType: "dynamic",
                diskMode: "persistent",
                capacity: 20 * GiB,
                virtualMachineId: srcId,
            });
            const cloneId = await api.run("POST", `${vmPath}/${srcId}/clone`, {
                name: "tpl-clone",
                datacenterId: ids.datacenter["dc-az05-par7s"],
                hostClusterId: ids.hostCluster["clu002-az05-perf2"],
            });
            const clone = await api.ok(`${vmPath}/${cloneId}`);
            assert.strictEqual(clone.hostCluster.name, "clu002-az05-perf2");
            assert.strictEqual(clone.memory, 2 * GiB);
            assert.strictEqual((await api.ok(`${base}/virtual_disks?virtualMachineId=${cloneId}`)).length, 1);
            await api.rejects(
                "POST",
                `${vmPath}/${srcId}/clone`,
                { name: "tpl-clone-on", powerOn: true },
                "powerOn",
                "SNC_BACKUP_REQUIRED",
            );
            assert.strictEqual((await api.raw("POST", `${vmPath}/00000000-0000-4000-8000-000000000000/clone`, { name: "x" })).status, 404);

            const lib = (await api.ok(`${base}/content_libraries`))[0];
            const item = (await api.ok(`${base}/content_libraries/${lib.id}/items?name=ubuntu-24.04-cloudimg`))[0];
            const deployedId = await api.run("POST", `${base}/content_libraries/${lib.id}/items`, {
                contentLibraryItemId: item.id,
                name: "from-lib",
                hostClusterId: ids.hostCluster["clu001-az05-standard"],
                datastoreId: ids.datastore["ds-az05-standard-01"],
                datacenterId: ids.datacenter["dc-az05-par7s"],
                networkData: [{ networkAdapterId: "", networkId: ids.network["vlan-az05-app"] }],
            });
            assert.strictEqual((await api.ok(`${vmPath}/${deployedId}`)).operatingSystemMoref, "ubuntu64Guest");
            const adapters = await api.ok(`${base}/network_adapters?virtualMachineId=${deployedId}`);
            assert.strictEqual(adapters[0].network.name, "vlan-az05-app");
        });
    });

    describe("disks and network adapters", () => {
        it("creates, grows, refuses to shrink and deletes a disk, and counts it against the datastore", async () => {
            const vmId = await api.run("POST", vmPath, vmBody(sandbox, "disk-host"));
            const before = (await api.ok(`${base}/datastores/${ids.datastore["ds-az05-premium-01"]}`)).freeCapacity;
            const diskId = await api.run("POST", `${base}/virtual_disks`, {
                provisioningType: "staticImmediate",
                diskMode: "persistent",
                capacity: 10 * GiB,
                virtualMachineId: vmId,
                datastoreId: ids.datastore["ds-az05-premium-01"],
            });
            const disk = await api.ok(`${base}/virtual_disks/${diskId}`);
            assert.deepStrictEqual(
                [disk.capacity, disk.virtualMachineId, disk.datastore.name, disk.diskUnitNumber],
                [10 * GiB, vmId, "ds-az05-premium-01", 0],
            );
            assert.strictEqual((await api.ok(`${base}/datastores/${ids.datastore["ds-az05-premium-01"]}`)).freeCapacity, before - 10 * GiB);
            await api.run("PATCH", `${base}/virtual_disks`, { id: diskId, newCapacity: 20 * GiB });
            assert.strictEqual((await api.ok(`${base}/virtual_disks/${diskId}`)).capacity, 20 * GiB);
            await api.rejects("PATCH", `${base}/virtual_disks`, { id: diskId, newCapacity: 5 * GiB }, "newCapacity");
            await api.rejects(
                "POST",
                `${base}/virtual_disks`,
                { provisioningType: "thin", diskMode: "persistent", capacity: GiB, virtualMachineId: vmId },
                "provisioningType",
            );
            await api.rejects(
                "POST",
                `${base}/virtual_disks`,
                { provisioningType: "dynamic", diskMode: "persistent", capacity: 0, virtualMachineId: vmId },
                "capacity",
            );
            await api.rejects(
                "POST",
                `${base}/virtual_disks`,
                { provisioningType: "dynamic", diskMode: "persistent", capacity: 2000 * GiB, virtualMachineId: vmId },
                "capacity",
                "CAPACITY",
            );
            await api.rejects(
                "POST",
                `${base}/virtual_disks`,
                {
                    provisioningType: "dynamic",
                    diskMode: "persistent",
                    capacity: GiB,
                    virtualMachineId: vmId,
                    datastoreId: ids.datastore["ds-az06-standard-01"],
                },
                "datastoreId",
            );
            await api.run("DELETE", `${base}/virtual_disks/${diskId}`);
            assert.strictEqual((await api.get(`${base}/virtual_disks/${diskId}`)).status, 404);
        });

        it("creates, moves, disconnects and deletes a network adapter", async () => {
            const vmId = await api.run("POST", vmPath, vmBody(sandbox, "nic-host"));
            const nicId = await api.run("POST", `${base}/network_adapters`, {
                virtualMachineId: vmId,
                networkId: ids.network["vlan-az05-app"],
                type: "VMXNET3",
            });
            let nic = await api.ok(`${base}/network_adapters/${nicId}`);
            assert.strictEqual(nic.macType, "GENERATED");
            assert.match(nic.macAddress, /^00:50:56:/);
            await api.run("PATCH", `${base}/network_adapters`, {
                id: nicId,
                newNetworkId: ids.network["vlan-az05-admin"],
                autoConnect: false,
                macAddress: "00:50:56:aa:bb:cc",
            });
            await api.run("PATCH", `${base}/network_adapters/disconnect`, { id: nicId });
            nic = await api.ok(`${base}/network_adapters/${nicId}`);
            assert.deepStrictEqual(
                [nic.network.name, nic.autoConnect, nic.connected, nic.macType, nic.macAddress],
                ["vlan-az05-admin", false, false, "MANUAL", "00:50:56:aa:bb:cc"],
            );
            await api.rejects(
                "POST",
                `${base}/network_adapters`,
                { virtualMachineId: vmId, networkId: ids.network["vlan-az06-app"], type: "VMXNET3" },
                "networkId",
            );
            await api.rejects(
                "POST",
                `${base}/network_adapters`,
                { virtualMachineId: vmId, networkId: ids.network["vlan-az05-app"], type: "RTL8139" },
                "type",
            );
            await api.rejects(
                "POST",
                `${base}/network_adapters`,
                { virtualMachineId: vmId, networkId: ids.network["vlan-az05-app"], type: "E1000", macAddress: "zz" },
                "macAddress",
            );
            await api.run("DELETE", `${base}/network_adapters/${nicId}`);
            assert.strictEqual((await api.get(`${base}/network_adapters/${nicId}`)).status, 404);
        });

        it("connects adapters as the VM's power state allows: never on a stopped VM, at power-on when set to, at once on a running VM", async () => {
            const vmId = await protectedVm("nic-power");
            const add = () =>
                api.run("POST", `${base}/network_adapters`, {
                    virtualMachineId: vmId,
                    networkId: ids.network["vlan-az05-app"],
                    type: "VMXNET3",
                });
            const state = async (id: string) => {
                const n = await api.ok(`${base}/network_adapters/${id}`);
                return [n.connected, n.autoConnect];
            };
            const power = (powerAction: string) =>
                api.run("PATCH", `${vmPath}/power`, { id: vmId, datacenterId: ids.datacenter["dc-az05-par7s"], powerAction });
            // A new adapter is not connected (a client that asks for nothing reads false), and connects at power-on.
            const first = await add();
            assert.deepStrictEqual(await state(first), [false, true]);
            // On a stopped VM, connect and disconnect set whether the adapter connects at power-on.
            const second = await add();
            await api.run("PATCH", `${base}/network_adapters/disconnect`, { id: second });
            assert.deepStrictEqual(await state(second), [false, false]);
            await power("on");
            assert.deepStrictEqual(await state(first), [true, true], "connected at power-on");
            assert.deepStrictEqual(await state(second), [false, false], "left disconnected at power-on");
            // On a running VM they act at once; a new adapter there starts disconnected too.
            await api.run("PATCH", `${base}/network_adapters/connect`, { id: second });
            assert.deepStrictEqual(await state(second), [true, false]);
            const third = await add();
            assert.deepStrictEqual(await state(third), [false, true]);
            await api.run("PATCH", `${base}/network_adapters/disconnect`, { id: first });
            assert.deepStrictEqual(await state(first), [false, true]);
            // A stopped VM has no connected adapter.
            await power("off");
            for (const id of [first, second, third]) {
                assert.strictEqual((await state(id))[0], false);
            }
            await api.run("DELETE", `${vmPath}/${vmId}`);
        });

        it("tags a resource and removes the tag", async () => {
            const vmId = await api.run("POST", vmPath, vmBody(sandbox, "tagged"));
            const r = await api.raw("POST", "/api/tag/v1/tags", {
                key: "env",
                value: "prod",
                resources: [{ uuid: vmId, type: "vcenter_virtual_machine", source: "vmware" }],
            });
            assert.strictEqual(r.status, 201);
            assert.deepStrictEqual(await api.ok(`/api/tag/v1/tags/resources/${vmId}`), [
                { key: "env", value: "prod", tenant: sandbox.tenant.id, resource: vmId },
            ]);
            assert.strictEqual((await api.raw("DELETE", `/api/tag/v1/tags/resources/${vmId}/keys/env`)).status, 200);
            assert.deepStrictEqual(await api.ok(`/api/tag/v1/tags/resources/${vmId}`), []);
        });
    });
});
