// Creates that never leave an orphan. A create is sent once; when its outcome is ambiguous
// (no answer, a 5xx, an activity that failed or timed out after the object appeared) the object
// is looked up by its unique key (the name for VMs and buckets, the new entry in the VM's list
// for disks and adapters) and adopted, so that it lands in the Pulumi state instead of being
// billed outside it. A definitive refusal (4xx) is reported as it is.
import { sleep } from "./backoff";
import { Activity } from "./client";
import { ActivityError, ApiError } from "./errors";

export interface AdoptingCreate {
    operation: string;
    /** Sends the create; returns the activity id. */
    start: () => Promise<string>;
    wait: (activityId: string) => Promise<Activity>;
    /** The new object's id from the completed (or failed) activity. */
    idFrom: (activity: Pick<Activity, "concernedItems" | "state">) => string | undefined;
    /** Finds the object by its unique key; undefined when it does not exist. */
    lookup: () => Promise<string | undefined>;
    /** Lookups tried after an ambiguous failure before concluding that nothing was created. */
    lookupAttempts?: number;
    lookupDelayMs?: number;
    /**
     * The object's key is unique (a VM's name in its datacenter, a bucket's name): when a create
     * got no answer and the lookups then find nothing, the create is sent once more. A first
     * create that arrives late after all makes the second one refused as a duplicate, and the
     * lookup then adopts what the first made: nothing is made twice, nothing is left outside.
     */
    resendWhenAbsent?: boolean;
    log?: (message: string) => void;
}

export interface CreateOutcome {
    id: string;
    /** Set when the create did not report success and the object was found and adopted. */
    adoptedAfter?: ApiError;
}

async function lookupWithPatience(spec: AdoptingCreate): Promise<string | undefined> {
    const attempts = spec.lookupAttempts ?? 3;
    for (let i = 0; i < attempts; i++) {
        if (i > 0) {
            await sleep(spec.lookupDelayMs ?? 1_000);
        }
        try {
            const id = await spec.lookup();
            if (id) {
                return id;
            }
        } catch (err) {
            spec.log?.(`${spec.operation}: lookup after failure failed: ${(err as Error).message}`);
        }
    }
    return undefined;
}

/** Sends the create; after an ambiguous failure, adopts what the lookup finds, or (unique keys) sends it once more. */
async function start(spec: AdoptingCreate): Promise<{ activityId: string } | CreateOutcome> {
    let lost: ApiError | undefined;
    for (;;) {
        try {
            return { activityId: await spec.start() };
        } catch (err) {
            // A duplicate refused after a lost answer: the first create went through after all.
            const refusedAfterLoss =
                lost && err instanceof ApiError && !err.ambiguous && err.status !== undefined && err.status >= 400 && err.status < 500;
            if ((err instanceof ApiError && err.ambiguous) || refusedAfterLoss) {
                const id = await lookupWithPatience(spec);
                if (id) {
                    spec.log?.(`${spec.operation}: adopted ${id} after an ambiguous failure`);
                    return { id, adoptedAfter: lost ?? (err as ApiError) };
                }
                if (spec.resendWhenAbsent && !lost && !refusedAfterLoss) {
                    lost = err as ApiError;
                    spec.log?.(`${spec.operation}: no answer and nothing found by its unique key; sending it once more`);
                    continue;
                }
            }
            throw err;
        }
    }
}

export async function createAdopting(spec: AdoptingCreate): Promise<CreateOutcome> {
    const started = await start(spec);
    if (!("activityId" in started)) {
        return started;
    }
    const activityId = started.activityId;
    let activity: Activity;
    try {
        activity = await spec.wait(activityId);
    } catch (err) {
        if (err instanceof ActivityError) {
            const id = spec.idFrom({ concernedItems: err.concernedItems, state: {} }) ?? (await lookupWithPatience(spec));
            if (id) {
                spec.log?.(`${spec.operation}: adopted ${id} after the activity ended badly`);
                return { id, adoptedAfter: err };
            }
        }
        throw err;
    }
    const id = spec.idFrom(activity) ?? (await lookupWithPatience(spec));
    if (!id) {
        throw new ApiError({ operation: spec.operation, apiMessage: "the activity completed but named no created object", activityId });
    }
    return { id };
}
