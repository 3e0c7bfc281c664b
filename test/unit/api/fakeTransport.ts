// A scripted stand-in for the HTTP transport: routes by "METHOD /path" (query string ignored
// unless the route names it), records every request with the time it was sent.
import { HttpRequest, HttpResponse, Transport, TransportError } from "../../../provider/api";

export type Handler = (request: HttpRequest, path: string) => HttpResponse | Promise<HttpResponse> | "drop";

export interface Recorded extends HttpRequest {
    path: string;
    at: number;
}

/** A JWT whose payload holds `exp` seconds from now (signature not checked by the client). */
export function fakeJwt(expiresInSeconds = 300): string {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    return `${b64({ alg: "HS256", typ: "JWT" })}.${b64({ exp: Math.floor(Date.now() / 1000) + expiresInSeconds, userId: "u", companyId: "c", scope: { id: "t" } })}.c2ln`;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
});

export const accepted = (activityId: string): HttpResponse => ({ status: 201, headers: { location: activityId }, body: "" });

export class FakeApi {
    readonly requests: Recorded[] = [];
    private readonly routes: [string, Handler][] = [];

    constructor() {
        this.on("POST /api/iam/v2/auth/personal_access_token", () => ({ status: 200, headers: {}, body: fakeJwt() }));
    }

    /** Adds (or replaces) the handler of "METHOD /api/path" (prefix match on the path, longest wins). */
    on(route: string, handler: Handler): this {
        const index = this.routes.findIndex(([r]) => r === route);
        if (index >= 0) {
            this.routes.splice(index, 1);
        }
        this.routes.push([route, handler]);
        return this;
    }

    /** Requests to a route, token exchanges left out unless asked for. */
    sent(route: string): Recorded[] {
        const [method, path] = route.split(" ");
        return this.requests.filter((r) => r.method === method && r.path === path);
    }

    readonly transport: Transport = async (request) => {
        const url = new URL(request.url);
        const path = url.pathname;
        this.requests.push({ ...request, path, at: Date.now() });
        const key = `${request.method} ${path}`;
        const withQuery = `${request.method} ${path}${url.search}`;
        const match = this.routes
            .filter(([route]) => withQuery === route || key === route || key.startsWith(`${route}/`))
            .sort((a, b) => b[0].length - a[0].length)[0];
        if (!match) {
            return json(404, { error: { status: 404, message: `no route ${key}` } });
        }
        const result = await match[1](request, path);
        if (result === "drop") {
            throw new TransportError(`${key}: socket hang up`);
        }
        return result;
    };
}

/** Options that make a client fast under test: tiny poll interval and retry delays, loose budget. */
export const fastClientOptions = {
    endpoint: "http://sandbox.test",
    clientId: "client-id",
    secretId: "very-secret-value",
    poll: { initialMs: 5, capMs: 20 },
    retry: { baseMs: 5, capMs: 20 },
    limits: { defaultPerSecond: 10_000, products: {}, headroom: 1, identicalRequestSpacingMs: 0 },
    // The process's own budget: a unit test never shares one with other processes.
    sharedBudget: false,
    random: () => 0.999,
};
