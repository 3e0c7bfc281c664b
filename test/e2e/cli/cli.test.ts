// The compiled `securetemple` binary on real Pulumi output: a small tenant deployed with the real
// CLI (file backend in a temporary folder), exported with `pulumi stack export`, then checked as an
// auditor would; and the engine event log of a real `pulumi preview`, with and without the pack.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { create } from "xmlbuilder2";
import { buildPolicyPack } from "../../../tools/build-policy-pack";
import { requireToolchain } from "../../../tools/toolchain/env";
import { ProcessResult, runProcess } from "../../support/process";
import { pulumiWorkspace, PulumiWorkspace } from "../../support/pulumi";
import { sarifErrors } from "../../unit/cli/sarifSchema";
import { binary, ensureBuilt, root } from "./build";

const program = path.join(__dirname, "program");

/** Runs `node dist/bin/securetemple.js <args>`, with `stdin` piped in when given. */
function securetemple(args: string[], stdin?: string): Promise<ProcessResult> {
    return runProcess(process.execPath, [binary, ...args], { cwd: root, stdin });
}

/** The violations the non-compliant tenant must show, as "policy resource-name". */
const expectedViolations = [
    "securetemple-backup-policy-association web",
    "securetemple-compute-multi-az-placement acme",
    "securetemple-compute-multi-az-placement web",
    "securetemple-network-security-group-rules web-sg",
];

interface SarifLog {
    runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
            ruleId: string;
            level: string;
            properties: { origin: string };
            locations: { logicalLocations?: { name?: string; fullyQualifiedName?: string }[] }[];
        }[];
    }[];
}

function sarifViolations(log: SarifLog): string[] {
    return log.runs[0].results.map((r) => `${r.ruleId} ${r.locations[0].logicalLocations?.[0].name ?? ""}`).sort();
}

interface JunitCase {
    suite: string;
    name: string;
    failure?: { type: string; message: string };
}

function junitCases(xml: string): JunitCase[] {
    interface Element {
        textContent: string | null;
        getAttribute(name: string): string | null;
        getElementsByTagName(name: string): ArrayLike<Element>;
    }
    const doc = create(xml).root().node as unknown as Element;
    return Array.from(doc.getElementsByTagName("testsuite")).flatMap((suite) =>
        Array.from(suite.getElementsByTagName("testcase")).map((c) => {
            const failure = c.getElementsByTagName("failure")[0];
            return {
                suite: suite.getAttribute("name") ?? "",
                name: c.getAttribute("name") ?? "",
                ...(failure
                    ? { failure: { type: failure.getAttribute("type") ?? "", message: failure.getAttribute("message") ?? "" } }
                    : {}),
            };
        }),
    );
}

