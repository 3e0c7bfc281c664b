// A small HTTP client of the sandbox for its integration tests: the token exchange, requests with
// the bearer, activity polling. Deliberately plain fetch, so that tests see the wire as it is.
import * as assert from "assert";
import type { Sandbox } from "../../../sandbox";

export interface Reply {
    status: number;
    headers: Headers;
    text: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    json: any;
}

export class ApiClient {
    private token?: string;

    constructor(readonly sandbox: Sandbox) {}

    async login(): Promise<string> {
        const res = await this.raw(
            "POST",
            "/api/iam/v2/auth/personal_access_token",
            { id: this.sandbox.clientId, secret: this.sandbox.secretId },
            false,
        );
        assert.strictEqual(res.status, 200, res.text);
        this.token = res.text;
        return res.text;
    }

    async raw(method: string, path: string, body?: unknown, auth = true, headers: Record<string, string> = {}): Promise<Reply> {
        if (auth && !this.token) {
            await this.login();
        }
        const res = await this.send(method, path, body, auth, headers);
        const text = await res.text();
        let json: unknown;
        try {
            json = text ? JSON.parse(text) : undefined;
        } catch {
            json = undefined;
        }
        return { status: res.status, headers: res.headers, text, json };
    }

    /** Reads are retried once on a transport error (a keep-alive socket cut by a restart), as the Go client does. */
    private async send(method: string, path: string, body: unknown, auth: boolean, headers: Record<string, string>): Promise<Response> {
        const init: RequestInit = {
            method,
            headers: {
                ...(body !== undefined ? { "content-type": "application/json" } : {}),
                ...(auth ? { authorization: `Bearer ${this.token}` } : {}),
                ...headers,
            },
            // Go's encoder ends bodies with a newline; so do we.
            body: body !== undefined ? `${JSON.stringify(body)}\n` : undefined,
        };
        try {
            return await fetch(`${this.sandbox.endpoint}${path}`, init);
        } catch (err) {
            if (method !== "GET") {
                throw err;
            }
            return fetch(`${this.sandbox.endpoint}${path}`, init);
        }
    }

    get(path: string): Promise<Reply> {
        return this.raw("GET", path);
    }

    /** GET that must answer 200; returns the JSON. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async ok(path: string): Promise<any> {
        const r = await this.get(path);
        assert.strictEqual(r.status, 200, `${path}: ${r.text}`);
        return r.json;
    }

    /** A write that must be accepted: 201 with a bare activity id in Location. Returns the id. */
    async write(method: string, path: string, body?: unknown): Promise<string> {
        const r = await this.raw(method, path, body);
        assert.strictEqual(r.status, 201, `${method} ${path}: ${r.text}`);
        const location = r.headers.get("location");
        assert.ok(location && /^[0-9a-f-]{36}$/.test(location), `Location should be a bare id, got ${location}`);
        return location;
    }

    /** Polls an activity until it leaves waiting/running; returns the final activity. The limit only guards against a hang. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async wait(activityId: string, timeoutMs = 60_000): Promise<any> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const a = await this.ok(`/api/activity/v1/activities/${activityId}`);
            const keys = Object.keys(a.state);
            assert.strictEqual(keys.length, 1, "state has exactly one key");
            if (keys[0] === "completed" || keys[0] === "failed") {
                return a;
            }
            if (Date.now() > deadline) {
                throw new Error(`activity ${activityId} still ${keys[0]}`);
            }
            await new Promise((r) => setTimeout(r, 20));
        }
    }

    /** A write, then its activity, which must complete; returns `state.completed.result`. */
    async run(method: string, path: string, body?: unknown): Promise<string> {
        const a = await this.wait(await this.write(method, path, body));
        assert.ok(a.state.completed, `activity failed: ${JSON.stringify(a.state)}`);
        return a.state.completed.result as string;
    }

    /** A 400 whose JSON error names `field`. */
    async rejects(method: string, path: string, body: unknown, field: string, code?: string): Promise<Reply> {
        const r = await this.raw(method, path, body);
        assert.strictEqual(r.status, 400, `${method} ${path} should be 400: ${r.status} ${r.text}`);
        assert.strictEqual(r.json?.error?.field, field, r.text);
        assert.match(r.json.error.message, / \/ /, "message in French / English");
        if (code) {
            assert.strictEqual(r.json.error.code, code, r.text);
        }
        return r;
    }
}

/** Body of a VM create in the default seed, AZ05, with overrides. */
export function vmBody(sandbox: Sandbox, name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const ids = sandbox.ids();
    return {
        datacenterId: ids.datacenter["dc-az05-par7s"],
        hostClusterId: ids.hostCluster["clu001-az05-standard"],
        datastoreId: ids.datastore["ds-az05-premium-01"],
        name,
        memory: 2 * 1024 ** 3,
        cpu: 2,
        guestOperatingSystemMoref: "ubuntu64Guest",
        ...overrides,
    };
}

export const vmPath = "/api/compute/v1/vcenters/virtual_machines";
