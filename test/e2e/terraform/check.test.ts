// `securetemple check` in a Terraform pipeline, end to end: real OpenTofu and the official Cloud
// Temple provider plan a configuration against the sandbox, `tofu show -json` writes the plan, and
// the compiled CLI judges it. A powered-on VM without backup policy and a public bucket fail with
// exactly those two mandatory findings, named by their Terraform address; the compliant
// configuration passes; after `apply`, the state (`tofu show -json`) is judged the same way.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Sandbox } from "../../../sandbox";
import { runProcess } from "../../support/process";
import { tofuWorkspace, TofuWorkspace } from "../../support/opentofu";
import { startSandbox } from "../../support/sandbox";
import { ensureBuilt, root } from "../cli/build";

const fixtures = path.join(__dirname, "fixtures");

interface JsonReport {
    source: { kind: string };
    violations: { policyName: string; urn: string; enforcementLevel: string }[];
}

describe("securetemple check on OpenTofu plans and states (e2e, OpenTofu + Cloud Temple provider + sandbox)", function () {
    this.timeout(600_000);
    let sandbox: Sandbox;
    let binary: string;
    const workspaces: TofuWorkspace[] = [];

    before(async () => {
        binary = ensureBuilt();
        sandbox = await startSandbox();
    });
    after(async () => {
        workspaces.forEach((w) => w.dispose());
        await sandbox?.stop();
    });

    /** `tofu plan -out` then `tofu show -json` of the plan, written to a file; returns its path and the workspace. */
    async function planJson(name: string): Promise<{ file: string; tofu: TofuWorkspace }> {
        const tofu = tofuWorkspace(path.join(fixtures, name), sandbox);
        workspaces.push(tofu);
        const planned = await tofu.run(["plan", "-input=false", "-no-color", "-out=check.tfplan"]);
        assert.strictEqual(planned.code, 0, planned.stdout + planned.stderr);
        const shown = await tofu.run(["show", "-json", "check.tfplan"]);
        assert.strictEqual(shown.code, 0, shown.stderr);
        const file = path.join(tofu.dir, "plan.json");
        fs.writeFileSync(file, shown.stdout);
        return { file, tofu };
    }

    const check = (args: string[]) => runProcess(process.execPath, [binary, "check", ...args], { cwd: root });

    const mandatory = (report: JsonReport) =>
        report.violations
            .filter((v) => v.enforcementLevel === "mandatory")
            .map((v) => `${v.policyName} ${v.urn}`)
            .sort();

    it("fails the plan of a powered-on VM without backup policy and a public bucket with exactly those two mandatory findings", async () => {
        const { file } = await planJson("non-compliant");
        const result = await check([file, "--format", "json"]);
        assert.strictEqual(result.code, 1, result.stdout + result.stderr);
        const report = JSON.parse(result.stdout) as JsonReport;
        assert.strictEqual(report.source.kind, "terraform-plan");
        assert.deepStrictEqual(mandatory(report), [
            "securetemple-backup-policy-association cloudtemple_compute_virtual_machine.web",
            "securetemple-objectstorage-bucket-access cloudtemple_object_storage_bucket.site",
        ]);
        const text = await check([file, "--lang", "fr"]);
        assert.match(text.stdout, /plan OpenTofu\/Terraform/);
        assert.match(text.stdout, /cloudtemple_object_storage_bucket\.site/);
    });

    it("passes the compliant plan, then judges the applied state the same way, and nothing is left after destroy", async () => {
        const { file, tofu } = await planJson("compliant");
        const planned = await check([file, "--format", "json"]);
        assert.strictEqual(planned.code, 0, planned.stdout + planned.stderr);
        assert.deepStrictEqual(mandatory(JSON.parse(planned.stdout) as JsonReport), []);

        const applied = await tofu.run(["apply", "-input=false", "-no-color", "check.tfplan"]);
        assert.strictEqual(applied.code, 0, applied.stdout + applied.stderr);
        const state = await tofu.run(["show", "-json"]);
        const stateFile = path.join(tofu.dir, "state.json");
        fs.writeFileSync(stateFile, state.stdout);
        const judged = await check([stateFile, "--format", "json"]);
        assert.strictEqual(judged.code, 0, judged.stdout + judged.stderr);
        const report = JSON.parse(judged.stdout) as JsonReport;
        assert.strictEqual(report.source.kind, "terraform-state");

        const destroyed = await tofu.run(["destroy", "-auto-approve", "-input=false", "-no-color"]);
        assert.strictEqual(destroyed.code, 0, destroyed.stdout + destroyed.stderr);
        assert.deepStrictEqual([sandbox.listVirtualMachines().length, sandbox.listBuckets().length], [0, 0]);
    });

    it("refuses OpenTofu JSON that is neither a plan nor a state with a bilingual message and exit code 2", async () => {
        const tofu = tofuWorkspace(path.join(fixtures, "compliant"), sandbox);
        workspaces.push(tofu);
        const schema = await tofu.run(["providers", "schema", "-json"]);
        assert.strictEqual(schema.code, 0, schema.stderr);
        const file = path.join(tofu.dir, "schema.json");
        fs.writeFileSync(file, schema.stdout);
        const result = await check([file]);
        assert.strictEqual(result.code, 2, result.stdout + result.stderr);
        assert.match(result.stderr, /ni un plan ni un état \(il contient : provider_schemas\).* \/ .*neither a plan nor a state/s);
    });
});
