// securetemple-network-security-group-exceptions: a rule that breaks the section 8.1 remarks but
// carries `exception: { reason }` is a documented decision; it is listed for periodic review.
import { definePolicy } from "../../support/policy";
import { types } from "../../support/resourceTypes";
import { securityRulesSchema, validateIngress } from "../../support/securityRules";

export const networkSecurityGroupExceptions = definePolicy(
    {
        name: "securetemple-network-security-group-exceptions",
        sections: ["8.1"],
        severity: "medium",
        enforcementLevel: "advisory",
        levelRationale:
            "The exception is the tenant's explicit, written choice; blocking it would only push teams to hide the rule elsewhere.",
        description: {
            fr: "Signale les règles entrantes qui dérogent aux remarques de la section 8.1 avec une exception motivée, pour revue périodique.",
            en: "Reports the ingress rules that depart from the section 8.1 remarks with a justified exception, for periodic review.",
        },
        remediation: {
            fr: "Revoir l'exception, la limiter dans le temps et réduire la source au strict nécessaire.",
            en: "Review the exception, limit it in time and narrow the source to what is strictly needed.",
        },
        appliesTo: [types.securityGroup],
        configSchema: securityRulesSchema,
    },
    { validateResource: validateIngress("excepted") },
);
