// Which sensitive ports a security group's ingress rules expose, judged on what their sources
// reach together (convention 8.1, remarks): SSH and RDP must not be open to the whole Internet,
// SMB and NFS to anything outside the private ranges. The SecurityGroup component and the policy
// pack both call this, so a rule set is refused by both or by neither; each words its own message.
import { AddressRange, internetRanges, mergeRanges, rangesWithin, reachesWholeInternet, sourceRanges } from "./addressSpace";
import type { Cidr, SensitivePort } from "./network";

/** An ingress rule as the analysis reads it: ports explicit ("all" opens 0-65535), sources parsed. */
export interface ExposureRule {
    /** "tcp", "udp", "all" or "icmp" (ICMP opens no port). */
    protocol: string;
    fromPort: number;
    toPort: number;
    sources: readonly Cidr[];
    /** The rule carries `exception: { reason }`: its exposures are a documented decision. */
    excepted: boolean;
}

export interface Exposure {
    port: SensitivePort;
    /**
     * "source": one source exposes the port by itself; "rule": the sources of one rule do, together;
     * "group": the sources of several rules opening the port over the same protocol do, together.
     */
    scope: "source" | "rule" | "group";
    /** Indexes, in the list given, of the rules that make the exposure. */
    rules: number[];
    /** The sources at fault: the one source, or every source of those rules. */
    sources: Cidr[];
    /** True when an excepted rule takes part: a finding for review, not a refusal. */
    excepted: boolean;
}

/** What the analysis needs besides the rules: the refused ports and the trusted (private) ranges. */
export interface ExposureSettings {
    ports: readonly SensitivePort[];
    trusted: readonly Cidr[];
}

// Sources repeat across rules and groups (0.0.0.0/0, the office range): their ranges are computed once.
const rangesCache = new Map<string, AddressRange[]>();

function rangesOf(cidr: Cidr): AddressRange[] {
    let hit = rangesCache.get(cidr.text);
    if (!hit) {
        hit = sourceRanges(cidr);
        if (rangesCache.size > 10_000) {
            rangesCache.clear();
        }
        rangesCache.set(cidr.text, hit);
    }
    return hit;
}

function opens(rule: ExposureRule, port: number, protocol: string): boolean {
    return (rule.protocol === "all" || rule.protocol === protocol) && rule.fromPort <= port && port <= rule.toPort;
}

const aloneCache = new Map<string, boolean>();

/** The number of addresses of each family the ranges hold, overlaps counted twice (an upper bound). */
function sizes(ranges: readonly AddressRange[]): { ipv4: number; ipv6: number } {
    const out = { ipv4: 0, ipv6: 0 };
    for (const r of ranges) {
        out[r.family] += Number(r.last - r.first + 1n);
    }
    return out;
}

const internetSize = { ipv4: sizes(internetRanges.ipv4).ipv4, ipv6: sizes(internetRanges.ipv6).ipv6 };

/** True when the sources reach every Internet address of IPv4 or of IPv6. */
export function sourcesReachWholeInternet(sources: readonly Cidr[]): boolean {
    if (sources.length === 1) {
        const text = sources[0].text;
        let hit = aloneCache.get(text);
        if (hit === undefined) {
            hit = reachesWholeInternet(rangesOf(sources[0]));
            if (aloneCache.size > 10_000) {
                aloneCache.clear();
            }
            aloneCache.set(text, hit);
        }
        return hit;
    }
    const ranges = sources.flatMap(rangesOf);
    // Most sets are far too small to cover the Internet: counting addresses decides them at once.
    // IPv4 counts are exact in a double; IPv6 ones are rounded, hence the margin (never a false "no").
    const held = sizes(ranges);
    if (held.ipv4 < internetSize.ipv4 && held.ipv6 * (1 + 1e-9) < internetSize.ipv6) {
        return false;
    }
    return reachesWholeInternet(ranges);
}

const withinCache = new WeakMap<readonly Cidr[], { ranges: AddressRange[]; answers: Map<string, boolean> }>();

/** True when every address the source stands for lies in the trusted ranges. */
export function sourceWithin(source: Cidr, trusted: readonly Cidr[]): boolean {
    let cached = withinCache.get(trusted);
    if (!cached) {
        cached = { ranges: mergeRanges(trusted.flatMap(rangesOf)), answers: new Map() };
        withinCache.set(trusted, cached);
    }
    let answer = cached.answers.get(source.text);
    if (answer === undefined) {
        answer = rangesWithin(rangesOf(source), cached.ranges);
        cached.answers.set(source.text, answer);
    }
    return answer;
}

