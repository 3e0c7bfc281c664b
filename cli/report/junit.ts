// JUnit XML for CI test reports: one test suite per policy, one test case per policy and resource
// it applies to (by type token), a <failure> per violation (its type is the enforcement level),
// and a <skipped> case for a policy that found nothing to look at, so that every policy shows.
// Written with xmlbuilder2 (CommonJS, escapes text and attributes for us).
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces";
import { Lang, pickLanguage, say } from "../language";
import { CheckReport, EvaluatedResource, Finding, PolicyMeta, sortedFindings } from "./model";

interface Case {
    name: string;
    resource?: EvaluatedResource;
    failures: Finding[];
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
            cases.set(r.urn, { name: caseName(r, r.urn), resource: r, failures: [] });
        }
    }
    const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
    for (const f of mine) {
        const key = f.urn ?? "";
        let c = cases.get(key);
        if (!c) {
            c = { name: caseName(byUrn.get(key), f.urn), resource: byUrn.get(key), failures: [] };
            cases.set(key, c);
        }
        c.failures.push(f);
    }
    return [...cases.values()];
}

function addCase(suite: XMLBuilder, policy: PolicyMeta, c: Case, lang: Lang): void {
    const tc = suite.ele("testcase", { classname: policy.name, name: c.name, time: "0" });
    for (const f of c.failures) {
        const message = pickLanguage(f.message.trim(), lang);
        const body = [
            message,
            f.urn ? `URN: ${f.urn}` : undefined,
            policy.remediation ? `${lang === "fr" ? "Correction" : "Remediation"}: ${say(policy.remediation, lang)}` : undefined,
        ].filter((l): l is string => l !== undefined);
        tc.ele("failure", { message: message.split("\n").join(" "), type: f.enforcementLevel }).txt(body.join("\n"));
    }
}

export function formatJunit(report: CheckReport, lang: Lang): string {
    const findings = sortedFindings(report.findings);
    const suites = report.policies.map((policy) => ({ policy, cases: casesOf(policy, report, findings) }));
    const total = suites.reduce((n, s) => n + Math.max(s.cases.length, 1), 0);
    const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failures.length > 0).length, 0);
    const skipped = suites.filter((s) => s.cases.length === 0).length;
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
            failures: String(cases.filter((c) => c.failures.length > 0).length),
            errors: "0",
            skipped: cases.length === 0 ? "1" : "0",
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
        }
        props.ele("property", { name: "description", value: say(policy.description, lang) });
        if (cases.length === 0) {
            suite
                .ele("testcase", { classname: policy.name, name: lang === "fr" ? "aucune ressource concernée" : "no applicable resource", time: "0" })
                .ele("skipped", { message: lang === "fr" ? "Aucune ressource de ce type dans la pile." : "No resource of these types in the stack." });
        }
        for (const c of cases) {
            addCase(suite, policy, c, lang);
        }
    }
    return `${root.end({ prettyPrint: true })}\n`;
}
