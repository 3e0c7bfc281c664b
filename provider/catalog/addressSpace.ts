// What a set of CIDR sources reaches, as ranges of numbers, so that rules are judged on what they
// cover together rather than source by source: 0.0.0.0/1 plus 128.0.0.0/1 is the whole Internet,
// and so is ::ffff:0:0/96, the IPv4-mapped form of 0.0.0.0/0. IPv6 forms that embed an IPv4
// address are normalised: the forms that denote the IPv4 host itself (mapped, translated, NAT64,
// compatible) are that IPv4 range; the tunnelling forms (6to4, Teredo) reach the IPv4 hosts behind
// them, so they count as their IPv6 range and as the IPv4 range they embed.
import * as ipaddr from "ipaddr.js"; // well-kept, typed, CommonJS; parses every IPv6 spelling, dotted tails included
import type { Cidr, IpFamily } from "./network";

/** An inclusive range of addresses of one family, as numbers. */
export interface AddressRange {
    family: IpFamily;
    first: bigint;
    last: bigint;
}

const widths: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };

function numberOf(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
    return address.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
}

/** The range of `prefix` leading bits of `value`. */
function blockRange(family: IpFamily, value: bigint, prefix: number): AddressRange {
    const hostBits = BigInt(widths[family] - prefix);
    const first = (value >> hostBits) << hostBits;
    return { family, first, last: first + (1n << hostBits) - 1n };
}

function parseBlock(text: string): AddressRange {
    const [address, prefix] = ipaddr.parseCIDR(text);
    return blockRange(address.kind(), numberOf(address), prefix);
}

/** An IPv6 form that carries an IPv4 address in 32 of its bits. */
export interface EmbeddedIpv4Form {
    name: string;
    block: string;
    /** Position of the IPv4 address's first bit in the IPv6 address. */
    offset: number;
    /** True when the IPv6 address stands for the IPv4 host itself; false for a tunnel that reaches it. */
    alias: boolean;
    /** Teredo stores the client's address with every bit inverted. */
    inverted?: boolean;
    reference: string;
}

export const embeddedIpv4Forms: readonly EmbeddedIpv4Form[] = [
    { name: "IPv4-mapped", block: "::ffff:0:0/96", offset: 96, alias: true, reference: "RFC 4291 §2.5.5.2" },
    { name: "IPv4-compatible", block: "::/96", offset: 96, alias: true, reference: "RFC 4291 §2.5.5.1 (deprecated)" },
    { name: "IPv4-translated", block: "::ffff:0:0:0/96", offset: 96, alias: true, reference: "RFC 2765 (SIIT)" },
    { name: "NAT64", block: "64:ff9b::/96", offset: 96, alias: true, reference: "RFC 6052" },
    { name: "6to4", block: "2002::/16", offset: 16, alias: false, reference: "RFC 3056" },
    { name: "Teredo", block: "2001::/32", offset: 96, alias: false, inverted: true, reference: "RFC 4380" },
];

const forms = embeddedIpv4Forms.map((f) => ({ ...f, range: parseBlock(f.block), prefix: Number(f.block.split("/")[1]) }));

const ipv4Mask = (1n << 32n) - 1n;

/** The IPv4 range that the part of `range` (prefix `prefix`) inside `form` embeds, or undefined when they do not meet. */
function embedded(range: AddressRange, prefix: number, form: (typeof forms)[number]): AddressRange | undefined {
    if (range.last < form.range.first || range.first > form.range.last) {
        return undefined;
    }
    // Prefix blocks are nested or apart: the meeting part is the narrower of the two.
    const inside = Math.max(prefix, form.prefix);
    const fixedBits = Math.min(32, Math.max(0, inside - form.offset));
    let value = (range.first >> BigInt(128 - form.offset - 32)) & ipv4Mask;
    if (form.inverted) {
        value = ~value & ipv4Mask;
    }
    return blockRange("ipv4", value, fixedBits);
}

/**
 * The addresses a source stands for: its own range, or for an IPv6 form embedding IPv4 the IPv4
 * range it embeds (alone for an alias, besides its own range for a tunnel). ::/0 is all of IPv6
 * and all of IPv4.
 */
export function sourceRanges(cidr: Cidr): AddressRange[] {
    const own = blockRange(cidr.family, numberOf(ipaddr.parse(cidr.address)), cidr.prefix);
    if (cidr.family === "ipv4") {
        return [own];
    }
    const out: AddressRange[] = [];
    let isAlias = false;
    for (const form of forms) {
        const v4 = embedded(own, cidr.prefix, form);
        if (v4) {
            out.push(v4);
            isAlias ||= form.alias && cidr.prefix >= form.prefix;
        }
    }
    return isAlias ? out : [own, ...out];
}

