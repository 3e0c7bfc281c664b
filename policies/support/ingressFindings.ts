// Reads a security group's ingress rules from its properties (unknown-safe) and words what the
// catalogue's shared analysis (provider/catalog/exposure.ts) finds in them: each rule alone, the
// sources of a rule together, and several rules together, as the SecurityGroup component judges.
import {
    addressText,
    Bilingual,
    CatalogError,
    Cidr,
    embeddedIpv4Text,
    everyPortTogether,
    Exposure,
    ExposureRule,
    ExposureSettings,
    ingressExposures,
    parseCidr,
} from "../../provider/catalog";
import type { SecurityRulesConfig } from "./securityRules";
import { isText, plain, read, readNumber, readString, readStrings, UNKNOWN } from "./values";

export interface RuleFinding {
    ruleIndex: number;
    description: string;
    exception?: string;
    message: Bilingual;
}

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

// Keyed by the settings' own arrays: the defaults (and a pipeline's configuration) keep their
// identity from call to call, so the trusted ranges are parsed, and their answers cached, once.
const settingsCache = new WeakMap<readonly string[], WeakMap<object, ExposureSettings>>();

/** The configuration as the shared analysis reads it; a malformed trusted range is refused by the schema and skipped here. */
function settingsOf(config: SecurityRulesConfig): ExposureSettings {
    let byPorts = settingsCache.get(config.trustedCidrs);
    if (!byPorts) {
        byPorts = new WeakMap();
        settingsCache.set(config.trustedCidrs, byPorts);
    }
    let settings = byPorts.get(config.forbiddenPorts);
    if (!settings) {
        const trusted: Cidr[] = [];
        for (const c of config.trustedCidrs) {
            try {
                trusted.push(cachedCidr(c));
            } catch {
                // skipped: see above
            }
        }
        settings = { ports: config.forbiddenPorts, trusted };
        byPorts.set(config.forbiddenPorts, settings);
    }
    return settings;
}

/** An ingress rule read from the properties, with what the messages name it by. */
interface ReadRule extends ExposureRule {
    index: number;
    description: string;
    exception?: string;
    label: Bilingual;
    /** Messages for the sources that are not CIDRs (left out of `sources`). */
    invalid: Bilingual[];
}

/** The known parts of one ingress rule; undefined when its protocol, ports or source list is unknown. */
function readRule(rule: unknown, index: number): ReadRule | undefined {
    const protocol = readString(rule, "protocol");
    if (protocol === UNKNOWN || protocol === undefined) {
        return undefined;
    }
    const proto = protocol.toLowerCase();
    if (proto === "icmp") {
        return undefined;
    }
    let from = readNumber(rule, "fromPort");
    let to = readNumber(rule, "toPort");
    if (proto === "all") {
        from = 0;
        to = 65535;
    }
    if (from === UNKNOWN || to === UNKNOWN) {
        return undefined;
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
        return undefined;
    }
    const descriptionValue = readString(rule, "description");
    const description = isText(descriptionValue) ? descriptionValue : `#${index + 1}`;
    const exceptionObject = read(rule, "exception");
    const exceptionReason =
        exceptionObject !== UNKNOWN && exceptionObject !== undefined ? readString(exceptionObject, "reason") : undefined;
    const exception = isText(exceptionReason) ? exceptionReason : undefined;
    const label = {
        fr: `la règle entrante « ${description} » (${proto} ${from}-${to})`,
        en: `the ingress rule "${description}" (${proto} ${from}-${to})`,
    };
    const sources: Cidr[] = [];
    const invalid: Bilingual[] = [];
    for (const text of cidrs) {
        if (text === UNKNOWN) {
            continue;
        }
        try {
            sources.push(cachedCidr(text));
        } catch (e) {
            const err = e as CatalogError;
            invalid.push({
                fr: `${label.fr} a une source invalide : ${err.fr ?? err.message}`,
                en: `${label.en} has an invalid source: ${err.en ?? err.message}`,
            });
        }
    }
    return {
        index,
        protocol: proto,
        fromPort: from,
        toPort: to,
        sources,
        excepted: exception !== undefined,
        description,
        exception,
        label,
        invalid,
    };
}

