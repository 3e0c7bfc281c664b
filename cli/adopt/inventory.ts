// What `securetemple adopt` asks the API: the VMs (one list) and the AZ of each through its host
// cluster (one list), then only for the VMs the filters keep their disks and adapters (one list
// each, as the public Terraform provider lists them) and, for the running ones, their backup
// policies; buckets and storage accounts in one list each, and only when they are wanted. The
// client spaces the requests under the API's rate limits.
import type { ApiClient } from "../../provider/api/client";
import * as backup from "../../provider/api/backup";
import * as compute from "../../provider/api/compute";
import * as storage from "../../provider/api/objectStorage";
import { isAvailabilityZone } from "../../provider/catalog/region";
import { AdoptSelection, Inventory, InventoryDevice, InventoryVm, regionalKindSelected, vmSelected } from "./plan";

/** Runs `task` on each item, at most `width` at a time (the client's budget spaces them further). */
async function eachLimited<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await task(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
    return results;
}

const devicesOf = (list: { id: string; name?: string; virtualMachineId?: string }[], vmId: string): InventoryDevice[] =>
    list.map((d) => ({ id: d.id, name: d.name, virtualMachineId: d.virtualMachineId ?? vmId }));

export async function readInventory(client: ApiClient, selection: AdoptSelection): Promise<Inventory> {
    const kinds = new Set(selection.kinds);
    const compute_ = kinds.has("vm") || kinds.has("disk") || kinds.has("adapter");
    const [wires, clusters, buckets, accounts] = await Promise.all([
        compute_ ? compute.listVms(client) : Promise.resolve([]),
        compute_ ? compute.listHostClusters(client) : Promise.resolve([]),
        regionalKindSelected("bucket", selection) ? storage.listBuckets(client) : Promise.resolve([]),
        regionalKindSelected("storage-account", selection) ? storage.listStorageAccounts(client) : Promise.resolve([]),
    ]);
    const zoneOfCluster = new Map(clusters.map((c) => [c.id, c.availabilityZone]));
    const vms: InventoryVm[] = wires.map((vm) => {
        const zone = vm.hostCluster ? zoneOfCluster.get(vm.hostCluster.id) : undefined;
        return { id: vm.id, name: vm.name, powerState: vm.powerState, ...(isAvailabilityZone(zone) ? { availabilityZone: zone } : {}) };
    });
    const kept = vms.filter((vm) => vmSelected(vm, selection));
    const disks: InventoryDevice[] = [];
    const adapters: InventoryDevice[] = [];
    await eachLimited(kept, 4, async (vm) => {
        const [vmDisks, vmAdapters, policies] = await Promise.all([
            kinds.has("disk") ? compute.listDisks(client, vm.id) : Promise.resolve([]),
            kinds.has("adapter") ? compute.listAdapters(client, vm.id) : Promise.resolve([]),
            kinds.has("vm") && vm.powerState === "running"
                ? backup.listBackupPolicies(client, { virtualMachineId: vm.id })
                : Promise.resolve(undefined),
        ]);
        disks.push(...devicesOf(vmDisks, vm.id));
        adapters.push(...devicesOf(vmAdapters, vm.id));
        if (policies) {
            vm.backupPolicies = policies.length;
        }
    });
    return {
        vms,
        disks,
        adapters,
        buckets: buckets.map((b) => ({ name: b.name })),
        storageAccounts: accounts.map((a) => ({ name: a.name })),
    };
}
