// A host cluster ("Cpool") of blades of one model in one AZ, ordered by the tenant and looked up
// by name. Convention 7.2.3 (blades dedicated to the tenant, per AZ, model from the catalogue);
// cluster rules: one model per cluster, at most 32 hosts, 2 at least for HA and SLA 1, memory use
// at most 85 %.
import * as pulumi from "@pulumi/pulumi";
import {
    assertAvailabilityZone,
    assertBladeModel,
    assertHostCount,
    AvailabilityZoneId,
    BladeModelId,
    CatalogError,
    clusterCores,
    clusterRules,
    isAvailabilityZone,
    parseBladeModel,
    usableClusterRamGib,
} from "../catalog";
import { HostClusterInfo } from "../resources/args";
import { componentTokens } from "../resources/tokens";
import { checkedLookup, ComponentReporter, componentError, requireString, validated } from "./internal/errors";
import { lookupHostCluster } from "./internal/lookups";

export interface ClusterArgs {
    /** Name of the host cluster in the tenant, e.g. "clu001-az05-standard". */
    name: string;
    availabilityZone: string;
    /** Blade model: ECO, STANDARD, ADVANCE, PERF1-PERF4 (v3). */
    bladeModel: string;
    hostCount: number;
}

export interface ClusterProps {
    name: string;
    availabilityZone: AvailabilityZoneId;
    bladeModel: BladeModelId;
    hostCount: number;
}

export function validateClusterArgs(args: ClusterArgs): ClusterProps {
    return {
        name: requireString(args.name, "name"),
        availabilityZone: assertAvailabilityZone(args.availabilityZone, "availabilityZone"),
        bladeModel: assertBladeModel(args.bladeModel, "bladeModel"),
        hostCount: assertHostCount(args.hostCount, "hostCount"),
    };
}

function checkHostCluster(resourceName: string, props: ClusterProps, found: HostClusterInfo): HostClusterInfo {
    const fail = (field: string, fr: string, en: string) => componentError("Cluster", resourceName, new CatalogError(field, { fr, en }));
    if (!found || typeof found.id !== "string") {
        throw fail("name", `le tenant n'a pas de cluster d'hôtes « ${props.name} ».`, `the tenant has no host cluster "${props.name}".`);
    }
    if (!isAvailabilityZone(found.availabilityZone) || found.availabilityZone !== props.availabilityZone) {
        throw fail(
            "availabilityZone",
            `le cluster « ${props.name} » est en ${found.availabilityZone}, pas en ${props.availabilityZone}.`,
            `cluster "${props.name}" is in ${found.availabilityZone}, not in ${props.availabilityZone}.`,
        );
    }
    const model = parseBladeModel(String(found.bladeModel));
    if (model !== props.bladeModel) {
        throw fail(
            "bladeModel",
            `le cluster « ${props.name} » a des lames ${found.bladeModel}, pas ${props.bladeModel}.`,
            `cluster "${props.name}" has ${found.bladeModel} blades, not ${props.bladeModel}.`,
        );
    }
    if (typeof found.hostCount === "number" && found.hostCount < props.hostCount) {
        throw fail(
            "hostCount",
            `le cluster « ${props.name} » n'a que ${found.hostCount} hôte(s), ${props.hostCount} déclaré(s).`,
            `cluster "${props.name}" has only ${found.hostCount} host(s), ${props.hostCount} declared.`,
        );
    }
    return found;
}

/**
 * A host cluster of the tenant: checked against the catalogue, looked up by name, and exposing its
 * capacity. Workloads reserve RAM on it, so over-commitment fails at construction.
 *
 * @example
 * ```ts
 * const az05 = new Cluster("az05", { name: "clu001-az05-standard", availabilityZone: "AZ05", bladeModel: "STANDARD", hostCount: 3 });
 * export const ram = az05.usableRamGib; // 3 x 384 GiB x 85 %
 * ```
 */
export class Cluster extends pulumi.ComponentResource {
    readonly props: ClusterProps;
    /** RAM (GiB) VMs may use at the 85 % rule, known at construction. */
    readonly capacityRamGib: number;
    declare readonly availabilityZone: pulumi.Output<AvailabilityZoneId>;
    declare readonly cores: pulumi.Output<number>;
    declare readonly usableRamGib: pulumi.Output<number>;
    declare readonly hostClusterId: pulumi.Output<string>;
    declare readonly datacenterId: pulumi.Output<string>;
    private reservedGib = 0;

    constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        // Errors are filed under this component's URN, not its parent's.
        const reporter = new ComponentReporter(componentTokens.cluster, name, opts);
        const props = validated("Cluster", name, reporter.subject, () => validateClusterArgs(args));
        const found = checkedLookup(
            "Cluster",
            name,
            lookupHostCluster(props.name, opts),
            (info) => checkHostCluster(name, props, info),
            reporter,
        );
        super(componentTokens.cluster, name, { ...props }, opts);
        reporter.resource = this;
        this.props = props;
        this.capacityRamGib = usableClusterRamGib(props.bladeModel, props.hostCount);
        this.availabilityZone = pulumi.output(props.availabilityZone);
        this.cores = pulumi.output(clusterCores(props.bladeModel, props.hostCount));
        this.usableRamGib = pulumi.output(this.capacityRamGib);
        this.hostClusterId = found.apply((f) => f.id);
        this.datacenterId = found.apply((f) => f.datacenterId);
        if (props.hostCount < clusterRules.haMinimumHosts) {
            void pulumi.log.warn(
                `FR Cluster « ${props.name} » : ${props.hostCount} hôte, pas de HA ni de SLA 1 (2 hôtes au moins). / EN Cluster "${props.name}": ${props.hostCount} host, no HA and no SLA 1 (2 hosts at least).`,
                this,
            );
        }
        this.registerOutputs({
            cores: this.cores,
            usableRamGib: this.usableRamGib,
            hostClusterId: this.hostClusterId,
            datacenterId: this.datacenterId,
        });
    }

    /** RAM (GiB) not yet reserved by workloads declared in this program. */
    get freeRamGib(): number {
        return this.capacityRamGib - this.reservedGib;
    }

    /** Reserves RAM for VMs; false (and nothing reserved) when it does not fit. */
    reserveRam(gibToReserve: number): boolean {
        if (gibToReserve > this.freeRamGib) {
            return false;
        }
        this.reservedGib += gibToReserve;
        return true;
    }

    /** Gives back RAM reserved by `reserveRam`. */
    releaseRam(gibToRelease: number): void {
        this.reservedGib = Math.max(0, this.reservedGib - gibToRelease);
    }
}
