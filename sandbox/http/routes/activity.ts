// Activities (/api/activity/v1) and resource tags (/api/tag/v1).
import { notFound } from "../../domain/errors";
import { Tag } from "../../domain/model";
import { params, TagCreate } from "../../domain/requests";
import { ApiContext, App } from "../context";

export function registerActivityAndTagRoutes(app: App, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const engine = ctx.platform.activities;

    app.get("/api/activity/v1/activities", async () => store.listActivities().map((a) => engine.view(a)));
    app.get("/api/activity/v1/activities/:id", { schema: { params: params("id") } }, async (req) => {
        const a = store.getActivity(req.params.id);
        if (!a) {
            throw notFound("Activity", "Activité", req.params.id);
        }
        return engine.view(a);
    });

    // A resource without tags answers 200 [] (clients read every VM's tags and refuse a 404).
    app.get("/api/tag/v1/tags/resources/:id", { schema: { params: params("id") } }, async (req) => {
        const tenant = ctx.platform.tenant();
        return store
            .where<Tag>("tag", "resource", req.params.id)
            .map((t) => ({ key: t.key, value: t.value, tenant: tenant.id, resource: t.resource }));
    });
    // Tags are applied at once (the clients do not wait for an activity here).
    app.post("/api/tag/v1/tags", { schema: { body: TagCreate } }, async (req, reply) => {
        const { key, value, resources } = req.body;
        store.transaction(() => {
            for (const r of resources) {
                store.put<Tag>("tag", { id: `${r.uuid}/${key}`, resource: r.uuid, key, value: value ?? "" });
            }
        });
        return reply.code(201).send();
    });
    app.delete("/api/tag/v1/tags/resources/:id/keys/:key", { schema: { params: params("id", "key") } }, async (req, reply) => {
        const { id, key } = req.params;
        if (!store.delete("tag", `${id}/${key}`)) {
            throw notFound("Tag", "Étiquette", `${id}/${key}`);
        }
        return reply.code(200).send();
    });
}
