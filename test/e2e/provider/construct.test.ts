// The components served by the plugin (Construct) for a program that does not run them itself:
// the program uses the Node.js SDK that `pulumi package gen-sdk` writes from the plugin's schema,
// where every component is remote, as it is in the generated Python and Go SDKs. The plugin builds
// them with the TypeScript classes: same placement, same backup choice, same bilingual refusal of
// a single-AZ workload before any API call, and references (tenant, clusters, luns, policies)
// passed from one component to another.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Sandbox } from "../../../sandbox";
import { startSandbox } from "../../support/sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack, repoRoot } from "./harness";

interface SandboxVm {
    id: string;
    name: string;
    hostCluster: { name: string };
    slaPolicies: string[];
    powerState: string;
}

describe("provider e2e: components built by the plugin for a program through its generated SDK", function () {
    this.timeout(600_000);
    const prefix = "remote";
    let sandbox: Sandbox;
    let run: StackRun;
    const vms = () => (sandbox.listVirtualMachines() as SandboxVm[]).filter((vm) => vm.name.startsWith(`${prefix}-`));

    before(async () => {
        requireToolchain();
        buildOnce();
        sandbox = await startSandbox();
        run = await openStack("remote", sandbox, prefix);
        await run.setConfig("securetemple:s3Endpoint", sandbox.minio.endpoint);
        // The SDK a TypeScript user of another package would get: generated from the served schema, compiled.
        await run.ok([
            "package",
            "gen-sdk",
            path.join(repoRoot, "provider", "plugin"),
            "--language",
            "nodejs",
            "--out",
            path.join(run.dir, "generated"),
        ]);
        const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
        const sdk = path.join(run.dir, "generated", "nodejs");
        execFileSync(process.execPath, [tsc, "-p", sdk], { stdio: "pipe" });
        // The generated SDK reads its version from the package.json next to its compiled files, as published.
        fs.copyFileSync(path.join(sdk, "package.json"), path.join(sdk, "bin", "package.json"));
    });

    after(async () => {
        run?.dispose();
        await sandbox?.stop();
    });

    it("refuses a single-AZ workload with the components' bilingual message, before any API call", async () => {
        await run.setConfig("replicas", "1");
        const requests = sandbox.listActivities().length;
        const preview = await run.pulumi(["preview"]);
        assert.notStrictEqual(preview.code, 0, preview.stdout);
        const output = preview.stdout + preview.stderr;
        assert.match(
            output,
            /FR Workload « web », replicas : les réplicas sont tous en AZ05 : les SLA 1, 2 et 4 exigent au moins deux zones \(convention 8\.1\)/,
            output,
        );
        assert.match(
            output,
            /EN Workload "web", replicas: every replica is in AZ05: SLAs 1, 2 and 4 need at least two zones \(convention 8\.1\)/,
            output,
        );
        assert.strictEqual(sandbox.listActivities().length, requests, "no write reached the API");
        assert.deepStrictEqual(vms(), []);
        await run.ok(["config", "rm", "replicas"]);
    });

    it("places, backs up and wires the workload as in TypeScript, and a second run changes nothing", async () => {
        await run.ok(["up", "--yes", "--skip-preview"]);
        await run.ok(["preview", "--expect-no-changes"]);
        const outputs = JSON.parse((await run.ok(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
        assert.strictEqual(outputs.tenantId, sandbox.tenant.id, "the Tenant checked itself against the real tenant");
        assert.strictEqual(outputs.slaCount, 10);
        const placements = outputs.placements as { vmName: string; availabilityZone: string; backupSites: string[] }[];
        assert.deepStrictEqual(
            placements.map((p) => [p.vmName, p.availabilityZone, p.backupSites]),
            [
                [`${prefix}-web-1`, "AZ05", ["TH3S"]],
                [`${prefix}-web-2`, "AZ06", ["PAR7S"]],
            ],
        );
        const ids = sandbox.ids();
        const byName = new Map(vms().map((vm) => [vm.name, vm]));
        assert.strictEqual(byName.get(`${prefix}-web-1`)?.hostCluster.name, "clu001-az05-standard");
        assert.strictEqual(byName.get(`${prefix}-web-2`)?.hostCluster.name, "clu001-az06-standard");
        assert.deepStrictEqual(byName.get(`${prefix}-web-1`)?.slaPolicies, [ids.policy["sla001-daily-th3s"]]);
        assert.deepStrictEqual(
            [...byName.values()].map((vm) => vm.powerState),
            ["running", "running"],
        );
        // Outputs that are references to the component's resources reach the program.
        assert.deepStrictEqual(outputs.vmNames, [`${prefix}-web-1`, `${prefix}-web-2`]);
        assert.deepStrictEqual(
            (outputs.vmIds as string[]).sort(),
            vms()
                .map((vm) => vm.id)
                .sort(),
        );
        assert.strictEqual(outputs.bucketVersioning, "Enabled");
        assert.ok(
            typeof outputs.restoreKey === "string" && outputs.restoreKey.length > 10,
            "the read-only account's key through its reference",
        );
        assert.deepStrictEqual(outputs.ingress, [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"], description: "HTTPS" },
        ]);
        const exported = (await run.ok(["stack", "export"])).stdout;
        assert.ok(!exported.includes(String(outputs.restoreKey)), "the storage account key is no plain text in the state");
        const resources = (JSON.parse(exported) as { deployment: { resources: { type: string; urn: string }[] } }).deployment.resources;
        const components = resources.map((r) => r.type);
        // Every resource asked for this package's version, so the engine ran this plugin as that version's default provider.
        const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
        const providers = resources.filter((r) => r.type === "pulumi:providers:securetemple").map((r) => r.urn.split("::").pop());
        assert.deepStrictEqual(providers, [`default_${version.replace(/\./g, "_")}`]);
        for (const type of [
            "securetemple:index:Tenant",
            "securetemple:compute:Workload",
            "securetemple:backup:Policy",
            "securetemple:objectstorage:BackupVault",
        ]) {
            assert.ok(components.includes(type), `${type} is in the state`);
        }
    });

    it("destroys everything: the sandbox holds nothing of the stack", async () => {
        await run.ok(["destroy", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(vms(), []);
        assert.ok(!(sandbox.listBuckets() as { name: string }[]).some((b) => b.name.startsWith(prefix)));
        assert.ok(!(sandbox.listStorageAccounts() as { name: string }[]).some((a) => a.name.startsWith(prefix)));
        assert.ok(fs.existsSync(path.join(run.dir, "generated", "nodejs", "bin", "index.js")));
    });
});
