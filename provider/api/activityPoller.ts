// The activity poller: a write of the API answers with an activity id, and the outcome comes from
// reading that activity until it completes or fails. The first read waits as long as such
// activities usually take (`activityTiming.ts`), later reads follow the polling schedule; a few
// transient errors in a row and a not-yet-visible activity are tolerated, 429s are left to the
// budget, and a timeout is reported only after one read past the deadline, so that it names what
// the activity already touched.
import { uuidsInText } from "../catalog/ids";
import { ActivityDurations, durationMs, nextWait, waitedMs } from "./activityTiming";
import { PollPolicy, pollIntervals, sleep } from "./backoff";
import { ActivityError, apiMessageOf } from "./errors";
import { HttpMethod, HttpResponse, TransportError } from "./http";
import { ReadReuse } from "./readReuse";
import { isTransient } from "./retryLoop";
import { RequestSender } from "./sender";

export interface ActivityItem {
    id: string;
    type: string;
}

export interface Activity {
    id: string;
    description?: string;
    creationDate?: string;
    concernedItems?: ActivityItem[];
    state: {
        waiting?: Record<string, never>;
        running?: { status?: string; startDate?: string; progression?: number };
        completed?: { result?: string; startDate?: string; stopDate?: string };
        failed?: { reason?: string; startDate?: string; stopDate?: string };
    };
}

export interface WriteOptions {
    operation: string;
    /** Overall deadline for the activity (from the resource's custom timeouts). */
    timeoutMs?: number;
    /** What kind of activity this is (e.g. "POST /compute/v1/vcenters/virtual_machines"), to learn how long such activities take. */
    kind?: string;
    /** Told the items an activity names, at each read (a create names its new object while it runs). */
    onItems?: (items: ActivityItem[]) => void;
}

/** The kind of a write, ids and names left out: "PATCH /compute/v1/vcenters/virtual_machines/power". */
export function activityKind(method: HttpMethod, path: string): string {
    return `${method} ${path.split("?")[0].replace(uuidsInText(), ":id")}`;
}

export interface PollerOptions {
    sender: RequestSender;
    reads: ReadReuse;
    poll: PollPolicy;
    /** Consecutive transient errors tolerated while polling an activity. */
    pollTransientTolerance: number;
    /** Polls answered 404 tolerated before an activity is first seen (it may not be visible yet). */
    activityNotFoundTolerance: number;
    /** Default overall wait for an activity when the resource has no custom timeout. */
    activityTimeoutMs: number;
    /** Drops the bearer token after a 401, so that the next poll exchanges a new one. */
    invalidateToken: () => void;
}

export class ActivityPoller {
    private readonly durations = new ActivityDurations();
    private readonly sender: RequestSender;
    private readonly poll: PollPolicy;
    private readonly pollTransientTolerance: number;
    private readonly activityNotFoundTolerance: number;
    private readonly activityTimeoutMs: number;

    constructor(private readonly options: PollerOptions) {
        this.sender = options.sender;
        this.poll = options.poll;
        this.pollTransientTolerance = options.pollTransientTolerance;
        this.activityNotFoundTolerance = options.activityNotFoundTolerance;
        this.activityTimeoutMs = options.activityTimeoutMs;
    }

