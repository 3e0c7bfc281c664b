// VMware virtual machines: create (from scratch, clone, content library), update, power, delete;
// their moves are in relocation.ts, their devices in disks.ts and adapters.ts, the changes made
// outside the API (admin endpoint) in outOfBand.ts. Requests arrive shaped by their schemas (requests.ts); here they are checked against the
// tenant (placement, capacity, backup rules of an SNC tenant) and applied when their activity ends,
// checked again then, since other work may have landed in between.
import { StoredActivity } from "../store/database";
import { newId, newMac } from "../store/ids";
import { invalidField, notFound, ruleViolation } from "./errors";
import {
    BackupPolicy,
    ContentLibraryItem,
    GiB,
    GuestOs,
    HostCluster,
    MiB,
    Network,
    NetworkAdapter,
    Tag,
    VirtualDisk,
    VirtualMachine,
} from "./model";
import { given, PlacementRules, Where, within } from "./placement";
import { Platform } from "./platform";
import { LibraryDeploy, VmClone, VmCreate, VmPower, VmUpdate } from "./requests";
import { clusterMemory } from "./views";

export const minMemory = 128 * MiB;
const defaultMemory = GiB;

const defaultBoot = {
    firmware: "bios",
    bootDelay: 0,
    enterBIOSSetup: false,
    bootRetryEnabled: false,
    bootRetryDelay: 10000,
    efiSecureBootEnabled: false,
};

export class Compute {
    readonly placement: PlacementRules;

    constructor(private readonly p: Platform) {
        this.placement = new PlacementRules(p);
        const a = p.activities;
        a.register("vm.create", (args) =>
            this.applyCreate(args.vm as VirtualMachine, (args.disks ?? []) as VirtualDisk[], (args.adapters ?? []) as NetworkAdapter[]),
        );
        a.register("vm.update", (args) => this.applyUpdate(args.id as string, args.changes as Partial<VirtualMachine>));
        a.register("vm.power", (args) => this.applyPower(args.id as string, args.powerAction as "on" | "off"));
        a.register("vm.delete", (args) => this.applyDelete(args.id as string));
        a.register("noop", () => undefined);
    }

    private get store() {
        return this.p.store;
    }

    // ---- lookups -------------------------------------------------------------------------

    vm(id: string): VirtualMachine {
        const vm = this.store.get<VirtualMachine>("vm", id);
        if (!vm) {
            throw notFound("Virtual machine", "Machine virtuelle", id);
        }
        return vm;
    }

    /** A VM named in a request body: unknown is a 400 on that field, not a 404. */
    vmIn(id: string, field: string): VirtualMachine {
        const vm = this.store.get<VirtualMachine>("vm", id);
        if (!vm) {
            throw invalidField(
                field,
                "the id of an existing virtual machine",
                `aucune machine virtuelle ${id}`,
                `no virtual machine ${id}`,
            );
        }
        return vm;
    }

    private guestOs(moref: string, field: string): void {
        if (!this.store.get<GuestOs>("guestOs", moref)) {
            const allowed = this.store
                .list<GuestOs>("guestOs")
                .map((g) => g.id)
                .join(", ");
            throw invalidField(field, allowed, `système invité inconnu « ${moref} »`, `unknown guest operating system "${moref}"`);
        }
    }

    networkIn(id: string, datacenterId: string, field: string): Network {
        const n = this.store.get<Network>("network", id);
        if (!n || n.datacenterId !== datacenterId) {
            throw invalidField(
                field,
                "a network of the virtual machine's datacenter",
                `réseau inconnu ou hors du datacenter de la machine : ${id}`,
                `unknown network, or not in the virtual machine's datacenter: ${id}`,
            );
        }
        return n;
    }

    checkName(name: string, datacenterId: string, exceptId?: string): void {
        if (name.length > 80 || /[/\\%]/.test(name)) {
            throw invalidField(
                "name",
                "1 to 80 characters, without / \\ %",
                "nom invalide : 1 à 80 caractères, sans / \\ %",
                "invalid name: 1 to 80 characters, without / \\ %",
            );
        }
        const taken =
            this.store.where<VirtualMachine>("vm", "name", name).some((v) => v.datacenterId === datacenterId && v.id !== exceptId) ||
            this.p.pendingEffects("vm.create").some((a) => {
                const v = a.vm as VirtualMachine;
                return v.name === name && v.datacenterId === datacenterId;
            });
        if (taken) {
            throw invalidField(
                "name",
                "a name not used in this datacenter",
                `une machine virtuelle nommée « ${name} » existe déjà dans ce datacenter`,
                `a virtual machine named "${name}" already exists in this datacenter`,
            );
        }
    }

