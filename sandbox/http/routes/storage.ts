// Object storage under /api/storage/object/v1. Buckets and storage accounts are addressed by name.
import { FastifyInstance } from "fastify";
import { queryValue } from "../../domain/validate";
import { accepted, ApiContext, Params } from "../context";

const base = "/api/storage/object/v1";

export function registerStorageRoutes(app: FastifyInstance, ctx: ApiContext): void {
    const { storage } = ctx;
    const store = ctx.platform.store;

    app.get(`${base}/namespaces`, async () => storage.namespace());
    app.post(`${base}/namespaces/access_key/renew`, async (_req, reply) => reply.code(201).send(await storage.renewGlobalKey()));

    app.get(`${base}/buckets`, async () => Promise.all(store.list<Parameters<typeof storage.bucketView>[0]>("bucket").map((b) => storage.bucketView(b))));
    app.post(`${base}/buckets`, async (req, reply) => accepted(reply, storage.create(req.body)));
    app.get(`${base}/buckets/:name`, async (req) => storage.bucketView(storage.bucket((req.params as Params).name)));
    app.delete(`${base}/buckets/:name`, async (req, reply) => accepted(reply, storage.remove((req.params as Params).name)));
    app.put(`${base}/buckets/:name/versioning`, async (req, reply) => accepted(reply, storage.setVersioning((req.params as Params).name, req.body)));
    app.put(`${base}/buckets/:name/whitelist`, async (req, reply) => accepted(reply, storage.setWhitelist((req.params as Params).name, req.body)));
    app.get(`${base}/buckets/:name/storage_accounts`, async (req) => storage.bucketAccounts((req.params as Params).name));
    app.get(`${base}/buckets/:name/files`, async (req) => storage.files((req.params as Params).name, queryValue(req.query, "folderPath")));
    app.post(`${base}/buckets/:name/grant/:role/to/:account`, async (req, reply) => {
        const p = req.params as Params;
        return accepted(reply, storage.grant(p.name, p.role, p.account));
    });
    app.delete(`${base}/buckets/:name/revoke/:role/to/:account`, async (req, reply) => {
        const p = req.params as Params;
        return accepted(reply, storage.revoke(p.name, p.role, p.account));
    });

    app.get(`${base}/storage_accounts`, async () => store.list<Parameters<typeof storage.accountView>[0]>("storageAccount").map((a) => storage.accountView(a)));
    // Synchronous: no activity; the keys are in the body, the secret only here.
    app.post(`${base}/storage_accounts`, async (req, reply) => reply.code(201).send(await storage.createAccount(req.body)));
    app.get(`${base}/storage_accounts/:name`, async (req) => storage.accountView(storage.account((req.params as Params).name)));
    app.delete(`${base}/storage_accounts/:name`, async (req, reply) => accepted(reply, storage.removeAccount((req.params as Params).name)));
    app.get(`${base}/storage_accounts/:name/buckets`, async (req) => storage.accountBuckets((req.params as Params).name));

    app.get(`${base}/roles`, async () => storage.roles());
}
