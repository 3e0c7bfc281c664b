// fast-check generators of security-group ingress rules that expose a sensitive port in disguise:
// the whole Internet split into pieces, overlapped, spread over several rules and re-encoded in
// the embedded-IPv4 forms of IPv6 (IPv4-mapped, SIIT, NAT64, IPv4-compatible, 6to4, Teredo) and
// in every textual spelling; public ranges hidden among private ones for the private-only ports.
// Also the counterpart that must pass: the same pieces with a public piece left out, private
// ranges re-encoded. The same cases feed the policy pack and the SecurityGroup component.
import fc from "fast-check";

/** A CIDR block as a number and a prefix length: family 4 (32 bits) or 6 (128 bits). */
export interface Block {
    family: 4 | 6;
    value: bigint;
    prefix: number;
}

const bitsOf = (family: 4 | 6) => (family === 4 ? 32 : 128);

function size(b: Block): bigint {
    return 1n << BigInt(bitsOf(b.family) - b.prefix);
}

function halves(b: Block): [Block, Block] {
    const half = size(b) >> 1n;
    return [
        { ...b, prefix: b.prefix + 1 },
        { ...b, value: b.value + half, prefix: b.prefix + 1 },
    ];
}

function contains(outer: Block, inner: Block): boolean {
    return (
        outer.family === inner.family &&
        outer.prefix <= inner.prefix &&
        inner.value >= outer.value &&
        inner.value < outer.value + size(outer)
    );
}

function v4(text: string): Block {
    const [address, prefix] = text.split("/");
    const value = address.split(".").reduce((n, part) => (n << 8n) + BigInt(Number(part)), 0n);
    return { family: 4, value, prefix: Number(prefix) };
}

/** IPv4 blocks that are not on the Internet; the whole Internet is everything else. */
export const nonPublicV4 = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "224.0.0.0/4",
    "240.0.0.0/4",
].map(v4);
export const privateV4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map(v4);

/** `blocks` after splitting the piece at each pick (modulo the count) in halves, down to `extraBits` more bits. */
function split(blocks: Block[], picks: number[], extraBits: number): Block[] {
    const pieces = blocks.map((b) => ({ block: b, limit: Math.min(bitsOf(b.family), b.prefix + extraBits) }));
    for (const pick of picks) {
        const candidates = pieces.map((p, i) => [p, i] as const).filter(([p]) => p.block.prefix < p.limit);
        if (candidates.length === 0) {
            break;
        }
        const [piece, index] = candidates[pick % candidates.length];
        pieces.splice(index, 1, ...halves(piece.block).map((block) => ({ block, limit: piece.limit })));
    }
    return pieces.map((p) => p.block);
}

/** The smallest blocks covering `root` minus `holes` (each hole a block inside root). */
function without(root: Block, holes: Block[]): Block[] {
    if (holes.some((h) => contains(h, root))) {
        return [];
    }
    if (!holes.some((h) => contains(root, h))) {
        return [root];
    }
    return halves(root).flatMap((half) => without(half, holes));
}

const hex16 = (n: bigint) => Number(n & 0xffffn).toString(16);

function dotted(v: bigint): string {
    return [24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 0xffn)).join(".");
}

/** An IPv6 number as text: compressed (`::`), full (eight groups), or with leading zeros, any case. */
function v6Text(value: bigint, style: number, upper: boolean): string {
    const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => hex16(value >> s));
    let text: string;
    if (style === 1) {
        text = groups.join(":");
    } else if (style === 2) {
        text = groups.map((g) => g.padStart(4, "0")).join(":");
    } else {
        // Compress the longest run of zero groups, as RFC 5952 does.
        let best = [-1, 0];
        for (let i = 0; i < 8; i++) {
            let j = i;
            while (j < 8 && groups[j] === "0") {
                j++;
            }
            if (j - i > best[1]) {
                best = [i, j - i];
            }
        }
        text = best[1] >= 2 ? `${groups.slice(0, best[0]).join(":")}::${groups.slice(best[0] + best[1]).join(":")}` : groups.join(":");
    }
    return upper ? text.toUpperCase() : text;
}

