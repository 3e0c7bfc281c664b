// What `securetemple check` found, independent of the output format: the policies evaluated (with
// the metadata that SARIF and JUnit publish), the resources looked at, and the violations.
import type { EnforcementLevel, Severity } from "@pulumi/policy"; // types only: nothing of the SDK is loaded
import type { Bilingual } from "../../provider/catalog";

export type { EnforcementLevel, Severity };

/** A policy as the reports describe it. */
export interface PolicyMeta {
    name: string;
    /** Pack the policy belongs to; ours unless the engine reported another pack's policy. */
    pack: string;
    description: Bilingual;
    /** Sections of the convention, most specific first, e.g. ["8.1"]; empty for foreign policies. */
    sections: string[];
    severity?: Severity;
    /** Level in force for this run (pack default, then configuration). */
    enforcementLevel: EnforcementLevel;
    remediation?: Bilingual;
    /** Why that default level, one sentence. */
    levelRationale?: string;
    /** Type tokens the policy reads; a JUnit test case is written per policy and matching resource. */
    appliesTo: readonly string[];
}

/** A resource of the stack that the policies looked at. */
export interface EvaluatedResource {
    urn: string;
    type: string;
    name: string;
}

/** Where a violation comes from. */
export type FindingOrigin =
    /** Our policy engine, run by `securetemple check` on the resources. */
    | "check"
    /** A `policyEvent` that the Pulumi engine wrote in the preview's event log. */
    | "preview";

export interface Finding {
    policyName: string;
    enforcementLevel: EnforcementLevel;
    /** Absent for a stack-level violation that names no resource. */
    urn?: string;
    resourceType?: string;
    resourceName?: string;
    /** "FR … / EN …" sentences, one per line. */
    message: string;
    origin: FindingOrigin;
    /**
     * The policy could not decide: it read a value that is unknown during a preview (an ID not
     * yet assigned). Reported for review, never a failure.
     */
    undecided?: boolean;
}

export type SourceKind = "state-export" | "event-log" | "terraform-plan" | "terraform-state";

export interface CheckReport {
    tool: { name: string; version: string };
    source: { kind: SourceKind; /** A path, or "-" for standard input. */ path: string };
    /** Project and stack, read from the URNs when there are any. */
    stack?: { project: string; stack: string };
    policies: PolicyMeta[];
    resources: EvaluatedResource[];
    findings: Finding[];
}

/** Findings that are violations (not undecided). */
export function violationsOf(report: CheckReport): Finding[] {
    return report.findings.filter((f) => !f.undecided);
}

/** Policy runs that could not decide on a value unknown during a preview. */
export function undecidedOf(report: CheckReport): Finding[] {
    return report.findings.filter((f) => f.undecided === true);
}

/** Mandatory (and remediate, which the engine treats as mandatory once a violation remains). */
export function isBlocking(level: EnforcementLevel): boolean {
    return level === "mandatory" || level === "remediate";
}

export function blockingFindings(report: CheckReport): Finding[] {
    return violationsOf(report).filter((f) => isBlocking(f.enforcementLevel));
}

/** True when at least one mandatory policy failed: the check's exit code is then 1. */
export function mandatoryFailed(report: CheckReport): boolean {
    return blockingFindings(report).length > 0;
}

/** Logical name and type of a URN: `urn:pulumi:<stack>::<project>::<[parent$]type>::<name>`. */
export function parseUrn(urn: string): { stack: string; project: string; type: string; name: string } | undefined {
    const parts = urn.split("::");
    if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) {
        return undefined;
    }
    const qualifiedType = parts[2];
    return {
        stack: parts[0].slice("urn:pulumi:".length),
        project: parts[1],
        type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1),
        name: parts.slice(3).join("::"),
    };
}

/** Findings in a stable order: policy, then URN. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
    return [...findings].sort((a, b) => a.policyName.localeCompare(b.policyName) || (a.urn ?? "").localeCompare(b.urn ?? ""));
}
