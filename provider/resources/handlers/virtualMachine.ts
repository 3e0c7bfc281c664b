// securetemple:compute:VirtualMachine. Create follows the real service's order: create the VM,
// make it known to the backup side, assign the backup policies, and only then apply the power
// state (a VM never runs without its policies, convention sections 8.5 and 9.5).
import { availabilityZoneIds } from "../../catalog/region";
import { ApiClient } from "../../api/client";
import { createAdopting } from "../../api/adoption";
import { ActivityError, ApiError } from "../../api/errors";
import * as backup from "../../api/backup";
import * as compute from "../../api/compute";
import { virtualMachine, vmSources } from "../../schema/compute";
import type { CheckedOf, StateOf } from "../../schema/types";
import { HandlerContext, ResourceInitError } from "./context";
import { ResourceHandler, inputsOf, oneOf } from "./handler";
import { isUnknown, sameSet } from "./properties";
import { checkVmWithApi } from "./virtualMachineChecks";
import { EarlierCreate, createOrAdoptEarlier, earlyMarker, findEarlierCreate } from "./interruptedCreate";

type Inputs = CheckedOf<typeof virtualMachine>;
type State = StateOf<typeof virtualMachine>;
/** What the program wants of a VM: its checked inputs, or its state (an update converges to the inputs). */
type Wanted = Pick<
    Inputs,
    "name" | "datacenterId" | "hostClusterId" | "memory" | "cpu" | "numCoresPerSocket" | "powerState" | "backupPolicies"
>;

/** The AZ of a host cluster, cached per client: clusters do not move between AZs. */
const clusterZones = new WeakMap<ApiClient, Map<string, Promise<string>>>();
function clusterZone(client: ApiClient, hostClusterId: string): Promise<string> {
    let cache = clusterZones.get(client);
    if (!cache) {
        cache = new Map();
        clusterZones.set(client, cache);
    }
    let zone = cache.get(hostClusterId);
    if (!zone) {
        zone = compute.readHostCluster(client, hostClusterId).then((c) => c?.availabilityZone ?? "");
        zone.catch(() => cache?.delete(hostClusterId));
        cache.set(hostClusterId, zone);
    }
    return zone;
}

/**
 * Kept in the state of a VM whose create outlasted its timeout: the id of the create activity,
 * still running then. The API may not show the VM before that activity ends.
 */
const pendingCreateKey = "pendingCreateActivityId";

/**
 * Waits for the create activity a VM's state says is still running, before anything reads,
 * changes or deletes the VM: read too early, a VM being created looks gone, and dropping it from
 * the state would leave it outside Pulumi once created. A create that failed after all is left
 * to the read that follows (gone if nothing was created).
 */
async function settlePendingCreate(ctx: HandlerContext, props: Partial<State>): Promise<void> {
    const activityId = props[pendingCreateKey];
    if (typeof activityId !== "string" || !activityId) {
        return;
    }
    try {
        await ctx.client.waitForActivity(activityId, { operation: `create virtual machine "${props.name}"`, timeoutMs: ctx.timeoutMs });
    } catch (err) {
        if (!(err instanceof ActivityError) || err.timedOut) {
            throw err;
        }
    }
}

/** Checks the policies exist and none is HELD (a HELD policy cannot be assigned), with one list call. */
async function checkPolicies(client: ApiClient, ids: string[], vmName: string): Promise<void> {
    if (ids.length === 0) {
        return;
    }
    const all = await backup.listBackupPolicies(client);
    for (const id of ids) {
        const policy = all.find((p) => p.id === id);
        if (!policy) {
            throw new ApiError({
                operation: `assign backup policies to "${vmName}"`,
                apiMessage: `backup policy ${id} does not exist in this tenant (known: ${all.map((p) => `${p.name}=${p.id}`).join(", ")})`,
            });
        }
        if (policy.status === "HELD") {
            throw new ApiError({
                operation: `assign backup policies to "${vmName}"`,
                apiMessage: `backup policy "${policy.name}" is HELD (suspended) and cannot be assigned`,
            });
        }
    }
}

