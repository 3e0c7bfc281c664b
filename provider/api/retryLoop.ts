// The one retry loop of the client. Every request goes through it, with what its method allows:
// - a 401 exchanges the token again and resends once (refused before anything happened);
// - a 429 waits Retry-After plus jitter and resends, for reads, token exchanges and writes alike
//   (a refusal before any processing is not a blind retry), for up to `throttleWaitMs`, then
//   fails with one sentence naming the product and the cause;
// - a 5xx or a lost connection is retried with back-off, a few attempts, only for a request that
//   is safe to repeat (`repeatable`): a write may have started an activity, so it is sent once and
//   its failure reported as ambiguous, for the caller to look the object up.
import { RequestPriority, productOf } from "./budget";
import { RetryPolicy, parseRetryAfter, retryDelayMs, sleep, throttleDelayMs } from "./backoff";
import { ApiError, apiMessageOf } from "./errors";
import { HttpMethod, HttpResponse, TransportError } from "./http";
import { RequestSender } from "./sender";
import { ClientStats } from "./stats";

export interface RetryLoopOptions {
    sender: RequestSender;
    retry: RetryPolicy;
    /** How long requests answered 429 keep being sent again before the operation fails. */
    throttleWaitMs: number;
    /** Drops the bearer token after a 401, so that the next request exchanges a new one. */
    invalidateToken: () => void;
    stats: ClientStats;
    log: (message: string) => void;
    random: () => number;
}

export interface RetriedRequest {
    method: HttpMethod;
    path: string;
    body?: string;
    authenticated: boolean;
    operation: string;
    /** Safe to send again after a 5xx or a lost connection (reads, token exchanges). */
    repeatable: boolean;
    /** Statuses returned as they are, even transient ones (a read's "absent" statuses). */
    finalStatuses?: number[];
    priority?: RequestPriority;
    /** A poll waiting for something to change: never answered from a recent identical read. */
    fresh?: boolean;
}

/** A status that says "later" (rate limits, a server-side failure), not "no". */
export const isTransient = (status: number) => status === 429 || status >= 500;

export class RetryLoop {
    constructor(private readonly options: RetryLoopOptions) {}

    /** Sends `request` until it gets an answer worth returning (see the file's header for which). */
    async send(request: RetriedRequest): Promise<HttpResponse> {
        const { method, path, body, authenticated, operation, finalStatuses = [] } = request;
        const attempts = request.repeatable ? this.options.retry.attempts : 1;
        const throttle = { since: undefined as number | undefined, count: 0 };
        let refreshed = false;
        for (let failures = 0; ;) {
            let response: HttpResponse | undefined;
            let failure: unknown;
            try {
                response = await this.options.sender.send(method, path, body, authenticated, request.priority, request.fresh);
                if (response.status === 401 && authenticated && !refreshed) {
                    // The token was refused before anything happened: exchanging again and resending is safe.
                    refreshed = true;
                    this.options.invalidateToken();
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
            if (failures >= attempts) {
                if (response) {
                    return response;
                }
                throw new ApiError({ operation, apiMessage: (failure as Error).message, ambiguous: true });
            }
            const delay = retryDelayMs(
                failures,
                this.options.retry,
                parseRetryAfter(response?.headers["retry-after"]),
                this.options.random,
            );
            this.options.stats.retries += 1;
            this.options.log(`${operation}: ${response ? `HTTP ${response.status}` : "no answer"}, retry ${failures} in ${delay} ms`);
            await sleep(delay);
        }
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
        const delay = throttleDelayMs(parseRetryAfter(response.headers["retry-after"]), this.options.random);
        if (now + delay - throttle.since > this.options.throttleWaitMs) {
            const seconds = Math.round((now - throttle.since) / 1000);
            throw new ApiError({
                operation,
                apiMessage:
                    `${apiMessageOf(response.body, response.status)}: refused ${throttle.count} times over ${seconds} s by the rate limits of ${productOf(path) || "the API"}, ` +
                    "which count every client behind this address (other pipelines, other machines behind the same NAT)",
                status: 429,
            });
        }
        this.options.stats.retries += 1;
        this.options.log(`${operation}: HTTP 429, sent again in ${delay} ms (${throttle.count} refusal(s) so far)`);
        return delay;
    }
}
