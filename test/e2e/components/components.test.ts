// A program built only from the component library goes through the real Pulumi CLI, our language
// host and the provider plugin against the sandbox: `up` creates the VMs and the bucket where the
// components placed them, `destroy` leaves nothing of the stack in the sandbox. The built policy
// pack finds nothing to say about it (no false positive on a tenant made of components).
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Sandbox, providerEnv } from "../../../sandbox";
import { buildPolicyPack } from "../../../tools/build-policy-pack";
import { requireToolchain } from "../../../tools/toolchain/env";
import { pulumiWorkspace, PulumiWorkspace } from "../../support/pulumi";
import { startSandbox } from "../../support/sandbox";

const root = path.resolve(__dirname, "..", "..", "..");
const program = path.join(__dirname, "fixtures", "tenant");
// A stack of its own per run: the stack's settings file lands in the program folder.
const stackName = `components-e2e-${process.pid}`;

/** The engine starts the provider plugin from the compiled tree; build it when it is absent. */
function ensurePluginBuilt(): void {
    if (!fs.existsSync(path.join(root, "dist", "provider", "plugin", "main.js"))) {
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], {
            stdio: "inherit",
        });
    }
}

/** Whether a value of a state export is an encrypted Pulumi secret. */
function isEncryptedSecret(value: unknown): boolean {
    const v = value as Record<string, unknown> | undefined;
    return (
        typeof v === "object" &&
        v !== null &&
        v["4dabf18193072939515e22adb298388d"] === "1b47061264138c4ac30d75fd1eb44270" &&
        typeof v.ciphertext === "string"
    );
}

interface SandboxVm {
    name: string;
    hostCluster: { id: string; name: string };
    datastore: { id: string; name: string };
    slaPolicies: string[];
    powerState: string;
}

