// Sending: one HTTP exchange through the request budget, with the client's headers and bearer
// token, counted; identical reads joined or reused (`readReuse.ts`), a 429 reported to the budget
// so that every process sharing it slows down. Never retries: that is `retryLoop.ts`.
import { RequestBudget, RequestPriority } from "./budget";
import { parseRetryAfter } from "./backoff";
import { HttpMethod, HttpResponse, Transport } from "./http";
import { ReadReuse } from "./readReuse";
import { ClientStats } from "./stats";

export interface SenderOptions {
    /** Base URL with the `/api` suffix. */
    baseUrl: string;
    transport: Transport;
    budget: RequestBudget;
    reads: ReadReuse;
    stats: ClientStats;
    userAgent: string;
    /** A valid bearer token (asked only for authenticated requests). */
    bearer: () => Promise<string>;
}

export class RequestSender {
    constructor(private readonly options: SenderOptions) {}

    /** One HTTP exchange through the budget; counts it; never retries. */
    async send(
        method: HttpMethod,
        path: string,
        body: string | undefined,
        authenticated: boolean,
        priority?: RequestPriority,
        fresh = false,
    ): Promise<HttpResponse> {
        const { budget, reads, stats, transport } = this.options;
        const url = `${this.options.baseUrl}${path}`;
        const headers: Record<string, string> = { "User-Agent": this.options.userAgent, Accept: "application/json" };
        if (body !== undefined) {
            headers["Content-Type"] = "application/json";
        }
        if (authenticated) {
            headers.Authorization = `Bearer ${await this.options.bearer()}`;
        }
        const key = `${method} ${path} ${body ?? ""}`;
        // An identical GET still waiting for its turn (the one-per-second rule, the budget) is
        // joined rather than queued again: it has not left yet, so its answer is at least as
        // fresh as the caller needs. Writes are never merged.
        const waiting = method === "GET" ? reads.join(key) : undefined;
        if (waiting) {
            return waiting;
        }
        const recent = method === "GET" && !fresh ? reads.reuse(key, path) : undefined;
        if (recent) {
            return recent;
        }
        if (method !== "GET" && authenticated) {
            reads.wrote(path);
        }
        const pending: Promise<HttpResponse> = budget.schedule(
            path,
            key,
            async () => {
                reads.leaving(key, pending);
                stats.requests += 1;
                stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
                const sentAt = Date.now();
                const response = await transport({ method, url, headers, body });
                if (response.status === 429) {
                    stats.throttled += 1;
                    // Every request of this product, from this process and those sharing its budget, waits and slows down.
                    budget.throttled(path, parseRetryAfter(response.headers["retry-after"]) ?? 1_000);
                } else if (response.status >= 500) {
                    stats.serverErrors += 1;
                } else if (method === "GET" && response.status !== 401) {
                    reads.remember(key, sentAt, response);
                }
                return response;
            },
            priority ?? (method === "GET" ? "read" : "write"),
        );
        if (method === "GET") {
            reads.waiting(key, pending);
        }
        return pending;
    }
}
