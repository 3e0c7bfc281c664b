// The compute part of the API (VMware): virtual machines, disks, network adapters and the
// inventory lookups, with the payload names of the real API (see api-contract.md, sections c-g).
import { sleep } from "./backoff";
import { Activity, ApiClient, WriteOptions, activityKind } from "./client";
import { RequestPriority } from "./budget";
import { ActivityError, ApiError } from "./errors";

const base = "/compute/v1/vcenters";

export interface Ref {
    id: string;
    name?: string;
}

export interface VirtualMachineWire {
    id: string;
    name: string;
    moref?: string;
    datacenter?: Ref;
    hostCluster?: Ref;
    datastore?: Ref;
    powerState?: "running" | "stopped";
    cpu?: number;
    memory?: number;
    numCoresPerSocket?: number;
    operatingSystemMoref?: string;
}

export interface HostClusterWire {
    id: string;
    name: string;
    moref?: string;
    hosts?: { id: string; type?: string }[];
    metrics?: {
        totalCpu?: number;
        totalMemory?: number;
        totalStorage?: number;
        cpuUsed?: number;
        memoryUsed?: number;
        storageUsed?: number;
    };
    datacenter?: Ref;
    availabilityZone?: string;
    bladeModel?: string;
    hostsNumber?: number;
}

export interface DatastoreWire {
    id: string;
    name: string;
    maxCapacity?: number;
    freeCapacity?: number;
    accessible?: number;
    datacenter?: Ref;
    datacenterId?: string;
    availabilityZone?: string;
    tier?: string;
}

export interface VirtualDatacenterWire {
    id: string;
    name: string;
    availabilityZone?: string;
    tier?: string;
    machineManager?: Ref;
}

export interface NetworkWire {
    id: string;
    name: string;
    moref?: string;
    virtualMachinesNumber?: number;
}

export interface GuestOsWire {
    moref: string;
    family?: string;
    fullName?: string;
}

export interface ContentLibraryWire {
    id: string;
    name: string;
    type?: string;
}

export interface ContentLibraryItemWire {
    id: string;
    name: string;
    contentLibraryId?: string;
    type?: string;
}

export interface VirtualDiskWire {
    id: string;
    name?: string;
    virtualMachineId?: string;
    capacity?: number;
    datastore?: Ref;
    provisioningType?: string;
    diskMode?: string;
}

export interface NetworkAdapterWire {
    id: string;
    name?: string;
    virtualMachineId?: string;
    network?: Ref;
    type?: string;
    macType?: string;
    macAddress?: string;
    connected?: boolean;
    autoConnect?: boolean;
}

/** The id an activity created: `concernedItems[type]` (from-scratch path) or `state.completed.result` (clone, library). */
export function createdId(activity: Pick<Activity, "concernedItems" | "state">, type: string): string | undefined {
    return activity.concernedItems?.find((item) => item.type === type)?.id ?? activity.state.completed?.result ?? undefined;
}

// ---- virtual machines

export interface CreateVmBody {
    datacenterId: string;
    hostClusterId: string;
    datastoreId: string;
    name: string;
    memory: number;
    cpu: number;
    guestOperatingSystemMoref: string;
}

export const vmPath = (id: string) => `${base}/virtual_machines/${encodeURIComponent(id)}`;

export function readVm(client: ApiClient, id: string, priority?: RequestPriority): Promise<VirtualMachineWire | undefined> {
    return client.get<VirtualMachineWire>(vmPath(id), undefined, { operation: `read virtual machine ${id}`, priority });
}

/** Read-backs of VMs waiting to be sent together, per client and host cluster. */
const readBatches = new WeakMap<
    ApiClient,
    Map<string, { ids: Set<string>; views: Promise<Map<string, VirtualMachineWire | undefined>> }>
>();

