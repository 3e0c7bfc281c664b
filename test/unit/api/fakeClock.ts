// Virtual time for the API unit tests: @sinonjs/fake-timers replaces Date and the timers, and in
// its "nextAsync" mode jumps straight to the next timer whenever the test waits on one. Times the
// tests observe (Date.now() at each send) are then exact, whatever the load of the machine, and
// a test of a 30-second back-off takes no time at all.
import * as FakeTimers from "@sinonjs/fake-timers";

export const epoch = Date.UTC(2026, 10, 29, 10, 0, 0);

/** Installs the virtual clock around each test of the calling `describe`; `clock()` is the current one. */
export function useFakeClock(): () => FakeTimers.Clock {
    let clock: FakeTimers.Clock | undefined;
    beforeEach(() => {
        clock = FakeTimers.install({ now: epoch, toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
        clock.setTickMode({ mode: "nextAsync" });
    });
    afterEach(() => {
        clock?.uninstall();
        clock = undefined;
    });
    return () => {
        if (!clock) {
            throw new Error("the fake clock is only there inside a test");
        }
        return clock;
    };
}

/** Waits (in virtual time) until `condition` holds, one timer at a time. */
export async function until(condition: () => boolean, limitMs = 60_000): Promise<void> {
    const deadline = Date.now() + limitMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error("condition never held");
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
    }
}
