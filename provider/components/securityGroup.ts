// Declared network rules. The API has no security groups yet (VPC micro-segmentation is announced),
// so this is a validated declaration exposed as outputs for the policy pack and for export.
// Convention 8.1 (remarks): never SSH 22 / RDP 3389 from the whole Internet, never SMB 445 / NFS
// 2049 (TCP and UDP) from outside private ranges, unless an exception states why.
import * as pulumi from "@pulumi/pulumi";
import {
    assertPort,
    assertRuleProtocol,
    bilingual,
    CatalogError,
    Cidr,
    citeSection,
    embeddedIpv4Text,
    Exposure,
    ingressExposures,
    parseCidr,
    privateRanges,
    RuleProtocol,
    sensitivePorts,
} from "../catalog";
import { componentTokens } from "../resources/tokens";
import { ComponentReporter, requireArray, requireString, validated } from "./internal/errors";

export interface SecurityGroupRule {
    protocol: RuleProtocol;
    /** First port of the range (TCP/UDP); ignored for "icmp" and "all" (every port). */
    fromPort?: number;
    /** Last port of the range; defaults to `fromPort`. */
    toPort?: number;
    /** Sources (ingress) or destinations (egress), as CIDRs. */
    cidrs: string[];
    description?: string;
    /** Allows a rule the convention advises against; the reason is kept in the state for audit. */
    exception?: { reason: string };
}

export interface SecurityGroupArgs {
    description?: string;
    ingress?: SecurityGroupRule[];
    egress?: SecurityGroupRule[];
}

/** A rule after validation: CIDRs canonical, port range explicit. */
export interface NormalisedRule {
    protocol: RuleProtocol;
    fromPort: number;
    toPort: number;
    cidrs: string[];
    description?: string;
    exception?: { reason: string };
}

/** A rule after validation, with its sources parsed for the exposure analysis. */
interface CheckedRule {
    rule: NormalisedRule;
    sources: Cidr[];
}

function validateRule(value: unknown, field: string): CheckedRule {
    const rule = (value ?? {}) as Partial<SecurityGroupRule>;
    const protocol = assertRuleProtocol(rule.protocol, `${field}.protocol`);
    let fromPort = 0;
    let toPort = 65535;
    if (protocol === "tcp" || protocol === "udp") {
        fromPort = assertPort(rule.fromPort, `${field}.fromPort`);
        toPort = rule.toPort === undefined ? fromPort : assertPort(rule.toPort, `${field}.toPort`);
        if (fromPort > toPort) {
            throw new CatalogError(`${field}.toPort`, {
                fr: `la plage de ports ${fromPort}-${toPort} est inversée : toPort doit être >= fromPort.`,
                en: `port range ${fromPort}-${toPort} is reversed: toPort must be >= fromPort.`,
            });
        }
    }
    const cidrs = requireArray(rule.cidrs, `${field}.cidrs`, 1).map((c, i) => parseCidr(c, `${field}.cidrs[${i}]`));
    const exception =
        rule.exception === undefined ? undefined : { reason: requireString(rule.exception?.reason, `${field}.exception.reason`) };
    return {
        rule: {
            protocol,
            fromPort,
            toPort,
            cidrs: cidrs.map((c) => c.text),
            ...(rule.description !== undefined ? { description: requireString(rule.description, `${field}.description`) } : {}),
            ...(exception ? { exception } : {}),
        },
        sources: cidrs,
    };
}

let settings: { ports: typeof sensitivePorts; trusted: Cidr[] } | undefined;

/** A source as the message shows it, with the IPv4 range an embedding IPv6 form stands for. */
function sourceText(cidr: Cidr): string {
    const v4 = embeddedIpv4Text(cidr);
    return v4 ? `${cidr.text} (IPv4 ${v4})` : cidr.text;
}

