// The client of the Secure Temple customer API. It adds to the raw HTTP calls everything the
// real service asks of a well-behaved client, each in a module of its own:
// - `sender.ts`: one exchange through the request budget (`budget.ts`: per product, under the
//   documented rate limits, shared by the processes of the machine as the API counts them per
//   address), with the bearer token (`auth.ts`), identical requests spaced by one second;
// - `readReuse.ts`: identical reads joined or answered from the last second;
// - `retryLoop.ts`: the one retry loop (token refresh, 429s for every method, 5xx and lost
//   connections for reads only);
// - `activityPoller.ts`: activities polled with a growing interval;
// - `vmLocks.ts`: writes to one VM serialised;
// and errors that carry the API's message, status and activity id (`errors.ts`). This class wires
// them and turns answers into JSON documents or activities.
import { TokenSource } from "./auth";
import { PollPolicy, RetryPolicy, defaultPollPolicy, defaultRetryPolicy } from "./backoff";
import { BudgetLimits, RequestBudget, RequestPriority, documentedLimits } from "./budget";
import { ApiError, apiMessageOf } from "./errors";
import { HttpMethod, HttpResponse, Transport, fetchTransport } from "./http";
import { Activity, ActivityPoller, WriteOptions, activityKind } from "./activityPoller";
import { Query, encodeQuery } from "./query";
import { ReadReuse } from "./readReuse";
import { RetryLoop } from "./retryLoop";
import { RequestSender } from "./sender";
import { SlotLedger, openLedger } from "./slotLedger";
import { ClientStats, newClientStats } from "./stats";
import { VmLocks } from "./vmLocks";

// The vocabulary of the client's callers, where they have always found it.
export type { Activity, ActivityItem, WriteOptions } from "./activityPoller";
export { activityKind } from "./activityPoller";
export type { Query } from "./query";
export { encodeQuery } from "./query";
export type { ClientStats } from "./stats";

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

export interface ReadOptions {
    /** Statuses that mean "absent" for this read (404 for compute, 403 and 404 for buckets...). */
    absentOn?: number[];
    operation?: string;
    /** "background" for a read nobody waits for yet: it takes the budget's spare slots. */
    priority?: RequestPriority;
    /** A poll waiting for something to change: never answered from a recent identical read. */
    fresh?: boolean;
}

/** The origin of a URL (scheme, host, port): what the API's limits are counted for, from one address. */
function originOf(url: string): string {
    try {
        return new URL(url).origin;
    } catch {
        return url;
    }
}

export class ApiClient {
    readonly stats: ClientStats = newClientStats();
    readonly tokens: TokenSource;
    private readonly baseUrl: string;
    private readonly budget: RequestBudget;
    private readonly requests: RetryLoop;
    private readonly activities: ActivityPoller;
    private readonly vmLocks = new VmLocks();

    constructor(options: ClientOptions) {
        this.baseUrl = `${options.endpoint.replace(/\/+$/, "")}/api`;
        const log = options.log ?? (() => undefined);
        const ledger = options.ledger ?? (options.sharedBudget === false ? undefined : openLedger(log));
        this.budget = new RequestBudget({ ...documentedLimits, ...options.limits }, { ledger, scope: originOf(this.baseUrl) });
        const reads = new ReadReuse(this.budget.limits, this.stats);
        const sender = new RequestSender({
            baseUrl: this.baseUrl,
            transport: options.transport ?? fetchTransport(),
            budget: this.budget,
            reads,
            stats: this.stats,
            userAgent: options.userAgent ?? "pulumi-resource-securetemple",
            bearer: () => this.tokens.bearer(),
        });
        const invalidateToken = () => this.tokens.invalidate();
        this.requests = new RetryLoop({
            sender,
            retry: { ...defaultRetryPolicy, ...options.retry },
            throttleWaitMs: options.throttleWaitMs ?? 5 * 60_000,
            invalidateToken,
            stats: this.stats,
            log,
            random: options.random ?? Math.random,
        });
        this.activities = new ActivityPoller({
            sender,
            reads,
            poll: { ...defaultPollPolicy, ...options.poll },
            pollTransientTolerance: options.pollTransientTolerance ?? 8,
            activityNotFoundTolerance: options.activityNotFoundTolerance ?? 3,
            activityTimeoutMs: options.activityTimeoutMs ?? 20 * 60_000,
            invalidateToken,
        });
        this.tokens = new TokenSource({
            clientId: options.clientId,
            secretId: options.secretId,
            exchange: (body) =>
                this.requests.send({
                    method: "POST",
                    path: "/iam/v2/auth/personal_access_token",
                    body,
                    authenticated: false,
                    operation: "authentication",
                    repeatable: true,
                }),
        });
    }

    /** GET a JSON document; `undefined` when the status is one of `absentOn`. */
    async get<T>(path: string, query?: Query, options: ReadOptions = {}): Promise<T | undefined> {
        const fullPath = `${path}${encodeQuery(query)}`;
        const operation = options.operation ?? `GET ${path}`;
        const absentOn = options.absentOn ?? [404];
        const response = await this.requests.send({
            method: "GET",
            path: fullPath,
            authenticated: true,
            operation,
            repeatable: true,
            finalStatuses: absentOn,
            priority: options.priority,
            fresh: options.fresh,
        });
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
            throw new ApiError({
                operation,
                apiMessage: "the API accepted the request but returned no activity (Location header)",
                status: response.status,
                ambiguous: true,
            });
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
        const response = await this.requests.send({ method, path, body: text, authenticated: true, operation, repeatable: false });
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
     * items it already touched).
     */
    waitForActivity(activityId: string, options: WriteOptions): Promise<Activity> {
        return this.activities.waitForActivity(activityId, options);
    }

    /** How long an activity of this kind usually takes, as the first read of one would wait. */
    expectedActivityMs(kind: string): number {
        return this.activities.expectedActivityMs(kind);
    }

    /** A write and the wait for its activity. */
    async run(method: HttpMethod, path: string, body: unknown, options: WriteOptions): Promise<Activity> {
        const activityId = await this.startWrite(method, path, body, options.operation);
        return this.waitForActivity(activityId, { kind: activityKind(method, path), ...options });
    }

    /** Runs `fn` while holding the write lock of one VM: writes to a VM never overlap. */
    withVmLock<T>(vmId: string, fn: () => Promise<T>): Promise<T> {
        return this.vmLocks.run(vmId, fn);
    }

    async close(): Promise<void> {
        await this.budget.stop();
    }

    toJSON(): string {
        return `[ApiClient ${this.baseUrl}]`;
    }
}