/**
 * A VM read, grouped with the reads of other VMs of the same host cluster asked within
 * `gatherMs`: from three on, one list of the cluster's VMs (`hostClusters[]` filter, as the
 * Terraform provider's VM list sends it) answers them all, where the same number of reads by id
 * would each take a slot of the compute budget. Fewer go by id; a VM the list does not show (not
 * there, or not visible yet) is read by id, which alone tells that it is gone.
 */
export async function readVmInCluster(
    client: ApiClient,
    id: string,
    hostClusterId: string | undefined,
    gatherMs = 100,
): Promise<VirtualMachineWire | undefined> {
    if (!hostClusterId) {
        return readVm(client, id);
    }
    let batches = readBatches.get(client);
    if (!batches) {
        batches = new Map();
        readBatches.set(client, batches);
    }
    let batch = batches.get(hostClusterId);
    if (!batch) {
        const ids = new Set<string>();
        const own = batches;
        const views = (async () => {
            await sleep(gatherMs);
            if (own.get(hostClusterId)?.ids === ids) {
                own.delete(hostClusterId);
            }
            if (ids.size < 3) {
                // One or two reads by id cost no more than a list of a cluster that may hold thousands of VMs.
                // A read by id that finds nothing is the answer: the VM is gone.
                return new Map(await Promise.all([...ids].map(async (vmId) => [vmId, await readVm(client, vmId)] as const)));
            }
            // A poll of the cluster's state: never answered from an earlier list.
            const list = await client.list<VirtualMachineWire>(
                `${base}/virtual_machines`,
                { hostClusters: [hostClusterId] },
                {
                    operation: `read ${ids.size} virtual machines of host cluster ${hostClusterId}`,
                    fresh: true,
                },
            );
            return new Map<string, VirtualMachineWire | undefined>(list.map((vm) => [vm.id, vm]));
        })();
        batch = { ids, views };
        batches.set(hostClusterId, batch);
    }
    batch.ids.add(id);
    const views = await batch.views;
    return views.has(id) ? views.get(id) : readVm(client, id);
}

/** Every VM of the tenant, in one list (what `securetemple adopt` inventories). */
export function listVms(client: ApiClient): Promise<VirtualMachineWire[]> {
    return client.list<VirtualMachineWire>(`${base}/virtual_machines`, undefined, { operation: "list virtual machines" });
}

/** VMs whose name is exactly `name` (names are unique in a tenant; used to adopt after an ambiguous create). */
export async function findVmsByName(client: ApiClient, name: string): Promise<VirtualMachineWire[]> {
    const all = await client.list<VirtualMachineWire>(
        `${base}/virtual_machines`,
        { name },
        { operation: `look up virtual machine "${name}"` },
    );
    return all.filter((vm) => vm.name === name);
}

export function startCreateVm(client: ApiClient, body: CreateVmBody): Promise<string> {
    return client.startWrite("POST", `${base}/virtual_machines`, body, `create virtual machine "${body.name}"`);
}

export interface CloneVmBody {
    name: string;
    datacenterId: string;
    hostClusterId: string;
    datastoreId: string;
}

export function startCloneVm(client: ApiClient, sourceId: string, body: CloneVmBody): Promise<string> {
    return client.startWrite("POST", `${vmPath(sourceId)}/clone`, body, `clone virtual machine ${sourceId} as "${body.name}"`);
}

export interface DeployItemBody {
    contentLibraryItemId: string;
    name: string;
    hostClusterId: string;
    datastoreId: string;
    datacenterId: string;
    powerOn: boolean;
}

export function startDeployLibraryItem(client: ApiClient, libraryId: string, body: DeployItemBody): Promise<string> {
    return client.startWrite(
        "POST",
        `${base}/content_libraries/${encodeURIComponent(libraryId)}/items`,
        body,
        `deploy content library item ${body.contentLibraryItemId} as "${body.name}"`,
    );
}

export interface SizingBody {
    id: string;
    ram: number;
    cpu: number;
    corePerSocket: number;
}

