import * as assert from "assert";
import { ActivityError, ApiClient, ApiError, backup, createAdopting, compute } from "../../../provider/api";
import { until, useFakeClock } from "./fakeClock";
import { FakeApi, accepted, fakeJwt, fastClientOptions, json } from "./fakeTransport";

const activity = (id: string, state: object, concernedItems: object[] = []) =>
    json(200, { id, state, concernedItems, creationDate: "2026-11-29T10:00:00Z" });

const gapsOf = (sends: { at: number }[]) => sends.slice(1).map((r, i) => r.at - sends[i].at);

function client(api: FakeApi, extra: object = {}) {
    return new ApiClient({ ...fastClientOptions, transport: api.transport, ...extra });
}

describe("api client", () => {
    const clock = useFakeClock();

    it("exchanges the personal access token once and sends the bearer on every call", async () => {
        const api = new FakeApi().on("GET /api/iam/v2/tenants", () => json(200, [{ id: "t1", name: "T" }]));
        const c = client(api);
        await Promise.all([
            c.get("/iam/v2/tenants", { page: 1 }),
            c.get("/iam/v2/tenants", { page: 2 }),
            c.get("/iam/v2/tenants", { page: 3 }),
        ]);
        const exchanges = api.sent("POST /api/iam/v2/auth/personal_access_token");
        assert.strictEqual(exchanges.length, 1);
        assert.deepStrictEqual(JSON.parse(exchanges[0].body ?? ""), { id: "client-id", secret: "very-secret-value" });
        const reads = api.sent("GET /api/iam/v2/tenants");
        assert.strictEqual(reads.length, 3);
        assert.ok(reads.every((r) => /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(r.headers.Authorization)));
    });

    it("refreshes the token before it expires", async () => {
        const api = new FakeApi()
            .on("POST /api/iam/v2/auth/personal_access_token", () => ({ status: 200, headers: {}, body: fakeJwt(1) }))
            .on("GET /api/iam/v2/tenants", () => json(200, []));
        const c = client(api);
        await c.get("/iam/v2/tenants");
        await c.get("/iam/v2/tenants");
        const exchanges = () => api.sent("POST /api/iam/v2/auth/personal_access_token");
        const issuedAt = exchanges()[0].at;
        // A 1-second token is refreshed at half its life. The clock is virtual (the token's `exp`
        // and the client's clock alike): these instants are exact whatever the load.
        await clock().tickAsync(issuedAt + 499 - Date.now());
        await c.get("/iam/v2/tenants");
        assert.strictEqual(exchanges().length, 1, "still the first token 499 ms in");
        await clock().tickAsync(issuedAt + 500 - Date.now());
        await c.get("/iam/v2/tenants");
        assert.strictEqual(exchanges().length, 2, "a fresh one at half its life");
        assert.strictEqual(exchanges()[1].at, issuedAt + 500);
    });

    it("never shows the secret in errors or serialisations", async () => {
        const api = new FakeApi().on("POST /api/iam/v2/auth/personal_access_token", () =>
            json(401, { error: { message: "bad credentials" } }),
        );
        const c = client(api);
        await assert.rejects(c.get("/iam/v2/tenants"), (err: Error) => {
            assert.match(err.message, /bad credentials/);
            assert.match(err.message, /HTTP 401/);
            assert.doesNotMatch(err.message, /very-secret-value/);
            return true;
        });
        assert.doesNotMatch(JSON.stringify({ c }), /very-secret-value/);
    });

    it("retries a read on 429 and 5xx, honouring Retry-After", async () => {
        let calls = 0;
        const api = new FakeApi().on("GET /api/compute/v1/vcenters/host_clusters", () => {
            calls += 1;
            if (calls === 1) {
                return json(429, { error: { status: 429, message: "slow down" } }, { "retry-after": "0.2" });
            }
            if (calls === 2) {
                return json(503, { error: { message: "busy" } });
            }
            return json(200, [{ id: "h1", name: "clu001" }]);
        });
        const c = client(api);
        const clusters = await compute.listHostClusters(c);
        assert.deepStrictEqual(
            clusters.map((h) => h.id),
            ["h1"],
        );
        const sends = api.sent("GET /api/compute/v1/vcenters/host_clusters");
        assert.strictEqual(sends.length, 3);
        // Retry-After (200 ms) plus the jitter (random 0.999 of 250 ms); then the 5xx back-off (5 ms base, jitter).
        assert.strictEqual(sends[1].at - sends[0].at, 200 + 250);
        assert.strictEqual(sends[2].at - sends[1].at, 5);
        assert.strictEqual(c.stats.throttled, 1);
        assert.strictEqual(c.stats.retries, 2);
    });

    it("joins identical GETs still waiting for their turn, and never merges writes", async () => {
        const api = new FakeApi()
            .on("GET /api/backup/v1/spp/policies", () => json(200, [{ id: "p1", name: "daily" }]))
            .on("POST /api/backup/v1/spp/jobs/run", () => accepted("act"));
        const c = client(api, { limits: { ...fastClientOptions.limits, identicalRequestSpacingMs: 100 } });
        const first = c.get("/backup/v1/spp/policies");
        await until(() => api.sent("GET /api/backup/v1/spp/policies").length > 0);
        // A write to the same product: the first answer may be stale, so the next reads go out again.
        await c.startWrite("POST", "/backup/v1/spp/jobs/run", { jobId: "j" }, "run job");
        // The first has left; these two wait for the spacing and share one request.
        const [a, b] = await Promise.all([c.get("/backup/v1/spp/policies"), c.get("/backup/v1/spp/policies"), first]);
        assert.deepStrictEqual(a, b);
        assert.strictEqual(api.sent("GET /api/backup/v1/spp/policies").length, 2);
        assert.strictEqual(c.stats.joinedReads, 1);
        await Promise.all([1, 2].map(() => c.startWrite("POST", "/backup/v1/spp/jobs/run", { jobId: "j" }, "run job")));
        assert.strictEqual(api.sent("POST /api/backup/v1/spp/jobs/run").length, 3);
    });

    it("answers an identical GET sent within the spacing from the last answer, unless this client changed that product since", async () => {
        let version = 1;
        const api = new FakeApi()
            .on("GET /api/backup/v1/spp/policies", () => json(200, [{ id: "p1", name: `daily-v${version}` }]))
            .on("GET /api/compute/v1/vcenters/host_clusters", () => json(200, [{ id: "h1", name: `clu-v${version}` }]))
            .on("POST /api/compute/v1/vcenters/virtual_machines", () => accepted("act-vm"));
        const c = client(api, { limits: { ...fastClientOptions.limits, identicalRequestSpacingMs: 400 } });
        const policies = () => c.list<{ name: string }>("/backup/v1/spp/policies");
        const clusters = () => c.list<{ name: string }>("/compute/v1/vcenters/host_clusters");
        assert.strictEqual((await policies())[0].name, "daily-v1");
        assert.strictEqual((await clusters())[0].name, "clu-v1");
        version = 2;
        // Within the spacing and nothing changed: the same answer at once, no second request.
        assert.strictEqual((await policies())[0].name, "daily-v1");
        assert.strictEqual(c.stats.reusedReads, 1);
        // A compute write makes compute answers stale, not backup ones.
        await c.startWrite("POST", "/compute/v1/vcenters/virtual_machines", { name: "x" }, "create");
        assert.strictEqual((await policies())[0].name, "daily-v1");
        const fresh = clusters();
        // The compute read is sent again, after the spacing (identical request): not at once.
        const writtenAt = Date.now();
        assert.strictEqual((await fresh)[0].name, "clu-v2");
        const resent = api.sent("GET /api/compute/v1/vcenters/host_clusters");
        assert.strictEqual(resent[1].at - resent[0].at, 400);
        assert.ok(resent[1].at > writtenAt);
        assert.strictEqual(api.sent("GET /api/compute/v1/vcenters/host_clusters").length, 2);
        assert.strictEqual(api.sent("GET /api/backup/v1/spp/policies").length, 1);
        // Past the spacing, the backup read is sent again too.
        await new Promise((r) => setTimeout(r, 400));
        assert.strictEqual((await policies())[0].name, "daily-v2");
        // A poll (fresh) is never answered from the last answer: it waits for the spacing and goes out.
        version = 3;
        assert.strictEqual((await c.list<{ name: string }>("/backup/v1/spp/policies", undefined, { fresh: true }))[0].name, "daily-v3");
        assert.strictEqual(api.sent("GET /api/backup/v1/spp/policies").length, 3);
    });

    it("never answers an activity poll from the previous read, even within the spacing", async () => {
        let polls = 0;
        const api = new FakeApi().on("GET /api/activity/v1/activities/act-p", () =>
            ++polls < 3
                ? activity("act-p", { running: { status: "running", progression: 99 } })
                : activity("act-p", { completed: { result: "" } }),
        );
        const c = client(api, { limits: { ...fastClientOptions.limits, identicalRequestSpacingMs: 30 } });
        await c.waitForActivity("act-p", { operation: "wait" });
        assert.strictEqual(c.stats.reusedReads, 0);
        assert.strictEqual(api.sent("GET /api/activity/v1/activities/act-p").length, 3);
    });

    it("reads an activity again when a peer of the same kind has said it takes longer than the first step", async () => {
        let pollsOfFirst = 0;
        const api = new FakeApi()
            .on("PATCH /api/compute/v1/vcenters/virtual_machines/power", (r) => accepted(JSON.parse(r.body ?? "").id))
            .on("GET /api/activity/v1/activities/first", () => {
                pollsOfFirst += 1;
                // Waited 0 s, then 10 % of its run after one short step: the whole takes ten steps or more.
                return pollsOfFirst === 1
                    ? activity("first", { running: { status: "running", startDate: "2026-11-29T10:00:00Z", progression: 10 } })
                    : activity("first", { completed: { result: "" } });
            })
            .on("GET /api/activity/v1/activities/second", () => activity("second", { completed: { result: "" } }));
        const c = client(api, { poll: { initialMs: 20, capMs: 2_000 } });
        const power = (id: string) =>
            c.run("PATCH", "/compute/v1/vcenters/virtual_machines/power", { id, powerAction: "on" }, { operation: `power ${id}` });
        const first = power("first");
        await until(() => pollsOfFirst > 0);
        const second = power("second");
        const writtenAt = Date.now();
        await Promise.all([first, second]);
        const firstPoll = api.sent("GET /api/activity/v1/activities/second")[0].at - writtenAt;
        // The schedule's first step is 20 ms; the peer, 10 % done after 20 ms of running, foretold 200 ms (and 50 ms of margin).
        assert.strictEqual(firstPoll, 250);
    });

    it("keeps sending a token exchange refused with 429 (one address, many clients) until it passes, however many attempts that takes", async () => {
        let refusals = 8;
        const api = new FakeApi()
            .on("POST /api/iam/v2/auth/personal_access_token", () =>
                refusals-- > 0
                    ? json(429, { error: { status: "429 Too Many Requests", message: "Too Many Requests" } }, { "retry-after": "1" })
                    : { status: 200, headers: {}, body: fakeJwt() },
            )
            .on("GET /api/iam/v2/tenants", () => json(200, []));
        const c = client(api, { retry: { attempts: 3, baseMs: 5, capMs: 20 } });
        const started = Date.now();
        assert.deepStrictEqual(await c.get("/iam/v2/tenants"), []);
        const exchanges = api.sent("POST /api/iam/v2/auth/personal_access_token");
        assert.strictEqual(exchanges.length, 9, "more than the 3 attempts of a failing read");
        // Each one after Retry-After (1 s) plus a jitter of up to 500 ms.
        assert.ok(
            gapsOf(exchanges).every((g) => g >= 1000 && g <= 1500),
            `${gapsOf(exchanges)}`,
        );
        assert.ok(Date.now() - started < 8 * 1500 + 100);
    });

    it("fails a request refused with 429 for longer than the throttle wait with one sentence saying why", async () => {
        const api = new FakeApi().on("GET /api/compute/v1/vcenters/host_clusters", () =>
            json(429, { error: { status: "429 Too Many Requests", message: "Too Many Requests" } }, { "retry-after": "1" }),
        );
        const c = client(api, { throttleWaitMs: 10_000 });
        await assert.rejects(compute.listHostClusters(c), (err: ApiError) => {
            assert.strictEqual(err.status, 429);
            assert.match(
                err.message,
                /^FR : .* \/ EN: list host clusters failed \(HTTP 429\): Too Many Requests: refused \d+ times over \d+ s by the rate limits of compute, which count every client behind this address/,
            );
            return true;
        });
        const sends = api.sent("GET /api/compute/v1/vcenters/host_clusters");
        assert.ok(sends.length >= 7 && sends.length <= 11, `${sends.length} sends in 10 s`);
        assert.ok(sends[sends.length - 1].at - sends[0].at <= 10_000);
    });

    it("keeps polling an activity through 429 answers, which are no errors of the activity", async () => {
        let polls = 0;
        const api = new FakeApi().on("GET /api/activity/v1/activities/a6", () =>
            ++polls <= 12
                ? json(429, { error: { message: "Too Many Requests" } }, { "retry-after": "1" })
                : activity("a6", { completed: { result: "r" } }),
        );
        const c = client(api, { pollTransientTolerance: 2 });
        const done = await c.waitForActivity("a6", { operation: "op" });
        assert.strictEqual(done.state.completed?.result, "r");
        assert.strictEqual(polls, 13);
    });

    it("after a 429 sends nothing more to that product before Retry-After, then spaces it wider; other products go on", async () => {
        let first = true;
        const api = new FakeApi()
            .on("GET /api/compute/v1/vcenters/host_clusters", () =>
                first ? ((first = false), json(429, { error: { message: "slow" } }, { "retry-after": "2" })) : json(200, []),
            )
            .on("GET /api/compute/v1/vcenters/datastores", () => json(200, []))
            .on("GET /api/backup/v1/spp/policies", () => json(200, []));
        const c = client(api, { limits: { defaultPerSecond: 10, products: {}, headroom: 1, identicalRequestSpacingMs: 0 } });
        const clusters = compute.listHostClusters(c);
        await until(() => c.stats.throttled === 1);
        const refusedAt = api.sent("GET /api/compute/v1/vcenters/host_clusters")[0].at;
        await Promise.all([clusters, ...[1, 2, 3].map((i) => compute.listDatastores(c, `ds-${i}`)), backup.listBackupPolicies(c)]);
        const datastores = api.sent("GET /api/compute/v1/vcenters/datastores").map((r) => r.at - refusedAt);
        // Nothing before Retry-After (2 s); then 10/s (100 ms) widened to 150 ms, shrinking back.
        assert.strictEqual(datastores[0], 2000);
        assert.strictEqual(datastores[1] - datastores[0], 150);
        assert.ok(datastores[2] - datastores[1] < 150 && datastores[2] - datastores[1] >= 100);
        assert.strictEqual(api.sent("GET /api/backup/v1/spp/policies")[0].at - refusedAt, 1, "another product is not slowed down");
        // The refused read: Retry-After (2 s) plus the jitter (0.999 of 1 s).
        assert.strictEqual(api.sent("GET /api/compute/v1/vcenters/host_clusters")[1].at - refusedAt, 2000 + 999);
    });

    it("gives up a read after the configured attempts with the API message and status", async () => {
        const api = new FakeApi().on("GET /api/compute/v1/vcenters/host_clusters", () => json(502, { error: { message: "Bad Gateway" } }));
        const c = client(api, { retry: { attempts: 3, baseMs: 1, capMs: 2 } });
        await assert.rejects(compute.listHostClusters(c), /HTTP 502.*Bad Gateway/);
        assert.strictEqual(api.sent("GET /api/compute/v1/vcenters/host_clusters").length, 3);
    });

    it("never retries a write, and marks a 5xx or a lost answer as ambiguous", async () => {
        const api = new FakeApi().on("POST /api/storage/object/v1/buckets", () => json(500, { error: { message: "internal" } }));
        const c = client(api);
        await assert.rejects(c.startWrite("POST", "/storage/object/v1/buckets", { name: "b" }, 'create bucket "b"'), (err: ApiError) => {
            assert.strictEqual(err.ambiguous, true);
            assert.strictEqual(err.status, 500);
            return true;
        });
        api.on("POST /api/storage/object/v1/buckets", () => "drop");
        await assert.rejects(
            c.startWrite("POST", "/storage/object/v1/buckets", { name: "b" }, 'create bucket "b"'),
            (err: ApiError) => err.ambiguous,
        );
        api.on("POST /api/storage/object/v1/buckets", () => json(409, { error: { message: "exists" } }));
        await assert.rejects(
            c.startWrite("POST", "/storage/object/v1/buckets", { name: "b" }, 'create bucket "b"'),
            (err: ApiError) => !err.ambiguous && err.status === 409,
        );
        assert.strictEqual(api.sent("POST /api/storage/object/v1/buckets").length, 3);
    });

    it("resends a write refused with 429 (nothing was done), honouring Retry-After", async () => {
        let calls = 0;
        const api = new FakeApi().on("POST /api/storage/object/v1/buckets", () =>
            ++calls === 1 ? json(429, { error: { status: 429, message: "too many" } }, { "retry-after": "0.1" }) : accepted("act-9"),
        );
        const c = client(api);
        assert.strictEqual(await c.startWrite("POST", "/storage/object/v1/buckets", { name: "b" }, 'create bucket "b"'), "act-9");
        const sends = api.sent("POST /api/storage/object/v1/buckets");
        assert.strictEqual(sends.length, 2);
        assert.strictEqual(sends[1].at - sends[0].at, 100 + 250, "Retry-After plus the jitter");
    });

    it("polls an activity through a not-yet-visible 404 and transient errors until it completes", async () => {
        const answers = [
            json(404, { error: { message: "not found" } }),
            activity("a1", { waiting: {} }),
            json(503, { error: { message: "busy" } }),
            activity("a1", { running: { status: "run", progression: 50 } }),
            activity("a1", { completed: { result: "vm-1" } }),
        ];
        const api = new FakeApi().on("GET /api/activity/v1/activities/a1", () => answers.shift() ?? json(500, {}));
        const c = client(api);
        const done = await c.waitForActivity("a1", { operation: "create vm" });
        assert.strictEqual(done.state.completed?.result, "vm-1");
        assert.strictEqual(api.sent("GET /api/activity/v1/activities/a1").length, 5);
    });

    it("reports a failed activity as one sentence with the reason and the activity id", async () => {
        const api = new FakeApi().on("GET /api/activity/v1/activities/a2", () =>
            activity("a2", { failed: { reason: "datastore full" } }, [{ id: "vm-9", type: "virtual_machine" }]),
        );
        const c = client(api);
        await assert.rejects(c.waitForActivity("a2", { operation: 'create virtual machine "web"' }), (err: ActivityError) => {
            assert.match(
                err.message,
                /^FR : .*datastore full.* \/ EN: create virtual machine "web" failed \(activity a2\): datastore full$/,
            );
            assert.deepStrictEqual(err.concernedItems, [{ id: "vm-9", type: "virtual_machine" }]);
            return true;
        });
    });

    it("stops waiting at the deadline and says so", async () => {
        const api = new FakeApi().on("GET /api/activity/v1/activities/a3", () => activity("a3", { running: { progression: 1 } }));
        const c = client(api);
        await assert.rejects(
            c.waitForActivity("a3", { operation: "op", timeoutMs: 60 }),
            (err: ActivityError) => err.timedOut && /a3/.test(err.message),
        );
    });

    it("reads an activity once at the deadline when it never did, so the timeout names what it touched", async () => {
        const api = new FakeApi().on("GET /api/activity/v1/activities/a5", () =>
            activity("a5", { running: { progression: 10 } }, [{ id: "vm-5", type: "virtual_machine" }]),
        );
        // The first read would come after 500 ms; the deadline is 60 ms.
        const c = client(api, { poll: { initialMs: 500, capMs: 500 } });
        await assert.rejects(
            c.waitForActivity("a5", { operation: "op", timeoutMs: 60 }),
            (err: ActivityError) => err.timedOut && err.concernedItems.some((i) => i.id === "vm-5"),
        );
        assert.strictEqual(api.sent("GET /api/activity/v1/activities/a5").length, 1);
    });

    it("fails after too many consecutive transient errors while polling", async () => {
        const api = new FakeApi().on("GET /api/activity/v1/activities/a4", () => json(500, { error: { message: "boom" } }));
        const c = client(api, { pollTransientTolerance: 2 });
        await assert.rejects(c.waitForActivity("a4", { operation: "op" }), /HTTP 500.*a4/);
        assert.strictEqual(api.sent("GET /api/activity/v1/activities/a4").length, 3);
    });

    it("serialises writes to one VM and lets different VMs proceed together", async () => {
        const c = client(new FakeApi());
        const events: string[] = [];
        const step = (vm: string, label: string) =>
            c.withVmLock(vm, async () => {
                events.push(`${label}+`);
                await new Promise((r) => setTimeout(r, 20));
                events.push(`${label}-`);
            });
        await Promise.all([step("vm-1", "a"), step("vm-1", "b"), step("vm-2", "c")]);
        assert.ok(events.indexOf("a-") < events.indexOf("b+"), events.join(" "));
        assert.ok(events.indexOf("c+") < events.indexOf("a-"), events.join(" "));
    });
});

