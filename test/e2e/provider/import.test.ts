// `pulumi import` of a VM made outside Pulumi, code generation included: the CLI writes the
// TypeScript declaration of the VM from the schema the plugin serves; that code compiles against
// the package and, run as the program, previews with no change.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Sandbox } from "../../../sandbox";
import { startSandbox } from "../../support/sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack, repoRoot } from "./harness";

describe("provider e2e: pulumi import writes TypeScript that compiles and previews with no change", function () {
    this.timeout(600_000);
    const prefix = "e2eimport";
    let sandbox: Sandbox;
    let run: StackRun;
    let vmId: string;

    before(async () => {
        requireToolchain();
        buildOnce();
        sandbox = await startSandbox();
        run = await openStack("imported", sandbox, prefix, { linkPackage: true });
        const ids = sandbox.ids();
        const res = await fetch(`${sandbox.endpoint}/_admin/virtual_machines`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
                name: `${prefix}-legacy`,
                datacenterId: ids.datacenter["dc-az05-par7s"],
                hostClusterId: ids.hostCluster["clu001-az05-standard"],
                datastoreId: ids.datastore["ds-az05-standard-01"],
                memory: 2 * 1024 ** 3,
                cpu: 2,
                powerState: "stopped",
            }),
        });
        const body = await res.text();
        assert.strictEqual(res.status, 201, body);
        vmId = (JSON.parse(body) as { id: string }).id;
    });

    after(async () => {
        run?.dispose();
        await sandbox?.stop();
    });

    it("imports the VM and writes its declaration as securetemple.compute.VirtualMachine", async () => {
        const code = path.join(run.dir, "imported.ts");
        await run.ok(["import", "securetemple:compute:VirtualMachine", "legacy", vmId, "--yes", "--protect=false", "--out", code]);
        const text = fs.readFileSync(code, "utf8");
        assert.match(text, /import \* as securetemple from "@securetemple\/pulumi";/, text);
        assert.match(text, /new securetemple\.compute\.VirtualMachine\("legacy", \{/, text);
        assert.match(text, new RegExp(`name: "${prefix}-legacy"`), text);
        assert.match(text, /powerState: securetemple\.compute\.PowerState\.Off/, text);
        const state = await run.exportState();
        assert.strictEqual(state.deployment.resources.find((r) => r.id === vmId)?.outputs?.name, `${prefix}-legacy`);
        fs.renameSync(code, path.join(run.dir, "index.ts"));
    });

    it("compiles the written code against the package with the TypeScript compiler", () => {
        const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
        try {
            execFileSync(process.execPath, [tsc, "-p", run.dir], { encoding: "utf8", stdio: "pipe" });
        } catch (err) {
            const e = err as { stdout?: string; stderr?: string };
            assert.fail(
                `tsc failed on the imported code:\n${e.stdout}${e.stderr}\n--- code\n${fs.readFileSync(path.join(run.dir, "index.ts"), "utf8")}`,
            );
        }
    });

    it("previews the written program with no change, then destroys the VM", async () => {
        const preview = await run.ok(["preview", "--json"], { PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
        const summary = JSON.parse(preview.stdout).changeSummary as Record<string, number>;
        assert.deepStrictEqual(Object.keys(summary), ["same"], preview.stdout);
        await run.ok(["destroy", "--yes", "--skip-preview"]);
        assert.ok(!(sandbox.listVirtualMachines() as { id: string }[]).some((vm) => vm.id === vmId), "the imported VM is gone");
    });
});