export function resizeVm(client: ApiClient, body: SizingBody, options: WriteOptions): Promise<Activity> {
    return client.run(
        "PATCH",
        `${base}/virtual_machines`,
        {
            id: body.id,
            ram: body.ram,
            memoryReservation: 0,
            cpu: body.cpu,
            corePerSocket: body.corePerSocket,
            hotCpuAdd: false,
            hotCpuRemove: false,
            hotMemAdd: false,
        },
        options,
    );
}

export interface PowerRecommendation {
    key: number;
    hostClusterId: string;
}

/** Where to power a VM on (DRS recommendations); an empty list when there is none (404). */
export function powerRecommendations(client: ApiClient, vm: VirtualMachineWire): Promise<PowerRecommendation[]> {
    return client.list<PowerRecommendation>(
        `${base}/virtual_machines/power/recommendations`,
        { datacenterId: vm.datacenter?.id, hostClusterId: vm.hostCluster?.id, virtualMachineId: vm.id },
        { operation: `power recommendation for virtual machine ${vm.id}` },
    );
}

/**
 * Powers a VM on or off. Power-on sends the first recommendation, as the Terraform provider does;
 * `prefetched` lets a caller ask for it earlier, while the budget is idle.
 */
export async function powerVm(
    client: ApiClient,
    vm: VirtualMachineWire,
    action: "on" | "off",
    options: WriteOptions,
    prefetched?: Promise<PowerRecommendation[] | undefined>,
): Promise<Activity> {
    const datacenterId = vm.datacenter?.id;
    const body: Record<string, unknown> = { id: vm.id, datacenterId, powerAction: action };
    if (action === "on") {
        const recommendations = (await prefetched) ?? (await powerRecommendations(client, vm));
        if (recommendations.length > 0) {
            const first = recommendations[0];
            body.recommendation = { key: first.key, hostClusterId: first.hostClusterId, hostId: "", hostClusterName: "", hostName: "" };
        }
    }
    return client.run("PATCH", `${base}/virtual_machines/power`, body, options);
}

/** Host clusters, per client, where a power-on without a recommendation did not start the VM. */
const clustersNeedingRecommendation = new WeakMap<ApiClient, Set<string>>();

/**
 * Powers a VM on and returns it as the API then shows it (running). The Terraform provider asks
 * for a placement recommendation before every power-on and sends none when the list is empty,
 * which is what a cluster that places VMs itself (DRS fully automated) answers: a power-on
 * without one is a request the API takes. So the VM is powered on without asking first, and
 * checked with a grouped read-back (which also gives the outputs); if it did not start (the
 * activity failed, or the VM still reads stopped), the recommendation is asked for, sent with a
 * second power-on, and its host cluster is asked first for every later VM.
 *
 * The running state is what the power-on activity does: once the usual duration of a power-on
 * has passed, a read-back showing the VM running answers the activity too, and only a VM not
 * running yet has its activity read (which then says whether it failed, and teaches how long
 * power-ons take).
 */
export async function powerOn(
    client: ApiClient,
    vm: VirtualMachineWire,
    options: WriteOptions,
    log: (message: string) => void = () => undefined,
): Promise<VirtualMachineWire> {
    const clusterId = vm.hostCluster?.id ?? "";
    let needing = clustersNeedingRecommendation.get(client);
    if (!needing) {
        needing = new Set();
        clustersNeedingRecommendation.set(client, needing);
    }
    const gone = () => new ApiError({ operation: options.operation, apiMessage: "the virtual machine disappeared", status: 404 });
    if (!needing.has(clusterId)) {
        const path = `${base}/virtual_machines/power`;
        const kind = activityKind("PATCH", path);
        const activityId = await client.startWrite(
            "PATCH",
            path,
            { id: vm.id, datacenterId: vm.datacenter?.id, powerAction: "on" },
            options.operation,
        );
        await sleep(client.expectedActivityMs(kind));
        const early = await readVmInCluster(client, vm.id, clusterId);
        if (early?.powerState === "running") {
            return early;
        }
        let refused: ActivityError | undefined;
        try {
            await client.waitForActivity(activityId, { kind, ...options });
        } catch (err) {
            if (!(err instanceof ActivityError) || err.ambiguous) {
                throw err;
            }
            refused = err;
        }
        const seen = refused ? undefined : await readVmInCluster(client, vm.id, clusterId);
        if (seen?.powerState === "running") {
            return seen;
        }
        if (!refused && !seen) {
            throw gone();
        }
        log(
            `virtual machine ${vm.id}: not started without a placement recommendation (${refused ? refused.apiMessage : "still stopped"}); asking for one`,
        );
        const started = await powerVm(client, vm, "on", options).then(() => readVmInCluster(client, vm.id, clusterId));
        if (started?.powerState === "running") {
            needing.add(clusterId);
            return started;
        }
        throw (
            refused ??
            new ApiError({ operation: options.operation, apiMessage: "the power-on completed but the virtual machine is still stopped" })
        );
    }
    await powerVm(client, vm, "on", options);
    const seen = await readVmInCluster(client, vm.id, clusterId);
    if (!seen) {
        throw gone();
    }
    if (seen.powerState !== "running") {
        throw new ApiError({ operation: options.operation, apiMessage: "the power-on completed but the virtual machine is still stopped" });
    }
    return seen;
}

