// What the HTTP layer needs from the running sandbox.
import type { FastifyReply } from "fastify";
import { Backup } from "../domain/backup";
import { Compute } from "../domain/compute";
import { ObjectStorage } from "../domain/objectstorage";
import { Platform } from "../domain/platform";
import { FaultConfig } from "../options";
import { StoredActivity } from "../store/database";
import { AllowList, Deduper, RateLimiter } from "./guards";

export interface Settings {
    activityLatencyMs: number;
    rateLimits: boolean;
    dedupe: boolean;
    faults: FaultConfig;
    tokenTtlSeconds: number;
}

export interface ApiContext {
    platform: Platform;
    compute: Compute;
    backup: Backup;
    storage: ObjectStorage;
    settings: Settings;
    allowList: AllowList;
    limiter: RateLimiter;
    deduper: Deduper;
    credentials: { clientId: string; secretId: string };
    jwtKey: Buffer;
    /** Reloads the allow-list from the store after a change. */
    refreshAllowList(): void;
    /** Stops and starts the HTTP server again (admin "restart" fault). */
    requestRestart(): void;
}

/** A write accepted: 201, the activity id bare in `Location` (clients poll it verbatim), empty body. */
export function accepted(reply: FastifyReply, activity: StoredActivity): FastifyReply {
    return reply.code(201).header("Location", activity.id).send();
}

export type Params = Record<string, string>;
