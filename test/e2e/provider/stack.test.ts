// The provider through the real CLI: up, update in place, replace, refresh with drift, import of
// a VM made outside Pulumi, destroy; and no secret in plain text in the state.
import * as assert from "assert";
import { GetBucketLifecycleConfigurationCommand, S3Client } from "@aws-sdk/client-s3";
import { Sandbox } from "../../../sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack, previewSteps, sandboxNames } from "./harness";
import { startSandbox } from "../../support/sandbox";

interface SandboxVm {
    id: string;
    name: string;
    cpu: number;
    powerState: string;
    slaPolicies: string[];
    hostCluster?: { id: string };
    datastore?: { id: string };
}

describe("provider e2e: the fixture stack through the Pulumi CLI", function () {
    this.timeout(600_000);
    const prefix = "e2estack";
    let sandbox: Sandbox;
    let run: StackRun;
    const vms = () => sandbox.listVirtualMachines() as SandboxVm[];
    const vmNamed = (name: string) => vms().find((v) => v.name === name);

    before(async () => {
        requireToolchain();
        buildOnce();
        sandbox = await startSandbox();
        run = await openStack("stack", sandbox, prefix);
    });

    after(async () => {
        run?.dispose();
        await sandbox?.stop();
    });

    it("fails the preview of a raw VM with the nobackup policy and no noBackupReason, with the bilingual sentence, before any write", async () => {
        const activitiesBefore = sandbox.listActivities().length;
        await run.setConfig("policy", "nobackup");
        const preview = await run.pulumi(["preview"]);
        const output = `${preview.stdout}\n${preview.stderr}`;
        assert.notStrictEqual(preview.code, 0, output);
        assert.ok(
            output.includes(
                'FR la politique « nobackup » expose à une perte de données définitive (convention 7.3.3) ; la choisir exige noBackupReason. / EN the "nobackup" policy exposes to permanent data loss (convention 7.3.3); choosing it requires noBackupReason.',
            ),
            output,
        );
        assert.match(output, /securetemple:compute:VirtualMachine resource 'vm'/, output);
        assert.strictEqual(sandbox.listActivities().length, activitiesBefore, "no write reached the API");
        assert.deepStrictEqual(sandboxNames(sandbox.listVirtualMachines(), prefix), []);
        // With the reason, the same program previews.
        await run.setConfig("noBackupReason", "rebuilt from its image in five minutes");
        await run.ok(["preview"]);
        await run.ok(["config", "rm", "policy"]);
        await run.ok(["config", "rm", "noBackupReason"]);
    });

    it("creates a VM with its backup policy, a disk, a bucket with a lifecycle rule and a storage account", async () => {
        await run.ok(["up", "--yes", "--skip-preview"]);
        const vm = vmNamed(`${prefix}-vm`);
        assert.ok(vm, "the VM exists in the sandbox");
        assert.strictEqual(vm.powerState, "running");
        assert.strictEqual(vm.slaPolicies.length, 1, "the backup policy is assigned");
        assert.deepStrictEqual(sandboxNames(sandbox.listBuckets(), prefix), [`${prefix}-data`]);
        assert.deepStrictEqual(sandboxNames(sandbox.listStorageAccounts(), prefix), [`${prefix}-reader`]);
        assert.strictEqual((sandbox.listDisks() as { virtualMachineId: string }[]).filter((d) => d.virtualMachineId === vm.id).length, 1);
        const s3 = new S3Client({
            endpoint: sandbox.minio.endpoint,
            region: "fr1",
            forcePathStyle: true,
            credentials: { accessKeyId: sandbox.minio.accessKey, secretAccessKey: sandbox.minio.secretKey },
        });
        const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: `${prefix}-data` }));
        assert.strictEqual(lifecycle.Rules?.[0]?.ID, "expire-noncurrent");
        assert.strictEqual(lifecycle.Rules?.[0]?.NoncurrentVersionExpiration?.NoncurrentDays, 30);
        s3.destroy();
        const outputs = JSON.parse((await run.ok(["stack", "output", "--json"])).stdout);
        assert.strictEqual(outputs.vmId, vm.id);
        assert.strictEqual(outputs.vmAz, "AZ05");
        assert.strictEqual(outputs.tenant, sandbox.tenant.name);
        assert.strictEqual(outputs.secretAccessKey, "[secret]");
    });

    it("keeps the client secret, the S3 secret key and the storage-account key out of the state in plain text", async () => {
        const accountSecret = JSON.parse((await run.ok(["stack", "output", "--json", "--show-secrets"])).stdout).secretAccessKey as string;
        assert.ok(accountSecret && accountSecret.length > 10);
        const exported = (await run.ok(["stack", "export"])).stdout;
        for (const secret of [sandbox.secretId, sandbox.minio.secretKey, accountSecret]) {
            assert.ok(!exported.includes(secret), "a secret is in the state export in plain text");
        }
    });

    it("updates the VM in place when its size changes", async () => {
        const before = vmNamed(`${prefix}-vm`);
        await run.setConfig("cpu", "4");
        const steps = previewSteps(await run.ok(["preview", "--json"]));
        assert.ok(steps.includes("update securetemple:compute:VirtualMachine vm"), steps.join("\n"));
        assert.ok(!steps.some((s) => s.startsWith("replace")), steps.join("\n"));
        await run.ok(["up", "--yes", "--skip-preview"]);
        const after = vmNamed(`${prefix}-vm`);
        assert.strictEqual(after?.id, before?.id, "same VM");
        assert.strictEqual(after?.cpu, 4);
    });

    it("shows no change on refresh and preview for an adapter of a powered-off VM, connected at power-on", async () => {
        await run.ok(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        await run.ok(["preview", "--expect-no-changes"]);
        const outputs = JSON.parse((await run.ok(["stack", "output", "--json"])).stdout);
        assert.strictEqual(outputs.idleNicConnected, true);
        const idle = vmNamed(`${prefix}-idle`) as SandboxVm;
        const nic = (sandbox.listNetworkAdapters() as { virtualMachineId: string; connected: boolean; autoConnect: boolean }[]).find(
            (a) => a.virtualMachineId === idle.id,
        );
        assert.deepStrictEqual(
            [idle.powerState, nic?.connected, nic?.autoConnect],
            ["stopped", false, true],
            "live: not connected, set to connect at power-on",
        );
    });

    it("moves the VM in place when its cluster and datastore change within its AZ: an update, the same VM id", async () => {
        const before = vmNamed(`${prefix}-vm`) as SandboxVm;
        const ids = sandbox.ids();
        await run.setConfig("cluster", "clu002-az05-perf2");
        await run.setConfig("datastore", "ds-az05-standard-02");
        const steps = previewSteps(await run.ok(["preview", "--json"]));
        assert.ok(steps.includes("update securetemple:compute:VirtualMachine vm"), steps.join("\n"));
        assert.ok(
            !steps.some((s) => s.startsWith("replace") || s.startsWith("create-replacement") || s.startsWith("delete")),
            steps.join("\n"),
        );
        await run.ok(["up", "--yes", "--skip-preview"]);
        const after = vmNamed(`${prefix}-vm`) as SandboxVm;
        assert.strictEqual(after.id, before.id, "the same VM");
        assert.deepStrictEqual(
            [after.hostCluster?.id, after.datastore?.id],
            [ids.hostCluster["clu002-az05-perf2"], ids.datastore["ds-az05-standard-02"]],
        );
        assert.strictEqual(after.powerState, "running", "moved running");
        assert.strictEqual(after.slaPolicies.length, 1);
        const outputs = JSON.parse((await run.ok(["stack", "output", "--json"])).stdout);
        assert.strictEqual(outputs.vmId, before.id);
        await run.ok(["preview", "--expect-no-changes"]);
    });

    it("still replaces the VM when its AZ (datacenter) changes: a VM cannot move to another AZ's vCenter", async () => {
        await run.setConfig("cluster", "clu001-az06-standard");
        await run.setConfig("datastore", "ds-az06-standard-01");
        await run.setConfig("az", "AZ06");
        const steps = previewSteps(await run.ok(["preview", "--json"]));
        assert.ok(steps.includes("replace securetemple:compute:VirtualMachine vm"), steps.join("\n"));
        await run.ok(["config", "rm", "az"]);
        await run.setConfig("cluster", "clu002-az05-perf2");
        await run.setConfig("datastore", "ds-az05-standard-02");
    });

    it("shows drift made outside Pulumi on refresh, and the next up puts the VM back", async () => {
        const vm = vmNamed(`${prefix}-vm`) as SandboxVm;
        const res = await fetch(`${sandbox.endpoint}/_admin/virtual_machines/${vm.id}`, {
            method: "PATCH",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ cpu: 8 }),
        });
        assert.strictEqual(res.status, 200);
        const refresh = await run.ok(["refresh", "--yes", "--skip-preview", "--diff"]);
        assert.match(refresh.stdout, /cpu\s*:\s*4\s*=>\s*8/, refresh.stdout);
        const state = await run.exportState();
        const inState = state.deployment.resources.find((r) => r.id === vm.id);
        assert.strictEqual(inState?.outputs?.cpu, 8);
        const steps = previewSteps(await run.ok(["preview", "--json"]));
        assert.ok(steps.includes("update securetemple:compute:VirtualMachine vm"), steps.join("\n"));
        await run.ok(["up", "--yes", "--skip-preview"]);
        assert.strictEqual(vmNamed(`${prefix}-vm`)?.cpu, 4);
    });

    it("imports a VM created outside Pulumi with `pulumi import`, which writes its declaration", async () => {
        const ids = sandbox.ids();
        const name = `${prefix}-legacy`;
        const res = await fetch(`${sandbox.endpoint}/_admin/virtual_machines`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
                name,
                datacenterId: ids.datacenter["dc-az05-par7s"],
                hostClusterId: ids.hostCluster["clu001-az05-standard"],
                datastoreId: ids.datastore["ds-az05-standard-02"],
                memory: 1024 * 1024 * 1024,
                cpu: 1,
                powerState: "stopped",
            }),
        });
        const body = await res.text();
        assert.strictEqual(res.status, 201, body);
        const created = JSON.parse(body) as { id: string };
        const written = await run.ok(["import", "securetemple:compute:VirtualMachine", "imported", created.id, "--yes", "--protect=false"]);
        // The CLI also prints the declaration to put in the program (import.test.ts compiles and runs it).
        assert.match(written.stdout, /new securetemple\.compute\.VirtualMachine\("imported", \{/, written.stdout);
        const state = await run.exportState();
        const imported = state.deployment.resources.find((r) => r.id === created.id);
        assert.ok(imported, "the VM is in the state");
        assert.strictEqual(imported.outputs?.name, name);
        assert.strictEqual(imported.outputs?.powerState, "off");
        // Declared in the program with the same inputs, it is left as it is.
        await run.setConfig("importedVmName", name);
        const preview = await run.ok(["preview", "--json"]);
        const summary = JSON.parse(preview.stdout).changeSummary as Record<string, number>;
        assert.deepStrictEqual(Object.keys(summary), ["same"], JSON.stringify(summary));
        assert.ok(!previewSteps(preview).some((s) => s.endsWith(" imported") && !s.startsWith("same")));
    });

    it("destroys everything: the sandbox holds nothing of the stack afterwards", async () => {
        await run.ok(["destroy", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(sandboxNames(sandbox.listVirtualMachines(), prefix), []);
        assert.deepStrictEqual(sandboxNames(sandbox.listBuckets(), prefix), []);
        assert.deepStrictEqual(sandboxNames(sandbox.listStorageAccounts(), prefix), []);
        const vmIds = new Set((sandbox.listVirtualMachines() as SandboxVm[]).map((v) => v.id));
        assert.ok(
            (sandbox.listDisks() as { virtualMachineId: string }[]).every((d) => vmIds.has(d.virtualMachineId)),
            "no disk left behind",
        );
        const state = await run.exportState();
        assert.deepStrictEqual(
            (state.deployment.resources ?? []).filter((r) => r.type.startsWith("securetemple:") && !r.type.startsWith("pulumi:providers")),
            [],
        );
    });
});
