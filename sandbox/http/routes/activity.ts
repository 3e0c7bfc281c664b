// Activities (/api/activity/v1) and resource tags (/api/tag/v1).
import { FastifyInstance } from "fastify";
import { notFound } from "../../domain/errors";
import { Tag } from "../../domain/model";
import { asBody, optionalString, requiredString } from "../../domain/validate";
import { invalidField } from "../../domain/errors";
import { ApiContext, Params } from "../context";

export function registerActivityAndTagRoutes(app: FastifyInstance, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const engine = ctx.platform.activities;

    app.get("/api/activity/v1/activities", async () => store.listActivities().map((a) => engine.view(a)));
    app.get("/api/activity/v1/activities/:id", async (req) => {
        const a = store.getActivity((req.params as Params).id);
        if (!a) {
            throw notFound("Activity", "Activité", (req.params as Params).id);
        }
        return engine.view(a);
    });

    // A resource without tags answers 200 [] (clients read every VM's tags and refuse a 404).
    app.get("/api/tag/v1/tags/resources/:id", async (req) => {
        const tenant = ctx.platform.tenant();
        return store.list<Tag>("tag").filter((t) => t.resource === (req.params as Params).id)
            .map((t) => ({ key: t.key, value: t.value, tenant: tenant.id, resource: t.resource }));
    });
    // Tags are applied at once (the clients do not wait for an activity here).
    app.post("/api/tag/v1/tags", async (req, reply) => {
        const body = asBody(req.body);
        const key = requiredString(body, "key");
        const value = optionalString(body, "value") ?? "";
        const resources = body.resources;
        if (!Array.isArray(resources) || resources.length === 0) {
            throw invalidField("resources", "a non-empty array of {uuid, type, source}", "« resources » doit lister au moins une ressource", `"resources" must list at least one resource`);
        }
        store.transaction(() => {
            for (const r of resources as Record<string, unknown>[]) {
                const uuid = requiredString(asBody(r), "uuid");
                store.put<Tag>("tag", { id: `${uuid}/${key}`, resource: uuid, key, value });
            }
        });
        return reply.code(201).send();
    });
    app.delete("/api/tag/v1/tags/resources/:id/keys/:key", async (req, reply) => {
        const { id, key } = req.params as Params;
        if (!store.delete("tag", `${id}/${key}`)) {
            throw notFound("Tag", "Étiquette", `${id}/${key}`);
        }
        return reply.code(200).send();
    });
}
