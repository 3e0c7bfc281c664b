// IAM: the personal-access-token exchange, tenants, the IAM roles, and the tenant's authorised IPs.
import { ApiError, notFound } from "../../domain/errors";
import { sameSecret, signToken } from "../../domain/jwt";
import { AuthorizedIp } from "../../domain/model";
import { params, TokenExchange } from "../../domain/requests";
import { tenantView } from "../../domain/views";
import { ApiContext, App } from "../context";

export const tokenPath = "/api/iam/v2/auth/personal_access_token";

export function registerIamRoutes(app: App, ctx: ApiContext): void {
    // The body is the raw JWT: not JSON, not quoted, no trailing newline (Go refuses a header value with one).
    app.post(tokenPath, { schema: { body: TokenExchange } }, async (req, reply) => {
        const { id, secret } = req.body;
        if (!sameSecret(id, ctx.credentials.clientId) || !sameSecret(secret, ctx.credentials.secretId)) {
            throw new ApiError(
                401,
                "identifiant ou secret du jeton d'accès personnel incorrect",
                "wrong personal access token id or secret",
                { code: "UNAUTHORIZED" },
            );
        }
        const tenant = ctx.platform.tenant();
        const now = Math.floor(ctx.clock.now() / 1000);
        const token = signToken(
            {
                iss: "securetemple-sandbox",
                sub: tenant.userId,
                iat: now,
                exp: now + ctx.settings.tokenTtlSeconds,
                userId: tenant.userId,
                companyId: tenant.companyId,
                tenantId: tenant.id,
                scope: { id: tenant.id, name: tenant.name },
            },
            ctx.jwtKey,
        );
        return reply.code(200).type("text/plain; charset=utf-8").send(token);
    });

    app.get("/api/iam/v2/tenants", async () => [tenantView(ctx.platform.tenant())]);

    // The roles that can be granted to a user or a token: the permissions of the platform.
    app.get("/api/iam/v2/roles", async () => ctx.iamRoles.list());
    app.get("/api/iam/v2/roles/:id", { schema: { params: params("id") } }, async (req) => {
        const role = ctx.iamRoles.list().find((r) => r.id === req.params.id);
        if (!role) {
            throw notFound("Role", "Rôle", req.params.id);
        }
        return role;
    });

    // Sandbox extension: the real API exposes the authorised IPs only in the console.
    app.get("/api/iam/v2/authorized_ips", async () =>
        ctx.platform.store.list<AuthorizedIp>("authorizedIp").map((ip) => ({ id: ip.id, cidr: ip.cidr, description: ip.description })),
    );
}