describe("components (e2e, real Pulumi CLI against the sandbox)", function () {
    this.timeout(600_000);
    let sandbox: Sandbox;
    let ws: PulumiWorkspace;
    let stateDir: string;
    let packDir: string;

    before(async () => {
        requireToolchain();
        ensurePluginBuilt();
        packDir = buildPolicyPack();
        sandbox = await startSandbox({ rateLimits: true, dedupe: true });
        stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-components-state-"));
        ws = pulumiWorkspace({
            PULUMI_BACKEND_URL: `file://${stateDir}`,
            ...providerEnv(sandbox),
            // The program is type-checked with the rest of the repository; the engine only runs it.
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
        });
    });

    after(async () => {
        if (ws) {
            await ws.run(["stack", "rm", stackName, "--yes", "--force"], program);
            ws.dispose();
        }
        fs.rmSync(path.join(program, `Pulumi.${stackName}.yaml`), { force: true });
        await sandbox?.stop();
        if (stateDir) {
            fs.rmSync(stateDir, { recursive: true, force: true });
        }
    });

    it("runs up then destroy; the sandbox holds the workload while the stack lives, and nothing after", async () => {
        await ws.ok(["stack", "init", stackName], program);
        await ws.ok(["config", "set", "securetemple:endpoint", sandbox.endpoint], program);
        await ws.ok(["config", "set", "securetemple:clientId", sandbox.clientId], program);
        // `--`: a generated secret may start with "-" and must not be read as a flag.
        await ws.ok(["config", "set", "--secret", "--", "securetemple:secretId", sandbox.secretId], program);
        // Lifecycle rules go through S3 with the tenant's global access key: the sandbox's MinIO.
        await ws.ok(["config", "set", "securetemple:s3Endpoint", sandbox.minio.endpoint], program);
        await ws.ok(["config", "set", "securetemple:s3AccessKeyId", sandbox.minio.accessKey], program);
        await ws.ok(["config", "set", "--secret", "--", "securetemple:s3SecretAccessKey", sandbox.minio.secretKey], program);
        await ws.ok(["config", "set", "prefix", "e2e"], program);

        // A declaration that does not match the tenant's inventory fails the preview with a bilingual sentence.
        await ws.ok(["config", "set", "mistake", "true"], program);
        const wrong = await ws.run(["preview"], program);
        assert.notEqual(wrong.code, 0);
        assert.match(
            wrong.stdout + wrong.stderr,
            /FR Lun « az05-data », tier : le datastore « ds-az05-standard-01 » est de niveau STANDARD, pas PREMIUM\. \/ EN Lun "az05-data", tier: datastore "ds-az05-standard-01" is of tier STANDARD, not PREMIUM\./,
        );
        assert.equal((sandbox.listVirtualMachines() as SandboxVm[]).length, 0, "nothing created by a failed preview");
        await ws.ok(["config", "rm", "mistake"], program);

        const preview = await ws.run(["preview", "--policy-pack", packDir], program);
        assert.equal(preview.code, 0, preview.stdout + preview.stderr);
        assert.match(preview.stdout + preview.stderr, /securetemple@v\d+\.\d+\.\d+/, "the policy pack ran");
        assert.doesNotMatch(preview.stdout, /\[(mandatory|advisory)\]/, "the policy pack reports nothing on this tenant");

        await ws.ok(["up", "--yes", "--skip-preview"], program);
        // The components give the same inputs on the next run: nothing to change.
        await ws.ok(["preview", "--expect-no-changes"], program);

        const placements = JSON.parse((await ws.ok(["stack", "output", "placements", "--json"], program)).stdout) as {
            vmName: string;
            availabilityZone: string;
            backupSites: string[];
        }[];
        assert.deepEqual(
            placements.map((p) => [p.vmName, p.availabilityZone, p.backupSites]),
            [
                ["e2e-web-1", "AZ05", ["TH3S"]],
                ["e2e-web-2", "AZ06", ["PAR7S"]],
            ],
        );
        assert.equal(
            (await ws.ok(["stack", "output", "tenantId"], program)).stdout.trim(),
            sandbox.tenant.id,
            "the Tenant checked itself against the real tenant",
        );
        const slas = JSON.parse((await ws.ok(["stack", "output", "slaEligibility", "--json"], program)).stdout) as {
            sla: number;
            eligible: boolean;
        }[];
        assert.equal(slas.filter((s) => s.eligible).length, 10);

        const ids = sandbox.ids();
        const vms = (sandbox.listVirtualMachines() as SandboxVm[]).filter((vm) => vm.name.startsWith("e2e-web-"));
        assert.deepEqual(vms.map((vm) => vm.name).sort(), ["e2e-web-1", "e2e-web-2"]);
        const byName = new Map(vms.map((vm) => [vm.name, vm]));
        assert.equal(byName.get("e2e-web-1")!.hostCluster.name, "clu001-az05-standard");
        assert.equal(byName.get("e2e-web-2")!.hostCluster.name, "clu001-az06-standard");
        assert.equal(byName.get("e2e-web-1")!.datastore.name, "ds-az05-standard-01");
        assert.equal(byName.get("e2e-web-2")!.datastore.name, "ds-az06-standard-01");
        assert.deepEqual(byName.get("e2e-web-1")!.slaPolicies, [ids.policy["sla001-daily-th3s"]]);
        assert.deepEqual(byName.get("e2e-web-2")!.slaPolicies, [ids.policy["sla001-daily-par7s"]]);
        assert.deepEqual(
            vms.map((vm) => vm.powerState),
            ["running", "running"],
        );
        const vmIds = new Set(vms.map((vm) => (vm as unknown as { id: string }).id));
        const disks = (sandbox.listDisks() as { virtualMachineId: string; capacity: number }[]).filter((d) =>
            vmIds.has(d.virtualMachineId),
        );
        assert.equal(disks.filter((d) => d.capacity === 10 * 1024 ** 3).length, 2, `a 10 GiB data disk per VM: ${JSON.stringify(disks)}`);
        const nics = (sandbox.listNetworkAdapters() as { virtualMachineId: string; network: { name: string } }[]).filter((n) =>
            vmIds.has(n.virtualMachineId),
        );
        assert.deepEqual(nics.map((n) => n.network.name).sort(), ["vlan-az05-app", "vlan-az06-app"]);
        const buckets = (sandbox.listBuckets() as { name: string }[]).map((b) => b.name);
        assert.ok(buckets.includes("e2e-dumps"), `bucket created: ${buckets.join(", ")}`);

        // The read-only account's secret key is encrypted in the state, never in plain text.
        const state = JSON.parse((await ws.ok(["stack", "export"], program)).stdout) as {
            deployment: { resources: { type: string; outputs?: Record<string, unknown> }[] };
        };
        const account = state.deployment.resources.find((r) => r.type === "securetemple:objectstorage:StorageAccount");
        assert.ok(account?.outputs, "storage account in the state");
        assert.ok(
            isEncryptedSecret(account.outputs.secretAccessKey),
            `secretAccessKey is a secret: ${JSON.stringify(account.outputs.secretAccessKey)}`,
        );
        const exported = JSON.stringify(state);
        assert.ok(
            !exported.includes(sandbox.secretId) && !exported.includes(sandbox.minio.secretKey),
            "no credential in plain text in the state",
        );

        await ws.ok(["destroy", "--yes", "--skip-preview"], program);
        assert.equal((sandbox.listVirtualMachines() as SandboxVm[]).filter((vm) => vm.name.startsWith("e2e-web-")).length, 0);
        assert.ok(!(sandbox.listBuckets() as { name: string }[]).some((b) => b.name === "e2e-dumps"));
        assert.ok(!(sandbox.listStorageAccounts() as { name: string }[]).some((a) => a.name === "e2e-restore"));
        assert.equal((sandbox.listDisks() as { virtualMachineId: string }[]).filter((d) => vmIds.has(d.virtualMachineId)).length, 0);
        assert.equal(
            (sandbox.listNetworkAdapters() as { virtualMachineId: string }[]).filter((n) => vmIds.has(n.virtualMachineId)).length,
            0,
        );
    });
});
