// The client of the Secure Temple customer API. It adds to the raw HTTP calls everything the
// real service asks of a well-behaved client: bearer tokens refreshed before they expire, a
// request budget per product under the documented rate limits (shared by the processes of the
// machine, as the API counts them per address), identical requests spaced by one second, reads
// retried on 429/5xx and writes resent only on 429 (a refusal before anything happened),
// activities polled with a growing interval, writes to one VM serialised, and errors that carry
// the API's message, status and activity id.
import { Mutex } from "async-mutex";
import { ActivityDurations, durationMs, nextWait, waitedMs } from "./activityTiming";
import { TokenSource } from "./auth";
import { PollPolicy, RetryPolicy, defaultPollPolicy, defaultRetryPolicy, parseRetryAfter, pollIntervals, retryDelayMs, sleep, throttleDelayMs } from "./backoff";
import { BudgetLimits, RequestBudget, RequestPriority, documentedLimits, productOf } from "./budget";
import { ActivityError, ApiError, apiMessageOf } from "./errors";
import { HttpMethod, HttpResponse, Transport, TransportError, fetchTransport } from "./http";
import { uuidsInText } from "./ids";
import { SlotLedger, openLedger } from "./slotLedger";

export interface ClientOptions {
    /** Base URL without the `/api` suffix, e.g. `https://shiva.cloud-temple.com` or `http://127.0.0.1:8080`. */
    endpoint: string;
    clientId: string;
    secretId: string;
    transport?: Transport;
    limits?: Partial<BudgetLimits>;
    /**
     * Share the request budget with the other processes of this machine that talk to the same
     * endpoint (default true; `SECURETEMPLE_SHARED_BUDGET` says where, or `off`).
     */
    sharedBudget?: boolean;
    /** The ledger of send times itself (tests); overrides `sharedBudget`. */
    ledger?: SlotLedger;
    retry?: Partial<RetryPolicy>;
    /**
     * How long requests answered 429 keep being retried (after Retry-After, with jitter) before
     * the operation fails: the address's budget is shared with every client behind it, so a
     * refusal says "later", not "never".
     */
    throttleWaitMs?: number;
    poll?: Partial<PollPolicy>;
    /** Consecutive transient errors tolerated while polling an activity. */
    pollTransientTolerance?: number;
    /** Polls answered 404 tolerated before an activity is first seen (it may not be visible yet). */
    activityNotFoundTolerance?: number;
    /** Default overall wait for an activity when the resource has no custom timeout. */
    activityTimeoutMs?: number;
    userAgent?: string;
    /** Diagnostic sink (never receives tokens or secrets). */
    log?: (message: string) => void;
    random?: () => number;
}

export type Query = Record<string, string | number | boolean | string[] | undefined>;

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

export interface ReadOptions {
    /** Statuses that mean "absent" for this read (404 for compute, 403 and 404 for buckets...). */
    absentOn?: number[];
    operation?: string;
    /** "background" for a read nobody waits for yet: it takes the budget's spare slots. */
    priority?: RequestPriority;
    /** A poll waiting for something to change: never answered from a recent identical read. */
    fresh?: boolean;
}

export interface WriteOptions {
    operation: string;
    /** Overall deadline for the activity (from the resource's custom timeouts). */
    timeoutMs?: number;
    /** What kind of activity this is (e.g. "POST /compute/v1/vcenters/virtual_machines"), to learn how long such activities take. */
    kind?: string;
}

/** Counters for tests and benchmarks. */
export interface ClientStats {
    requests: number;
    throttled: number;
    serverErrors: number;
    retries: number;
    /** GETs answered by an identical GET that had not left yet. */
    joinedReads: number;
    /** GETs answered by an identical GET sent less than the identical-request spacing ago, with no write since. */
    reusedReads: number;
    byMethod: Record<string, number>;
}

