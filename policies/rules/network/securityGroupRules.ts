// securetemple-network-security-group-rules: the remarks of convention section 8.1 ask the tenant
// never to expose SSH (TCP 22) or RDP (TCP 3389) to the whole Internet, nor SMB (445) or NFS (2049)
// over TCP or UDP, and to minimise opened flows.
// Egress rules are not checked: the remarks are about exposing ports to inbound flows, and an
// "allow all outbound" rule is the usual default.
import { definePolicy } from "../../support/policy";
import { types } from "../../support/resourceTypes";
import { securityRulesSchema, validateIngress } from "../../support/securityRules";

export const networkSecurityGroupRules = definePolicy(
    {
        name: "securetemple-network-security-group-rules",
        sections: ["8.1"],
        severity: "critical",
        enforcementLevel: "mandatory",
        levelRationale:
            "An administration or file-sharing port open to the Internet is the most common entry point of an intrusion; a rule that needs it anyway carries an explicit `exception` with a reason, which moves it to the advisory review policy.",
        description: {
            fr: "Vérifie qu'aucune règle entrante, seule ou avec les autres, n'expose SSH ou RDP à tout Internet (formes IPv4 incluses dans IPv6 comprises), SMB ou NFS hors des plages privées, ni n'ouvre tous les ports.",
            en: "Checks that no ingress rule, alone or with the others, exposes SSH or RDP to the whole Internet (IPv4 embedded in IPv6 included), SMB or NFS outside private ranges, or opens every port.",
        },
        remediation: {
            fr: "Restreindre la source aux adresses d'administration (VPN, bastion) ou aux plages privées, ouvrir seulement les ports nécessaires, ou documenter une exception avec exception.reason.",
            en: "Restrict the source to administration addresses (VPN, bastion) or private ranges, open only the ports needed, or document an exception with exception.reason.",
        },
        appliesTo: [types.securityGroup],
        configSchema: securityRulesSchema,
    },
    { validateResource: validateIngress("refused") },
);
