// Where VMs run: moves to another host, cluster or datastore (vMotion / Storage vMotion) as one
// activity, checked against the target's blades, free memory and space and what it reaches, and
// the placement recommendations asked before a power-on.
import { StoredActivity } from "../store/database";
import { Compute } from "./compute";
import { invalidField } from "./errors";
import { Datacenter, Datastore, HostCluster, Network, NetworkAdapter, VirtualDisk, VirtualMachine } from "./model";
import { given, PlacementRules } from "./placement";
import { Platform } from "./platform";
import { VmRelocate } from "./requests";
import { clusterMemory } from "./views";

/** One VM's move, as the relocate activity carries it. */
interface Move {
    id: string;
    datacenterId: string;
    hostClusterId: string;
    hostId: string;
    datastoreId: string;
    datastoreClusterId?: string;
    memory: number;
    disks: { id: string; datastoreId: string; capacity: number }[];
    adapters: { id: string; networkId: string }[];
}

export class Relocation {
    constructor(
        private readonly p: Platform,
        private readonly compute: Compute,
    ) {
        p.activities.register("vm.relocate", (args) => this.applyRelocate(args.moves as Move[]));
    }

    private get store() {
        return this.p.store;
    }

    private get placement(): PlacementRules {
        return this.compute.placement;
    }

    private vmIn(id: string, field: string): VirtualMachine {
        return this.compute.vmIn(id, field);
    }

    private networkIn(id: string, datacenterId: string, field: string): Network {
        return this.compute.networkIn(id, datacenterId, field);
    }

    recommendations(query: { virtualMachineId?: string; hostClusterId?: string }): unknown[] {
        const vm = query.virtualMachineId ? this.store.get<VirtualMachine>("vm", query.virtualMachineId) : undefined;
        const cluster = this.store.get<HostCluster>("hostCluster", query.hostClusterId ?? vm?.hostClusterId ?? "");
        if (!cluster) {
            return [];
        }
        return cluster.hostIds.slice(0, 1).map((hostId, i) => ({
            key: i + 1,
            hostClusterId: cluster.id,
            hostId,
            hostClusterName: cluster.name,
            hostName: this.store.get<{ name: string }>("host", hostId)?.name ?? "",
        }));
    }

    // ---- relocate ------------------------------------------------------------------------

