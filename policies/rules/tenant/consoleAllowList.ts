// securetemple-tenant-console-allow-list: convention section 7.4.1 requires the tenant to declare
// fixed IPs from which the console is reachable (allow-list), at least one at start.
import { CatalogError, parseCidr } from "../../../provider/catalog";
import { configOf, definePolicy, quoted, report } from "../../support/policy";
import { types } from "../../support/resourceTypes";
import { plain, readNumber, readStrings, UNKNOWN } from "../../support/values";

export interface ConsoleConfig {
    /** Widest IPv4 prefix accepted (8 accepts a /8; 0 accepts everything but is always refused below). */
    minIpv4PrefixLength: number;
    minIpv6PrefixLength: number;
}

const defaults: ConsoleConfig = { minIpv4PrefixLength: 1, minIpv6PrefixLength: 1 };

export const tenantConsoleAllowList = definePolicy(
    {
        name: "securetemple-tenant-console-allow-list",
        sections: ["7.4.1"],
        severity: "high",
        enforcementLevel: "mandatory",
        levelRationale:
            "An empty list locks the tenant out, and 0.0.0.0/0 removes the filtering that SecNumCloud requires on the administration interface.",
        description: {
            fr: "Vérifie que le tenant déclare au moins une adresse IP autorisée sur la console, qu'aucune n'est 0.0.0.0/0 ou ::/0 et que chacune est assez étroite.",
            en: "Checks that the tenant declares at least one IP authorised on the console, that none is 0.0.0.0/0 or ::/0 and that each is narrow enough.",
        },
        remediation: {
            fr: "Déclarer les adresses de sortie fixes de l'entreprise (VPN, bastion) en /32 ou en petites plages, jamais 0.0.0.0/0.",
            en: "Declare the company's fixed egress addresses (VPN, bastion) as /32 or small ranges, never 0.0.0.0/0.",
        },
        appliesTo: [types.tenant],
        configSchema: {
            properties: {
                minIpv4PrefixLength: {
                    type: "integer",
                    minimum: 1,
                    maximum: 32,
                    default: 1,
                    description: "Widest IPv4 prefix accepted; the tenant's maxConsoleIpPrefix overrides it.",
                },
                minIpv6PrefixLength: {
                    type: "integer",
                    minimum: 1,
                    maximum: 128,
                    default: 1,
                    description: "Widest IPv6 prefix accepted; the tenant's maxConsoleIpv6Prefix overrides it.",
                },
            },
        },
    },
    {
        validateResource: (args, reportViolation) => {
            const config = configOf(args, defaults);
            const props = plain(args.props);
            const who = quoted(args.name);
            const ips = readStrings(props, "consoleAuthorizedIps");
            // Absent is not known to be empty (a Tenant always registers the list): only [] is reported.
            if (ips === UNKNOWN || ips === undefined) {
                return;
            }
            if (ips.length === 0) {
                report(reportViolation, {
                    fr: `Le tenant ${who.fr} ne déclare aucune adresse IP autorisée sur la console (consoleAuthorizedIps est vide).`,
                    en: `The tenant ${who.en} declares no IP authorised on the console (consoleAuthorizedIps is empty).`,
                });
                return;
            }
            // The tenant's own limits (registered by the Tenant component) take precedence over the knobs.
            const own = readNumber(props, "maxConsoleIpPrefix");
            const own6 = readNumber(props, "maxConsoleIpv6Prefix");
            const v4 = typeof own === "number" ? own : config.minIpv4PrefixLength;
            const v6 = typeof own6 === "number" ? own6 : config.minIpv6PrefixLength;
            for (const ip of ips) {
                if (ip === UNKNOWN) {
                    continue;
                }
                try {
                    const cidr = parseCidr(ip, "consoleAuthorizedIps");
                    const min = cidr.family === "ipv4" ? v4 : v6;
                    if (cidr.prefix === 0) {
                        report(reportViolation, {
                            fr: `Le tenant ${who.fr} autorise ${cidr.text} sur la console : tout Internet peut atteindre l'interface d'administration.`,
                            en: `The tenant ${who.en} authorises ${cidr.text} on the console: the whole Internet can reach the administration interface.`,
                        });
                    } else if (cidr.prefix < min) {
                        report(reportViolation, {
                            fr: `Le tenant ${who.fr} autorise la plage ${cidr.text} sur la console, plus large que /${min}.`,
                            en: `The tenant ${who.en} authorises the range ${cidr.text} on the console, wider than /${min}.`,
                        });
                    }
                } catch (e) {
                    const err = e as CatalogError;
                    report(reportViolation, {
                        fr: `Le tenant ${who.fr} : ${err.fr ?? err.message}`,
                        en: `The tenant ${who.en}: ${err.en ?? err.message}`,
                    });
                }
            }
        },
    },
);
