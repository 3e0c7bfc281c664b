import * as assert from "assert";
import { ActivityDurations, nextWait, waitedMs } from "../../../provider/api";

describe("api activity timing", () => {
    it("counts the waiting part of an activity from its creation to the start of its run, server clock", () => {
        assert.strictEqual(waitedMs("2026-11-29T10:00:00.000Z", { startDate: "2026-11-29T10:00:00.400Z" }), 400);
        assert.strictEqual(waitedMs("2026-11-29T10:00:00.000Z", undefined), 0);
        assert.strictEqual(waitedMs(undefined, { startDate: "2026-11-29T10:00:00.400Z" }), 0);
    });

    it("shortens the next read to what the progression of the run leaves, the waiting part left out", () => {
        // 1 s since the write, of which 0.4 s waiting: 0.6 s of run is 50 %, so 0.6 s remain.
        assert.strictEqual(nextWait(2_000, 1_000, 50, 100, 400), 650);
        // Without the waiting part, the same answer would suggest 1 s.
        assert.strictEqual(nextWait(2_000, 1_000, 50, 100), 1_050);
        assert.strictEqual(nextWait(2_000, 1_000, 99, 100), 100, "never below the floor");
        assert.strictEqual(nextWait(2_000, 1_000, undefined, 100), 2_000, "no progression: the schedule");
    });

    it("waits, for a kind not completed yet, as long as its running peers foretold", () => {
        const durations = new ActivityDurations();
        assert.strictEqual(durations.firstWait("create", 1_000, 30_000), 1_000, "nothing known: the schedule");
        // 1 s after the write, 0.4 s of it waiting, the run at 30 %: 0.4 + 0.6 / 0.3 = 2.4 s.
        durations.progressed("create", 1_000, 30, 400);
        assert.strictEqual(durations.firstWait("create", 1_000, 30_000), 2_450);
        assert.strictEqual(durations.firstWait("create", 1_000, 2_000), 2_000, "capped");
        // Completed durations win once there are a few.
        [1_800, 1_800, 1_800].forEach((ms) => durations.record("create", ms));
        assert.strictEqual(durations.firstWait("create", 1_000, 30_000), 1_850);
        // Another kind, never seen: no activity here was faster than the fastest kind.
        assert.strictEqual(durations.firstWait("power", 1_000, 30_000), 1_850);
    });
});
