// securetemple:compute:VirtualDisk. Disks have no unique name (vCenter names them "Hard disk N"),
// so an ambiguous create is resolved by comparing the VM's disk list before and after.
import { createAdopting } from "../../api/adoption";
import { ApiError } from "../../api/errors";
import * as backup from "../../api/backup";
import * as compute from "../../api/compute";
import { diskModeEnum, provisioningTypeEnum, virtualDisk } from "../../schema/compute";
import type { CheckedOf, StateOf } from "../../schema/types";
import { HandlerContext, ResourceInitError } from "./context";
import { ResourceHandler, inputsOf, oneOf } from "./handler";
import { EarlierCreate, earlyMarker, findEarlierCreate, settleRunningCreates } from "./interruptedCreate";
import { sameSet } from "./properties";

type Inputs = CheckedOf<typeof virtualDisk>;
type State = StateOf<typeof virtualDisk>;

async function liveState(ctx: HandlerContext, id: string, previous: Partial<State>): Promise<State | undefined> {
    const disk = await compute.readDisk(ctx.client, id);
    if (!disk) {
        return undefined;
    }
    let backupPolicies = previous.backupPolicies;
    // A read with no state is an import (`pulumi import`, `securetemple adopt`): the disk's own
    // policies, set in the console, come along, so that the program written for it keeps them.
    const imported = previous.virtualMachineId === undefined;
    if (backupPolicies !== undefined || imported) {
        const live = (await backup.listBackupPolicies(ctx.client, { virtualDiskId: id })).map((p) => p.id);
        backupPolicies =
            backupPolicies !== undefined && sameSet(live, backupPolicies)
                ? backupPolicies
                : imported && live.length === 0
                  ? undefined
                  : live.sort();
    }
    return {
        virtualMachineId: disk.virtualMachineId ?? previous.virtualMachineId ?? "",
        capacity: disk.capacity ?? previous.capacity ?? 0,
        datastoreId: disk.datastore?.id ?? previous.datastoreId,
        provisioningType:
            oneOf(provisioningTypeEnum.values, disk.provisioningType) ??
            previous.provisioningType ??
            virtualDisk.properties.provisioningType.default,
        diskMode: oneOf(diskModeEnum.values, disk.diskMode) ?? previous.diskMode ?? virtualDisk.properties.diskMode.default,
        backupPolicies,
        name: disk.name ?? "",
    };
}

async function assignPolicies(ctx: HandlerContext, id: string, wanted: Inputs): Promise<void> {
    if (wanted.backupPolicies === undefined) {
        return;
    }
    const live = (await backup.listBackupPolicies(ctx.client, { virtualDiskId: id })).map((p) => p.id);
    if (!sameSet(live, wanted.backupPolicies)) {
        await backup.assignDiskPolicies(ctx.client, id, wanted.backupPolicies, {
            operation: `assign backup policies to disk ${id}`,
            timeoutMs: ctx.timeoutMs,
        });
    }
}

