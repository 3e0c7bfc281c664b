// The machine report of `securetemple check` as plain JSON: a summary that a pipeline can test
// with one jq expression, the policies with their metadata, and each violation in both languages.
import { citeSection } from "../../provider/catalog";
import { pickLanguage } from "../language";
import { blockingFindings, CheckReport, Finding, mandatoryFailed, sortedFindings, undecidedOf, violationsOf } from "./model";

function findingJson(f: Finding) {
    return {
        policyName: f.policyName,
        enforcementLevel: f.enforcementLevel,
        ...(f.urn ? { urn: f.urn, resourceType: f.resourceType, resourceName: f.resourceName } : {}),
        message: { fr: pickLanguage(f.message.trim(), "fr"), en: pickLanguage(f.message.trim(), "en") },
        origin: f.origin,
    };
}

export const jsonReportVersion = 1;

export function toJsonReport(report: CheckReport): Record<string, unknown> {
    const findings = sortedFindings(violationsOf(report));
    const undecided = sortedFindings(undecidedOf(report));
    const blocking = blockingFindings(report).length;
    return {
        reportVersion: jsonReportVersion,
        tool: report.tool,
        source: report.source,
        ...(report.stack ? { stack: report.stack } : {}),
        summary: {
            passed: !mandatoryFailed(report),
            resources: report.resources.length,
            policies: report.policies.length,
            violations: findings.length,
            mandatoryViolations: blocking,
            advisoryViolations: findings.length - blocking,
            undecided: undecided.length,
        },
        policies: report.policies.map((p) => ({
            name: p.name,
            pack: p.pack,
            enforcementLevel: p.enforcementLevel,
            ...(p.severity ? { severity: p.severity } : {}),
            sections: p.sections,
            sectionTitles: p.sections.map((s) => citeSection(s)),
            description: p.description,
            ...(p.remediation ? { remediation: p.remediation } : {}),
            appliesTo: p.appliesTo,
        })),
        violations: findings.map(findingJson),
        /** Policy runs that could not decide on values unknown during a preview. */
        undecided: undecided.map(findingJson),
    };
}

export function formatJson(report: CheckReport): string {
    return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
