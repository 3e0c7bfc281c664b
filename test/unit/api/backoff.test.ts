import * as assert from "assert";
import { defaultRetryPolicy, parseRetryAfter, pollIntervals, retryDelayMs, throttleDelayMs } from "../../../provider/api";

describe("api back-off schedules", () => {
    it("polls activities at 1, 1, 2, 3, 5, 8 ... seconds, capped at 30 s", () => {
        const gen = pollIntervals({ initialMs: 1_000, capMs: 30_000 });
        const seen = Array.from({ length: 11 }, () => gen.next().value);
        assert.deepStrictEqual(seen, [1000, 1000, 2000, 3000, 5000, 8000, 13000, 21000, 30000, 30000, 30000]);
    });

    it("scales the polling schedule with a shorter first interval (tests)", () => {
        const gen = pollIntervals({ initialMs: 10, capMs: 40 });
        assert.deepStrictEqual(
            Array.from({ length: 6 }, () => gen.next().value),
            [10, 10, 20, 30, 40, 40],
        );
    });

    it("grows read retries exponentially with jitter between half and the full delay, capped", () => {
        const policy = { attempts: 6, baseMs: 500, capMs: 4_000 };
        assert.deepStrictEqual(
            [1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, undefined, () => 0)),
            [250, 500, 1000, 2000, 2000],
        );
        assert.deepStrictEqual(
            [1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy, undefined, () => 0.999999)),
            [500, 1000, 2000, 4000, 4000],
        );
    });

    it("never retries sooner than Retry-After", () => {
        assert.strictEqual(
            retryDelayMs(1, defaultRetryPolicy, 3_000, () => 0),
            3_000,
        );
        assert.strictEqual(parseRetryAfter("2"), 2_000);
        assert.strictEqual(parseRetryAfter("0.5"), 500);
        const now = Date.parse("2026-11-29T10:00:00Z");
        assert.strictEqual(parseRetryAfter("Sun, 29 Nov 2026 10:00:04 GMT", now), 4_000);
        assert.strictEqual(parseRetryAfter(undefined), undefined);
        assert.strictEqual(parseRetryAfter("soon"), undefined);
    });

    it("waits after a 429 for Retry-After plus a jitter, so clients refused together come back apart", () => {
        assert.strictEqual(
            throttleDelayMs(1_000, () => 0),
            1_000,
        );
        assert.strictEqual(
            throttleDelayMs(1_000, () => 0.5),
            1_250,
        );
        assert.strictEqual(
            throttleDelayMs(undefined, () => 0.998),
            1_000 + 499,
            "1 s when the server says nothing",
        );
        assert.strictEqual(
            throttleDelayMs(100, () => 1),
            100 + 250,
            "at least 250 ms of spread",
        );
        assert.strictEqual(
            throttleDelayMs(10_000, () => 1),
            10_000 + 1_000,
            "at most 1 s of spread",
        );
    });
});
