// The sandbox and MinIO as tests start them: with the MinIO binary of the toolchain (or on PATH),
// which the sandbox itself does not know (it takes the binary from its caller).
import * as FakeTimers from "@sinonjs/fake-timers";
import { Sandbox, SandboxClock, SandboxOptions, startSandbox as start } from "../../sandbox";
import { MinioOptions, MinioServer, startMinio as startMinioAt } from "../../sandbox/minio";
import { minioPath } from "../../tools/toolchain/env";

type WithoutMinio<T> = T extends unknown ? Omit<T, "minio" | "minioBinary"> : never;

/** startSandbox, starting its own MinIO from the toolchain unless `minio` is given. */
export function startSandbox(options: WithoutMinio<SandboxOptions> & { minio?: MinioServer } = {}): Promise<Sandbox> {
    const { minio, ...rest } = options;
    return minio ? start({ ...rest, minio }) : start({ ...rest, minioBinary: minioPath() });
}

export function startMinio(options: Omit<MinioOptions, "binary"> = {}): Promise<MinioServer> {
    return startMinioAt({ binary: minioPath(), ...options });
}

/** A virtual time for a sandbox: it moves only when the test calls `advance`. */
export interface VirtualClock {
    /** To pass as the sandbox's `clock` option. */
    clock: SandboxClock;
    /** Moves time on by `ms`, running the sandbox timers that fall due (activities ending). */
    advance(ms: number): Promise<void>;
}

export function virtualClock(start = Date.now()): VirtualClock {
    const fake = FakeTimers.createClock(start);
    return {
        clock: {
            now: () => fake.now,
            setTimeout: (callback, ms) => fake.setTimeout(callback, ms),
            clearTimeout: (handle) => fake.clearTimeout(handle as FakeTimers.TimerId),
        },
        advance: async (ms) => {
            await fake.tickAsync(ms);
        },
    };
}