/** The IPv4 range a source written in an embedding IPv6 form stands for, for messages ("::ffff:0:0/96" is 0.0.0.0/0). */
export function embeddedIpv4Text(cidr: Cidr): string | undefined {
    if (cidr.family !== "ipv6") {
        return undefined;
    }
    const own = blockRange("ipv6", numberOf(ipaddr.parse(cidr.address)), cidr.prefix);
    for (const form of forms) {
        if (cidr.prefix >= form.prefix) {
            const v4 = embedded(own, cidr.prefix, form);
            if (v4) {
                const prefix = 33 - (v4.last - v4.first + 1n).toString(2).length;
                return `${addressText(v4)}/${prefix}`;
            }
        }
    }
    return undefined;
}

/** The first address of a range, as text (203.0.113.0, 2001:db8::). */
export function addressText(range: AddressRange): string {
    const bytes = widths[range.family] / 8;
    return ipaddr
        .fromByteArray(Array.from({ length: bytes }, (_b, i) => Number((range.first >> BigInt(8 * (bytes - 1 - i))) & 0xffn)))
        .toString();
}

function compare(a: AddressRange, b: AddressRange): number {
    if (a.family !== b.family) {
        return a.family < b.family ? -1 : 1;
    }
    return a.first < b.first ? -1 : a.first > b.first ? 1 : 0;
}

/** Sorted, non-overlapping, non-adjacent ranges covering exactly the same addresses. */
export function mergeRanges(ranges: readonly AddressRange[]): AddressRange[] {
    const sorted = [...ranges].sort(compare);
    const out: AddressRange[] = [];
    for (const r of sorted) {
        const last = out[out.length - 1];
        if (last && last.family === r.family && r.first <= last.last + 1n) {
            if (r.last > last.last) {
                last.last = r.last;
            }
        } else {
            out.push({ ...r });
        }
    }
    return out;
}

/** True when every address of `inner` lies in `outer` (both merged, as mergeRanges returns them). */
function includes(outer: readonly AddressRange[], inner: readonly AddressRange[]): boolean {
    let i = 0;
    for (const r of inner) {
        while (i < outer.length && compare(outer[i], r) < 0 && (outer[i].family !== r.family || outer[i].last < r.first)) {
            i++;
        }
        const o = outer[i];
        if (!o || o.family !== r.family || o.first > r.first || o.last < r.last) {
            return false;
        }
    }
    return true;
}

/** True when every address of `ranges` lies in `container` (neither needs to be merged). */
export function rangesWithin(ranges: readonly AddressRange[], container: readonly AddressRange[]): boolean {
    return includes(mergeRanges(container), mergeRanges(ranges));
}

/** Everything in `universe` outside `holes`. */
function complement(universe: AddressRange, holes: readonly AddressRange[]): AddressRange[] {
    const out: AddressRange[] = [];
    let next = universe.first;
    for (const h of mergeRanges(holes)) {
        if (h.first > next) {
            out.push({ family: universe.family, first: next, last: h.first - 1n });
        }
        next = h.last + 1n;
    }
    if (next <= universe.last) {
        out.push({ family: universe.family, first: next, last: universe.last });
    }
    return out;
}

/**
 * Blocks that are not on the Internet (IANA special-purpose registries, not globally reachable):
 * a set of sources that misses only these still reaches the whole Internet.
 */
export const nonInternetIpv4: readonly string[] = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",
    "240.0.0.0/4",
];
/** The IPv6 Internet is the global unicast space 2000::/3, less its documentation and benchmarking blocks. */
export const ipv6InternetBlock = "2000::/3";
export const nonInternetIpv6: readonly string[] = ["2001:2::/48", "2001:db8::/32", "3fff::/20"];

/** Every Internet address, as ranges of each family. */
export const internetRanges: Readonly<Record<IpFamily, readonly AddressRange[]>> = {
    ipv4: complement(blockRange("ipv4", 0n, 0), nonInternetIpv4.map(parseBlock)),
    ipv6: complement(parseBlock(ipv6InternetBlock), nonInternetIpv6.map(parseBlock)),
};

/** True when the ranges, together, reach every Internet address of IPv4 or every one of IPv6. */
export function reachesWholeInternet(ranges: readonly AddressRange[]): boolean {
    const merged = mergeRanges(ranges);
    return includes(merged, internetRanges.ipv4) || includes(merged, internetRanges.ipv6);
}
