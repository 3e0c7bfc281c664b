// What stands in front of the API: per-IP and per-product rate limits with the documented 429 body,
// the one-per-second limit on identical requests (convention 7.2.2), and the IP allow-list.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { ApiClient, Reply } from "./client";
import { VirtualClock, startSandbox, virtualClock } from "../../support/sandbox";

const documented429 = { error: { status: "429 Too Many Requests", message: "Too Many Requests" } };
const tokenPath = "/api/iam/v2/auth/personal_access_token";

function assertDocumented429(r: Reply): void {
    assert.strictEqual(r.status, 429);
    assert.deepStrictEqual(r.json, documented429);
    assert.strictEqual(r.headers.get("retry-after"), "1");
}

describe("sandbox: rate limits, duplicate requests, IP allow-list", function () {
    let sandbox: Sandbox;
    let api: ApiClient;
    // The one-second windows run on a virtual clock: a burst falls in one window however long its
    // requests take to go through, and the next window starts when the test moves time on.
    let time: VirtualClock;

    before(async () => {
        time = virtualClock();
        sandbox = await startSandbox({ rateLimits: true, dedupe: false, clock: time.clock });
        api = new ApiClient(sandbox);
        await api.login();
    });
    after(async () => {
        await sandbox?.stop();
    });
    beforeEach(async () => {
        // A fresh one-second window for each test.
        await time.advance(1000);
    });

    it("answers 429 with the documented body past 25 requests per second on a product, and not on another product", async () => {
        const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => api.get(`/api/compute/v1/vcenters/networks?name=n${i}`)));
        const ok = burst.filter((r) => r.status === 200).length;
        const limited = burst.filter((r) => r.status === 429);
        assert.strictEqual(ok, 25, "25 accepted in the second");
        assert.strictEqual(limited.length, 15, "the rest refused");
        assertDocumented429(limited[0]);
        // Another product has its own budget.
        assert.strictEqual((await api.get("/api/backup/v1/spp/sites")).status, 200);
        await time.advance(1000);
        assert.strictEqual((await api.get("/api/compute/v1/vcenters/networks")).status, 200);
    });

    it("does not count refused requests against the limit", async () => {
        const refused = await Promise.all(
            Array.from({ length: 30 }, (_, i) => api.raw("GET", `/api/backup/v1/spp/policies?n=${i}`, undefined, false)),
        );
        assert.ok(
            refused.every((r) => r.status === 401),
            "all refused for the missing bearer, none for the rate",
        );
        const accepted = await Promise.all(Array.from({ length: 20 }, (_, i) => api.get(`/api/backup/v1/spp/policies?m=${i}`)));
        assert.ok(
            accepted.every((r) => r.status === 200),
            accepted.map((r) => r.status).join(","),
        );
    });

    it("limits the token exchange to 5 per second", async () => {
        const burst = await Promise.all(
            Array.from({ length: 8 }, () => api.raw("POST", tokenPath, { id: sandbox.clientId, secret: sandbox.secretId }, false)),
        );
        const ok = burst.filter((r) => r.status === 200).length;
        assert.strictEqual(ok, 5, "5 tokens in the second");
        assertDocumented429(burst.find((r) => r.status === 429) as Reply);
    });

    it("limits datastore reads to 20 per second", async () => {
        const burst = await Promise.all(Array.from({ length: 24 }, (_, i) => api.get(`/api/compute/v1/vcenters/datastores?name=d${i}`)));
        const ok = burst.filter((r) => r.status === 200).length;
        assert.strictEqual(ok, 20, "20 accepted in the second");
        assert.strictEqual(burst.filter((r) => r.status === 429).length, 4);
    });

    it("rejects an identical request repeated within one second, lets a retry after Retry-After through, and never throttles the token exchange as a duplicate", async () => {
        sandbox.setDedupe(true);
        try {
            const path = "/api/compute/v1/vcenters/virtual_datacenters?name=dc-az05-par7s";
            assert.strictEqual((await api.get(path)).status, 200);
            assertDocumented429(await api.get(path));
            // Not identical: another query.
            assert.strictEqual((await api.get("/api/compute/v1/vcenters/virtual_datacenters?name=dc-az06-th3s")).status, 200);
            // The token exchange is not throttled as a duplicate: the Terraform provider sends the same
            // exchange before nearly every call. Its own limit, 5 per second, applies (tested above).
            const body = { id: sandbox.clientId, secret: sandbox.secretId };
            await time.advance(1000);
            const exchanges = await Promise.all(Array.from({ length: 5 }, () => api.raw("POST", tokenPath, body, false)));
            assert.deepStrictEqual(
                exchanges.map((r) => r.status),
                [200, 200, 200, 200, 200],
            );
            await time.advance(1000);
            assert.strictEqual((await api.get(path)).status, 200);
        } finally {
            sandbox.setDedupe(false);
        }
    });

    it("answers 403 to addresses outside the tenant's authorised IPs, token exchange included", async () => {
        const put = (cidrs: string[]) =>
            fetch(`${sandbox.endpoint}/_admin/authorized_ips`, {
                method: "PUT",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ cidrs }),
            });
        assert.strictEqual((await put(["10.0.0.0/8"])).status, 200);
        try {
            const denied = await api.get("/api/iam/v2/tenants");
            assert.strictEqual(denied.status, 403);
            assert.match(denied.json.error.message, /127\.0\.0\.1/);
            assert.strictEqual((await api.raw("POST", tokenPath, { id: sandbox.clientId, secret: sandbox.secretId }, false)).status, 403);
            const bad = await put(["not-a-cidr"]);
            assert.strictEqual(bad.status, 400);
            assert.strictEqual(((await bad.json()) as { error: { field: string } }).error.field, "cidrs");
        } finally {
            assert.strictEqual((await put(["127.0.0.1/32", "::1/128"])).status, 200);
        }
        assert.strictEqual((await api.get("/api/iam/v2/tenants")).status, 200);
    });

    it("answers unknown routes with a JSON 404", async () => {
        const r = await api.get("/api/compute/v1/vcenters/virtual_switchs_nope");
        assert.strictEqual(r.status, 404);
        assert.strictEqual(r.json.error.status, "404 Not Found");
    });
});
