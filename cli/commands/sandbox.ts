// `securetemple sandbox`: the local emulator of the Secure Temple API (and its MinIO), in the
// foreground until Ctrl+C. The sandbox module is loaded only here, so `check` and `sla` start
// without loading the HTTP server and SQLite.
import { CliInputError } from "../errors";

export interface SandboxCommandOptions {
    port?: number;
    dataDir?: string;
    seed?: string;
    activityLatency?: number;
    rateLimits: boolean;
}

export function parsePort(value: string): number {
    const port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new CliInputError("--port", {
            fr: `${JSON.stringify(value)} n'est pas un port : un entier de 0 à 65535 est attendu (0 : un port libre).`,
            en: `${JSON.stringify(value)} is not a port: an integer from 0 to 65535 is expected (0: a free port).`,
        });
    }
    return port;
}

export function parseMilliseconds(value: string): number {
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms < 0) {
        throw new CliInputError("--activity-latency", {
            fr: `${JSON.stringify(value)} n'est pas une durée : un entier de millisecondes >= 0 est attendu.`,
            en: `${JSON.stringify(value)} is not a duration: an integer number of milliseconds >= 0 is expected.`,
        });
    }
    return ms;
}

/** Starts the sandbox; it stops on SIGINT or SIGTERM (the sandbox installs the handlers). */
export async function runSandbox(options: SandboxCommandOptions): Promise<void> {
    const { runSandboxProcess } = await import("../../sandbox/main");
    const { minioPath } = await import("../../tools/toolchain/env");
    await runSandboxProcess({
        minioBinary: minioPath(),
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        ...(options.seed !== undefined ? { seedPath: options.seed } : {}),
        ...(options.activityLatency !== undefined ? { activityLatencyMs: options.activityLatency } : {}),
        rateLimits: options.rateLimits,
    });
}
