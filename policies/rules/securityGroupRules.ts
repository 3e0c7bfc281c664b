// securetemple-network-security-group-rules: the remarks of convention section 8.1 ask the tenant
// never to expose SSH (TCP 22) or RDP (TCP 3389) to the whole Internet, nor SMB (445) or NFS (2049)
// over TCP or UDP, and to minimise opened flows.
// Mandatory: an administration or file-sharing port open to the Internet is the most common entry
// point of an intrusion; a rule that needs it anyway carries an explicit `exception` with a reason,
// which moves it to the advisory review policy.
// Egress rules are not checked: the remarks are about exposing ports to inbound flows, and an
// "allow all outbound" rule is the usual default.
import { configOf, definePolicy, quoted, report } from "../support/policy";
import { types } from "../support/resourceTypes";
import { ingressFindings, securityRulesDefaults, securityRulesSchema } from "../support/securityRules";

export const securityGroupRules = definePolicy(
    {
        name: "securetemple-network-security-group-rules",
        sections: ["8.1"],
        severity: "critical",
        enforcementLevel: "mandatory",
        levelRationale: "Administration and file-sharing ports open to the Internet are a direct intrusion path; exceptions must be explicit.",
        description: {
            fr: "Vérifie qu'aucune règle entrante n'expose SSH ou RDP à tout Internet, SMB ou NFS hors des plages privées, ni n'ouvre tous les ports.",
            en: "Checks that no ingress rule exposes SSH or RDP to the whole Internet, SMB or NFS outside private ranges, or opens every port.",
        },
        remediation: {
            fr: "Restreindre la source aux adresses d'administration (VPN, bastion) ou aux plages privées, ouvrir seulement les ports nécessaires, ou documenter une exception avec exception.reason.",
            en: "Restrict the source to administration addresses (VPN, bastion) or private ranges, open only the ports needed, or document an exception with exception.reason.",
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
                if (f.exception === undefined) {
                    report(reportViolation, { fr: `Groupe de sécurité ${who.fr} : ${f.message.fr}`, en: `Security group ${who.en}: ${f.message.en}` });
                }
            }
        },
    },
);
