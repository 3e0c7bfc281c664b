// Backup over real HTTP: policies with their site and status extensions, the inventory job the
// provider runs before assigning, and the SecNumCloud assignment rules.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { ApiClient, vmBody, vmPath } from "./client";
import { startSandbox } from "../../support/sandbox";

const spp = "/api/backup/v1/spp";

describe("sandbox: backup", function () {
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

    async function inventory(): Promise<void> {
        const jobs = await api.ok(`${spp}/jobs?type=catalog`);
        const job = jobs.find((j: { name: string }) => j.name === "Hypervisor Inventory");
        await api.run("POST", `${spp}/jobs/run`, { jobId: job.id });
        assert.strictEqual((await api.ok(`${spp}/jobs/${job.id}`)).status, "IDLE");
    }

    it("lists the seeded policies with subPolicies[].site and status; nobackup keeps no copy", async () => {
        const policies = await api.ok(`${spp}/policies`);
        const byName = Object.fromEntries(policies.map((p: { name: string }) => [p.name, p]));
        for (const name of [
            "sla001-daily-par7s",
            "sla001-daily-th3s",
            "sla001-daily-data4",
            "sla001-weekly-par7s",
            "nobackup",
            "sla002-held-th3s",
        ]) {
            assert.ok(byName[name], name);
        }
        assert.strictEqual(byName["sla001-daily-data4"].subPolicies[0].site, "DATA4");
        assert.strictEqual(byName["sla001-daily-data4"].subPolicies[0].retention.age, 30);
        assert.ok(Number.isInteger(byName["sla001-daily-data4"].subPolicies[0].trigger.frequency));
        assert.strictEqual(byName["sla001-daily-data4"].status, "ACTIVE");
        assert.strictEqual(byName["sla002-held-th3s"].status, "HELD");
        assert.deepStrictEqual(byName.nobackup.subPolicies, []);
        assert.match(byName.nobackup.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        assert.strictEqual((await api.ok(`${spp}/policies/${byName.nobackup.id}`)).name, "nobackup");
        assert.strictEqual((await api.get(`${spp}/policies/00000000-0000-4000-8000-000000000000`)).status, 404);
        assert.deepStrictEqual(
            (await api.ok(`${spp}/sites`)).map((s: { name: string }) => s.name),
            ["PAR7S", "TH3S", "DATA4"],
        );
    });

    it("knows a new VM on the backup side only after the inventory job, and refuses to assign before", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "inv-01"));
        assert.strictEqual((await api.get(`${spp}/virtual_machines/${vmId}`)).status, 404);
        await api.rejects(
            "POST",
            `${spp}/policies/assign/virtual_machine`,
            { virtualMachineIds: [vmId], slaPolicies: [ids.policy["sla001-daily-th3s"]] },
            "virtualMachineIds",
            "NOT_IN_BACKUP_INVENTORY",
        );
        await inventory();
        const inv = await api.ok(`${spp}/virtual_machines/${vmId}`);
        assert.strictEqual(inv.id, vmId);
        assert.ok(Number.isInteger(inv.internalVCenterId));
        assert.strictEqual(inv.datacenterName, "dc-az05-par7s");
    });

    it("assigns the full desired set, lists exactly it with ?virtualMachineId=, and refuses HELD and unknown policies", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "assign-01"));
        await inventory();
        const set = [ids.policy["sla001-daily-th3s"], ids.policy["sla001-weekly-par7s"]];
        await api.run("POST", `${spp}/policies/assign/virtual_machine`, { virtualMachineIds: [vmId], slaPolicies: set });
        let assigned = await api.ok(`${spp}/policies?virtualMachineId=${vmId}`);
        assert.deepStrictEqual(assigned.map((p: { id: string }) => p.id).sort(), [...set].sort());
        await api.run("POST", `${spp}/policies/assign/virtual_machine`, {
            virtualMachineIds: [vmId],
            slaPolicies: [ids.policy["sla001-daily-data4"]],
        });
        assigned = await api.ok(`${spp}/policies?virtualMachineId=${vmId}`);
        assert.deepStrictEqual(
            assigned.map((p: { name: string }) => p.name),
            ["sla001-daily-data4"],
        );
        await api.rejects(
            "POST",
            `${spp}/policies/assign/virtual_machine`,
            { virtualMachineIds: [vmId], slaPolicies: [ids.policy["sla002-held-th3s"]] },
            "slaPolicies",
            "POLICY_HELD",
        );
        await api.rejects(
            "POST",
            `${spp}/policies/assign/virtual_machine`,
            { virtualMachineIds: [vmId], slaPolicies: ["00000000-0000-4000-8000-000000000000"] },
            "slaPolicies",
        );
        await api.rejects("POST", `${spp}/policies/assign/virtual_machine`, { virtualMachineIds: [vmId] }, "slaPolicies");
        await api.rejects(
            "POST",
            `${spp}/policies/assign/virtual_machine`,
            { virtualMachineIds: [], slaPolicies: [] },
            "virtualMachineIds",
        );
    });

    it("accepts nobackup as a real policy that lets an SNC VM start", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "nobk-01"));
        await inventory();
        await api.run("POST", `${spp}/policies/assign/virtual_machine`, { virtualMachineIds: [vmId], slaPolicies: [ids.policy.nobackup] });
        await api.run("PATCH", `${vmPath}/power`, { id: vmId, powerAction: "on" });
        assert.strictEqual((await api.ok(`${vmPath}/${vmId}`)).powerState, "running");
    });

    it("removes the last policy only from a powered-off VM", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "last-01"));
        await inventory();
        await api.run("POST", `${spp}/policies/assign/virtual_machine`, {
            virtualMachineIds: [vmId],
            slaPolicies: [ids.policy["sla001-daily-th3s"]],
        });
        await api.run("PATCH", `${vmPath}/power`, { id: vmId, powerAction: "on" });
        await api.rejects(
            "POST",
            `${spp}/policies/assign/virtual_machine`,
            { virtualMachineIds: [vmId], slaPolicies: [] },
            "slaPolicies",
            "LAST_POLICY_ON_RUNNING_VM",
        );
        await api.run("PATCH", `${vmPath}/power`, { id: vmId, powerAction: "off" });
        await api.run("POST", `${spp}/policies/assign/virtual_machine`, { virtualMachineIds: [vmId], slaPolicies: [] });
        assert.deepStrictEqual(await api.ok(`${spp}/policies?virtualMachineId=${vmId}`), []);
    });

    it("keeps a VM whose policy became HELD from starting", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "held-01"));
        await inventory();
        await api.run("POST", `${spp}/policies/assign/virtual_machine`, {
            virtualMachineIds: [vmId],
            slaPolicies: [ids.policy["sla001-weekly-th3s"]],
        });
        const admin = await fetch(`${sandbox.endpoint}/_admin/backup_policies/sla001-weekly-th3s`, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ status: "HELD" }),
        });
        assert.strictEqual(admin.status, 200);
        try {
            await api.rejects("PATCH", `${vmPath}/power`, { id: vmId, powerAction: "on" }, "powerAction", "POLICY_HELD");
        } finally {
            await fetch(`${sandbox.endpoint}/_admin/backup_policies/sla001-weekly-th3s`, {
                method: "PUT",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ status: "ACTIVE" }),
            });
        }
    });

    it("assigns policies to a disk and lists them with ?virtualDiskId=", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "diskbk-01"));
        const diskId = await api.run("POST", "/api/compute/v1/vcenters/virtual_disks", {
            provisioningType: "dynamic",
            diskMode: "persistent",
            capacity: 1024 ** 3,
            virtualMachineId: vmId,
        });
        await api.rejects(
            "POST",
            `${spp}/policies/assign/virtual_disk`,
            { virtualDiskId: diskId, slaPolicies: [ids.policy["sla001-daily-th3s"]] },
            "virtualDiskId",
            "NOT_IN_BACKUP_INVENTORY",
        );
        await inventory();
        assert.strictEqual((await api.ok(`${spp}/virtual_disks/${diskId}`)).virtualMachineId, vmId);
        await api.run("POST", `${spp}/policies/assign/virtual_disk`, {
            virtualDiskId: diskId,
            slaPolicies: [ids.policy["sla001-daily-th3s"]],
        });
        assert.deepStrictEqual(
            (await api.ok(`${spp}/policies?virtualDiskId=${diskId}`)).map((p: { name: string }) => p.name),
            ["sla001-daily-th3s"],
        );
        await api.rejects("POST", `${spp}/jobs/run`, { jobId: "nope" }, "jobId");
    });
});
