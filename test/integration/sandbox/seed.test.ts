// A user-written seed: another tenant (not SNC, one AZ), and a broken seed refused with the field named.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MinioServer } from "../../../sandbox/minio";
import { ApiClient, vmPath } from "./client";
import { startMinio, startSandbox } from "../../support/sandbox";

const seed = `
tenant: { name: lab-tenant, company: Lab, snc: false }
authorizedIps: [ { cidr: 127.0.0.1/32 } ]
availabilityZones:
  - name: AZ06
    site: TH3S
    machineManager: vc-lab-az06
    datacenter: dc-lab-az06
    hostClusters: [ { name: clu-lab, bladeModel: PERF1_V3, hosts: 2 } ]
    datastores: [ { name: ds-lab-01, tier: ULTRA, capacityGiB: 600 } ]
    networks: [ { name: vlan-lab, vlanId: 10 } ]
guestOperatingSystems: [ { moref: debian12_64Guest, family: LINUX, fullName: Debian 12 } ]
backupPolicies: [ { name: nobackup, frequency: NONE, retentionDays: 0 } ]
backupJobs: [ { name: Hypervisor Inventory, type: catalog } ]
objectStorage: { namespace: ns-lab, roles: [ { name: read_only, description: Read, permissions: ["s3:GetObject"] } ] }
`;

describe("sandbox: user seeds", function () {
    let minio: MinioServer;
    let dir: string;

    before(async () => {
        minio = await startMinio();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-sandbox-seed-"));
    });
    after(async () => {
        await minio?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("describes another tenant; on a non-SNC tenant a VM may start without a backup policy", async () => {
        const file = path.join(dir, "lab.yaml");
        fs.writeFileSync(file, seed);
        const sandbox = await startSandbox({ minio, seedPath: file, dedupe: false, rateLimits: false });
        try {
            const api = new ApiClient(sandbox);
            assert.deepStrictEqual(
                (await api.ok("/api/iam/v2/tenants")).map((t: { name: string; snc: boolean }) => [t.name, t.snc]),
                [["lab-tenant", false]],
            );
            const clusters = await api.ok("/api/compute/v1/vcenters/host_clusters");
            assert.deepStrictEqual(
                clusters.map((c: { name: string; bladeModel: string; hostsNumber: number; availabilityZone: string }) => [
                    c.name,
                    c.bladeModel,
                    c.hostsNumber,
                    c.availabilityZone,
                ]),
                [["clu-lab", "PERF1_V3", 2, "AZ06"]],
            );
            const ids = sandbox.ids();
            const vmId = await api.run("POST", vmPath, {
                datacenterId: ids.datacenter["dc-lab-az06"],
                hostClusterId: ids.hostCluster["clu-lab"],
                datastoreId: ids.datastore["ds-lab-01"],
                name: "lab-vm",
                memory: 1024 ** 3,
                cpu: 2,
                guestOperatingSystemMoref: "debian12_64Guest",
            });
            await api.run("PATCH", `${vmPath}/power`, { id: vmId, powerAction: "on" });
            assert.strictEqual((await api.ok(`${vmPath}/${vmId}`)).powerState, "running");
            // PERF1 blades have 32 threads.
            await api.rejects(
                "POST",
                vmPath,
                {
                    datacenterId: ids.datacenter["dc-lab-az06"],
                    hostClusterId: ids.hostCluster["clu-lab"],
                    datastoreId: ids.datastore["ds-lab-01"],
                    name: "wide",
                    cpu: 33,
                    guestOperatingSystemMoref: "debian12_64Guest",
                },
                "cpu",
            );
        } finally {
            await sandbox.stop();
        }
    });

    it("refuses a seed with an unknown blade model, naming the field and the allowed values", async () => {
        const file = path.join(dir, "broken.yaml");
        fs.writeFileSync(file, seed.replace("PERF1_V3", "MEGA_V9"));
        await assert.rejects(startSandbox({ minio, seedPath: file }), (err: Error) => {
            assert.match(err.message, /availabilityZones\[0\]\.hostClusters\[0\]\.bladeModel/);
            assert.match(err.message, /ECO_V3/);
            assert.match(err.message, / \/ /);
            return true;
        });
        fs.writeFileSync(file, seed.replace("site: TH3S", "site: PAR7S"));
        await assert.rejects(startSandbox({ minio, seedPath: file }), /availabilityZones\[0\]\.site/);
        fs.writeFileSync(file, seed.replace("    networks: [ { name: vlan-lab, vlanId: 10 } ]\n", ""));
        await assert.rejects(startSandbox({ minio, seedPath: file }), /availabilityZones\[0\]\.networks/);
    });
});
