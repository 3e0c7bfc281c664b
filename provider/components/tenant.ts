// The tenant: region, subscribed AZs, SecNumCloud flag, console allow-list and contacts.
// Convention 3.2 (tenant, AZ, region), 7.4.1 (fixed IPs declared for console access, at least
// one), 8.1 (SLAs 1, 2 and 4 need two AZs). The tenant is ordered, not created: this component
// is a validated declaration that other components and the policy pack read.
import * as pulumi from "@pulumi/pulumi";
import {
    assertAvailabilityZones,
    assertRegion,
    AvailabilityZoneId,
    CatalogError,
    parseCidr,
    RegionId,
    show,
    SlaEligibility,
    slaEligibility,
} from "../catalog";
import { AvailabilityZonesInfo, TenantInfo } from "../resources/args";
import { componentTokens } from "../resources/tokens";
import {
    checkedLookup,
    ComponentReporter,
    componentError,
    requireArray,
    requireBoolean,
    requireInteger,
    requireString,
    validated,
} from "./internal/errors";
import { lookupTenant } from "./internal/lookups";

export interface TenantContact {
    name: string;
    email: string;
    /** e.g. "security", "technical", "billing". */
    role?: string;
    phone?: string;
}

export interface TenantArgs {
    /** Region of the tenant; only "FR1" exists. */
    region: string;
    /** The AZs the tenant subscribed to, e.g. ["AZ05", "AZ06"]. */
    availabilityZones: string[];
    /** SecNumCloud tenant (the API's `snc` flag). */
    snc: boolean;
    /** Public egress ranges allowed on the console and API (CIDRs); at least one, never 0.0.0.0/0. */
    consoleAuthorizedIps: string[];
    /** Widest acceptable IPv4 range, e.g. 24: nothing wider than /24. Default 24. */
    maxConsoleIpPrefix?: number;
    /** Widest acceptable IPv6 range. Default 56. */
    maxConsoleIpv6Prefix?: number;
    contacts: TenantContact[];
    /**
     * Checks the declaration against the tenant the provider's credentials belong to (its SNC flag
     * and the AZs it has), so a program fails at preview when it declares an AZ the tenant lacks.
     * Default true; false for a pure declaration with no provider configured.
     */
    verify?: boolean;
}

