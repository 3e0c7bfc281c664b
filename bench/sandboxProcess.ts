// The sandbox as users run it, for benchmarks: its own process (`node dist/sandbox/main.js`,
// built by `npm run build`) on a temporary data folder, so that its memory is its own and the
// benchmark's work does not share its event loop.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { SandboxInfo } from "../sandbox/main";
import { minioPath } from "../tools/toolchain/env";
import { peakRssMiB, rssMiB } from "./provisionProxy";

const root = path.resolve(__dirname, "..");

export interface SandboxProcess {
    info: SandboxInfo;
    endpoint: string;
    clientId: string;
    secretId: string;
    minio: SandboxInfo["minio"];
    pid: number;
    /** Resident memory now, and its peak since start, in MiB. */
    rssMiB(): number;
    peakRssMiB(): number;
    /** The VMs as the admin route shows them (with their policies). */
    listVirtualMachines(): Promise<{ id: string; name: string; powerState: string; slaPolicies: string[] }[]>;
    stop(): Promise<void>;
}

export async function startSandboxProcess(options: { activityLatencyMs: number; rateLimits?: boolean }): Promise<SandboxProcess> {
    const main = path.join(root, "dist", "sandbox", "main.js");
    if (!fs.existsSync(main)) {
        throw new Error(`${main} is missing: run npm run build first`);
    }
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-bench-sandbox-"));
    const dataDir = path.join(work, "data");
    const args = [main, "--data-dir", dataDir, "--activity-latency", String(options.activityLatencyMs), "--minio", minioPath()];
    if (options.rateLimits === false) {
        args.push("--no-rate-limits");
    }
    const child: ChildProcess = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    await new Promise<void>((resolve, reject) => {
        child.stdout?.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes("Sandbox ready")) {
                resolve();
            }
        });
        child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
        child.once("exit", (code) => reject(new Error(`sandbox exited ${code}: ${out}`)));
    });
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as SandboxInfo;
    const pid = child.pid as number;
    return {
        info,
        endpoint: info.endpoint,
        clientId: info.clientId,
        secretId: info.secretId,
        minio: info.minio,
        pid,
        rssMiB: () => rssMiB(pid),
        peakRssMiB: () => peakRssMiB(pid),
        async listVirtualMachines() {
            return (await (await fetch(`${info.endpoint}/_admin/virtual_machines`)).json()) as {
                id: string;
                name: string;
                powerState: string;
                slaPolicies: string[];
            }[];
        },
        async stop() {
            const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
            child.kill("SIGTERM");
            await exited;
            fs.rmSync(work, { recursive: true, force: true });
        },
    };
}
