// The settings of the two security-group policies and the resource hook they share: the mandatory
// policy reports what no exception covers, the advisory one lists the excepted findings for review.
// The findings themselves come from ingressFindings.ts.
import type { PolicyConfigSchema, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { privateRanges, sensitivePorts } from "../../provider/catalog";
import { ingressFindings, RuleFinding } from "./ingressFindings";
import { configOf, quoted, report } from "./policy";
import { plain } from "./values";

export interface ForbiddenPort {
    port: number;
    service: string;
    protocols: ("tcp" | "udp")[];
    /** "internet": refused from /0; "private-only": refused from anything outside the trusted ranges. */
    exposure: "internet" | "private-only";
}

export interface SecurityRulesConfig {
    forbiddenPorts: ForbiddenPort[];
    trustedCidrs: string[];
    allowAllPorts: boolean;
}

export const securityRulesDefaults: SecurityRulesConfig = {
    forbiddenPorts: sensitivePorts.map((p) => ({ port: p.port, service: p.service, protocols: [...p.protocols], exposure: p.exposure })),
    trustedCidrs: [...privateRanges],
    allowAllPorts: false,
};

export const securityRulesSchema: PolicyConfigSchema = {
    properties: {
        forbiddenPorts: {
            type: "array",
            description: "Ports refused from the Internet (exposure internet) or from outside the trusted ranges (exposure private-only).",
            default: securityRulesDefaults.forbiddenPorts,
            items: {
                type: "object",
                required: ["port", "protocols", "exposure"],
                properties: {
                    port: { type: "integer", minimum: 0, maximum: 65535 },
                    service: { type: "string" },
                    protocols: { type: "array", minItems: 1, items: { type: "string", enum: ["tcp", "udp"] } },
                    exposure: { type: "string", enum: ["internet", "private-only"] },
                },
            },
        },
        trustedCidrs: {
            type: "array",
            items: { type: "string" },
            default: securityRulesDefaults.trustedCidrs,
            description: "Ranges treated as private for private-only ports.",
        },
        allowAllPorts: { type: "boolean", default: false, description: "Accept ingress rules that open every port." },
    },
};

// Both policies read the same group under the same settings (the pack's defaults, mostly): the
// findings are worked out once per group's properties and settings.
const findingsCache = new WeakMap<object, Map<string, RuleFinding[]>>();

function findingsOf(args: ResourceValidationArgs): RuleFinding[] {
    const own = args.getConfig<Partial<SecurityRulesConfig>>() ?? {};
    const key = Object.keys(own).length === 0 ? "" : JSON.stringify(own);
    const props = plain(args.props);
    let byConfig = findingsCache.get(props);
    if (!byConfig) {
        byConfig = new Map();
        findingsCache.set(props, byConfig);
    }
    let findings = byConfig.get(key);
    if (!findings) {
        findings = ingressFindings(props, configOf(args, securityRulesDefaults));
        byConfig.set(key, findings);
    }
    return findings;
}

/**
 * The resource hook both security-group policies share: the findings without an exception
 * (refused, the mandatory policy) or with one (listed for review, the advisory policy).
 */
export function validateIngress(which: "refused" | "excepted"): ResourceValidation {
    return (args, reportViolation) => {
        const who = quoted(args.name);
        for (const f of findingsOf(args)) {
            if ((f.exception === undefined) !== (which === "refused")) {
                continue;
            }
            const accepted =
                f.exception === undefined
                    ? { fr: "", en: "" }
                    : { fr: ` Exception acceptée : ${f.exception}.`, en: ` Accepted exception: ${f.exception}.` };
            report(reportViolation, {
                fr: `Groupe de sécurité ${who.fr} : ${f.message.fr}${accepted.fr}`,
                en: `Security group ${who.en}: ${f.message.en}${accepted.en}`,
            });
        }
    };
}
