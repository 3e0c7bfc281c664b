// The client's counters, shared by the modules that send, reuse and retry requests (tests and
// benchmarks read them through `ApiClient.stats`).

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

export function newClientStats(): ClientStats {
    return { requests: 0, throttled: 0, serverErrors: 0, retries: 0, joinedReads: 0, reusedReads: 0, byMethod: {} };
}