/** How an IPv4 block is written: as itself, or inside an IPv6 form that embeds IPv4. */
export const v4Encodings = ["plain", "mapped", "mapped-dotted", "siit", "nat64", "compatible", "6to4", "teredo"] as const;
export type V4Encoding = (typeof v4Encodings)[number];

/** The CIDR text of an IPv4 block in `encoding`; `salt` picks the free bits (Teredo server, spelling). */
export function encodeV4(b: Block, encoding: V4Encoding, salt: number): string {
    const upper = salt % 2 === 1;
    const style = salt % 3;
    const embedded96 = (prefixValue: bigint, v: bigint) => v6Text(prefixValue | v, style, upper);
    // The dotted-quad tail that RFC 4291 allows for the last 32 bits, after the ::ffff: head in its three spellings.
    const mappedHeads = ["::ffff:", "0:0:0:0:0:ffff:", "0000:0000:0000:0000:0000:FFFF:"];
    switch (encoding) {
        case "plain":
            return b.prefix === 32 && salt % 4 === 0 ? dotted(b.value) : `${dotted(b.value)}/${b.prefix}`;
        case "mapped":
            return `${embedded96(0xffffn << 32n, b.value)}/${96 + b.prefix}`;
        case "mapped-dotted":
            return `${mappedHeads[style]}${dotted(b.value)}/${96 + b.prefix}`;
        case "siit":
            return `${embedded96(0xffffn << 48n, b.value)}/${96 + b.prefix}`;
        case "nat64":
            return `${embedded96(0x64ff9bn << 96n, b.value)}/${96 + b.prefix}`;
        case "compatible":
            return `${embedded96(0n, b.value)}/${96 + b.prefix}`;
        case "6to4":
            return `${v6Text((0x2002n << 112n) | (b.value << 80n), style, upper)}/${16 + b.prefix}`;
        case "teredo": {
            // 2001:0:<server v4>:<flags>:<port>:<client v4, bits inverted>; the client bits are what matter.
            const server = (BigInt(salt) * 2654435761n) & 0xffffffffn;
            const mask = ((1n << BigInt(b.prefix)) - 1n) << BigInt(32 - b.prefix);
            const client = ~b.value & mask;
            const value =
                (0x20010000n << 96n) | (server << 64n) | (BigInt(salt & 0xffff) << 48n) | (BigInt((salt * 7) & 0xffff) << 32n) | client;
            return `${v6Text(value, style, upper)}/${96 + b.prefix}`;
        }
    }
}

/** The CIDR text of an IPv6 block in one of its spellings. */
export function encodeV6(b: Block, salt: number): string {
    return `${v6Text(b.value, salt % 3, salt % 2 === 1)}/${b.prefix}`;
}

/** A sensitive port, its protocols, and whether it is refused from the whole Internet or from outside private ranges. */
export interface Target {
    port: number;
    service: string;
    protocol: "tcp" | "udp";
    exposure: "internet" | "private-only";
}

export const internetTargets: Target[] = [
    { port: 22, service: "SSH", protocol: "tcp", exposure: "internet" },
    { port: 3389, service: "RDP", protocol: "tcp", exposure: "internet" },
];
export const privateOnlyTargets: Target[] = [
    { port: 445, service: "SMB", protocol: "tcp", exposure: "private-only" },
    { port: 445, service: "SMB", protocol: "udp", exposure: "private-only" },
    { port: 2049, service: "NFS", protocol: "tcp", exposure: "private-only" },
    { port: 2049, service: "NFS", protocol: "udp", exposure: "private-only" },
];

export interface Rule {
    protocol: "tcp" | "udp" | "all" | "icmp";
    fromPort?: number;
    toPort?: number;
    cidrs: string[];
    description: string;
}

export interface Case {
    target: Target;
    rules: Rule[];
    /** What the sources stand for, for the failure message. */
    story: string;
}

/** A way of opening `target`'s port: the port alone, a range around it, or every port. */
function opening(
    target: Target,
    kind: number,
    below: number,
    above: number,
    everyPort: boolean,
): Pick<Rule, "protocol" | "fromPort" | "toPort"> {
    switch (kind % (everyPort ? 4 : 3)) {
        case 0:
            return { protocol: target.protocol, fromPort: target.port };
        case 1:
            return { protocol: target.protocol, fromPort: target.port, toPort: target.port };
        case 2:
            return { protocol: target.protocol, fromPort: Math.max(0, target.port - below), toPort: Math.min(65535, target.port + above) };
        default:
            return { protocol: "all" };
    }
}

