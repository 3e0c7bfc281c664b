// How long to wait before reading an activity again. The fixed schedule (1 s, 1 s, 2 s, 3 s ...)
// is refined with what the API tells: how long activities of the same kind took (creationDate
// to stopDate, both server clock, so no clock skew), and the progression of a running
// activity. Fewer polls, and less idle time between the end of an activity and its next step.

/** From the activity's creation (or its start when the creation date is missing) to its stop, server clock. */
export function durationMs(creationDate: string | undefined, state: { startDate?: string; stopDate?: string } | undefined): number | undefined {
    const start = Date.parse(creationDate ?? state?.startDate ?? "");
    const stop = Date.parse(state?.stopDate ?? "");
    return Number.isFinite(start) && Number.isFinite(stop) && stop >= start ? stop - start : undefined;
}

export class ActivityDurations {
    private readonly samples = new Map<string, number[]>();

    constructor(private readonly keep = 20) {}

    record(kind: string, ms: number | undefined): void {
        if (ms === undefined) {
            return;
        }
        const list = this.samples.get(kind) ?? [];
        list.push(ms);
        if (list.length > this.keep) {
            list.shift();
        }
        this.samples.set(kind, list);
    }

    /** Median duration of this kind of activity, once a few have been seen. */
    typical(kind: string): number | undefined {
        const list = this.samples.get(kind);
        if (!list || list.length < 3) {
            return undefined;
        }
        const sorted = [...list].sort((a, b) => a - b);
        return sorted[Math.floor(sorted.length / 2)];
    }

    /** The shortest typical duration over all kinds seen: no activity of this service was faster. */
    fastestKind(): number | undefined {
        const typicals = [...this.samples.keys()].map((k) => this.typical(k)).filter((t): t is number => t !== undefined);
        return typicals.length ? Math.min(...typicals) : undefined;
    }

    /**
     * First wait: the typical duration (plus a little) of this kind when known; for a kind not
     * seen yet, the fastest kind's (a wait no activity here has been shorter than); else the
     * schedule's first step. Never shorter than that step.
     */
    firstWait(kind: string | undefined, scheduled: number, capMs: number): number {
        const typical = (kind ? this.typical(kind) : undefined) ?? this.fastestKind();
        return typical === undefined ? scheduled : Math.min(capMs, Math.max(scheduled, typical + 50));
    }
}

/**
 * Next wait for a running activity: the schedule's step, shortened to the remaining time that
 * the progression suggests (elapsed since the write, scaled by what is left), never below `floorMs`.
 */
export function nextWait(scheduled: number, elapsedMs: number, progression: number | undefined, floorMs: number): number {
    if (progression === undefined || !(progression > 0) || progression >= 100) {
        return scheduled;
    }
    const remaining = (elapsedMs * (100 - progression)) / progression;
    return Math.max(floorMs, Math.min(scheduled, Math.round(remaining + 50)));
}
