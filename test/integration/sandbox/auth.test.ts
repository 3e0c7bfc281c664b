// Token exchange and bearer checks, over real HTTP.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { ApiClient } from "./client";
import { VirtualClock, startSandbox, virtualClock } from "../../support/sandbox";

const tokenPath = "/api/iam/v2/auth/personal_access_token";

describe("sandbox: personal access token and bearer", function () {
    let sandbox: Sandbox;
    let api: ApiClient;
    // Tokens are issued and checked on a virtual clock, started on a whole second: a token is
    // valid until the test moves time past its lifetime, however slow the machine.
    let time: VirtualClock;

    before(async () => {
        time = virtualClock(Math.ceil(Date.now() / 1000) * 1000);
        sandbox = await startSandbox({ dedupe: false, tokenTtlSeconds: 2, clock: time.clock });
        api = new ApiClient(sandbox);
    });
    after(async () => {
        await sandbox?.stop();
    });

    it("answers the raw JWT, no JSON, no trailing newline, with the claims clients read", async () => {
        const r = await api.raw("POST", tokenPath, { id: sandbox.clientId, secret: sandbox.secretId }, false);
        assert.strictEqual(r.status, 200);
        assert.strictEqual(r.text, r.text.trim(), "no surrounding whitespace");
        const parts = r.text.split(".");
        assert.strictEqual(parts.length, 3);
        for (const seg of parts.slice(0, 2)) {
            assert.match(seg, /^[A-Za-z0-9_-]+$/, "unpadded base64url");
        }
        const header = JSON.parse(Buffer.from(parts[0], "base64url").toString());
        assert.strictEqual(header.alg, "HS256");
        const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString());
        assert.strictEqual(claims.scope.id, sandbox.tenant.id);
        assert.strictEqual(claims.companyId, sandbox.tenant.companyId);
        assert.strictEqual(typeof claims.userId, "string");
        assert.strictEqual(claims.exp - claims.iat, 2, "configured lifetime");
    });

    it("refuses wrong credentials and a missing field with JSON errors", async () => {
        const wrong = await api.raw("POST", tokenPath, { id: sandbox.clientId, secret: "nope" }, false);
        assert.strictEqual(wrong.status, 401);
        assert.match(wrong.json.error.message, /secret/);
        const missing = await api.raw("POST", tokenPath, { id: sandbox.clientId }, false);
        assert.strictEqual(missing.status, 400);
        assert.strictEqual(missing.json.error.field, "secret");
    });

    it("requires a valid bearer on every other call, and refuses it once expired", async () => {
        const none = await api.raw("GET", "/api/iam/v2/tenants", undefined, false);
        assert.strictEqual(none.status, 401);
        const forged = await api.raw("GET", "/api/iam/v2/tenants", undefined, false, { authorization: "Bearer a.b.c" });
        assert.strictEqual(forged.status, 401);
        await api.login();
        const tenants = await api.ok("/api/iam/v2/tenants");
        assert.deepStrictEqual(tenants, [
            { id: sandbox.tenant.id, name: "secure-temple-demo", snc: true, companyId: sandbox.tenant.companyId },
        ]);
        await time.advance(1999);
        assert.strictEqual((await api.get("/api/iam/v2/tenants")).status, 200, "valid until its 2 s are up");
        await time.advance(1);
        const expired = await api.get("/api/iam/v2/tenants");
        assert.strictEqual(expired.status, 401);
    });

    it("lists the authorised IPs of the tenant (extension), loopback included", async () => {
        await api.login();
        const ips = await api.ok("/api/iam/v2/authorized_ips");
        const cidrs = ips.map((i: { cidr: string }) => i.cidr);
        assert.ok(cidrs.includes("127.0.0.1/32") && cidrs.includes("::1/128"), cidrs.join(","));
    });
});
