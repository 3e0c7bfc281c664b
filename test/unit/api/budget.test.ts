import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    MemoryLedger,
    RequestBudget,
    SqliteLedger,
    maxSlowdown,
    openLedger,
    productOf,
    recovered,
    sharedLedgerFolder,
} from "../../../provider/api";
import { epoch, useFakeClock } from "./fakeClock";

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);
const limits = (perSecond: number, spacing = 0, products: Record<string, number> = {}) => ({
    defaultPerSecond: perSecond,
    products,
    headroom: 1,
    identicalRequestSpacingMs: spacing,
});

describe("api request budget", () => {
    useFakeClock();

    it("maps paths to the products the rate limits are counted on", () => {
        assert.strictEqual(productOf("/compute/v1/vcenters/virtual_machines"), "compute");
        assert.strictEqual(productOf("/compute/v1/vcenters/datastores?name=x"), "compute/datastores");
        assert.strictEqual(productOf("/iam/v2/auth/personal_access_token"), "iam");
        assert.strictEqual(productOf("/storage/object/v1/buckets"), "storage");
    });

    it("spaces requests of one product to stay under its rate, whatever the parallelism", async () => {
        const budget = new RequestBudget(limits(50, 0, { iam: 10 }));
        const sent: number[] = [];
        await Promise.all(
            Array.from({ length: 12 }, (_, i) => budget.schedule("/compute/x", `k${i}`, async () => void sent.push(Date.now()))),
        );
        // 50/s: one send every 20 ms, the first at once.
        assert.strictEqual(sent[0], epoch);
        assert.deepStrictEqual(gaps(sent), Array(11).fill(20));
        const iam: number[] = [];
        await Promise.all(Array.from({ length: 3 }, (_, i) => budget.schedule("/iam/x", `i${i}`, async () => void iam.push(Date.now()))));
        assert.deepStrictEqual(gaps(iam), [100, 100], "a product's own limit (10/s)");
        await budget.stop();
    });

    it("counts a sub-product against its product too (datastores against compute)", async () => {
        const budget = new RequestBudget(limits(50, 0, { "compute/datastores": 25 }));
        const sent: string[] = [];
        const at: number[] = [];
        const job = (name: string) => async () => {
            sent.push(name);
            at.push(Date.now());
        };
        await Promise.all([
            budget.schedule("/compute/v1/vcenters/datastores", "d1", job("d1")),
            budget.schedule("/compute/v1/vcenters/datastores", "d2", job("d2")),
            budget.schedule("/compute/v1/vcenters/host_clusters", "h1", job("h1")),
        ]);
        // d2 waits for the datastores rate (40 ms after d1) and takes a compute slot too; h1 gets
        // the compute slot after it (20 ms later): three sends, never two within 20 ms.
        assert.deepStrictEqual(sent, ["d1", "d2", "h1"]);
        assert.deepStrictEqual(
            at.map((t) => t - epoch),
            [0, 40, 60],
        );
        await budget.stop();
    });

    it("sends queued writes first and background reads last, at the same spacing", async () => {
        const budget = new RequestBudget(limits(50));
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
        // The first background read found the line empty and left at once, the second was given the
        // next slot while still alone; then by priority, each in arrival order.
        assert.deepStrictEqual(order, ["bg1", "bg2", "write1", "write2", "read1", "read2", "read3", "bg3"]);
        assert.deepStrictEqual(gaps(sent), Array(7).fill(20));
        await budget.stop();
    });

    it("counts products separately: a busy product does not slow another", async () => {
        const budget = new RequestBudget(limits(20));
        const order: string[] = [];
        const busy = Array.from({ length: 10 }, (_, i) => budget.schedule("/compute/x", `c${i}`, async () => void order.push(`c${i}`)));
        let storageAt = 0;
        await budget.schedule("/storage/x", "s", async () => {
            order.push("s");
            storageAt = Date.now();
        });
        // The storage request went out at once, while compute was still queued behind its own limit.
        assert.strictEqual(storageAt, epoch);
        assert.deepStrictEqual(order, ["c0", "s"]);
        await Promise.all(busy);
        await budget.stop();
    });

    it("sends an identical request at most once per spacing window, without holding back the others", async () => {
        const budget = new RequestBudget(limits(1000, 150));
        const same: number[] = [];
        const other: number[] = [];
        await Promise.all([
            ...Array.from({ length: 3 }, () => budget.schedule("/compute/x", "GET /same", async () => void same.push(Date.now()))),
            budget.schedule("/compute/x", "GET /other", async () => void other.push(Date.now())),
        ]);
        assert.deepStrictEqual(gaps(same), [150, 150]);
        // The second identical one waits for its window; the different request behind it does not.
        assert.strictEqual(other[0] - epoch, 1);
        await budget.stop();
    });

    it("shares one ledger between processes: together they stay under the rate, taking turns", async () => {
        const ledger = new MemoryLedger();
        const scope = "http://api.test";
        const a = new RequestBudget(limits(50, 1000), { ledger, scope });
        const b = new RequestBudget(limits(50, 1000), { ledger, scope });
        const sent: { who: string; at: number }[] = [];
        const job = (who: string) => async () => void sent.push({ who, at: Date.now() });
        await Promise.all([
            ...Array.from({ length: 4 }, (_, i) => a.schedule("/compute/x", `a${i}`, job("a"))),
            ...Array.from({ length: 4 }, (_, i) => b.schedule("/compute/x", `b${i}`, job("b"))),
            // The same token exchange from both: identical requests, one second apart whoever sends them.
            a.schedule("/iam/auth", "POST /auth {same body}", job("a-auth")),
            b.schedule("/iam/auth", "POST /auth {same body}", job("b-auth")),
        ]);
        const compute = sent.filter((s) => !s.who.endsWith("auth"));
        assert.deepStrictEqual(gaps(compute.map((s) => s.at)), Array(7).fill(20));
        // a's first left at once and its second took the next slot; then each holds one slot at a time: they alternate.
        assert.strictEqual(compute.map((s) => s.who).join(""), "aabababb");
        const auth = sent.filter((s) => s.who.endsWith("auth")).map((s) => s.at);
        assert.deepStrictEqual(gaps(auth), [1000]);
        // Another endpoint is another address: nothing shared with it.
        const other = new RequestBudget(limits(50), { ledger, scope: "http://other.test" });
        let otherAt = 0;
        await other.schedule("/compute/x", "o", async () => void (otherAt = Date.now()));
        assert.strictEqual(otherAt, Date.now());
        await Promise.all([a.stop(), b.stop(), other.stop()]);
    });

    it("after a 429, every process sharing the ledger waits for Retry-After and slows down once per such period, then recovers", async () => {
        const ledger = new MemoryLedger();
        const a = new RequestBudget(limits(50), { ledger, scope: "s" });
        const b = new RequestBudget(limits(50), { ledger, scope: "s" });
        await a.schedule("/compute/x", "first", async () => undefined);
        const throttledAt = Date.now();
        a.throttled("/compute/x", 1000);
        // A second 429, to a request sent before the first refusal was known, says nothing new.
        b.throttled("/compute/x", 1000);
        const sent: number[] = [];
        await Promise.all(Array.from({ length: 30 }, (_, i) => b.schedule("/compute/x", `k${i}`, async () => void sent.push(Date.now()))));
        assert.strictEqual(sent[0], throttledAt + 1000, "nobody sent before Retry-After");
        const g = gaps(sent);
        assert.strictEqual(g[0], 30, "one and a half times the interval after the refusal (once, not twice)");
        assert.ok(
            g.every((x, i) => i === 0 || x <= g[i - 1]),
            `the spacing only shrinks back: ${g}`,
        );
        assert.strictEqual(g[g.length - 1], 20, "back to the nominal rate");
        await Promise.all([a.stop(), b.stop()]);
    });

    it("keeps the spacing from when a late request really left, so a busy process sends no burst", () => {
        const ledger = new MemoryLedger();
        const request = { rates: [{ key: "k", intervalMs: 40 }], identical: { key: "same", spacingMs: 1000 } };
        assert.deepStrictEqual(ledger.reserve(request, epoch), { at: epoch });
        // Reserved for epoch, sent 30 ms later: the next slot is 40 ms after the real send.
        ledger.late(request, epoch + 30);
        assert.deepStrictEqual(ledger.reserve({ rates: request.rates }, epoch + 1), { at: epoch + 70 });
        assert.deepStrictEqual(ledger.reserve(request, epoch + 1000), { busyUntil: epoch + 1030 });
    });

    it("bounds the slowdown and recovers it step by step", () => {
        assert.strictEqual(recovered(1), 1);
        assert.ok(recovered(2) < 2 && recovered(2) > 1);
        let s = maxSlowdown;
        let steps = 0;
        while (s > 1) {
            s = recovered(s);
            steps += 1;
        }
        assert.ok(steps > 10 && steps < 40, `${steps} requests to recover`);
        const ledger = new MemoryLedger();
        for (let i = 0; i < 10; i++) {
            ledger.throttled(["k"], epoch + i * 1000, 1000);
        }
        const first = ledger.reserve({ rates: [{ key: "k", intervalMs: 10 }] }, epoch + 10_000);
        const second = ledger.reserve({ rates: [{ key: "k", intervalMs: 10 }] }, epoch + 10_000);
        assert.ok("at" in first && "at" in second);
        assert.strictEqual(second.at - first.at, 10 * maxSlowdown, "never slower than the widest interval");
    });
});

