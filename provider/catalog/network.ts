// Network facts used by the security-group and console allow-list rules.
// Convention 8.1 (remarks): never expose SSH (TCP 22) or RDP (TCP 3389) to the whole Internet
// (0.0.0.0/0), nor internal protocols SMB (TCP/UDP 445) and NFS (TCP/UDP 2049).
// Convention 7.4.1 and the console IAM page: console access is limited to declared IPs, per tenant.
import * as ipaddr from "ipaddr.js"; // well-kept, typed, CommonJS; already used by fastify for proxy addresses
import { CatalogError, show } from "./errors";
import { sourceWithin, sourcesReachWholeInternet } from "./exposure";

export type IpFamily = "ipv4" | "ipv6";

export interface Cidr {
    family: IpFamily;
    /** Network address, normalised. */
    address: string;
    prefix: number;
    /** Canonical text, e.g. "10.0.0.0/8". */
    text: string;
}

/** Ranges that never route on the Internet: RFC 1918 for IPv4, unique local addresses (RFC 4193) for IPv6. */
export const privateRanges: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

export type RuleProtocol = "tcp" | "udp" | "icmp" | "all";
export const ruleProtocols: readonly RuleProtocol[] = ["tcp", "udp", "icmp", "all"];

export interface SensitivePort {
    port: number;
    service: string;
    protocols: readonly ("tcp" | "udp")[];
    /** "internet": refused from 0.0.0.0/0 or ::/0; "private-only": refused from anything outside private ranges. */
    exposure: "internet" | "private-only";
}

export const sensitivePorts: readonly SensitivePort[] = [
    { port: 22, service: "SSH", protocols: ["tcp"], exposure: "internet" },
    { port: 3389, service: "RDP", protocols: ["tcp"], exposure: "internet" },
    { port: 445, service: "SMB", protocols: ["tcp", "udp"], exposure: "private-only" },
    { port: 2049, service: "NFS", protocols: ["tcp", "udp"], exposure: "private-only" },
];

function malformed(field: string, value: unknown): CatalogError {
    return new CatalogError(field, {
        fr: `CIDR mal formé ${show(value)} : attendu une adresse IPv4 ou IPv6 avec un préfixe, par exemple 203.0.113.0/24 ou 2001:db8::/48.`,
        en: `malformed CIDR ${show(value)}: an IPv4 or IPv6 address with a prefix is expected, e.g. 203.0.113.0/24 or 2001:db8::/48.`,
    });
}

/**
 * Parses a CIDR ("203.0.113.0/24", "2001:db8::/48"); a bare address counts as /32 or /128.
 * Refuses odd IPv4 spellings (hex, fewer than four parts) and host bits set after the prefix,
 * naming the network address to write instead.
 */
export function parseCidr(value: unknown, field = "cidr"): Cidr {
    if (typeof value !== "string") {
        throw malformed(field, value);
    }
    const text = value.trim();
    const withPrefix = text.includes("/") ? text : `${text}/${text.includes(":") ? 128 : 32}`;
    const looksV4 = !withPrefix.includes(":");
    const valid = looksV4 ? ipaddr.IPv4.isValidCIDRFourPartDecimal(withPrefix) : ipaddr.IPv6.isValidCIDR(withPrefix);
    if (!valid) {
        throw malformed(field, value);
    }
    const [address, prefix] = ipaddr.parseCIDR(withPrefix);
    const family: IpFamily = address.kind();
    const network = family === "ipv4" ? ipaddr.IPv4.networkAddressFromCIDR(withPrefix) : ipaddr.IPv6.networkAddressFromCIDR(withPrefix);
    const networkText = network.toString();
    if (network.toNormalizedString() !== address.toNormalizedString()) {
        throw new CatalogError(field, {
            fr: `CIDR ${show(value)} : des bits d'hôte sont posés après le préfixe /${prefix} ; écrire ${networkText}/${prefix}.`,
            en: `CIDR ${show(value)}: host bits are set after the /${prefix} prefix; write ${networkText}/${prefix}.`,
        });
    }
    return { family, address: networkText, prefix, text: `${networkText}/${prefix}` };
}

/** True when the source alone reaches the whole Internet: 0.0.0.0/0, ::/0, ::ffff:0:0/96... (see addressSpace.ts). */
export function isWholeInternet(cidr: Cidr): boolean {
    return sourcesReachWholeInternet([cidr]);
}

let privateCidrs: Cidr[] | undefined;

/** True when every address of the range lies in the private ranges, embedded IPv4 forms normalised. */
export function isPrivateCidr(cidr: Cidr): boolean {
    privateCidrs ??= privateRanges.map((r) => parseCidr(r));
    return sourceWithin(cidr, privateCidrs);
}

/** Checks a port or the bound of a port range: an integer from 0 to 65535. */
export function assertPort(value: unknown, field: string): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 65535) {
        throw new CatalogError(field, {
            fr: `port ${show(value)} invalide : entier de 0 à 65535 attendu.`,
            en: `port ${show(value)} is invalid: an integer from 0 to 65535 is expected.`,
        });
    }
    return value;
}

export function assertRuleProtocol(value: unknown, field = "protocol"): RuleProtocol {
    if (typeof value !== "string" || !(ruleProtocols as readonly string[]).includes(value)) {
        throw new CatalogError(field, { fr: `protocole inconnu ${show(value)}.`, en: `unknown protocol ${show(value)}.` }, ruleProtocols);
    }
    return value as RuleProtocol;
}

/** Sensitive ports a rule opens: a protocol and a port range (ignored for ICMP; "all" opens every port). */
export function sensitivePortsOpened(protocol: RuleProtocol, fromPort: number, toPort: number): SensitivePort[] {
    if (protocol === "icmp") {
        return [];
    }
    return sensitivePorts.filter(
        (p) =>
            (protocol === "all" || (p.protocols as readonly string[]).includes(protocol)) &&
            (protocol === "all" || (fromPort <= p.port && p.port <= toPort)),
    );
}

/**
 * Whether opening `port` to `cidr` alone breaks the section 8.1 remark: SSH/RDP to the whole
 * Internet, SMB/NFS to anything outside the private ranges. Rules are judged together by
 * ingressExposures (exposure.ts).
 */
export function isForbiddenExposure(port: SensitivePort, cidr: Cidr): boolean {
    return port.exposure === "internet" ? isWholeInternet(cidr) : !isPrivateCidr(cidr);
}