export const virtualDiskHandler: ResourceHandler<typeof virtualDisk> = {
    declaration: virtualDisk,

    adjustDiff(diff, olds, news) {
        // A disk only grows: a smaller capacity needs a new disk.
        if (typeof olds.capacity === "number" && typeof news.capacity === "number" && news.capacity < olds.capacity) {
            return { ...diff, replaces: [...diff.replaces, "capacity"] };
        }
        return diff;
    },

    async create(inputs, ctx) {
        const vmId = inputs.virtualMachineId;
        return ctx.client.withVmLock(vmId, async () => {
            await settleRunningCreates(ctx, vmId, "virtual_disk");
            const existing = await compute.listDisks(ctx.client, vmId);
            const before = new Set(existing.map((d) => d.id));
            const operation = `add a ${inputs.capacity}-byte disk to virtual machine ${vmId}`;
            const earlier: EarlierCreate = {
                urn: ctx.urn,
                kind: "virtual_disk",
                // Disks have no unique name: a disk of this VM with this capacity may be this resource's.
                candidates: async () => existing.filter((d) => d.capacity === inputs.capacity).map((d) => d.id),
                log: ctx.log,
            };
            const marker = earlyMarker(ctx.client, "virtual_disk", ctx.urn, ctx.log);
            const adopted = await findEarlierCreate(ctx.client, earlier);
            const { id } = adopted
                ? { id: adopted }
                : await createAdopting({
                      operation,
                      start: () =>
                          compute.startCreateDisk(ctx.client, {
                              provisioningType: inputs.provisioningType,
                              diskMode: inputs.diskMode,
                              capacity: inputs.capacity,
                              virtualMachineId: vmId,
                              datastoreId: inputs.datastoreId,
                          }),
                      wait: (activityId) =>
                          ctx.client.waitForActivity(activityId, {
                              operation,
                              timeoutMs: ctx.timeoutMs,
                              kind: "create virtual disk",
                              onItems: marker.onItems,
                          }),
                      idFrom: (activity) => compute.createdId(activity, "virtual_disk"),
                      lookup: async () =>
                          (await compute.listDisks(ctx.client, vmId)).find((d) => !before.has(d.id) && d.capacity === inputs.capacity)?.id,
                      log: ctx.log,
                  });
            try {
                await marker.ensure(id);
                await assignPolicies(ctx, id, inputs);
                const outs = await liveState(ctx, id, inputs);
                if (!outs) {
                    throw new ApiError({ operation, apiMessage: "the new disk cannot be read", status: 404 });
                }
                return { id, outs };
            } catch (err) {
                throw new ResourceInitError(
                    (err as Error).message,
                    id,
                    (await liveState(ctx, id, inputs).catch(() => undefined)) ?? inputs,
                );
            }
        });
    },

    async read(id, props, ctx) {
        const outs = await liveState(ctx, id, props);
        return outs ? { props: outs, inputs: inputsOf(virtualDisk, outs) } : {};
    },

    async update(id, olds, news, ctx) {
        return ctx.client.withVmLock(news.virtualMachineId, async () => {
            if (news.datastoreId !== undefined && olds.datastoreId !== news.datastoreId) {
                // A move in place keeps the data; a move to where the disk already is (it followed
                // its VM's relocation in this same update) changes nothing.
                await compute.relocateVm(
                    ctx.client,
                    {
                        virtualMachines: [news.virtualMachineId],
                        priority: "highPriority",
                        diskPlacements: [{ virtualDiskId: id, virtualMachineId: news.virtualMachineId, datastoreId: news.datastoreId }],
                    },
                    { operation: `move disk ${id} to datastore ${news.datastoreId}`, timeoutMs: ctx.timeoutMs },
                );
            }
            if (olds.capacity !== news.capacity || olds.diskMode !== news.diskMode) {
                const body: { id: string; newCapacity?: number; diskMode?: string } = { id, diskMode: news.diskMode };
                if (olds.capacity !== news.capacity) {
                    body.newCapacity = news.capacity;
                }
                await compute.updateDisk(ctx.client, body, { operation: `update disk ${id}`, timeoutMs: ctx.timeoutMs });
            }
            await assignPolicies(ctx, id, news);
            const outs = await liveState(ctx, id, news);
            if (!outs) {
                throw new ApiError({
                    operation: `update disk ${id}`,
                    apiMessage: "the disk no longer exists; run `pulumi refresh`",
                    status: 404,
                });
            }
            return outs;
        });
    },

    async delete(id, props, ctx) {
        await ctx.client.withVmLock(props.virtualMachineId, async () => {
            if (!(await compute.readDisk(ctx.client, id))) {
                return;
            }
            try {
                await compute.deleteDisk(ctx.client, id, { operation: `delete disk ${id}`, timeoutMs: ctx.timeoutMs });
            } catch (err) {
                if (err instanceof ApiError && (err.status === 404 || (err.ambiguous && !(await compute.readDisk(ctx.client, id))))) {
                    return;
                }
                throw err;
            }
        });
    },
};