    private checkMemory(field: string, memory: number, where: Where): number {
        within(field, memory, minMemory, this.placement.bladeMemory(where.cluster), " bytes");
        if (memory % (4 * MiB) !== 0) {
            throw invalidField(
                field,
                "bytes, a multiple of 4 MiB (4194304)",
                "la mémoire doit être un multiple de 4 Mio (4194304 octets)",
                `${field} must be a multiple of 4 MiB (4194304 bytes)`,
            );
        }
        return memory;
    }

    /** SNC: a VM starts only with at least one backup policy, none of them HELD. */
    checkCanPowerOn(policyIds: string[], field: string): void {
        if (this.p.tenant().snc && policyIds.length === 0) {
            throw ruleViolation(
                "SNC_BACKUP_REQUIRED",
                field,
                "SecNumCloud : une machine virtuelle ne peut être démarrée sans politique de sauvegarde (éventuellement « nobackup »)",
                'SecNumCloud: a virtual machine cannot be powered on without a backup policy (possibly "nobackup")',
            );
        }
        const held = policyIds.map((id) => this.store.get<BackupPolicy>("policy", id)).filter((x) => x?.status === "HELD");
        if (held.length > 0) {
            throw ruleViolation(
                "POLICY_HELD",
                field,
                `la politique ${held[0]?.name} est suspendue (HELD) : la machine ne peut pas démarrer`,
                `policy ${held[0]?.name} is HELD: the virtual machine cannot start`,
            );
        }
    }

    // ---- create --------------------------------------------------------------------------

    create(body: VmCreate): StoredActivity {
        const where = this.placement.resolve(body);
        this.checkName(body.name, where.dc.id);
        // Memory and CPU may be left out: the real API then applies defaults (its client's own tests create that way).
        const memory = this.checkMemory("memory", body.memory ?? defaultMemory, where);
        const cpu = within("cpu", body.cpu ?? 1, 1, this.placement.bladeThreads(where.cluster));
        this.guestOs(body.guestOperatingSystemMoref, "guestOperatingSystemMoref");
        this.placement.checkCapacity(where.cluster, memory, "memory");
        const vm = this.newVm({ name: body.name, memory, cpu, guestOperatingSystemMoref: body.guestOperatingSystemMoref }, where);
        return this.startCreate(vm, [], [], `Création de la machine virtuelle ${body.name} / Create virtual machine ${body.name}`);
    }