const allPortsLabel = { fr: "tous les ports", en: "every port" };

/** A source as messages show it, with the IPv4 range that an embedding IPv6 form stands for. */
function sourceText(cidr: Cidr): string {
    const v4 = embeddedIpv4Text(cidr);
    return v4 ? `${cidr.text} (IPv4 ${v4})` : cidr.text;
}

function exposureMessage(e: Exposure, rules: readonly ReadRule[]): Bilingual {
    const { port } = e;
    const scope =
        port.exposure === "internet"
            ? { fr: "à tout Internet", en: "to the whole Internet" }
            : { fr: "hors des plages privées de confiance", en: "outside the trusted private ranges" };
    const what = `${port.service} (port ${port.port})`;
    const from = e.sources.map(sourceText).join(", ");
    if (e.scope === "group") {
        const labels = e.rules.map((i) => rules[i].label);
        return {
            fr: `les règles entrantes ${labels.map((l) => l.fr.replace(/^la règle entrante /, "")).join(", ")} exposent ensemble ${what} ${scope.fr} depuis ${from}.`,
            en: `the ingress rules ${labels.map((l) => l.en.replace(/^the ingress rule /, "")).join(", ")} together expose ${what} ${scope.en} from ${from}.`,
        };
    }
    const rule = rules[e.rules[0]];
    const together = e.scope === "rule" ? { fr: " réunies", en: " together" } : { fr: "", en: "" };
    return {
        fr: `${rule.label.fr} expose ${what} ${scope.fr} depuis ${from}${together.fr}.`,
        en: `${rule.label.en} exposes ${what} ${scope.en} from ${from}${together.en}.`,
    };
}

/** Findings for the ingress rules of a security group's properties, judged one by one and together. */
export function ingressFindings(groupProps: unknown, config: SecurityRulesConfig): RuleFinding[] {
    const list = read(plain(groupProps), "ingress");
    if (!Array.isArray(list)) {
        return [];
    }
    const findings: RuleFinding[] = [];
    const rules: ReadRule[] = [];
    list.forEach((value, index) => {
        const rule = readRule(value, index);
        if (!rule) {
            return;
        }
        const push = (message: Bilingual) =>
            findings.push({ ruleIndex: index, description: rule.description, exception: rule.exception, message });
        if (!config.allowAllPorts && rule.fromPort <= 1 && rule.toPort >= 65535) {
            const from = rule.sources.map((c) => c.text).join(", ") || "?";
            push({
                fr: `${rule.label.fr} ouvre ${allPortsLabel.fr} depuis ${from}.`,
                en: `${rule.label.en} opens ${allPortsLabel.en} from ${from}.`,
            });
        }
        rule.invalid.forEach(push);
        rules.push(rule);
    });
    const byPosition = (e: { rules: number[] }) => e.rules.map((i) => rules[i]);
    for (const e of ingressExposures(rules, settingsOf(config))) {
        const involved = byPosition(e);
        const reasons = involved.filter((r) => r.exception !== undefined).map((r) => r.exception);
        findings.push({
            ruleIndex: involved[0].index,
            description: involved[0].description,
            exception: e.excepted ? reasons.join("; ") : undefined,
            message: exposureMessage(e, rules),
        });
    }
    const spread = config.allowAllPorts ? undefined : everyPortTogether(rules);
    if (spread) {
        const involved = byPosition(spread);
        const labels = involved.map((r) => r.label);
        const address = addressText(spread.address);
        findings.push({
            ruleIndex: involved[0].index,
            description: involved[0].description,
            message: {
                fr: `les règles entrantes ${labels.map((l) => l.fr.replace(/^la règle entrante /, "")).join(", ")} ouvrent ensemble ${allPortsLabel.fr} ${spread.protocol} depuis ${address}.`,
                en: `the ingress rules ${labels.map((l) => l.en.replace(/^the ingress rule /, "")).join(", ")} together open every ${spread.protocol} port from ${address}.`,
            },
        });
    }
    return findings;
}