/** Encodes a query string as the Go client does: keys sorted, arrays as `key[]=v`, empty values left out. */
export function encodeQuery(query: Query | undefined): string {
    if (!query) {
        return "";
    }
    const params = new URLSearchParams();
    for (const key of Object.keys(query).sort()) {
        const value = query[key];
        if (value === undefined || value === "") {
            continue;
        }
        if (Array.isArray(value)) {
            for (const v of value) {
                params.append(`${key}[]`, v);
            }
        } else {
            params.append(key, String(value));
        }
    }
    const text = params.toString();
    return text ? `?${text}` : "";
}

const isTransient = (status: number) => status === 429 || status >= 500;

/** The origin of a URL (scheme, host, port): what the API's limits are counted for, from one address. */
function originOf(url: string): string {
    try {
        return new URL(url).origin;
    } catch {
        return url;
    }
}

/** The kind of a write, ids and names left out: "PATCH /compute/v1/vcenters/virtual_machines/power". */
export function activityKind(method: HttpMethod, path: string): string {
    return `${method} ${path.split("?")[0].replace(uuidsInText(), ":id")}`;
}

export class ApiClient {
    readonly stats: ClientStats = { requests: 0, throttled: 0, serverErrors: 0, retries: 0, joinedReads: 0, reusedReads: 0, byMethod: {} };
    readonly tokens: TokenSource;
    private readonly baseUrl: string;
    private readonly transport: Transport;
    private readonly budget: RequestBudget;
    private readonly retry: RetryPolicy;
    private readonly throttleWaitMs: number;
    private readonly poll: PollPolicy;
    private readonly pollTransientTolerance: number;
    private readonly activityNotFoundTolerance: number;
    private readonly activityTimeoutMs: number;
    private readonly userAgent: string;
    private readonly log: (message: string) => void;
    private readonly random: () => number;
    private readonly durations = new ActivityDurations();
    private readonly vmLocks = new Map<string, { mutex: Mutex; users: number }>();
    /** Identical GETs scheduled but not sent yet, by request key. */
    private readonly unsentReads = new Map<string, Promise<HttpResponse>>();
    /** Answers of recent GETs, by request key, with when they were sent. */
    private readonly recentReads = new Map<string, { sentAt: number; response: HttpResponse }>();
    /** When this client last sent a write to a product: older answers of that product may be stale. */
    private readonly lastWriteAt = new Map<string, number>();
    /** When this client last saw an activity end: older answers may be stale, whatever the product. */
    private lastActivityEndAt = 0;

    constructor(options: ClientOptions) {
        this.baseUrl = `${options.endpoint.replace(/\/+$/, "")}/api`;
        this.transport = options.transport ?? fetchTransport();
        this.log = options.log ?? (() => undefined);
        const ledger = options.ledger ?? (options.sharedBudget === false ? undefined : openLedger(this.log));
        this.budget = new RequestBudget({ ...documentedLimits, ...options.limits }, { ledger, scope: originOf(this.baseUrl) });
        this.retry = { ...defaultRetryPolicy, ...options.retry };
        this.throttleWaitMs = options.throttleWaitMs ?? 5 * 60_000;
        this.poll = { ...defaultPollPolicy, ...options.poll };
        this.pollTransientTolerance = options.pollTransientTolerance ?? 8;
        this.activityNotFoundTolerance = options.activityNotFoundTolerance ?? 3;
        this.activityTimeoutMs = options.activityTimeoutMs ?? 20 * 60_000;
        this.userAgent = options.userAgent ?? "pulumi-resource-securetemple";
        this.random = options.random ?? Math.random;
        this.tokens = new TokenSource({
            clientId: options.clientId,
            secretId: options.secretId,
            exchange: (body) => this.withReadRetries("POST", "/iam/v2/auth/personal_access_token", body, false, "authentication"),
        });
    }

