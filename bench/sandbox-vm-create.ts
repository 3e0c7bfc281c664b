// Benchmark of the sandbox as users run it (a separate process, compiled JavaScript):
//   - latency of a VM create through activity completion (POST, then polling the activity until
//     `completed`), activity latency 0, rate limits and duplicate throttling off;
//   - resident memory (RSS) of the sandbox process at rest, after start and after the run.
// Prints medians and percentiles; asserts nothing.
//   npx ts-node --transpile-only bench/sandbox-vm-create.ts [iterations]
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { SandboxInfo } from "../sandbox/main";
import { minioPath } from "../tools/toolchain/env";

const root = path.resolve(__dirname, "..");
const iterations = Number(process.argv[2] ?? 300);

function quantile(sorted: number[], q: number): number {
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function rssMiB(pid: number): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? "0");
    return kb / 1024;
}

async function waitReady(child: ChildProcess): Promise<void> {
    let out = "";
    await new Promise<void>((resolve, reject) => {
        child.stdout?.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes("Sandbox ready")) {
                resolve();
            }
        });
        child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
        child.on("exit", (code) => reject(new Error(`sandbox exited ${code}: ${out}`)));
    });
}

async function main(): Promise<void> {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-bench-"));
    const outDir = path.join(root, "dist");
    // Compile the sandbox alone (tsc follows its imports) into dist/, where `npm run build` puts it:
    // the process then runs as users run it, `node dist/sandbox/main.js`.
    execFileSync(
        process.execPath,
        [
            require.resolve("typescript/bin/tsc"),
            "--outDir",
            outDir,
            "--rootDir",
            root,
            "--module",
            "commonjs",
            "--target",
            "ES2022",
            "--esModuleInterop",
            "--skipLibCheck",
            "--resolveJsonModule",
            "--strict",
            path.join(root, "sandbox", "main.ts"),
        ],
        { stdio: "inherit" },
    );
    const dataDir = path.join(work, "data");
    const child = spawn(
        process.execPath,
        [path.join(outDir, "sandbox", "main.js"), "--data-dir", dataDir, "--no-rate-limits", "--minio", minioPath()],
        { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
        await waitReady(child);
        const info = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as SandboxInfo;
        await fetch(`${info.endpoint}/_admin/settings`, {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ dedupe: false, rateLimits: false }),
        });
        await new Promise((r) => setTimeout(r, 2000));
        const rssAtStart = rssMiB(child.pid as number);

        const token = await (
            await fetch(`${info.apiUrl}/iam/v2/auth/personal_access_token`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ id: info.clientId, secret: info.secretId }),
            })
        ).text();
        const ids = (await (await fetch(`${info.endpoint}/_admin/ids`)).json()) as Record<string, Record<string, string>>;
        const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
        const zones = [
            { dc: "dc-az05-par7s", cluster: "clu001-az05-standard", ds: "ds-az05-standard-01" },
            { dc: "dc-az06-th3s", cluster: "clu001-az06-standard", ds: "ds-az06-standard-01" },
            { dc: "dc-az07-data4", cluster: "clu001-az07-advance", ds: "ds-az07-standard-01" },
        ];
        const samples: number[] = [];
        let polls = 0;
        for (let i = 0; i < iterations; i++) {
            const z = zones[i % zones.length];
            const body = JSON.stringify({
                datacenterId: ids.datacenter[z.dc],
                hostClusterId: ids.hostCluster[z.cluster],
                datastoreId: ids.datastore[z.ds],
                name: `bench-${i}`,
                memory: 1024 ** 3,
                cpu: 1,
                guestOperatingSystemMoref: "ubuntu64Guest",
            });
            const t0 = process.hrtime.bigint();
            const res = await fetch(`${info.apiUrl}/compute/v1/vcenters/virtual_machines`, { method: "POST", headers, body });
            await res.arrayBuffer();
            const activity = res.headers.get("location");
            if (res.status !== 201 || !activity) {
                throw new Error(`create ${i}: ${res.status}`);
            }
            for (;;) {
                polls++;
                const a = (await (await fetch(`${info.apiUrl}/activity/v1/activities/${activity}`, { headers })).json()) as {
                    state: Record<string, unknown>;
                };
                if (a.state.completed) {
                    break;
                }
                if (a.state.failed) {
                    throw new Error(`create ${i} failed: ${JSON.stringify(a.state)}`);
                }
            }
            samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
        await new Promise((r) => setTimeout(r, 3000));
        const rssAfter = rssMiB(child.pid as number);
        samples.sort((a, b) => a - b);
        const mean = samples.reduce((s, x) => s + x, 0) / samples.length;
        console.log(
            `VM create through activity completion (activity latency 0, ${iterations} creates, ${(polls / iterations).toFixed(2)} activity reads per create)`,
        );
        console.log(
            `  median ${quantile(samples, 0.5).toFixed(2)} ms   p90 ${quantile(samples, 0.9).toFixed(2)} ms   p99 ${quantile(samples, 0.99).toFixed(2)} ms   mean ${mean.toFixed(2)} ms   max ${samples[samples.length - 1].toFixed(2)} ms`,
        );
        console.log(
            `  machine: ${os.cpus().length} CPUs, load average ${os
                .loadavg()
                .map((l) => l.toFixed(1))
                .join(" ")} (other work on the machine skews the figures)`,
        );
        console.log(
            `Sandbox RSS at rest: ${rssAtStart.toFixed(1)} MiB after start, ${rssAfter.toFixed(1)} MiB after ${iterations} VMs (ratio ${(rssAfter / rssAtStart).toFixed(2)}); MinIO runs in its own process`,
        );
    } finally {
        if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise((r) => child.once("exit", r));
            child.kill("SIGTERM");
            await exited;
        }
        fs.rmSync(work, { recursive: true, force: true });
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
