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

export async function createAdopting(spec: AdoptingCreate): Promise<CreateOutcome> {
    let activityId: string;
    try {
        activityId = await spec.start();
    } catch (err) {
        if (err instanceof ApiError && err.ambiguous) {
            const id = await lookupWithPatience(spec);
            if (id) {
                spec.log?.(`${spec.operation}: adopted ${id} after an ambiguous failure`);
                return { id, adoptedAfter: err };
            }
        }
        throw err;
    }
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