export function deleteVm(client: ApiClient, id: string, options: WriteOptions): Promise<Activity> {
    return client.run("DELETE", vmPath(id), undefined, options);
}

export interface RelocateBody {
    virtualMachines: string[];
    /** vSphere's migration priority; the Terraform provider sends "highPriority". */
    priority: "highPriority" | "defaultPriority" | "lowPriority";
    datacenterId?: string;
    hostClusterId?: string;
    datastoreId?: string;
    /** Disks moved to a datastore of their own (the others follow the VM's home datastore). */
    diskPlacements?: { virtualDiskId: string; virtualMachineId?: string; datastoreId: string }[];
}

/**
 * Moves VMs (and disks) in place within their vCenter: vMotion to another host cluster, Storage
 * vMotion to another datastore; a running VM stays up. Unset fields keep the current placement,
 * and a move to where a VM already is changes nothing (so it may be repeated).
 */
export function relocateVm(client: ApiClient, body: RelocateBody, options: WriteOptions): Promise<Activity> {
    return client.run("POST", `${base}/virtual_machines/relocate`, body, options);
}

// ---- disks and adapters

export interface CreateDiskBody {
    provisioningType: string;
    diskMode: string;
    capacity: number;
    virtualMachineId: string;
    datastoreId?: string;
}

export const diskPath = (id: string) => `${base}/virtual_disks/${encodeURIComponent(id)}`;

export function readDisk(client: ApiClient, id: string): Promise<VirtualDiskWire | undefined> {
    return client.get<VirtualDiskWire>(diskPath(id), undefined, { operation: `read virtual disk ${id}`, absentOn: [404] });
}

export function listDisks(client: ApiClient, virtualMachineId: string): Promise<VirtualDiskWire[]> {
    return client.list<VirtualDiskWire>(
        `${base}/virtual_disks`,
        { virtualMachineId },
        { operation: `list disks of virtual machine ${virtualMachineId}`, absentOn: [404] },
    );
}

export function startCreateDisk(client: ApiClient, body: CreateDiskBody): Promise<string> {
    return client.startWrite("POST", `${base}/virtual_disks`, body, `add a disk to virtual machine ${body.virtualMachineId}`);
}

export function updateDisk(
    client: ApiClient,
    body: { id: string; newCapacity?: number; diskMode?: string },
    options: WriteOptions,
): Promise<Activity> {
    return client.run("PATCH", `${base}/virtual_disks`, body, options);
}

export function deleteDisk(client: ApiClient, id: string, options: WriteOptions): Promise<Activity> {
    return client.run("DELETE", diskPath(id), undefined, options);
}

export interface CreateAdapterBody {
    virtualMachineId: string;
    networkId: string;
    type: string;
    macAddress?: string;
}

export const adapterPath = (id: string) => `${base}/network_adapters/${encodeURIComponent(id)}`;

