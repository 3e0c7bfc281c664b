// Wire shapes of the customer API (reference/api-contract.md): camelCase keys, ints where the Go
// client decodes ints, strings where it decodes strings. Sandbox extensions are marked.
import { Store } from "../store/database";
import {
    BackupPolicy,
    bladeModels,
    ContentLibrary,
    ContentLibraryItem,
    Datacenter,
    Datastore,
    DatastoreCluster,
    GiB,
    GuestOs,
    Host,
    HostCluster,
    MachineManager,
    Network,
    NetworkAdapter,
    Tenant,
    VirtualDisk,
    VirtualMachine,
} from "./model";

type Ref = { id: string; name: string };

function ref(store: Store, kind: Parameters<Store["get"]>[0], id: string | undefined): Ref {
    if (!id) {
        return { id: "", name: "" };
    }
    const o = store.get<{ id: string; name: string }>(kind, id);
    return { id, name: o?.name ?? "" };
}

export function vmsOnCluster(store: Store, clusterId: string): VirtualMachine[] {
    return store.where<VirtualMachine>("vm", "hostClusterId", clusterId);
}

export function clusterMemory(store: Store, c: HostCluster): { total: number; used: number } {
    const total = c.hostIds.length * bladeModels[c.bladeModel].memoryGiB * GiB;
    const used = vmsOnCluster(store, c.id).reduce((sum, vm) => sum + vm.memory, 0);
    return { total, used };
}

export function datastoreUsed(store: Store, datastoreId: string): number {
    return store.where<VirtualDisk>("disk", "datastoreId", datastoreId).reduce((sum, d) => sum + d.capacity, 0);
}

export function tenantView(t: Tenant) {
    return { id: t.id, name: t.name, snc: t.snc, companyId: t.companyId };
}

export function machineManagerView(store: Store, m: MachineManager, tenant: Tenant) {
    return {
        id: m.id,
        name: m.name,
        fullName: `VMware vCenter Server 8.0.3 (${m.name})`,
        vendor: "VMware, Inc.",
        version: "8.0.3",
        build: 24322831,
        localeVersion: "INTL",
        localeBuild: 0,
        osType: "linux-x64",
        productLineId: "vpx",
        apiType: "VirtualCenter",
        apiVersion: "8.0.3.0",
        instanceUuid: m.id,
        licenseProductName: "VMware VirtualCenter Server",
        licenseProductVersion: 8,
        tenantId: tenant.id,
        tenantName: tenant.name,
        availabilityZone: m.availabilityZone, // extension
    };
}

export function datacenterView(store: Store, d: Datacenter, tenant: Tenant) {
    const mm = ref(store, "machineManager", d.machineManagerId);
    return { id: d.id, name: d.name, tenantId: tenant.id, machineManager: mm, vCenter: mm, availabilityZone: d.availabilityZone };
}

export function hostClusterView(store: Store, c: HostCluster) {
    const mem = clusterMemory(store, c);
    const blade = bladeModels[c.bladeModel];
    const datastores = store.list<Datastore>("datastore").filter((d) => d.hostClusterIds.includes(c.id));
    const totalStorage = datastores.reduce((s, d) => s + d.maxCapacity, 0);
    const storageUsed = datastores.reduce((s, d) => s + datastoreUsed(store, d.id), 0);
    const vms = vmsOnCluster(store, c.id);
    return {
        id: c.id,
        name: c.name,
        moref: c.moref,
        hosts: c.hostIds.map((id) => ({ id, type: "HostSystem" })),
        metrics: {
            totalCpu: c.hostIds.length * blade.threads * 2400,
            totalMemory: mem.total,
            totalStorage,
            cpuUsed: vms.filter((v) => v.powerState === "running").reduce((s, v) => s + v.cpu * 300, 0),
            memoryUsed: mem.used,
            storageUsed,
        },
        virtualMachinesNumber: vms.length,
        machineManager: ref(store, "machineManager", c.machineManagerId),
        datacenter: ref(store, "datacenter", c.datacenterId),
        // extensions
        availabilityZone: c.availabilityZone,
        bladeModel: c.bladeModel,
        hostsNumber: c.hostIds.length,
    };
}

export function hostView(store: Store, h: Host) {
    const cluster = store.get<HostCluster>("hostCluster", h.hostClusterId);
    const blade = bladeModels[cluster?.bladeModel ?? "STANDARD_V3"];
    const vms = store.where<VirtualMachine>("vm", "hostId", h.id);
    return {
        id: h.id,
        name: h.name,
        moref: h.moref,
        machineManager: ref(store, "machineManager", h.machineManagerId),
        metrics: {
            esx: { version: "8.0.3", build: 24280767, fullName: "VMware ESXi 8.0.3 build-24280767" },
            cpu: { overallCpuUsage: 0, cpuMhz: 2400, cpuCores: blade.threads / 2, cpuThreads: blade.threads },
            memory: { memorySize: blade.memoryGiB * GiB, memoryUsage: vms.reduce((s, v) => s + v.memory, 0) },
            maintenanceMode: false,
            uptime: 1_209_600,
            connected: true,
        },
        virtualMachines: vms.map((v) => ({ id: v.id, type: "VirtualMachine" })),
        hostClusterId: h.hostClusterId, // extension
    };
}

