// Where the send times of requests are reserved, so that every process of one machine that talks
// to the same API address stays, together, under that address's limits (the API counts them per
// source address: CI runners behind one NAT, parallel stacks of one pipeline).
//
// Each rate key (a product, for one endpoint) keeps the earliest time its next request may
// leave; a reservation takes that time (or now) and pushes it one interval further, the generic
// cell rate algorithm. An identical request (same method, URL and body) also waits for one
// second after the previous identical one. A 429 answer pauses the key until its Retry-After
// (for every process: the server asked for that time) and widens its interval by half, at most
// once per Retry-After period; the interval then shrinks back request by request (additive
// increase, multiplicative decrease): processes that share no ledger, on other machines behind
// the same address, converge on the rate the address allows instead of being refused forever.
//
// The shared ledger is one SQLite file (better-sqlite3, already the sandbox's store): SQLite's
// own file locking makes a reservation atomic across processes, a killed process leaves no lock
// behind, and a reservation is one short synchronous transaction. rate-limiter-flexible's SQLite
// limiter was the alternative; it counts fixed windows (twice the rate across a window boundary,
// which a sliding-window server refuses) and answers "refused, try in N ms" instead of giving
// each process its turn, so processes would poll and starve one another.
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface RateKey {
    key: string;
    /** Nominal time between two sends on this key. */
    intervalMs: number;
}

export interface SlotRequest {
    /** Every rate the request counts against (its product, and the parent product of a sub-product). */
    rates: RateKey[];
    /** The identical-request rule: at most one send of `key` per `spacingMs`. */
    identical?: { key: string; spacingMs: number };
}

/** A send time, or the time before which an identical request may not leave (nothing reserved). */
export type Reservation = { at: number } | { busyUntil: number };

export interface SlotLedger {
    /** True when other processes see the same reservations. */
    readonly shared: boolean;
    reserve(request: SlotRequest, now: number): Reservation;
    /**
     * The request reserved for `at` left only at `sentAt` (a busy event loop): the next ones keep
     * their spacing from when it really left, so that a late send is not followed by a burst.
     */
    late(request: SlotRequest, sentAt: number): void;
    /**
     * The API answered 429 on these keys at `now`: nothing leaves on them for `retryAfterMs` and
     * their interval widens by half, unless that happened less than `retryAfterMs` ago (answers
     * to requests sent before the first refusal say nothing new).
     */
    throttled(keys: string[], now: number, retryAfterMs: number): void;
    close(): void;
}

/** Widest interval a run of 429 answers can set: eight times the nominal one. */
export const maxSlowdown = 8;
/** How much one refusal widens the interval. */
const slowdownFactor = 1.5;
/** How much of the nominal rate each reservation gives back after a slowdown (1/25 of it). */
const recoveryStep = 1 / 25;

/** The slowdown after one more request without a 429: the rate grows by a fixed step, up to the nominal one. */
export function recovered(slowdown: number): number {
    return slowdown <= 1 ? 1 : Math.max(1, 1 / (1 / slowdown + recoveryStep));
}

interface RateState {
    /** Earliest time of the key's next send. */
    tat: number;
    /** Interval multiplier set by 429 answers (1 when none). */
    slowdown: number;
    /** Until when a new 429 does not widen the interval again. */
    slowedUntil: number;
}

const freshState: RateState = { tat: 0, slowdown: 1, slowedUntil: 0 };

/** The state after a 429 at `now`. */
function afterRefusal(state: RateState, now: number, retryAfterMs: number): RateState | undefined {
    if (now < state.slowedUntil) {
        return undefined;
    }
    return {
        tat: Math.max(state.tat, now + retryAfterMs),
        slowdown: Math.min(maxSlowdown, state.slowdown * slowdownFactor),
        slowedUntil: now + retryAfterMs,
    };
}

/** The reservation rule, the same for both stores: reads the keys' state, returns what to write. */
function decide(
    request: SlotRequest,
    now: number,
    rate: (key: string) => RateState | undefined,
    lastIdentical: number | undefined,
): { reservation: Reservation; writes: ({ key: string } & RateState)[] } {
    const states = request.rates.map((r) => ({ ...r, state: rate(r.key) ?? freshState }));
    const at = Math.max(now, ...states.map((s) => s.state.tat));
    if (request.identical && lastIdentical !== undefined && lastIdentical + request.identical.spacingMs > at) {
        return { reservation: { busyUntil: lastIdentical + request.identical.spacingMs }, writes: [] };
    }
    const writes = states.map((s) => ({
        key: s.key,
        tat: at + s.intervalMs * s.state.slowdown,
        slowdown: recovered(s.state.slowdown),
        slowedUntil: s.state.slowedUntil,
    }));
    return { reservation: { at }, writes };
}

