// A VM's network adapters: added on a network of its datacenter (ten at most), changed, connected
// or disconnected (on a stopped VM: whether it connects at power-on), removed.
import { StoredActivity } from "../store/database";
import { newId, newMac } from "../store/ids";
import { Compute } from "./compute";
import { invalidField, notFound } from "./errors";
import { NetworkAdapter, VirtualMachine } from "./model";
import { given } from "./placement";
import { Platform } from "./platform";
import { AdapterCreate, AdapterUpdate } from "./requests";

export class Adapters {
    constructor(
        private readonly p: Platform,
        private readonly compute: Compute,
    ) {
        const a = p.activities;
        a.register("adapter.create", (args) => this.applyAdapterCreate(args.adapter as NetworkAdapter));
        a.register("adapter.update", (args) => this.applyAdapterUpdate(args.id as string, args.changes as Partial<NetworkAdapter>));
        a.register("adapter.connect", (args) => this.applyConnect(args.id as string, args.connected as boolean));
        a.register("adapter.delete", (args) => {
            this.p.store.delete("adapter", args.id as string);
        });
    }

    private get store() {
        return this.p.store;
    }

    /**
     * A new adapter is set to connect at power-on (vSphere's default) and is not connected until
     * it is told to (`/connect`) or its VM next powers on: a client that does not ask for a
     * connection reads `connected: false`, whatever the VM's power state.
     */
    createAdapter(body: AdapterCreate): StoredActivity {
        const vm = this.compute.vmIn(body.virtualMachineId, "virtualMachineId");
        const network = this.compute.networkIn(body.networkId, vm.datacenterId, "networkId");
        const mac = given(body.macAddress)?.toLowerCase();
        const count =
            this.store.where<NetworkAdapter>("adapter", "virtualMachineId", vm.id).length +
            this.p.pendingEffects("adapter.create").filter((a) => (a.adapter as NetworkAdapter).virtualMachineId === vm.id).length;
        if (count >= 10) {
            throw invalidField(
                "virtualMachineId",
                "a virtual machine with fewer than 10 adapters",
                "10 cartes réseau au plus par machine virtuelle",
                "at most 10 network adapters per virtual machine",
            );
        }
        const adapter: NetworkAdapter = {
            id: newId(),
            name: `Network adapter ${count + 1}`,
            virtualMachineId: vm.id,
            networkId: network.id,
            type: body.type,
            macType: mac ? "MANUAL" : "GENERATED",
            macAddress: mac ?? newMac(),
            connected: false,
            autoConnect: true,
        };
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Ajout d'une carte réseau à ${vm.name} / Add a network adapter to ${vm.name}`,
            concernedItems: [
                { id: adapter.id, type: "network_adapter" },
                { id: vm.id, type: "virtual_machine" },
            ],
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
