// Marketplace (/api/marketplace/v1): the catalogue, read-only (deployments are not emulated).
import { notFound } from "../../domain/errors";
import { params } from "../../domain/requests";
import { ApiContext, App } from "../context";

const base = "/api/marketplace/v1/items";

export function registerMarketplaceRoutes(app: App, ctx: ApiContext): void {
    const item = (id: string) => {
        const found = ctx.marketplace.items().find((i) => i.id === id);
        if (!found) {
            throw notFound("Marketplace item", "Élément de la place de marché", id);
        }
        return found;
    };
    app.get(base, async () => ctx.marketplace.items());
    app.get(`${base}/:id`, { schema: { params: params("id") } }, async (req) => item(req.params.id));
    app.get(`${base}/:id/vmware/info`, { schema: { params: params("id") } }, async (req) =>
        ctx.marketplace.vmwareInfo(item(req.params.id)),
    );
}