describe("api adoption after ambiguous creates", () => {
    useFakeClock();

    const vmCreate = (c: ApiClient, name: string) => ({
        operation: `create virtual machine "${name}"`,
        start: () => c.startWrite("POST", "/compute/v1/vcenters/virtual_machines", { name }, "create"),
        wait: (id: string) => c.waitForActivity(id, { operation: "create" }),
        idFrom: (a: Parameters<typeof compute.createdId>[0]) => compute.createdId(a, "virtual_machine"),
        lookup: async () => (await compute.findVmsByName(c, name))[0]?.id,
        lookupDelayMs: 1,
    });

    it("adopts the VM found by name when the create got no answer", async () => {
        const api = new FakeApi()
            .on("POST /api/compute/v1/vcenters/virtual_machines", () => "drop")
            .on("GET /api/compute/v1/vcenters/virtual_machines", () =>
                json(200, [
                    { id: "vm-7", name: "web" },
                    { id: "vm-8", name: "web-2" },
                ]),
            );
        const c = client(api);
        const outcome = await createAdopting(vmCreate(c, "web"));
        assert.strictEqual(outcome.id, "vm-7");
        assert.ok(outcome.adoptedAfter?.ambiguous);
        assert.strictEqual(api.sent("POST /api/compute/v1/vcenters/virtual_machines").length, 1, "the write was not resent");
        assert.match(api.sent("GET /api/compute/v1/vcenters/virtual_machines")[0].url, /\?name=web$/);
    });

    it("adopts the VM an activity created before failing", async () => {
        const api = new FakeApi()
            .on("POST /api/compute/v1/vcenters/virtual_machines", () => accepted("act-1"))
            .on("GET /api/activity/v1/activities/act-1", () =>
                activity("act-1", { failed: { reason: "customisation failed" } }, [{ id: "vm-3", type: "virtual_machine" }]),
            );
        const outcome = await createAdopting(vmCreate(client(api), "db"));
        assert.strictEqual(outcome.id, "vm-3");
        assert.ok(outcome.adoptedAfter instanceof ActivityError);
    });

    it("reports a definitive refusal without looking anything up", async () => {
        const api = new FakeApi().on("POST /api/compute/v1/vcenters/virtual_machines", () =>
            json(400, { error: { message: "cpu must be positive" } }),
        );
        await assert.rejects(createAdopting(vmCreate(client(api), "x")), /HTTP 400.*cpu must be positive/);
        assert.strictEqual(api.sent("GET /api/compute/v1/vcenters/virtual_machines").length, 0);
    });

    it("sends a create with a unique key once more when it got no answer and nothing was found", async () => {
        let posts = 0;
        const api = new FakeApi()
            .on("POST /api/compute/v1/vcenters/virtual_machines", () => (++posts === 1 ? "drop" : accepted("act-2")))
            .on("GET /api/compute/v1/vcenters/virtual_machines", () => json(200, []))
            .on("GET /api/activity/v1/activities/act-2", () =>
                activity("act-2", { completed: { result: "" } }, [{ id: "vm-2", type: "virtual_machine" }]),
            );
        const outcome = await createAdopting({ ...vmCreate(client(api), "again"), resendWhenAbsent: true });
        assert.deepStrictEqual(outcome, { id: "vm-2" });
        assert.strictEqual(posts, 2);
    });

    it("adopts what a late first create made when the second is refused as a duplicate", async () => {
        let posts = 0;
        let created = false;
        const api = new FakeApi()
            .on("POST /api/compute/v1/vcenters/virtual_machines", () => {
                if (++posts === 1) {
                    return "drop";
                }
                // The first create reached the API after the lookups: the name is taken.
                created = true;
                return json(409, { error: { message: 'a virtual machine named "late" already exists' } });
            })
            .on("GET /api/compute/v1/vcenters/virtual_machines", () => json(200, created ? [{ id: "vm-late", name: "late" }] : []));
        const outcome = await createAdopting({ ...vmCreate(client(api), "late"), resendWhenAbsent: true });
        assert.strictEqual(outcome.id, "vm-late");
        assert.ok(outcome.adoptedAfter?.ambiguous, "reported as adopted after the lost answer");
        assert.strictEqual(posts, 2);
    });

    it("reports the failure when nothing was created after all", async () => {
        const api = new FakeApi()
            .on("POST /api/compute/v1/vcenters/virtual_machines", () => json(503, { error: { message: "unavailable" } }))
            .on("GET /api/compute/v1/vcenters/virtual_machines", () => json(200, []));
        await assert.rejects(createAdopting(vmCreate(client(api), "ghost")), /HTTP 503.*unavailable/);
        assert.strictEqual(api.sent("GET /api/compute/v1/vcenters/virtual_machines").length, 3, "looked up a few times before concluding");
    });
});

