// The sandbox state in SQLite (better-sqlite3, synchronous and embedded: a restarted sandbox reads
// its VMs, policies and buckets back from the same file). Objects are JSON documents keyed by kind
// and id; the data set of one tenant is small, so filters run in JavaScript over a kind.
import * as fs from "fs";
import Database from "better-sqlite3";

export type Kind =
    | "tenant"
    | "machineManager"
    | "datacenter"
    | "hostCluster"
    | "host"
    | "datastore"
    | "datastoreCluster"
    | "network"
    | "guestOs"
    | "contentLibrary"
    | "contentLibraryItem"
    | "policy"
    | "job"
    | "vm"
    | "disk"
    | "adapter"
    | "bucket"
    | "storageAccount"
    | "grant"
    | "role"
    | "tag"
    | "authorizedIp";

export interface StoredActivity {
    id: string;
    seq: number;
    /** Epoch ms when the activity leaves "waiting" and starts "running". */
    startMs: number;
    /** Epoch ms when it ends (completed or failed) and its effect is applied. */
    endMs: number;
    applied: boolean;
    data: ActivityData;
}

export interface ActivityEffect {
    op: string;
    args: Record<string, unknown>;
}

export interface ActivityData {
    tenantId: string;
    description: string;
    type: string;
    tags: string[];
    initiator: string;
    creationDate: string;
    operationType: "read" | "write";
    concernedItems: { id: string; type: string }[];
    effect: ActivityEffect;
    /** Set when the activity is to fail after its effect (injected ambiguous create). */
    failAfterEffect?: string;
    /** Outcome, filled when applied. */
    result?: string;
    reason?: string;
}

export class Store {
    readonly db: Database.Database;

    constructor(readonly path: string) {
        if (path !== ":memory:") {
            // The state holds the personal access token's secret and the JWT signing key: owner only.
            // SQLite gives its -wal and -shm files the database file's mode.
            fs.closeSync(fs.openSync(path, "a", 0o600));
            fs.chmodSync(path, 0o600);
        }
        this.db = new Database(path);
        if (path !== ":memory:") {
            // WAL keeps readers and the writer apart and makes a crash lose at most the last write.
            this.db.pragma("journal_mode = WAL");
        }
        this.db.exec(`
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS objects (
                kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT, seq INTEGER NOT NULL, data TEXT NOT NULL,
                PRIMARY KEY (kind, id));
            CREATE INDEX IF NOT EXISTS objects_name ON objects (kind, name);
            CREATE TABLE IF NOT EXISTS activities (
                id TEXT PRIMARY KEY, seq INTEGER NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
                applied INTEGER NOT NULL, data TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS activities_pending ON activities (applied, end_ms, seq);
        `);
    }

    close(): void {
        this.db.close();
    }

    getMeta(key: string): string | undefined {
        const row = this.db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as { value: string } | undefined;
        return row?.value;
    }

    setMeta(key: string, value: string): void {
        this.db
            .prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .run(key, value);
    }

    private nextSeq(): number {
        const next = Number(this.getMeta("seq") ?? "0") + 1;
        this.setMeta("seq", String(next));
        return next;
    }

    put<T extends { id: string; name?: string }>(kind: Kind, doc: T): T {
        const existing = this.db.prepare("SELECT seq FROM objects WHERE kind = ? AND id = ?").get(kind, doc.id) as
            { seq: number } | undefined;
        const seq = existing?.seq ?? this.nextSeq();
        this.db
            .prepare(
                "INSERT INTO objects (kind, id, name, seq, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT(kind, id) DO UPDATE SET name = excluded.name, data = excluded.data",
            )
            .run(kind, doc.id, doc.name ?? null, seq, JSON.stringify(doc));
        return doc;
    }

    get<T>(kind: Kind, id: string): T | undefined {
        const row = this.db.prepare("SELECT data FROM objects WHERE kind = ? AND id = ?").get(kind, id) as { data: string } | undefined;
        return row ? (JSON.parse(row.data) as T) : undefined;
    }

