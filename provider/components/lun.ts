// A SAN LUN (a VMware datastore) of one tier in one AZ, ordered by the tenant and looked up by name.
// Convention 7.2.4 (SAN LUNs per subscribed volume, several tiers); tier figures, 500 GiB minimum
// and Global Mirror compatibility from the catalogue.
import * as pulumi from "@pulumi/pulumi";
import {
    assertAvailabilityZone,
    assertGlobalMirror,
    assertLunSize,
    assertSanTier,
    AvailabilityZoneId,
    CatalogError,
    lunIops,
    lunRules,
    lunThroughputMBps,
    parseSanTier,
    SanTierId,
} from "../catalog";
import { DatastoreInfo } from "../resources/args";
import { componentTokens } from "../resources/tokens";
import { checkedLookup, ComponentReporter, componentError, requireString, validated } from "./internal/errors";
import { gib, lookupDatastore } from "./internal/lookups";

export interface LunArgs {
    /** Name of the datastore in the tenant, e.g. "ds-az05-standard-01". */
    name: string;
    availabilityZone: string;
    /** ESSENTIAL, STANDARD, PREMIUM, ENTERPRISE, ULTRA or MASS_STORAGE. */
    tier: string;
    /** At least 500 GiB. */
    sizeGib: number;
    /** Asynchronous replication to another AZ (ESSENTIAL, STANDARD, PREMIUM only; same size and tier). */
    globalMirror?: { targetAvailabilityZone: string };
}

export interface LunProps {
    name: string;
    availabilityZone: AvailabilityZoneId;
    tier: SanTierId;
    sizeGib: number;
    globalMirror?: { targetAvailabilityZone: AvailabilityZoneId };
}

export function validateLunArgs(args: LunArgs): LunProps {
    const name = requireString(args.name, "name");
    const availabilityZone = assertAvailabilityZone(args.availabilityZone, "availabilityZone");
    const tier = assertSanTier(args.tier, "tier");
    const sizeGib = assertLunSize(args.sizeGib, tier, "sizeGib");
    let globalMirror: LunProps["globalMirror"];
    if (args.globalMirror !== undefined) {
        const target = assertAvailabilityZone(args.globalMirror?.targetAvailabilityZone, "globalMirror.targetAvailabilityZone");
        assertGlobalMirror(tier, availabilityZone, target, "globalMirror");
        globalMirror = { targetAvailabilityZone: target };
    }
    return { name, availabilityZone, tier, sizeGib, ...(globalMirror ? { globalMirror } : {}) };
}

function checkDatastore(resourceName: string, props: LunProps, found: DatastoreInfo): DatastoreInfo {
    const fail = (field: string, fr: string, en: string) => componentError("Lun", resourceName, new CatalogError(field, { fr, en }));
    if (!found || typeof found.id !== "string") {
        throw fail("name", `le tenant n'a pas de datastore « ${props.name} ».`, `the tenant has no datastore "${props.name}".`);
    }
    if (found.availabilityZone !== props.availabilityZone) {
        throw fail(
            "availabilityZone",
            `le datastore « ${props.name} » est en ${found.availabilityZone}, pas en ${props.availabilityZone}.`,
            `datastore "${props.name}" is in ${found.availabilityZone}, not in ${props.availabilityZone}.`,
        );
    }
    if (parseSanTier(String(found.tier)) !== props.tier) {
        throw fail(
            "tier",
            `le datastore « ${props.name} » est de niveau ${found.tier}, pas ${props.tier}.`,
            `datastore "${props.name}" is of tier ${found.tier}, not ${props.tier}.`,
        );
    }
    if (typeof found.capacity === "number" && found.capacity < props.sizeGib * gib) {
        const actual = Math.floor(found.capacity / gib);
        throw fail(
            "sizeGib",
            `le datastore « ${props.name} » fait ${actual} Gio, moins que les ${props.sizeGib} Gio déclarés.`,
            `datastore "${props.name}" holds ${actual} GiB, less than the ${props.sizeGib} GiB declared.`,
        );
    }
    return found;
}

/**
 * A SAN LUN of the tenant: checked against the catalogue, looked up by name, exposing its
 * guaranteed IOPS and throughput cap. Workloads reserve space on it (disks, swap, 10 % snapshots).
 *
 * @example
 * ```ts
 * const data = new Lun("az05-data", { name: "ds-az05-standard-01", availabilityZone: "AZ05", tier: "STANDARD", sizeGib: 2048,
 *     globalMirror: { targetAvailabilityZone: "AZ06" } });
 * export const iops = data.iops; // 3000
 * ```
 */
export class Lun extends pulumi.ComponentResource {
    readonly props: LunProps;
    declare readonly availabilityZone: pulumi.Output<AvailabilityZoneId>;
    declare readonly iops: pulumi.Output<number | undefined>;
    declare readonly maxThroughputMBps: pulumi.Output<number | undefined>;
    declare readonly datastoreId: pulumi.Output<string>;
    /** Free space reported by the API, in GiB. */
    declare readonly freeGib: pulumi.Output<number>;
    private reservedGib = 0;

    constructor(name: string, args: LunArgs, opts?: pulumi.ComponentResourceOptions) {
        // Errors are filed under this component's URN, not its parent's.
        const reporter = new ComponentReporter(componentTokens.lun, name, opts);
        const props = validated("Lun", name, reporter.subject, () => validateLunArgs(args));
        const found = checkedLookup("Lun", name, lookupDatastore(props.name, opts), (info) => checkDatastore(name, props, info), reporter);
        super(componentTokens.lun, name, { ...props }, opts);
        reporter.resource = this;
        this.props = props;
        this.availabilityZone = pulumi.output(props.availabilityZone);
        this.iops = pulumi.output(lunIops(props.tier, props.sizeGib));
        this.maxThroughputMBps = pulumi.output(lunThroughputMBps(props.tier));
        this.datastoreId = found.apply((f) => f.id);
        this.freeGib = found.apply((f) => Math.floor((typeof f.freeCapacity === "number" ? f.freeCapacity : f.capacity) / gib));
        this.registerOutputs({
            iops: this.iops,
            maxThroughputMBps: this.maxThroughputMBps,
            datastoreId: this.datastoreId,
            freeGib: this.freeGib,
        });
    }

    /** Space (GiB) not yet reserved by workloads of this program, keeping 10 % for backup snapshots. */
    get plannedFreeGib(): number {
        return Math.floor(this.props.sizeGib * (1 - lunRules.snapshotReserve)) - this.reservedGib;
    }

    /** Reserves space for VMs; false (and nothing reserved) when it does not fit. */
    reserve(gibToReserve: number): boolean {
        if (gibToReserve > this.plannedFreeGib) {
            return false;
        }
        this.reservedGib += gibToReserve;
        return true;
    }
}