/** The ledger of one process alone. */
export class MemoryLedger implements SlotLedger {
    readonly shared = false;
    private readonly rates = new Map<string, RateState>();
    private readonly identical = new Map<string, number>();

    reserve(request: SlotRequest, now: number): Reservation {
        const { reservation, writes } = decide(
            request,
            now,
            (k) => this.rates.get(k),
            request.identical && this.identical.get(request.identical.key),
        );
        for (const { key, ...state } of writes) {
            this.rates.set(key, state);
        }
        if ("at" in reservation && request.identical) {
            this.identical.set(request.identical.key, reservation.at);
            if (this.identical.size > 5_000) {
                for (const [k, at] of this.identical) {
                    if (at + request.identical.spacingMs < now) {
                        this.identical.delete(k);
                    }
                }
            }
        }
        return reservation;
    }

    late(request: SlotRequest, sentAt: number): void {
        for (const r of request.rates) {
            const state = this.rates.get(r.key) ?? freshState;
            this.rates.set(r.key, { ...state, tat: Math.max(state.tat, sentAt + r.intervalMs * state.slowdown) });
        }
        if (request.identical) {
            this.identical.set(request.identical.key, Math.max(this.identical.get(request.identical.key) ?? 0, sentAt));
        }
    }

    throttled(keys: string[], now: number, retryAfterMs: number): void {
        for (const key of keys) {
            const next = afterRefusal(this.rates.get(key) ?? freshState, now, retryAfterMs);
            if (next) {
                this.rates.set(key, next);
            }
        }
    }

    close(): void {
        this.rates.clear();
        this.identical.clear();
    }
}

type Database = import("better-sqlite3").Database;
type Statement = import("better-sqlite3").Statement;

/** The ledger of every process that opens the same file. */
export class SqliteLedger implements SlotLedger {
    readonly shared = true;
    private readonly db: Database;
    private readonly readRate: Statement;
    private readonly writeRate: Statement;
    private readonly readIdentical: Statement;
    private readonly writeIdentical: Statement;
    private readonly forgetIdentical: Statement;
    private readonly reserveTx: (request: SlotRequest, now: number) => Reservation;
    private readonly throttleTx: (keys: string[], now: number, retryAfterMs: number) => void;
    private readonly lateTx: (request: SlotRequest, sentAt: number) => void;
    private reservations = 0;

    constructor(readonly file: string) {
        // Loaded here, not at the top: a process that never shares a budget never loads SQLite.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const BetterSqlite3 = require("better-sqlite3") as typeof import("better-sqlite3");
        if (!fs.existsSync(file)) {
            fs.closeSync(fs.openSync(file, "a", 0o600));
        }
        this.db = new BetterSqlite3(file, { timeout: 5_000 });
        // WAL: readers never block the writer; losing the ledger in a power cut costs nothing.
        this.db.pragma("journal_mode = WAL");
        this.db.pragma("synchronous = OFF");
        this.db.exec(
            "CREATE TABLE IF NOT EXISTS rates (key TEXT PRIMARY KEY, tat REAL NOT NULL, slowdown REAL NOT NULL, slowedUntil REAL NOT NULL);" +
                "CREATE TABLE IF NOT EXISTS identical (key TEXT PRIMARY KEY, at REAL NOT NULL);",
        );
        this.readRate = this.db.prepare("SELECT tat, slowdown, slowedUntil FROM rates WHERE key = ?");
        this.writeRate = this.db.prepare(
            "INSERT INTO rates (key, tat, slowdown, slowedUntil) VALUES (@key, @tat, @slowdown, @slowedUntil) " +
                "ON CONFLICT(key) DO UPDATE SET tat = excluded.tat, slowdown = excluded.slowdown, slowedUntil = excluded.slowedUntil",
        );
        this.readIdentical = this.db.prepare("SELECT at FROM identical WHERE key = ?");
        this.writeIdentical = this.db.prepare(
            "INSERT INTO identical (key, at) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET at = excluded.at",
        );
        this.forgetIdentical = this.db.prepare("DELETE FROM identical WHERE at < ?");
        const reserve = this.db.transaction((request: SlotRequest, now: number): Reservation => {
            const last = request.identical ? (this.readIdentical.get(request.identical.key) as { at: number } | undefined)?.at : undefined;
            const { reservation, writes } = decide(request, now, (k) => this.readRate.get(k) as RateState | undefined, last);
            for (const w of writes) {
                this.writeRate.run(w);
            }
            if ("at" in reservation && request.identical) {
                this.writeIdentical.run(request.identical.key, reservation.at);
            }
            if (++this.reservations % 500 === 0) {
                this.forgetIdentical.run(now - 60_000);
            }
            return reservation;
        });
        // IMMEDIATE: the write lock is taken before the read, so two processes never decide on the same state.
        this.reserveTx = (request, now) => reserve.immediate(request, now);
        const throttle = this.db.transaction((keys: string[], now: number, retryAfterMs: number) => {
            for (const key of keys) {
                const next = afterRefusal((this.readRate.get(key) as RateState | undefined) ?? freshState, now, retryAfterMs);
                if (next) {
                    this.writeRate.run({ key, ...next });
                }
            }
        });
        this.throttleTx = (keys, now, retryAfterMs) => throttle.immediate(keys, now, retryAfterMs);
        const late = this.db.transaction((request: SlotRequest, sentAt: number) => {
            for (const r of request.rates) {
                const state = (this.readRate.get(r.key) as RateState | undefined) ?? freshState;
                this.writeRate.run({ key: r.key, ...state, tat: Math.max(state.tat, sentAt + r.intervalMs * state.slowdown) });
            }
            if (request.identical) {
                const last = (this.readIdentical.get(request.identical.key) as { at: number } | undefined)?.at ?? 0;
                this.writeIdentical.run(request.identical.key, Math.max(last, sentAt));
            }
        });
        this.lateTx = (request, sentAt) => late.immediate(request, sentAt);
    }

