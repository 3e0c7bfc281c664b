// The sandbox's time: when an activity starts, runs and ends, when a bearer token expires, and the
// one-second windows of the rate limits and of the duplicate-request rule. The system clock unless
// the caller gives another: a test passes a virtual one (for instance `createClock()` of
// @sinonjs/fake-timers) and steps through these states by advancing it, so what it observes does
// not depend on how loaded the machine is. The HTTP server itself always runs on real time.

export interface SandboxClock {
    /** Milliseconds since the epoch. */
    now(): number;
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

export const systemClock: SandboxClock = {
    now: () => Date.now(),
    setTimeout: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        // A pending activity never keeps the process alive on its own.
        timer.unref();
        return timer;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
