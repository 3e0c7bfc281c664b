// The API client against the sandbox's real rate limiter and identical-request guard: the
// budget keeps a burst under the limits (no 429 at all); without it the sandbox throttles and
// the read retries still get every answer.
import * as assert from "assert";
import { ApiClient } from "../../../provider/api/client";
import { documentedLimits } from "../../../provider/api/budget";
import * as compute from "../../../provider/api/compute";
import { Sandbox } from "../../../sandbox";
import { startSandbox } from "../../support/sandbox";

describe("api client against the sandbox's rate limits", function () {
    this.timeout(120_000);
    let sandbox: Sandbox;

    before(async () => {
        sandbox = await startSandbox({ rateLimits: true, dedupe: true });
    });

    after(async () => {
        await sandbox?.stop();
    });

    const clientWith = (limits: Partial<typeof documentedLimits>) =>
        new ApiClient({
            endpoint: sandbox.endpoint,
            clientId: sandbox.clientId,
            secretId: sandbox.secretId,
            limits,
            retry: { attempts: 8, baseMs: 200, capMs: 2_000 },
        });

    const burst = (client: ApiClient, n: number) =>
        Promise.all(Array.from({ length: n }, (_, i) => compute.listHostClusters(client, `cluster-${i}`)));

    it("sends a burst of 60 reads without a single 429 under the documented budget", async () => {
        const client = clientWith({});
        await burst(client, 60);
        assert.strictEqual(client.stats.throttled, 0);
        assert.strictEqual(client.stats.retries, 0);
        await client.close();
    });

    it("gets every answer through retries when the budget is lifted and the sandbox throttles", async () => {
        await new Promise((r) => setTimeout(r, 1_100));
        const client = clientWith({ defaultPerSecond: 10_000, products: {}, headroom: 1 });
        const results = await burst(client, 60);
        assert.strictEqual(results.length, 60);
        assert.ok(client.stats.throttled > 0, "the sandbox answered 429 to the unbudgeted burst");
        assert.ok(client.stats.retries >= client.stats.throttled);
        await client.close();
    });

    it("spaces identical requests by a second, so the sandbox never rejects them", async () => {
        await new Promise((r) => setTimeout(r, 1_100));
        const client = clientWith({});
        const jobs = await client.list<{ id: string; name: string }>("/backup/v1/spp/jobs", { type: "catalog" });
        const jobId = jobs.find((j) => j.name === "Hypervisor Inventory")?.id;
        assert.ok(jobId);
        const runJob = () => client.run("POST", "/backup/v1/spp/jobs/run", { jobId }, { operation: "run the inventory job" });
        const runsBefore = (sandbox.listActivities() as { op: string }[]).filter((a) => a.op === "backup.runJob").length;
        for (let i = 0; i < 3; i++) {
            await runJob();
        }
        // The sandbox rejects an identical write within a second with 429: none was, all three ran.
        assert.strictEqual(client.stats.throttled, 0);
        assert.strictEqual((sandbox.listActivities() as { op: string }[]).filter((a) => a.op === "backup.runJob").length - runsBefore, 3);
        // Identical reads asked together share one request. (Answering an identical read from
        // an answer less than a second old depends on how fast that answer came: the unit tests
        // check it on a virtual clock.)
        const sent = client.stats.requests;
        await Promise.all([0, 1].map(() => compute.listHostClusters(client, "clu001-az05-standard")));
        assert.strictEqual(client.stats.requests, sent + 1);
        assert.strictEqual(client.stats.joinedReads, 1);
        // Once an activity has ended the answer may be stale: the read goes out again, after the
        // spacing if need be, and identical reads asked while it waits for its turn share it.
        await runJob();
        await Promise.all([0, 1, 2].map(() => compute.listHostClusters(client, "clu001-az05-standard")));
        assert.strictEqual(client.stats.joinedReads, 3);
        assert.strictEqual(client.stats.throttled, 0);
        await client.close();
    });
});