    late(request: SlotRequest, sentAt: number): void {
        this.lateTx(request, sentAt);
    }

    reserve(request: SlotRequest, now: number): Reservation {
        return this.reserveTx(request, now);
    }

    throttled(keys: string[], now: number, retryAfterMs: number): void {
        this.throttleTx(keys, now, retryAfterMs);
    }

    close(): void {
        if (this.db.open) {
            this.db.close();
        }
    }
}

/**
 * The shared ledger, and the process's own one if the shared one fails (a full disk, a file
 * another user owns): the run goes on alone rather than failing, and says so once.
 */
export class FallbackLedger implements SlotLedger {
    private current: SlotLedger;
    private readonly local = new MemoryLedger();

    constructor(
        shared: SlotLedger,
        private readonly log: (message: string) => void,
    ) {
        this.current = shared;
    }

    get shared(): boolean {
        return this.current.shared;
    }

    private guard<T>(fn: () => T, again: () => T): T {
        try {
            return fn();
        } catch (err) {
            if (this.current === this.local) {
                throw err;
            }
            this.log(`shared request budget unavailable, this process keeps its own from now on: ${(err as Error).message}`);
            this.current.close();
            this.current = this.local;
            return again();
        }
    }

    reserve(request: SlotRequest, now: number): Reservation {
        return this.guard(
            () => this.current.reserve(request, now),
            () => this.local.reserve(request, now),
        );
    }

    late(request: SlotRequest, sentAt: number): void {
        this.guard(
            () => this.current.late(request, sentAt),
            () => this.local.late(request, sentAt),
        );
    }

    throttled(keys: string[], now: number, retryAfterMs: number): void {
        this.guard(
            () => this.current.throttled(keys, now, retryAfterMs),
            () => this.local.throttled(keys, now, retryAfterMs),
        );
    }

    close(): void {
        this.current.close();
        this.local.close();
    }
}

/**
 * Where the machine's shared ledger lives: `SECURETEMPLE_SHARED_BUDGET` (a folder; `off` for a
 * process-local budget), else a folder of this user's in the temporary directory. Processes of
 * different users share one only through that variable, pointing at a folder both can write.
 */
export function sharedLedgerFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const setting = env.SECURETEMPLE_SHARED_BUDGET?.trim();
    if (setting === "off" || setting === "0" || setting === "false") {
        return undefined;
    }
    if (setting) {
        return path.resolve(setting);
    }
    const uid = typeof process.getuid === "function" ? process.getuid() : os.userInfo().username;
    return path.join(os.tmpdir(), `securetemple-budget-${uid}`);
}

/**
 * Opens the machine's shared ledger (folder 0700, file 0600: only hashes of requests and times,
 * yet private); a local one when sharing is off or impossible.
 */
export function openLedger(log: (message: string) => void = () => undefined, env: NodeJS.ProcessEnv = process.env): SlotLedger {
    const folder = sharedLedgerFolder(env);
    if (!folder) {
        return new MemoryLedger();
    }
    try {
        fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
        return new FallbackLedger(new SqliteLedger(path.join(folder, "budget.sqlite")), log);
    } catch (err) {
        log(`shared request budget unavailable in ${folder}, this process keeps its own: ${(err as Error).message}`);
        return new MemoryLedger();
    }
}

/** The identical-request key as stored: a hash, so that no URL, body or secret is written anywhere. */
export function identicalKey(scope: string, requestKey: string): string {
    return crypto.createHash("sha256").update(`${scope}\n${requestKey}`).digest("base64url");
}
