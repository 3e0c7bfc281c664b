// JUnit XML for CI test reports: one test suite per policy, one test case per policy and resource
// it applies to (by type token), a <failure> per violation (its type is the enforcement level),
// and a <skipped> case for a policy that found nothing to look at, so that every policy shows.
// Written with xmlbuilder2 (CommonJS, escapes text and attributes for us).
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { citeSection } from "../../provider/catalog";
import { Lang, pickLanguage, say } from "../language";
import { CheckReport, EvaluatedResource, Finding, PolicyMeta, sortedFindings } from "./model";

interface Case {
    name: string;
    resource?: EvaluatedResource;
    findings: Finding[];
}

function caseName(resource: EvaluatedResource | undefined, urn: string | undefined): string {
    if (resource) {
        return `${resource.type} ${resource.name} (${resource.urn})`;
    }
    return urn ? urn : "stack";
}

/** The test cases of one policy: applicable resources first, then violations on anything else. */
function casesOf(policy: PolicyMeta, report: CheckReport, findings: Finding[]): Case[] {
    const mine = findings.filter((f) => f.policyName === policy.name);
    const cases = new Map<string, Case>();
    for (const r of report.resources) {
        if (policy.appliesTo.includes(r.type)) {
            cases.set(r.urn, { name: caseName(r, r.urn), resource: r, findings: [] });
        }
    }
    const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
    for (const f of mine) {
        const key = f.urn ?? "";
        let c = cases.get(key);
        if (!c) {
            c = { name: caseName(byUrn.get(key), f.urn), resource: byUrn.get(key), findings: [] };
            cases.set(key, c);
        }
        c.findings.push(f);
    }
    return [...cases.values()];
}

function addCase(suite: XMLBuilder, policy: PolicyMeta, c: Case, lang: Lang): void {
    const tc = suite.ele("testcase", { classname: policy.name, name: c.name, time: "0" });
    for (const f of c.findings) {
        const message = pickLanguage(f.message.trim(), lang);
        const body = [
            message,
            f.urn ? `URN: ${f.urn}` : undefined,
            policy.remediation ? `${lang === "fr" ? "Correction" : "Remediation"}: ${say(policy.remediation, lang)}` : undefined,
        ].filter((l): l is string => l !== undefined);
        if (f.undecided) {
            continue;
        }
        tc.ele("failure", { message: message.split("\n").join(" "), type: f.enforcementLevel }).txt(body.join("\n"));
    }
    const undecided = c.findings.filter((f) => f.undecided);
    if (undecided.length > 0 && undecided.length === c.findings.length) {
        // Could not be decided during the preview: neither passed nor failed.
        tc.ele("skipped", { message: undecided.map((f) => pickLanguage(f.message.trim(), lang).split("\n").join(" ")).join(" | ") });
    }
}

export function formatJunit(report: CheckReport, lang: Lang): string {
    const findings = sortedFindings(report.findings);
    const suites = report.policies.map((policy) => ({ policy, cases: casesOf(policy, report, findings) }));
    const total = suites.reduce((n, s) => n + Math.max(s.cases.length, 1), 0);
    const failed = (c: Case) => c.findings.some((f) => !f.undecided);
    const undecidedOnly = (c: Case) => c.findings.length > 0 && !failed(c);
    const failures = suites.reduce((n, s) => n + s.cases.filter(failed).length, 0);
    const skipped = suites.reduce((n, s) => n + (s.cases.length === 0 ? 1 : s.cases.filter(undecidedOnly).length), 0);
    const root = create({ version: "1.0", encoding: "UTF-8" }).ele("testsuites", {
        name: `${report.tool.name} check`,
        tests: String(total),
        failures: String(failures),
        errors: "0",
        skipped: String(skipped),
        time: "0",
    });
    for (const { policy, cases } of suites) {
        const suite = root.ele("testsuite", {
            name: policy.name,
            tests: String(Math.max(cases.length, 1)),
            failures: String(cases.filter(failed).length),
            errors: "0",
            skipped: String(cases.length === 0 ? 1 : cases.filter(undecidedOnly).length),
            time: "0",
        });
        const props = suite.ele("properties");
        props.ele("property", { name: "enforcementLevel", value: policy.enforcementLevel });
        props.ele("property", { name: "pack", value: policy.pack });
        if (policy.severity) {
            props.ele("property", { name: "severity", value: policy.severity });
        }
        if (policy.sections.length > 0) {
            props.ele("property", { name: "section", value: policy.sections.join(", ") });
            props.ele("property", { name: "sectionTitles", value: policy.sections.map((s) => say(citeSection(s), lang)).join(", ") });
        }
        props.ele("property", { name: "description", value: say(policy.description, lang) });
        if (cases.length === 0) {
            suite
                .ele("testcase", {
                    classname: policy.name,
                    name: lang === "fr" ? "aucune ressource concernée" : "no applicable resource",
                    time: "0",
                })
                .ele("skipped", {
                    message: lang === "fr" ? "Aucune ressource de ce type dans la pile." : "No resource of these types in the stack.",
                });
        }
        for (const c of cases) {
            addCase(suite, policy, c, lang);
        }
    }
    return `${root.end({ prettyPrint: true })}\n`;
}
