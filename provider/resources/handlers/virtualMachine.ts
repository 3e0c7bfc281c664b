// securetemple:compute:VirtualMachine. Create follows the real service's order: create the VM,
// make it known to the backup side, assign the backup policies, and only then apply the power
// state (a VM never runs without its policies, convention sections 8.5 and 9.5).
import { availabilityZoneIds } from "../../catalog/region";
import { ApiClient } from "../../api/client";
import { createAdopting } from "../../api/adoption";
import { ActivityError, ApiError } from "../../api/errors";
import * as backup from "../../api/backup";
import * as compute from "../../api/compute";
import { HandlerContext, ResourceInitError } from "./context";
import { ResourceHandler, pick, tableDiff } from "./handler";
import { Props, isUnknown, sameSet } from "./properties";
import { Checker } from "./validation";

const inputKeys = [
    "name", "datacenterId", "hostClusterId", "datastoreId", "availabilityZone", "memory", "cpu", "numCoresPerSocket",
    "guestOperatingSystemMoref", "contentLibraryItemId", "cloneFromVirtualMachineId", "powerState", "backupPolicies", "noBackupReason", "tags",
] as const;

const sources = ["guestOperatingSystemMoref", "contentLibraryItemId", "cloneFromVirtualMachineId"] as const;
const mib = 1024 * 1024;

const diffSpec = {
    replaceOn: ["name", "datacenterId", "hostClusterId", "datastoreId", ...sources],
    updateOn: ["memory", "cpu", "numCoresPerSocket", "powerState", "backupPolicies", "noBackupReason", "tags", "availabilityZone"],
    sets: ["backupPolicies"],
    computedWhenAbsent: ["numCoresPerSocket", "availabilityZone"],
    uniqueKeys: ["name", "datacenterId"],
};

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
async function settlePendingCreate(ctx: HandlerContext, props: Props): Promise<void> {
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
            throw new ApiError({ operation: `assign backup policies to "${vmName}"`, apiMessage: `backup policy ${id} does not exist in this tenant (known: ${all.map((p) => `${p.name}=${p.id}`).join(", ")})` });
        }
        if (policy.status === "HELD") {
            throw new ApiError({ operation: `assign backup policies to "${vmName}"`, apiMessage: `backup policy "${policy.name}" is HELD (suspended) and cannot be assigned` });
        }
    }
}

/** The outputs of a VM from its API view and its assigned policies, completed with what the API does not return. */
async function stateOf(ctx: HandlerContext, vm: compute.VirtualMachineWire, policyIds: string[], previous: Props): Promise<Props> {
    const previousPolicies = Array.isArray(previous.backupPolicies) ? (previous.backupPolicies as string[]) : undefined;
    const hostClusterId = vm.hostCluster?.id ?? "";
    const fromScratch = !previous.contentLibraryItemId && !previous.cloneFromVirtualMachineId;
    return {
        name: vm.name,
        datacenterId: vm.datacenter?.id ?? "",
        hostClusterId,
        datastoreId: vm.datastore?.id ?? "",
        memory: vm.memory,
        cpu: vm.cpu,
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
        availabilityZone: (hostClusterId ? await clusterZone(ctx.client, hostClusterId) : "") || previous.availabilityZone || "",
    };
}

/** The outputs of a VM as the API shows it now. */
async function liveState(ctx: HandlerContext, id: string, previous: Props): Promise<Props | undefined> {
    const vm = await compute.readVm(ctx.client, id);
    if (!vm) {
        return undefined;
    }
    const policies = await backup.listBackupPolicies(ctx.client, { virtualMachineId: id });
    return stateOf(ctx, vm, policies.map((p) => p.id), previous);
}

async function startCreate(ctx: HandlerContext, inputs: Props): Promise<string> {
    const name = inputs.name as string;
    const placement = { datacenterId: inputs.datacenterId as string, hostClusterId: inputs.hostClusterId as string, datastoreId: inputs.datastoreId as string };
    if (inputs.cloneFromVirtualMachineId) {
        return compute.startCloneVm(ctx.client, inputs.cloneFromVirtualMachineId as string, { name, ...placement });
    }
    if (inputs.contentLibraryItemId) {
        const itemId = inputs.contentLibraryItemId as string;
        const libraries = await compute.listContentLibraries(ctx.client);
        for (const library of libraries) {
            const items = await compute.listContentLibraryItems(ctx.client, library.id);
            if (items.some((i) => i.id === itemId)) {
                return compute.startDeployLibraryItem(ctx.client, library.id, { contentLibraryItemId: itemId, name, ...placement, powerOn: false });
            }
        }
        throw new ApiError({ operation: `create virtual machine "${name}"`, apiMessage: `content library item ${itemId} is in no content library of this tenant` });
    }
    return compute.startCreateVm(ctx.client, {
        ...placement,
        name,
        memory: inputs.memory as number,
        cpu: inputs.cpu as number,
        guestOperatingSystemMoref: inputs.guestOperatingSystemMoref as string,
    });
}

