import * as assert from "assert";
import { ApiClient, compute } from "../../../provider/api";
import { useFakeClock } from "./fakeClock";
import { FakeApi, accepted, fastClientOptions, json } from "./fakeTransport";

const base = "/api/compute/v1/vcenters";
const vm = (id: string, powerState = "stopped") => ({
    id,
    name: id,
    moref: `vm-${id}`,
    hostCluster: { id: "clu-1" },
    datacenter: { id: "dc-1" },
    powerState,
});
const completed = (id: string) =>
    json(200, { id, state: { completed: { result: "" } }, concernedItems: [], creationDate: "2026-11-29T10:00:00Z" });

function client(api: FakeApi): ApiClient {
    return new ApiClient({ ...fastClientOptions, transport: api.transport });
}

describe("api compute read-backs and power-on", () => {
    useFakeClock();

    it("answers the read-backs of three or more VMs of one host cluster with one list, and fewer by id", async () => {
        const known = ["a", "b", "c", "d"];
        const api = new FakeApi()
            .on(`GET ${base}/virtual_machines`, (r) => {
                assert.match(r.url, /\?hostClusters%5B%5D=clu-1$/);
                // "d" is not in the list yet (not visible): it is read by id.
                return json(
                    200,
                    known.filter((k) => k !== "d").map((k) => vm(k, "running")),
                );
            })
            .on(`GET ${base}/virtual_machines/d`, () => json(200, vm("d", "running")))
            .on(`GET ${base}/virtual_machines/e`, () => json(200, vm("e")))
            .on(`GET ${base}/virtual_machines/gone`, () => json(404, { error: { message: "not found" } }));
        const c = client(api);
        const views = await Promise.all(known.map((id) => compute.readVmInCluster(c, id, "clu-1")));
        assert.deepStrictEqual(
            views.map((v) => v?.moref),
            ["vm-a", "vm-b", "vm-c", "vm-d"],
        );
        assert.strictEqual(api.sent(`GET ${base}/virtual_machines`).length, 1);
        assert.deepStrictEqual(
            api.requests.filter((r) => r.path.startsWith(`${base}/virtual_machines/`)).map((r) => r.path),
            [`${base}/virtual_machines/d`],
        );
        // Two alone: by id, and an absent one is absent (one read, no list).
        const pair = await Promise.all([compute.readVmInCluster(c, "e", "clu-1"), compute.readVmInCluster(c, "gone", "clu-1")]);
        assert.deepStrictEqual(
            pair.map((v) => v?.id),
            ["e", undefined],
        );
        assert.strictEqual(api.sent(`GET ${base}/virtual_machines`).length, 1);
        assert.strictEqual(api.sent(`GET ${base}/virtual_machines/gone`).length, 1);
    });

    it("powers a VM on without asking for a recommendation where the cluster starts it, and returns it read back", async () => {
        const state: Record<string, string> = { v1: "stopped" };
        const api = new FakeApi()
            .on(`PATCH ${base}/virtual_machines/power`, (r) => {
                const body = JSON.parse(r.body ?? "");
                assert.strictEqual(body.recommendation, undefined);
                state[body.id] = "running";
                return accepted(`power-${body.id}`);
            })
            .on("GET /api/activity/v1/activities", (r, path) => completed(path.split("/").pop() ?? ""))
            .on(`GET ${base}/virtual_machines/v1`, () => json(200, vm("v1", state.v1)));
        const c = client(api);
        const running = await compute.powerOn(c, vm("v1") as compute.VirtualMachineWire, { operation: "power on" });
        assert.strictEqual(running.powerState, "running");
        assert.strictEqual(running.moref, "vm-v1");
        assert.strictEqual(api.sent(`GET ${base}/virtual_machines/power/recommendations`).length, 0);
        // The read-back showed it running: the power-on's activity needed no read of its own.
        assert.strictEqual(api.sent("GET /api/activity/v1/activities/power-v1").length, 0);
    });

    it("asks for the recommendation when the VM did not start without one, and first for every later VM of that cluster", async () => {
        const state: Record<string, string> = { v1: "stopped", v2: "stopped" };
        const bodies: { id: string; recommendation?: { key: number } }[] = [];
        const api = new FakeApi()
            .on(`PATCH ${base}/virtual_machines/power`, (r) => {
                const body = JSON.parse(r.body ?? "");
                bodies.push(body);
                // This cluster (DRS in manual mode) starts a VM only with its recommendation.
                if (body.recommendation?.key === 7) {
                    state[body.id] = "running";
                }
                return accepted(`power-${bodies.length}`);
            })
            .on(`GET ${base}/virtual_machines/power/recommendations`, () =>
                json(200, [{ key: 7, hostClusterId: "clu-1", hostId: "h", hostClusterName: "", hostName: "" }]),
            )
            .on("GET /api/activity/v1/activities", (r, path) => completed(path.split("/").pop() ?? ""))
            .on(`GET ${base}/virtual_machines/v1`, () => json(200, vm("v1", state.v1)))
            .on(`GET ${base}/virtual_machines/v2`, () => json(200, vm("v2", state.v2)));
        const c = client(api);
        const logs: string[] = [];
        const first = await compute.powerOn(c, vm("v1") as compute.VirtualMachineWire, { operation: "power on v1" }, (m) => logs.push(m));
        assert.strictEqual(first.powerState, "running");
        assert.deepStrictEqual(
            bodies.map((b) => b.recommendation?.key),
            [undefined, 7],
        );
        assert.match(logs.join("\n"), /not started without a placement recommendation/);
        await compute.powerOn(c, vm("v2") as compute.VirtualMachineWire, { operation: "power on v2" });
        assert.deepStrictEqual(
            bodies.map((b) => `${b.id}:${b.recommendation?.key ?? "-"}`),
            ["v1:-", "v1:7", "v2:7"],
            "the cluster is asked first from then on",
        );
    });

    it("reports a power-on that failed with and without a recommendation with the activity's reason", async () => {
        const api = new FakeApi()
            .on(`PATCH ${base}/virtual_machines/power`, () => accepted("power-x"))
            .on(`GET ${base}/virtual_machines/power/recommendations`, () => json(404, { error: { message: "none" } }))
            .on("GET /api/activity/v1/activities/power-x", () =>
                json(200, {
                    id: "power-x",
                    state: { failed: { reason: "no backup policy" } },
                    concernedItems: [],
                    creationDate: "2026-11-29T10:00:00Z",
                }),
            );
        const c = client(api);
        await assert.rejects(compute.powerOn(c, vm("v3") as compute.VirtualMachineWire, { operation: "power on v3" }), /no backup policy/);
        assert.strictEqual(api.sent(`PATCH ${base}/virtual_machines/power`).length, 2);
    });
});
