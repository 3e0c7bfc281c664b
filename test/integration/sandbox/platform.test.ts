// The read routes of the platform's own objects over real HTTP, with the shapes and filters the
// Terraform provider's data sources use: vCenter folders, resource pools and distributed switches,
// the SPP servers, their vCenters and vSnap storages, the IAM roles and the marketplace catalogue.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { ApiClient } from "./client";
import { startSandbox } from "../../support/sandbox";

const compute = "/api/compute/v1/vcenters";
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const missing = "00000000-0000-4000-8000-000000000000";

describe("sandbox: platform objects (folders, resource pools, switches, SPP, IAM roles, marketplace)", function () {
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

    /** A list, the same objects by id, and a 404 for an id that is not there. */
    async function listAndRead(path: string): Promise<{ id: string; name: string }[]> {
        const all = await api.ok(path.split("?")[0]);
        assert.ok(all.length > 0, `${path} lists something`);
        for (const o of all) {
            assert.deepStrictEqual(await api.ok(`${path.split("?")[0]}/${o.id}`), o);
        }
        assert.strictEqual((await api.get(`${path.split("?")[0]}/${missing}`)).status, 404);
        return all;
    }

    it("gives each datacenter vSphere's four folders, filtered by name, machine manager and datacenter", async () => {
        const all = await listAndRead(`${compute}/folders`);
        assert.strictEqual(all.length, 3 * 4);
        const dc = ids.datacenter["dc-az06-th3s"];
        const mm = ids.machineManager["vc-vstack-az06-t0001"];
        const folders = await api.ok(`${compute}/folders?datacenterId=${dc}&machineManagerId=${mm}`);
        assert.deepStrictEqual(folders.map((f: { name: string }) => f.name).sort(), ["datastore", "host", "network", "vm"]);
        assert.ok(
            folders.every(
                (f: { id: string; machineManager: { id: string; name: string } }) =>
                    uuid.test(f.id) && f.machineManager.name === "vc-vstack-az06-t0001",
            ),
        );
        assert.strictEqual((await api.ok(`${compute}/folders?name=vm&datacenterId=${dc}`)).length, 1);
    });

    it("gives each host cluster its root resource pool, with integer metrics of the cluster's blades", async () => {
        const all = await listAndRead(`${compute}/resource_pools`);
        assert.strictEqual(all.length, 5);
        const cluster = ids.hostCluster["clu002-az07-eco-single"];
        const [pool] = await api.ok(`${compute}/resource_pools?hostClusterId=${cluster}`);
        assert.deepStrictEqual(
            [pool.name, pool.parent, pool.machineManager.name],
            ["Resources", { id: cluster, type: "ClusterComputeResource" }, "vc-vstack-az07-t0001"],
        );
        assert.strictEqual(pool.metrics.memory.maxUsage, 384 * 1024 ** 3, "one ECO host");
        assert.ok(
            [
                pool.metrics.cpu.maxUsage,
                pool.metrics.cpu.reservationUsed,
                pool.metrics.memory.reservationUsed,
                pool.metrics.memory.balloonedMemory,
            ].every(Number.isInteger),
        );
        assert.strictEqual((await api.ok(`${compute}/resource_pools?datacenterId=${ids.datacenter["dc-az05-par7s"]}`)).length, 2);
    });

    it("gives each host cluster a distributed switch in its datacenter's network folder", async () => {
        const all = await listAndRead(`${compute}/virtual_switchs`);
        assert.strictEqual(all.length, 5);
        const [dvs] = await api.ok(`${compute}/virtual_switchs?hostClusterId=${ids.hostCluster["clu001-az06-standard"]}`);
        assert.strictEqual(dvs.name, "dvs001-clu001-az06-standard-dc-az06-th3s");
        const network = (await api.ok(`${compute}/folders?datacenterId=${ids.datacenter["dc-az06-th3s"]}&name=network`))[0];
        assert.strictEqual(dvs.folderId, network.id);
        assert.deepStrictEqual(
            (await api.ok(`${compute}/virtual_switchs?name=${dvs.name}`)).map((v: { id: string }) => v.id),
            [dvs.id],
        );
    });

    it("lists the tenant's SPP server, the vCenters it protects and one vSnap storage per site", async () => {
        const [server] = await listAndRead("/api/backup/v1/spp/servers");
        assert.match(server.id, uuid);
        assert.match((server as unknown as { address: string }).address, /\./);
        assert.strictEqual((await api.ok(`/api/backup/v1/spp/servers?tenantId=${sandbox.tenant.id}`)).length, 1);
        assert.deepStrictEqual(await api.ok(`/api/backup/v1/spp/servers?tenantId=${missing}`), []);
        const vcenters = await api.ok(`/api/backup/v1/spp/vcenters?sppServerId=${server.id}`);
        assert.deepStrictEqual(vcenters.map((v: { name: string }) => v.name).sort(), [
            "vc-vstack-az05-t0001",
            "vc-vstack-az06-t0001",
            "vc-vstack-az07-t0001",
        ]);
        assert.ok(
            vcenters.every(
                (v: { sppServerId: string; internalId: number; instanceId: string }) =>
                    v.sppServerId === server.id && Number.isInteger(v.internalId) && uuid.test(v.instanceId),
            ),
        );
        assert.deepStrictEqual(await api.ok(`/api/backup/v1/spp/vcenters?sppServerId=${missing}`), []);
        const storages = await api.ok("/api/backup/v1/spp/storages");
        assert.deepStrictEqual(storages.map((s: { site: string }) => s.site).sort(), ["DATA4", "PAR7S", "TH3S"]);
        for (const s of storages) {
            assert.ok(
                Number.isInteger(s.portNumber) &&
                    Number.isInteger(s.capacity.free) &&
                    Number.isInteger(s.capacity.total) &&
                    s.capacity.free <= s.capacity.total,
            );
            assert.strictEqual(typeof s.isReady, "boolean");
        }
    });

    it("gives backup jobs numeric ids, as the provider's job data source requires", async () => {
        const jobs = await api.ok("/api/backup/v1/spp/jobs");
        assert.ok(
            jobs.every((j: { id: string }) => /^\d+$/.test(j.id)),
            JSON.stringify(jobs),
        );
        assert.strictEqual((await api.ok(`/api/backup/v1/spp/jobs/${jobs[0].id}`)).name, "Hypervisor Inventory");
    });

    it("lists the IAM roles (the platform's permissions) and reads one by id", async () => {
        const roles = await listAndRead("/api/iam/v2/roles");
        assert.ok(roles.some((r) => r.name === "compute_iaas_vmware_read"));
        assert.ok(roles.every((r) => uuid.test(r.id)));
    });

    it("lists the marketplace catalogue with its VMware deployment target, and an item's VMware details", async () => {
        const items = await listAndRead("/api/marketplace/v1/items");
        const ubuntu = items.find((i) => i.name === "Ubuntu 24.04 LTS") as unknown as {
            id: string;
            deploymentOptions: { targets: { key: string }[] };
            categories: string[];
        };
        assert.deepStrictEqual(
            ubuntu.deploymentOptions.targets.map((t) => t.key),
            ["vmware"],
        );
        assert.ok(Array.isArray(ubuntu.categories));
        const info = await api.ok(`/api/marketplace/v1/items/${ubuntu.id}/vmware/info`);
        assert.deepStrictEqual([info.operatingSystem.id, Number.isInteger(info.memory), info.disks.length], ["ubuntu64Guest", true, 1]);
        assert.strictEqual((await api.get(`/api/marketplace/v1/items/${missing}/vmware/info`)).status, 404);
    });
});
