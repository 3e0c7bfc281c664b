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

    it("creates a VM with its backup policy, a disk, a bucket with a lifecycle rule and a storage account", async () => {
        await run.ok(["up", "--yes", "--skip-preview"]);
        const vm = vmNamed(`${prefix}-vm`);
        assert.ok(vm, "the VM exists in the sandbox");
        assert.strictEqual(vm.powerState, "running");
        assert.strictEqual(vm.slaPolicies.length, 1, "the backup policy is assigned");
        assert.deepStrictEqual(sandboxNames(sandbox.listBuckets(), prefix), [`${prefix}-data`]);
        assert.deepStrictEqual(sandboxNames(sandbox.listStorageAccounts(), prefix), [`${prefix}-reader`]);
        assert.strictEqual((sandbox.listDisks() as { virtualMachineId: string }[]).filter((d) => d.virtualMachineId === vm.id).length, 1);
        const s3 = new S3Client({ endpoint: sandbox.minio.endpoint, region: "fr1", forcePathStyle: true, credentials: { accessKeyId: sandbox.minio.accessKey, secretAccessKey: sandbox.minio.secretKey } });
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

    it("replaces the VM (and its disk) when its datastore changes, deleting the old one first", async () => {
        const before = vmNamed(`${prefix}-vm`) as SandboxVm;
        await run.setConfig("datastore", "ds-az05-standard-02");
        const steps = previewSteps(await run.ok(["preview", "--json"]));
        assert.ok(steps.includes("replace securetemple:compute:VirtualMachine vm"), steps.join("\n"));
        await run.ok(["up", "--yes", "--skip-preview"]);
        const after = vmNamed(`${prefix}-vm`) as SandboxVm;
        assert.notStrictEqual(after.id, before.id);
        assert.ok(!vms().some((v) => v.id === before.id), "the old VM is gone");
        assert.strictEqual(after.slaPolicies.length, 1);
        assert.strictEqual(after.powerState, "running");
    });

    it("shows drift made outside Pulumi on refresh, and the next up puts the VM back", async () => {
        const vm = vmNamed(`${prefix}-vm`) as SandboxVm;
        const res = await fetch(`${sandbox.endpoint}/_admin/virtual_machines/${vm.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ cpu: 8 }) });
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
        assert.ok((sandbox.listDisks() as { virtualMachineId: string }[]).every((d) => vmIds.has(d.virtualMachineId)), "no disk left behind");
        const state = await run.exportState();
        assert.deepStrictEqual((state.deployment.resources ?? []).filter((r) => r.type.startsWith("securetemple:") && !r.type.startsWith("pulumi:providers")), []);
    });
});