describe("api backup inventory runs", () => {
    useFakeClock();

    it("shares one inventory job run between VMs created together", async () => {
        const known = new Set<string>();
        let runs = 0;
        const api = new FakeApi()
            .on("GET /api/backup/v1/spp/jobs", () =>
                json(200, [{ id: "job-1", name: "Hypervisor Inventory", type: "catalog", status: "IDLE" }]),
            )
            .on("POST /api/backup/v1/spp/jobs/run", () => {
                runs += 1;
                ["vm-1", "vm-2", "vm-3", "vm-4"].forEach((v) => known.add(v));
                return accepted(`run-${runs}`);
            })
            .on("GET /api/activity/v1/activities", (r, path) => activity(path.split("/").pop() ?? "", { completed: { result: "" } }))
            .on("GET /api/backup/v1/spp/virtual_machines", (r, path) => {
                const id = path.split("/").pop() ?? "";
                return known.has(id) ? json(200, { id }) : json(404, { error: { message: "unknown" } });
            });
        const runner = new backup.InventoryRuns(client(api), 10);
        await Promise.all(["vm-1", "vm-2", "vm-3", "vm-4"].map((vm) => runner.ensureKnown(vm, { operation: "inventory", pollMs: 5 })));
        assert.strictEqual(runs, 1);
        assert.deepStrictEqual(JSON.parse(api.sent("POST /api/backup/v1/spp/jobs/run")[0].body ?? ""), { jobId: "job-1" });
    });

    it("lets a VM created during a run join it when the caller checks the outcome, and waits for a later run otherwise", async () => {
        let runs = 0;
        let finishRun: () => void = () => undefined;
        const api = new FakeApi()
            .on("GET /api/backup/v1/spp/jobs", () =>
                json(200, [{ id: "job-1", name: "Hypervisor Inventory", type: "catalog", status: "IDLE" }]),
            )
            .on("POST /api/backup/v1/spp/jobs/run", () => accepted(`run-${++runs}`))
            .on("GET /api/activity/v1/activities", (r, path) => {
                const id = path.split("/").pop() ?? "";
                // The first run ends only when the test says so; later ones at once.
                return id === "run-1" && finishRun !== done
                    ? activity(id, { running: { status: "running", progression: 50 } })
                    : activity(id, { completed: { result: "" } });
            })
            .on("GET /api/backup/v1/spp/virtual_machines", () => json(200, { id: "any" }));
        const done = () => undefined;
        const runner = new backup.InventoryRuns(client(api), 5);
        const early = runner.ensureKnown("vm-early", { operation: "inventory", knownAbsent: true, trustRun: true });
        while (runs === 0) {
            await new Promise((r) => setTimeout(r, 1));
        }
        // Run 1 is under way. A fresh VM whose caller checks the outcome joins it...
        const joining = runner.ensureKnown("vm-late", { operation: "inventory", knownAbsent: true, trustRun: true });
        // ...one whose caller needs certainty waits for a run that started after it existed.
        const strict = runner.ensureKnown("vm-strict", { operation: "inventory", knownAbsent: true, pollMs: 5 });
        finishRun = done;
        await Promise.all([early, joining]);
        assert.strictEqual(runs, 1, "the joining VM needed no run of its own");
        await strict;
        assert.strictEqual(runs, 2);
    });
});

