// Where a VM or a disk may go, checked against the tenant's inventory: datacenter, cluster, host and
// datastore must exist and belong together, memory must fit the cluster's blades (VMs there plus work
// in flight), disks the datastore's free space. Shared by VM creates, clones, deploys, relocations
// and disk creates.
import { invalidField, ruleViolation } from "./errors";
import { bladeModels, Datacenter, Datastore, DatastoreCluster, GiB, HostCluster, MiB, VirtualDisk, VirtualMachine } from "./model";
import { Platform } from "./platform";
import { Placement } from "./requests";
import { clusterMemory, datastoreUsed } from "./views";

export interface Where {
    dc: Datacenter;
    cluster: HostCluster;
    hostId: string;
    datastore: Datastore;
    datastoreClusterId?: string;
}

/** "" and absent are the same: Go clients drop empty fields, others send them. */
export const given = (v: string | undefined): string | undefined => (v ? v : undefined);

/** A number the request gives, within bounds that depend on the tenant (a blade's RAM or threads). */
export function within(field: string, value: number, min: number, max: number, unit = ""): number {
    if (value < min || value > max) {
        throw invalidField(
            field,
            `an integer from ${min} to ${max}${unit}`,
            `le champ « ${field} » doit être un entier de ${min} à ${max}${unit} (reçu ${value})`,
            `field "${field}" must be an integer from ${min} to ${max}${unit} (got ${value})`,
        );
    }
    return value;
}

export class PlacementRules {
    constructor(private readonly p: Platform) {}

    private get store() {
        return this.p.store;
    }

    /** Datacenter, cluster, host and datastore of a placement, defaulting to `current` (an existing VM's). */
    resolve(body: Placement, current?: VirtualMachine): Where {
        const dcId = given(body.datacenterId) ?? current?.datacenterId;
        if (!dcId) {
            throw invalidField(
                "datacenterId",
                "a UUID (8-4-4-4-12 hexadecimal)",
                "le champ « datacenterId » est obligatoire",
                `field "datacenterId" is required`,
            );
        }
        const dc = this.store.get<Datacenter>("datacenter", dcId);
        if (!dc) {
            throw invalidField(
                "datacenterId",
                "the id of one of the tenant's virtual datacenters",
                `datacenter virtuel inconnu : ${dcId}`,
                `unknown virtual datacenter: ${dcId}`,
            );
        }
        const clusterId = given(body.hostClusterId) ?? current?.hostClusterId;
        if (!clusterId) {
            throw invalidField(
                "hostClusterId",
                "a UUID (8-4-4-4-12 hexadecimal)",
                "le champ « hostClusterId » est obligatoire",
                `field "hostClusterId" is required`,
            );
        }
        const cluster = this.store.get<HostCluster>("hostCluster", clusterId);
        if (!cluster) {
            throw invalidField(
                "hostClusterId",
                "the id of one of the tenant's host clusters",
                `cluster d'hôtes inconnu : ${clusterId}`,
                `unknown host cluster: ${clusterId}`,
            );
        }
        if (cluster.datacenterId !== dc.id) {
            throw invalidField(
                "hostClusterId",
                `a host cluster of datacenter ${dc.name}`,
                `le cluster ${cluster.name} n'appartient pas au datacenter ${dc.name}`,
                `host cluster ${cluster.name} is not in datacenter ${dc.name}`,
            );
        }
        // A VM that stays on its cluster keeps its host unless told otherwise.
        const hostId = given(body.hostId) ?? (current && current.hostClusterId === cluster.id ? current.hostId : cluster.hostIds[0]);
        if (!cluster.hostIds.includes(hostId)) {
            throw invalidField(
                "hostId",
                `a host of cluster ${cluster.name}`,
                `l'hôte ${hostId} n'appartient pas au cluster ${cluster.name}`,
                `host ${hostId} is not in cluster ${cluster.name}`,
            );
        }
        let datastoreId = given(body.datastoreId);
        const groupId = given(body.datastoreClusterId);
        let sdrs: string | undefined;
        if (groupId) {
            const group = this.store.get<DatastoreCluster>("datastoreCluster", groupId);
            if (!group || group.datacenterId !== dc.id) {
                throw invalidField(
                    "datastoreClusterId",
                    `a datastore cluster of datacenter ${dc.name}`,
                    `cluster de datastores inconnu dans ${dc.name} : ${groupId}`,
                    `unknown datastore cluster in ${dc.name}: ${groupId}`,
                );
            }
            // A datastore named beside the cluster wins (the Terraform provider sends the VM's
            // current cluster with a new datastore); otherwise Storage DRS picks the member with the
            // most free space.
            if (!datastoreId) {
                datastoreId = group.datastoreIds
                    .map((id) => this.store.get<Datastore>("datastore", id) as Datastore)
                    .sort((x, y) => this.free(y) - this.free(x))[0]?.id;
                sdrs = group.id;
            }
        }
        datastoreId ??= current?.datastoreId;
        if (!datastoreId) {
            throw invalidField(
                "datastoreId",
                "a datastore id (or datastoreClusterId)",
                "le champ « datastoreId » ou « datastoreClusterId » est obligatoire",
                `field "datastoreId" or "datastoreClusterId" is required`,
            );
        }
        const datastore = this.store.get<Datastore>("datastore", datastoreId);
        if (!datastore) {
            throw invalidField(
                "datastoreId",
                "the id of one of the tenant's datastores",
                `datastore inconnu : ${datastoreId}`,
                `unknown datastore: ${datastoreId}`,
            );
        }
        this.mounted(datastore, cluster, "datastoreId");
        return { dc, cluster, hostId, datastore, datastoreClusterId: sdrs ?? datastore.datastoreClusterId };
    }

