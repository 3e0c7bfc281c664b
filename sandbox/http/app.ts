// The HTTP server: fastify on loopback, the guards of the real API in one hook that runs before
// validation (an unauthenticated or throttled request never learns whether its body was right),
// requests validated by their route schemas, the API routes under /api and the admin routes under
// /_admin (loopback only, no guard).
import Fastify, { FastifyReply, FastifyRequest } from "fastify";
import { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { ApiError, errorBody, tooManyRequestsBody } from "../domain/errors";
import { verifyToken } from "../domain/jwt";
import { ApiContext, App } from "./context";
import { Deduper, isLoopback, rateBuckets } from "./guards";
import { registerAdminRoutes } from "./routes/admin";
import { registerBackupRoutes } from "./routes/backup";
import { registerComputeRoutes } from "./routes/compute";
import { registerIamRoutes, tokenPath } from "./routes/iam";
import { registerActivityAndTagRoutes } from "./routes/activity";
import { registerMarketplaceRoutes } from "./routes/marketplace";
import { registerStorageRoutes } from "./routes/storage";
import { compile, validationError } from "../domain/validation";

declare module "fastify" {
    interface FastifyRequest {
        rawBody?: string;
    }
}

function reject(reply: FastifyReply, status: number, body: unknown, retryAfter?: number): FastifyReply {
    if (retryAfter !== undefined) {
        reply.header("Retry-After", String(retryAfter));
    }
    return reply.code(status).send(body);
}

function bilingual(status: number, fr: string, en: string) {
    return errorBody(status, `${fr} / ${en}`);
}

export function buildApp(ctx: ApiContext): App {
    // forceCloseConnections: a restart must not wait for idle keep-alive sockets.
    const app = Fastify({
        logger: false,
        forceCloseConnections: true,
        bodyLimit: 1024 * 1024,
        schemaErrorFormatter: (errors, context) => validationError(errors, context),
        // A path parameter past fastify's 100 characters (414) or a malformed URL (400) gets the API's error body too.
        frameworkErrors: (err, req, reply) => {
            const status = err.statusCode ?? 400;
            const path = req.url.split("?")[0].slice(0, 120);
            const [fr, en] = status === 414 ? ["URI trop longue", "URI too long"] : ["URL invalide", "invalid URL"];
            (reply as FastifyReply).code(status).send(bilingual(status, `${fr} : ${path}`, `${en}: ${path}`));
        },
    }).withTypeProvider<TypeBoxTypeProvider>();
    app.setValidatorCompiler(({ schema }) => compile(schema as Parameters<typeof compile>[0]));

    // JSON bodies, kept raw too (for duplicate detection). An empty body is no body: Go clients
    // send `Content-Length: 0` on body-less POST and PATCH.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "string" }, (req, body, done) => {
        const text = typeof body === "string" ? body : body.toString("utf8");
        req.rawBody = text;
        if (text.trim() === "") {
            done(null, undefined);
            return;
        }
        try {
            done(null, JSON.parse(text));
        } catch {
            done(
                new ApiError(400, "corps JSON invalide", "invalid JSON body", {
                    field: "(body)",
                    allowed: "a JSON document",
                    code: "VALIDATION",
                }),
                undefined,
            );
        }
    });

    app.addHook("preValidation", async (req: FastifyRequest, reply: FastifyReply) => {
        const path = req.url.split("?")[0];
        if (path.startsWith("/_admin")) {
            if (!isLoopback(req.ip)) {
                return reject(
                    reply,
                    403,
                    bilingual(403, "point d'administration réservé à la boucle locale", "admin endpoint is loopback only"),
                );
            }
            await ctx.platform.activities.settle();
            return undefined;
        }
        if (!ctx.allowList.allows(req.ip)) {
            return reject(
                reply,
                403,
                bilingual(403, `adresse ${req.ip} non autorisée pour ce tenant`, `address ${req.ip} is not authorised for this tenant`),
            );
        }
        const buckets = rateBuckets(req.method, path);
        if (ctx.settings.rateLimits && !ctx.limiter.allows(req.ip, buckets, ctx.clock.now())) {
            return reject(reply, 429, tooManyRequestsBody, 1);
        }
        const faults = ctx.settings.faults;
        if (faults.errorRate5xx > 0 || faults.errorRate429 > 0) {
            const target = !faults.pathPattern || new RegExp(faults.pathPattern).test(`${req.method} ${path}`);
            if (target && Math.random() < faults.errorRate5xx) {
                return reject(
                    reply,
                    503,
                    bilingual(
                        503,
                        "service momentanément indisponible (panne injectée)",
                        "service temporarily unavailable (injected fault)",
                    ),
                );
            }
            if (target && Math.random() < faults.errorRate429) {
                return reject(reply, 429, tooManyRequestsBody, 1);
            }
        }
        if (!(req.method === "POST" && path === tokenPath)) {
            const header = req.headers.authorization ?? "";
            const token = /^Bearer (.+)$/.exec(header)?.[1];
            if (!token || !verifyToken(token, ctx.jwtKey, Math.floor(ctx.clock.now() / 1000))) {
                return reject(
                    reply,
                    401,
                    bilingual(401, "jeton d'accès absent, invalide ou expiré", "missing, invalid or expired bearer token"),
                );
            }
        }
        // The token exchange is governed by its own limit (5 r/s), not by the duplicate rule: clients
        // send the same exchange before nearly every call (see README, "Token exchange").
        const exchange = req.method === "POST" && path === tokenPath;
        if (
            ctx.settings.dedupe &&
            !exchange &&
            !ctx.deduper.tryAccept(Deduper.key(req.ip, req.method, req.url, req.rawBody ?? ""), ctx.clock.now())
        ) {
            return reject(reply, 429, tooManyRequestsBody, 1);
        }
        // Only accepted requests count against the limits ("failed requests do not count", DOCS api.md).
        if (ctx.settings.rateLimits) {
            ctx.limiter.record(req.ip, buckets, ctx.clock.now());
        }
        // Reads see every activity whose time is up.
        await ctx.platform.activities.settle();
        return undefined;
    });

    // The "lost answer" fault: a write went through, its answer does not reach the client.
    app.addHook("onSend", async (req, reply, payload) => {
        const rate = ctx.settings.faults.lostWriteResponseRate ?? 0;
        const path = req.url.split("?")[0];
        if (rate <= 0 || reply.statusCode !== 201 || !reply.hasHeader("location") || !path.startsWith("/api/")) {
            return payload;
        }
        const pattern = ctx.settings.faults.pathPattern;
        if ((pattern && !new RegExp(pattern).test(`${req.method} ${path}`)) || Math.random() >= rate) {
            return payload;
        }
        reply.removeHeader("location");
        reply.code(503).type("application/json; charset=utf-8");
        return JSON.stringify(
            bilingual(503, "réponse perdue après l'écriture (panne injectée)", "response lost after the write (injected fault)"),
        );
    });

    app.setErrorHandler((err: unknown, _req, reply) => {
        if (err instanceof ApiError) {
            return reply.code(err.statusCode).send(err.body());
        }
        const e = err as { statusCode?: number; message?: string };
        if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
            return reply.code(e.statusCode).send(errorBody(e.statusCode, `requête invalide / invalid request: ${e.message ?? ""}`));
        }
        return reply.code(500).send(errorBody(500, `erreur interne / internal error: ${e.message ?? String(err)}`));
    });

    app.setNotFoundHandler((req, reply) => {
        reply
            .code(404)
            .send(
                bilingual(
                    404,
                    `route inconnue ${req.method} ${req.url.split("?")[0]}`,
                    `unknown route ${req.method} ${req.url.split("?")[0]}`,
                ),
            );
    });

    registerIamRoutes(app, ctx);
    registerComputeRoutes(app, ctx);
    registerBackupRoutes(app, ctx);
    registerStorageRoutes(app, ctx);
    registerActivityAndTagRoutes(app, ctx);
    registerMarketplaceRoutes(app, ctx);
    registerAdminRoutes(app, ctx);
    return app;
}