function internetExposures(rules: readonly ExposureRule[], port: SensitivePort): Exposure[] {
    const opening = rules.map((r, i) => [r, i] as const).filter(([r]) => port.protocols.some((p) => opens(r, port.port, p)));
    const found: Exposure[] = [];
    for (const [rule, i] of opening) {
        const alone = rule.sources.filter((s) => sourcesReachWholeInternet([s]));
        for (const s of alone) {
            found.push({ port, scope: "source", rules: [i], sources: [s], excepted: rule.excepted });
        }
        if (alone.length === 0 && rule.sources.length > 1 && sourcesReachWholeInternet(rule.sources)) {
            found.push({ port, scope: "rule", rules: [i], sources: [...rule.sources], excepted: rule.excepted });
        }
    }
    // Several rules over one protocol: first the rules without exception (a refusal), then with
    // them (a review of the exceptions that complete the exposure), each only if nothing narrower says it.
    for (const withExceptions of [false, true]) {
        if (found.some((f) => withExceptions || !f.excepted)) {
            continue;
        }
        for (const protocol of port.protocols) {
            const group = opening.filter(([r]) => opens(r, port.port, protocol) && (withExceptions || !r.excepted));
            if (group.length > 1 && sourcesReachWholeInternet(group.flatMap(([r]) => r.sources))) {
                found.push({
                    port,
                    scope: "group",
                    rules: group.map(([, i]) => i),
                    sources: group.flatMap(([r]) => r.sources),
                    excepted: withExceptions,
                });
                break;
            }
        }
    }
    return found;
}

function privateOnlyExposures(rules: readonly ExposureRule[], port: SensitivePort, trusted: readonly Cidr[]): Exposure[] {
    const found: Exposure[] = [];
    rules.forEach((rule, i) => {
        if (port.protocols.some((p) => opens(rule, port.port, p))) {
            for (const s of rule.sources) {
                if (!sourceWithin(s, trusted)) {
                    found.push({ port, scope: "source", rules: [i], sources: [s], excepted: rule.excepted });
                }
            }
        }
    });
    return found;
}

/** Every exposure of the refused ports by the ingress rules of one group, port by port. */
export function ingressExposures(rules: readonly ExposureRule[], settings: ExposureSettings): Exposure[] {
    return settings.ports.flatMap((port) =>
        port.exposure === "internet" ? internetExposures(rules, port) : privateOnlyExposures(rules, port, settings.trusted),
    );
}

export interface EveryPortOpening {
    protocol: "tcp" | "udp";
    rules: number[];
    /** One address from which every port is open. */
    address: AddressRange;
}

/**
 * Rules that together open every port 1-65535 of TCP or UDP to one same address, none of which
 * does alone. Only rules without exception are counted.
 */
export function everyPortTogether(rules: readonly ExposureRule[]): EveryPortOpening | undefined {
    for (const protocol of ["tcp", "udp"] as const) {
        // A rule that opens every port by itself is its own finding; here only the ones that need others.
        const candidates = rules
            .map((r, i) => [r, i] as const)
            .filter(([r]) => !r.excepted && (r.protocol === protocol || r.protocol === "all") && !coversEveryPort([r]));
        if (candidates.length < 2 || !coversEveryPort(candidates.map(([r]) => r))) {
            continue;
        }
        // The address line cut at every source boundary: within a piece, every address has the same rules.
        const ranges = candidates.map(([r]) => mergeRanges(r.sources.flatMap(rangesOf)));
        const cuts = new Map<string, { family: AddressRange["family"]; at: bigint }>();
        for (const list of ranges) {
            for (const r of list) {
                cuts.set(`${r.family}/${r.first}`, { family: r.family, at: r.first });
            }
        }
        for (const cut of cuts.values()) {
            const present = candidates.filter((_c, k) =>
                ranges[k].some((r) => r.family === cut.family && r.first <= cut.at && cut.at <= r.last),
            );
            if (present.length > 1 && coversEveryPort(present.map(([r]) => r))) {
                return { protocol, rules: present.map(([, i]) => i), address: { family: cut.family, first: cut.at, last: cut.at } };
            }
        }
    }
    return undefined;
}

function coversEveryPort(rules: readonly ExposureRule[]): boolean {
    const spans = rules.map((r) => [r.fromPort, r.toPort] as const).sort((a, b) => a[0] - b[0]);
    let next = 1;
    for (const [from, to] of spans) {
        if (from > next) {
            return false;
        }
        next = Math.max(next, to + 1);
    }
    return next > 65535;
}