/** The outputs of a VM from its API view and its assigned policies, completed with what the API does not return. */
async function stateOf(ctx: HandlerContext, vm: compute.VirtualMachineWire, policyIds: string[], previous: Partial<State>): Promise<State> {
    const previousPolicies = Array.isArray(previous.backupPolicies) ? previous.backupPolicies : undefined;
    const hostClusterId = vm.hostCluster?.id ?? "";
    const fromScratch = !previous.contentLibraryItemId && !previous.cloneFromVirtualMachineId;
    return {
        name: vm.name,
        datacenterId: vm.datacenter?.id ?? "",
        hostClusterId,
        datastoreId: vm.datastore?.id ?? "",
        memory: vm.memory ?? previous.memory ?? 0,
        cpu: vm.cpu ?? previous.cpu ?? 0,
        numCoresPerSocket: vm.numCoresPerSocket,
        guestOperatingSystemMoref: fromScratch ? vm.operatingSystemMoref : previous.guestOperatingSystemMoref,
        contentLibraryItemId: previous.contentLibraryItemId,
        cloneFromVirtualMachineId: previous.cloneFromVirtualMachineId,
        powerState: vm.powerState === "running" ? "on" : "off",
        // Keep the program's order when the set is the same, so that no spurious diff appears.
        backupPolicies: previousPolicies && sameSet(previousPolicies, policyIds) ? previousPolicies : [...policyIds].sort(),
        noBackupReason: previous.noBackupReason,
        tags: previous.tags,
        moref: vm.moref ?? "",
        availabilityZone:
            oneOf(availabilityZoneIds, hostClusterId ? await clusterZone(ctx.client, hostClusterId) : undefined) ??
            previous.availabilityZone,
    };
}

/** The outputs of a VM as the API shows it now. */
async function liveState(ctx: HandlerContext, id: string, previous: Partial<State>): Promise<State | undefined> {
    const vm = await compute.readVm(ctx.client, id);
    if (!vm) {
        return undefined;
    }
    const policies = await backup.listBackupPolicies(ctx.client, { virtualMachineId: id });
    return stateOf(
        ctx,
        vm,
        policies.map((p) => p.id),
        previous,
    );
}

async function startCreate(ctx: HandlerContext, inputs: Inputs): Promise<string> {
    const name = inputs.name;
    const placement = { datacenterId: inputs.datacenterId, hostClusterId: inputs.hostClusterId, datastoreId: inputs.datastoreId };
    if (inputs.cloneFromVirtualMachineId) {
        return compute.startCloneVm(ctx.client, inputs.cloneFromVirtualMachineId, { name, ...placement });
    }
    if (inputs.contentLibraryItemId) {
        const itemId = inputs.contentLibraryItemId;
        const libraries = await compute.listContentLibraries(ctx.client);
        for (const library of libraries) {
            const items = await compute.listContentLibraryItems(ctx.client, library.id);
            if (items.some((i) => i.id === itemId)) {
                return compute.startDeployLibraryItem(ctx.client, library.id, {
                    contentLibraryItemId: itemId,
                    name,
                    ...placement,
                    powerOn: false,
                });
            }
        }
        throw new ApiError({
            operation: `create virtual machine "${name}"`,
            apiMessage: `content library item ${itemId} is in no content library of this tenant`,
        });
    }
    if (!inputs.guestOperatingSystemMoref) {
        // check() lets no VM without a source through; a state edited by hand could.
        throw new ApiError({ operation: `create virtual machine "${name}"`, apiMessage: `none of ${vmSources.join(", ")} is set` });
    }
    return compute.startCreateVm(ctx.client, {
        ...placement,
        name,
        memory: inputs.memory,
        cpu: inputs.cpu,
        guestOperatingSystemMoref: inputs.guestOperatingSystemMoref,
    });
}

/**
 * `converge`, tried again after an ambiguous failure (a lost answer, a 5xx, a restart): every
 * pass reads the VM first and sends only what is still needed, so a second pass never repeats a
 * write that took effect.
 */
async function convergeWithRecovery(
    ctx: HandlerContext,
    id: string,
    wanted: Wanted,
    fresh = false,
    passes = 3,
): Promise<compute.VirtualMachineWire | undefined> {
    for (let pass = 1; ; pass++) {
        try {
            // Only the first pass may trust what is known of a fresh VM; later ones read it.
            return await converge(ctx, id, wanted, fresh && pass === 1);
        } catch (err) {
            if (!(err instanceof ApiError && err.ambiguous) || pass >= passes) {
                throw err;
            }
            ctx.log(`virtual machine ${id}: ${err.message}; reading it again before going on`);
            await new Promise((resolve) => setTimeout(resolve, ctx.pollMs));
        }
    }
}

/**
 * What is known of a VM this provider has just created from a guest OS (stopped, no policy,
 * placed as asked), so that the first pass does not read it back before acting.
 */
function freshVm(id: string, wanted: Wanted): compute.VirtualMachineWire {
    return {
        id,
        name: wanted.name,
        datacenter: { id: wanted.datacenterId },
        hostCluster: { id: wanted.hostClusterId },
        powerState: "stopped",
        cpu: wanted.cpu,
        memory: wanted.memory,
    };
}

