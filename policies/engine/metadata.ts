// Policy metadata for reports (SARIF rule descriptors, JUnit suites, documentation).
import type { EnforcementLevel, PolicyConfigSchema, Severity } from "@pulumi/policy";
import type { Bilingual } from "../support/policy";
import { policies } from "../rules";

export interface PolicyMetadata {
    name: string;
    description: Bilingual;
    /** Convention sections, most specific first. */
    sections: string[];
    severity: Severity;
    defaultEnforcementLevel: EnforcementLevel;
    levelRationale: string;
    remediation: Bilingual;
    appliesTo: readonly string[];
    configSchema?: PolicyConfigSchema;
    /** "resource", "stack" or both, i.e. which CrossGuard hooks the policy uses. */
    scopes: ("resource" | "stack")[];
    /** True when the policy can fix inputs itself under the "remediate" level. */
    remediable: boolean;
}

export const allPolicies: readonly PolicyMetadata[] = policies.map((p) => ({
    name: p.name,
    description: p.info.description,
    sections: p.info.sections,
    severity: p.info.severity,
    defaultEnforcementLevel: p.info.enforcementLevel,
    levelRationale: p.info.levelRationale,
    remediation: p.info.remediation,
    appliesTo: p.info.appliesTo,
    ...(p.info.configSchema ? { configSchema: p.info.configSchema } : {}),
    scopes: [...(p.validateResource ? ["resource" as const] : []), ...(p.validateStack ? ["stack" as const] : [])],
    remediable: p.remediateResource !== undefined,
}));