describe("api grouped policy assignments", () => {
    useFakeClock();

    it("assigns VMs asking for the same policies together, in one request and one activity", async () => {
        const api = new FakeApi()
            .on("POST /api/backup/v1/spp/policies/assign/virtual_machine", () => accepted("act-a"))
            .on("GET /api/activity/v1/activities/act-a", () => activity("act-a", { completed: { result: "" } }));
        const batches = new backup.AssignmentBatches(client(api), 10);
        await Promise.all([
            batches.assign("vm-1", ["p1"], { operation: "assign" }),
            batches.assign("vm-2", ["p1"], { operation: "assign" }),
            batches.assign("vm-3", ["p2"], { operation: "assign" }),
        ]);
        const bodies = api.sent("POST /api/backup/v1/spp/policies/assign/virtual_machine").map((r) => JSON.parse(r.body ?? ""));
        assert.deepStrictEqual(
            bodies.sort((a, b) => a.virtualMachineIds.length - b.virtualMachineIds.length),
            [
                { virtualMachineIds: ["vm-3"], slaPolicies: ["p2"] },
                { virtualMachineIds: ["vm-1", "vm-2"], slaPolicies: ["p1"] },
            ],
        );
    });

    it("falls back to one request per VM when the group is refused, so only the faulty VM fails", async () => {
        const api = new FakeApi()
            .on("POST /api/backup/v1/spp/policies/assign/virtual_machine", (r) => {
                const ids = JSON.parse(r.body ?? "").virtualMachineIds as string[];
                return ids.includes("vm-bad")
                    ? json(409, { error: { message: "vm-bad is not in the backup inventory" } })
                    : accepted("act-b");
            })
            .on("GET /api/activity/v1/activities/act-b", () => activity("act-b", { completed: { result: "" } }));
        const batches = new backup.AssignmentBatches(client(api), 10);
        const results = await Promise.allSettled([
            batches.assign("vm-ok", ["p1"], { operation: "assign" }),
            batches.assign("vm-bad", ["p1"], { operation: "assign" }),
        ]);
        assert.deepStrictEqual(
            results.map((r) => r.status),
            ["fulfilled", "rejected"],
        );
        assert.match(String((results[1] as PromiseRejectedResult).reason), /HTTP 409.*vm-bad/);
        assert.strictEqual(api.sent("POST /api/backup/v1/spp/policies/assign/virtual_machine").length, 3);
    });
});
