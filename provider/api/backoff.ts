// Waiting schedules: the retry delay of reads (capped exponential with jitter, honouring
// Retry-After), the wait after a 429 (Retry-After plus jitter) and the polling interval of activities (Fibonacci growth from 1 s, capped at 30 s,
// as the public Terraform provider does, so a long create costs few requests).

export interface RetryPolicy {
    /** Attempts in all, the first included. */
    attempts: number;
    baseMs: number;
    capMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, baseMs: 500, capMs: 8_000 };

/**
 * Delay before retry number `retry` (1 for the first retry): `min(cap, base * 2^(retry-1))`
 * scaled by a jitter factor in [0.5, 1) so that parallel clients do not retry in step, and never
 * shorter than the server's Retry-After.
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, retryAfterMs?: number, random: () => number = Math.random): number {
    const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** (retry - 1));
    const jittered = Math.round(exponential * (0.5 + random() / 2));
    return retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
}

/**
 * Wait before sending again a request answered 429: the server's Retry-After (1 s when absent)
 * plus a jitter of up to half of it (at least 250 ms, at most 1 s), so that the clients refused
 * together do not come back together.
 */
export function throttleDelayMs(retryAfterMs: number | undefined, random: () => number = Math.random): number {
    const base = retryAfterMs ?? 1_000;
    return base + Math.round(random() * Math.min(1_000, Math.max(250, base / 2)));
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
    if (!value) {
        return undefined;
    }
    const seconds = Number(value.trim());
    if (Number.isFinite(seconds)) {
        return Math.max(0, Math.round(seconds * 1000));
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface PollPolicy {
    /** First interval; 1 s against the real API, shorter in tests. */
    initialMs: number;
    capMs: number;
}

export const defaultPollPolicy: PollPolicy = { initialMs: 1_000, capMs: 30_000 };

/** Polling intervals: initial, initial, 2x, 3x, 5x, 8x ... (Fibonacci), each capped. */
export function* pollIntervals(policy: PollPolicy): Generator<number, never> {
    let previous = 0;
    let current = policy.initialMs;
    for (;;) {
        yield Math.min(current, policy.capMs);
        const next = previous + current;
        previous = current;
        current = previous === 0 ? policy.initialMs : next;
    }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
