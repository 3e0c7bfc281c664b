// What the HTTP layer needs from the running sandbox.
import type { IncomingMessage, ServerResponse } from "http";
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, RawServerDefault } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Backup } from "../domain/backup";
import { IamRoles, Marketplace } from "../domain/catalog";
import { Adapters } from "../domain/adapters";
import { Compute } from "../domain/compute";
import { Disks } from "../domain/disks";
import { ObjectStorage } from "../domain/objectstorage";
import { OutOfBand } from "../domain/outOfBand";
import { Platform } from "../domain/platform";
import { Relocation } from "../domain/relocation";
import { StorageAccounts } from "../domain/storageAccounts";
import { VCenterInventory } from "../domain/vcenter";
import type { SandboxClock } from "../clock";
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
    relocation: Relocation;
    disks: Disks;
    adapters: Adapters;
    /** Changes made outside the API client (admin endpoint, tests). */
    outOfBand: OutOfBand;
    vcenter: VCenterInventory;
    backup: Backup;
    iamRoles: IamRoles;
    marketplace: Marketplace;
    storage: ObjectStorage;
    accounts: StorageAccounts;
    settings: Settings;
    allowList: AllowList;
    limiter: RateLimiter;
    deduper: Deduper;
    credentials: { clientId: string; secretId: string };
    jwtKey: Buffer;
    /** Time of the tokens and of the rate and duplicate windows. */
    clock: SandboxClock;
    /** Reloads the allow-list from the store after a change. */
    refreshAllowList(): void;
    /** Stops and starts the HTTP server again (admin "restart" fault). */
    requestRestart(): void;
}

/** A write accepted: 201, the activity id bare in `Location` (clients poll it verbatim), empty body. */
export function accepted(reply: FastifyReply, activity: StoredActivity): FastifyReply {
    return reply.code(201).header("Location", activity.id).send();
}

/** The fastify instance with its TypeBox type provider: route schemas type the requests. */
export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;