/**
 * Sizing, backup policies and power, in the order the service needs; called under the VM's lock.
 * Returns the VM as read back after a power-on (the outputs need no other read), else undefined.
 */
async function converge(ctx: HandlerContext, id: string, wanted: Wanted, fresh = false): Promise<compute.VirtualMachineWire | undefined> {
    const options = (what: string) => ({ operation: `${what} of virtual machine "${wanted.name}" (${id})`, timeoutMs: ctx.timeoutMs });
    let vm = fresh ? freshVm(id, wanted) : await compute.readVm(ctx.client, id);
    if (!vm) {
        throw new ApiError({
            operation: `read virtual machine "${wanted.name}"`,
            apiMessage: "the virtual machine disappeared",
            status: 404,
        });
    }
    const policies = wanted.backupPolicies ?? [];
    const powerOff = wanted.powerState === "off";
    if (powerOff && vm.powerState === "running") {
        await compute.powerVm(ctx.client, vm, "off", options("power off"));
        vm = { ...vm, powerState: "stopped" };
    }
    const cores = wanted.numCoresPerSocket ?? vm.numCoresPerSocket ?? 1;
    if (
        vm.cpu !== wanted.cpu ||
        vm.memory !== wanted.memory ||
        (wanted.numCoresPerSocket !== undefined && vm.numCoresPerSocket !== cores)
    ) {
        // Without CPU/memory hot-plug a running VM cannot be resized: it is stopped, resized and
        // started again below (the wanted power state decides).
        if (vm.powerState === "running") {
            await compute.powerVm(ctx.client, vm, "off", options("power off for the resize"));
            vm = { ...vm, powerState: "stopped" };
        }
        await compute.resizeVm(ctx.client, { id, ram: wanted.memory, cpu: wanted.cpu, corePerSocket: cores }, options("resize"));
    }
    const assigned = fresh ? [] : (await backup.listBackupPolicies(ctx.client, { virtualMachineId: id })).map((p) => p.id);
    if (!sameSet(assigned, policies)) {
        if (!fresh) {
            await checkPolicies(ctx.client, policies, wanted.name);
        }
        if (policies.length > 0) {
            // A VM created a moment ago is not known to the backup side yet: it joins the inventory
            // run in progress (or the next one) and tries the assignment when that run ends. If
            // the run missed it, the refusal below waits for a run that started after it.
            await ctx.inventory.ensureKnown(id, {
                ...options("backup inventory"),
                pollMs: ctx.pollMs,
                knownAbsent: fresh,
                trustRun: fresh,
            });
            ctx.log(`virtual machine ${id}: known to the backup side`);
        }
        try {
            if (policies.length > 0) {
                await ctx.assignments.assign(id, policies, options("assign backup policies"));
            } else {
                await backup.assignVmPolicies(ctx.client, id, policies, options("assign backup policies"));
            }
        } catch (err) {
            if (!(fresh && err instanceof ApiError && !err.ambiguous)) {
                throw err;
            }
            // Refused (the inventory had not caught the VM after all): wait until it has, then assign.
            await ctx.inventory.ensureKnown(id, { ...options("backup inventory"), pollMs: ctx.pollMs });
            await backup.assignVmPolicies(ctx.client, id, policies, options("assign backup policies"));
        }
        ctx.log(`virtual machine ${id}: backup policies assigned`);
    }
    if (!powerOff && vm.powerState !== "running") {
        const running = await compute.powerOn(ctx.client, vm, options("power on"), ctx.log);
        ctx.log(`virtual machine ${id}: powered on`);
        return running;
    }
    return undefined;
}

/**
 * Moves the VM in place when the program names another host cluster or datastore of its
 * datacenter (relocate: vMotion, Storage vMotion; a running VM stays up, disks on its datastore
 * go with it). Another datacenter, that is another AZ, is a replacement (see the declaration of
 * datacenterId) and never reaches here. A move to where the VM already is changes nothing, so an
 * ambiguous failure (a lost answer) is resolved by reading the VM and moving it again if needed.
 */
