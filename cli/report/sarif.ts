// SARIF 2.1.0 for code-scanning dashboards. Each policy is a rule (descriptions, help with the
// remediation, section and severity in properties, the level in force as defaultConfiguration);
// each violation is a result located logically by the resource URN and physically in the file
// that was checked (dashboards require a physical location). Types from @types/sarif; the output
// is validated against the official schema in the tests.
import { createHash } from "crypto";
import type * as Sarif from "sarif";
import { bilingual, bilingualLines, citeSection, conventionName } from "../../provider/catalog";
import { Lang, pickLanguage, say } from "../language";
import { CheckReport, EnforcementLevel, Finding, PolicyMeta, Severity, sortedFindings } from "./model";

const sarifSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

export function sarifLevel(level: EnforcementLevel): Sarif.ReportingConfiguration.level {
    switch (level) {
        case "mandatory":
        case "remediate":
            return "error";
        case "advisory":
            return "warning";
        case "disabled":
            return "none";
    }
}

// GitHub code scanning ranks security rules by this number (critical >= 9, high >= 7, medium >= 4).
const securitySeverity: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

function rule(policy: PolicyMeta, lang: Lang): Sarif.ReportingDescriptor {
    const sections = policy.sections.map((s) => citeSection(s).fr).join(", ");
    const helpLines = [
        ...(policy.remediation ? bilingualLines(policy.remediation) : []),
        sections ? `${conventionName.fr} ${sections}.` : undefined,
        policy.levelRationale ? `Default level ${policy.enforcementLevel}: ${policy.levelRationale}` : undefined,
    ].filter((l): l is string => l !== undefined);
    return {
        id: policy.name,
        name: policy.name,
        shortDescription: { text: say(policy.description, lang) },
        fullDescription: { text: bilingual(policy.description) },
        help: {
            text: helpLines.join("\n") || say(policy.description, lang),
            markdown: helpLines.map((l) => `- ${l}`).join("\n") || say(policy.description, lang),
        },
        defaultConfiguration: { level: sarifLevel(policy.enforcementLevel), enabled: policy.enforcementLevel !== "disabled" },
        properties: {
            pack: policy.pack,
            section: policy.sections[0] ?? "",
            sections: policy.sections,
            sectionTitles: policy.sections.map((s) => say(citeSection(s), lang)),
            ...(policy.severity ? { severity: policy.severity, "security-severity": securitySeverity[policy.severity] } : {}),
            enforcementLevel: policy.enforcementLevel,
            appliesTo: [...policy.appliesTo],
            tags: ["securetemple", "secnumcloud", "compliance", ...policy.sections.map((s) => `convention-${s}`)],
        },
    };
}

/** A stable identity of a violation across runs, for dashboards that track alerts. */
function fingerprint(finding: Finding): string {
    return createHash("sha256")
        .update(`${finding.policyName}\n${finding.urn ?? ""}`)
        .digest("hex");
}

function result(finding: Finding, ruleIndex: number, report: CheckReport, lang: Lang): Sarif.Result {
    const location: Sarif.Location = {};
    if (report.source.path !== "-") {
        location.physicalLocation = { artifactLocation: { uri: report.source.path.split("\\").join("/") } };
    }
    if (finding.urn) {
        location.logicalLocations = [{ fullyQualifiedName: finding.urn, name: finding.resourceName, kind: "resource" }];
    }
    return {
        ruleId: finding.policyName,
        ...(ruleIndex >= 0 ? { ruleIndex } : {}),
        // An undecided check is a note: it asks for a review, it is not a finding against the rule.
        level: finding.undecided ? "note" : sarifLevel(finding.enforcementLevel),
        ...(finding.undecided ? { kind: "review" as const } : {}),
        message: { text: pickLanguage(finding.message.trim(), lang) },
        locations: [location],
        partialFingerprints: { "securetempleFinding/v1": fingerprint(finding) },
        properties: {
            enforcementLevel: finding.enforcementLevel,
            origin: finding.origin,
            ...(finding.resourceType ? { resourceType: finding.resourceType } : {}),
            messageBilingual: finding.message.trim(),
        },
    };
}

export function toSarif(report: CheckReport, lang: Lang): Sarif.Log {
    const rules = report.policies.map((p) => rule(p, lang));
    const index = new Map(report.policies.map((p, i) => [p.name, i]));
    return {
        $schema: sarifSchemaUri,
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: report.tool.name,
                        version: report.tool.version,
                        semanticVersion: report.tool.version,
                        language: lang,
                        rules,
                    },
                },
                language: lang,
                results: sortedFindings(report.findings).map((f) => result(f, index.get(f.policyName) ?? -1, report, lang)),
                properties: {
                    sourceKind: report.source.kind,
                    ...(report.stack ? { project: report.stack.project, stack: report.stack.stack } : {}),
                    resourcesEvaluated: report.resources.length,
                },
            },
        ],
    };
}

export function formatSarif(report: CheckReport, lang: Lang): string {
    return `${JSON.stringify(toSarif(report, lang), null, 2)}\n`;
}