export function datastoreView(store: Store, d: Datastore) {
    const used = datastoreUsed(store, d.id);
    const hosts = d.hostClusterIds.flatMap((cid) => store.get<HostCluster>("hostCluster", cid)?.hostIds ?? []);
    return {
        id: d.id,
        name: d.name,
        machineManager: ref(store, "machineManager", d.machineManagerId),
        moref: d.moref,
        maxCapacity: d.maxCapacity,
        freeCapacity: d.maxCapacity - used,
        accessible: 1,
        maintenanceMode: false,
        uniqueId: d.id.replace(/-/g, "").slice(0, 24),
        type: "VMFS",
        virtualMachinesNumber: store.where<VirtualMachine>("vm", "datastoreId", d.id).length,
        hostsNumber: hosts.length,
        hostsNames: hosts.map((h) => store.get<Host>("host", h)?.name ?? ""),
        associatedFolder: "",
        // extensions
        availabilityZone: d.availabilityZone,
        tier: d.tier,
        datacenter: ref(store, "datacenter", d.datacenterId),
    };
}

export function datastoreClusterView(store: Store, c: DatastoreCluster) {
    const members = c.datastoreIds.map((id) => store.get<Datastore>("datastore", id)).filter((d): d is Datastore => !!d);
    const max = members.reduce((s, d) => s + d.maxCapacity, 0);
    const used = members.reduce((s, d) => s + datastoreUsed(store, d.id), 0);
    return {
        id: c.id,
        name: c.name,
        moref: c.moref,
        datastores: c.datastoreIds,
        metrics: {
            freeCapacity: max - used,
            maxCapacity: max,
            enabled: true,
            defaultVmBehavior: "automated",
            loadBalanceInterval: 480,
            spaceThresholdMode: "utilization",
            spaceUtilizationThreshold: 80,
            minSpaceUtilizationDifference: 5,
            reservablePercentThreshold: 0,
            reservableThresholdMode: "automated",
            ioLatencyThreshold: 15,
            ioLoadImbalanceThreshold: 5,
            ioLoadBalanceEnabled: true,
        },
        machineManager: ref(store, "machineManager", c.machineManagerId),
        datacenter: ref(store, "datacenter", c.datacenterId),
        availabilityZone: members[0]?.availabilityZone ?? "", // extension
        tier: members[0]?.tier ?? "", // extension
    };
}

export function networkView(store: Store, n: Network) {
    const hosts = n.hostClusterIds.flatMap((cid) => store.get<HostCluster>("hostCluster", cid)?.hostIds ?? []);
    const adapters = store.where<NetworkAdapter>("adapter", "networkId", n.id);
    return {
        id: n.id,
        name: n.name,
        moref: n.moref,
        machineManager: ref(store, "machineManager", n.machineManagerId),
        virtualMachinesNumber: new Set(adapters.map((a) => a.virtualMachineId)).size,
        hostNumber: hosts.length,
        hostNames: hosts.map((h) => store.get<Host>("host", h)?.name ?? ""),
        vlanId: n.vlanId, // extension
        datacenter: ref(store, "datacenter", n.datacenterId), // extension
    };
}

export function guestOsView(g: GuestOs) {
    return { moref: g.id, family: g.family, fullName: g.fullName };
}

export function contentLibraryView(store: Store, l: ContentLibrary) {
    return {
        id: l.id,
        name: l.name,
        machineManager: ref(store, "machineManager", l.machineManagerId),
        datastore: ref(store, "datastore", l.datastoreId),
    };
}

export function contentLibraryItemView(i: ContentLibraryItem) {
    return {
        id: i.id,
        name: i.name,
        description: i.description,
        type: i.type,
        creationTime: i.creationTime,
        size: i.size,
        lastModifiedTime: i.creationTime,
        ovfProperties: [] as string[],
        guestOperatingSystemMoref: i.guestOperatingSystemMoref,
    };
}

export function policyView(p: BackupPolicy) {
    const unit = p.frequency === "WEEKLY" ? "WEEKLY" : "DAILY";
    return {
        id: p.id,
        name: p.name,
        subPolicies: p.site
            ? [
                  {
                      type: "REPLICATION",
                      useEncryption: true,
                      software: true,
                      site: p.site,
                      retention: { age: p.retentionDays },
                      trigger: { frequency: 1, type: unit, activateDate: 1_767_258_000_000 },
                      target: { id: p.site, href: `/api/spp/site/${p.site}`, resourceType: "site" },
                  },
              ]
            : [],
        status: p.status, // extension
    };
}

