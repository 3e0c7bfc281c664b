// `securetemple sla`: tenant eligibility from the catalogue, narrowed by single-AZ workloads and
// small clusters, as a table in each language and as JSON.
import * as assert from "assert";
import { tenantSlas } from "../../../cli/commands/sla";
import { ExportedResource } from "../../../cli/input/stateExport";
import { run } from "../../../cli/program";
import { captureIo, stackUrn, tenantExport, tenantUrn, urnOf } from "./fixtures";

function resourcesOf(doc: Record<string, unknown>): ExportedResource[] {
    return (doc.deployment as { resources: ExportedResource[] }).resources;
}

describe("securetemple sla", () => {
    it("grants SLAs 1-10 to a tenant on two AZs whose workloads span two AZs", () => {
        const [tenant] = tenantSlas(resourcesOf(tenantExport(true)));
        assert.strictEqual(tenant.name, "acme");
        assert.deepStrictEqual(tenant.availabilityZones, ["AZ05", "AZ06"]);
        assert.deepStrictEqual(tenant.workloads, [{ name: "web", availabilityZones: ["AZ05", "AZ06"] }]);
        assert.deepStrictEqual(
            tenant.rows.filter((r) => !r.eligible),
            [],
        );
    });

    it("withdraws SLAs 1, 2 and 4 from a single-AZ tenant, with the convention's reason", () => {
        const [tenant] = tenantSlas(resourcesOf(tenantExport(false)));
        assert.deepStrictEqual(
            tenant.rows.filter((r) => !r.eligible).map((r) => r.sla),
            [1, 2, 4],
        );
        assert.match(tenant.rows[0].reason?.en ?? "", /at least two availability zones \(convention 8\.1\)/);
    });

    it("withdraws them too when one workload stays in one AZ of a two-AZ tenant, naming it", () => {
        const single = {
            urn: urnOf("securetemple:compute:Workload", "batch", "securetemple:index:Tenant"),
            type: "securetemple:compute:Workload",
            parent: tenantUrn,
            inputs: { placement: [{ availabilityZone: "AZ06" }, { availabilityZone: "AZ06" }], replicas: 2, backupPolicyNames: ["p"] },
        };
        const [tenant] = tenantSlas(resourcesOf(tenantExport(true, [single])));
        const sla2 = tenant.rows.find((r) => r.sla === 2);
        assert.strictEqual(sla2?.eligible, false);
        assert.match(sla2?.reason?.fr ?? "", /^charge de travail « batch » :/);
        assert.strictEqual(tenant.rows.find((r) => r.sla === 3)?.eligible, true);
    });

    it("reads a workload's zones from its VMs when it declares none", () => {
        const workload = urnOf("securetemple:compute:Workload", "db", "securetemple:index:Tenant");
        const vm = (name: string, az: string) => ({
            urn: urnOf("securetemple:compute:VirtualMachine", name, "securetemple:index:Tenant$securetemple:compute:Workload"),
            type: "securetemple:compute:VirtualMachine",
            custom: true,
            parent: workload,
            inputs: { availabilityZone: az },
        });
        const extra = [
            { urn: workload, type: "securetemple:compute:Workload", parent: tenantUrn, inputs: {} },
            vm("db-0", "AZ05"),
            vm("db-1", "AZ05"),
        ];
        const [tenant] = tenantSlas(resourcesOf(tenantExport(true, extra)));
        assert.deepStrictEqual(tenant.workloads.find((w) => w.name === "db")?.availabilityZones, ["AZ05"]);
        assert.strictEqual(tenant.rows.find((r) => r.sla === 1)?.eligible, false);
    });

    it("withdraws SLA 1 when a cluster has a single host", () => {
        const cluster = {
            urn: urnOf("securetemple:compute:Cluster", "c1", "securetemple:index:Tenant"),
            type: "securetemple:compute:Cluster",
            parent: tenantUrn,
            inputs: { hostCount: 1, availabilityZone: "AZ05" },
        };
        const [tenant] = tenantSlas(resourcesOf(tenantExport(true, [cluster])));
        assert.strictEqual(tenant.minHostsPerCluster, 1);
        assert.deepStrictEqual(
            tenant.rows.filter((r) => !r.eligible).map((r) => r.sla),
            [1],
        );
    });

    it("reports each tenant of a stack separately", () => {
        const other = {
            urn: urnOf("securetemple:index:Tenant", "beta"),
            type: "securetemple:index:Tenant",
            parent: stackUrn,
            inputs: { availabilityZones: ["AZ07"] },
        };
        const tenants = tenantSlas(resourcesOf(tenantExport(true, [other])));
        assert.deepStrictEqual(
            tenants.map((t) => [t.name, t.rows.filter((r) => r.eligible).length]),
            [
                ["acme", 10],
                ["beta", 7],
            ],
        );
    });

    it("prints a table in French by default and in English on request, and JSON", async () => {
        const fr = captureIo(JSON.stringify(tenantExport(false)));
        assert.strictEqual(await run(["sla", "-"], fr), 0, fr.err);
        assert.match(fr.out, /Tenant « acme » : zones souscrites AZ05/);
        assert.match(fr.out, /│ SLA\s+│ Nom\s+│ Engagement\s+│ Éligible\s+│ Raison/);
        assert.match(fr.out, /│ 1\s+│ Disponibilité de la puissance\s/);
        assert.match(fr.out, /│ 1\s+│[^│]+│ 99\.99 %\s+│ non\s+│ le SLA 1 ne s.applique/);
        assert.match(fr.out, /7\/10 SLA applicables\./);
        const en = captureIo(JSON.stringify(tenantExport(false)));
        assert.strictEqual(await run(["sla", "-", "--lang", "en"], en), 0);
        assert.match(en.out, /│ 3\s+│ Backup reliability\s+│ 99\.99 %\s+│ yes/);
        assert.match(en.out, /7\/10 SLAs apply\./);
        const json = captureIo(JSON.stringify(tenantExport(true)));
        assert.strictEqual(await run(["sla", "-", "--format", "json"], json), 0);
        const doc = JSON.parse(json.out) as { tenants: { name: string; rows: { eligible: boolean }[] }[] };
        assert.strictEqual(
            doc.tenants[0].rows.every((r) => r.eligible),
            true,
        );
    });
});
