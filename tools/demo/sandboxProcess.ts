// Starts the sandbox (API emulator + MinIO) as a background process that outlives the demo
// command, or finds the one already running, so that running the demo twice reuses it.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { SandboxInfo } from "../../sandbox/main";
import { minioPath } from "../toolchain/env";
import { repoRoot } from "../toolchain/versions";
import { demoPaths } from "./paths";

/** Whether a process with this id still runs. */
export function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

export function readSandboxInfo(): SandboxInfo | undefined {
    if (!fs.existsSync(demoPaths.sandboxInfo)) {
        return undefined;
    }
    const info = JSON.parse(fs.readFileSync(demoPaths.sandboxInfo, "utf8")) as SandboxInfo;
    return alive(info.pid) ? info : undefined;
}

async function answers(info: SandboxInfo): Promise<boolean> {
    try {
        const res = await fetch(`${info.endpoint}/_admin/health`, { signal: AbortSignal.timeout(2000) });
        return res.status < 500;
    } catch {
        return false;
    }
}

export async function ensureSandbox(log: (line: string) => void): Promise<SandboxInfo> {
    const running = readSandboxInfo();
    if (running && (await answers(running))) {
        log(`Sandbox already running (pid ${running.pid}) at ${running.apiUrl}`);
        return running;
    }
    fs.rmSync(demoPaths.sandboxInfo, { force: true });
    fs.mkdirSync(demoPaths.sandboxDir, { recursive: true });
    const out = fs.openSync(demoPaths.sandboxLog, "a");
    // A short activity latency keeps the demo quick while still showing asynchronous activities.
    const child = spawn(
        process.execPath,
        [
            path.join(repoRoot, "dist", "sandbox", "main.js"),
            "--data-dir",
            demoPaths.sandboxDir,
            "--activity-latency",
            "300",
            "--minio",
            minioPath(),
        ],
        { detached: true, stdio: ["ignore", out, out] },
    );
    child.unref();
    log(`Starting the sandbox and MinIO (pid ${child.pid}, log ${demoPaths.sandboxLog})`);
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
        const info = readSandboxInfo();
        if (info) {
            log(`Sandbox ready at ${info.apiUrl}`);
            return info;
        }
        if (child.exitCode !== null || (child.pid !== undefined && !alive(child.pid))) {
            break;
        }
        await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`The sandbox did not start; see ${demoPaths.sandboxLog}.`);
}

/** Stops the demo's sandbox if it runs; resolves once the process is gone. */
export async function stopSandbox(log: (line: string) => void): Promise<void> {
    const info = readSandboxInfo();
    if (!info) {
        return;
    }
    process.kill(info.pid, "SIGTERM");
    const deadline = Date.now() + 20_000;
    while (alive(info.pid) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
    }
    if (alive(info.pid)) {
        process.kill(info.pid, "SIGKILL");
    }
    log(`Sandbox stopped (pid ${info.pid})`);
}
