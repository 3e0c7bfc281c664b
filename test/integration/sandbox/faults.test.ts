// Fault injection and out-of-band changes through the admin endpoint and the Sandbox API.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { ApiClient, vmBody, vmPath } from "./client";
import { VirtualClock, startSandbox, virtualClock } from "../../support/sandbox";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sandbox: fault injection and admin endpoint", function () {
    let sandbox: Sandbox;
    let api: ApiClient;

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
        const r = await fetch(`${sandbox.endpoint}/_admin${path}`, {
            method,
            headers: body ? { "content-type": "application/json" } : {},
            body: body ? JSON.stringify(body) : undefined,
        });
        const text = await r.text();
        return { status: r.status, json: text ? JSON.parse(text) : undefined };
    }

    before(async () => {
        sandbox = await startSandbox({ dedupe: false, rateLimits: false, faults: { errorRate5xx: 0 } });
        api = new ApiClient(sandbox);
        await api.login();
    });
    after(async () => {
        await sandbox?.stop();
    });
    afterEach(async () => {
        await sandbox.setFaults({
            errorRate5xx: 0,
            errorRate429: 0,
            failActivityAfterCreateRate: 0,
            lostWriteResponseRate: 0,
            inventoryFromStartRate: 0,
            slowActivityMs: 0,
            pathPattern: "",
        });
    });

    it("answers 503 to every request when errorRate5xx is 1, set through the admin endpoint", async () => {
        const set = await admin("PUT", "/faults", { errorRate5xx: 1 });
        assert.strictEqual(set.status, 200);
        assert.strictEqual(set.json.errorRate5xx, 1);
        const r = await api.get("/api/iam/v2/tenants");
        assert.strictEqual(r.status, 503);
        assert.strictEqual(r.json.error.status, "503 Service Unavailable");
        assert.strictEqual(
            (await api.raw("POST", "/api/iam/v2/auth/personal_access_token", { id: sandbox.clientId, secret: sandbox.secretId }, false))
                .status,
            503,
        );
        await admin("PUT", "/faults", { errorRate5xx: 0 });
        assert.strictEqual((await api.get("/api/iam/v2/tenants")).status, 200);
    });

    it("answers the documented 429 when errorRate429 is 1, only on the paths matched by pathPattern", async () => {
        await sandbox.setFaults({ errorRate429: 1, pathPattern: "^GET /api/backup/" });
        const r = await api.get("/api/backup/v1/spp/sites");
        assert.strictEqual(r.status, 429);
        assert.deepStrictEqual(r.json, { error: { status: "429 Too Many Requests", message: "Too Many Requests" } });
        assert.strictEqual(r.headers.get("retry-after"), "1");
        assert.strictEqual((await api.get("/api/iam/v2/tenants")).status, 200);
    });

    it("refuses a bad fault configuration with a 400 naming the field", async () => {
        const r = await admin("PUT", "/faults", { errorRate5xx: 2 });
        assert.strictEqual(r.status, 400);
        assert.strictEqual(r.json.error.field, "errorRate5xx");
        const inventory = await admin("PUT", "/faults", { inventoryFromStartRate: -0.5 });
        assert.strictEqual(inventory.status, 400);
        assert.strictEqual(inventory.json.error.field, "inventoryFromStartRate");
        await assert.rejects(sandbox.setFaults({ pathPattern: "([" }), /pathPattern/);
    });

    it("lets an inventory run miss the VMs created while it runs, only when inventoryFromStartRate hits", async () => {
        const spp = "/api/backup/v1/spp";
        const jobId = (await api.ok(`${spp}/jobs?type=catalog`)).find((j: { name: string }) => j.name === "Hypervisor Inventory").id;
        /** Starts a slow run, creates a VM at once while it runs, and tells whether the run caught the VM. */
        const caughtDuringRun = async (name: string): Promise<boolean> => {
            sandbox.setActivityLatency(400);
            const run = await api.write("POST", `${spp}/jobs/run`, { jobId });
            sandbox.setActivityLatency(0);
            const created = await api.wait(await api.write("POST", vmPath, vmBody(sandbox, name)));
            await api.wait(run);
            return (await api.get(`${spp}/virtual_machines/${created.state.completed.result}`)).status === 200;
        };
        try {
            assert.strictEqual(await caughtDuringRun("inv-during-01"), true, "by default a run catalogues what exists when it ends");
            await sandbox.setFaults({ inventoryFromStartRate: 1 });
            assert.strictEqual(await caughtDuringRun("inv-during-02"), false, "with the fault, only what existed when it started");
        } finally {
            sandbox.setActivityLatency(0);
        }
    });

    it("fails a create activity after the VM was created (an ambiguous create, as issue #527 describes)", async () => {
        await sandbox.setFaults({ failActivityAfterCreateRate: 1 });
        const a = await api.wait(await api.write("POST", vmPath, vmBody(sandbox, "orphan-01")));
        assert.ok(a.state.failed, JSON.stringify(a.state));
        assert.match(a.state.failed.reason, /injected fault/);
        const vmId = a.concernedItems.find((c: { type: string }) => c.type === "virtual_machine").id;
        const vm = await api.ok(`${vmPath}/${vmId}`);
        assert.strictEqual(vm.name, "orphan-01");
        const byName = await api.ok(`${vmPath}?name=orphan-01`);
        assert.strictEqual(byName.length, 1);
        // Only creates are hit: an update still completes.
        await api.run("PATCH", `${vmPath}/rename`, { id: vmId, name: "orphan-01-found" });
    });

    it("loses the answer of a write that went through when lostWriteResponseRate is 1", async () => {
        await sandbox.setFaults({ lostWriteResponseRate: 1, pathPattern: "^POST /api/compute/v1/vcenters/virtual_machines$" });
        const r = await api.raw("POST", vmPath, vmBody(sandbox, "lost-answer-01"));
        assert.strictEqual(r.status, 503);
        assert.strictEqual(r.headers.get("location"), null);
        assert.match(r.json.error.message, /injected fault/);
        await sandbox.setFaults({ lostWriteResponseRate: 0 });
        // The VM exists all the same: a client finds it by name.
        // Polled until its activity has ended; the limit only guards against a hang.
        let found: unknown[] = [];
        const giveUpAt = Date.now() + 60_000;
        while (found.length === 0 && Date.now() < giveUpAt) {
            found = await api.ok(`${vmPath}?name=lost-answer-01`);
            if (found.length === 0) {
                await sleep(20);
            }
        }
        assert.strictEqual(found.length, 1);
    });

    /** A sandbox of its own on a virtual clock (sharing the MinIO): activity states move only when the test advances time. */
    async function timedSandbox(): Promise<{ timed: Sandbox; timedApi: ApiClient; time: VirtualClock }> {
        const time = virtualClock();
        const timed = await startSandbox({ dedupe: false, rateLimits: false, clock: time.clock, minio: sandbox.minio });
        return { timed, timedApi: new ApiClient(timed), time };
    }

    it("slows activities down by slowActivityMs", async () => {
        const { timed, timedApi, time } = await timedSandbox();
        try {
            await timed.setFaults({ slowActivityMs: 600 });
            const id = await timedApi.write("POST", vmPath, vmBody(timed, "slow-01"));
            // Waiting for the first 20 % (120 ms), then running until 600 ms.
            await time.advance(250);
            const mid = await timedApi.ok(`/api/activity/v1/activities/${id}`);
            assert.deepStrictEqual(Object.keys(mid.state), ["running"]);
            await time.advance(349);
            assert.deepStrictEqual(
                Object.keys((await timedApi.ok(`/api/activity/v1/activities/${id}`)).state),
                ["running"],
                "still running 1 ms before its end",
            );
            await time.advance(1);
            const done = await timedApi.wait(id);
            assert.ok(done.state.completed);
            const span = Date.parse(done.state.completed.stopDate) - Date.parse(done.creationDate);
            assert.strictEqual(span, 600);
        } finally {
            await timed.stop();
        }
    });

    it("sets the activity latency through the admin endpoint", async () => {
        const { timed, timedApi, time } = await timedSandbox();
        const timedAdmin = (body: unknown) =>
            fetch(`${timed.endpoint}/_admin/activity_latency`, {
                method: "PUT",
                headers: { "content-type": "application/json" },
                body: JSON.stringify(body),
            });
        try {
            assert.strictEqual((await timedAdmin({ ms: 500 })).status, 200);
            const id = await timedApi.write("POST", vmPath, vmBody(timed, "latent-01"));
            assert.deepStrictEqual(Object.keys((await timedApi.ok(`/api/activity/v1/activities/${id}`)).state), ["waiting"]);
            await time.advance(500);
            assert.ok((await timedApi.wait(id)).state.completed);
            assert.strictEqual((await timedAdmin({ ms: 0 })).status, 200);
            const instant = await timedApi.write("POST", vmPath, vmBody(timed, "latent-02"));
            assert.ok((await timedApi.ok(`/api/activity/v1/activities/${instant}`)).state.completed, "no latency: done at the first read");
        } finally {
            await timed.stop();
        }
        assert.strictEqual((await admin("PUT", "/activity_latency", { ms: -1 })).json.error.field, "ms");
    });

    it("creates a VM out of band, drifts it and deletes it, as seen through the API", async () => {
        const ids = sandbox.ids();
        const created = await admin("POST", "/virtual_machines", {
            name: "legacy-erp",
            datacenterId: ids.datacenter["dc-az06-th3s"],
            hostClusterId: ids.hostCluster["clu001-az06-standard"],
            datastoreId: ids.datastore["ds-az06-standard-01"],
            memory: 8 * 1024 ** 3,
            cpu: 4,
            powerState: "running",
            slaPolicies: [ids.policy["sla001-daily-par7s"]],
        });
        assert.strictEqual(created.status, 201, JSON.stringify(created.json));
        const vmId = created.json.id;
        let vm = await api.ok(`${vmPath}/${vmId}`);
        assert.deepStrictEqual([vm.name, vm.powerState, vm.availabilityZone], ["legacy-erp", "running", "AZ06"]);
        assert.deepStrictEqual(
            (await api.ok(`/api/backup/v1/spp/policies?virtualMachineId=${vmId}`)).map((p: { name: string }) => p.name),
            ["sla001-daily-par7s"],
        );
        const drift = await admin("PATCH", `/virtual_machines/${vmId}`, { memory: 16 * 1024 ** 3, powerState: "stopped" });
        assert.strictEqual(drift.status, 200);
        vm = await api.ok(`${vmPath}/${vmId}`);
        assert.deepStrictEqual([vm.memory, vm.powerState], [16 * 1024 ** 3, "stopped"]);
        assert.ok((await admin("GET", "/virtual_machines")).json.some((v: { id: string }) => v.id === vmId));
        assert.ok(sandbox.listVirtualMachines().some((v) => (v as { id: string }).id === vmId));
        assert.strictEqual((await admin("DELETE", `/virtual_machines/${vmId}`)).status, 204);
        assert.strictEqual((await api.get(`${vmPath}/${vmId}`)).status, 404);
        assert.strictEqual((await admin("POST", "/virtual_machines", { name: "x" })).json.error.field, "datacenterId");
    });

    it("serves health, settings and inspection routes", async () => {
        assert.deepStrictEqual((await admin("GET", "/health")).json, { ok: true });
        const settings = await admin("PUT", "/settings", { rateLimits: true, dedupe: true, tokenTtlSeconds: 60 });
        assert.deepStrictEqual([settings.json.rateLimits, settings.json.dedupe, settings.json.tokenTtlSeconds], [true, true, 60]);
        const jwt = await api.login();
        const claims = JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());
        assert.strictEqual(claims.exp - claims.iat, 60);
        await admin("PUT", "/settings", { rateLimits: false, dedupe: false, tokenTtlSeconds: 300 });
        assert.strictEqual((await admin("PUT", "/settings", { tokenTtlSeconds: 0 })).json.error.field, "tokenTtlSeconds");
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "inspect-01"));
        await api.run("POST", "/api/compute/v1/vcenters/virtual_disks", {
            provisioningType: "dynamic",
            diskMode: "persistent",
            capacity: 1024 ** 3,
            virtualMachineId: vmId,
        });
        await api.run("POST", "/api/storage/object/v1/buckets", { name: "inspect-bucket", accessType: "private" });
        assert.ok((await admin("GET", "/disks")).json.some((d: { virtualMachineId: string }) => d.virtualMachineId === vmId));
        assert.ok((await admin("GET", "/buckets")).json.some((b: { name: string }) => b.name === "inspect-bucket"));
        const activities = (await admin("GET", "/activities")).json;
        assert.ok(
            activities.some(
                (a: { effect: string; concernedItems: { id: string }[] }) =>
                    a.effect === "disk.create" && a.concernedItems.some((c) => c.id === vmId),
            ),
        );
        assert.ok(sandbox.listDisks().length >= 1 && sandbox.listBuckets().length >= 1 && sandbox.listActivities().length >= 3);
    });

    it("restarts on the same port through the admin endpoint, keeping the state", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "survivor-01"));
        const r = await admin("POST", "/restart");
        assert.strictEqual(r.status, 202);
        // Polled until it answers again; the limit only guards against a sandbox that never comes back.
        let state: { status: number } | undefined;
        const giveUpAt = Date.now() + 60_000;
        while (state?.status !== 200 && Date.now() < giveUpAt) {
            await sleep(50);
            state = await admin("GET", "/state").catch(() => undefined);
        }
        assert.strictEqual(state?.status, 200);
        // In-memory state survives a restart of the server; the bearer too (its key is in the state).
        assert.strictEqual((await api.ok(`${vmPath}/${vmId}`)).name, "survivor-01");
        const summary = await admin("GET", "/state");
        assert.ok(summary.json.counts.vm >= 1);
        const idsMap = await admin("GET", "/ids");
        assert.strictEqual(idsMap.json.policy.nobackup, sandbox.ids().policy.nobackup);
    });
});
