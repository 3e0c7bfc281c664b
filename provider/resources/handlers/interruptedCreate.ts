// What a create does first: look for the object an earlier, interrupted create of the same
// resource made (pulumi killed after the API accepted the create, before the state recorded
// it). Found, it is adopted, so that a `pulumi up` after an interruption neither makes a second
// one nor fails on the name the first one holds. See provider/api/creationMarker.ts for what
// tells this resource's objects from another stack's or a person's.
import { CreateOutcome } from "../../api/adoption";
import { sleep } from "../../api/backoff";
import { ApiClient } from "../../api/client";
import { ApiError } from "../../api/errors";
import { readBucket } from "../../api/objectStorage";
import { MarkedKind, madeByThisCredential, markerOf, runningCreatesOn, setMarker } from "../../api/creationMarker";

export interface EarlierCreate {
    /** The resource's URN; without it (a caller outside the engine) nothing is looked for. */
    urn: string | undefined;
    kind: MarkedKind;
    /**
     * Objects that may be what the interrupted create made: the holder of the resource's unique
     * key (a VM's name in its datacenter, a bucket's name), or the objects on the resource's VM
     * that fit its declaration (disks, adapters).
     */
    candidates: () => Promise<string[]>;
    log: (message: string) => void;
}

/**
 * The id of the object an interrupted create of `urn` left: one marked with this URN, else one
 * with no marker at all whose create activity this credential started (the create was cut before
 * the marker could be set), which is then marked. Undefined when there is none.
 */
export async function findEarlierCreate(client: ApiClient, spec: EarlierCreate): Promise<string | undefined> {
    if (!spec.urn) {
        return undefined;
    }
    const ids = await spec.candidates();
    if (ids.length === 0) {
        return undefined;
    }
    const markers = await Promise.all(ids.map((id) => markerOf(client, id)));
    const marked = ids.find((_, i) => markers[i] === spec.urn);
    if (marked) {
        spec.log(`${spec.urn}: adopting ${marked}, made by an earlier create of this resource that was interrupted`);
        return marked;
    }
    for (const id of ids.filter((_, i) => markers[i] === undefined)) {
        if (await madeByThisCredential(client, id)) {
            await setMarker(client, id, spec.kind, spec.urn);
            spec.log(`${spec.urn}: adopting ${id}, made by this credential's interrupted create before its marker was set`);
            return id;
        }
    }
    return undefined;
}

/**
 * Marks a new object as early as the API names it (while its activity still runs), once: a
 * failure then is tried again when the activity has ended (`ensure`), where it counts.
 */
export function earlyMarker(client: ApiClient, kind: MarkedKind, urn: string | undefined, log: (message: string) => void) {
    let marked: string | undefined;
    let pending: Promise<void> | undefined;
    const mark = (id: string): Promise<void> => {
        if (!urn || marked === id) {
            return Promise.resolve();
        }
        pending = setMarker(client, id, kind, urn).then(() => {
            marked = id;
        });
        return pending;
    };
    return {
        /** For WriteOptions.onItems: marks the first item of the kind the activity names. */
        onItems(items: { id: string; type: string }[]): void {
            const item = items.find((i) => i.type === kind);
            if (item && !pending) {
                mark(item.id).catch((err: unknown) =>
                    log(`marking ${item.id} while it is being created failed (${(err as Error).message}); trying again once it exists`),
                );
            }
        },
        /** Makes sure the object carries the marker; throws when the API refuses it. */
        async ensure(id: string): Promise<void> {
            await pending?.catch(() => undefined);
            await mark(id);
        },
    };
}

/** A refusal because the unique key (a name) is held, in the API's words (French or English). */
const keyHeld = /already exists|existe déjà|already in use|déjà utilisé/i;

/**
 * Runs `create`; when the API refuses it because the name is held by an object that is still
 * being made (the interrupted create's activity has not ended, so the object is not listed yet),
 * waits for that object to appear and adopts it if it is this resource's. Another stack's or a
 * person's object of that name is never adopted: the refusal is then reported as it is.
 */
export async function createOrAdoptEarlier(
    ctx: { client: ApiClient; timeoutMs: number; pollMs: number },
    earlier: EarlierCreate,
    create: () => Promise<CreateOutcome>,
): Promise<CreateOutcome & { earlier?: boolean }> {
    try {
        return await create();
    } catch (err) {
        if (!(err instanceof ApiError) || err.ambiguous || !keyHeld.test(err.apiMessage) || !earlier.urn) {
            throw err;
        }
        const deadline = Date.now() + ctx.timeoutMs;
        for (;;) {
            const id = await findEarlierCreate(ctx.client, earlier);
            if (id) {
                return { id, earlier: true };
            }
            // Listed and not this resource's: the name belongs to someone else.
            if ((await earlier.candidates()).length > 0 || Date.now() >= deadline) {
                throw err;
            }
            await sleep(Math.max(ctx.pollMs, 250));
        }
    }
}

/**
 * Waits for the disk or adapter creates of an interrupted run still running on the VM (their
 * object is not listed before they end), so that the lookup that follows sees what they made.
 */
export async function settleRunningCreates(
    ctx: { client: ApiClient; timeoutMs: number; log: (message: string) => void },
    vmId: string,
    kind: MarkedKind,
): Promise<void> {
    for (const activityId of await runningCreatesOn(ctx.client, vmId, kind)) {
        ctx.log(`${kind} create ${activityId} of an earlier run is still running on ${vmId}: waiting for it`);
        await ctx.client
            .waitForActivity(activityId, { operation: `earlier create on ${vmId}`, timeoutMs: ctx.timeoutMs })
            .catch(() => undefined);
    }
}

/** The kind of object a resource type creates, for the types whose creates leave markers. */
const markedKindOf: Record<string, MarkedKind | undefined> = {
    "securetemple:compute:VirtualMachine": "virtual_machine",
    "securetemple:compute:VirtualDisk": "virtual_disk",
    "securetemple:compute:NetworkAdapter": "network_adapter",
    "securetemple:objectstorage:Bucket": "bucket",
};

/**
 * On the refresh of an object the state holds, sets its marker when it has none: an object
 * created before markers existed gets one, so that no later create of another resource takes it
 * for the unmarked object of an interrupted create. Never fails the refresh (logged instead).
 */
export async function markOnRefresh(
    client: ApiClient,
    type: string,
    id: string,
    urn: string,
    log: (message: string) => void,
): Promise<void> {
    const kind = markedKindOf[type];
    if (!kind) {
        return;
    }
    try {
        // The tag API knows a bucket by its id, not by its name (the bucket's id in the state).
        const markerId = kind === "bucket" ? ((await readBucket(client, id))?.id ?? id) : id;
        if ((await markerOf(client, markerId)) === undefined) {
            await setMarker(client, markerId, kind, urn);
        }
    } catch (err) {
        log(`${urn}: marker not set on ${id} (${(err as Error).message})`);
    }
}