/**
 * Spreads `sources` over rules that each open the target's port, with decoys, in a shuffled order.
 * `everyPort` lets a rule open every port (protocol "all"), which also opens SMB and NFS.
 */
function rulesArbitrary(target: Target, sources: fc.Arbitrary<string[]>, everyPort = true): fc.Arbitrary<Rule[]> {
    return sources.chain((texts) =>
        fc
            .record({
                ruleCount: fc.integer({ min: 1, max: Math.min(4, Math.max(1, texts.length)) }),
                assignment: fc.array(fc.nat(), { minLength: texts.length, maxLength: texts.length }),
                openings: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), {
                    minLength: 4,
                    maxLength: 4,
                }),
                decoys: fc.array(
                    fc.record({
                        port: fc.integer({ min: 1, max: 65535 }).filter((p) => ![22, 3389, 445, 2049].includes(p)),
                        icmp: fc.boolean(),
                    }),
                    { maxLength: 2 },
                ),
                order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
            })
            .map(({ ruleCount, assignment, openings, decoys, order }) => {
                const rules: Rule[] = [];
                for (let r = 0; r < ruleCount; r++) {
                    const [kind, below, above] = openings[r];
                    rules.push({ ...opening(target, kind, below, above, everyPort), cidrs: [], description: `part ${r + 1}` });
                }
                texts.forEach((t, i) => rules[assignment[i] % ruleCount].cidrs.push(t));
                const used = rules.filter((r) => r.cidrs.length > 0);
                for (const d of decoys) {
                    used.push(
                        d.icmp
                            ? { protocol: "icmp", cidrs: ["0.0.0.0/0"], description: "ping" }
                            : { protocol: "tcp", fromPort: d.port, cidrs: ["0.0.0.0/0"], description: "decoy" },
                    );
                }
                return used
                    .map((r, i) => [order[i % order.length] + i / 1000, r] as const)
                    .sort((a, b) => a[0] - b[0])
                    .map(([, r]) => r);
            }),
    );
}

const encodingArb = fc.constantFrom(...v4Encodings);
const salt = fc.nat({ max: 1_000_000 });

function encodeAll(blocks: Block[], pick: (b: Block, i: number) => [V4Encoding, number]): string[] {
    return blocks.map((b, i) => {
        if (b.family === 6) {
            return encodeV6(b, pick(b, i)[1]);
        }
        const [encoding, s] = pick(b, i);
        return encodeV4(b, encoding, s);
    });
}

/** IPv4 blocks, re-encoded at random. */
function encodedV4(blocks: fc.Arbitrary<Block[]>, encodings: fc.Arbitrary<V4Encoding> = encodingArb): fc.Arbitrary<string[]> {
    return blocks.chain((bs) =>
        fc
            .array(fc.tuple(encodings, salt), { minLength: bs.length, maxLength: bs.length })
            .map((choices) => encodeAll(bs, (_b, i) => choices[i])),
    );
}

const picks = (max: number) => fc.array(fc.nat(), { maxLength: max });

/** A random IPv4 block (any prefix from 1 to 32), for overlaps. */
const anyV4Block: fc.Arbitrary<Block> = fc
    .tuple(fc.bigInt({ min: 0n, max: 0xffffffffn }), fc.integer({ min: 1, max: 32 }))
    .map(([v, p]) => ({ family: 4 as const, value: (v >> BigInt(32 - p)) << BigInt(32 - p), prefix: p }));

/** Sources that, together, cover the whole IPv4 Internet: /0 split, or every public block, plus overlaps. */
const wholeV4Internet: fc.Arbitrary<{ blocks: Block[]; story: string }> = fc
    .record({
        skipNonPublic: fc.subarray(nonPublicV4),
        splits: picks(14),
        overlaps: fc.array(anyV4Block, { maxLength: 3 }),
    })
    .map(({ skipNonPublic, splits, overlaps }) => {
        const base = without({ family: 4, value: 0n, prefix: 0 }, skipNonPublic);
        const pieces = split(base, splits, 6);
        return {
            blocks: [...pieces, ...overlaps],
            story: `IPv4 Internet${skipNonPublic.length ? " without non-public blocks" : ""}, split and overlapped`,
        };
    });

