// How long to wait before reading an activity again. The fixed schedule (1 s, 1 s, 2 s, 3 s ...)
// is refined with what the API tells: how long activities of the same kind took (creationDate
// to stopDate, both server clock, so no clock skew), and the progression of running
// activities, its own and its peers'. Fewer polls, and less idle time between the end of an
// activity and its next step.

/** From the activity's creation (or its start when the creation date is missing) to its stop, server clock. */
export function durationMs(
    creationDate: string | undefined,
    state: { startDate?: string; stopDate?: string } | undefined,
): number | undefined {
    const start = Date.parse(creationDate ?? state?.startDate ?? "");
    const stop = Date.parse(state?.stopDate ?? "");
    return Number.isFinite(start) && Number.isFinite(stop) && stop >= start ? stop - start : undefined;
}

function median(list: number[]): number {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

export class ActivityDurations {
    /** Durations of completed activities, by kind. */
    private readonly samples = new Map<string, number[]>();
    /** Durations foretold by the progression of running ones, by kind. */
    private readonly foretold = new Map<string, number[]>();

    constructor(private readonly keep = 20) {}

    private push(map: Map<string, number[]>, kind: string, ms: number): void {
        const list = map.get(kind) ?? [];
        list.push(ms);
        if (list.length > this.keep) {
            list.shift();
        }
        map.set(kind, list);
    }

    record(kind: string, ms: number | undefined): void {
        if (ms !== undefined) {
            this.push(this.samples, kind, ms);
        }
    }

    /**
     * A running activity of this kind was at `progression` % of its running part after
     * `elapsedMs`, of which it spent `waitedMs` waiting: the whole of it should take
     * `waitedMs + (elapsedMs - waitedMs) * 100 / progression`. Until a few activities of the kind
     * have completed, this is the best guess for the others started at the same time.
     */
    progressed(kind: string, elapsedMs: number, progression: number, waitedMs = 0): void {
        const running = elapsedMs - waitedMs;
        if (progression > 0 && progression < 100 && running > 0) {
            this.push(this.foretold, kind, Math.round(waitedMs + (running * 100) / progression));
        }
    }

    /** Median duration of this kind of activity, once a few have been seen. */
    typical(kind: string): number | undefined {
        const list = this.samples.get(kind);
        return list && list.length >= 3 ? median(list) : undefined;
    }

    /** Median duration foretold by progressions of this kind, when any was seen. */
    private expected(kind: string): number | undefined {
        const list = this.foretold.get(kind);
        return list && list.length > 0 ? median(list) : undefined;
    }

    /** The shortest typical duration over all kinds seen: no activity of this service was faster. */
    fastestKind(): number | undefined {
        const typicals = [...this.samples.keys()].map((k) => this.typical(k)).filter((t): t is number => t !== undefined);
        return typicals.length ? Math.min(...typicals) : undefined;
    }

    /**
     * First wait: the typical duration (plus a little) of this kind when known; else the duration
     * its running peers foretold; for a kind not seen yet, the fastest kind's (a wait no activity
     * here has been shorter than); else the schedule's first step. Never shorter than that step.
     */
    firstWait(kind: string | undefined, scheduled: number, capMs: number): number {
        const typical = (kind ? (this.typical(kind) ?? this.expected(kind)) : undefined) ?? this.fastestKind();
        return typical === undefined ? scheduled : Math.min(capMs, Math.max(scheduled, typical + 50));
    }
}

/**
 * How long an activity waited before it started running: from its creation to the start of its
 * running state, both server clock. Progressions count from that start.
 */
export function waitedMs(creationDate: string | undefined, running: { startDate?: string } | undefined): number {
    const waited = Date.parse(running?.startDate ?? "") - Date.parse(creationDate ?? "");
    return Number.isFinite(waited) && waited > 0 ? waited : 0;
}

/**
 * Next wait for a running activity: the schedule's step, shortened to the remaining time that
 * the progression suggests (its running time so far, elapsed since the write less the time it
 * waited, scaled by what is left), never below `floorMs`.
 */
export function nextWait(scheduled: number, elapsedMs: number, progression: number | undefined, floorMs: number, waited = 0): number {
    const running = elapsedMs - waited;
    if (progression === undefined || !(progression > 0) || progression >= 100 || running <= 0) {
        return scheduled;
    }
    const remaining = (running * (100 - progression)) / progression;
    return Math.max(floorMs, Math.min(scheduled, Math.round(remaining + 50)));
}