    /** One HTTP exchange through the budget; counts it; never retries. */
    private async send(
        method: HttpMethod,
        path: string,
        body: string | undefined,
        authenticated: boolean,
        priority?: RequestPriority,
        fresh = false,
    ): Promise<HttpResponse> {
        const url = `${this.baseUrl}${path}`;
        const headers: Record<string, string> = { "User-Agent": this.userAgent, Accept: "application/json" };
        if (body !== undefined) {
            headers["Content-Type"] = "application/json";
        }
        if (authenticated) {
            headers.Authorization = `Bearer ${await this.tokens.bearer()}`;
        }
        const key = `${method} ${path} ${body ?? ""}`;
        // An identical GET still waiting for its turn (the one-per-second rule, the budget) is
        // joined rather than queued again: it has not left yet, so its answer is at least as
        // fresh as the caller needs. Writes are never merged.
        const waiting = method === "GET" ? this.unsentReads.get(key) : undefined;
        if (waiting) {
            this.stats.joinedReads += 1;
            return waiting;
        }
        const recent = method === "GET" && !fresh ? this.recentAnswer(key, path) : undefined;
        if (recent) {
            this.stats.reusedReads += 1;
            return recent;
        }
        if (method !== "GET" && authenticated) {
            this.lastWriteAt.set(productOf(path), Date.now());
        }
        const pending = this.budget.schedule(
            path,
            key,
            async () => {
                if (this.unsentReads.get(key) === pending) {
                    this.unsentReads.delete(key);
                }
                this.stats.requests += 1;
                this.stats.byMethod[method] = (this.stats.byMethod[method] ?? 0) + 1;
                const sentAt = Date.now();
                const response = await this.transport({ method, url, headers, body });
                if (response.status === 429) {
                    this.stats.throttled += 1;
                    // Every request of this product, from this process and those sharing its budget, waits and slows down.
                    this.budget.throttled(path, parseRetryAfter(response.headers["retry-after"]) ?? 1_000);
                } else if (response.status >= 500) {
                    this.stats.serverErrors += 1;
                } else if (method === "GET" && response.status !== 401) {
                    this.rememberAnswer(key, sentAt, response);
                }
                return response;
            },
            priority ?? (method === "GET" ? "read" : "write"),
        );
        if (method === "GET") {
            this.unsentReads.set(key, pending);
            pending.catch(() => undefined).finally(() => {
                if (this.unsentReads.get(key) === pending) {
                    this.unsentReads.delete(key);
                }
            });
        }
        return pending;
    }

    /**
     * The answer of an identical GET sent less than the identical-request spacing ago, when this
     * client has changed nothing it could show since (no write to that product, no activity
     * ended). The convention forbids sending it again within that second, and waiting out the
     * second would only delay the caller. Polls (activities, reads marked `fresh`) never get
     * here: they wait on purpose for the state to move.
     */
    private recentAnswer(key: string, path: string): HttpResponse | undefined {
        const recent = this.recentReads.get(key);
        if (!recent) {
            return undefined;
        }
        const changedAt = Math.max(this.lastWriteAt.get(productOf(path)) ?? 0, this.lastActivityEndAt);
        const fresh = Date.now() - recent.sentAt < this.budget.limits.identicalRequestSpacingMs && recent.sentAt > changedAt;
        return fresh ? recent.response : undefined;
    }

    private rememberAnswer(key: string, sentAt: number, response: HttpResponse): void {
        if (this.budget.limits.identicalRequestSpacingMs <= 0) {
            return;
        }
        const horizon = Date.now() - this.budget.limits.identicalRequestSpacingMs;
        for (const [k, r] of this.recentReads) {
            if (r.sentAt < horizon) {
                this.recentReads.delete(k);
            }
        }
        this.recentReads.set(key, { sentAt, response });
    }

    /**
     * The wait before sending again a request answered 429, or an error once such answers have
     * lasted longer than `throttleWaitMs`. A 429 is a refusal before any processing: waiting and
     * resending is safe for every method, and it is not counted as a failed attempt.
     */
    private throttleWait(throttle: { since?: number; count: number }, response: HttpResponse, operation: string, path: string): number {
        const now = Date.now();
        throttle.since ??= now;
        throttle.count += 1;
        const delay = throttleDelayMs(parseRetryAfter(response.headers["retry-after"]), this.random);
        if (now + delay - throttle.since > this.throttleWaitMs) {
            const seconds = Math.round((now - throttle.since) / 1000);
            throw new ApiError({
                operation,
                apiMessage:
                    `${apiMessageOf(response.body, response.status)}: refused ${throttle.count} times over ${seconds} s by the rate limits of ${productOf(path) || "the API"}, ` +
                    "which count every client behind this address (other pipelines, other machines behind the same NAT)",
                status: 429,
            });
        }
        this.stats.retries += 1;
        this.log(`${operation}: HTTP 429, sent again in ${delay} ms (${throttle.count} refusal(s) so far)`);
        return delay;
    }

