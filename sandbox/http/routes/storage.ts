// Object storage under /api/storage/object/v1. Buckets and storage accounts are addressed by name.
import { AccountCreate, BucketCreate, BucketVersioning, BucketWhitelist, params, query } from "../../domain/requests";
import { queryValue } from "../../domain/validate";
import { accepted, ApiContext, App } from "../context";

const base = "/api/storage/object/v1";
const byName = { schema: { params: params("name") } };

export function registerStorageRoutes(app: App, ctx: ApiContext): void {
    const { storage, accounts } = ctx;
    const store = ctx.platform.store;

    app.get(`${base}/namespaces`, async () => storage.namespace());
    app.post(`${base}/namespaces/access_key/renew`, async (_req, reply) => reply.code(201).send(await storage.renewGlobalKey()));

    app.get(`${base}/buckets`, async () =>
        Promise.all(store.list<Parameters<typeof storage.bucketView>[0]>("bucket").map((b) => storage.bucketView(b))),
    );
    app.post(`${base}/buckets`, { schema: { body: BucketCreate } }, async (req, reply) => accepted(reply, storage.create(req.body)));
    app.get(`${base}/buckets/:name`, byName, async (req) => storage.bucketView(storage.bucket(req.params.name)));
    app.delete(`${base}/buckets/:name`, byName, async (req, reply) => accepted(reply, storage.remove(req.params.name)));
    app.put(`${base}/buckets/:name/versioning`, { schema: { params: params("name"), body: BucketVersioning } }, async (req, reply) =>
        accepted(reply, storage.setVersioning(req.params.name, req.body.status)),
    );
    app.put(`${base}/buckets/:name/whitelist`, { schema: { params: params("name"), body: BucketWhitelist } }, async (req, reply) =>
        accepted(reply, storage.setWhitelist(req.params.name, req.body)),
    );
    app.get(`${base}/buckets/:name/storage_accounts`, byName, async (req) => accounts.bucketAccounts(req.params.name));
    app.get(`${base}/buckets/:name/files`, { schema: { params: params("name"), querystring: query("folderPath") } }, async (req) =>
        storage.files(req.params.name, queryValue(req.query, "folderPath")),
    );
    const grant = { schema: { params: params("name", "role", "account") } };
    app.post(`${base}/buckets/:name/grant/:role/to/:account`, grant, async (req, reply) =>
        accepted(reply, accounts.grant(req.params.name, req.params.role, req.params.account)),
    );
    app.delete(`${base}/buckets/:name/revoke/:role/to/:account`, grant, async (req, reply) =>
        accepted(reply, accounts.revoke(req.params.name, req.params.role, req.params.account)),
    );

    app.get(`${base}/storage_accounts`, async () =>
        store.list<Parameters<typeof accounts.accountView>[0]>("storageAccount").map((a) => accounts.accountView(a)),
    );
    // Synchronous: no activity; the keys are in the body, the secret only here.
    app.post(`${base}/storage_accounts`, { schema: { body: AccountCreate } }, async (req, reply) =>
        reply.code(201).send(await accounts.createAccount(req.body.name)),
    );
    app.get(`${base}/storage_accounts/:name`, byName, async (req) => accounts.accountView(accounts.account(req.params.name)));
    app.delete(`${base}/storage_accounts/:name`, byName, async (req, reply) => accepted(reply, accounts.removeAccount(req.params.name)));
    app.get(`${base}/storage_accounts/:name/buckets`, byName, async (req) => accounts.accountBuckets(req.params.name));

    app.get(`${base}/roles`, async () => accounts.roles());
}
