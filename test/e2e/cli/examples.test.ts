// The auditor's use of `securetemple check` on the project's examples, deployed for real against
// the sandbox with the provider plugin (no policy pack at `up`, as for a stack built before the
// pack existed): the non-compliant example's state export yields valid SARIF and JUnit naming the
// four violations it was written for; the compliant web and database tier exits 0.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { create } from "xmlbuilder2";
import { providerEnv, Sandbox } from "../../../sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { ProcessResult, runProcess } from "../../support/process";
import { pulumiWorkspace, PulumiWorkspace } from "../../support/pulumi";
import { sarifErrors } from "../../unit/cli/sarifSchema";
import { ensureBuilt, root } from "./build";
import { startSandbox } from "../../support/sandbox";

const example = (name: string) => path.join(root, "examples", name);

function securetemple(binary: string, args: string[]): Promise<ProcessResult> {
    return runProcess(process.execPath, [binary, ...args], { cwd: root });
}

interface SarifResult {
    ruleId: string;
    level: string;
    locations: { logicalLocations?: { name?: string }[] }[];
}

describe("securetemple check on the deployed examples (e2e, sandbox)", function () {
    this.timeout(600_000);
    let binary: string;
    let sandbox: Sandbox;
    let work: string;
    let ws: PulumiWorkspace;

    before(async () => {
        requireToolchain();
        binary = ensureBuilt();
        sandbox = await startSandbox();
        work = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-cli-examples-"));
        fs.mkdirSync(path.join(work, "state"));
        ws = pulumiWorkspace({
            PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
            ...providerEnv(sandbox),
        });
    });

    after(async () => {
        ws?.dispose();
        await sandbox?.stop();
        if (work) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    /** Deploys an example, exports its state to a file, runs `body`, then destroys it. */
    async function deployed(name: string, body: (exportFile: string) => Promise<void>): Promise<void> {
        const dir = example(name);
        const stack = `cli-${process.pid}`;
        await ws.ok(["stack", "init", stack], dir);
        try {
            await ws.ok(["up", "--yes", "--skip-preview"], dir);
            const file = path.join(work, `${name}.json`);
            await ws.ok(["stack", "export", "--file", file], dir);
            await body(file);
            await ws.ok(["destroy", "--yes", "--skip-preview"], dir);
        } finally {
            await ws.run(["stack", "rm", "--yes", "--force", stack], dir);
        }
    }

    it("finds the four violations of the non-compliant example in SARIF and JUnit, and exits 1", async () => {
        await deployed("non-compliant", async (file) => {
            const expected = [
                "securetemple-backup-policy-association lonely-app",
                "securetemple-compute-multi-az-placement single-site",
                "securetemple-network-security-group-rules admin-access",
                "securetemple-objectstorage-bucket-access public-downloads",
            ];
            const sarif = await securetemple(binary, ["check", file, "--format", "sarif", "--lang", "en"]);
            assert.strictEqual(sarif.code, 1, sarif.stdout + sarif.stderr);
            const log = JSON.parse(sarif.stdout) as { runs: { results: SarifResult[] }[] };
            assert.deepStrictEqual(sarifErrors(log), []);
            const errors = log.runs[0].results.filter((r) => r.level === "error");
            assert.deepStrictEqual(
                [...new Set(errors.map((r) => `${r.ruleId} ${r.locations[0].logicalLocations?.[0].name ?? ""}`))].sort(),
                expected,
            );

            const junit = await securetemple(binary, ["check", file, "--format", "junit"]);
            assert.strictEqual(junit.code, 1, junit.stdout + junit.stderr);
            interface Element {
                getAttribute(name: string): string | null;
                getElementsByTagName(name: string): ArrayLike<Element>;
            }
            const doc = create(junit.stdout).root().node as unknown as Element;
            const failed = Array.from(doc.getElementsByTagName("testcase"))
                .filter((c) => Array.from(c.getElementsByTagName("failure")).some((f) => f.getAttribute("type") === "mandatory"))
                .map((c) => `${c.getAttribute("classname")} ${/ (\S+) \(urn:/.exec(c.getAttribute("name") ?? "")?.[1] ?? ""}`);
            assert.deepStrictEqual([...new Set(failed)].sort(), expected);
        });
    });

    it("passes the compliant web and database tier with exit code 0", async () => {
        await deployed("web-db-multi-az", async (file) => {
            const r = await securetemple(binary, ["check", file, "--format", "json"]);
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            const doc = JSON.parse(r.stdout) as { summary: { passed: boolean; resources: number; mandatoryViolations: number } };
            assert.strictEqual(doc.summary.passed, true);
            assert.strictEqual(doc.summary.mandatoryViolations, 0);
            assert.ok(doc.summary.resources >= 10, `the whole tier is evaluated (${doc.summary.resources} resources)`);
            const sla = await securetemple(binary, ["sla", file, "--format", "json"]);
            assert.strictEqual(sla.code, 0, sla.stdout + sla.stderr);
            const tenants = (JSON.parse(sla.stdout) as { tenants: { rows: { eligible: boolean }[] }[] }).tenants;
            assert.strictEqual(tenants.length, 1);
            assert.ok(
                tenants[0].rows.every((x) => x.eligible),
                "a tenant spread over two AZs can claim every SLA",
            );
        });
    });
});
