// securetemple:compute:NetworkAdapter. Like disks, adapters have no unique name: an ambiguous
// create is resolved from the VM's adapter list before and after.
import { createAdopting } from "../../api/adoption";
import { ApiError } from "../../api/errors";
import * as compute from "../../api/compute";
import { adapterTypeEnum, networkAdapter } from "../../schema/compute";
import type { CheckedOf, StateOf } from "../../schema/types";
import { HandlerContext, ResourceInitError } from "./context";
import { ResourceHandler, inputsOf, oneOf } from "./handler";
import { EarlierCreate, earlyMarker, findEarlierCreate, settleRunningCreates } from "./interruptedCreate";

type Inputs = CheckedOf<typeof networkAdapter>;
type State = StateOf<typeof networkAdapter>;

/**
 * What `connected` means for an adapter as the API shows it: the live connection on a running VM,
 * whether it connects at power-on (`autoConnect`) on a stopped one, where vSphere connects
 * nothing. Read as the live connection alone, an adapter of a stopped VM would read false and
 * differ from the program's true on every preview until the VM is started.
 */
async function effectiveConnection(ctx: HandlerContext, adapter: compute.NetworkAdapterWire): Promise<boolean | undefined> {
    if (adapter.connected === true || adapter.autoConnect === undefined) {
        // Only a running VM has connected adapters; an API that gives no autoConnect is read as is.
        return adapter.connected;
    }
    if (adapter.autoConnect === false) {
        // Not connected now (a stopped VM's adapter never is), nor at power-on.
        return false;
    }
    // Set to connect but not connected: a stopped VM's adapter (it connects at power-on), or a
    // running VM's that was disconnected. Only then is the VM's power state needed.
    const vm = adapter.virtualMachineId ? await compute.readVm(ctx.client, adapter.virtualMachineId) : undefined;
    return vm?.powerState !== "running";
}

async function liveState(ctx: HandlerContext, id: string, previous: Partial<State>): Promise<State | undefined> {
    const adapter = await compute.readAdapter(ctx.client, id);
    if (!adapter) {
        return undefined;
    }
    const connected = await effectiveConnection(ctx, adapter);
    return {
        virtualMachineId: adapter.virtualMachineId ?? previous.virtualMachineId ?? "",
        networkId: adapter.network?.id ?? previous.networkId ?? "",
        type: oneOf(adapterTypeEnum.values, adapter.type) ?? previous.type ?? networkAdapter.properties.type.default,
        macAddress: adapter.macAddress,
        connected: connected ?? previous.connected ?? networkAdapter.properties.connected.default,
        name: adapter.name ?? "",
        macType: adapter.macType ?? "",
    };
}

/**
 * Makes the adapter as wanted: connected (or not) now on a running VM, and connecting (or not) at
 * power-on. On a stopped VM the API's connect and disconnect set the second; on a running one they
 * act now only, so what happens at the next power-on (autoConnect) is set as well when it differs.
 */
async function applyConnection(ctx: HandlerContext, id: string, wanted: Inputs): Promise<void> {
    let live = await compute.readAdapter(ctx.client, id);
    if (!live || wanted.connected === undefined) {
        return;
    }
    if ((await effectiveConnection(ctx, live)) !== wanted.connected) {
        await compute.connectAdapter(ctx.client, id, wanted.connected, {
            operation: `${wanted.connected ? "connect" : "disconnect"} network adapter ${id}`,
            timeoutMs: ctx.timeoutMs,
        });
        live = await compute.readAdapter(ctx.client, id);
    }
    if (live?.autoConnect !== undefined && live.autoConnect !== wanted.connected && live.network?.id) {
        await compute.updateAdapter(
            ctx.client,
            { id, newNetworkId: live.network.id, autoConnect: wanted.connected },
            {
                operation: `set network adapter ${id} to ${wanted.connected ? "connect" : "stay disconnected"} at power-on`,
                timeoutMs: ctx.timeoutMs,
            },
        );
    }
}

export const networkAdapterHandler: ResourceHandler<typeof networkAdapter> = {
    declaration: networkAdapter,

    async create(inputs, ctx) {
        const vmId = inputs.virtualMachineId;
        return ctx.client.withVmLock(vmId, async () => {
            await settleRunningCreates(ctx, vmId, "network_adapter");
            const existing = await compute.listAdapters(ctx.client, vmId);
            const before = new Set(existing.map((a) => a.id));
            const operation = `add a network adapter to virtual machine ${vmId}`;
            const earlier: EarlierCreate = {
                urn: ctx.urn,
                kind: "network_adapter",
                // Adapters have no unique name: an adapter of this VM on this network may be this resource's.
                candidates: async () => existing.filter((a) => a.network?.id === inputs.networkId).map((a) => a.id),
                log: ctx.log,
            };
            const marker = earlyMarker(ctx.client, "network_adapter", ctx.urn, ctx.log);
            const adopted = await findEarlierCreate(ctx.client, earlier);
            const { id } = adopted
                ? { id: adopted }
                : await createAdopting({
                      operation,
                      start: () =>
                          compute.startCreateAdapter(ctx.client, {
                              virtualMachineId: vmId,
                              networkId: inputs.networkId,
                              type: inputs.type,
                              macAddress: inputs.macAddress,
                          }),
                      wait: (activityId) =>
                          ctx.client.waitForActivity(activityId, {
                              operation,
                              timeoutMs: ctx.timeoutMs,
                              kind: "create network adapter",
                              onItems: marker.onItems,
                          }),
                      idFrom: (activity) => compute.createdId(activity, "network_adapter"),
                      lookup: async () =>
                          (await compute.listAdapters(ctx.client, vmId)).find(
                              (a) => !before.has(a.id) && a.network?.id === inputs.networkId,
                          )?.id,
                      log: ctx.log,
                  });
            try {
                await marker.ensure(id);
                await applyConnection(ctx, id, inputs);
                const outs = await liveState(ctx, id, inputs);
                if (!outs) {
                    throw new ApiError({ operation, apiMessage: "the new adapter cannot be read", status: 404 });
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
        // The MAC address is an input only when the program gave one.
        return outs ? { props: outs, inputs: inputsOf(networkAdapter, outs, props.macAddress === undefined ? ["macAddress"] : []) } : {};
    },

    async update(id, olds, news, ctx) {
        return ctx.client.withVmLock(news.virtualMachineId, async () => {
            if (olds.networkId !== news.networkId || (news.macAddress !== undefined && olds.macAddress !== news.macAddress)) {
                await compute.updateAdapter(
                    ctx.client,
                    { id, newNetworkId: news.networkId, autoConnect: news.connected !== false, macAddress: news.macAddress },
                    { operation: `update network adapter ${id}`, timeoutMs: ctx.timeoutMs },
                );
            }
            await applyConnection(ctx, id, news);
            const outs = await liveState(ctx, id, news);
            if (!outs) {
                throw new ApiError({
                    operation: `update network adapter ${id}`,
                    apiMessage: "the adapter no longer exists; run `pulumi refresh`",
                    status: 404,
                });
            }
            return outs;
        });
    },

    async delete(id, props, ctx) {
        await ctx.client.withVmLock(props.virtualMachineId, async () => {
            if (!(await compute.readAdapter(ctx.client, id))) {
                return;
            }
            try {
                await compute.deleteAdapter(ctx.client, id, { operation: `delete network adapter ${id}`, timeoutMs: ctx.timeoutMs });
            } catch (err) {
                if (err instanceof ApiError && (err.status === 404 || (err.ambiguous && !(await compute.readAdapter(ctx.client, id))))) {
                    return;
                }
                throw err;
            }
        });
    },
};
