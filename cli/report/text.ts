// The human report of `securetemple check`, in French or English: a summary line, then each
// violation with its policy, level, resource, message and remediation, then the verdict.
import { citeSection } from "../../provider/catalog";
import { Lang, pickLanguage, say } from "../language";
import {
    CheckReport,
    EnforcementLevel,
    Finding,
    isBlocking,
    mandatoryFailed,
    PolicyMeta,
    sortedFindings,
    undecidedOf,
    violationsOf,
} from "./model";

const levelNames: Record<EnforcementLevel, { fr: string; en: string }> = {
    mandatory: { fr: "obligatoire", en: "mandatory" },
    remediate: { fr: "correctif", en: "remediate" },
    advisory: { fr: "consultatif", en: "advisory" },
    disabled: { fr: "désactivé", en: "disabled" },
};

const severityNames = {
    low: { fr: "faible", en: "low" },
    medium: { fr: "moyenne", en: "medium" },
    high: { fr: "haute", en: "high" },
    critical: { fr: "critique", en: "critical" },
} as const;

// French uses the singular for 0 and 1, English only for 1.
function plural(n: number, one: string, many: string, lang: Lang = "en"): string {
    return `${n} ${n === 1 || (lang === "fr" && n === 0) ? one : many}`;
}

function sourceLine(report: CheckReport, lang: Lang): string {
    const where = report.source.path === "-" ? (lang === "fr" ? "entrée standard" : "standard input") : report.source.path;
    const kind = {
        "state-export": { fr: "export d'état", en: "state export" },
        "event-log": { fr: "journal d'événements de prévisualisation", en: "preview event log" },
        "terraform-plan": { fr: "plan OpenTofu/Terraform", en: "OpenTofu/Terraform plan" },
        "terraform-state": { fr: "état OpenTofu/Terraform", en: "OpenTofu/Terraform state" },
    }[report.source.kind];
    const stack = report.stack ? ` (${report.stack.project}/${report.stack.stack})` : "";
    return lang === "fr" ? `Source : ${kind.fr} ${where}${stack}` : `Source: ${kind.en} ${where}${stack}`;
}

function policyDetails(policy: PolicyMeta | undefined, lang: Lang): string {
    if (!policy) {
        return "";
    }
    const parts: string[] = [];
    if (policy.sections.length > 0) {
        parts.push(lang === "fr" ? `convention §${policy.sections.join(", §")}` : `convention section ${policy.sections.join(", ")}`);
    }
    if (policy.severity) {
        parts.push(lang === "fr" ? `sévérité ${severityNames[policy.severity].fr}` : `severity ${severityNames[policy.severity].en}`);
    }
    return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

function findingBlock(finding: Finding, policy: PolicyMeta | undefined, lang: Lang): string[] {
    const level = finding.undecided ? (lang === "fr" ? "indéterminé" : "undecided") : say(levelNames[finding.enforcementLevel], lang);
    const mark = finding.undecided ? "?" : isBlocking(finding.enforcementLevel) ? "✗" : "!";
    const lines = [`${mark} [${level}] ${finding.policyName}${policyDetails(policy, lang)}`];
    if (finding.urn) {
        const type = finding.resourceType ?? "?";
        const name = finding.resourceName ?? "?";
        lines.push(lang === "fr" ? `    ressource : ${type} « ${name} »` : `    resource: ${type} "${name}"`);
        lines.push(`    ${finding.urn}`);
    } else {
        lines.push(lang === "fr" ? "    portée : toute la pile" : "    scope: the whole stack");
    }
    for (const line of pickLanguage(finding.message.trim(), lang).split("\n")) {
        lines.push(`    ${line}`);
    }
    if (policy?.remediation && !finding.undecided) {
        lines.push(`    ${lang === "fr" ? "Correction :" : "Remediation:"} ${say(policy.remediation, lang)}`);
    }
    if (policy && policy.sections.length > 0) {
        lines.push(
            `    ${lang === "fr" ? "Convention :" : "Convention:"} ${policy.sections.map((s) => say(citeSection(s), lang)).join(", ")}`,
        );
    }
    return lines;
}

/** The report as text in one language; ends with a newline. */
export function formatText(report: CheckReport, lang: Lang): string {
    const findings = sortedFindings(violationsOf(report));
    const undecided = sortedFindings(undecidedOf(report));
    const blocking = findings.filter((f) => isBlocking(f.enforcementLevel)).length;
    const others = findings.length - blocking;
    const policies = new Map(report.policies.map((p) => [p.name, p]));
    const out: string[] = [];
    out.push(lang === "fr" ? "Rapport de conformité Secure Temple" : "Secure Temple compliance report");
    out.push(sourceLine(report, lang));
    out.push(
        lang === "fr"
            ? `${plural(report.resources.length, "ressource évaluée", "ressources évaluées", "fr")}, ${plural(report.policies.length, "politique", "politiques", "fr")}, ` +
                  `${plural(findings.length, "violation", "violations", "fr")} (${plural(blocking, "obligatoire", "obligatoires", "fr")}, ${plural(others, "consultative", "consultatives", "fr")}).`
            : `${plural(report.resources.length, "resource evaluated", "resources evaluated")}, ${plural(report.policies.length, "policy", "policies")}, ` +
                  `${plural(findings.length, "violation", "violations")} (${blocking} mandatory, ${others} advisory).`,
    );
    for (const finding of findings) {
        out.push("");
        out.push(...findingBlock(finding, policies.get(finding.policyName), lang));
    }
    if (undecided.length > 0) {
        out.push("");
        out.push(
            lang === "fr"
                ? `${plural(undecided.length, "vérification indéterminée", "vérifications indéterminées", "fr")} (valeurs inconnues pendant la prévisualisation, à revoir après le déploiement) :`
                : `${plural(undecided.length, "check", "checks")} undecided (values unknown during the preview, review after deployment):`,
        );
        for (const finding of undecided) {
            out.push(...findingBlock(finding, policies.get(finding.policyName), lang));
        }
    }
    out.push("");
    if (mandatoryFailed(report)) {
        out.push(
            lang === "fr"
                ? "Résultat : ÉCHEC, au moins une politique obligatoire n'est pas respectée."
                : "Result: FAILED, at least one mandatory policy is violated.",
        );
    } else if (findings.length > 0) {
        out.push(
            lang === "fr"
                ? "Résultat : CONFORME avec avertissements (aucune politique obligatoire en échec)."
                : "Result: PASSED with warnings (no mandatory policy failed).",
        );
    } else {
        out.push(lang === "fr" ? "Résultat : CONFORME, aucune violation." : "Result: PASSED, no violation.");
    }
    return `${out.join("\n")}\n`;
}
