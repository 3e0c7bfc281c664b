// The Secure Temple sandbox: a local emulator of the customer API on loopback, with its state in
// SQLite and its buckets in a real MinIO. Tests start it with `startSandbox()`; the standalone
// process (`main.ts`) wraps the same function.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { FastifyInstance } from "fastify";
import { ActivityEngine } from "./domain/activities";
import { Backup } from "./domain/backup";
import { IamRoles, Marketplace } from "./domain/catalog";
import { Adapters } from "./domain/adapters";
import { Compute } from "./domain/compute";
import { Disks } from "./domain/disks";
import { AuthorizedIp, Bucket, NetworkAdapter, StorageAccount, Tenant, VirtualDisk, VirtualMachine } from "./domain/model";
import { ObjectStorage } from "./domain/objectstorage";
import { OutOfBand } from "./domain/outOfBand";
import { Relocation } from "./domain/relocation";
import { StorageAccounts } from "./domain/storageAccounts";
import { Platform } from "./domain/platform";
import { VCenterInventory } from "./domain/vcenter";
import * as views from "./domain/views";
import { SandboxClock, systemClock } from "./clock";
import { buildApp } from "./http/app";
import { ApiContext, Settings } from "./http/context";
import { AllowList, Deduper, RateLimiter } from "./http/guards";
import { mergeFaults } from "./http/routes/admin";
import { MinioServer, startMinio } from "./minio";
import { FaultConfig, noFaults, SandboxOptions } from "./options";
import { applySeed, defaultSeedPath, readSeed } from "./seed/load";
import { Store } from "./store/database";
import { seededIds } from "./store/seededIds";

export type { FaultConfig, SandboxOptions } from "./options";
export type { SandboxClock } from "./clock";
export { noFaults } from "./options";
export type { MinioServer } from "./minio";
export { providerEnv } from "./providerEnv";

export interface Sandbox {
    /** "http://127.0.0.1:PORT"; the API is under endpoint + "/api", the admin routes under endpoint + "/_admin". */
    endpoint: string;
    port: number;
    /** Personal access token of the tenant (CLOUDTEMPLE_CLIENT_ID / CLOUDTEMPLE_SECRET_ID). */
    clientId: string;
    secretId: string;
    minio: MinioServer;
    dbPath: string;
    tenant: { id: string; name: string; snc: boolean; companyId: string };
    setFaults(f: Partial<FaultConfig>): Promise<void>;
    setActivityLatency(ms: number): void;
    setRateLimits(on: boolean): void;
    setDedupe(on: boolean): void;
    /** Stops and starts the HTTP server again on the same port and database; state is kept. */
    restart(): Promise<void>;
    stop(): Promise<void>;
    /** Applies every activity whose time is up (reads through the API do this themselves). */
    settle(): Promise<void>;
    /** Seeded objects by kind, then name -> id (e.g. ids().hostCluster["clu001-az05-standard"]). */
    ids(): Record<string, Record<string, string>>;
    listVirtualMachines(): unknown[];
    listBuckets(): unknown[];
    listDisks(): unknown[];
    listNetworkAdapters(): unknown[];
    listStorageAccounts(): unknown[];
    listActivities(): unknown[];
}

class SandboxRuntime {
    private store?: Store;
    private app?: FastifyInstance;
    private engine?: ActivityEngine;
    private platform?: Platform;
    private restarting?: Promise<void>;
    port: number;
    readonly limiter = new RateLimiter();
    readonly deduper = new Deduper();
    credentials = { clientId: "", secretId: "" };
    tenant?: Tenant;

    constructor(
        readonly dbPath: string,
        private readonly seedPath: string,
        readonly settings: Settings,
        readonly minio: MinioServer,
        port: number,
        private readonly clock: SandboxClock,
    ) {
        this.port = port;
    }

    get liveStore(): Store {
        if (!this.store) {
            throw new Error("Sandbox arrêtée / sandbox stopped");
        }
        return this.store;
    }

