// Admin endpoint (loopback only, outside the guards of the API): fault injection, activity
// latency, out-of-band changes (drift, VMs made outside any client), and inspection. Documented
// route by route in sandbox/README.md.
import { FastifyInstance } from "fastify";
import { invalidField } from "../../domain/errors";
import { AuthorizedIp, BackupPolicy, Bucket, VirtualDisk, VirtualMachine } from "../../domain/model";
import { asBody, integerIn, optionalBoolean, stringArray } from "../../domain/validate";
import * as views from "../../domain/views";
import { Kind } from "../../store/database";
import { nameId } from "../../store/ids";
import { FaultConfig } from "../../options";
import { ApiContext, Params } from "../context";
import { AllowList } from "../guards";


/** Checks and applies a partial fault configuration; throws a 400 naming the bad field. */
export function mergeFaults(current: FaultConfig, raw: unknown): Required<FaultConfig> {
    const body = asBody(raw);
    const next: Required<FaultConfig> = {
        ...current,
        pathPattern: current.pathPattern ?? "",
        lostWriteResponseRate: current.lostWriteResponseRate ?? 0,
        inventoryFromStartRate: current.inventoryFromStartRate ?? 0,
    };
    for (const key of ["errorRate5xx", "errorRate429", "failActivityAfterCreateRate", "lostWriteResponseRate", "inventoryFromStartRate"] as const) {
        const v = body[key];
        if (v !== undefined) {
            if (typeof v !== "number" || !(v >= 0 && v <= 1)) {
                throw invalidField(key, "a number from 0 to 1", `« ${key} » doit être un nombre entre 0 et 1`, `"${key}" must be a number from 0 to 1`);
            }
            next[key] = v;
        }
    }
    const slow = integerIn(body, "slowActivityMs", 0, 3_600_000, false);
    if (slow !== undefined) {
        next.slowActivityMs = slow;
    }
    if (body.pathPattern !== undefined) {
        if (typeof body.pathPattern !== "string") {
            throw invalidField("pathPattern", "a regular expression as a string", "« pathPattern » doit être une chaîne", `"pathPattern" must be a string`);
        }
        try {
            new RegExp(body.pathPattern);
        } catch {
            throw invalidField("pathPattern", "a valid regular expression", "« pathPattern » : expression régulière invalide", `"pathPattern": invalid regular expression`);
        }
        next.pathPattern = body.pathPattern;
    }
    return next;
}

export function registerAdminRoutes(app: FastifyInstance, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const s = ctx.settings;

    const state = () => ({
        tenant: ctx.platform.tenant(),
        settings: { activityLatencyMs: s.activityLatencyMs, rateLimits: s.rateLimits, dedupe: s.dedupe, tokenTtlSeconds: s.tokenTtlSeconds, faults: s.faults },
        counts: Object.fromEntries((["vm", "disk", "adapter", "bucket", "storageAccount", "grant", "tag"] as Kind[]).map((k) => [k, store.count(k)])),
        pendingActivities: store.pendingActivities().length,
    });

    app.get("/_admin/health", async () => ({ ok: true }));
    app.get("/_admin/state", async () => state());

    app.put("/_admin/faults", async (req) => {
        s.faults = mergeFaults(s.faults, req.body);
        return s.faults;
    });
    app.put("/_admin/activity_latency", async (req) => {
        s.activityLatencyMs = integerIn(asBody(req.body), "ms", 0, 3_600_000) as number;
        return { activityLatencyMs: s.activityLatencyMs };
    });
    app.put("/_admin/settings", async (req) => {
        const body = asBody(req.body);
        s.rateLimits = optionalBoolean(body, "rateLimits") ?? s.rateLimits;
        s.dedupe = optionalBoolean(body, "dedupe") ?? s.dedupe;
        s.tokenTtlSeconds = integerIn(body, "tokenTtlSeconds", 1, 86_400, false) ?? s.tokenTtlSeconds;
        ctx.limiter.reset();
        ctx.deduper.reset();
        return state().settings;
    });

    // Names of the seeded objects and their ids, by kind.
    app.get("/_admin/ids", async () => {
        const kinds: Kind[] = ["machineManager", "datacenter", "hostCluster", "host", "datastore", "datastoreCluster", "network", "contentLibrary", "contentLibraryItem", "policy", "job", "role"];
        return Object.fromEntries(kinds.map((k) => [k, Object.fromEntries(store.list<{ id: string; name: string }>(k).map((o) => [o.name, o.id]))]));
    });

    app.get("/_admin/virtual_machines", async () =>
        store.list<VirtualMachine>("vm").map((v) => ({ ...views.vmView(store, v), slaPolicies: v.policyIds, inventoried: v.inventoried })));
    app.post("/_admin/virtual_machines", async (req, reply) => {
        const vm = ctx.compute.createOutOfBand(req.body);
        return reply.code(201).send(views.vmView(store, vm));
    });
    app.patch("/_admin/virtual_machines/:id", async (req) => views.vmView(store, ctx.compute.driftOutOfBand((req.params as Params).id, req.body)));
    app.delete("/_admin/virtual_machines/:id", async (req, reply) => {
        ctx.compute.deleteOutOfBand((req.params as Params).id);
        return reply.code(204).send();
    });
    app.get("/_admin/disks", async () => store.list<VirtualDisk>("disk").map((d) => views.diskView(store, d)));
    app.get("/_admin/buckets", async () => Promise.all(store.list<Bucket>("bucket").map((b) => ctx.storage.bucketView(b))));
    app.get("/_admin/activities", async () => store.listActivities().map((a) => ({ ...ctx.platform.activities.view(a), effect: a.data.effect.op })));

    app.put("/_admin/backup_policies/:policy", async (req) => {
        const p: BackupPolicy = ctx.backup.setStatus((req.params as Params).policy, req.body);
        return views.policyView(p);
    });

    // Replaces the tenant's authorised IPs (loopback can always reach /_admin to put them back).
    app.put("/_admin/authorized_ips", async (req) => {
        const cidrs = stringArray(asBody(req.body), "cidrs");
        try {
            new AllowList(cidrs);
        } catch {
            throw invalidField("cidrs", "CIDR blocks such as 127.0.0.1/32", "CIDR invalide", "invalid CIDR");
        }
        const tenant = ctx.platform.tenant();
        store.transaction(() => {
            store.list<AuthorizedIp>("authorizedIp").forEach((ip) => store.delete("authorizedIp", ip.id));
            cidrs.forEach((cidr) => store.put<AuthorizedIp>("authorizedIp", { id: nameId(tenant.name, "authorizedIp", cidr), cidr, description: "admin" }));
        });
        ctx.refreshAllowList();
        return store.list<AuthorizedIp>("authorizedIp");
    });

    // The "restart" fault: answers, then stops and starts the server on the same port and state.
    app.post("/_admin/restart", async (_req, reply) => {
        reply.code(202).send({ restarting: true });
        setImmediate(() => ctx.requestRestart());
        return reply;
    });
}
