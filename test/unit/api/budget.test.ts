import * as assert from "assert";
import { RequestBudget, productOf } from "../../../provider/api";

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

describe("api request budget", () => {
    it("maps paths to the products the rate limits are counted on", () => {
        assert.strictEqual(productOf("/compute/v1/vcenters/virtual_machines"), "compute");
        assert.strictEqual(productOf("/compute/v1/vcenters/datastores?name=x"), "compute/datastores");
        assert.strictEqual(productOf("/iam/v2/auth/personal_access_token"), "iam");
        assert.strictEqual(productOf("/storage/object/v1/buckets"), "storage");
    });

    it("spaces requests of one product to stay under its rate, whatever the parallelism", async () => {
        const budget = new RequestBudget({ defaultPerSecond: 50, products: { iam: 10 }, headroom: 1, identicalRequestSpacingMs: 0 });
        const sent: number[] = [];
        await Promise.all(Array.from({ length: 12 }, (_, i) => budget.schedule("/compute/x", `k${i}`, async () => void sent.push(Date.now()))));
        // 50/s means one start every 20 ms: any 12 consecutive sends span at least 11 gaps.
        assert.ok(sent[sent.length - 1] - sent[0] >= 11 * 20 - 5, `span ${sent[sent.length - 1] - sent[0]} ms`);
        // In any 100 ms window, at most 100/20 + 1 sends (the property the API's limiter checks).
        for (const t of sent) {
            const inWindow = sent.filter((u) => u >= t && u < t + 100).length;
            assert.ok(inWindow <= 6, `${inWindow} sends within 100 ms: gaps ${gaps(sent)}`);
        }
        await budget.stop();
    });

    it("sends queued writes first and background reads last, at the same spacing", async () => {
        const budget = new RequestBudget({ defaultPerSecond: 50, products: {}, headroom: 1, identicalRequestSpacingMs: 0 });
        const order: string[] = [];
        const sent: number[] = [];
        const job = (name: string) => async () => {
            order.push(name);
            sent.push(Date.now());
        };
        const queued = [
            ...[1, 2, 3].map((i) => budget.schedule("/compute/x", `bg${i}`, job(`bg${i}`), "background")),
            ...[1, 2, 3].map((i) => budget.schedule("/compute/x", `read${i}`, job(`read${i}`))),
            ...[1, 2].map((i) => budget.schedule("/compute/x", `write${i}`, job(`write${i}`), "write")),
        ];
        await Promise.all(queued);
        // The first background read found the line empty and left at once; then by priority, each in arrival order.
        assert.deepStrictEqual(order, ["bg1", "write1", "write2", "read1", "read2", "read3", "bg2", "bg3"]);
        // The rate holds over the whole (one start every 20 ms on average; a late timer shortens the next gap only).
        assert.ok(sent[sent.length - 1] - sent[0] >= 7 * 20 - 5, `gaps ${gaps(sent)}`);
        await budget.stop();
    });

    it("counts products separately: a busy product does not slow another", async () => {
        const budget = new RequestBudget({ defaultPerSecond: 20, products: {}, headroom: 1, identicalRequestSpacingMs: 0 });
        const order: string[] = [];
        const busy = Array.from({ length: 10 }, (_, i) => budget.schedule("/compute/x", `c${i}`, async () => void order.push(`c${i}`)));
        await new Promise((r) => setTimeout(r, 5));
        await budget.schedule("/storage/x", "s", async () => void order.push("s"));
        // The storage request went out while compute was still queued behind its own limit.
        assert.ok(order.indexOf("s") < 9, order.join(","));
        await Promise.all(busy);
        await budget.stop();
    });

    it("sends an identical request at most once per spacing window, other requests unaffected", async () => {
        const budget = new RequestBudget({ defaultPerSecond: 1000, products: {}, headroom: 1, identicalRequestSpacingMs: 150 });
        const same: number[] = [];
        const other: number[] = [];
        const start = Date.now();
        await Promise.all([
            ...Array.from({ length: 3 }, () => budget.schedule("/compute/x", "GET /same", async () => void same.push(Date.now()))),
            budget.schedule("/compute/x", "GET /other", async () => void other.push(Date.now())),
        ]);
        assert.ok(gaps(same).every((g) => g >= 145), `identical gaps ${gaps(same)}`);
        assert.ok(other[0] - start < 100, "a different request is not held back");
        await budget.stop();
    });
});