/** The validated inputs, as registered on the component (the policy pack matches these names). */
export interface TenantProps {
    region: RegionId;
    availabilityZones: AvailabilityZoneId[];
    snc: boolean;
    consoleAuthorizedIps: string[];
    maxConsoleIpPrefix: number;
    maxConsoleIpv6Prefix: number;
    contacts: TenantContact[];
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates tenant inputs; throws a CatalogError naming the field. */
export function validateTenantArgs(args: TenantArgs): TenantProps {
    const region = assertRegion(args.region, "region");
    const availabilityZones = assertAvailabilityZones(args.availabilityZones, "availabilityZones", 1);
    const snc = requireBoolean(args.snc, "snc");
    if (args.verify !== undefined) {
        requireBoolean(args.verify, "verify");
    }
    const maxConsoleIpPrefix = requireInteger(args.maxConsoleIpPrefix ?? 24, "maxConsoleIpPrefix", 8, 32);
    const maxConsoleIpv6Prefix = requireInteger(args.maxConsoleIpv6Prefix ?? 56, "maxConsoleIpv6Prefix", 16, 128);
    const ips = requireArray(args.consoleAuthorizedIps, "consoleAuthorizedIps", 1).map((value, i) => {
        const field = `consoleAuthorizedIps[${i}]`;
        const cidr = parseCidr(value, field);
        const widest = cidr.family === "ipv4" ? maxConsoleIpPrefix : maxConsoleIpv6Prefix;
        if (cidr.prefix === 0) {
            throw new CatalogError(field, {
                fr: `${cidr.text} ouvrirait la console à tout Internet ; déclarer les adresses de sortie de l'entreprise.`,
                en: `${cidr.text} would open the console to the whole Internet; declare the company's egress addresses.`,
            });
        }
        if (cidr.prefix < widest) {
            throw new CatalogError(field, {
                fr: `${cidr.text} est plus large que le /${widest} accepté (maxConsoleIp${cidr.family === "ipv4" ? "" : "v6"}Prefix).`,
                en: `${cidr.text} is wider than the accepted /${widest} (maxConsoleIp${cidr.family === "ipv4" ? "" : "v6"}Prefix).`,
            });
        }
        return cidr.text;
    });
    const duplicate = ips.find((ip, i) => ips.indexOf(ip) !== i);
    if (duplicate) {
        throw new CatalogError("consoleAuthorizedIps", { fr: `${duplicate} apparaît deux fois.`, en: `${duplicate} appears twice.` });
    }
    const contacts = requireArray(args.contacts, "contacts", 1).map((value, i) => {
        const contact = (value ?? {}) as Partial<TenantContact>;
        const email = requireString(contact.email, `contacts[${i}].email`);
        if (!emailPattern.test(email)) {
            throw new CatalogError(`contacts[${i}].email`, {
                fr: `adresse électronique invalide ${show(email)}.`,
                en: `invalid e-mail address ${show(email)}.`,
            });
        }
        return {
            name: requireString(contact.name, `contacts[${i}].name`),
            email,
            ...(contact.role !== undefined ? { role: requireString(contact.role, `contacts[${i}].role`) } : {}),
            ...(contact.phone !== undefined ? { phone: requireString(contact.phone, `contacts[${i}].phone`) } : {}),
        };
    });
    return { region, availabilityZones, snc, consoleAuthorizedIps: ips, maxConsoleIpPrefix, maxConsoleIpv6Prefix, contacts };
}

function checkRealTenant(name: string, props: TenantProps, tenant: TenantInfo, zones: AvailabilityZonesInfo): string {
    const fail = (field: string, fr: string, en: string, allowed?: readonly string[]) =>
        componentError("Tenant", name, new CatalogError(field, { fr, en }, allowed));
    if (tenant.snc !== props.snc) {
        throw fail(
            "snc",
            `déclaré ${props.snc}, mais le tenant « ${tenant.name} » a snc = ${tenant.snc}.`,
            `declared ${props.snc}, but tenant "${tenant.name}" has snc = ${tenant.snc}.`,
        );
    }
    const missing = props.availabilityZones.filter((az) => !zones.names.includes(az));
    if (missing.length > 0) {
        throw fail(
            "availabilityZones",
            `le tenant « ${tenant.name} » n'a pas souscrit ${missing.join(", ")}.`,
            `tenant "${tenant.name}" did not subscribe to ${missing.join(", ")}.`,
            zones.names,
        );
    }
    return tenant.id;
}

/**
 * A Secure Temple tenant: the AZs it subscribed to, its console allow-list and contacts, and the
 * SLAs its topology can claim.
 *
 * @example
 * ```ts
 * const tenant = new Tenant("acme", {
 *     region: "FR1",
 *     availabilityZones: ["AZ05", "AZ06"],
 *     snc: true,
 *     consoleAuthorizedIps: ["203.0.113.8/29"],
 *     maxConsoleIpPrefix: 24,
 *     contacts: [{ name: "Platform team", email: "platform@acme.example", role: "technical" }],
 * });
 * export const slas = tenant.slaEligibility;
 * ```
 */
export class Tenant extends pulumi.ComponentResource {
    /** The validated inputs, readable synchronously by other components (e.g. Workload placement). */
    readonly props: TenantProps;
    declare readonly region: pulumi.Output<RegionId>;
    declare readonly availabilityZones: pulumi.Output<AvailabilityZoneId[]>;
    declare readonly snc: pulumi.Output<boolean>;
    declare readonly consoleAuthorizedIps: pulumi.Output<string[]>;
    declare readonly maxConsoleIpPrefix: pulumi.Output<number>;
    declare readonly contacts: pulumi.Output<TenantContact[]>;
    /** Which of SLAs 1-10 the tenant's AZ topology can claim, with the reason when it cannot. */
    declare readonly slaEligibility: pulumi.Output<SlaEligibility[]>;
    /** Id of the real tenant, once verified; undefined with `verify: false`. */
    declare readonly tenantId: pulumi.Output<string | undefined>;

    constructor(name: string, args: TenantArgs, opts?: pulumi.ComponentResourceOptions) {
        // Errors are the Tenant's, shown on its URN (not on its parent or the stack).
        const reporter = new ComponentReporter(componentTokens.tenant, name, opts);
        const props = validated("Tenant", name, reporter.subject, () => validateTenantArgs(args));
        super(componentTokens.tenant, name, { ...props }, opts);
        reporter.resource = this;
        this.props = props;
        const eligibility = slaEligibility({ availabilityZones: props.availabilityZones });
        this.region = pulumi.output(props.region);
        this.availabilityZones = pulumi.output(props.availabilityZones);
        this.snc = pulumi.output(props.snc);
        this.consoleAuthorizedIps = pulumi.output(props.consoleAuthorizedIps);
        this.maxConsoleIpPrefix = pulumi.output(props.maxConsoleIpPrefix);
        this.contacts = pulumi.output(props.contacts);
        this.slaEligibility = pulumi.output(eligibility);
        this.tenantId =
            args.verify === false
                ? pulumi.output(undefined)
                : checkedLookup(
                      "Tenant",
                      name,
                      lookupTenant(opts),
                      ([tenant, zones]) => checkRealTenant(name, props, tenant, zones),
                      reporter,
                  );
        if (props.availabilityZones.length < 2) {
            void pulumi.log.warn(
                `FR Le tenant n'a souscrit qu'une zone (${props.availabilityZones.join(", ")}) : les SLA 1, 2 et 4 ne s'appliquent pas (convention 8.1). / ` +
                    `EN The tenant subscribed to one zone only (${props.availabilityZones.join(", ")}): SLAs 1, 2 and 4 do not apply (convention 8.1).`,
                this,
            );
        }
        this.registerOutputs({ ...props, slaEligibility: eligibility, tenantId: this.tenantId });
    }
}
