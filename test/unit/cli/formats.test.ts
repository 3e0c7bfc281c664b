// The four report formats of `securetemple check`, on a hand-built report: text in each language,
// JSON summary, SARIF valid against the official schema with the rule metadata, JUnit parsed back.
import * as assert from "assert";
import { create } from "xmlbuilder2";
import { pickLanguage } from "../../../cli/language";
import { CheckReport, formatJson, formatJunit, formatText, mandatoryFailed, toSarif } from "../../../cli/report";
import { sampleReport, workloadUrn } from "./fixtures";
import { sarifErrors } from "./sarifSchema";

function withoutMandatory(report: CheckReport): CheckReport {
    return { ...report, findings: report.findings.filter((f) => f.enforcementLevel !== "mandatory") };
}

describe("cli report formats", () => {
    describe("checks undecided during a preview", () => {
        // A policy that read a value unknown during a preview (an ID not assigned yet) could not decide.
        function withUndecided(): CheckReport {
            const report = withoutMandatory(sampleReport());
            report.findings.push({
                policyName: "securetemple-compute-multi-az-placement",
                enforcementLevel: "advisory",
                urn: workloadUrn,
                resourceType: "securetemple:compute:Workload",
                resourceName: "web",
                message: "can't run policy 'securetemple-compute-multi-az-placement' during preview: unknown zone",
                origin: "check",
                undecided: true,
            });
            return report;
        }

        it("are listed apart in text and JSON, not counted as violations", () => {
            const report = withUndecided();
            const text = formatText(report, "en");
            assert.match(text, /1 violation \(0 mandatory, 1 advisory\)/);
            assert.match(
                text,
                /1 check undecided \(values unknown during the preview, review after deployment\):\n\? \[undecided\] securetemple-compute-multi-az-placement/,
            );
            assert.match(formatText(report, "fr"), /1 vérification indéterminée/);
            const doc = JSON.parse(formatJson(report)) as {
                summary: { violations: number; undecided: number };
                undecided: { policyName: string }[];
            };
            assert.strictEqual(doc.summary.violations, 1);
            assert.strictEqual(doc.summary.undecided, 1);
            assert.strictEqual(doc.undecided[0].policyName, "securetemple-compute-multi-az-placement");
        });

        it("are SARIF notes for review, and skipped JUnit cases", () => {
            const report = withUndecided();
            const log = toSarif(report, "en");
            assert.deepStrictEqual(sarifErrors(log), []);
            const note = log.runs[0].results?.find((r) => r.ruleId === "securetemple-compute-multi-az-placement");
            assert.strictEqual(note?.level, "note");
            assert.strictEqual(note?.kind, "review");
            const xml = formatJunit(report, "en");
            assert.match(
                xml,
                /<testcase classname="securetemple-compute-multi-az-placement" name="securetemple:compute:Workload web[^"]*" time="0">\s*<skipped message="can't run policy/,
            );
            assert.match(
                xml,
                /<testsuites [^>]*failures="1"[^>]*skipped="2"/,
                "the exception failure stays, the undecided case and the empty bucket suite are skipped",
            );
            assert.strictEqual(mandatoryFailed(report), false);
        });
    });

    describe("language", () => {
        it("keeps one half of each bilingual line and leaves other lines whole", () => {
            const text = "FR Bonjour / EN Hello\nplain line\nFR Deux / EN Two";
            assert.strictEqual(pickLanguage(text, "fr"), "Bonjour\nplain line\nDeux");
            assert.strictEqual(pickLanguage(text, "en"), "Hello\nplain line\nTwo");
        });
    });

    describe("convention sections", () => {
        it("print each cited section's title from the catalogue in every format", () => {
            const report = sampleReport();
            assert.match(formatText(report, "fr"), /Convention : §8\.1 « Engagements de disponibilité de l’infrastructure »/);
            assert.match(formatText(report, "en"), /Convention: section 8\.1 "Infrastructure availability commitments"/);
            const doc = JSON.parse(formatJson(report)) as { policies: { name: string; sectionTitles: { fr: string; en: string }[] }[] };
            const multiAz = doc.policies.find((p) => p.name === "securetemple-compute-multi-az-placement");
            assert.deepStrictEqual(multiAz?.sectionTitles, [
                {
                    fr: "§8.1 « Engagements de disponibilité de l’infrastructure »",
                    en: 'section 8.1 "Infrastructure availability commitments"',
                },
            ]);
            const rule = toSarif(report, "en").runs[0].tool.driver.rules?.find((r) => r.id === "securetemple-compute-multi-az-placement");
            assert.deepStrictEqual(rule?.properties?.sectionTitles, ['section 8.1 "Infrastructure availability commitments"']);
            assert.match(rule?.help?.text ?? "", /§8\.1 « Engagements de disponibilité de l’infrastructure »/);
            assert.match(
                formatJunit(report, "fr"),
                /name="sectionTitles" value="§8\.1 « Engagements de disponibilité de l’infrastructure »"/,
            );
        });
    });

    describe("text", () => {
        it("writes French: counts, level, resource, message, remediation and a failed verdict", () => {
            const text = formatText(sampleReport(), "fr");
            assert.match(text, /^Rapport de conformité Secure Temple\n/);
            assert.match(text, /3 ressources évaluées, 3 politiques, 2 violations \(1 obligatoire, 1 consultative\)\./);
            assert.match(text, /✗ \[obligatoire\] securetemple-compute-multi-az-placement \(convention §8\.1, sévérité haute\)/);
            assert.match(text, /ressource : securetemple:compute:Workload « web »/);
            assert.match(text, /La charge « web » est dans une seule zone/);
            assert.doesNotMatch(text, /The workload/, "only the French half of messages");
            assert.match(text, /Correction : Répartir les répliques\./);
            assert.match(text, /Résultat : ÉCHEC/);
        });

        it("writes English, and passes with warnings when only advisory policies fail", () => {
            const text = formatText(withoutMandatory(sampleReport()), "en");
            assert.match(text, /1 violation \(0 mandatory, 1 advisory\)/);
            assert.match(text, /! \[advisory\] securetemple-network-security-group-exceptions/);
            assert.match(text, /Exception to review\./);
            assert.doesNotMatch(text, /Exception à revoir/);
            assert.match(text, /Result: PASSED with warnings/);
        });

        it("says there is no violation on a clean report", () => {
            const report = { ...sampleReport(), findings: [] };
            assert.match(formatText(report, "en"), /Result: PASSED, no violation\./);
            assert.match(formatText(report, "fr"), /Résultat : CONFORME, aucune violation\./);
            assert.match(formatText(report, "fr"), /0 violation \(0 obligatoire, 0 consultative\)\./, "French singular for zero");
            assert.match(formatText(report, "en"), /0 violations \(0 mandatory, 0 advisory\)\./);
        });
    });

    describe("json", () => {
        it("summarises and lists violations in both languages", () => {
            const doc = JSON.parse(formatJson(sampleReport())) as {
                summary: Record<string, unknown>;
                violations: { policyName: string; urn: string; message: { fr: string; en: string } }[];
                policies: { name: string }[];
            };
            assert.deepStrictEqual(doc.summary, {
                passed: false,
                resources: 3,
                policies: 3,
                violations: 2,
                mandatoryViolations: 1,
                advisoryViolations: 1,
                undecided: 0,
            });
            const v = doc.violations.find((x) => x.policyName === "securetemple-compute-multi-az-placement");
            assert.ok(v);
            assert.strictEqual(v.urn, workloadUrn);
            assert.match(v.message.fr, /^La charge « web »/);
            assert.match(v.message.en, /^The workload "web"/);
            assert.strictEqual(doc.policies.length, 3);
        });

        it("passes when nothing mandatory failed", () => {
            const report = withoutMandatory(sampleReport());
            assert.strictEqual(mandatoryFailed(report), false);
            assert.strictEqual((JSON.parse(formatJson(report)) as { summary: { passed: boolean } }).summary.passed, true);
        });
    });

    describe("sarif", () => {
        it("is valid SARIF 2.1.0", () => {
            const log = toSarif(sampleReport(), "en");
            assert.deepStrictEqual(sarifErrors(log), []);
        });

        it("stays valid with no finding, from standard input, and fails the schema when broken", () => {
            const clean = toSarif({ ...sampleReport(), findings: [], source: { kind: "event-log", path: "-" } }, "fr");
            assert.deepStrictEqual(sarifErrors(clean), []);
            const broken = { ...clean, version: "2.0.0" };
            assert.notDeepStrictEqual(sarifErrors(broken), [], "the validator does reject an invalid log");
        });

        it("describes every policy as a rule with description, help, section, severity and level", () => {
            const rules = toSarif(sampleReport(), "fr").runs[0].tool.driver.rules ?? [];
            assert.deepStrictEqual(
                rules.map((r) => r.id),
                [
                    "securetemple-compute-multi-az-placement",
                    "securetemple-network-security-group-exceptions",
                    "securetemple-objectstorage-bucket-access",
                ],
            );
            const multiAz = rules[0];
            assert.strictEqual(multiAz.shortDescription?.text, "Vérifie la répartition sur deux zones.");
            assert.strictEqual(
                multiAz.fullDescription?.text,
                "FR Vérifie la répartition sur deux zones. / EN Checks the spread over two zones.",
            );
            assert.match(multiAz.help?.text ?? "", /FR Répartir les répliques\.\nEN Spread the replicas\./);
            assert.match(multiAz.help?.text ?? "", /§8\.1/);
            assert.strictEqual(multiAz.defaultConfiguration?.level, "error");
            assert.strictEqual(rules[1].defaultConfiguration?.level, "warning");
            assert.strictEqual(multiAz.properties?.section, "8.1");
            assert.strictEqual(multiAz.properties?.severity, "high");
            assert.strictEqual(multiAz.properties?.["security-severity"], "8.0");
        });

        it("locates each result by URN and by the checked file, with a stable fingerprint", () => {
            const run = toSarif(sampleReport(), "en").runs[0];
            const results = run.results ?? [];
            assert.strictEqual(results.length, 2);
            const r = results.find((x) => x.ruleId === "securetemple-compute-multi-az-placement");
            assert.ok(r);
            assert.strictEqual(r.level, "error");
            assert.strictEqual(r.ruleIndex, 0);
            assert.match(r.message.text ?? "", /^The workload "web" runs in one zone/);
            assert.strictEqual(r.locations?.[0].logicalLocations?.[0].fullyQualifiedName, workloadUrn);
            assert.strictEqual(r.locations?.[0].physicalLocation?.artifactLocation?.uri, "exports/acme.json");
            const again = toSarif(sampleReport(), "fr").runs[0].results?.find((x) => x.ruleId === r.ruleId);
            assert.deepStrictEqual(again?.partialFingerprints, r.partialFingerprints, "the fingerprint does not depend on the language");
            assert.strictEqual(results.find((x) => x.ruleId === "securetemple-network-security-group-exceptions")?.level, "warning");
        });
    });

    describe("junit", () => {
        // Parsed back through xmlbuilder2's DOM, which decodes entities as any XML reader does.
        interface Element {
            tagName: string;
            textContent: string | null;
            getAttribute(name: string): string | null;
            getElementsByTagName(name: string): ArrayLike<Element>;
        }
        function parse(xml: string) {
            const root = create(xml).root().node as unknown as Element;
            const suites = Array.from(root.getElementsByTagName("testsuite"));
            const cases = (suite: Element) => Array.from(suite.getElementsByTagName("testcase"));
            const failure = (c: Element): Element | undefined => c.getElementsByTagName("failure")[0];
            return { root, suites, cases, failure };
        }

        it("writes one suite per policy and one case per applicable resource, failures for violations", () => {
            const { root, suites, cases, failure } = parse(formatJunit(sampleReport(), "en"));
            assert.strictEqual(root.tagName, "testsuites");
            assert.strictEqual(root.getAttribute("tests"), "4", "2 multi-AZ cases, 1 exception case, 1 skipped bucket case");
            assert.strictEqual(root.getAttribute("failures"), "2");
            assert.strictEqual(root.getAttribute("skipped"), "1");
            assert.deepStrictEqual(
                suites.map((s) => s.getAttribute("name")),
                [
                    "securetemple-compute-multi-az-placement",
                    "securetemple-network-security-group-exceptions",
                    "securetemple-objectstorage-bucket-access",
                ],
            );
            const multiAz = cases(suites[0]);
            assert.strictEqual(multiAz.length, 2, "the tenant and the workload");
            const failed = multiAz.find((c) => failure(c));
            assert.ok(failed);
            assert.match(failed.getAttribute("name") ?? "", /securetemple:compute:Workload web/);
            const f = failure(failed);
            assert.strictEqual(f?.getAttribute("type"), "mandatory");
            assert.strictEqual(
                f?.getAttribute("message"),
                'The workload "web" runs in one zone <AZ05> & nothing else.',
                "special characters survive escaping",
            );
            assert.match(f?.textContent ?? "", /Remediation: Spread the replicas\./);
            const passed = multiAz.find((c) => !failure(c));
            assert.match(passed?.getAttribute("name") ?? "", /securetemple:index:Tenant acme/);
            assert.strictEqual(failure(cases(suites[1])[0])?.getAttribute("type"), "advisory");
            assert.strictEqual(
                cases(suites[2])[0].getElementsByTagName("skipped").length,
                1,
                "a policy with nothing to check is a skipped case",
            );
        });

        it("adds a case for a stack-level violation and writes French when asked", () => {
            const report = sampleReport();
            report.findings.push({
                policyName: "securetemple-objectstorage-bucket-access",
                enforcementLevel: "mandatory",
                message: "FR Problème global. / EN Stack-wide problem.",
                origin: "preview",
            });
            const { suites, cases, failure } = parse(formatJunit(report, "fr"));
            const bucket = cases(suites[2]);
            assert.strictEqual(bucket.length, 1);
            assert.strictEqual(bucket[0].getAttribute("name"), "stack");
            assert.strictEqual(failure(bucket[0])?.getAttribute("message"), "Problème global.");
        });
    });
});