    byName<T>(kind: Kind, name: string): T | undefined {
        const row = this.db.prepare("SELECT data FROM objects WHERE kind = ? AND name = ? ORDER BY seq LIMIT 1").get(kind, name) as
            { data: string } | undefined;
        return row ? (JSON.parse(row.data) as T) : undefined;
    }

    list<T>(kind: Kind): T[] {
        const rows = this.db.prepare("SELECT data FROM objects WHERE kind = ? ORDER BY seq").all(kind) as { data: string }[];
        return rows.map((r) => JSON.parse(r.data) as T);
    }

    /** Objects of a kind whose top-level `field` equals `value` (SQLite's JSON functions, no full parse of the kind). */
    where<T>(kind: Kind, field: string, value: string): T[] {
        if (!/^[A-Za-z]+$/.test(field)) {
            throw new Error(`invalid field name ${field}`);
        }
        const rows = this.db
            .prepare(`SELECT data FROM objects WHERE kind = ? AND json_extract(data, '$.${field}') = ? ORDER BY seq`)
            .all(kind, value) as { data: string }[];
        return rows.map((r) => JSON.parse(r.data) as T);
    }

    /** Deletes an object; its tags (stored as "tag" objects on its id) go with it, as on the real platform. */
    delete(kind: Kind, id: string): boolean {
        const deleted = this.db.prepare("DELETE FROM objects WHERE kind = ? AND id = ?").run(kind, id).changes > 0;
        if (deleted && kind !== "tag") {
            this.db.prepare("DELETE FROM objects WHERE kind = 'tag' AND json_extract(data, '$.resource') = ?").run(id);
        }
        return deleted;
    }

    count(kind: Kind): number {
        return (this.db.prepare("SELECT COUNT(*) AS n FROM objects WHERE kind = ?").get(kind) as { n: number }).n;
    }

    transaction<T>(fn: () => T): T {
        return this.db.transaction(fn)();
    }

    insertActivity(a: Omit<StoredActivity, "seq">): StoredActivity {
        const seq = this.nextSeq();
        this.db
            .prepare("INSERT INTO activities (id, seq, start_ms, end_ms, applied, data) VALUES (?, ?, ?, ?, ?, ?)")
            .run(a.id, seq, a.startMs, a.endMs, a.applied ? 1 : 0, JSON.stringify(a.data));
        return { ...a, seq };
    }

    updateActivity(a: StoredActivity): void {
        this.db.prepare("UPDATE activities SET applied = ?, data = ? WHERE id = ?").run(a.applied ? 1 : 0, JSON.stringify(a.data), a.id);
    }

    getActivity(id: string): StoredActivity | undefined {
        const row = this.db.prepare("SELECT * FROM activities WHERE id = ?").get(id) as ActivityRow | undefined;
        return row ? fromRow(row) : undefined;
    }

    listActivities(): StoredActivity[] {
        return (this.db.prepare("SELECT * FROM activities ORDER BY seq").all() as ActivityRow[]).map(fromRow);
    }

    /** Activities whose end has passed and whose effect is not applied yet, oldest first. */
    dueActivities(nowMs: number): StoredActivity[] {
        return (
            this.db.prepare("SELECT * FROM activities WHERE applied = 0 AND end_ms <= ? ORDER BY end_ms, seq").all(nowMs) as ActivityRow[]
        ).map(fromRow);
    }

    pendingActivities(): StoredActivity[] {
        return (this.db.prepare("SELECT * FROM activities WHERE applied = 0 ORDER BY seq").all() as ActivityRow[]).map(fromRow);
    }
}

interface ActivityRow {
    id: string;
    seq: number;
    start_ms: number;
    end_ms: number;
    applied: number;
    data: string;
}

function fromRow(row: ActivityRow): StoredActivity {
    return {
        id: row.id,
        seq: row.seq,
        startMs: row.start_ms,
        endMs: row.end_ms,
        applied: row.applied === 1,
        data: JSON.parse(row.data) as ActivityData,
    };
}
