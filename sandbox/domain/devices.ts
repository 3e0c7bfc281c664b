// A VM's devices: virtual disks and network adapters. Requests arrive shaped by their schemas;
// here they are checked against the VM, its datacenter and the datastores' free space.
import { StoredActivity } from "../store/database";
import { newId, newMac } from "../store/ids";
import { Compute } from "./compute";
import { invalidField, notFound } from "./errors";
import { Datastore, DatastoreCluster, NetworkAdapter, VirtualDisk, VirtualMachine } from "./model";
import { given } from "./placement";
import { Platform } from "./platform";
import { AdapterCreate, AdapterUpdate, DiskCreate, DiskUpdate } from "./requests";

export class Devices {
    constructor(
        private readonly p: Platform,
        private readonly compute: Compute,
    ) {
        const a = p.activities;
        a.register("disk.create", (args) => this.applyDiskCreate(args.disk as VirtualDisk));
        a.register("disk.update", (args) => this.applyDiskUpdate(args.id as string, args.changes as Partial<VirtualDisk>));
        a.register("disk.delete", (args) => { this.p.store.delete("disk", args.id as string); });
        a.register("adapter.create", (args) => this.applyAdapterCreate(args.adapter as NetworkAdapter));
        a.register("adapter.update", (args) => this.applyAdapterUpdate(args.id as string, args.changes as Partial<NetworkAdapter>));
        a.register("adapter.connect", (args) => this.applyConnect(args.id as string, args.connected as boolean));
        a.register("adapter.delete", (args) => { this.p.store.delete("adapter", args.id as string); });
    }

    private get store() {
        return this.p.store;
    }

    // ---- virtual disks -------------------------------------------------------------------