    private startCreate(vm: VirtualMachine, disks: VirtualDisk[], adapters: NetworkAdapter[], description: string): StoredActivity {
        return this.p.activities.start({
            type: "ComputeActivity",
            description,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "vm.create", args: { vm, disks, adapters } },
            creates: true,
        });
    }

    newVm(spec: Pick<VirtualMachine, "name" | "memory" | "cpu" | "guestOperatingSystemMoref">, where: Where): VirtualMachine {
        return {
            id: newId(),
            name: spec.name,
            memory: spec.memory,
            cpu: spec.cpu,
            guestOperatingSystemMoref: spec.guestOperatingSystemMoref,
            moref: this.p.nextMoref("vm"),
            datacenterId: where.dc.id,
            hostClusterId: where.cluster.id,
            hostId: where.hostId,
            datastoreId: where.datastore.id,
            datastoreClusterId: where.datastoreClusterId,
            memoryReservation: 0,
            numCoresPerSocket: 1,
            powerState: "stopped",
            cpuHotAddEnabled: false,
            cpuHotRemoveEnabled: false,
            memoryHotAddEnabled: false,
            exposeHardwareVirtualization: false,
            bootOptions: { ...defaultBoot },
            policyIds: [],
            inventoried: false,
            createdAt: new Date().toISOString(),
        };
    }

    clone(sourceId: string, body: VmClone): StoredActivity {
        const source = this.vm(sourceId);
        const powerOn = body.powerOn ?? false;
        const where = this.placement.resolve(body, source);
        this.checkName(body.name, where.dc.id);
        this.placement.checkCapacity(where.cluster, source.memory, "hostClusterId");
        if (powerOn) {
            this.checkCanPowerOn([], "powerOn");
        }
        const vm: VirtualMachine = {
            ...this.newVm({ ...source, name: body.name }, where),
            memoryReservation: source.memoryReservation,
            numCoresPerSocket: source.numCoresPerSocket,
            cpuHotAddEnabled: source.cpuHotAddEnabled,
            cpuHotRemoveEnabled: source.cpuHotRemoveEnabled,
            memoryHotAddEnabled: source.memoryHotAddEnabled,
            bootOptions: { ...source.bootOptions },
            powerState: powerOn ? "running" : "stopped",
        };
        const disks = this.store
            .list<VirtualDisk>("disk")
            .filter((d) => d.virtualMachineId === source.id)
            .map((d) => ({
                ...d,
                id: newId(),
                virtualMachineId: vm.id,
                datastoreId: where.datastore.id,
                policyIds: [],
                inventoried: false,
            }));
        this.placement.checkDatastoreSpace(
            where.datastore,
            disks.reduce((s, d) => s + d.capacity, 0),
            "datastoreId",
        );
        // A clone's adapters connect if it starts and they are set to connect at power-on.
        const adapters = this.store
            .list<NetworkAdapter>("adapter")
            .filter((a) => a.virtualMachineId === source.id)
            .map((a) => ({
                ...a,
                id: newId(),
                virtualMachineId: vm.id,
                macType: "GENERATED" as const,
                macAddress: newMac(),
                connected: powerOn && a.autoConnect,
            }));
        return this.startCreate(vm, disks, adapters, `Clonage de ${source.name} en ${body.name} / Clone ${source.name} to ${body.name}`);
    }

    deploy(libraryId: string, body: LibraryDeploy): StoredActivity {
        const item = this.store.get<ContentLibraryItem>("contentLibraryItem", body.contentLibraryItemId);
        if (!item || item.contentLibraryId !== libraryId) {
            throw invalidField(
                "contentLibraryItemId",
                `an item of content library ${libraryId}`,
                `élément de bibliothèque inconnu : ${body.contentLibraryItemId}`,
                `unknown content library item: ${body.contentLibraryItemId}`,
            );
        }
        const powerOn = body.powerOn ?? false;
        const cluster = given(body.hostClusterId)
            ? this.store.get<{ datacenterId: string }>("hostCluster", body.hostClusterId as string)
            : undefined;
        const where = this.placement.resolve({ ...body, datacenterId: given(body.datacenterId) ?? cluster?.datacenterId });
        this.checkName(body.name, where.dc.id);
        const memory = 2 * GiB;
        this.placement.checkCapacity(where.cluster, memory, "hostClusterId");
        this.placement.checkDatastoreSpace(where.datastore, item.size, "datastoreId");
        if (powerOn) {
            this.checkCanPowerOn([], "powerOn");
        }
        const vm: VirtualMachine = {
            ...this.newVm({ name: body.name, memory, cpu: 2, guestOperatingSystemMoref: item.guestOperatingSystemMoref }, where),
            powerState: powerOn ? "running" : "stopped",
        };
        const disks: VirtualDisk[] = [
            {
                id: newId(),
                name: "Hard disk 1",
                virtualMachineId: vm.id,
                datastoreId: where.datastore.id,
                capacity: item.size,
                diskMode: "persistent",
                provisioningType: given(body.disksProvisioningType) ?? "dynamic",
                diskUnitNumber: 0,
                controllerId: `${vm.id}-scsi0`,
                policyIds: [],
                inventoried: false,
            },
        ];
        // The OVF's adapters, on the networks networkData maps them to, else on the datacenter's first
        // network (the Terraform provider then moves them where its os_network_adapter blocks say).
        const fallback = this.store.where<Network>("network", "datacenterId", where.dc.id)[0];
        const mapped = body.networkData ?? [];
        const count = fallback ? Math.max(item.networkAdapters ?? 1, mapped.length) : mapped.length;
        const adapters: NetworkAdapter[] = Array.from({ length: count }, (_, i) => ({
            id: newId(),
            name: `Network adapter ${i + 1}`,
            virtualMachineId: vm.id,
            networkId: mapped[i] ? this.networkIn(mapped[i].networkId, where.dc.id, `networkData[${i}].networkId`).id : fallback.id,
            type: "VMXNET3",
            macType: "GENERATED",
            macAddress: newMac(),
            connected: powerOn,
            autoConnect: true,
        }));
        return this.startCreate(vm, disks, adapters, `Déploiement de ${item.name} en ${body.name} / Deploy ${item.name} as ${body.name}`);
    }

    private applyCreate(vm: VirtualMachine, disks: VirtualDisk[], adapters: NetworkAdapter[]): string {
        const cluster = this.store.get<HostCluster>("hostCluster", vm.hostClusterId);
        if (!cluster) {
            throw new Error(`cluster supprimé / host cluster gone: ${vm.hostClusterId}`);
        }
        if (this.store.where<VirtualMachine>("vm", "name", vm.name).some((v) => v.datacenterId === vm.datacenterId)) {
            throw new Error(`une machine « ${vm.name} » existe déjà / a virtual machine "${vm.name}" already exists`);
        }
        const { total, used } = clusterMemory(this.store, cluster);
        if (used + vm.memory > total) {
            throw new Error(`mémoire insuffisante sur ${cluster.name} / not enough memory on ${cluster.name}`);
        }
        this.store.transaction(() => {
            this.store.put("vm", vm);
            disks.forEach((d) => this.store.put("disk", d));
            adapters.forEach((a) => this.store.put("adapter", a));
        });
        return vm.id;
    }

    // ---- update --------------------------------------------------------------------------

    update(body: VmUpdate): StoredActivity {
        const vm = this.vmIn(body.id, "id");
        const where = this.placement.resolve({}, vm);
        const ram = body.ram === undefined ? vm.memory : this.checkMemory("ram", body.ram, where);
        const cpu = within("cpu", body.cpu ?? vm.cpu, 1, this.placement.bladeThreads(where.cluster));
        const corePerSocket = within("corePerSocket", body.corePerSocket ?? vm.numCoresPerSocket, 1, cpu);
        if (cpu % corePerSocket !== 0) {
            throw invalidField(
                "corePerSocket",
                `a divisor of cpu (${cpu})`,
                `« corePerSocket » doit diviser « cpu » (${cpu})`,
                `"corePerSocket" must divide "cpu" (${cpu})`,
            );
        }
        const memoryReservation = within("memoryReservation", body.memoryReservation ?? vm.memoryReservation, 0, ram);
        if (vm.powerState === "running") {
            if (ram < vm.memory || (ram > vm.memory && !vm.memoryHotAddEnabled)) {
                throw ruleViolation(
                    "POWERED_ON",
                    "ram",
                    "la mémoire d'une machine démarrée ne peut qu'augmenter, et seulement avec l'ajout à chaud activé",
                    "the memory of a running virtual machine can only grow, and only with memory hot add enabled",
                );
            }
            if ((cpu > vm.cpu && !vm.cpuHotAddEnabled) || (cpu < vm.cpu && !vm.cpuHotRemoveEnabled)) {
                throw ruleViolation(
                    "POWERED_ON",
                    "cpu",
                    "changer le nombre de vCPU d'une machine démarrée demande l'ajout/retrait à chaud",
                    "changing the vCPUs of a running virtual machine needs CPU hot add/remove",
                );
            }
        }
        if (ram > vm.memory) {
            this.placement.checkCapacity(where.cluster, ram - vm.memory, "ram");
        }
        const changes: Partial<VirtualMachine> = {
            memory: ram,
            cpu,
            numCoresPerSocket: corePerSocket,
            memoryReservation,
            cpuHotAddEnabled: body.hotCpuAdd ?? vm.cpuHotAddEnabled,
            cpuHotRemoveEnabled: body.hotCpuRemove ?? vm.cpuHotRemoveEnabled,
            memoryHotAddEnabled: body.hotMemAdd ?? vm.memoryHotAddEnabled,
            exposeHardwareVirtualization: body.exposeHardwareVirtualization ?? vm.exposeHardwareVirtualization,
        };
        if (body.bootOptions) {
            const b = body.bootOptions;
            changes.bootOptions = {
                firmware: b.firmware ?? vm.bootOptions.firmware,
                bootDelay: b.bootDelay ?? vm.bootOptions.bootDelay,
                enterBIOSSetup: b.enterBIOSSetup ?? vm.bootOptions.enterBIOSSetup,
                bootRetryEnabled: b.bootRetryEnabled ?? vm.bootOptions.bootRetryEnabled,
                bootRetryDelay: b.bootRetryDelay ?? vm.bootOptions.bootRetryDelay,
                efiSecureBootEnabled: b.efiSecureBootEnabled ?? vm.bootOptions.efiSecureBootEnabled,
            };
        }
        return this.startUpdate(vm, changes, `Modification de ${vm.name} / Update ${vm.name}`);
    }

    rename(id: string, name: string): StoredActivity {
        const vm = this.vmIn(id, "id");
        this.checkName(name, vm.datacenterId, vm.id);
        return this.startUpdate(vm, { name }, `Renommage de ${vm.name} en ${name} / Rename ${vm.name} to ${name}`);
    }

    guest(id: string, moref: string): StoredActivity {
        const vm = this.vm(id);
        this.guestOs(moref, "guestOperatingSystemMoref");
        return this.startUpdate(vm, { guestOperatingSystemMoref: moref }, `Système invité de ${vm.name} / Guest OS of ${vm.name}`);
    }

    /** Writes that the sandbox records but that change nothing it models (guest customisation, extra config). */
    acknowledge(id: string, what: string): StoredActivity {
        const vm = this.vm(id);
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `${what} ${vm.name}`,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "noop", args: {} },
        });
    }

    private startUpdate(vm: VirtualMachine, changes: Partial<VirtualMachine>, description: string): StoredActivity {
        return this.p.activities.start({
            type: "ComputeActivity",
            description,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "vm.update", args: { id: vm.id, changes } },
        });
    }

    private applyUpdate(id: string, changes: Partial<VirtualMachine>): string {
        const vm = this.store.get<VirtualMachine>("vm", id);
        if (!vm) {
            throw new Error(`machine virtuelle supprimée / virtual machine gone: ${id}`);
        }
        this.store.put("vm", { ...vm, ...changes });
        return id;
    }

    // ---- power ---------------------------------------------------------------------------

    power(body: VmPower): StoredActivity {
        const vm = this.vmIn(body.id, "id");
        const dcId = given(body.datacenterId);
        if (dcId && dcId !== vm.datacenterId) {
            throw invalidField(
                "datacenterId",
                vm.datacenterId,
                `la machine ${vm.name} n'est pas dans le datacenter ${dcId}`,
                `virtual machine ${vm.name} is not in datacenter ${dcId}`,
            );
        }
        if (body.powerAction === "on") {
            this.checkCanPowerOn(vm.policyIds, "powerAction");
        }
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `${body.powerAction === "on" ? "Démarrage" : "Arrêt"} de ${vm.name} / Power ${body.powerAction} ${vm.name}`,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "vm.power", args: { id: vm.id, powerAction: body.powerAction } },
        });
    }

    private applyPower(id: string, action: "on" | "off"): string {
        const vm = this.store.get<VirtualMachine>("vm", id);
        if (!vm) {
            throw new Error(`machine virtuelle supprimée / virtual machine gone: ${id}`);
        }
        if (action === "on") {
            // The policies may have changed while the activity waited.
            this.checkCanPowerOn(vm.policyIds, "powerAction");
        }
        this.setPower(vm, action === "on" ? "running" : "stopped");
        return id;
    }

    /**
     * A VM's adapters follow its power state, as in vSphere: at power-on each connects if it is set
     * to connect at power-on (`autoConnect`); a stopped VM has no connected adapter.
     */
    setPower(vm: VirtualMachine, powerState: VirtualMachine["powerState"]): VirtualMachine {
        const updated = { ...vm, powerState };
        this.store.transaction(() => {
            this.store.put("vm", updated);
            if (powerState !== vm.powerState) {
                for (const a of this.store.where<NetworkAdapter>("adapter", "virtualMachineId", vm.id)) {
                    this.store.put("adapter", { ...a, connected: powerState === "running" && a.autoConnect });
                }
            }
        });
        return updated;
    }

    // ---- delete --------------------------------------------------------------------------

    remove(id: string): StoredActivity {
        const vm = this.vm(id);
        if (vm.powerState === "running") {
            throw ruleViolation(
                "POWERED_ON",
                "powerState",
                `la machine ${vm.name} est démarrée : arrêtez-la avant de la supprimer`,
                `virtual machine ${vm.name} is running: power it off before deleting it`,
            );
        }
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Suppression de ${vm.name} / Delete ${vm.name}`,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "vm.delete", args: { id: vm.id } },
        });
    }

    applyDelete(id: string): string {
        const vm = this.store.get<VirtualMachine>("vm", id);
        if (!vm) {
            throw new Error(`machine virtuelle déjà supprimée / virtual machine already gone: ${id}`);
        }
        if (vm.powerState === "running") {
            throw new Error(`la machine ${vm.name} est démarrée / virtual machine ${vm.name} is running`);
        }
        this.store.transaction(() => {
            this.store.where<VirtualDisk>("disk", "virtualMachineId", id).forEach((d) => this.store.delete("disk", d.id));
            this.store.where<NetworkAdapter>("adapter", "virtualMachineId", id).forEach((a) => this.store.delete("adapter", a.id));
            this.store.where<Tag>("tag", "resource", id).forEach((t) => this.store.delete("tag", t.id));
            this.store.delete("vm", id);
        });
        return id;
    }
}