export function vmView(store: Store, vm: VirtualMachine) {
    const disks = store.where<VirtualDisk>("disk", "virtualMachineId", vm.id);
    const os = store.get<GuestOs>("guestOs", vm.guestOperatingSystemMoref);
    const cluster = store.get<HostCluster>("hostCluster", vm.hostClusterId);
    const dc = store.get<Datacenter>("datacenter", vm.datacenterId);
    return {
        id: vm.id,
        name: vm.name,
        moref: vm.moref,
        machineManager: ref(store, "machineManager", dc?.machineManagerId),
        datacenter: ref(store, "datacenter", vm.datacenterId),
        hostCluster: ref(store, "hostCluster", vm.hostClusterId),
        datastore: ref(store, "datastore", vm.datastoreId),
        datastoreCluster: ref(store, "datastoreCluster", vm.datastoreClusterId),
        consolidationNeeded: false,
        template: false,
        powerState: vm.powerState,
        hardwareVersion: "vmx-21",
        numCoresPerSocket: vm.numCoresPerSocket,
        operatingSystem: { name: os?.fullName ?? vm.guestOperatingSystemMoref },
        operatingSystemMoref: vm.guestOperatingSystemMoref,
        cpu: vm.cpu,
        cpuHotAddEnabled: vm.cpuHotAddEnabled,
        cpuHotRemoveEnabled: vm.cpuHotRemoveEnabled,
        memoryHotAddEnabled: vm.memoryHotAddEnabled,
        memory: vm.memory,
        memoryReservation: vm.memoryReservation,
        cpuUsage: vm.powerState === "running" ? vm.cpu * 120 : 0,
        memoryUsage: vm.powerState === "running" ? Math.floor(vm.memory / (4 * 1024 * 1024)) : 0,
        tools: vm.powerState === "running" ? "toolsOk" : "toolsNotRunning",
        toolsVersion: 12389,
        distributedVirtualPortGroupIds: [
            ...new Set(store.where<NetworkAdapter>("adapter", "virtualMachineId", vm.id).map((a) => a.networkId)),
        ],
        sppMode: vm.inventoried ? "protected" : "unprotected",
        snapshoted: false,
        triggeredAlarms: [] as { id: string; status: string }[],
        replicationConfig: {
            generation: 0,
            vmReplicationId: "",
            rpo: 0,
            quiesceGuestEnabled: false,
            paused: false,
            oppUpdatesEnabled: false,
            netCompressionEnabled: false,
            netEncryptionEnabled: false,
            encryptionDestination: false,
            disk: [] as { key: number; diskReplicationId: string }[],
        },
        extraConfig: [] as { key: string; value: string }[],
        storage: { committed: disks.reduce((s, d) => s + d.capacity, 0), uncommitted: 0 },
        bootOptions: vm.bootOptions,
        exposeHardwareVirtualization: vm.exposeHardwareVirtualization,
        availabilityZone: cluster?.availabilityZone ?? "", // extension
    };
}

export function diskView(store: Store, d: VirtualDisk) {
    const vm = store.get<VirtualMachine>("vm", d.virtualMachineId);
    const ds = store.get<Datastore>("datastore", d.datastoreId);
    const dc = vm ? store.get<Datacenter>("datacenter", vm.datacenterId) : undefined;
    return {
        id: d.id,
        name: d.name,
        virtualMachineId: d.virtualMachineId,
        machineManager: ref(store, "machineManager", dc?.machineManagerId),
        datastore: ref(store, "datastore", d.datastoreId),
        capacity: d.capacity,
        diskUnitNumber: d.diskUnitNumber,
        instantAccess: false,
        nativeId: `6000C29${d.id.replace(/-/g, "").slice(0, 25)}`,
        diskPath: `[${ds?.name ?? ""}] ${vm?.name ?? "orphan"}/${vm?.name ?? "orphan"}_${d.diskUnitNumber}.vmdk`,
        provisioningType: d.provisioningType,
        diskMode: d.diskMode,
        editable: true,
        controller: { id: d.controllerId, busNumber: 0, type: "SCSI" },
    };
}

export function adapterView(store: Store, a: NetworkAdapter) {
    return {
        id: a.id,
        virtualMachineId: a.virtualMachineId,
        name: a.name,
        network: ref(store, "network", a.networkId),
        type: a.type,
        macType: a.macType,
        macAddress: a.macAddress,
        // Only a running VM has connected adapters (a state stored before that rule is read the same way).
        connected: a.connected && store.get<VirtualMachine>("vm", a.virtualMachineId)?.powerState === "running",
        autoConnect: a.autoConnect,
    };
}