    async open(): Promise<void> {
        // In-memory state lives in the Store object itself, so it is kept across a restart.
        const store = this.store ?? new Store(this.dbPath);
        this.store = store;
        if (!store.getMeta("seeded")) {
            applySeed(store, readSeed(this.seedPath));
        }
        if (!store.getMeta("clientId")) {
            store.setMeta("clientId", crypto.randomUUID());
            store.setMeta("secretId", crypto.randomBytes(24).toString("base64url"));
            store.setMeta("jwtKey", crypto.randomBytes(32).toString("hex"));
        }
        this.credentials = { clientId: store.getMeta("clientId") as string, secretId: store.getMeta("secretId") as string };
        const tenant = store.list<Tenant>("tenant")[0];
        this.tenant = tenant;
        const settings = this.settings;
        const engine = new ActivityEngine(
            store,
            () => tenant.id,
            () => tenant.userId,
            {
                latencyMs: () => settings.activityLatencyMs,
                slowMs: () => settings.faults.slowActivityMs,
                failAfterCreateRate: () => settings.faults.failActivityAfterCreateRate,
            },
            this.clock,
        );
        const platform = new Platform(store, engine, this.minio);
        const allowList = new AllowList(store.list<AuthorizedIp>("authorizedIp").map((ip) => ip.cidr));
        const compute = new Compute(platform);
        const storage = new ObjectStorage(platform);
        const ctx: ApiContext = {
            platform,
            compute,
            relocation: new Relocation(platform, compute),
            disks: new Disks(platform, compute),
            adapters: new Adapters(platform, compute),
            outOfBand: new OutOfBand(platform, compute),
            vcenter: new VCenterInventory(store, () => platform.tenant()),
            iamRoles: new IamRoles(),
            marketplace: new Marketplace(),
            backup: new Backup(platform, () => settings.faults.inventoryFromStartRate ?? 0),
            storage,
            accounts: new StorageAccounts(platform, storage),
            settings,
            allowList,
            limiter: this.limiter,
            deduper: this.deduper,
            credentials: this.credentials,
            jwtKey: Buffer.from(store.getMeta("jwtKey") as string, "hex"),
            clock: this.clock,
            refreshAllowList: () => allowList.set(store.list<AuthorizedIp>("authorizedIp").map((ip) => ip.cidr)),
            requestRestart: () => void this.restart().catch(() => undefined),
        };
        const app = buildApp(ctx);
        await app.listen({ port: this.port, host: "127.0.0.1" });
        const address = app.server.address();
        this.port = typeof address === "object" && address ? address.port : this.port;
        this.app = app;
        this.engine = engine;
        this.platform = platform;
        engine.resume();
        await engine.settle();
    }

    async close(keepStore: boolean): Promise<void> {
        await this.app?.close();
        this.engine?.close();
        await this.engine?.drain();
        this.platform?.close();
        this.app = undefined;
        this.engine = undefined;
        this.platform = undefined;
        if (!keepStore || this.dbPath !== ":memory:") {
            this.store?.close();
            this.store = undefined;
        }
    }

    restart(): Promise<void> {
        this.restarting ??= (async () => {
            try {
                await this.close(true);
                await this.open();
            } finally {
                this.restarting = undefined;
            }
        })();
        return this.restarting;
    }

    async settle(): Promise<void> {
        await this.engine?.settle();
    }
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
    const dbPath = options.dbPath ?? ":memory:";
    if (dbPath !== ":memory:") {
        // A folder made here for the state is the owner's only (the state holds secrets).
        fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true, mode: 0o700 });
    }
    const settings: Settings = {
        activityLatencyMs: options.activityLatencyMs ?? 0,
        rateLimits: options.rateLimits ?? true,
        dedupe: options.dedupe ?? true,
        faults: mergeFaults(noFaults, options.faults ?? {}),
        tokenTtlSeconds: options.tokenTtlSeconds ?? 300,
    };
    const minio = options.minio ?? (await startMinio({ binary: options.minioBinary }));
    const runtime = new SandboxRuntime(
        dbPath,
        options.seedPath ?? defaultSeedPath(),
        settings,
        minio,
        options.port ?? 0,
        options.clock ?? systemClock,
    );
    try {
        await runtime.open();
    } catch (err) {
        await runtime.close(false).catch(() => undefined);
        if (!options.minio) {
            await minio.stop();
        }
        throw err;
    }
    const store = () => runtime.liveStore;
    const tenant = runtime.tenant as Tenant;
    let stopped = false;
    return {
        endpoint: `http://127.0.0.1:${runtime.port}`,
        port: runtime.port,
        clientId: runtime.credentials.clientId,
        secretId: runtime.credentials.secretId,
        minio,
        dbPath,
        tenant: { id: tenant.id, name: tenant.name, snc: tenant.snc, companyId: tenant.companyId },
        async setFaults(f) {
            settings.faults = mergeFaults(settings.faults, f);
        },
        setActivityLatency(ms) {
            settings.activityLatencyMs = Math.max(0, ms);
        },
        setRateLimits(on) {
            settings.rateLimits = on;
            runtime.limiter.reset();
        },
        setDedupe(on) {
            settings.dedupe = on;
            runtime.deduper.reset();
        },
        restart: () => runtime.restart(),
        async stop() {
            if (stopped) {
                return;
            }
            stopped = true;
            await runtime.close(false);
            if (!options.minio) {
                await minio.stop();
            }
        },
        settle: () => runtime.settle(),
        ids: () => seededIds(store()),
        listVirtualMachines: () =>
            store()
                .list<VirtualMachine>("vm")
                .map((v) => ({ ...views.vmView(store(), v), slaPolicies: v.policyIds })),
        listBuckets: () =>
            store()
                .list<Bucket>("bucket")
                .map((b) => ({ id: b.id, name: b.name, accessType: b.accessType, whitelist: b.whitelist, createDate: b.createDate })),
        listDisks: () =>
            store()
                .list<VirtualDisk>("disk")
                .map((d) => ({ ...views.diskView(store(), d), slaPolicies: d.policyIds })),
        listNetworkAdapters: () =>
            store()
                .list<NetworkAdapter>("adapter")
                .map((a) => views.adapterView(store(), a)),
        listStorageAccounts: () => store().list<StorageAccount>("storageAccount"),
        listActivities: () =>
            store()
                .listActivities()
                .map((a) => ({
                    id: a.id,
                    description: a.data.description,
                    op: a.data.effect.op,
                    applied: a.applied,
                    reason: a.data.reason,
                    result: a.data.result,
                })),
    };
}