/** Sources that cover the whole IPv6 Internet (::/0 or 2000::/3, split), in any spelling. */
const wholeV6Internet: fc.Arbitrary<{ blocks: Block[]; story: string }> = fc
    .record({ global: fc.boolean(), splits: picks(10) })
    .map(({ global, splits }) => {
        const root: Block = global ? { family: 6, value: 0x2n << 124n, prefix: 3 } : { family: 6, value: 0n, prefix: 0 };
        return { blocks: split([root], splits, 8), story: `${global ? "2000::/3" : "::/0"} split` };
    });

/** Cases that expose SSH or RDP to the whole Internet in disguise: every one must be refused. */
export const internetExposure: fc.Arbitrary<Case> = fc
    .record({
        target: fc.constantFrom(...internetTargets),
        internet: fc.oneof({ weight: 4, arbitrary: wholeV4Internet }, { weight: 1, arbitrary: wholeV6Internet }),
    })
    .chain(({ target, internet }) =>
        rulesArbitrary(target, encodedV4(fc.constant(internet.blocks))).map((rules) => ({ target, rules, story: internet.story })),
    );

/** Sources that hide at least one public block among private ones, for SMB and NFS: every one must be refused. */
export const publicAmongPrivate: fc.Arbitrary<Case> = fc
    .record({
        target: fc.constantFrom(...privateOnlyTargets),
        private: fc.array(fc.tuple(fc.constantFrom(...privateV4), picks(3)), { maxLength: 3 }),
        public: fc.oneof(
            fc.constantFrom("198.51.100.0/24", "203.0.113.7/32", "8.8.8.0/24", "0.0.0.0/0", "128.0.0.0/1", "11.0.0.0/8").map(v4),
            anyV4Block.filter((b) => !privateV4.some((p) => contains(p, b))),
        ),
    })
    .chain(({ target, private: priv, public: pub }) => {
        const blocks = [...priv.flatMap(([b, s]) => split([b], s, 4)), pub];
        return rulesArbitrary(target, encodedV4(fc.constant(blocks))).map((rules) => ({
            target,
            rules,
            story: `public ${dotted(pub.value)}/${pub.prefix} among private ranges`,
        }));
    });

/** The whole IPv4 space split, with one piece that holds public addresses left out: SSH or RDP from it must pass. */
export const internetWithAHole: fc.Arbitrary<Case> = fc
    .record({ target: fc.constantFrom(...internetTargets), splits: picks(14), hole: fc.nat() })
    .chain(({ target, splits, hole }) => {
        const pieces = split([{ family: 4, value: 0n, prefix: 0 }], [0, ...splits], 12);
        // A piece with at least one Internet address: not covered by the non-public blocks together.
        const publicPieces = pieces.filter((p) => without(p, nonPublicV4).length > 0);
        const dropped = publicPieces[hole % publicPieces.length];
        const kept = pieces.filter((p) => p !== dropped);
        // Public sources on every port would rightly expose SMB and NFS: the rules open the target's port only.
        return rulesArbitrary(target, encodedV4(fc.constant(kept)), false).map((rules) => ({
            target,
            rules,
            story: `IPv4 without ${dotted(dropped.value)}/${dropped.prefix}`,
        }));
    });

/** Private ranges split and re-encoded in the IPv6 forms that stand for the IPv4 address itself: SMB or NFS from them must pass. */
export const privateOnly: fc.Arbitrary<Case> = fc
    .record({
        target: fc.constantFrom(...privateOnlyTargets),
        blocks: fc.array(fc.tuple(fc.constantFrom(...privateV4), picks(4)), { minLength: 1, maxLength: 3 }),
    })
    .chain(({ target, blocks }) => {
        const pieces = blocks.flatMap(([b, s]) => split([b], s, 6));
        return rulesArbitrary(
            target,
            encodedV4(fc.constant(pieces), fc.constantFrom("plain", "mapped", "mapped-dotted", "siit", "nat64", "compatible")),
        ).map((rules) => ({ target, rules, story: "private ranges only" }));
    });
