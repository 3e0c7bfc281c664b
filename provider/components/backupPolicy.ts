// A reference to one of the tenant's backup policies, resolved by name through the provider.
// Policies are created by the provider on request (support ticket), so this component only looks
// one up: its id, the site/AZ where copies are kept, its status. Convention 7.2.6 (backups outside
// the workload's AZ), 7.3.3 ("no backup" exposes to permanent data loss), 8.5/9.5.
import * as pulumi from "@pulumi/pulumi";
import {
    azBySite,
    AvailabilityZoneId,
    CatalogError,
    heldPolicyRefused,
    isAvailabilityZone,
    isNoBackupPolicyName,
    noBackupNeedsReason,
    noBackupPolicyName,
} from "../catalog";
import { BackupPolicyInfo } from "../resources/args";
import { componentTokens } from "../resources/tokens";
import { checkedLookup, ComponentReporter, componentError, requireString, validated } from "./internal/errors";
import { lookupBackupPolicy } from "./internal/lookups";

/** The name of the policy that keeps no copy. */
export { noBackupPolicyName };

export interface BackupPolicyArgs {
    /** Name of the tenant's policy, e.g. "sla001-daily-th3s", or "nobackup". */
    policyName: string;
    /** Required with "nobackup": why this data may be lost for good (section 7.3.3). */
    noBackupAcknowledgement?: { reason: string };
}

export interface BackupPolicyProps {
    policyName: string;
    noBackupAcknowledgement?: { reason: string };
}

export function validateBackupPolicyArgs(args: BackupPolicyArgs): BackupPolicyProps {
    const policyName = requireString(args.policyName, "policyName");
    const isNoBackup = isNoBackupPolicyName(policyName);
    if (isNoBackup && args.noBackupAcknowledgement === undefined) {
        throw new CatalogError("noBackupAcknowledgement", noBackupNeedsReason("noBackupAcknowledgement: { reason }"));
    }
    if (!isNoBackup && args.noBackupAcknowledgement !== undefined) {
        throw new CatalogError("noBackupAcknowledgement", {
            fr: `n'a de sens qu'avec la politique « nobackup », pas « ${policyName} ».`,
            en: `only makes sense with the "nobackup" policy, not "${policyName}".`,
        });
    }
    const reason =
        args.noBackupAcknowledgement === undefined
            ? undefined
            : requireString(args.noBackupAcknowledgement?.reason, "noBackupAcknowledgement.reason");
    return { policyName, ...(reason ? { noBackupAcknowledgement: { reason } } : {}) };
}

/** What the lookup resolved, as the component exposes it. */
export interface ResolvedBackupPolicy {
    id: string;
    policyName: string;
    /** Site where the copies are kept; "" for nobackup. */
    site: string;
    /** AZ of that site; undefined for nobackup. */
    availabilityZone?: AvailabilityZoneId;
    status: string;
    noBackup: boolean;
    noBackupReason?: string;
}

/**
 * One of the tenant's backup policies, looked up by name. Fails when the tenant has no such
 * policy or when it is HELD (a held policy cannot be assigned and stops its VMs from starting).
 *
 * @example
 * ```ts
 * const daily = new BackupPolicy("daily-th3s", { policyName: "sla001-daily-th3s" });
 * const none = new BackupPolicy("scratch", {
 *     policyName: "nobackup",
 *     noBackupAcknowledgement: { reason: "Rebuilt from the image in 5 minutes; holds no data" },
 * });
 * ```
 */
export class BackupPolicy extends pulumi.ComponentResource {
    readonly props: BackupPolicyProps;
    /** Whether this is the "nobackup" policy, known at construction. */
    readonly isNoBackup: boolean;
    declare readonly policyName: pulumi.Output<string>;
    declare readonly policyId: pulumi.Output<string>;
    declare readonly site: pulumi.Output<string>;
    declare readonly availabilityZone: pulumi.Output<AvailabilityZoneId | undefined>;
    declare readonly status: pulumi.Output<string>;
    /** Everything the lookup resolved, checked. */
    declare readonly resolved: pulumi.Output<ResolvedBackupPolicy>;

    constructor(name: string, args: BackupPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        // Errors are filed under this component's URN, not its parent's.
        const reporter = new ComponentReporter(componentTokens.backupPolicy, name, opts);
        const props = validated("BackupPolicy", name, reporter.subject, () => validateBackupPolicyArgs(args));
        const resolved = checkedLookup(
            "BackupPolicy",
            name,
            lookupBackupPolicy(props.policyName, opts),
            (found) => checkPolicy(name, props, found),
            reporter,
        );
        const site = resolved.apply((r) => r.site);
        const availabilityZone = resolved.apply((r) => r.availabilityZone);
        const status = resolved.apply((r) => r.status);
        super(componentTokens.backupPolicy, name, { name, ...props, site, availabilityZone, status }, opts);
        reporter.resource = this;
        this.props = props;
        this.isNoBackup = isNoBackupPolicyName(props.policyName);
        this.resolved = resolved;
        this.policyName = pulumi.output(props.policyName);
        this.policyId = resolved.apply((r) => r.id);
        this.site = site;
        this.availabilityZone = availabilityZone;
        this.status = status;
        this.registerOutputs({ policyId: this.policyId, site, availabilityZone, status });
    }
}

function checkPolicy(name: string, props: BackupPolicyProps, found: BackupPolicyInfo): ResolvedBackupPolicy {
    if (!found || typeof found.id !== "string") {
        throw componentError(
            "BackupPolicy",
            name,
            new CatalogError("policyName", {
                fr: `le tenant n'a pas de politique « ${props.policyName} ».`,
                en: `the tenant has no policy "${props.policyName}".`,
            }),
        );
    }
    const noBackup = isNoBackupPolicyName(props.policyName);
    if (found.status === "HELD") {
        throw componentError("BackupPolicy", name, new CatalogError("policyName", heldPolicyRefused(found.name)));
    }
    const site = found.site ?? "";
    const zone = found.availabilityZone && isAvailabilityZone(found.availabilityZone) ? found.availabilityZone : azBySite(site);
    if (!noBackup && !zone) {
        throw componentError(
            "BackupPolicy",
            name,
            new CatalogError("policyName", {
                fr: `la politique « ${found.name} » ne dit pas où ses copies sont gardées (site ${JSON.stringify(site)}).`,
                en: `policy "${found.name}" does not say where its copies are kept (site ${JSON.stringify(site)}).`,
            }),
        );
    }
    return {
        id: found.id,
        policyName: found.name,
        site,
        ...(zone ? { availabilityZone: zone } : {}),
        status: found.status,
        noBackup,
        ...(props.noBackupAcknowledgement ? { noBackupReason: props.noBackupAcknowledgement.reason } : {}),
    };
}
