// Admin endpoint (loopback only, outside the guards of the API): fault injection, activity
// latency, out-of-band changes (drift, VMs made outside any client), and inspection. Documented
// route by route in sandbox/README.md.
import { invalidField } from "../../domain/errors";
import { AuthorizedIp, Bucket, VirtualDisk, VirtualMachine } from "../../domain/model";
import { ActivityLatency, AuthorizedIps, Drift, Faults, OutOfBandVm, params, PolicyStatus, Settings } from "../../domain/requests";
import * as views from "../../domain/views";
import { Kind } from "../../store/database";
import { nameId } from "../../store/ids";
import { seededIds } from "../../store/seededIds";
import { FaultConfig, noFaults } from "../../options";
import { ApiContext, App } from "../context";
import { AllowList } from "../guards";
import { check } from "../../domain/validation";

/** Checks a partial fault configuration (a 400 naming the bad field) and merges it into the current one. */
export function mergeFaults(current: FaultConfig, raw: unknown): Required<FaultConfig> {
    const changes = check<Faults>(Faults, raw ?? {});
    if (changes.pathPattern !== undefined) {
        try {
            new RegExp(changes.pathPattern);
        } catch {
            throw invalidField(
                "pathPattern",
                "a valid regular expression",
                "« pathPattern » : expression régulière invalide",
                `"pathPattern": invalid regular expression`,
            );
        }
    }
    const given = Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== undefined && k in noFaults)) as Partial<FaultConfig>;
    return { ...noFaults, ...current, ...given };
}

export function registerAdminRoutes(app: App, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const s = ctx.settings;

    const state = () => ({
        tenant: ctx.platform.tenant(),
        settings: {
            activityLatencyMs: s.activityLatencyMs,
            rateLimits: s.rateLimits,
            dedupe: s.dedupe,
            tokenTtlSeconds: s.tokenTtlSeconds,
            faults: s.faults,
        },
        counts: Object.fromEntries(
            (["vm", "disk", "adapter", "bucket", "storageAccount", "grant", "tag"] as Kind[]).map((k) => [k, store.count(k)]),
        ),
        pendingActivities: store.pendingActivities().length,
    });

    app.get("/_admin/health", async () => ({ ok: true }));
    app.get("/_admin/state", async () => state());

    app.put("/_admin/faults", { schema: { body: Faults } }, async (req) => {
        s.faults = mergeFaults(s.faults, req.body);
        return s.faults;
    });
    app.put("/_admin/activity_latency", { schema: { body: ActivityLatency } }, async (req) => {
        s.activityLatencyMs = req.body.ms;
        return { activityLatencyMs: s.activityLatencyMs };
    });
    app.put("/_admin/settings", { schema: { body: Settings } }, async (req) => {
        s.rateLimits = req.body.rateLimits ?? s.rateLimits;
        s.dedupe = req.body.dedupe ?? s.dedupe;
        s.tokenTtlSeconds = req.body.tokenTtlSeconds ?? s.tokenTtlSeconds;
        ctx.limiter.reset();
        ctx.deduper.reset();
        return state().settings;
    });

    // Names of the seeded objects and their ids, by kind.
    app.get("/_admin/ids", async () => seededIds(store));

    app.get("/_admin/virtual_machines", async () =>
        store.list<VirtualMachine>("vm").map((v) => ({ ...views.vmView(store, v), slaPolicies: v.policyIds, inventoried: v.inventoried })),
    );
    app.post("/_admin/virtual_machines", { schema: { body: OutOfBandVm } }, async (req, reply) => {
        const vm = ctx.outOfBand.createOutOfBand(req.body);
        return reply.code(201).send(views.vmView(store, vm));
    });
    app.patch("/_admin/virtual_machines/:id", { schema: { params: params("id"), body: Drift } }, async (req) =>
        views.vmView(store, ctx.outOfBand.driftOutOfBand(req.params.id, req.body)),
    );
    app.delete("/_admin/virtual_machines/:id", { schema: { params: params("id") } }, async (req, reply) => {
        ctx.outOfBand.deleteOutOfBand(req.params.id);
        return reply.code(204).send();
    });
    app.get("/_admin/disks", async () => store.list<VirtualDisk>("disk").map((d) => views.diskView(store, d)));
    app.get("/_admin/buckets", async () => Promise.all(store.list<Bucket>("bucket").map((b) => ctx.storage.bucketView(b))));
    app.get("/_admin/activities", async () =>
        store.listActivities().map((a) => ({ ...ctx.platform.activities.view(a), effect: a.data.effect.op })),
    );

    app.put("/_admin/backup_policies/:policy", { schema: { params: params("policy"), body: PolicyStatus } }, async (req) =>
        views.policyView(ctx.backup.setStatus(req.params.policy, req.body.status)),
    );

    // Replaces the tenant's authorised IPs (loopback can always reach /_admin to put them back).
    app.put("/_admin/authorized_ips", { schema: { body: AuthorizedIps } }, async (req) => {
        const { cidrs } = req.body;
        try {
            new AllowList(cidrs);
        } catch {
            throw invalidField("cidrs", "CIDR blocks such as 127.0.0.1/32", "CIDR invalide", "invalid CIDR");
        }
        const tenant = ctx.platform.tenant();
        store.transaction(() => {
            store.list<AuthorizedIp>("authorizedIp").forEach((ip) => store.delete("authorizedIp", ip.id));
            cidrs.forEach((cidr) =>
                store.put<AuthorizedIp>("authorizedIp", { id: nameId(tenant.name, "authorizedIp", cidr), cidr, description: "admin" }),
            );
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
