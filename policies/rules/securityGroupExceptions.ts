// securetemple-network-security-group-exceptions: a rule that breaks the section 8.1 remarks but
// carries `exception: { reason }` is a documented decision; it is listed for periodic review.
// Advisory: the exception is the tenant's explicit, written choice; blocking it would only push
// teams to hide the rule elsewhere.
import { configOf, definePolicy, quoted, report } from "../support/policy";
import { types } from "../support/resourceTypes";
import { ingressFindings, securityRulesDefaults, securityRulesSchema } from "../support/securityRules";

export const securityGroupExceptions = definePolicy(
    {
        name: "securetemple-network-security-group-exceptions",
        sections: ["8.1"],
        severity: "medium",
        enforcementLevel: "advisory",
        levelRationale: "A documented exception is a deliberate choice; it is surfaced for review rather than blocked.",
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
    {
        validateResource: (args, reportViolation) => {
            if (args.type !== types.securityGroup) {
                return;
            }
            const config = configOf(args, securityRulesDefaults);
            const who = quoted(args.name);
            for (const f of ingressFindings(args.props, config)) {
                if (f.exception !== undefined) {
                    report(reportViolation, {
                        fr: `Groupe de sécurité ${who.fr} : ${f.message.fr} Exception acceptée : ${f.exception}.`,
                        en: `Security group ${who.en}: ${f.message.en} Accepted exception: ${f.exception}.`,
                    });
                }
            }
        },
    },
);
