// The engine's public shapes: what callers feed in (resources) and what they get back (violations).
import type { EnforcementLevel, Severity } from "@pulumi/policy";

/** One resource to evaluate, as a state export or a preview's event log describes it. */
export interface ResourceInput {
    /** Full URN; also the key for `parent` and `dependencies`. */
    urn: string;
    /** Type token, e.g. "securetemple:compute:VirtualMachine". */
    type: string;
    /** Logical name; defaults to the last URN segment. */
    name?: string;
    /** Property bag: inputs for a preview, inputs merged with outputs for a state. Unknown values are the engine's sentinel strings. */
    props: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    provider?: { type: string; urn: string; name: string; props?: Record<string, unknown> };
}

/** One finding. `enforcementLevel` is the effective level after configuration. */
export interface Violation {
    policyName: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    /** URN of the resource at fault; empty for a finding about the stack as a whole. */
    urn: string;
    resourceType: string;
    resourceName: string;
    /** "FR … / EN …": the finding, French first. */
    message: string;
    /** Convention sections, comma-separated, most specific first (e.g. "9.5, 8.5, 7.3.3"). */
    section: string;
    /** "FR … / EN …": how to fix it. */
    remediation: string;
    /** "violation", or "unknown-at-preview" when a policy could not run on values unknown during a preview. */
    kind: "violation" | "unknown-at-preview";
}

/** The pack configuration, in the format of `pulumi preview --policy-pack-config <file>`. */
export type PackConfig = Record<string, unknown>;

export interface EvaluateOptions {
    config?: PackConfig;
    /** Stack tags, as @pulumi/policy exposes them. */
    stackTags?: Record<string, string>;
}