    /** The datastore must be mounted on the cluster's hosts (and so be in its datacenter). */
    mounted(datastore: Datastore, cluster: HostCluster, field: string): void {
        if (datastore.datacenterId !== cluster.datacenterId || !datastore.hostClusterIds.includes(cluster.id)) {
            throw invalidField(
                field,
                `a datastore mounted on cluster ${cluster.name} (${cluster.availabilityZone})`,
                `le datastore ${datastore.name} (${datastore.availabilityZone}) n'est pas monté sur le cluster ${cluster.name} (${cluster.availabilityZone})`,
                `datastore ${datastore.name} (${datastore.availabilityZone}) is not mounted on cluster ${cluster.name} (${cluster.availabilityZone})`,
            );
        }
    }

    /** One blade's RAM: no VM can be larger. */
    bladeMemory(cluster: HostCluster): number {
        return bladeModels[cluster.bladeModel].memoryGiB * GiB;
    }

    bladeThreads(cluster: HostCluster): number {
        return bladeModels[cluster.bladeModel].threads;
    }

    /** Memory of VMs being created on or moved to the cluster, not yet there. */
    private memoryInFlight(cluster: HostCluster): number {
        const creating = this.p
            .pendingEffects("vm.create")
            .map((a) => a.vm as VirtualMachine)
            .filter((v) => v.hostClusterId === cluster.id);
        const moving = this.p
            .pendingEffects("vm.relocate")
            .flatMap((a) => a.moves as { id: string; hostClusterId: string; memory: number }[])
            .filter((m) => m.hostClusterId === cluster.id);
        return [...creating, ...moving].reduce((s, v) => s + v.memory, 0);
    }

    /** VMs on the cluster, plus work in flight towards it, plus `extra`, must fit in the blades' RAM. */
    checkCapacity(cluster: HostCluster, extra: number, field: string): void {
        const { total, used } = clusterMemory(this.store, cluster);
        const inFlight = this.memoryInFlight(cluster);
        if (used + inFlight + extra > total) {
            const free = Math.max(0, total - used - inFlight);
            throw ruleViolation(
                "CAPACITY",
                field,
                `mémoire insuffisante sur le cluster ${cluster.name} : ${Math.floor(free / MiB)} Mio libres`,
                `not enough memory on host cluster ${cluster.name}: ${Math.floor(free / MiB)} MiB free`,
            );
        }
    }

    /** Free bytes of a datastore, less disks being created or moved onto it. */
    free(ds: Datastore): number {
        const creating = this.p
            .pendingEffects("disk.create")
            .map((a) => a.disk as VirtualDisk)
            .filter((d) => d.datastoreId === ds.id)
            .reduce((s, d) => s + d.capacity, 0);
        const moving = this.p
            .pendingEffects("vm.relocate")
            .flatMap((a) => a.moves as { disks: { datastoreId: string; capacity: number }[] }[])
            .flatMap((m) => m.disks)
            .filter((d) => d.datastoreId === ds.id)
            .reduce((s, d) => s + d.capacity, 0);
        return ds.maxCapacity - datastoreUsed(this.store, ds.id) - creating - moving;
    }

    checkDatastoreSpace(ds: Datastore, extra: number, field: string): void {
        const free = this.free(ds);
        if (extra > free) {
            throw ruleViolation(
                "CAPACITY",
                field,
                `espace insuffisant sur le datastore ${ds.name} : ${Math.floor(free / GiB)} Gio libres`,
                `not enough space on datastore ${ds.name}: ${Math.floor(free / GiB)} GiB free`,
            );
        }
    }
}
