// Evaluation of one security-group ingress rule against the section 8.1 remarks, shared by the
// mandatory rule policy and the advisory exception review.
import type { PolicyConfigSchema } from "@pulumi/policy";
import * as ipaddr from "ipaddr.js"; // well-kept, typed, CommonJS; the catalogue parses CIDRs with it too
import { Bilingual, CatalogError, Cidr, parseCidr, privateRanges, sensitivePorts } from "../../provider/catalog";
import { isText, plain, read, readNumber, readString, readStrings, UNKNOWN } from "./values";

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
        trustedCidrs: { type: "array", items: { type: "string" }, default: securityRulesDefaults.trustedCidrs, description: "Ranges treated as private for private-only ports." },
        allowAllPorts: { type: "boolean", default: false, description: "Accept ingress rules that open every port." },
    },
};

export interface RuleFinding {
    ruleIndex: number;
    description: string;
    exception?: string;
    message: Bilingual;
}

type Trusted = [ipaddr.IPv4 | ipaddr.IPv6, number][];

// Sources repeat across rules and groups (0.0.0.0/0, the office range...): each text is parsed
// once per process. Parsing dominated the pack's cost before this cache.
const parsedCidrs = new Map<string, Cidr | CatalogError>();

function cachedCidr(text: string): Cidr {
    let hit = parsedCidrs.get(text);
    if (hit === undefined) {
        try {
            hit = parseCidr(text);
        } catch (e) {
            hit = e as CatalogError;
        }
        if (parsedCidrs.size > 10_000) {
            parsedCidrs.clear();
        }
        parsedCidrs.set(text, hit);
    }
    if (hit instanceof Error) {
        throw hit;
    }
    return hit;
}

const trustedCache = new Map<string, Trusted>();

function parseTrusted(cidrs: readonly string[]): Trusted {
    const key = cidrs.join(",");
    const cached = trustedCache.get(key);
    if (cached) {
        return cached;
    }
    const out: Trusted = [];
    for (const c of cidrs) {
        try {
            const parsed = cachedCidr(c);
            out.push([ipaddr.parse(parsed.address), parsed.prefix]);
        } catch {
            // A malformed trusted range is refused by the configuration schema check; skip it here.
        }
    }
    trustedCache.set(key, out);
    return out;
}

function insideTrusted(cidr: Cidr, trusted: Trusted): boolean {
    const addr = ipaddr.parse(cidr.address);
    return trusted.some(([net, bits]) => net.kind() === addr.kind() && cidr.prefix >= bits && addr.match(net, bits));
}

const allPortsLabel = { fr: "tous les ports", en: "every port" };

/** Findings for every ingress rule of a security group's properties. */
export function ingressFindings(groupProps: unknown, config: SecurityRulesConfig): RuleFinding[] {
    const props = plain(groupProps);
    const rules = read(props, "ingress");
    if (!Array.isArray(rules)) {
        return [];
    }
    const trusted = parseTrusted(config.trustedCidrs);
    const findings: RuleFinding[] = [];
    rules.forEach((rule, ruleIndex) => {
        const protocol = readString(rule, "protocol");
        if (protocol === UNKNOWN || protocol === undefined) {
            return;
        }
        const proto = protocol.toLowerCase();
        if (proto === "icmp") {
            return;
        }
        let from = readNumber(rule, "fromPort");
        let to = readNumber(rule, "toPort");
        if (proto === "all") {
            from = 0;
            to = 65535;
        }
        if (from === UNKNOWN || to === UNKNOWN) {
            return;
        }
        // As the SecurityGroup component reads a rule: no fromPort is every port, no toPort is fromPort.
        if (from === undefined) {
            from = 0;
            to = to ?? 65535;
        } else if (to === undefined) {
            to = from;
        }
        const cidrs = readStrings(rule, "cidrs");
        if (cidrs === UNKNOWN || cidrs === undefined) {
            return;
        }
        const descriptionValue = readString(rule, "description");
        const description = isText(descriptionValue) ? descriptionValue : `#${ruleIndex + 1}`;
        const exceptionObject = read(rule, "exception");
        const exceptionReason = exceptionObject !== UNKNOWN && exceptionObject !== undefined ? readString(exceptionObject, "reason") : undefined;
        const exception = isText(exceptionReason) ? exceptionReason : undefined;
        const ruleLabel = { fr: `la règle entrante « ${description} » (${proto} ${from}-${to})`, en: `the ingress rule "${description}" (${proto} ${from}-${to})` };
        const push = (message: Bilingual) => findings.push({ ruleIndex, description, exception, message });

        if (!config.allowAllPorts && from <= 1 && to >= 65535) {
            push({
                fr: `${ruleLabel.fr} ouvre ${allPortsLabel.fr} depuis ${cidrs.filter((c) => c !== UNKNOWN).join(", ") || "?"}.`,
                en: `${ruleLabel.en} opens ${allPortsLabel.en} from ${cidrs.filter((c) => c !== UNKNOWN).join(", ") || "?"}.`,
            });
        }
        const opened = config.forbiddenPorts.filter(
            (p) => (proto === "all" || (p.protocols as string[]).includes(proto)) && from <= p.port && p.port <= (to as number),
        );
        for (const cidrText of cidrs) {
            if (cidrText === UNKNOWN) {
                continue;
            }
            let cidr;
            try {
                cidr = cachedCidr(cidrText);
            } catch (e) {
                const err = e as CatalogError;
                push({ fr: `${ruleLabel.fr} a une source invalide : ${err.fr ?? err.message}`, en: `${ruleLabel.en} has an invalid source: ${err.en ?? err.message}` });
                continue;
            }
            for (const port of opened) {
                const forbidden = port.exposure === "internet" ? cidr.prefix === 0 : !insideTrusted(cidr, trusted);
                if (!forbidden) {
                    continue;
                }
                const scope =
                    port.exposure === "internet"
                        ? { fr: "à tout Internet", en: "to the whole Internet" }
                        : { fr: "hors des plages privées de confiance", en: "outside the trusted private ranges" };
                push({
                    fr: `${ruleLabel.fr} expose ${port.service} (port ${port.port}) ${scope.fr} depuis ${cidr.text}.`,
                    en: `${ruleLabel.en} exposes ${port.service} (port ${port.port}) ${scope.en} from ${cidr.text}.`,
                });
            }
        }
    });
    return findings;
}
