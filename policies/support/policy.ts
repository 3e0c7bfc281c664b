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
import { Bilingual, bilingual } from "../../provider/catalog";
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
    /** Type tokens the policy reads. */
    appliesTo: readonly string[];
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

export const conventionName = "Convention de service Secure Temple (IaaS SecNumCloud)";

export function sectionLabel(info: PolicyInfo): { fr: string; en: string } {
    const list = info.sections.join(", ");
    return { fr: `convention §${list}`, en: `convention section${info.sections.length > 1 ? "s" : ""} ${list}` };
}

/** Builds the CrossGuard object from the metadata and the validation functions. */
export function definePolicy(
    info: PolicyInfo,
    validations: { validateResource?: ResourceValidation; validateStack?: StackValidation; remediateResource?: ResourceRemediation },
): SecureTemplePolicy {
    const section = sectionLabel(info);
    const own = validations.validateResource;
    // A policy with a stack part also records the inputs of every resource it sees (see observed.ts).
    const validateResource: ResourceValidation | undefined = validations.validateStack
        ? (args, reportViolation) => {
              recordInputs(args.urn, args.props);
              return own?.(args, reportViolation);
          }
        : own;
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
        framework: { name: conventionName, version: "SecNumCloud 3.2", reference: info.sections.map((s) => `§${s}`).join(", "), specification: info.description.en },
        remediationSteps: bilingual(info.remediation),
        ...(info.configSchema ? { configSchema: info.configSchema } : {}),
        ...(validateResource ? { validateResource } : {}),
        ...(validations.validateStack ? { validateStack: validations.validateStack } : {}),
        ...(validations.remediateResource ? { remediateResource: validations.remediateResource } : {}),
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
export function quoted(name: string): Bilingual {
    return { fr: `« ${name} »`, en: `"${name}"` };
}
