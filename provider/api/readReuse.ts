// Reads that need not leave: an identical GET still waiting for its turn is joined, and the answer
// of an identical GET sent less than the identical-request spacing ago is reused while this client
// changed nothing it could show (no write to that product, no activity ended). The convention
// forbids sending such a read again within that second; waiting it out would only delay the caller.
import { BudgetLimits, productOf } from "./budget";
import { HttpResponse } from "./http";
import { ClientStats } from "./stats";

export class ReadReuse {
    /** Identical GETs scheduled but not sent yet, by request key. */
    private readonly unsentReads = new Map<string, Promise<HttpResponse>>();
    /** Answers of recent GETs, by request key, with when they were sent. */
    private readonly recentReads = new Map<string, { sentAt: number; response: HttpResponse }>();
    /** When this client last sent a write to a product: older answers of that product may be stale. */
    private readonly lastWriteAt = new Map<string, number>();
    /** When this client last saw an activity end: older answers may be stale, whatever the product. */
    private lastActivityEndAt = 0;

    constructor(
        private readonly limits: BudgetLimits,
        private readonly stats: ClientStats,
    ) {}

    /** The identical GET that has not left yet, to join rather than queue again (its answer is at least as fresh as the caller needs). */
    join(key: string): Promise<HttpResponse> | undefined {
        const waiting = this.unsentReads.get(key);
        if (waiting) {
            this.stats.joinedReads += 1;
        }
        return waiting;
    }

    /**
     * The answer of an identical GET sent less than the identical-request spacing ago, when this
     * client has changed nothing it could show since (no write to that product, no activity
     * ended). Polls (activities, reads marked `fresh`) never get here: they wait on purpose for
     * the state to move.
     */
    reuse(key: string, path: string): HttpResponse | undefined {
        const recent = this.recentAnswer(key, path);
        if (recent) {
            this.stats.reusedReads += 1;
        }
        return recent;
    }

    private recentAnswer(key: string, path: string): HttpResponse | undefined {
        const recent = this.recentReads.get(key);
        if (!recent) {
            return undefined;
        }
        const changedAt = Math.max(this.lastWriteAt.get(productOf(path)) ?? 0, this.lastActivityEndAt);
        const fresh = Date.now() - recent.sentAt < this.limits.identicalRequestSpacingMs && recent.sentAt > changedAt;
        return fresh ? recent.response : undefined;
    }

    /** An answer to a GET, for identical GETs of the next second. */
    remember(key: string, sentAt: number, response: HttpResponse): void {
        if (this.limits.identicalRequestSpacingMs <= 0) {
            return;
        }
        const horizon = Date.now() - this.limits.identicalRequestSpacingMs;
        for (const [k, r] of this.recentReads) {
            if (r.sentAt < horizon) {
                this.recentReads.delete(k);
            }
        }
        this.recentReads.set(key, { sentAt, response });
    }

    /** A GET now waiting for its turn: identical GETs join it until it leaves. */
    waiting(key: string, pending: Promise<HttpResponse>): void {
        this.unsentReads.set(key, pending);
        pending.catch(() => undefined).finally(() => this.leaving(key, pending));
    }

    /** A waiting GET leaves: later identical GETs no longer join it. */
    leaving(key: string, pending: Promise<HttpResponse>): void {
        if (this.unsentReads.get(key) === pending) {
            this.unsentReads.delete(key);
        }
    }

    /** A write to the product of `path` was sent: earlier answers of that product may be stale. */
    wrote(path: string): void {
        this.lastWriteAt.set(productOf(path), Date.now());
    }

    /** An activity ended: every earlier answer may be stale. */
    activityEnded(): void {
        this.lastActivityEndAt = Date.now();
    }
}