    /** A request that is safe to repeat: retried on 429 (for `throttleWaitMs`), and on 5xx and transport errors (a few attempts), with back-off. */
    private async withReadRetries(
        method: HttpMethod,
        path: string,
        body: string | undefined,
        authenticated: boolean,
        operation: string,
        finalStatuses: number[] = [],
        read: Pick<ReadOptions, "priority" | "fresh"> = {},
    ): Promise<HttpResponse> {
        const throttle = { since: undefined as number | undefined, count: 0 };
        let refreshed = false;
        for (let failures = 0; ; ) {
            let response: HttpResponse | undefined;
            let failure: unknown;
            try {
                response = await this.send(method, path, body, authenticated, read.priority, read.fresh);
                if (response.status === 401 && authenticated && !refreshed) {
                    refreshed = true;
                    this.tokens.invalidate();
                    continue;
                }
                if (!isTransient(response.status) || finalStatuses.includes(response.status)) {
                    return response;
                }
                if (response.status === 429) {
                    await sleep(this.throttleWait(throttle, response, operation, path));
                    continue;
                }
            } catch (err) {
                if (!(err instanceof TransportError)) {
                    throw err;
                }
                failure = err;
            }
            failures += 1;
            if (failures >= this.retry.attempts) {
                if (response) {
                    return response;
                }
                throw new ApiError({ operation, apiMessage: (failure as Error).message, ambiguous: true });
            }
            const delay = retryDelayMs(failures, this.retry, parseRetryAfter(response?.headers["retry-after"]), this.random);
            this.stats.retries += 1;
            this.log(`${operation}: ${response ? `HTTP ${response.status}` : "no answer"}, retry ${failures} in ${delay} ms`);
            await sleep(delay);
        }
    }

    /** GET a JSON document; `undefined` when the status is one of `absentOn`. */
    async get<T>(path: string, query?: Query, options: ReadOptions = {}): Promise<T | undefined> {
        const fullPath = `${path}${encodeQuery(query)}`;
        const operation = options.operation ?? `GET ${path}`;
        const absentOn = options.absentOn ?? [404];
        const response = await this.withReadRetries("GET", fullPath, undefined, true, operation, absentOn, options);
        if (absentOn.includes(response.status)) {
            return undefined;
        }
        if (response.status !== 200 && response.status !== 201 && response.status !== 206) {
            throw new ApiError({ operation, apiMessage: apiMessageOf(response.body, response.status), status: response.status });
        }
        try {
            return JSON.parse(response.body) as T;
        } catch {
            throw new ApiError({ operation, apiMessage: "the response is not JSON", status: response.status });
        }
    }

    /** GET a JSON array; an absent list (404 where the API says so) is empty. */
    async list<T>(path: string, query?: Query, options: ReadOptions = {}): Promise<T[]> {
        const result = await this.get<T[]>(path, query, options);
        if (result !== undefined && !Array.isArray(result)) {
            throw new ApiError({ operation: options.operation ?? `GET ${path}`, apiMessage: "the response is not a JSON array" });
        }
        return result ?? [];
    }

    /**
     * Sends a write once (never retried: it may have started an activity) and returns the
     * activity id from `Location`. A transport error or a 5xx is reported as ambiguous, so that
     * the caller looks the object up before concluding anything.
     */
    async startWrite(method: HttpMethod, path: string, body: unknown, operation: string): Promise<string> {
        const response = await this.sendWrite(method, path, body, operation);
        const location = response.headers.location;
        if (!location) {
            throw new ApiError({ operation, apiMessage: "the API accepted the request but returned no activity (Location header)", status: response.status, ambiguous: true });
        }
        return location.trim();
    }

