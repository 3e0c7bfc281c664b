// Declared network rules. The API has no security groups yet (VPC micro-segmentation is announced),
// so this is a validated declaration exposed as outputs for the policy pack and for export.
// Convention 8.1 (remarks): never SSH 22 / RDP 3389 from the whole Internet, never SMB 445 / NFS
// 2049 (TCP and UDP) from outside private ranges, unless an exception states why.
import * as pulumi from "@pulumi/pulumi";
import {
    assertPort,
    assertRuleProtocol,
    CatalogError,
    isForbiddenExposure,
    parseCidr,
    RuleProtocol,
    sensitivePortsOpened,
} from "../catalog";
import { componentTokens } from "../resources/tokens";
import { requireArray, requireString, validated } from "./internal/errors";

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

function validateRule(value: unknown, field: string, direction: "ingress" | "egress"): NormalisedRule {
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
    const exception = rule.exception === undefined ? undefined : { reason: requireString(rule.exception?.reason, `${field}.exception.reason`) };
    if (direction === "ingress" && !exception) {
        for (const port of sensitivePortsOpened(protocol, fromPort, toPort)) {
            const offending = cidrs.find((cidr) => isForbiddenExposure(port, cidr));
            if (offending) {
                const what = port.exposure === "internet" ? { fr: "à tout Internet", en: "to the whole Internet" } : { fr: "hors des plages privées", en: "outside private ranges" };
                throw new CatalogError(`${field}.cidrs`, {
                    fr: `la règle ouvre ${port.service} (port ${port.port}) ${what.fr} via ${offending.text} (convention 8.1) ; restreindre les sources ou ajouter exception: { reason } pour l'assumer.`,
                    en: `the rule opens ${port.service} (port ${port.port}) ${what.en} via ${offending.text} (convention 8.1); narrow the sources or add exception: { reason } to accept it.`,
                });
            }
        }
    }
    return {
        protocol,
        fromPort,
        toPort,
        cidrs: cidrs.map((c) => c.text),
        ...(rule.description !== undefined ? { description: requireString(rule.description, `${field}.description`) } : {}),
        ...(exception ? { exception } : {}),
    };
}

export interface SecurityGroupProps {
    description?: string;
    ingress: NormalisedRule[];
    egress: NormalisedRule[];
}

/** Validates the rules; throws a CatalogError naming the rule and field. */
export function validateSecurityGroupArgs(args: SecurityGroupArgs): SecurityGroupProps {
    const ingress = requireArray(args.ingress ?? [], "ingress").map((r, i) => validateRule(r, `ingress[${i}]`, "ingress"));
    const egress = requireArray(args.egress ?? [], "egress").map((r, i) => validateRule(r, `egress[${i}]`, "egress"));
    return { ...(args.description !== undefined ? { description: requireString(args.description, "description") } : {}), ingress, egress };
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
        const props = validated("SecurityGroup", name, opts?.parent, () => validateSecurityGroupArgs(args));
        super(componentTokens.securityGroup, name, { name, ...props }, opts);
        this.props = props;
        const exceptions = (["ingress", "egress"] as const).flatMap((direction) =>
            props[direction].flatMap((rule, index) => (rule.exception ? [{ direction, index, reason: rule.exception.reason }] : [])),
        );
        this.ingress = pulumi.output(props.ingress);
        this.egress = pulumi.output(props.egress);
        this.exceptions = pulumi.output(exceptions);
        for (const e of exceptions) {
            void pulumi.log.warn(`FR Exception acceptée sur ${e.direction}[${e.index}] : ${e.reason} / EN Exception accepted on ${e.direction}[${e.index}]: ${e.reason}`, this);
        }
        this.registerOutputs({ ingress: props.ingress, egress: props.egress, exceptions });
    }
}
