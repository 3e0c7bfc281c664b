// Options of the sandbox and of its fault injection, shared by the programmatic API, the admin
// endpoint and the standalone process.
import type { SandboxClock } from "./clock";
import type { MinioServer } from "./minio";

/** Faults the sandbox injects, to exercise the reliability of its clients. Rates are 0..1. */
export interface FaultConfig {
    /** Share of API requests answered 503 (before anything is done). */
    errorRate5xx: number;
    /** Share of API requests answered 429 with the documented rate-limit body. */
    errorRate429: number;
    /** Share of create activities that fail although the resource was created (an ambiguous create, as in the real service). */
    failActivityAfterCreateRate: number;
    /**
     * Share of accepted writes whose answer is lost: the write is done and its activity runs, but the
     * client gets a 503 without `Location` (a response cut on the way back). Optional, default 0.
     */
    lostWriteResponseRate?: number;
    /** Added to the duration of every activity started while it is set. */
    slowActivityMs: number;
    /**
     * Share of backup inventory runs that catalogue only the VMs and disks that existed when the
     * run started, as a job walking the hypervisor can miss what appears during the walk. By
     * default a run catalogues what exists when it ends. Optional, default 0.
     */
    inventoryFromStartRate?: number;
    /**
     * Optional regular expression on "METHOD /api/path" (no query): faults only hit matching requests.
     * Empty means every API request (the token exchange included).
     */
    pathPattern?: string;
}

export const noFaults: Required<FaultConfig> = {
    errorRate5xx: 0,
    errorRate429: 0,
    failActivityAfterCreateRate: 0,
    lostWriteResponseRate: 0,
    slowActivityMs: 0,
    inventoryFromStartRate: 0,
    pathPattern: "",
};

interface CommonOptions {
    /** Listening port; a free one when absent. */
    port?: number;
    /** Only loopback: the sandbox never listens on another interface. */
    host?: "127.0.0.1";
    /** SQLite file holding the state; ":memory:" (the default) keeps it in the process. */
    dbPath?: string;
    /** YAML seed describing the tenant; the packaged `seed/default.yaml` when absent. Read only when the database is new. */
    seedPath?: string;
    /** Time an activity spends waiting and running before it completes (default 0). */
    activityLatencyMs?: number;
    /** Per-IP, per-product request limits of the real API (default true). */
    rateLimits?: boolean;
    /** Reject identical requests repeated within 1 s (default true, convention section 7.2.2). */
    dedupe?: boolean;
    faults?: Partial<FaultConfig>;
    /** Lifetime of the bearer tokens, in seconds (default 300, as on the real service). */
    tokenTtlSeconds?: number;
    /** Time of the activities, tokens and rate windows (see clock.ts); the system clock when absent. */
    clock?: SandboxClock;
}

/**
 * Either a running MinIO to reuse (it is then left running at stop), or the MinIO binary to start
 * one with (a path, or a name on PATH): the caller knows where its tools are, the sandbox does not.
 */
export type SandboxOptions = CommonOptions & ({ minio: MinioServer; minioBinary?: undefined } | { minio?: undefined; minioBinary: string });