async function relocateIfMoved(ctx: HandlerContext, id: string, olds: State, news: Inputs): Promise<void> {
    if (olds.hostClusterId === news.hostClusterId && olds.datastoreId === news.datastoreId) {
        return;
    }
    const body: compute.RelocateBody = {
        virtualMachines: [id],
        priority: "highPriority",
        datacenterId: news.datacenterId,
        hostClusterId: news.hostClusterId,
        datastoreId: news.datastoreId,
    };
    const options = { operation: `relocate virtual machine "${news.name}" (${id})`, timeoutMs: ctx.timeoutMs };
    for (let pass = 1; ; pass++) {
        try {
            await compute.relocateVm(ctx.client, body, options);
            ctx.log(`virtual machine ${id}: moved to host cluster ${news.hostClusterId}, datastore ${news.datastoreId}`);
            return;
        } catch (err) {
            if (!(err instanceof ApiError && err.ambiguous) || err.activityId || pass >= 2) {
                throw err;
            }
            const vm = await compute.readVm(ctx.client, id);
            if (vm?.hostCluster?.id === news.hostClusterId && vm?.datastore?.id === news.datastoreId) {
                return;
            }
            ctx.log(`virtual machine ${id}: ${err.message}; relocating again`);
        }
    }
}

export const virtualMachineHandler: ResourceHandler<typeof virtualMachine> = {
    declaration: virtualMachine,

    rules(known, fail, news) {
        if (known.cpu !== undefined && known.numCoresPerSocket !== undefined && known.cpu % known.numCoresPerSocket !== 0) {
            fail("numCoresPerSocket", {
                fr: `« cpu » (${known.cpu}) doit être un multiple de « numCoresPerSocket » (${known.numCoresPerSocket})`,
                en: `"cpu" (${known.cpu}) must be a multiple of "numCoresPerSocket" (${known.numCoresPerSocket})`,
            });
        }
        // A source unknown at preview is still a source.
        const given = vmSources.filter((s) => news[s] !== undefined && news[s] !== null);
        if (given.length !== 1) {
            fail("guestOperatingSystemMoref", {
                fr: `indiquez exactement une source parmi ${vmSources.join(", ")} (reçu : ${given.length ? given.join(", ") : "aucune"})`,
                en: `give exactly one source among ${vmSources.join(", ")} (got ${given.length ? given.join(", ") : "none"})`,
            });
        }
        if (known.backupPolicies?.length === 0 && known.powerState === "on") {
            fail("backupPolicies", {
                fr: "une machine ne démarre qu'avec une politique de sauvegarde (convention 8.5, 9.5) : ajoutez-en une (ou « nobackup » avec noBackupReason) ou mettez powerState à « off »",
                en: 'a VM is powered on only with a backup policy (convention 8.5, 9.5): add one (or "nobackup" with noBackupReason) or set powerState to "off"',
            });
        }
    },

    checkWithApi: checkVmWithApi,

    async create(inputs, ctx) {
        const name = inputs.name;
        if (inputs.availabilityZone && !isUnknown(inputs.availabilityZone)) {
            const zone = await clusterZone(ctx.client, inputs.hostClusterId);
            if (zone && zone !== inputs.availabilityZone) {
                throw new ApiError({
                    operation: `create virtual machine "${name}"`,
                    apiMessage: `availabilityZone is "${inputs.availabilityZone}" but host cluster ${inputs.hostClusterId} is in ${zone}`,
                });
            }
        }
        await checkPolicies(ctx.client, inputs.backupPolicies, name);
        const earlier: EarlierCreate = {
            urn: ctx.urn,
            kind: "virtual_machine",
            // Names are unique in a datacenter: only the VM of this name there can be this resource's.
            candidates: async () =>
                (await compute.findVmsByName(ctx.client, name))
                    .filter((vm) => !vm.datacenter || vm.datacenter.id === inputs.datacenterId)
                    .map((vm) => vm.id),
            log: ctx.log,
        };
        const marker = earlyMarker(ctx.client, "virtual_machine", ctx.urn, ctx.log);
        // No lookup before the create: the API refuses a name already held in the datacenter
        // (listed, or held by a create still running), and only then is the holder looked at and
        // adopted if an interrupted create of this resource made it. A lookup per create would
        // cost one compute request per VM on every `up`, for the rare run after an interruption.
        const outcome = await createOrAdoptEarlier(ctx, earlier, () =>
            createAdopting({
                operation: `create virtual machine "${name}"`,
                start: () => startCreate(ctx, inputs),
                wait: (activityId) =>
                    ctx.client.waitForActivity(activityId, {
                        operation: `create virtual machine "${name}"`,
                        timeoutMs: ctx.timeoutMs,
                        kind: "create virtual machine",
                        onItems: marker.onItems,
                    }),
                idFrom: (activity) => compute.createdId(activity, "virtual_machine"),
                // Only a VM this resource made: another stack's or a person's of the same name is never taken.
                lookup: () => findEarlierCreate(ctx.client, earlier),
                // Names are unique in a datacenter: a create lost on the way is sent again, never made twice.
                resendWhenAbsent: true,
                log: ctx.log,
            }),
        );
        const id = outcome.id;
        const unfinished =
            outcome.adoptedAfter instanceof ActivityError && outcome.adoptedAfter.timedOut ? outcome.adoptedAfter : undefined;
        if (unfinished) {
            // The create is still running: the VM stays in the state with its activity, and the
            // next operation on it (up, refresh, destroy) waits for that activity first.
            await marker
                .ensure(id)
                .catch((err: unknown) => ctx.log(`virtual machine ${id}: marker not set yet (${(err as Error).message})`));
            throw new ResourceInitError(
                `${unfinished.message} — the next \`pulumi up\` waits for it and finishes the virtual machine`,
                id,
                {
                    ...inputs,
                    powerState: "off",
                    [pendingCreateKey]: unfinished.activityId,
                },
            );
        }
        ctx.log(`virtual machine ${id}: created as "${name}"`);
        return ctx.client.withVmLock(id, async () => {
            try {
                await marker.ensure(id);
                // Created just now from a guest OS (not adopted): its state is known.
                const fresh =
                    !outcome.earlier && !outcome.adoptedAfter && !inputs.cloneFromVirtualMachineId && !inputs.contentLibraryItemId;
                // A VM just powered on was read back with its peers (moref, placement): no read of its own.
                const seen = await convergeWithRecovery(ctx, id, inputs, fresh);
                const outs = seen
                    ? await stateOf(
                          ctx,
                          { ...seen, powerState: inputs.powerState === "off" ? "stopped" : "running" },
                          inputs.backupPolicies,
                          inputs,
                      )
                    : await liveState(ctx, id, inputs);
                if (!outs) {
                    throw (
                        outcome.adoptedAfter ??
                        new ApiError({
                            operation: `create virtual machine "${name}"`,
                            apiMessage: "the new virtual machine cannot be read",
                            status: 404,
                        })
                    );
                }
                return { id, outs: { ...outs, availabilityZone: outs.availabilityZone || inputs.availabilityZone } };
            } catch (err) {
                const partial = (await liveState(ctx, id, inputs).catch(() => undefined)) ?? { ...inputs, powerState: "off" };
                // The VM stays in the state (next `pulumi up` finishes it); the message starts with what went wrong first.
                const message = outcome.adoptedAfter
                    ? `${outcome.adoptedAfter.message} — ${(err as Error).message}`
                    : (err as Error).message;
                throw new ResourceInitError(message, id, partial);
            }
        });
    },

    async read(id, props, ctx) {
        await settlePendingCreate(ctx, props);
        const outs = await liveState(ctx, id, props);
        if (!outs) {
            return {};
        }
        // The AZ is an input only when the program gave one (an import reports what the API has).
        return { props: outs, inputs: inputsOf(virtualMachine, outs, props.availabilityZone === undefined ? ["availabilityZone"] : []) };
    },

    async update(id, olds, news, ctx) {
        return ctx.client.withVmLock(id, async () => {
            await settlePendingCreate(ctx, olds);
            // The VM must fit the blades it is on at every step: a shrink is applied before the
            // move, a growth after it.
            const shrinks = news.memory < olds.memory || news.cpu < olds.cpu;
            if (!shrinks) {
                await relocateIfMoved(ctx, id, olds, news);
            }
            await convergeWithRecovery(ctx, id, news);
            if (shrinks) {
                await relocateIfMoved(ctx, id, olds, news);
            }
            const outs = await liveState(ctx, id, news);
            if (!outs) {
                throw new ApiError({
                    operation: `update virtual machine "${news.name}"`,
                    apiMessage: "the virtual machine no longer exists; run `pulumi refresh`",
                    status: 404,
                });
            }
            return { ...outs, availabilityZone: outs.availabilityZone || news.availabilityZone };
        });
    },

    async delete(id, props, ctx) {
        await ctx.client.withVmLock(id, async () => {
            await settlePendingCreate(ctx, props);
            const vm = await compute.readVm(ctx.client, id);
            if (!vm) {
                return;
            }
            const options = (what: string) => ({ operation: `${what} virtual machine "${vm.name}" (${id})`, timeoutMs: ctx.timeoutMs });
            if (vm.powerState === "running") {
                await compute.powerVm(ctx.client, vm, "off", options("power off"));
            }
            try {
                await compute.deleteVm(ctx.client, id, options("delete"));
            } catch (err) {
                if (err instanceof ApiError && err.status === 404) {
                    return;
                }
                // An ambiguous failure: the VM may be gone after all.
                if (err instanceof ApiError && err.ambiguous && !(await compute.readVm(ctx.client, id))) {
                    return;
                }
                throw err;
            }
        });
    },
};