/**
 * `converge`, tried again after an ambiguous failure (a lost answer, a 5xx, a restart): every
 * pass reads the VM first and sends only what is still needed, so a second pass never repeats a
 * write that took effect.
 */
async function convergeWithRecovery(ctx: HandlerContext, id: string, wanted: Props, fresh = false, passes = 3): Promise<compute.VirtualMachineWire | undefined> {
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
function freshVm(id: string, wanted: Props): compute.VirtualMachineWire {
    return {
        id,
        name: wanted.name as string,
        datacenter: { id: wanted.datacenterId as string },
        hostCluster: { id: wanted.hostClusterId as string },
        powerState: "stopped",
        cpu: wanted.cpu as number,
        memory: wanted.memory as number,
    };
}

/**
 * Sizing, backup policies and power, in the order the service needs; called under the VM's lock.
 * Returns the VM as read back after a power-on (the outputs need no other read), else undefined.
 */
async function converge(ctx: HandlerContext, id: string, wanted: Props, fresh = false): Promise<compute.VirtualMachineWire | undefined> {
    const options = (what: string) => ({ operation: `${what} of virtual machine "${wanted.name}" (${id})`, timeoutMs: ctx.timeoutMs });
    let vm = fresh ? freshVm(id, wanted) : await compute.readVm(ctx.client, id);
    if (!vm) {
        throw new ApiError({ operation: `read virtual machine "${wanted.name}"`, apiMessage: "the virtual machine disappeared", status: 404 });
    }
    const policies = (wanted.backupPolicies as string[]) ?? [];
    const powerOff = wanted.powerState === "off";
    if (powerOff && vm.powerState === "running") {
        await compute.powerVm(ctx.client, vm, "off", options("power off"));
        vm = { ...vm, powerState: "stopped" };
    }
    const cores = (wanted.numCoresPerSocket as number | undefined) ?? vm.numCoresPerSocket ?? 1;
    if (vm.cpu !== wanted.cpu || vm.memory !== wanted.memory || (wanted.numCoresPerSocket !== undefined && vm.numCoresPerSocket !== cores)) {
        // Without CPU/memory hot-plug a running VM cannot be resized: it is stopped, resized and
        // started again below (the wanted power state decides).
        if (vm.powerState === "running") {
            await compute.powerVm(ctx.client, vm, "off", options("power off for the resize"));
            vm = { ...vm, powerState: "stopped" };
        }
        await compute.resizeVm(ctx.client, { id, ram: wanted.memory as number, cpu: wanted.cpu as number, corePerSocket: cores }, options("resize"));
    }
    const assigned = fresh ? [] : (await backup.listBackupPolicies(ctx.client, { virtualMachineId: id })).map((p) => p.id);
    if (!sameSet(assigned, policies)) {
        if (!fresh) {
            await checkPolicies(ctx.client, policies, wanted.name as string);
        }
        if (policies.length > 0) {
            // A VM created a moment ago is not known to the backup side yet: it joins the inventory
            // run in progress (or the next one) and tries the assignment when that run ends. If
            // the run missed it, the refusal below waits for a run that started after it.
            await ctx.inventory.ensureKnown(id, { ...options("backup inventory"), pollMs: ctx.pollMs, knownAbsent: fresh, trustRun: fresh });
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

export const virtualMachineHandler: ResourceHandler = {
    check(news) {
        const c = new Checker(news);
        c.string("name", { required: true, maxLength: 80, pattern: /^[^/\\%]+$/, patternText: "sans / \\ % / without / \\ %" });
        c.uuid("datacenterId");
        c.uuid("hostClusterId");
        c.uuid("datastoreId");
        c.oneOf("availabilityZone", availabilityZoneIds);
        c.integer("memory", { required: true, min: 128 * mib });
        c.integer("cpu", { required: true, min: 1, max: 768 });
        c.integer("numCoresPerSocket", { min: 1, max: 768 });
        if (typeof news.cpu === "number" && typeof news.numCoresPerSocket === "number" && news.cpu % news.numCoresPerSocket !== 0) {
            c.fail("numCoresPerSocket", `« cpu » (${news.cpu}) doit être un multiple de « numCoresPerSocket » (${news.numCoresPerSocket})`, `"cpu" (${news.cpu}) must be a multiple of "numCoresPerSocket" (${news.numCoresPerSocket})`);
        }
        if (typeof news.memory === "number" && news.memory % mib !== 0) {
            c.fail("memory", `« memory » est en octets et doit être un multiple de 1 Mio (reçu : ${news.memory})`, `"memory" is in bytes and must be a multiple of 1 MiB (got ${news.memory})`);
        }
        const given = sources.filter((s) => c.isSet(s));
        if (given.length !== 1) {
            c.fail(
                "guestOperatingSystemMoref",
                `indiquez exactement une source parmi ${sources.join(", ")} (reçu : ${given.length ? given.join(", ") : "aucune"})`,
                `give exactly one source among ${sources.join(", ")} (got ${given.length ? given.join(", ") : "none"})`,
            );
        }
        c.string("guestOperatingSystemMoref");
        c.uuid("contentLibraryItemId", false);
        c.uuid("cloneFromVirtualMachineId", false);
        c.oneOf("powerState", ["on", "off"]);
        const policies = c.stringList("backupPolicies", { required: true, item: /^[0-9a-fA-F-]{36}$/, itemText: "un UUID de politique / a policy UUID" });
        c.string("noBackupReason");
        c.stringMap("tags");
        const powerState = news.powerState ?? "on";
        if (policies && policies.length === 0 && powerState === "on") {
            c.fail(
                "backupPolicies",
                "une machine ne démarre qu'avec une politique de sauvegarde (convention 8.5, 9.5) : ajoutez-en une (ou « nobackup » avec noBackupReason) ou mettez powerState à \"off\"",
                'a VM is powered on only with a backup policy (convention 8.5, 9.5): add one (or "nobackup" with noBackupReason) or set powerState to "off"',
            );
        }
        return { inputs: { ...news, powerState }, failures: c.failures };
    },

    diff(olds, news) {
        return tableDiff(olds, news, diffSpec);
    },

    async create(inputs, ctx) {
        const name = inputs.name as string;
        if (inputs.availabilityZone && !isUnknown(inputs.availabilityZone)) {
            const zone = await clusterZone(ctx.client, inputs.hostClusterId as string);
            if (zone && zone !== inputs.availabilityZone) {
                throw new ApiError({
                    operation: `create virtual machine "${name}"`,
                    apiMessage: `availabilityZone is "${inputs.availabilityZone}" but host cluster ${inputs.hostClusterId} is in ${zone}`,
                });
            }
        }
        await checkPolicies(ctx.client, (inputs.backupPolicies as string[]) ?? [], name);
        const outcome = await createAdopting({
            operation: `create virtual machine "${name}"`,
            start: () => startCreate(ctx, inputs),
            wait: (activityId) => ctx.client.waitForActivity(activityId, { operation: `create virtual machine "${name}"`, timeoutMs: ctx.timeoutMs, kind: "create virtual machine" }),
            idFrom: (activity) => compute.createdId(activity, "virtual_machine"),
            lookup: async () =>
                (await compute.findVmsByName(ctx.client, name)).find((vm) => !vm.datacenter || vm.datacenter.id === inputs.datacenterId)?.id,
            // Names are unique in a datacenter: a create lost on the way is sent again, never made twice.
            resendWhenAbsent: true,
            log: ctx.log,
        });
        const id = outcome.id;
        const unfinished = outcome.adoptedAfter instanceof ActivityError && outcome.adoptedAfter.timedOut ? outcome.adoptedAfter : undefined;
        if (unfinished) {
            // The create is still running: the VM stays in the state with its activity, and the
            // next operation on it (up, refresh, destroy) waits for that activity first.
            throw new ResourceInitError(`${unfinished.message} — the next \`pulumi up\` waits for it and finishes the virtual machine`, id, {
                ...inputs,
                powerState: "off",
                [pendingCreateKey]: unfinished.activityId,
            });
        }
        ctx.log(`virtual machine ${id}: created as "${name}"`);
        return ctx.client.withVmLock(id, async () => {
            try {
                // Created just now from a guest OS (not adopted): its state is known.
                const fresh = !outcome.adoptedAfter && !inputs.cloneFromVirtualMachineId && !inputs.contentLibraryItemId;
                // A VM just powered on was read back with its peers (moref, placement): no read of its own.
                const seen = await convergeWithRecovery(ctx, id, inputs, fresh);
                const outs = seen
                    ? await stateOf(ctx, { ...seen, powerState: inputs.powerState === "off" ? "stopped" : "running" }, inputs.backupPolicies as string[], inputs)
                    : await liveState(ctx, id, inputs);
                if (!outs) {
                    throw outcome.adoptedAfter ?? new ApiError({ operation: `create virtual machine "${name}"`, apiMessage: "the new virtual machine cannot be read", status: 404 });
                }
                return { id, outs: { ...outs, availabilityZone: outs.availabilityZone || inputs.availabilityZone } };
            } catch (err) {
                const partial = (await liveState(ctx, id, inputs).catch(() => undefined)) ?? { ...inputs, powerState: "off" };
                // The VM stays in the state (next `pulumi up` finishes it); the message starts with what went wrong first.
                const message = outcome.adoptedAfter ? `${outcome.adoptedAfter.message} — ${(err as Error).message}` : (err as Error).message;
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
        const inputs = pick(outs, inputKeys.filter((k) => k !== "availabilityZone" || props.availabilityZone !== undefined));
        return { props: outs, inputs };
    },

    async update(id, olds, news, ctx) {
        return ctx.client.withVmLock(id, async () => {
            await settlePendingCreate(ctx, olds);
            await convergeWithRecovery(ctx, id, news);
            const outs = await liveState(ctx, id, news);
            if (!outs) {
                throw new ApiError({ operation: `update virtual machine "${news.name}"`, apiMessage: "the virtual machine no longer exists; run `pulumi refresh`", status: 404 });
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
