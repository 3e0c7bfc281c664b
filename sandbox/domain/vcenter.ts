// vCenter objects that every datacenter and cluster has and that the tenant never creates: the
// folders of a datacenter (vm, host, datastore, network), the root resource pool of each cluster
// ("Resources") and the distributed switch of each cluster. They are derived from the seeded
// datacenters and clusters, with ids derived from their names, so a sandbox started on an older
// state has them too.
import { Store } from "../store/database";
import { nameId } from "../store/ids";
import { bladeModels, Datacenter, GiB, HostCluster, Tenant, VirtualMachine } from "./model";

type Ref = { id: string; name: string };

export interface Folder {
    id: string;
    name: string;
    moref: string;
    datacenterId: string;
    machineManagerId: string;
}

export interface ResourcePool {
    id: string;
    name: string;
    moref: string;
    hostClusterId: string;
    datacenterId: string;
    machineManagerId: string;
}

export interface VirtualSwitch {
    id: string;
    name: string;
    moref: string;
    folderId: string;
    hostClusterId: string;
    datacenterId: string;
    machineManagerId: string;
}

/** vSphere's four system folders of a datacenter. */
const folderNames = ["vm", "host", "datastore", "network"] as const;

const morefNumber = (id: string) => (parseInt(id.slice(0, 6), 16) % 90_000) + 10_000;

export class VCenterInventory {
    constructor(
        private readonly store: Store,
        private readonly tenant: () => Tenant,
    ) {}

    private id(kind: string, name: string): string {
        return nameId(this.tenant().name, kind, name);
    }

    folders(): Folder[] {
        return this.store.list<Datacenter>("datacenter").flatMap((dc) =>
            folderNames.map((name) => {
                const id = this.id("folder", `${dc.name}/${name}`);
                return {
                    id,
                    name,
                    moref: `group-${name[0]}${morefNumber(id)}`,
                    datacenterId: dc.id,
                    machineManagerId: dc.machineManagerId,
                };
            }),
        );
    }

    resourcePools(): ResourcePool[] {
        return this.store.list<HostCluster>("hostCluster").map((c) => {
            const id = this.id("resourcePool", `${c.name}/Resources`);
            return {
                id,
                name: "Resources",
                moref: `resgroup-${morefNumber(id)}`,
                hostClusterId: c.id,
                datacenterId: c.datacenterId,
                machineManagerId: c.machineManagerId,
            };
        });
    }

    virtualSwitches(): VirtualSwitch[] {
        const dcs = new Map(this.store.list<Datacenter>("datacenter").map((d) => [d.id, d]));
        return this.store.list<HostCluster>("hostCluster").map((c) => {
            const dc = dcs.get(c.datacenterId);
            const id = this.id("virtualSwitch", c.name);
            return {
                id,
                name: `dvs001-${c.name}-${dc?.name ?? ""}`,
                moref: `dvs-${morefNumber(id)}`,
                folderId: this.id("folder", `${dc?.name ?? ""}/network`),
                hostClusterId: c.id,
                datacenterId: c.datacenterId,
                machineManagerId: c.machineManagerId,
            };
        });
    }

    private ref(kind: "machineManager", id: string): Ref {
        return { id, name: this.store.get<{ name: string }>(kind, id)?.name ?? "" };
    }

    folderView(f: Folder) {
        return { id: f.id, name: f.name, machineManager: this.ref("machineManager", f.machineManagerId) };
    }

    /** The root pool holds the whole cluster: its limits are the blades', its reservations the VMs' own. */
    resourcePoolView(p: ResourcePool) {
        const cluster = this.store.get<HostCluster>("hostCluster", p.hostClusterId);
        const blade = bladeModels[cluster?.bladeModel ?? "STANDARD_V3"];
        const hosts = cluster?.hostIds.length ?? 0;
        const vms = this.store.where<VirtualMachine>("vm", "hostClusterId", p.hostClusterId);
        return {
            id: p.id,
            name: p.name,
            moref: p.moref,
            parent: { id: p.hostClusterId, type: "ClusterComputeResource" },
            metrics: {
                cpu: { maxUsage: hosts * blade.threads * 2400, reservationUsed: 0 },
                memory: {
                    maxUsage: hosts * blade.memoryGiB * GiB,
                    reservationUsed: vms.reduce((s, v) => s + v.memoryReservation, 0),
                    balloonedMemory: 0,
                },
            },
            machineManager: this.ref("machineManager", p.machineManagerId),
        };
    }

    virtualSwitchView(v: VirtualSwitch) {
        return {
            id: v.id,
            name: v.name,
            moref: v.moref,
            folderId: v.folderId,
            machineManager: this.ref("machineManager", v.machineManagerId),
        };
    }
}
