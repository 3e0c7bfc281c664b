// A VM's virtual disks: added on a datastore (or a datastore cluster) of its datacenter with room
// for them, grown (never shrunk), removed. Requests arrive shaped by their schemas (requests.ts).
import { StoredActivity } from "../store/database";
import { newId } from "../store/ids";
import { Compute } from "./compute";
import { invalidField, notFound } from "./errors";
import { Datastore, DatastoreCluster, VirtualDisk, VirtualMachine } from "./model";
import { given } from "./placement";
import { Platform } from "./platform";
import { DiskCreate, DiskUpdate } from "./requests";

export class Disks {
    constructor(
        private readonly p: Platform,
        private readonly compute: Compute,
    ) {
        const a = p.activities;
        a.register("disk.create", (args) => this.applyDiskCreate(args.disk as VirtualDisk));
        a.register("disk.update", (args) => this.applyDiskUpdate(args.id as string, args.changes as Partial<VirtualDisk>));
        a.register("disk.delete", (args) => {
            this.p.store.delete("disk", args.id as string);
        });
    }

    private get store() {
        return this.p.store;
    }

    createDisk(body: DiskCreate): StoredActivity {
        const vm = this.compute.vmIn(body.virtualMachineId, "virtualMachineId");
        let datastoreId = given(body.datastoreId);
        const groupId = given(body.datastoreClusterId);
        if (!datastoreId && groupId) {
            const group = this.store.get<DatastoreCluster>("datastoreCluster", groupId);
            if (!group || group.datacenterId !== vm.datacenterId) {
                throw invalidField(
                    "datastoreClusterId",
                    "a datastore cluster of the virtual machine's datacenter",
                    `cluster de datastores inconnu : ${groupId}`,
                    `unknown datastore cluster: ${groupId}`,
                );
            }
            datastoreId = group.datastoreIds[0];
        }
        datastoreId ??= vm.datastoreId;
        const ds = this.store.get<Datastore>("datastore", datastoreId);
        if (!ds || ds.datacenterId !== vm.datacenterId) {
            throw invalidField(
                "datastoreId",
                "a datastore of the virtual machine's datacenter",
                `datastore inconnu ou hors du datacenter de la machine : ${datastoreId}`,
                `unknown datastore, or not in the virtual machine's datacenter: ${datastoreId}`,
            );
        }
        this.compute.placement.checkDatastoreSpace(ds, body.capacity, "capacity");
        const used = new Set([
            ...this.store.where<VirtualDisk>("disk", "virtualMachineId", vm.id).map((d) => d.diskUnitNumber),
            ...this.p
                .pendingEffects("disk.create")
                .map((a) => a.disk as VirtualDisk)
                .filter((d) => d.virtualMachineId === vm.id)
                .map((d) => d.diskUnitNumber),
        ]);
        let unit = 0;
        while (used.has(unit) || unit === 7) {
            unit++; // unit 7 is the SCSI controller's own
        }
        const disk: VirtualDisk = {
            id: newId(),
            name: `Hard disk ${unit + 1}`,
            virtualMachineId: vm.id,
            datastoreId: ds.id,
            capacity: body.capacity,
            diskMode: body.diskMode,
            provisioningType: body.provisioningType,
            diskUnitNumber: unit,
            controllerId: given(body.controllerId) ?? `${vm.id}-scsi0`,
            policyIds: [],
            inventoried: false,
        };
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Ajout d'un disque à ${vm.name} / Add a disk to ${vm.name}`,
            concernedItems: [
                { id: disk.id, type: "virtual_disk" },
                { id: vm.id, type: "virtual_machine" },
            ],
            effect: { op: "disk.create", args: { disk } },
            creates: true,
        });
    }

    private applyDiskCreate(disk: VirtualDisk): string {
        if (!this.store.get<VirtualMachine>("vm", disk.virtualMachineId)) {
            throw new Error(`machine virtuelle supprimée / virtual machine gone: ${disk.virtualMachineId}`);
        }
        this.store.put("disk", disk);
        return disk.id;
    }

    disk(id: string): VirtualDisk {
        const d = this.store.get<VirtualDisk>("disk", id);
        if (!d) {
            throw notFound("Virtual disk", "Disque virtuel", id);
        }
        return d;
    }

    updateDisk(body: DiskUpdate): StoredActivity {
        const disk = this.store.get<VirtualDisk>("disk", body.id);
        if (!disk) {
            throw invalidField("id", "the id of an existing virtual disk", `aucun disque virtuel ${body.id}`, `no virtual disk ${body.id}`);
        }
        const newCapacity = body.newCapacity;
        if (newCapacity !== undefined && newCapacity < disk.capacity) {
            throw invalidField(
                "newCapacity",
                `at least the current capacity (${disk.capacity})`,
                "un disque ne peut pas être réduit",
                "a disk cannot shrink",
            );
        }
        if (newCapacity !== undefined && newCapacity > disk.capacity) {
            this.compute.placement.checkDatastoreSpace(
                this.store.get<Datastore>("datastore", disk.datastoreId) as Datastore,
                newCapacity - disk.capacity,
                "newCapacity",
            );
        }
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Modification du disque ${disk.name} / Update disk ${disk.name}`,
            concernedItems: [{ id: disk.id, type: "virtual_disk" }],
            effect: {
                op: "disk.update",
                args: {
                    id: disk.id,
                    changes: { ...(newCapacity ? { capacity: newCapacity } : {}), ...(body.diskMode ? { diskMode: body.diskMode } : {}) },
                },
            },
        });
    }

    private applyDiskUpdate(id: string, changes: Partial<VirtualDisk>): string {
        const d = this.store.get<VirtualDisk>("disk", id);
        if (!d) {
            throw new Error(`disque supprimé / disk gone: ${id}`);
        }
        this.store.put("disk", { ...d, ...changes });
        return id;
    }

    removeDisk(id: string): StoredActivity {
        const disk = this.disk(id);
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Suppression du disque ${disk.name} / Delete disk ${disk.name}`,
            concernedItems: [{ id: disk.id, type: "virtual_disk" }],
            effect: { op: "disk.delete", args: { id } },
        });
    }
}
