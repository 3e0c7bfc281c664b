// The shape every Secure Temple policy has: a CrossGuard policy (what @pulumi/policy serves) plus
// the metadata that the pack, the SARIF output and the tests read (section of the convention,
// French and English texts, remediation, why this default enforcement level).
import type {
    EnforcementLevel,
    Policy,
    PolicyConfigSchema,
    ReportViolation,
    ResourceRemediation,
    ResourceValidation,
    ResourceValidationArgs,
    Severity,
    StackValidation,
    StackValidationArgs,
} from "@pulumi/policy";
import { Bilingual, bilingual, conventionName } from "../../provider/catalog";
import { recordInputs } from "./observed";

export type { Bilingual };

export interface PolicyInfo {
    /** `securetemple-<area>-<check>`. */
    name: string;
    /** Sections of the convention the policy enforces, most specific first, e.g. ["8.1"]. */
    sections: string[];
    severity: Severity;
    /** Level used when neither the pack configuration nor `all` sets one. */
    enforcementLevel: Exclude<EnforcementLevel, "remediate" | "disabled">;
    /** Why that level: one sentence, English (kept in README and SARIF help). */
    levelRationale: string;
    /** What the policy checks: one complete sentence in each language. */
    description: Bilingual;
    /** How to fix a violation: complete sentences in each language. */
    remediation: Bilingual;
    /** Type tokens the policy reads; any other resource is not applicable (definePolicy checks). */
    appliesTo: readonly string[];
    /**
     * The part of `appliesTo` that the resource hook judges one by one, when the stack part reads
     * more types than that (a workload's VMs, the policies they name); default: all of `appliesTo`.
     */
    judgedAlone?: readonly string[];
    configSchema?: PolicyConfigSchema;
}

/** A CrossGuard policy that may validate single resources (inputs), the whole stack, or both. */
export interface SecureTemplePolicy extends Policy {
    validateResource?: ResourceValidation;
    validateStack?: StackValidation;
    /** Runs only when the pipeline sets the policy to "remediate"; fixes inputs before the change. */
    remediateResource?: ResourceRemediation;
    info: PolicyInfo;
}

export function sectionLabel(info: PolicyInfo): { fr: string; en: string } {
    const list = info.sections.join(", ");
    return { fr: `convention §${list}`, en: `convention section${info.sections.length > 1 ? "s" : ""} ${list}` };
}

/**
 * Builds the CrossGuard object from the metadata and the validation functions. It owns the
 * resource-type check, as @pulumi/policy's validateResourceOfType does: a resource whose type is
 * not in `info.appliesTo` is not applicable (`args.notApplicable`), so the bodies only ever see
 * their own types. A policy with a stack part also records the inputs of the resources it reads
 * (see observed.ts).
 */
export function definePolicy(
    info: PolicyInfo,
    validations: { validateResource?: ResourceValidation; validateStack?: StackValidation; remediateResource?: ResourceRemediation },
): SecureTemplePolicy {
    const section = sectionLabel(info);
    const own = validations.validateResource;
    const applies = new Set(info.appliesTo);
    const judged = new Set(info.judgedAlone ?? info.appliesTo);
    const records = validations.validateStack !== undefined;
    const notApplicable = `Policy only applies to resources of types ${info.appliesTo.join(", ")}`;
    const validateResource: ResourceValidation | undefined =
        own || records
            ? (args, reportViolation) => {
                  if (!applies.has(args.type)) {
                      return args.notApplicable(notApplicable);
                  }
                  if (records) {
                      recordInputs(args.urn, args.props);
                  }
                  return judged.has(args.type) ? own?.(args, reportViolation) : undefined;
              }
            : undefined;
    if (validateResource && info.appliesTo.length === 1) {
        // The server's fast path (as for validateResourceOfType): a function that names one type is
        // not called, nor are the properties deserialised, for resources of other types.
        (validateResource as ResourceValidation & { __pulumiType?: string }).__pulumiType = info.appliesTo[0];
    }
    const ownRemediation = validations.remediateResource;
    const remediateResource: ResourceRemediation | undefined = ownRemediation
        ? (args) => (applies.has(args.type) ? ownRemediation(args) : args.notApplicable(notApplicable))
        : undefined;
    return {
        name: info.name,
        // The CLI prints the description above every violation message, so it carries the
        // section and the fix: each finding then reads what, where in the convention, and how.
        description: bilingual({
            fr: `${info.description.fr} (${section.fr}) Correction : ${info.remediation.fr}`,
            en: `${info.description.en} (${section.en}) Fix: ${info.remediation.en}`,
        }),
        enforcementLevel: info.enforcementLevel,
        severity: info.severity,
        framework: {
            name: conventionName.fr,
            version: "SecNumCloud 3.2",
            reference: info.sections.map((s) => `§${s}`).join(", "),
            specification: info.description.en,
        },
        remediationSteps: bilingual(info.remediation),
        ...(info.configSchema ? { configSchema: info.configSchema } : {}),
        ...(validateResource ? { validateResource } : {}),
        ...(validations.validateStack ? { validateStack: validations.validateStack } : {}),
        ...(remediateResource ? { remediateResource } : {}),
        info,
    };
}

/** Reports one violation as one bilingual sentence pair, French first. */
export function report(reportViolation: ReportViolation, message: Bilingual, urn?: string): void {
    reportViolation(bilingual(message), urn);
}

/** The policy's configuration merged over its defaults (the engine validates it against the schema). */
export function configOf<T extends object>(args: ResourceValidationArgs | StackValidationArgs, defaults: T): T {
    return { ...defaults, ...(args.getConfig<Partial<T>>() ?? {}) };
}

/** A resource label for messages: the logical name, quoted French and English style. */
export { quoted } from "../../provider/catalog";
