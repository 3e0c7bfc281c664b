// `securetemple sandbox`: the local emulator of the Secure Temple API (and its MinIO), in the
// foreground until Ctrl+C. The sandbox module is loaded only here, so `check` and `sla` start
// without loading the HTTP server and SQLite. MinIO is looked up here (toolchain cache, then PATH)
// rather than through the toolchain's lock-file-based lookup, so the command works from an
// installed package, which has no package-lock.json.
import { CliInputError } from "../errors";
import { findMinio } from "./env";

export interface SandboxCommandOptions {
    port?: number;
    dataDir?: string;
    seed?: string;
    activityLatency?: number;
    rateLimits: boolean;
}

/** Starts the sandbox; it stops on SIGINT or SIGTERM (the sandbox installs the handlers). */
export async function runSandbox(options: SandboxCommandOptions): Promise<void> {
    const minioBinary = findMinio();
    if (!minioBinary) {
        throw new CliInputError("minio", {
            fr: "introuvable dans le cache de la chaîne d'outils ni sur le PATH : installez MinIO, ou construisez-le depuis un clone du kit avec `npm run toolchain`.",
            en: "found neither in the toolchain cache nor on PATH: install MinIO, or build it from a clone of the kit with `npm run toolchain`.",
        });
    }
    const { runSandboxProcess } = await import("../../sandbox/main");
    await runSandboxProcess({
        minioBinary,
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
        ...(options.seed !== undefined ? { seedPath: options.seed } : {}),
        ...(options.activityLatency !== undefined ? { activityLatencyMs: options.activityLatency } : {}),
        rateLimits: options.rateLimits,
    });
}