    /**
     * Polls an activity until it completes (returns it) or fails (throws ActivityError with the
     * items it already touched). Tolerates a few transient errors in a row and a not-yet-visible
     * activity right after the write.
     */
    async waitForActivity(activityId: string, options: WriteOptions): Promise<Activity> {
        const deadline = Date.now() + (options.timeoutMs ?? this.activityTimeoutMs);
        const intervals = pollIntervals(this.poll);
        let seen = false;
        /** The read sent once the deadline had passed: a timeout is reported only after it. */
        let finalRead = false;
        let notFound = 0;
        let transient = 0;
        let last: Activity | undefined;
        const path = `/activity/v1/activities/${encodeURIComponent(activityId)}`;
        const writtenAt = Date.now();
        // No read right after the write: an activity is never done that fast on the real
        // service. The first read waits as long as this kind of activity usually takes.
        const scheduledFirst = intervals.next().value;
        let wait = this.durations.firstWait(options.kind, scheduledFirst, this.poll.capMs);
        for (;;) {
            await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
            if (!seen && notFound === 0 && transient === 0) {
                // Activities of the same kind started together: what the first of them told
                // while this one slept (a progression, a duration) may say it is not done yet.
                const later = writtenAt + this.durations.firstWait(options.kind, scheduledFirst, this.poll.capMs) - Date.now();
                if (later > 0) {
                    await sleep(Math.min(later, Math.max(0, deadline - Date.now())));
                }
            }
            wait = intervals.next().value;
            // Past the deadline, the activity is read once more if it never was: the timeout
            // then names what it already touched (the VM being created), so that the caller
            // keeps that in the state instead of searching for it by name.
            if (Date.now() >= deadline && (seen || finalRead)) {
                throw new ActivityError(
                    {
                        operation: options.operation,
                        apiMessage: "the activity did not finish before the timeout",
                        activityId,
                        ambiguous: true,
                    },
                    last?.concernedItems ?? [],
                    true,
                );
            }
            finalRead = Date.now() >= deadline;
            let response: HttpResponse;
            try {
                // A poll: fresh, never answered from the previous read.
                response = await this.sender.send("GET", path, undefined, true, "read", true);
            } catch (err) {
                if (!(err instanceof TransportError) || ++transient > this.pollTransientTolerance) {
                    throw new ActivityError(
                        { operation: options.operation, apiMessage: (err as Error).message, activityId, ambiguous: true },
                        last?.concernedItems ?? [],
                    );
                }
                continue;
            }
            if (response.status === 429) {
                // Refused by the rate limits, not by the activity: the budget already waits; the
                // deadline, not the tolerance of errors, bounds this.
                continue;
            }
            if (isTransient(response.status) || response.status === 401) {
                if (response.status === 401) {
                    this.options.invalidateToken();
                }
                if (++transient > this.pollTransientTolerance) {
                    throw new ActivityError(
                        {
                            operation: options.operation,
                            apiMessage: apiMessageOf(response.body, response.status),
                            status: response.status,
                            activityId,
                            ambiguous: true,
                        },
                        last?.concernedItems ?? [],
                    );
                }
                continue;
            }
            transient = 0;
            if (response.status === 404 && !seen && ++notFound <= this.activityNotFoundTolerance) {
                continue;
            }
            if (response.status !== 200 && response.status !== 206) {
                throw new ActivityError(
                    {
                        operation: options.operation,
                        apiMessage: apiMessageOf(response.body, response.status),
                        status: response.status,
                        activityId,
                        ambiguous: true,
                    },
                    last?.concernedItems ?? [],
                );
            }
            seen = true;
            last = JSON.parse(response.body) as Activity;
            if (last.concernedItems?.length) {
                options.onItems?.(last.concernedItems);
            }
            const state = last.state ?? {};
            if (state.completed || state.failed) {
                this.options.reads.activityEnded();
            }
            if (state.completed) {
                if (options.kind) {
                    this.durations.record(options.kind, durationMs(last.creationDate, state.completed));
                }
                return last;
            }
            const waited = waitedMs(last.creationDate, state.running);
            if (options.kind && state.running?.progression !== undefined) {
                this.durations.progressed(options.kind, Date.now() - writtenAt, state.running.progression, waited);
            }
            wait = nextWait(wait, Date.now() - writtenAt, state.running?.progression, Math.min(100, this.poll.initialMs), waited);
            if (state.failed) {
                throw new ActivityError(
                    { operation: options.operation, apiMessage: state.failed.reason || "the activity failed without a reason", activityId },
                    last.concernedItems ?? [],
                );
            }
        }
    }

    /**
     * How long an activity of this kind usually takes, as the first read of one would wait: what
     * such activities took here, else what running peers foretold, else the fastest kind seen.
     */
    expectedActivityMs(kind: string): number {
        return this.durations.firstWait(kind, this.poll.initialMs, this.poll.capMs);
    }
}
