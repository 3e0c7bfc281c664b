// What a create adopts from an interrupted earlier create, under a scripted API: only an object
// marked with this resource's URN, or one with no marker whose create activity this credential
// started; never another stack's (another URN) nor a person's (no activity of this credential).
import * as assert from "assert";
import { ApiClient, ApiError } from "../../../provider/api";
import { markerKey } from "../../../provider/api/creationMarker";
import { createOrAdoptEarlier, findEarlierCreate, markOnRefresh } from "../../../provider/resources/handlers/interruptedCreate";
import { useFakeClock } from "../api/fakeClock";
import { FakeApi, fastClientOptions, json } from "../api/fakeTransport";

const urn = "urn:pulumi:prod::tenant::securetemple:compute:VirtualMachine::web-0";
const otherUrn = "urn:pulumi:staging::tenant::securetemple:compute:VirtualMachine::web-0";

/** A sandbox-like API holding one VM "vm-1", with its tags and the activities listed. */
function api(tags: { key: string; value: string }[], activities: unknown[]): FakeApi {
    return new FakeApi()
        .on("GET /api/tag/v1/tags/resources/vm-1", () => json(200, tags))
        .on("GET /api/activity/v1/activities", () => json(200, activities))
        .on("POST /api/tag/v1/tags", () => ({ status: 201, headers: {}, body: "" }));
}

const createdBy = (initiator: string) => ({
    id: "act-1",
    initiator,
    creationDate: "2026-11-29T10:00:00Z",
    concernedItems: [{ id: "vm-1", type: "virtual_machine" }],
    state: { completed: { result: "" } },
});

function spec(candidates: string[] = ["vm-1"]) {
    const logs: string[] = [];
    return { logs, value: { urn, kind: "virtual_machine" as const, candidates: async () => candidates, log: (m: string) => logs.push(m) } };
}

describe("provider: adopting what an interrupted create made", () => {
    useFakeClock();
    const client = (fake: FakeApi) => new ApiClient({ ...fastClientOptions, transport: fake.transport });

    it("adopts the object marked with this resource's URN, without writing anything", async () => {
        const fake = api([{ key: markerKey, value: urn }], []);
        assert.strictEqual(await findEarlierCreate(client(fake), spec().value), "vm-1");
        assert.strictEqual(fake.sent("POST /api/tag/v1/tags").length, 0);
    });

    it("never adopts an object marked by another stack", async () => {
        const fake = api([{ key: markerKey, value: otherUrn }], [createdBy("u")]);
        assert.strictEqual(await findEarlierCreate(client(fake), spec().value), undefined);
    });

    it("adopts an unmarked object that this credential's create activity made, and marks it", async () => {
        const fake = api([], [createdBy("u")]);
        assert.strictEqual(await findEarlierCreate(client(fake), spec().value), "vm-1");
        const marks = fake.sent("POST /api/tag/v1/tags").map((r) => JSON.parse(r.body ?? "{}"));
        assert.deepStrictEqual(marks, [
            { key: markerKey, value: urn, resources: [{ uuid: "vm-1", type: "vcenter_virtual_machine", source: "vmware" }] },
        ]);
    });

    it("never adopts an unmarked object that another credential made, or that no activity made (a person's)", async () => {
        assert.strictEqual(await findEarlierCreate(client(api([], [createdBy("someone-else")])), spec().value), undefined);
        assert.strictEqual(await findEarlierCreate(client(api([], [])), spec().value), undefined);
    });

    it("looks for nothing without a URN or without candidates", async () => {
        const fake = api([{ key: markerKey, value: urn }], []);
        assert.strictEqual(await findEarlierCreate(client(fake), { ...spec().value, urn: undefined }), undefined);
        assert.strictEqual(await findEarlierCreate(client(fake), spec([]).value), undefined);
        assert.strictEqual(fake.requests.filter((r) => r.path.includes("/tag/")).length, 0);
    });

    it("a create refused because an interrupted create still holds the name waits for that object and adopts it", async () => {
        let listed: string[] = [];
        const fake = api([{ key: markerKey, value: urn }], []);
        const refusal = new ApiError({
            operation: "create",
            apiMessage: 'a virtual machine named "web-0" already exists in this datacenter',
            status: 400,
        });
        const outcome = await createOrAdoptEarlier(
            { client: client(fake), timeoutMs: 60_000, pollMs: 100 },
            { ...spec().value, candidates: async () => listed },
            async () => {
                // The earlier create's activity ends a moment later: its VM is listed from then on.
                setTimeout(() => (listed = ["vm-1"]), 1_000);
                throw refusal;
            },
        );
        assert.deepStrictEqual(outcome, { id: "vm-1", earlier: true });
    });

    it("a create refused because another stack's object holds the name fails with the API's refusal", async () => {
        const fake = api([{ key: markerKey, value: otherUrn }], []);
        const refusal = new ApiError({
            operation: "create",
            apiMessage: 'a virtual machine named "web-0" already exists in this datacenter',
            status: 400,
        });
        await assert.rejects(
            createOrAdoptEarlier({ client: client(fake), timeoutMs: 60_000, pollMs: 100 }, spec().value, async () => {
                throw refusal;
            }),
            (err) => err === refusal,
        );
    });

    it("a refresh marks an object of the state that has no marker yet, and leaves a marked one as it is", async () => {
        const unmarked = api([], []);
        await markOnRefresh(client(unmarked), "securetemple:compute:VirtualMachine", "vm-1", urn, () => undefined);
        assert.strictEqual(unmarked.sent("POST /api/tag/v1/tags").length, 1);
        const marked = api([{ key: markerKey, value: urn }], []);
        await markOnRefresh(client(marked), "securetemple:compute:VirtualMachine", "vm-1", urn, () => undefined);
        assert.strictEqual(marked.sent("POST /api/tag/v1/tags").length, 0);
        await markOnRefresh(client(unmarked), "securetemple:objectstorage:StorageAccount", "acc", urn, () => undefined);
        assert.strictEqual(unmarked.requests.filter((r) => r.path.includes("/tag/")).length, 2, "a storage account is not marked");
    });
});