export function readAdapter(client: ApiClient, id: string): Promise<NetworkAdapterWire | undefined> {
    return client.get<NetworkAdapterWire>(adapterPath(id), undefined, { operation: `read network adapter ${id}`, absentOn: [404] });
}

export function listAdapters(client: ApiClient, virtualMachineId: string): Promise<NetworkAdapterWire[]> {
    return client.list<NetworkAdapterWire>(
        `${base}/network_adapters`,
        { virtualMachineId },
        { operation: `list network adapters of virtual machine ${virtualMachineId}`, absentOn: [404] },
    );
}

export function startCreateAdapter(client: ApiClient, body: CreateAdapterBody): Promise<string> {
    return client.startWrite("POST", `${base}/network_adapters`, body, `add a network adapter to virtual machine ${body.virtualMachineId}`);
}

export function updateAdapter(
    client: ApiClient,
    body: { id: string; newNetworkId: string; autoConnect: boolean; macAddress?: string },
    options: WriteOptions,
): Promise<Activity> {
    return client.run("PATCH", `${base}/network_adapters`, body, options);
}

export function connectAdapter(client: ApiClient, id: string, connected: boolean, options: WriteOptions): Promise<Activity> {
    return client.run("PATCH", `${base}/network_adapters/${connected ? "connect" : "disconnect"}`, { id }, options);
}

export function deleteAdapter(client: ApiClient, id: string, options: WriteOptions): Promise<Activity> {
    return client.run("DELETE", adapterPath(id), undefined, options);
}

// ---- inventory (read-only lookups)

export function listHostClusters(client: ApiClient, name?: string): Promise<HostClusterWire[]> {
    return client.list<HostClusterWire>(`${base}/host_clusters`, { name }, { operation: "list host clusters" });
}

export function readHostCluster(client: ApiClient, id: string): Promise<HostClusterWire | undefined> {
    return client.get<HostClusterWire>(`${base}/host_clusters/${encodeURIComponent(id)}`, undefined, {
        operation: `read host cluster ${id}`,
    });
}

export function listDatastores(client: ApiClient, name?: string): Promise<DatastoreWire[]> {
    return client.list<DatastoreWire>(`${base}/datastores`, { name }, { operation: "list datastores" });
}

export function listVirtualDatacenters(client: ApiClient): Promise<VirtualDatacenterWire[]> {
    return client.list<VirtualDatacenterWire>(`${base}/virtual_datacenters`, undefined, { operation: "list virtual datacenters" });
}

export function listNetworks(client: ApiClient, name?: string): Promise<NetworkWire[]> {
    return client.list<NetworkWire>(`${base}/networks`, { name }, { operation: "list networks", absentOn: [404] });
}

export function readGuestOs(client: ApiClient, moref: string): Promise<GuestOsWire | undefined> {
    // The real API answers 500 for an unknown moref (api-contract.md c4).
    return client.get<GuestOsWire>(`${base}/guest_operating_systems/${encodeURIComponent(moref)}`, undefined, {
        operation: `read guest operating system ${moref}`,
        absentOn: [404, 500],
    });
}

export function listGuestOs(client: ApiClient): Promise<GuestOsWire[]> {
    return client.list<GuestOsWire>(`${base}/guest_operating_systems`, undefined, {
        operation: "list guest operating systems",
        absentOn: [404],
    });
}

export function listContentLibraries(client: ApiClient): Promise<ContentLibraryWire[]> {
    return client.list<ContentLibraryWire>(`${base}/content_libraries`, undefined, {
        operation: "list content libraries",
        absentOn: [404],
    });
}

export function listContentLibraryItems(client: ApiClient, libraryId: string): Promise<ContentLibraryItemWire[]> {
    return client.list<ContentLibraryItemWire>(`${base}/content_libraries/${encodeURIComponent(libraryId)}/items`, undefined, {
        operation: `list items of content library ${libraryId}`,
        absentOn: [403, 404],
    });
}