/** The error for the first exposure of the ingress rules that no exception covers. */
function refuseExposure(checked: CheckedRule[]): void {
    settings ??= { ports: sensitivePorts, trusted: privateRanges.map((r) => parseCidr(r)) };
    const rules = checked.map((c) => ({ ...c.rule, sources: c.sources, excepted: c.rule.exception !== undefined }));
    const exposure: Exposure | undefined = ingressExposures(rules, settings).find((e) => !e.excepted);
    if (!exposure) {
        return;
    }
    const { port } = exposure;
    const what =
        port.exposure === "internet"
            ? { fr: "à tout Internet", en: "to the whole Internet" }
            : { fr: "hors des plages privées", en: "outside private ranges" };
    const via = exposure.sources.map(sourceText).join(", ");
    const fix = {
        fr: "restreindre les sources ou ajouter exception: { reason } pour l'assumer",
        en: "narrow the sources or add exception: { reason } to accept it",
    };
    const field = exposure.rules.map((i) => `ingress[${i}].cidrs`).join(", ");
    const subject =
        exposure.scope === "group"
            ? {
                  fr: `les règles ${exposure.rules.map((i) => `ingress[${i}]`).join(", ")} ouvrent ensemble`,
                  en: `the rules ${exposure.rules.map((i) => `ingress[${i}]`).join(", ")} together open`,
              }
            : { fr: "la règle ouvre", en: "the rule opens" };
    const together = exposure.scope === "rule" ? { fr: " réunies", en: " together" } : { fr: "", en: "" };
    const section = citeSection("8.1");
    throw new CatalogError(field, {
        fr: `${subject.fr} ${port.service} (port ${port.port}) ${what.fr} via ${via}${together.fr} (convention ${section.fr}) ; ${fix.fr}.`,
        en: `${subject.en} ${port.service} (port ${port.port}) ${what.en} via ${via}${together.en} (convention ${section.en}); ${fix.en}.`,
    });
}

export interface SecurityGroupProps {
    description?: string;
    ingress: NormalisedRule[];
    egress: NormalisedRule[];
}

/**
 * Validates the rules; throws a CatalogError naming the rule and field. Ingress rules are judged
 * on what their sources reach together (provider/catalog/exposure.ts, shared with the policy pack).
 */
export function validateSecurityGroupArgs(args: SecurityGroupArgs): SecurityGroupProps {
    const ingress = requireArray(args.ingress ?? [], "ingress").map((r, i) => validateRule(r, `ingress[${i}]`));
    const egress = requireArray(args.egress ?? [], "egress").map((r, i) => validateRule(r, `egress[${i}]`).rule);
    refuseExposure(ingress);
    return {
        ...(args.description !== undefined ? { description: requireString(args.description, "description") } : {}),
        ingress: ingress.map((c) => c.rule),
        egress,
    };
}

/**
 * A declared security group: ingress and egress rules checked against the convention's network
 * remarks. Closed by default: no rule means nothing is open.
 *
 * @example
 * ```ts
 * const web = new SecurityGroup("web", {
 *     ingress: [
 *         { protocol: "tcp", fromPort: 443, cidrs: ["0.0.0.0/0"], description: "HTTPS" },
 *         { protocol: "tcp", fromPort: 22, cidrs: ["203.0.113.8/29"], description: "SSH from the bastion" },
 *     ],
 *     egress: [{ protocol: "all", cidrs: ["10.0.0.0/8"] }],
 * });
 * ```
 */
export class SecurityGroup extends pulumi.ComponentResource {
    readonly props: SecurityGroupProps;
    declare readonly ingress: pulumi.Output<NormalisedRule[]>;
    declare readonly egress: pulumi.Output<NormalisedRule[]>;
    /** Rules kept despite the convention, with their reasons. */
    declare readonly exceptions: pulumi.Output<{ direction: "ingress" | "egress"; index: number; reason: string }[]>;

    constructor(name: string, args: SecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        // Errors are filed under this component's URN, not its parent's.
        const props = validated("SecurityGroup", name, new ComponentReporter(componentTokens.securityGroup, name, opts).subject, () =>
            validateSecurityGroupArgs(args),
        );
        super(componentTokens.securityGroup, name, { name, ...props }, opts);
        this.props = props;
        const exceptions = (["ingress", "egress"] as const).flatMap((direction) =>
            props[direction].flatMap((rule, index) => (rule.exception ? [{ direction, index, reason: rule.exception.reason }] : [])),
        );
        this.ingress = pulumi.output(props.ingress);
        this.egress = pulumi.output(props.egress);
        this.exceptions = pulumi.output(exceptions);
        for (const e of exceptions) {
            void pulumi.log.warn(
                bilingual({
                    fr: `Exception acceptée sur ${e.direction}[${e.index}] : ${e.reason}`,
                    en: `Exception accepted on ${e.direction}[${e.index}]: ${e.reason}`,
                }),
                this,
            );
        }
        this.registerOutputs({ ingress: props.ingress, egress: props.egress, exceptions });
    }
}