    /**
     * Moves VMs to another host, cluster or datastore (vMotion / Storage vMotion) as one activity.
     * Unset fields keep the VM's current placement. The target must be the tenant's and hold the
     * VM: within its vCenter (the body names no other vCenter, so a cross-vCenter move is not
     * expressible), memory and vCPUs within the target blades and the cluster's free memory, disks
     * that move within the target datastore's free space, every disk and network left in place
     * reachable from the target cluster. A VM's disks on its home datastore move with it; others
     * stay unless `diskPlacements` moves them.
     */
    relocate(body: VmRelocate): StoredActivity {
        const moves: Move[] = [];
        const seen = new Set<string>();
        for (const [i, vmId] of body.virtualMachines.entries()) {
            if (seen.has(vmId)) {
                throw invalidField(
                    `virtualMachines[${i}]`,
                    "each virtual machine once",
                    `la machine ${vmId} est nommée deux fois`,
                    `virtual machine ${vmId} is named twice`,
                );
            }
            seen.add(vmId);
            moves.push(this.planMove(this.vmIn(vmId, `virtualMachines[${i}]`), body));
        }
        for (const [i, placement] of (body.diskPlacements ?? []).entries()) {
            if (
                !moves.some((m) => m.disks.some((d) => d.id === placement.virtualDiskId)) &&
                !this.store.get<VirtualDisk>("disk", placement.virtualDiskId)
            ) {
                throw invalidField(
                    `diskPlacements[${i}].virtualDiskId`,
                    "a disk of one of the virtual machines",
                    `disque inconnu : ${placement.virtualDiskId}`,
                    `unknown disk: ${placement.virtualDiskId}`,
                );
            }
        }
        const names = body.virtualMachines.map((id) => this.store.get<VirtualMachine>("vm", id)?.name ?? id).join(", ");
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Déplacement de ${names} / Relocate ${names}`,
            concernedItems: body.virtualMachines.map((id) => ({ id, type: "virtual_machine" })),
            effect: { op: "vm.relocate", args: { priority: body.priority ?? "defaultPriority", moves } },
        });
    }

    private planMove(vm: VirtualMachine, body: VmRelocate): Move {
        const from = this.store.get<Datacenter>("datacenter", vm.datacenterId) as Datacenter;
        const where = this.placement.resolve(body, vm);
        if (where.dc.machineManagerId !== from.machineManagerId) {
            throw invalidField(
                "datacenterId",
                `a datacenter of the virtual machine's vCenter (${from.name})`,
                `${vm.name} ne peut pas changer de vCenter (${from.name} vers ${where.dc.name}) : recréez-la dans l'autre zone`,
                `${vm.name} cannot move to another vCenter (${from.name} to ${where.dc.name}): create it again in the other zone`,
            );
        }
        const cluster = where.cluster;
        if (cluster.id !== vm.hostClusterId) {
            if (vm.memory > this.placement.bladeMemory(cluster)) {
                throw invalidField(
                    "hostClusterId",
                    `a cluster whose blades have at least ${vm.memory} bytes of memory`,
                    `${vm.name} a plus de mémoire qu'une lame du cluster ${cluster.name}`,
                    `${vm.name} has more memory than a blade of cluster ${cluster.name}`,
                );
            }
            if (vm.cpu > this.placement.bladeThreads(cluster)) {
                throw invalidField(
                    "hostClusterId",
                    `a cluster whose blades have at least ${vm.cpu} threads`,
                    `${vm.name} a ${vm.cpu} vCPU, plus que les lames du cluster ${cluster.name}`,
                    `${vm.name} has ${vm.cpu} vCPUs, more than the blades of cluster ${cluster.name}`,
                );
            }
            this.placement.checkCapacity(cluster, vm.memory, "hostClusterId");
        }
        const placements = new Map(
            (body.diskPlacements ?? [])
                .filter((d) => !given(d.virtualMachineId) || d.virtualMachineId === vm.id)
                .map((d) => [d.virtualDiskId, d]),
        );
        const disks = this.store.where<VirtualDisk>("disk", "virtualMachineId", vm.id).map((d) => {
            const placed = placements.get(d.id);
            let datastoreId = d.datastoreId === vm.datastoreId ? where.datastore.id : d.datastoreId;
            if (placed) {
                datastoreId = this.placement.resolve({
                    datacenterId: where.dc.id,
                    hostClusterId: cluster.id,
                    datastoreId: placed.datastoreId,
                    datastoreClusterId: placed.datastoreClusterId,
                }).datastore.id;
            }
            const target = this.store.get<Datastore>("datastore", datastoreId) as Datastore;
            this.placement.mounted(target, cluster, placed ? "diskPlacements" : "hostClusterId");
            return { id: d.id, datastoreId, capacity: d.capacity, moving: datastoreId !== d.datastoreId };
        });
        const incoming = new Map<string, number>();
        for (const d of disks.filter((x) => x.moving)) {
            incoming.set(d.datastoreId, (incoming.get(d.datastoreId) ?? 0) + d.capacity);
        }
        for (const [dsId, bytes] of incoming) {
            this.placement.checkDatastoreSpace(this.store.get<Datastore>("datastore", dsId) as Datastore, bytes, "datastoreId");
        }
        const remap = new Map((body.networkData ?? []).map((n) => [n.networkAdapterId, n.networkId]));
        const adapters = this.store.where<NetworkAdapter>("adapter", "virtualMachineId", vm.id).map((a) => {
            const networkId = remap.get(a.id) ?? a.networkId;
            const network = this.networkIn(networkId, where.dc.id, "networkData");
            if (!network.hostClusterIds.includes(cluster.id)) {
                throw invalidField(
                    "networkData",
                    `a network present on cluster ${cluster.name}`,
                    `le réseau ${network.name} n'est pas présent sur le cluster ${cluster.name}`,
                    `network ${network.name} is not present on cluster ${cluster.name}`,
                );
            }
            return { id: a.id, networkId };
        });
        return {
            id: vm.id,
            datacenterId: where.dc.id,
            hostClusterId: cluster.id,
            hostId: where.hostId,
            datastoreId: where.datastore.id,
            datastoreClusterId: where.datastoreClusterId,
            memory: cluster.id === vm.hostClusterId ? 0 : vm.memory,
            disks: disks.filter((d) => d.moving).map(({ id, datastoreId, capacity }) => ({ id, datastoreId, capacity })),
            adapters,
        };
    }

    private applyRelocate(moves: Move[]): string {
        for (const m of moves) {
            const vm = this.store.get<VirtualMachine>("vm", m.id);
            if (!vm) {
                throw new Error(`machine virtuelle supprimée / virtual machine gone: ${m.id}`);
            }
            if (m.hostClusterId !== vm.hostClusterId) {
                const cluster = this.store.get<HostCluster>("hostCluster", m.hostClusterId);
                const { total, used } = cluster ? clusterMemory(this.store, cluster) : { total: 0, used: 0 };
                if (used + vm.memory > total) {
                    throw new Error(`mémoire insuffisante pour ${vm.name} / not enough memory for ${vm.name} on ${m.hostClusterId}`);
                }
            }
        }
        this.store.transaction(() => {
            for (const m of moves) {
                const vm = this.store.get<VirtualMachine>("vm", m.id) as VirtualMachine;
                this.store.put("vm", {
                    ...vm,
                    datacenterId: m.datacenterId,
                    hostClusterId: m.hostClusterId,
                    hostId: m.hostId,
                    datastoreId: m.datastoreId,
                    datastoreClusterId: m.datastoreClusterId,
                });
                for (const d of m.disks) {
                    const disk = this.store.get<VirtualDisk>("disk", d.id);
                    if (disk) {
                        this.store.put("disk", { ...disk, datastoreId: d.datastoreId });
                    }
                }
                for (const a of m.adapters) {
                    const adapter = this.store.get<NetworkAdapter>("adapter", a.id);
                    if (adapter) {
                        this.store.put("adapter", { ...adapter, networkId: a.networkId });
                    }
                }
            }
        });
        return moves[0]?.id ?? "";
    }
}
