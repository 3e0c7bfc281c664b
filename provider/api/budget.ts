// The request budget: one rate limiter per API product, so that a `pulumi up` stays under the
// documented limits (25 requests/s per product, 5/s for authentication, 20/s for datastores)
// whatever the engine's parallelism, plus the convention's rule that an identical request is
// sent at most once per second (section 7.2.2).
//
// Bottleneck is used for the per-product limiters: it is small, CommonJS, maintained for years,
// ships its own types, and its `minTime` spacing guarantees the limit over any sliding second
// (a fixed-window counter would allow twice the rate across a window boundary).
import Bottleneck from "bottleneck";

export interface BudgetLimits {
    /** Requests per second for products not listed in `products`. */
    defaultPerSecond: number;
    /** Requests per second per product key (see `productOf`). */
    products: Record<string, number>;
    /** Fraction of the documented limit actually used, to absorb clock skew and server windows. */
    headroom: number;
    /** Minimum spacing between two identical requests. */
    identicalRequestSpacingMs: number;
}

export const documentedLimits: BudgetLimits = {
    defaultPerSecond: 25,
    products: { iam: 5, "compute/datastores": 20 },
    headroom: 0.9,
    identicalRequestSpacingMs: 1_000,
};

/** The product a path belongs to: the first segment after `/api` (`compute`, `iam`, `backup`...), datastores apart. */
export function productOf(path: string): string {
    const segments = path.split("?")[0].replace(/^\/api\//, "/").split("/").filter(Boolean);
    if (segments[0] === "compute" && segments.includes("datastores")) {
        return "compute/datastores";
    }
    return segments[0] ?? "";
}

/**
 * Order of requests waiting for the same product's budget. Writes go first: each starts an
 * activity, the longest wait of a `pulumi up`, so sending it early shortens every chain behind
 * it. Background reads (outputs that nobody waits for yet) take the slots left over.
 */
export type RequestPriority = "write" | "read" | "background";
const priorityOrder: RequestPriority[] = ["write", "read", "background"];

/**
 * The waiting line in front of one product's limiter. Bottleneck with `minTime` alone gives
 * every job its send time when it arrives, so its own priorities never reorder anything; here
 * at most one job at a time is handed to it, the next one (by priority, then arrival) when the
 * previous one starts. The spacing stays Bottleneck's.
 */
class PriorityLine {
    private readonly waiting: Record<RequestPriority, (() => void)[]> = { write: [], read: [], background: [] };
    private handedOver = false;

    constructor(private readonly limiter: Bottleneck) {}

    schedule<T>(priority: RequestPriority, job: () => Promise<T>): Promise<T> {
        return new Promise<T>((resolve, reject) => {
            this.waiting[priority].push(() => {
                let started = false;
                const start = () => {
                    started = true;
                    this.handedOver = false;
                    this.handOver();
                };
                this.limiter
                    .schedule(() => {
                        start();
                        return job();
                    })
                    .then(resolve, (err: unknown) => {
                        if (!started) {
                            // Refused before it ran (limiter stopped): the line must not stall behind it.
                            start();
                        }
                        reject(err);
                    });
            });
            this.handOver();
        });
    }

    private handOver(): void {
        if (this.handedOver) {
            return;
        }
        const next = priorityOrder.map((p) => this.waiting[p]).find((q) => q.length > 0)?.shift();
        if (next) {
            this.handedOver = true;
            next();
        }
    }

    get idle(): boolean {
        return !this.handedOver && priorityOrder.every((p) => this.waiting[p].length === 0);
    }
}

export class RequestBudget {
    private readonly limiters = new Map<string, Bottleneck>();
    private readonly lines = new Map<string, PriorityLine>();
    /** Identical-request key -> promise settled once the previous identical request has left. */
    private readonly queues = new Map<string, Promise<void>>();
    /** Identical-request key -> when it was last sent. */
    private readonly lastSent = new Map<string, number>();

    constructor(readonly limits: BudgetLimits = documentedLimits) {}

    private limiter(product: string): Bottleneck {
        let limiter = this.limiters.get(product);
        if (!limiter) {
            const perSecond = (this.limits.products[product] ?? this.limits.defaultPerSecond) * this.limits.headroom;
            limiter = new Bottleneck({ minTime: Math.ceil(1000 / perSecond) });
            // A sub-product (datastores) also counts against its product (compute), as the API counts it.
            const parent = product.includes("/") ? product.split("/")[0] : undefined;
            if (parent) {
                limiter.chain(this.limiter(parent));
            }
            this.limiters.set(product, limiter);
        }
        return limiter;
    }

    private line(product: string): PriorityLine {
        let line = this.lines.get(product);
        if (!line) {
            line = new PriorityLine(this.limiter(product));
            this.lines.set(product, line);
        }
        return line;
    }

    /**
     * Runs `send` once the identical request (same `key`: method, URL and body) last left at
     * least the spacing ago and a slot of the product's budget is free (by priority, then in
     * arrival order). Identical requests queue behind each other; the send time is taken when
     * the slot starts, so the spacing holds between actual sends.
     */
    async schedule<T>(path: string, key: string, send: () => Promise<T>, priority: RequestPriority = "read"): Promise<T> {
        const previous = this.queues.get(key) ?? Promise.resolve();
        let markSent: () => void = () => undefined;
        const sent = new Promise<void>((resolve) => (markSent = resolve));
        this.queues.set(key, sent);
        try {
            await previous;
            const last = this.lastSent.get(key);
            const wait = last === undefined ? 0 : last + this.limits.identicalRequestSpacingMs - Date.now();
            if (wait > 0) {
                await new Promise((resolve) => setTimeout(resolve, wait));
            }
            return await this.line(productOf(path)).schedule(priority, () => {
                this.lastSent.set(key, Date.now());
                markSent();
                return send();
            });
        } finally {
            markSent();
            if (this.queues.get(key) === sent) {
                this.queues.delete(key);
            }
            this.forgetOldKeys();
        }
    }

    private forgetOldKeys(): void {
        if (this.lastSent.size < 5_000) {
            return;
        }
        const horizon = Date.now() - this.limits.identicalRequestSpacingMs;
        for (const [key, at] of this.lastSent) {
            if (at < horizon) {
                this.lastSent.delete(key);
            }
        }
    }

    /** Stops the limiters once their queued requests have left; sub-products before the product they count against. */
    async stop(): Promise<void> {
        while (![...this.lines.values()].every((line) => line.idle)) {
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const order = [...this.limiters.keys()].sort((a, b) => Number(b.includes("/")) - Number(a.includes("/")));
        for (const key of order) {
            await (this.limiters.get(key) as Bottleneck).stop({ dropWaitingJobs: false }).catch(() => undefined);
        }
        this.limiters.clear();
    }
}
