// VMware compute: virtual machines, their disks and network adapters. Requests are checked at once
// (placement, capacity, bounds, backup rules of an SNC tenant); the change is applied when its
// activity ends, and checked again then, since other work may have landed in between.
import { StoredActivity } from "../store/database";
import { newId, newMac } from "../store/ids";
import { invalidField, notFound, ruleViolation } from "./errors";
import {
    BackupPolicy,
    bladeModels,
    ContentLibraryItem,
    Datacenter,
    Datastore,
    DatastoreCluster,
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
import { Platform } from "./platform";
import {
    asBody,
    Body,
    integerIn,
    oneOf,
    optionalBoolean,
    optionalString,
    optionalUuid,
    requiredString,
    requiredUuid,
    stringArray,
} from "./validate";
import { clusterMemory, datastoreUsed } from "./views";

const diskModes = ["persistent", "independent_nonpersistent", "independent_persistent"] as const;
const provisioningTypes = ["dynamic", "staticImmediate", "staticDiffered"] as const;
const adapterTypes = ["VMXNET3", "E1000", "E1000E"] as const;
const maxDisk = 62 * 1024 * GiB;
const minMemory = 128 * MiB;
const defaultMemory = GiB;

const defaultBoot = { firmware: "bios", bootDelay: 0, enterBIOSSetup: false, bootRetryEnabled: false, bootRetryDelay: 10000, efiSecureBootEnabled: false };

export class Compute {
    constructor(private readonly p: Platform) {
        const a = p.activities;
        a.register("vm.create", (args) => this.applyCreate(args.vm as VirtualMachine, (args.disks ?? []) as VirtualDisk[], (args.adapters ?? []) as NetworkAdapter[]));
        a.register("vm.update", (args) => this.applyUpdate(args.id as string, args.changes as Partial<VirtualMachine>));
        a.register("vm.power", (args) => this.applyPower(args.id as string, args.powerAction as "on" | "off"));
        a.register("vm.delete", (args) => this.applyDelete(args.id as string));
        a.register("disk.create", (args) => this.applyDiskCreate(args.disk as VirtualDisk));
        a.register("disk.update", (args) => this.applyDiskUpdate(args.id as string, args.changes as Partial<VirtualDisk>));
        a.register("disk.delete", (args) => { this.p.store.delete("disk", args.id as string); });
        a.register("adapter.create", (args) => this.applyAdapterCreate(args.adapter as NetworkAdapter));
        a.register("adapter.update", (args) => this.applyAdapterUpdate(args.id as string, args.changes as Partial<NetworkAdapter>));
        a.register("adapter.delete", (args) => { this.p.store.delete("adapter", args.id as string); });
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

    private vmField(body: Body, field: string): VirtualMachine {
        const id = requiredUuid(body, field);
        const vm = this.store.get<VirtualMachine>("vm", id);
        if (!vm) {
            throw invalidField(field, "the id of an existing virtual machine", `aucune machine virtuelle ${id}`, `no virtual machine ${id}`);
        }
        return vm;
    }

    /** Datacenter, cluster, host and datastore of a placement, each checked to exist and to belong together. */
    placement(body: Body, defaults?: VirtualMachine): { dc: Datacenter; cluster: HostCluster; hostId: string; datastore: Datastore; datastoreClusterId?: string } {
        const dcId = optionalUuid(body, "datacenterId") ?? defaults?.datacenterId ?? requiredUuid(body, "datacenterId");
        const dc = this.store.get<Datacenter>("datacenter", dcId);
        if (!dc) {
            throw invalidField("datacenterId", "the id of one of the tenant's virtual datacenters", `datacenter virtuel inconnu : ${dcId}`, `unknown virtual datacenter: ${dcId}`);
        }
        const clusterId = optionalUuid(body, "hostClusterId") ?? defaults?.hostClusterId ?? requiredUuid(body, "hostClusterId");
        const cluster = this.store.get<HostCluster>("hostCluster", clusterId);
        if (!cluster) {
            throw invalidField("hostClusterId", "the id of one of the tenant's host clusters", `cluster d'hôtes inconnu : ${clusterId}`, `unknown host cluster: ${clusterId}`);
        }
        if (cluster.datacenterId !== dc.id) {
            throw invalidField("hostClusterId", `a host cluster of datacenter ${dc.name}`, `le cluster ${cluster.name} n'appartient pas au datacenter ${dc.name}`, `host cluster ${cluster.name} is not in datacenter ${dc.name}`);
        }
        const hostId = optionalUuid(body, "hostId") ?? cluster.hostIds[0];
        if (!cluster.hostIds.includes(hostId)) {
            throw invalidField("hostId", `a host of cluster ${cluster.name}`, `l'hôte ${hostId} n'appartient pas au cluster ${cluster.name}`, `host ${hostId} is not in cluster ${cluster.name}`);
        }
        let datastoreId = optionalUuid(body, "datastoreId");
        const datastoreClusterId = optionalUuid(body, "datastoreClusterId");
        let sdrs: string | undefined;
        if (!datastoreId && datastoreClusterId) {
            const group = this.store.get<DatastoreCluster>("datastoreCluster", datastoreClusterId);
            if (!group || group.datacenterId !== dc.id) {
                throw invalidField("datastoreClusterId", `a datastore cluster of datacenter ${dc.name}`, `cluster de datastores inconnu dans ${dc.name} : ${datastoreClusterId}`, `unknown datastore cluster in ${dc.name}: ${datastoreClusterId}`);
            }
            // Storage DRS picks the member with the most free space.
            datastoreId = group.datastoreIds
                .map((id) => this.store.get<Datastore>("datastore", id) as Datastore)
                .sort((x, y) => (y.maxCapacity - datastoreUsed(this.store, y.id)) - (x.maxCapacity - datastoreUsed(this.store, x.id)))[0]?.id;
            sdrs = group.id;
        }
        datastoreId = datastoreId ?? (defaults && !datastoreClusterId ? defaults.datastoreId : undefined);
        if (!datastoreId) {
            throw invalidField("datastoreId", "a datastore id (or datastoreClusterId)", "le champ « datastoreId » ou « datastoreClusterId » est obligatoire", `field "datastoreId" or "datastoreClusterId" is required`);
        }
        const datastore = this.store.get<Datastore>("datastore", datastoreId);
        if (!datastore) {
            throw invalidField("datastoreId", "the id of one of the tenant's datastores", `datastore inconnu : ${datastoreId}`, `unknown datastore: ${datastoreId}`);
        }
        if (datastore.datacenterId !== dc.id || !datastore.hostClusterIds.includes(cluster.id)) {
            throw invalidField("datastoreId", `a datastore mounted on cluster ${cluster.name} (${cluster.availabilityZone})`, `le datastore ${datastore.name} (${datastore.availabilityZone}) n'est pas monté sur le cluster ${cluster.name} (${cluster.availabilityZone})`, `datastore ${datastore.name} (${datastore.availabilityZone}) is not mounted on cluster ${cluster.name} (${cluster.availabilityZone})`);
        }
        return { dc, cluster, hostId, datastore, datastoreClusterId: sdrs ?? datastore.datastoreClusterId };
    }

    private checkName(name: string, datacenterId: string, exceptId?: string): void {
        if (name.length > 80 || /[/\\%]/.test(name)) {
            throw invalidField("name", "1 to 80 characters, without / \\ %", "nom invalide : 1 à 80 caractères, sans / \\ %", "invalid name: 1 to 80 characters, without / \\ %");
        }
        const taken = this.store.where<VirtualMachine>("vm", "name", name).some((v) => v.datacenterId === datacenterId && v.id !== exceptId)
            || this.p.pendingEffects("vm.create").some((a) => { const v = a.vm as VirtualMachine; return v.name === name && v.datacenterId === datacenterId; });
        if (taken) {
            throw invalidField("name", "a name not used in this datacenter", `une machine virtuelle nommée « ${name} » existe déjà dans ce datacenter`, `a virtual machine named "${name}" already exists in this datacenter`);
        }
    }

    private memoryBounds(cluster: HostCluster): number {
        return bladeModels[cluster.bladeModel].memoryGiB * GiB;
    }

    /** Memory of the cluster's VMs plus VMs being created there, plus `extra`, must fit in the blades' RAM. */
    private checkCapacity(cluster: HostCluster, extra: number, field: string): void {
        const { total, used } = clusterMemory(this.store, cluster);
        const inFlight = this.p.pendingEffects("vm.create").map((a) => a.vm as VirtualMachine).filter((v) => v.hostClusterId === cluster.id).reduce((s, v) => s + v.memory, 0);
        if (used + inFlight + extra > total) {
            const free = Math.max(0, total - used - inFlight);
            throw ruleViolation("CAPACITY", field, `mémoire insuffisante sur le cluster ${cluster.name} : ${Math.floor(free / MiB)} Mio libres`, `not enough memory on host cluster ${cluster.name}: ${Math.floor(free / MiB)} MiB free`);
        }
    }

    private checkDatastoreSpace(ds: Datastore, extra: number, field: string): void {
        const inFlight = this.p.pendingEffects("disk.create").map((a) => a.disk as VirtualDisk).filter((d) => d.datastoreId === ds.id).reduce((s, d) => s + d.capacity, 0);
        const free = ds.maxCapacity - datastoreUsed(this.store, ds.id) - inFlight;
        if (extra > free) {
            throw ruleViolation("CAPACITY", field, `espace insuffisant sur le datastore ${ds.name} : ${Math.floor(free / GiB)} Gio libres`, `not enough space on datastore ${ds.name}: ${Math.floor(free / GiB)} GiB free`);
        }
    }

    /** SNC: a VM starts only with at least one backup policy, none of them HELD. */
    checkCanPowerOn(policyIds: string[], field: string): void {
        if (this.p.tenant().snc && policyIds.length === 0) {
            throw ruleViolation("SNC_BACKUP_REQUIRED", field,
                "SecNumCloud : une machine virtuelle ne peut être démarrée sans politique de sauvegarde (éventuellement « nobackup »)",
                "SecNumCloud: a virtual machine cannot be powered on without a backup policy (possibly \"nobackup\")");
        }
        const held = policyIds.map((id) => this.store.get<BackupPolicy>("policy", id)).filter((x) => x?.status === "HELD");
        if (held.length > 0) {
            throw ruleViolation("POLICY_HELD", field, `la politique ${held[0]?.name} est suspendue (HELD) : la machine ne peut pas démarrer`, `policy ${held[0]?.name} is HELD: the virtual machine cannot start`);
        }
    }

    // ---- virtual machines ----------------------------------------------------------------

    create(raw: unknown): StoredActivity {
        const body = asBody(raw);
        const name = requiredString(body, "name");
        const where = this.placement(body);
        this.checkName(name, where.dc.id);
        const maxMem = this.memoryBounds(where.cluster);
        // Memory and CPU may be left out: the real API then applies defaults (its client's own tests create that way).
        const memory = integerIn(body, "memory", minMemory, maxMem, false) ?? defaultMemory;
        if (memory % (4 * MiB) !== 0) {
            throw invalidField("memory", "bytes, a multiple of 4 MiB (4194304)", "la mémoire doit être un multiple de 4 Mio (4194304 octets)", "memory must be a multiple of 4 MiB (4194304 bytes)");
        }
        const cpu = integerIn(body, "cpu", 1, bladeModels[where.cluster.bladeModel].threads, false) ?? 1;
        const moref = requiredString(body, "guestOperatingSystemMoref");
        if (!this.store.get<GuestOs>("guestOs", moref)) {
            const allowed = this.store.list<GuestOs>("guestOs").map((g) => g.id).join(", ");
            throw invalidField("guestOperatingSystemMoref", allowed, `système invité inconnu « ${moref} »`, `unknown guest operating system "${moref}"`);
        }
        this.checkCapacity(where.cluster, memory, "memory");
        const vm = this.newVm({ name, memory, cpu, guestOperatingSystemMoref: moref }, where);
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Création de la machine virtuelle ${name} / Create virtual machine ${name}`,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "vm.create", args: { vm } },
            creates: true,
        });
    }

    private newVm(spec: Pick<VirtualMachine, "name" | "memory" | "cpu" | "guestOperatingSystemMoref">, where: ReturnType<Compute["placement"]>): VirtualMachine {
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

    clone(sourceId: string, raw: unknown): StoredActivity {
        const source = this.vm(sourceId);
        const body = asBody(raw);
        const name = requiredString(body, "name");
        const powerOn = optionalBoolean(body, "powerOn") ?? false;
        const where = this.placement(body, source);
        this.checkName(name, where.dc.id);
        this.checkCapacity(where.cluster, source.memory, "hostClusterId");
        if (powerOn) {
            this.checkCanPowerOn([], "powerOn");
        }
        const vm: VirtualMachine = { ...this.newVm({ ...source, name }, where), memoryReservation: source.memoryReservation, numCoresPerSocket: source.numCoresPerSocket,
            cpuHotAddEnabled: source.cpuHotAddEnabled, cpuHotRemoveEnabled: source.cpuHotRemoveEnabled, memoryHotAddEnabled: source.memoryHotAddEnabled,
            bootOptions: { ...source.bootOptions }, powerState: powerOn ? "running" : "stopped" };
        const disks = this.store.list<VirtualDisk>("disk").filter((d) => d.virtualMachineId === source.id)
            .map((d) => ({ ...d, id: newId(), virtualMachineId: vm.id, datastoreId: where.datastore.id, policyIds: [], inventoried: false }));
        this.checkDatastoreSpace(where.datastore, disks.reduce((s, d) => s + d.capacity, 0), "datastoreId");
        const adapters = this.store.list<NetworkAdapter>("adapter").filter((a) => a.virtualMachineId === source.id)
            .map((a) => ({ ...a, id: newId(), virtualMachineId: vm.id, macType: "GENERATED" as const, macAddress: newMac() }));
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Clonage de ${source.name} en ${name} / Clone ${source.name} to ${name}`,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "vm.create", args: { vm, disks, adapters } },
            creates: true,
        });
    }

    deploy(libraryId: string, raw: unknown): StoredActivity {
        const body = asBody(raw);
        const itemId = requiredUuid(body, "contentLibraryItemId");
        const item = this.store.get<ContentLibraryItem>("contentLibraryItem", itemId);
        if (!item || item.contentLibraryId !== libraryId) {
            throw invalidField("contentLibraryItemId", `an item of content library ${libraryId}`, `élément de bibliothèque inconnu : ${itemId}`, `unknown content library item: ${itemId}`);
        }
        const name = requiredString(body, "name");
        const powerOn = optionalBoolean(body, "powerOn") ?? false;
        const hostCluster = optionalUuid(body, "hostClusterId");
        const cluster = hostCluster ? this.store.get<HostCluster>("hostCluster", hostCluster) : undefined;
        const where = this.placement({ ...body, datacenterId: optionalUuid(body, "datacenterId") ?? cluster?.datacenterId });
        this.checkName(name, where.dc.id);
        const memory = 2 * GiB;
        this.checkCapacity(where.cluster, memory, "hostClusterId");
        this.checkDatastoreSpace(where.datastore, item.size, "datastoreId");
        if (powerOn) {
            this.checkCanPowerOn([], "powerOn");
        }
        const vm: VirtualMachine = { ...this.newVm({ name, memory, cpu: 2, guestOperatingSystemMoref: item.guestOperatingSystemMoref }, where), powerState: powerOn ? "running" : "stopped" };
        const provisioningType = oneOf(body, "disksProvisioningType", provisioningTypes, false) ?? "dynamic";
        const disks: VirtualDisk[] = [{ id: newId(), name: "Hard disk 1", virtualMachineId: vm.id, datastoreId: where.datastore.id, capacity: item.size, diskMode: "persistent",
            provisioningType, diskUnitNumber: 0, controllerId: `${vm.id}-scsi0`, policyIds: [], inventoried: false }];
        const networkData = Array.isArray(body.networkData) ? (body.networkData as Body[]) : [];
        const adapters: NetworkAdapter[] = networkData.map((n, i) => ({
            id: newId(), name: `Network adapter ${i + 1}`, virtualMachineId: vm.id, networkId: this.networkIn(requiredUuid(n, "networkId"), where.dc.id, "networkData.networkId").id,
            type: "VMXNET3", macType: "GENERATED", macAddress: newMac(), connected: true, autoConnect: true,
        }));
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Déploiement de ${item.name} en ${name} / Deploy ${item.name} as ${name}`,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "vm.create", args: { vm, disks, adapters } },
            creates: true,
        });
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

    update(raw: unknown): StoredActivity {
        const body = asBody(raw);
        const vm = this.vmField(body, "id");
        const cluster = this.store.get<HostCluster>("hostCluster", vm.hostClusterId) as HostCluster;
        const ram = integerIn(body, "ram", minMemory, this.memoryBounds(cluster), false) ?? vm.memory;
        if (ram % (4 * MiB) !== 0) {
            throw invalidField("ram", "bytes, a multiple of 4 MiB (4194304)", "la mémoire doit être un multiple de 4 Mio (4194304 octets)", "ram must be a multiple of 4 MiB (4194304 bytes)");
        }
        const cpu = integerIn(body, "cpu", 1, bladeModels[cluster.bladeModel].threads, false) ?? vm.cpu;
        const corePerSocket = integerIn(body, "corePerSocket", 1, cpu, false) ?? vm.numCoresPerSocket;
        if (cpu % corePerSocket !== 0) {
            throw invalidField("corePerSocket", `a divisor of cpu (${cpu})`, `« corePerSocket » doit diviser « cpu » (${cpu})`, `"corePerSocket" must divide "cpu" (${cpu})`);
        }
        const memoryReservation = integerIn(body, "memoryReservation", 0, ram, false) ?? vm.memoryReservation;
        if (vm.powerState === "running") {
            if (ram < vm.memory || (ram > vm.memory && !vm.memoryHotAddEnabled)) {
                throw ruleViolation("POWERED_ON", "ram", "la mémoire d'une machine démarrée ne peut qu'augmenter, et seulement avec l'ajout à chaud activé", "the memory of a running virtual machine can only grow, and only with memory hot add enabled");
            }
            if ((cpu > vm.cpu && !vm.cpuHotAddEnabled) || (cpu < vm.cpu && !vm.cpuHotRemoveEnabled)) {
                throw ruleViolation("POWERED_ON", "cpu", "changer le nombre de vCPU d'une machine démarrée demande l'ajout/retrait à chaud", "changing the vCPUs of a running virtual machine needs CPU hot add/remove");
            }
        }
        if (ram > vm.memory) {
            this.checkCapacity(cluster, ram - vm.memory, "ram");
        }
        const changes: Partial<VirtualMachine> = {
            memory: ram, cpu, numCoresPerSocket: corePerSocket, memoryReservation,
            cpuHotAddEnabled: optionalBoolean(body, "hotCpuAdd") ?? vm.cpuHotAddEnabled,
            cpuHotRemoveEnabled: optionalBoolean(body, "hotCpuRemove") ?? vm.cpuHotRemoveEnabled,
            memoryHotAddEnabled: optionalBoolean(body, "hotMemAdd") ?? vm.memoryHotAddEnabled,
            exposeHardwareVirtualization: optionalBoolean(body, "exposeHardwareVirtualization") ?? vm.exposeHardwareVirtualization,
        };
        if (body.bootOptions && typeof body.bootOptions === "object") {
            const b = body.bootOptions as Body;
            const firmware = oneOf(b, "firmware", ["bios", "efi"] as const, false);
            changes.bootOptions = {
                firmware: firmware ?? vm.bootOptions.firmware,
                bootDelay: integerIn(b, "bootDelay", 0, 65535, false) ?? vm.bootOptions.bootDelay,
                enterBIOSSetup: optionalBoolean(b, "enterBIOSSetup") ?? vm.bootOptions.enterBIOSSetup,
                bootRetryEnabled: optionalBoolean(b, "bootRetryEnabled") ?? vm.bootOptions.bootRetryEnabled,
                bootRetryDelay: integerIn(b, "bootRetryDelay", 0, 3_600_000, false) ?? vm.bootOptions.bootRetryDelay,
                efiSecureBootEnabled: optionalBoolean(b, "efiSecureBootEnabled") ?? vm.bootOptions.efiSecureBootEnabled,
            };
        }
        return this.startUpdate(vm, changes, `Modification de ${vm.name} / Update ${vm.name}`);
    }

    rename(raw: unknown): StoredActivity {
        const body = asBody(raw);
        const vm = this.vmField(body, "id");
        const name = requiredString(body, "name");
        this.checkName(name, vm.datacenterId, vm.id);
        return this.startUpdate(vm, { name }, `Renommage de ${vm.name} en ${name} / Rename ${vm.name} to ${name}`);
    }

    guest(id: string, raw: unknown): StoredActivity {
        const vm = this.vm(id);
        const moref = requiredString(asBody(raw), "guestOperatingSystemMoref");
        if (!this.store.get<GuestOs>("guestOs", moref)) {
            throw invalidField("guestOperatingSystemMoref", this.store.list<GuestOs>("guestOs").map((g) => g.id).join(", "), `système invité inconnu « ${moref} »`, `unknown guest operating system "${moref}"`);
        }
        return this.startUpdate(vm, { guestOperatingSystemMoref: moref }, `Système invité de ${vm.name} / Guest OS of ${vm.name}`);
    }

    /** Writes that the sandbox records but that change nothing it models (guest customisation, extra config). */
    acknowledge(id: string, what: string): StoredActivity {
        const vm = this.vm(id);
        return this.p.activities.start({ type: "ComputeActivity", description: `${what} ${vm.name}`, concernedItems: [{ id: vm.id, type: "virtual_machine" }], effect: { op: "noop", args: {} } });
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

    power(raw: unknown): StoredActivity {
        const body = asBody(raw);
        const vm = this.vmField(body, "id");
        const action = oneOf(body, "powerAction", ["on", "off"] as const) as "on" | "off";
        const dcId = optionalUuid(body, "datacenterId");
        if (dcId && dcId !== vm.datacenterId) {
            throw invalidField("datacenterId", vm.datacenterId, `la machine ${vm.name} n'est pas dans le datacenter ${dcId}`, `virtual machine ${vm.name} is not in datacenter ${dcId}`);
        }
        if (action === "on") {
            this.checkCanPowerOn(vm.policyIds, "powerAction");
        }
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `${action === "on" ? "Démarrage" : "Arrêt"} de ${vm.name} / Power ${action} ${vm.name}`,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "vm.power", args: { id: vm.id, powerAction: action } },
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
        this.store.put("vm", { ...vm, powerState: action === "on" ? "running" : "stopped" });
        return id;
    }

    recommendations(query: { virtualMachineId?: string; hostClusterId?: string }): unknown[] {
        const vm = query.virtualMachineId ? this.store.get<VirtualMachine>("vm", query.virtualMachineId) : undefined;
        const cluster = this.store.get<HostCluster>("hostCluster", query.hostClusterId ?? vm?.hostClusterId ?? "");
        if (!cluster) {
            return [];
        }
        return cluster.hostIds.slice(0, 1).map((hostId, i) => ({
            key: i + 1, hostClusterId: cluster.id, hostId, hostClusterName: cluster.name, hostName: this.store.get<{ name: string }>("host", hostId)?.name ?? "",
        }));
    }

    remove(id: string): StoredActivity {
        const vm = this.vm(id);
        if (vm.powerState === "running") {
            throw ruleViolation("POWERED_ON", "powerState", `la machine ${vm.name} est démarrée : arrêtez-la avant de la supprimer`, `virtual machine ${vm.name} is running: power it off before deleting it`);
        }
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Suppression de ${vm.name} / Delete ${vm.name}`,
            concernedItems: [{ id: vm.id, type: "virtual_machine" }],
            effect: { op: "vm.delete", args: { id: vm.id } },
        });
    }

    private applyDelete(id: string): string {
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

    // ---- virtual disks -------------------------------------------------------------------

    createDisk(raw: unknown): StoredActivity {
        const body = asBody(raw);
        const vm = this.vmField(body, "virtualMachineId");
        const capacity = integerIn(body, "capacity", MiB, maxDisk) as number;
        const diskMode = oneOf(body, "diskMode", diskModes) as string;
        const provisioningType = oneOf(body, "provisioningType", provisioningTypes) as string;
        let datastoreId = optionalUuid(body, "datastoreId");
        const groupId = optionalUuid(body, "datastoreClusterId");
        if (!datastoreId && groupId) {
            const group = this.store.get<DatastoreCluster>("datastoreCluster", groupId);
            if (!group || group.datacenterId !== vm.datacenterId) {
                throw invalidField("datastoreClusterId", "a datastore cluster of the virtual machine's datacenter", `cluster de datastores inconnu : ${groupId}`, `unknown datastore cluster: ${groupId}`);
            }
            datastoreId = group.datastoreIds[0];
        }
        datastoreId = datastoreId ?? vm.datastoreId;
        const ds = this.store.get<Datastore>("datastore", datastoreId);
        if (!ds || ds.datacenterId !== vm.datacenterId) {
            throw invalidField("datastoreId", "a datastore of the virtual machine's datacenter", `datastore inconnu ou hors du datacenter de la machine : ${datastoreId}`, `unknown datastore, or not in the virtual machine's datacenter: ${datastoreId}`);
        }
        this.checkDatastoreSpace(ds, capacity, "capacity");
        const used = new Set([
            ...this.store.list<VirtualDisk>("disk").filter((d) => d.virtualMachineId === vm.id).map((d) => d.diskUnitNumber),
            ...this.p.pendingEffects("disk.create").map((a) => a.disk as VirtualDisk).filter((d) => d.virtualMachineId === vm.id).map((d) => d.diskUnitNumber),
        ]);
        let unit = 0;
        while (used.has(unit) || unit === 7) {
            unit++; // unit 7 is the SCSI controller's own
        }
        const disk: VirtualDisk = {
            id: newId(), name: `Hard disk ${unit + 1}`, virtualMachineId: vm.id, datastoreId: ds.id, capacity, diskMode, provisioningType,
            diskUnitNumber: unit, controllerId: optionalString(body, "controllerId") ?? `${vm.id}-scsi0`, policyIds: [], inventoried: false,
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

    updateDisk(raw: unknown): StoredActivity {
        const body = asBody(raw);
        const id = requiredUuid(body, "id");
        const disk = this.store.get<VirtualDisk>("disk", id);
        if (!disk) {
            throw invalidField("id", "the id of an existing virtual disk", `aucun disque virtuel ${id}`, `no virtual disk ${id}`);
        }
        const newCapacity = integerIn(body, "newCapacity", MiB, maxDisk, false);
        if (newCapacity !== undefined && newCapacity < disk.capacity) {
            throw invalidField("newCapacity", `at least the current capacity (${disk.capacity})`, "un disque ne peut pas être réduit", "a disk cannot shrink");
        }
        if (newCapacity !== undefined && newCapacity > disk.capacity) {
            this.checkDatastoreSpace(this.store.get<Datastore>("datastore", disk.datastoreId) as Datastore, newCapacity - disk.capacity, "newCapacity");
        }
        const diskMode = oneOf(body, "diskMode", diskModes, false);
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Modification du disque ${disk.name} / Update disk ${disk.name}`,
            concernedItems: [{ id: disk.id, type: "virtual_disk" }],
            effect: { op: "disk.update", args: { id, changes: { ...(newCapacity ? { capacity: newCapacity } : {}), ...(diskMode ? { diskMode } : {}) } } },
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

    private networkIn(id: string, datacenterId: string, field: string): Network {
        const n = this.store.get<Network>("network", id);
        if (!n || n.datacenterId !== datacenterId) {
            throw invalidField(field, "a network of the virtual machine's datacenter", `réseau inconnu ou hors du datacenter de la machine : ${id}`, `unknown network, or not in the virtual machine's datacenter: ${id}`);
        }
        return n;
    }

    private macField(body: Body, field: string): string | undefined {
        const mac = optionalString(body, field);
        if (mac !== undefined && !/^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/.test(mac)) {
            throw invalidField(field, "a MAC address such as 00:50:56:aa:bb:cc", `adresse MAC invalide « ${mac} »`, `invalid MAC address "${mac}"`);
        }
        return mac?.toLowerCase();
    }

    createAdapter(raw: unknown): StoredActivity {
        const body = asBody(raw);
        const vm = this.vmField(body, "virtualMachineId");
        const network = this.networkIn(requiredUuid(body, "networkId"), vm.datacenterId, "networkId");
        const type = oneOf(body, "type", adapterTypes) as string;
        const mac = this.macField(body, "macAddress");
        const count = this.store.list<NetworkAdapter>("adapter").filter((a) => a.virtualMachineId === vm.id).length
            + this.p.pendingEffects("adapter.create").filter((a) => (a.adapter as NetworkAdapter).virtualMachineId === vm.id).length;
        if (count >= 10) {
            throw invalidField("virtualMachineId", "a virtual machine with fewer than 10 adapters", "10 cartes réseau au plus par machine virtuelle", "at most 10 network adapters per virtual machine");
        }
        const adapter: NetworkAdapter = {
            id: newId(), name: `Network adapter ${count + 1}`, virtualMachineId: vm.id, networkId: network.id, type,
            macType: mac ? "MANUAL" : "GENERATED", macAddress: mac ?? newMac(), connected: true, autoConnect: true,
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

    updateAdapter(raw: unknown, connect?: boolean): StoredActivity {
        const body = asBody(raw);
        const id = requiredUuid(body, "id");
        const adapter = this.store.get<NetworkAdapter>("adapter", id);
        if (!adapter) {
            throw invalidField("id", "the id of an existing network adapter", `aucune carte réseau ${id}`, `no network adapter ${id}`);
        }
        const changes: Partial<NetworkAdapter> = {};
        if (connect !== undefined) {
            changes.connected = connect;
        } else {
            const vm = this.vm(adapter.virtualMachineId);
            changes.networkId = this.networkIn(requiredUuid(body, "newNetworkId"), vm.datacenterId, "newNetworkId").id;
            changes.autoConnect = optionalBoolean(body, "autoConnect") ?? adapter.autoConnect;
            const mac = this.macField(body, "macAddress");
            if (mac) {
                changes.macAddress = mac;
                changes.macType = "MANUAL";
            }
        }
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Modification de ${adapter.name} / Update ${adapter.name}`,
            concernedItems: [{ id: adapter.id, type: "network_adapter" }],
            effect: { op: "adapter.update", args: { id, changes } },
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

    removeAdapter(id: string): StoredActivity {
        const a = this.adapter(id);
        return this.p.activities.start({
            type: "ComputeActivity",
            description: `Suppression de ${a.name} / Delete ${a.name}`,
            concernedItems: [{ id: a.id, type: "network_adapter" }],
            effect: { op: "adapter.delete", args: { id } },
        });
    }

    // ---- out-of-band changes (admin endpoint) --------------------------------------------

    /** Creates a VM at once, without an activity: a VM made outside the API client (for import tests). */
    createOutOfBand(raw: unknown): VirtualMachine {
        const body = asBody(raw);
        const name = requiredString(body, "name");
        const where = this.placement(body);
        this.checkName(name, where.dc.id);
        const memory = integerIn(body, "memory", minMemory, this.memoryBounds(where.cluster), false) ?? 2 * GiB;
        const cpu = integerIn(body, "cpu", 1, bladeModels[where.cluster.bladeModel].threads, false) ?? 2;
        const moref = optionalString(body, "guestOperatingSystemMoref") ?? "ubuntu64Guest";
        const policyIds = stringArray(body, "slaPolicies", false);
        for (const id of policyIds) {
            if (!this.store.get<BackupPolicy>("policy", id)) {
                throw invalidField("slaPolicies", "ids of the tenant's backup policies", `politique inconnue : ${id}`, `unknown policy: ${id}`);
            }
        }
        const powerState = oneOf(body, "powerState", ["running", "stopped"] as const, false) ?? "stopped";
        const vm: VirtualMachine = { ...this.newVm({ name, memory, cpu, guestOperatingSystemMoref: moref }, where), policyIds, inventoried: true, powerState };
        this.store.put("vm", vm);
        return vm;
    }

    /** Changes a VM at once (drift): memory, cpu, name, powerState. */
    driftOutOfBand(id: string, raw: unknown): VirtualMachine {
        const vm = this.vm(id);
        const body = asBody(raw);
        const changes: Partial<VirtualMachine> = {};
        const memory = integerIn(body, "memory", minMemory, 64 * 1024 * GiB, false);
        if (memory !== undefined) {
            changes.memory = memory;
        }
        const cpu = integerIn(body, "cpu", 1, 1024, false);
        if (cpu !== undefined) {
            changes.cpu = cpu;
        }
        const name = optionalString(body, "name");
        if (name !== undefined) {
            changes.name = name;
        }
        const powerState = oneOf(body, "powerState", ["running", "stopped"] as const, false);
        if (powerState !== undefined) {
            changes.powerState = powerState;
        }
        const updated = { ...vm, ...changes };
        this.store.put("vm", updated);
        return updated;
    }

    deleteOutOfBand(id: string): void {
        const vm = this.vm(id);
        this.store.put("vm", { ...vm, powerState: "stopped" });
        this.applyDelete(id);
    }
}