describe("api shared slot ledger (SQLite file)", () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-ledger-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("gives two connections to one file the reservations of one ledger, in a private file", () => {
        const file = path.join(dir, "budget.sqlite");
        const one = new SqliteLedger(file);
        const two = new SqliteLedger(file);
        try {
            const request = (key: string) => ({ rates: [{ key: "compute", intervalMs: 40 }], identical: { key, spacingMs: 1000 } });
            const slots = [one.reserve(request("a"), epoch), two.reserve(request("b"), epoch), one.reserve(request("c"), epoch + 10)];
            assert.deepStrictEqual(slots, [{ at: epoch }, { at: epoch + 40 }, { at: epoch + 80 }]);
            // The identical request "a" left at epoch: not again before epoch + 1000, from either connection.
            assert.deepStrictEqual(two.reserve(request("a"), epoch + 100), { busyUntil: epoch + 1000 });
            // A refusal seen by one connection pauses the other until Retry-After, then spaces it 40 ms x 1.5.
            two.throttled(["compute"], epoch + 100, 1000);
            assert.deepStrictEqual(one.reserve(request("d"), epoch + 100), { at: epoch + 1100 });
            assert.deepStrictEqual(two.reserve(request("e"), epoch + 100), { at: epoch + 1160 });
            assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
        } finally {
            one.close();
            two.close();
        }
    });

    it("finds the shared ledger where SECURETEMPLE_SHARED_BUDGET says, or keeps one per process", () => {
        assert.strictEqual(sharedLedgerFolder({ SECURETEMPLE_SHARED_BUDGET: "off" }), undefined);
        assert.strictEqual(sharedLedgerFolder({ SECURETEMPLE_SHARED_BUDGET: dir }), dir);
        assert.match(sharedLedgerFolder({}) ?? "", new RegExp(`^${os.tmpdir()}/securetemple-budget-`));
        assert.strictEqual(openLedger(undefined, { SECURETEMPLE_SHARED_BUDGET: "off" }).shared, false);
        const folder = path.join(dir, "shared");
        const shared = openLedger(undefined, { SECURETEMPLE_SHARED_BUDGET: folder });
        try {
            assert.strictEqual(shared.shared, true);
            assert.strictEqual(fs.statSync(folder).mode & 0o777, 0o700);
        } finally {
            shared.close();
        }
    });

    it("goes on with a budget of its own, and says so, when the shared one cannot be opened", () => {
        const blocker = path.join(dir, "a-file");
        fs.writeFileSync(blocker, "");
        const logs: string[] = [];
        const ledger = openLedger((m) => logs.push(m), { SECURETEMPLE_SHARED_BUDGET: path.join(blocker, "budget") });
        assert.strictEqual(ledger.shared, false);
        assert.match(logs.join("\n"), /shared request budget unavailable/);
        assert.deepStrictEqual(ledger.reserve({ rates: [{ key: "k", intervalMs: 10 }] }, epoch), { at: epoch });
    });
});