    /** A synchronous write (the storage-account create): the JSON body of the answer. */
    async writeSync<T>(method: HttpMethod, path: string, body: unknown, operation: string): Promise<T> {
        const response = await this.sendWrite(method, path, body, operation);
        try {
            return JSON.parse(response.body) as T;
        } catch {
            throw new ApiError({ operation, apiMessage: "the response is not JSON", status: response.status, ambiguous: true });
        }
    }

    private async sendWrite(method: HttpMethod, path: string, body: unknown, operation: string): Promise<HttpResponse> {
        const text = body === undefined ? undefined : JSON.stringify(body);
        let response: HttpResponse;
        const throttle = { since: undefined as number | undefined, count: 0 };
        try {
            response = await this.send(method, path, text, true);
            for (let refreshed = false; ; ) {
                if (response.status === 401 && !refreshed) {
                    // The token was refused before anything happened: exchanging again and resending is safe.
                    refreshed = true;
                    this.tokens.invalidate();
                } else if (response.status === 429) {
                    // A 429 is a refusal before any processing: waiting and resending is not a blind retry.
                    await sleep(this.throttleWait(throttle, response, operation, path));
                } else {
                    break;
                }
                response = await this.send(method, path, text, true);
            }
        } catch (err) {
            if (err instanceof TransportError) {
                throw new ApiError({ operation, apiMessage: err.message, ambiguous: true });
            }
            throw err;
        }
        if (response.status !== 200 && response.status !== 201 && response.status !== 202 && response.status !== 206) {
            throw new ApiError({
                operation,
                apiMessage: apiMessageOf(response.body, response.status),
                status: response.status,
                ambiguous: response.status >= 500,
            });
        }
        return response;
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
                    { operation: options.operation, apiMessage: "the activity did not finish before the timeout", activityId, ambiguous: true },
                    last?.concernedItems ?? [],
                    true,
                );
            }
            finalRead = Date.now() >= deadline;
            let response: HttpResponse;
            try {
                // A poll: fresh, never answered from the previous read.
                response = await this.send("GET", path, undefined, true, "read", true);
            } catch (err) {
                if (!(err instanceof TransportError) || ++transient > this.pollTransientTolerance) {
                    throw new ActivityError({ operation: options.operation, apiMessage: (err as Error).message, activityId, ambiguous: true }, last?.concernedItems ?? []);
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
                    this.tokens.invalidate();
                }
                if (++transient > this.pollTransientTolerance) {
                    throw new ActivityError(
                        { operation: options.operation, apiMessage: apiMessageOf(response.body, response.status), status: response.status, activityId, ambiguous: true },
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
                    { operation: options.operation, apiMessage: apiMessageOf(response.body, response.status), status: response.status, activityId, ambiguous: true },
                    last?.concernedItems ?? [],
                );
            }
            seen = true;
            last = JSON.parse(response.body) as Activity;
            const state = last.state ?? {};
            if (state.completed || state.failed) {
                this.lastActivityEndAt = Date.now();
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

    /** A write and the wait for its activity. */
    async run(method: HttpMethod, path: string, body: unknown, options: WriteOptions): Promise<Activity> {
        const activityId = await this.startWrite(method, path, body, options.operation);
        return this.waitForActivity(activityId, { kind: activityKind(method, path), ...options });
    }

    /** Runs `fn` while holding the write lock of one VM: writes to a VM never overlap. */
    async withVmLock<T>(vmId: string, fn: () => Promise<T>): Promise<T> {
        let entry = this.vmLocks.get(vmId);
        if (!entry) {
            entry = { mutex: new Mutex(), users: 0 };
            this.vmLocks.set(vmId, entry);
        }
        entry.users += 1;
        try {
            return await entry.mutex.runExclusive(fn);
        } finally {
            entry.users -= 1;
            if (entry.users === 0) {
                this.vmLocks.delete(vmId);
            }
        }
    }

    async close(): Promise<void> {
        await this.budget.stop();
    }

    toJSON(): string {
        return `[ApiClient ${this.baseUrl}]`;
    }
}
