// The request budget: the API's limits are counted per source address and per product (25
// requests/s, 5/s for authentication, 20/s for datastores), plus the convention's rule that an
// identical request is sent at most once per second (section 7.2.2). Every request takes a send
// time from a slot ledger (slotLedger.ts): the process's own, or the one every process of the
// machine shares, so that parallel stacks of one pipeline stay under the limits together.
//
// In front of the ledger, one waiting line per product orders this process's requests: writes
// first (each starts an activity, the longest wait of a `pulumi up`), then reads, then background
// reads. A line holds one reservation at a time, so that a request arriving later with a higher
// priority is not stuck behind slots reserved far ahead, and so that the processes sharing a
// ledger take their turns in alternation rather than one of them reserving the next minute.
import { MemoryLedger, RateKey, SlotLedger, SlotRequest, identicalKey } from "./slotLedger";

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
    const segments = path
        .split("?")[0]
        .replace(/^\/api\//, "/")
        .split("/")
        .filter(Boolean);
    if (segments[0] === "compute" && segments.includes("datastores")) {
        return "compute/datastores";
    }
    return segments[0] ?? "";
}

export type RequestPriority = "write" | "read" | "background";
const priorityOrder: RequestPriority[] = ["write", "read", "background"];

/** A send later than its slot by more than this moves the next slots (a busy event loop). */
const lateToleranceMs = 10;

/** Time, injectable so that tests drive it (fake timers) rather than wait for it. */
export interface BudgetClock {
    now(): number;
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

const systemClock: BudgetClock = {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface BudgetOptions {
    /** Where send times are reserved; the process's own when absent. */
    ledger?: SlotLedger;
    /** What the limits are counted for (the endpoint's origin): two endpoints never share a slot. */
    scope?: string;
    clock?: BudgetClock;
}

interface Job {
    request: SlotRequest;
    /** Not tried before this time: its identical request left less than the spacing ago. */
    notBefore: number;
    go(): void;
}

/** The waiting line of one product: hands its jobs to the ledger one reservation at a time. */
class PriorityLine {
    private readonly waiting: Record<RequestPriority, Job[]> = { write: [], read: [], background: [] };
    /** A job holds a reserved slot and waits for it. */
    private holding = false;
    private timer?: { handle: unknown; at: number };

    constructor(
        private readonly ledger: SlotLedger,
        private readonly clock: BudgetClock,
    ) {}

    push(priority: RequestPriority, job: Job): void {
        this.waiting[priority].push(job);
        this.pump();
    }

    get idle(): boolean {
        return !this.holding && priorityOrder.every((p) => this.waiting[p].length === 0);
    }

    /** Gives the first job that may leave (by priority, then arrival) its slot. */
    private pump(): void {
        while (!this.holding) {
            const now = this.clock.now();
            const next = this.reserveNext(now);
            if (!next) {
                this.wakeForDeferred();
                return;
            }
            const delay = next.at - now;
            if (delay <= 0) {
                next.job.go();
                continue;
            }
            this.holding = true;
            this.clock.setTimeout(() => {
                this.holding = false;
                const now = this.clock.now();
                if (now - next.at > lateToleranceMs) {
                    this.ledger.late(next.job.request, now);
                }
                next.job.go();
                this.pump();
            }, delay);
        }
    }

    private reserveNext(now: number): { job: Job; at: number } | undefined {
        for (const priority of priorityOrder) {
            const queue = this.waiting[priority];
            for (let i = 0; i < queue.length; i++) {
                const job = queue[i];
                if (job.notBefore > now) {
                    continue;
                }
                const reservation = this.ledger.reserve(job.request, now);
                if ("busyUntil" in reservation) {
                    job.notBefore = reservation.busyUntil;
                    continue;
                }
                queue.splice(i, 1);
                return { job, at: reservation.at };
            }
        }
        return undefined;
    }

    /** Nothing may leave now: wake up when the first deferred job may. */
    private wakeForDeferred(): void {
        const times = priorityOrder.flatMap((p) => this.waiting[p].map((j) => j.notBefore));
        if (times.length === 0) {
            return;
        }
        const at = Math.min(...times);
        if (this.timer && this.timer.at <= at) {
            return;
        }
        if (this.timer) {
            this.clock.clearTimeout(this.timer.handle);
        }
        const handle = this.clock.setTimeout(
            () => {
                this.timer = undefined;
                this.pump();
            },
            Math.max(0, at - this.clock.now()),
        );
        this.timer = { handle, at };
    }
}

export class RequestBudget {
    private readonly lines = new Map<string, PriorityLine>();
    private readonly ledger: SlotLedger;
    private readonly scope: string;
    private readonly clock: BudgetClock;

    constructor(
        readonly limits: BudgetLimits = documentedLimits,
        options: BudgetOptions = {},
    ) {
        this.ledger = options.ledger ?? new MemoryLedger();
        this.scope = options.scope ?? "";
        this.clock = options.clock ?? systemClock;
    }

    /** True when the processes of this machine share this budget. */
    get shared(): boolean {
        return this.ledger.shared;
    }

    /** The rates a product counts against: its own and, for a sub-product (datastores), its product's, as the API counts them. */
    private rates(product: string): RateKey[] {
        const own = {
            key: `${this.scope}|${product}`,
            intervalMs: 1000 / ((this.limits.products[product] ?? this.limits.defaultPerSecond) * this.limits.headroom),
        };
        return product.includes("/") ? [own, ...this.rates(product.split("/")[0])] : [own];
    }

    private line(product: string): PriorityLine {
        let line = this.lines.get(product);
        if (!line) {
            line = new PriorityLine(this.ledger, this.clock);
            this.lines.set(product, line);
        }
        return line;
    }

    /**
     * Runs `send` at a send time the ledger gives: under the product's rate, and at least the
     * spacing after the identical request (same `key`: method, URL and body) last left, from
     * this process or another one sharing the ledger. By priority, then in arrival order.
     */
    schedule<T>(path: string, key: string, send: () => Promise<T>, priority: RequestPriority = "read"): Promise<T> {
        const product = productOf(path);
        // The rule is judged on arrival at the API: the same headroom as the rates absorbs the
        // time a request spends between its slot and the server (a busy machine, a proxy).
        const spacingMs = this.limits.identicalRequestSpacingMs / this.limits.headroom;
        const request: SlotRequest = {
            rates: this.rates(product),
            identical: spacingMs > 0 ? { key: identicalKey(this.scope, key), spacingMs } : undefined,
        };
        return new Promise<T>((resolve, reject) => {
            this.line(product).push(priority, {
                request,
                notBefore: 0,
                go: () => {
                    // A send that throws at once rejects its own promise, never the line.
                    Promise.resolve().then(send).then(resolve, reject);
                },
            });
        });
    }

    /** The API answered 429 on this path: its product waits for Retry-After and slows down, for every process sharing the ledger. */
    throttled(path: string, retryAfterMs: number): void {
        this.ledger.throttled(
            this.rates(productOf(path)).map((r) => r.key),
            this.clock.now(),
            retryAfterMs,
        );
    }

    /** Resolves once every queued request has left; then releases the ledger. */
    async stop(): Promise<void> {
        while (![...this.lines.values()].every((line) => line.idle)) {
            await new Promise<void>((resolve) => this.clock.setTimeout(resolve, 10));
        }
        this.ledger.close();
    }
}