describe("securetemple CLI on real Pulumi state and previews (e2e)", function () {
    this.timeout(600_000);
    let ws: PulumiWorkspace;
    let work: string;
    const exportOf: Record<"compliant" | "noncompliant", string> = { compliant: "", noncompliant: "" };

    before(async () => {
        requireToolchain();
        ensureBuilt();
        work = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-cli-e2e-"));
        fs.mkdirSync(path.join(work, "state"));
        ws = pulumiWorkspace({ PULUMI_BACKEND_URL: `file://${path.join(work, "state")}` });
        for (const variant of ["compliant", "noncompliant"] as const) {
            await ws.ok(["stack", "init", variant], program);
            await ws.ok(["config", "set", "--stack", variant, "compliant", String(variant === "compliant")], program);
            await ws.ok(["up", "--stack", variant, "--yes", "--skip-preview"], program);
            exportOf[variant] = path.join(work, `${variant}.json`);
            await ws.ok(["stack", "export", "--stack", variant, "--file", exportOf[variant]], program);
        }
    });

    after(async () => {
        if (ws) {
            for (const variant of ["compliant", "noncompliant"]) {
                await ws.run(["destroy", "--stack", variant, "--yes", "--skip-preview"], program);
                await ws.run(["stack", "rm", variant, "--yes", "--force"], program);
            }
            ws.dispose();
        }
        for (const variant of ["compliant", "noncompliant"]) {
            fs.rmSync(path.join(program, `Pulumi.${variant}.yaml`), { force: true });
        }
        if (work) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("is a node script with a shebang, as the package's bin", () => {
        assert.strictEqual(fs.readFileSync(binary, "utf8").split("\n")[0], "#!/usr/bin/env node");
        const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { bin: Record<string, string> };
        assert.strictEqual(pkg.bin.securetemple, "dist/bin/securetemple.js");
    });

    describe("on the non-compliant tenant's state export", () => {
        it("writes valid SARIF that names the expected violations, and exits 1", async () => {
            const r = await securetemple(["check", exportOf.noncompliant, "--format", "sarif", "--lang", "en"]);
            assert.strictEqual(r.code, 1, r.stdout + r.stderr);
            const log = JSON.parse(r.stdout) as SarifLog;
            assert.deepStrictEqual(sarifErrors(log), []);
            assert.deepStrictEqual(sarifViolations(log), expectedViolations);
            assert.ok(log.runs[0].results.every((x) => x.level === "error"));
            assert.ok(
                log.runs[0].results.every((x) =>
                    x.locations[0].logicalLocations?.[0].fullyQualifiedName?.startsWith("urn:pulumi:noncompliant::securetemple-cli-e2e::"),
                ),
            );
        });

        it("writes JUnit with a failure per violation and passing cases for the rest, and exits 1", async () => {
            const out = path.join(work, "noncompliant.xml");
            const r = await securetemple(["check", exportOf.noncompliant, "--format", "junit", "--output", out]);
            assert.strictEqual(r.code, 1, r.stdout + r.stderr);
            assert.match(r.stderr, /ÉCHEC/);
            const cases = junitCases(fs.readFileSync(out, "utf8"));
            const failed = cases
                .filter((c) => c.failure)
                .map((c) => `${c.suite} ${/ (\S+) \(urn:/.exec(c.name)?.[1] ?? c.name}`)
                .sort();
            assert.deepStrictEqual(failed, expectedViolations);
            assert.ok(cases.filter((c) => c.failure).every((c) => c.failure?.type === "mandatory"));
            const sg = cases.find((c) => c.suite === "securetemple-network-security-group-rules");
            assert.match(sg?.failure?.message ?? "", /SSH \(port 22\)/);
            assert.ok(
                cases.some((c) => !c.failure && c.suite === "securetemple-network-security-group-exceptions"),
                "the same resources pass other policies",
            );
        });

        it("reads the export from a pipe (-) and prints the French text report", async () => {
            const r = await securetemple(["check", "-"], fs.readFileSync(exportOf.noncompliant, "utf8"));
            assert.strictEqual(r.code, 1, r.stdout + r.stderr);
            assert.match(r.stdout, /✗ \[obligatoire\] securetemple-network-security-group-rules/);
            assert.match(r.stdout, /Groupe de sécurité « web-sg »/);
            assert.match(r.stdout, /Résultat : ÉCHEC/);
        });

        it("shows SLAs 1, 2 and 4 as not applicable", async () => {
            const r = await securetemple(["sla", exportOf.noncompliant, "--format", "json"]);
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            const doc = JSON.parse(r.stdout) as {
                tenants: { name: string; availabilityZones: string[]; rows: { sla: number; eligible: boolean }[] }[];
            };
            assert.strictEqual(doc.tenants.length, 1);
            assert.strictEqual(doc.tenants[0].name, "acme");
            assert.deepStrictEqual(
                doc.tenants[0].rows.filter((x) => !x.eligible).map((x) => x.sla),
                [1, 2, 4],
            );
        });
    });

    describe("on the compliant tenant's state export", () => {
        it("exits 0 in every format, with empty SARIF results and no JUnit failure", async () => {
            const sarif = await securetemple(["check", exportOf.compliant, "--format", "sarif"]);
            assert.strictEqual(sarif.code, 0, sarif.stdout + sarif.stderr);
            const log = JSON.parse(sarif.stdout) as SarifLog;
            assert.deepStrictEqual(sarifErrors(log), []);
            assert.deepStrictEqual(log.runs[0].results, []);
            assert.ok(log.runs[0].tool.driver.rules.some((x) => x.id === "securetemple-compute-multi-az-placement"));
            const junit = await securetemple(["check", exportOf.compliant, "--format", "junit"]);
            assert.strictEqual(junit.code, 0, junit.stdout + junit.stderr);
            const cases = junitCases(junit.stdout);
            assert.ok(cases.length >= 5);
            assert.deepStrictEqual(
                cases.filter((c) => c.failure),
                [],
            );
            const text = await securetemple(["check", exportOf.compliant, "--lang", "en"]);
            assert.strictEqual(text.code, 0, text.stdout + text.stderr);
            assert.match(text.stdout, /Result: PASSED, no violation\./);
        });

        it("shows every SLA as applicable", async () => {
            const r = await securetemple(["sla", exportOf.compliant, "--lang", "en"]);
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.match(r.stdout, /Tenant "acme": subscribed zones AZ05, AZ06/);
            assert.match(r.stdout, /10\/10 SLAs apply\./);
        });
    });

    describe("on the event log of a real preview", () => {
        it("evaluates the previewed resources when the preview ran without the pack", async () => {
            const log = path.join(work, "preview.jsonl");
            await ws.ok(["preview", "--stack", "noncompliant", "--event-log", log], program);
            const r = await securetemple(["check", "--event-log", log, "--format", "json"]);
            assert.strictEqual(r.code, 1, r.stdout + r.stderr);
            const doc = JSON.parse(r.stdout) as { violations: { policyName: string; resourceName: string; origin: string }[] };
            assert.deepStrictEqual(doc.violations.map((v) => `${v.policyName} ${v.resourceName}`).sort(), expectedViolations);
            assert.ok(doc.violations.every((v) => v.origin === "check"));
        });

        it("reports the engine's own policy results when the preview ran the pack", async () => {
            const pack = buildPolicyPack();
            const log = path.join(work, "preview-pack.jsonl");
            const preview = await ws.run(["preview", "--stack", "noncompliant", "--policy-pack", pack, "--event-log", log], program);
            assert.notStrictEqual(preview.code, 0, "the preview itself fails on the mandatory policies");
            const r = await securetemple(["check", "--event-log", log, "--format", "sarif"]);
            assert.strictEqual(r.code, 1, r.stdout + r.stderr);
            const sarif = JSON.parse(r.stdout) as SarifLog;
            assert.deepStrictEqual(sarifErrors(sarif), []);
            assert.deepStrictEqual(sarifViolations(sarif), expectedViolations);
            assert.ok(
                sarif.runs[0].results.every((x) => x.properties.origin === "preview"),
                "each violation is the one the engine reported",
            );
            const compliantLog = path.join(work, "preview-compliant.jsonl");
            await ws.ok(["preview", "--stack", "compliant", "--policy-pack", pack, "--event-log", compliantLog], program);
            const clean = await securetemple(["check", "--event-log", compliantLog, "--format", "junit"]);
            assert.strictEqual(clean.code, 0, clean.stdout + clean.stderr);
        });
    });

    it("exits 2 with a bilingual message on a file that is not a state export", async () => {
        const r = await securetemple(["check", path.join(program, "Pulumi.yaml")]);
        assert.strictEqual(r.code, 2);
        assert.match(r.stderr, /^FR .*Pulumi\.yaml : JSON invalide .* \/ EN .*Pulumi\.yaml: invalid JSON/);
    });
});
