// The command line in-process (cli/program.ts run()): exit codes, argument errors in French and
// English naming the flag or file, and `check` on state exports evaluated by the real policy
// engine. The compiled binary and real Pulumi exports are exercised in test/e2e/cli.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../../cli/program";
import { captureIo, securityGroupUrn, tenantExport, tenantUrn, workloadUrn } from "./fixtures";
import { sarifErrors } from "./sarifSchema";

describe("securetemple command line", () => {
    let dir: string;
    let compliant: string;
    let nonCompliant: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-cli-"));
        compliant = path.join(dir, "compliant.json");
        nonCompliant = path.join(dir, "non-compliant.json");
        fs.writeFileSync(compliant, JSON.stringify(tenantExport(true)));
        fs.writeFileSync(nonCompliant, JSON.stringify(tenantExport(false)));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("check on a state export", () => {
        it("exits 0 and says PASSED on a compliant tenant", async () => {
            const io = captureIo();
            assert.strictEqual(await run(["check", compliant, "--lang", "en"], io), 0, io.err);
            assert.match(io.out, /3 resources evaluated/);
            assert.match(io.out, /Result: PASSED, no violation\./);
        });

        it("exits 1 and names the violated policies and resources on a non-compliant tenant", async () => {
            const io = captureIo();
            assert.strictEqual(await run(["check", nonCompliant, "--format", "json"], io), 1, io.err);
            const doc = JSON.parse(io.out) as { summary: { passed: boolean }; violations: { policyName: string; urn: string }[] };
            assert.strictEqual(doc.summary.passed, false);
            const found = doc.violations.map((v) => `${v.policyName} ${v.urn}`).sort();
            assert.deepStrictEqual(
                found,
                [
                    `securetemple-backup-policy-association ${workloadUrn}`,
                    `securetemple-compute-multi-az-placement ${tenantUrn}`,
                    `securetemple-compute-multi-az-placement ${workloadUrn}`,
                    `securetemple-network-security-group-rules ${securityGroupUrn}`,
                ].sort(),
            );
        });

        it("reads the export from standard input with -, and writes valid SARIF", async () => {
            const io = captureIo(JSON.stringify(tenantExport(false)));
            assert.strictEqual(await run(["check", "-", "--format", "sarif"], io), 1, io.err);
            const log = JSON.parse(io.out) as { runs: { results: { ruleId: string }[]; tool: { driver: { rules: unknown[] } } }[] };
            assert.deepStrictEqual(sarifErrors(log), []);
            assert.ok(log.runs[0].tool.driver.rules.length >= 5, "every policy of the pack is a rule");
            assert.ok(log.runs[0].results.some((r) => r.ruleId === "securetemple-network-security-group-rules"));
        });

        it("writes the report to --output and prints the verdict on stderr", async () => {
            const io = captureIo();
            const out = path.join(dir, "report.xml");
            assert.strictEqual(await run(["check", nonCompliant, "--format", "junit", "--output", out, "--lang", "en"], io), 1);
            assert.strictEqual(io.out, "");
            assert.match(io.err, /FAILED/);
            assert.match(fs.readFileSync(out, "utf8"), /<testsuite name="securetemple-network-security-group-rules"/);
        });

        it("applies --policy-config: with every policy advisory the same tenant exits 0", async () => {
            const config = path.join(dir, "advisory.json");
            fs.writeFileSync(config, JSON.stringify({ all: "advisory" }));
            const io = captureIo();
            assert.strictEqual(await run(["check", nonCompliant, "--policy-config", config, "--lang", "en"], io), 0, io.err);
            assert.match(io.out, /\[advisory\] securetemple-network-security-group-rules/);
            assert.match(io.out, /Result: PASSED with warnings/);
        });

        it("leaves a disabled policy out of the report", async () => {
            const config = path.join(dir, "disabled.json");
            fs.writeFileSync(config, JSON.stringify({ "securetemple-network-security-group-rules": "disabled" }));
            const io = captureIo();
            assert.strictEqual(await run(["check", nonCompliant, "--policy-config", config, "--format", "json"], io), 1);
            const doc = JSON.parse(io.out) as { policies: { name: string }[]; violations: { policyName: string }[] };
            assert.ok(!doc.policies.some((p) => p.name === "securetemple-network-security-group-rules"));
            assert.ok(!doc.violations.some((v) => v.policyName === "securetemple-network-security-group-rules"));
        });
    });

    it("never prints a secret value of the export, in any format", async () => {
        // `pulumi stack export --show-secrets` writes secrets in plain text under Pulumi's signature key.
        const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", plaintext: '"hunter2-secret-password"' };
        const doc = tenantExport(false);
        const resources = (doc.deployment as { resources: { inputs?: Record<string, unknown> }[] }).resources;
        resources[3].inputs = { ...resources[3].inputs, description: secret, adminPassword: secret };
        resources[1].inputs = { ...resources[1].inputs, apiKey: secret };
        for (const format of ["text", "json", "sarif", "junit"]) {
            const io = captureIo(JSON.stringify(doc));
            assert.strictEqual(await run(["check", "-", "--format", format], io), 1, io.err);
            assert.ok(!io.out.includes("hunter2"), `${format} output holds no secret`);
        }
        const sla = captureIo(JSON.stringify(doc));
        assert.strictEqual(await run(["sla", "-", "--format", "json"], sla), 0);
        assert.ok(!sla.out.includes("hunter2"));
    });

    describe("bad input exits 2 with a French and English message naming the culprit", () => {
        const cases: { title: string; args: () => string[]; stdin?: string; expect: RegExp[] }[] = [
            {
                title: "an unknown --format",
                args: () => ["check", compliant, "--format", "xml"],
                expect: [
                    /^FR --format : valeur "xml" invalide\. Valeurs autorisées : text, json, sarif, junit\./,
                    /EN --format: invalid value "xml"\. Allowed values: text, json, sarif, junit\./,
                ],
            },
            {
                title: "an unknown --lang",
                args: () => ["check", compliant, "--lang", "de"],
                expect: [/FR --lang : .*Valeurs autorisées : fr, en/, /EN --lang: .*Allowed values: fr, en/],
            },
            {
                title: "a missing file",
                args: () => ["check", path.join(dir, "nope.json")],
                expect: [/FR .*nope\.json : fichier introuvable\./, /EN .*nope\.json: file not found\./],
            },
            {
                title: "a file that is not JSON",
                args: () => ["check", "-"],
                stdin: "not json",
                expect: [/FR <stdin> : JSON invalide/, /EN <stdin>: invalid JSON/],
            },
            {
                title: "an empty file, in agreement with its feminine noun",
                args: () => ["check", "-"],
                stdin: "",
                expect: [
                    /FR <stdin> : vide ; la sortie de `pulumi stack export` est attendue\./,
                    /EN <stdin>: empty; the output of `pulumi stack export` is expected\./,
                ],
            },
            {
                title: "a --policy-config that is not JSON",
                args: () => ["check", compliant, "--policy-config", "-"],
                stdin: "{",
                expect: [/; une configuration de pack au format de `--policy-pack-config` est attendue\./],
            },
            {
                title: "JSON that is not a state export",
                args: () => ["check", "-"],
                stdin: '{"steps": []}',
                expect: [/FR <stdin> : ce n'est pas un export d'état/, /EN <stdin>: this is not a state export/],
            },
            {
                title: "a resource without urn",
                args: () => ["check", "-"],
                stdin: '{"version":3,"deployment":{"resources":[{"type":"x"}]}}',
                expect: [/deployment\.resources\[0\]/],
            },
            {
                title: "an unsupported export version",
                args: () => ["check", "-"],
                stdin: '{"version":1,"deployment":{}}',
                expect: [/Valeurs autorisées : 3/, /Allowed values: 3/],
            },
            {
                title: "neither an export nor --event-log",
                args: () => ["check"],
                expect: [/FR check : donner soit un export d'état/, /EN check: give either a state export/],
            },
            { title: "both an export and --event-log", args: () => ["check", compliant, "--event-log", compliant], expect: [/not both/] },
            {
                title: "an event log that is not JSON lines",
                args: () => ["check", "--event-log", "-"],
                stdin: "hello\n",
                expect: [/FR <stdin>:1 : ligne qui n'est pas un événement JSON/, /EN <stdin>:1: line is not a JSON event/],
            },
            {
                title: "an unknown policy in --policy-config",
                args: () => ["check", compliant, "--policy-config", "-"],
                stdin: '{"securetemple-nope": "mandatory"}',
                expect: [/--policy-config .*securetemple-nope/, /unknown policy\. Allowed values: all, securetemple-/],
            },
            {
                title: "a bad level in --policy-config",
                args: () => ["check", compliant, "--policy-config", "-"],
                stdin: '{"all": "strict"}',
                expect: [/Valeurs autorisées : advisory, mandatory, remediate, disabled/],
            },
            {
                title: "an --output in a missing folder",
                args: () => ["check", compliant, "--output", path.join(dir, "missing", "r.txt")],
                expect: [/FR --output .*r\.txt : écriture impossible \(ENOENT\)/, /EN --output .*r\.txt: cannot be written \(ENOENT\)/],
            },
            {
                title: "an unknown option",
                args: () => ["check", compliant, "--colour"],
                expect: [/^FR --colour : option inconnue/, /EN --colour: unknown option '--colour'/],
            },
            {
                title: "an unknown command",
                args: () => ["audit"],
                expect: [/FR audit : commande inconnue/, /EN audit: unknown command 'audit'/],
            },
            {
                title: "sla without its argument",
                args: () => ["sla"],
                expect: [/FR state-export : argument obligatoire manquant/, /EN state-export: missing required argument/],
            },
            {
                title: "sla on a stack without tenant",
                args: () => ["sla", "-"],
                stdin: '{"version":3,"deployment":{"resources":[]}}',
                expect: [/aucun composant securetemple:index:Tenant/, /no securetemple:index:Tenant component/],
            },
            {
                title: "sandbox with a port out of range",
                args: () => ["sandbox", "--port", "70000"],
                expect: [/FR --port : "70000" n'est pas un port/, /EN --port: "70000" is not a port/],
            },
        ];
        for (const c of cases) {
            it(c.title, async () => {
                const io = captureIo(c.stdin);
                assert.strictEqual(await run(c.args(), io), 2, `stdout: ${io.out}\nstderr: ${io.err}`);
                for (const re of c.expect) {
                    assert.match(io.err, re);
                }
                assert.strictEqual(io.out, "", "nothing on stdout");
            });
        }
    });

    it("prints help and version with exit 0", async () => {
        const help = captureIo();
        assert.strictEqual(await run(["--help"], help), 0);
        assert.match(help.out, /check \[options\] \[state-export\]/);
        assert.match(help.out, /sla \[options\] <state-export>/);
        const version = captureIo();
        assert.strictEqual(await run(["--version"], version), 0);
        assert.match(version.out, /^\d+\.\d+\.\d+/);
    });
});