    createDisk(body: DiskCreate): StoredActivity {
        const vm = this.compute.vmIn(body.virtualMachineId, "virtualMachineId");
        let datastoreId = given(body.datastoreId);
        const groupId = given(body.datastoreClusterId);
        if (!datastoreId && groupId) {
            const group = this.store.get<DatastoreCluster>("datastoreCluster", groupId);
            if (!group || group.datacenterId !== vm.datacenterId) {
                throw invalidField("datastoreClusterId", "a datastore cluster of the virtual machine's datacenter", `cluster de datastores inconnu : ${groupId}`, `unknown datastore cluster: ${groupId}`);
            }
            datastoreId = group.datastoreIds[0];
        }
        datastoreId ??= vm.datastoreId;
        const ds = this.store.get<Datastore>("datastore", datastoreId);
        if (!ds || ds.datacenterId !== vm.datacenterId) {
            throw invalidField("datastoreId", "a datastore of the virtual machine's datacenter", `datastore inconnu ou hors du datacenter de la machine : ${datastoreId}`, `unknown datastore, or not in the virtual machine's datacenter: ${datastoreId}`);
        }
        this.compute.placement.checkDatastoreSpace(ds, body.capacity, "capacity");
        const used = new Set([
            ...this.store.where<VirtualDisk>("disk", "virtualMachineId", vm.id).map((d) => d.diskUnitNumber),
            ...this.p.pendingEffects("disk.create").map((a) => a.disk as VirtualDisk).filter((d) => d.virtualMachineId === vm.id).map((d) => d.diskUnitNumber),
        ]);
        let unit = 0;
        while (used.has(unit) || unit === 7) {
            unit++; // unit 7 is the SCSI controller's own
        }
        const disk: VirtualDisk = {
            id: newId(), name: `Hard disk ${unit + 1}`, virtualMachineId: vm.id, datastoreId: ds.id, capacity: body.capacity, diskMode: body.diskMode, provisioningType: body.provisioningType,
            diskUnitNumber: unit, controllerId: given(body.controllerId) ?? `${vm.id}-scsi0`, policyIds: [], inventoried: false,
        };
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Ajout d'un disque à ${vm.name} / Add a disk to ${vm.name}`,
            concernedItems: [{ id: disk.id, type: "virtual_disk" }, { id: vm.id, type: "virtual_machine" }],
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
            throw invalidField("newCapacity", `at least the current capacity (${disk.capacity})`, "un disque ne peut pas être réduit", "a disk cannot shrink");
        }
        if (newCapacity !== undefined && newCapacity > disk.capacity) {
            this.compute.placement.checkDatastoreSpace(this.store.get<Datastore>("datastore", disk.datastoreId) as Datastore, newCapacity - disk.capacity, "newCapacity");
        }
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Modification du disque ${disk.name} / Update disk ${disk.name}`,
            concernedItems: [{ id: disk.id, type: "virtual_disk" }],
            effect: { op: "disk.update", args: { id: disk.id, changes: { ...(newCapacity ? { capacity: newCapacity } : {}), ...(body.diskMode ? { diskMode: body.diskMode } : {}) } } },
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

    // ---- network adapters ----------------------------------------------------------------

    /**
     * A new adapter is set to connect at power-on (vSphere's default) and is not connected until
     * it is told to (`/connect`) or its VM next powers on: a client that does not ask for a
     * connection reads `connected: false`, whatever the VM's power state.
     */
    createAdapter(body: AdapterCreate): StoredActivity {
        const vm = this.compute.vmIn(body.virtualMachineId, "virtualMachineId");
        const network = this.compute.networkIn(body.networkId, vm.datacenterId, "networkId");
        const mac = given(body.macAddress)?.toLowerCase();
        const count = this.store.where<NetworkAdapter>("adapter", "virtualMachineId", vm.id).length
            + this.p.pendingEffects("adapter.create").filter((a) => (a.adapter as NetworkAdapter).virtualMachineId === vm.id).length;
        if (count >= 10) {
            throw invalidField("virtualMachineId", "a virtual machine with fewer than 10 adapters", "10 cartes réseau au plus par machine virtuelle", "at most 10 network adapters per virtual machine");
        }
        const adapter: NetworkAdapter = {
            id: newId(), name: `Network adapter ${count + 1}`, virtualMachineId: vm.id, networkId: network.id, type: body.type,
            macType: mac ? "MANUAL" : "GENERATED", macAddress: mac ?? newMac(), connected: false, autoConnect: true,
        };
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Ajout d'une carte réseau à ${vm.name} / Add a network adapter to ${vm.name}`,
            concernedItems: [{ id: adapter.id, type: "network_adapter" }, { id: vm.id, type: "virtual_machine" }],
            effect: { op: "adapter.create", args: { adapter } },
            creates: true,
        });
    }

    private applyAdapterCreate(adapter: NetworkAdapter): string {
        if (!this.store.get<VirtualMachine>("vm", adapter.virtualMachineId)) {
            throw new Error(`machine virtuelle supprimée / virtual machine gone: ${adapter.virtualMachineId}`);
        }
        this.store.put("adapter", adapter);
        return adapter.id;
    }

    adapter(id: string): NetworkAdapter {
        const a = this.store.get<NetworkAdapter>("adapter", id);
        if (!a) {
            throw notFound("Network adapter", "Carte réseau", id);
        }
        return a;
    }

    private adapterIn(id: string): NetworkAdapter {
        const adapter = this.store.get<NetworkAdapter>("adapter", id);
        if (!adapter) {
            throw invalidField("id", "the id of an existing network adapter", `aucune carte réseau ${id}`, `no network adapter ${id}`);
        }
        return adapter;
    }

    updateAdapter(body: AdapterUpdate): StoredActivity {
        const adapter = this.adapterIn(body.id);
        const vm = this.compute.vm(adapter.virtualMachineId);
        const changes: Partial<NetworkAdapter> = {
            networkId: this.compute.networkIn(body.newNetworkId, vm.datacenterId, "newNetworkId").id,
            autoConnect: body.autoConnect ?? adapter.autoConnect,
        };
        const mac = given(body.macAddress);
        if (mac) {
            changes.macAddress = mac.toLowerCase();
            changes.macType = "MANUAL";
        }
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Modification de ${adapter.name} / Update ${adapter.name}`,
            concernedItems: [{ id: adapter.id, type: "network_adapter" }],
            effect: { op: "adapter.update", args: { id: adapter.id, changes } },
        });
    }

    private applyAdapterUpdate(id: string, changes: Partial<NetworkAdapter>): string {
        const a = this.store.get<NetworkAdapter>("adapter", id);
        if (!a) {
            throw new Error(`carte réseau supprimée / network adapter gone: ${id}`);
        }
        this.store.put("adapter", { ...a, ...changes });
        return id;
    }

    /** Connects or disconnects now on a running VM; on a stopped one, sets whether it connects at power-on. */
    connect(id: string, connected: boolean): StoredActivity {
        const adapter = this.adapterIn(id);
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `${connected ? "Connexion" : "Déconnexion"} de ${adapter.name} / ${connected ? "Connect" : "Disconnect"} ${adapter.name}`,
            concernedItems: [{ id: adapter.id, type: "network_adapter" }],
            effect: { op: "adapter.connect", args: { id: adapter.id, connected } },
        });
    }

    private applyConnect(id: string, connected: boolean): string {
        const a = this.store.get<NetworkAdapter>("adapter", id);
        if (!a) {
            throw new Error(`carte réseau supprimée / network adapter gone: ${id}`);
        }
        const running = this.store.get<VirtualMachine>("vm", a.virtualMachineId)?.powerState === "running";
        this.store.put("adapter", running ? { ...a, connected } : { ...a, connected: false, autoConnect: connected });
        return id;
    }

    removeAdapter(id: string): StoredActivity {
        const a = this.adapter(id);
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Suppression de ${a.name} / Delete ${a.name}`,
            concernedItems: [{ id: a.id, type: "network_adapter" }],
            effect: { op: "adapter.delete", args: { id } },
        });
    }
}
