// Benchmark: 50 VMs, each with a backup policy, in one `pulumi up` through the real CLI and the
// securetemple plugin, against the sandbox with a realistic activity latency and its rate limits
// and identical-request guard on. A counting proxy between the plugin and the sandbox sees every
// request. Prints, per run and as the median of the runs: wall time of `pulumi up`, requests
// sent, 429 answers, and the ratio of the wall time to two lower bounds:
//   simple:   max(activity chain per VM x latency, max over products of requests / documented limit)
//   pipeline: creates sent at the documented rate, then the last VM's chain of activities
//             ((VMs - 1) / limit + chain x latency); also a valid lower bound, and tighter.
// It also measures the engine's fixed cost (CLI, language host, program and plugin start, the
// lookups) with an empty `pulumi up` on the same stack, and gives the ratios without it.
// Asserts nothing.
//   npx ts-node --transpile-only bench/provision-50-vms.ts [--runs 3] [--vms 50] [--latency 2000]
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import { documentedLimits, productOf } from "../provider/api/budget";
import { buildOnce, openStack } from "../test/e2e/provider/harness";
import { startSandbox } from "../test/support/sandbox";

function option(name: string, fallback: number): number {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const runs = option("runs", 3);
const vmCount = option("vms", 50);
const latencyMs = option("latency", 2000);
/** Activities one VM waits for in sequence: create, backup inventory, policy assignment, power-on. */
const chainedActivities = 4;

interface Counts {
    total: number;
    throttled: number;
    byProduct: Record<string, number>;
}

/** An HTTP proxy that forwards to `target` and counts requests and 429 answers. */
async function countingProxy(target: string): Promise<{ url: string; counts: Counts; reset(): void; close(): Promise<void> }> {
    const counts: Counts = { total: 0, throttled: 0, byProduct: {} };
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", async () => {
            const url = req.url ?? "/";
            if (url.startsWith("/api/")) {
                if (process.env.BENCH_TRACE) {
                    fs.appendFileSync(process.env.BENCH_TRACE, `${Date.now()} ${req.method} ${url}\n`);
                }
                counts.total += 1;
                const product = productOf(url);
                counts.byProduct[product] = (counts.byProduct[product] ?? 0) + 1;
            }
            try {
                const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k))) as Record<string, string>;
                const body = chunks.length ? Buffer.concat(chunks) : undefined;
                const answer = await fetch(`${target}${url}`, { method: req.method, headers, body });
                if (answer.status === 429) {
                    counts.throttled += 1;
                }
                const out: Record<string, string> = {};
                answer.headers.forEach((v, k) => {
                    if (!["content-encoding", "content-length", "transfer-encoding", "connection"].includes(k)) {
                        out[k] = v;
                    }
                });
                res.writeHead(answer.status, out);
                res.end(Buffer.from(await answer.arrayBuffer()));
                if (process.env.BENCH_TRACE && url.startsWith("/api/")) {
                    fs.appendFileSync(process.env.BENCH_TRACE, `${Date.now()} answered ${answer.status} ${req.method} ${url}\n`);
                }
            } catch {
                res.writeHead(502).end();
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        counts,
        reset() {
            Object.assign(counts, { total: 0, throttled: 0, byProduct: {} });
        },
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface RunResult {
    wallS: number;
    engineS: number;
    requests: number;
    throttled: number;
    boundS: number;
    ratio: number;
    pipelineRatio: number;
    workRatio: number;
    workPipelineRatio: number;
    ok: boolean;
}

async function once(run: number): Promise<RunResult> {
    const sandbox = await startSandbox({ activityLatencyMs: latencyMs, rateLimits: true, dedupe: true });
    const proxy = await countingProxy(sandbox.endpoint);
    const stack = await openStack("fleet", { ...sandbox, endpoint: proxy.url }, `bench${run}`);
    try {
        await stack.setConfig("disks", "false");
        // The engine's fixed cost: the same program with no VM.
        await stack.setConfig("count", "0");
        const emptyStarted = Date.now();
        await stack.ok(["up", "--yes", "--skip-preview"]);
        const engineS = (Date.now() - emptyStarted) / 1000;
        await stack.setConfig("count", String(vmCount));
        proxy.reset();
        // Polling starts at the real service's 1 s.
        const started = Date.now();
        const result = await stack.pulumi(["up", "--yes", "--skip-preview", "--parallel", "200"], {
            SECURETEMPLE_ACTIVITY_POLL_MS: "1000",
            ...(process.env.BENCH_PROVIDER_LOG ? { SECURETEMPLE_PROVIDER_LOG: process.env.BENCH_PROVIDER_LOG } : {}),
        });
        const wallS = (Date.now() - started) / 1000;
        const running = (sandbox.listVirtualMachines() as { name: string; powerState: string; slaPolicies: string[] }[]).filter(
            (v) => v.name.startsWith(`bench${run}`) && v.powerState === "running" && v.slaPolicies.length === 1,
        ).length;
        const limit = (product: string) => (documentedLimits.products[product] ?? documentedLimits.defaultPerSecond);
        const rateBoundS = Math.max(...Object.entries(proxy.counts.byProduct).map(([p, n]) => n / limit(p)));
        const latencyBoundS = (chainedActivities * latencyMs) / 1000;
        const boundS = Math.max(rateBoundS, latencyBoundS);
        const pipelineS = Math.max(boundS, (vmCount - 1) / limit("compute") + latencyBoundS);
        const ok = result.code === 0 && running === vmCount;
        const workS = wallS - engineS;
        console.log(
            `run ${run}: ${ok ? "ok" : `FAILED (exit ${result.code}, ${running}/${vmCount} VMs running with their policy)`}; wall ${wallS.toFixed(1)} s ` +
                `(engine start ${engineS.toFixed(1)} s); requests ${proxy.counts.total} (${Object.entries(proxy.counts.byProduct).map(([p, n]) => `${p} ${n}`).join(", ")}); ` +
                `429 answers ${proxy.counts.throttled}; simple bound ${boundS.toFixed(1)} s (rate ${rateBoundS.toFixed(1)} s, latency ${latencyBoundS.toFixed(1)} s), ` +
                `pipeline bound ${pipelineS.toFixed(1)} s; ratio wall/simple ${(wallS / boundS).toFixed(2)}, wall/pipeline ${(wallS / pipelineS).toFixed(2)}, ` +
                `without engine start ${(workS / boundS).toFixed(2)} / ${(workS / pipelineS).toFixed(2)}`,
        );
        if (!ok) {
            console.log(result.stdout.split("\n").slice(-30).join("\n"));
        }
        return {
            wallS,
            engineS,
            requests: proxy.counts.total,
            throttled: proxy.counts.throttled,
            boundS,
            ratio: wallS / boundS,
            pipelineRatio: wallS / pipelineS,
            workRatio: workS / boundS,
            workPipelineRatio: workS / pipelineS,
            ok,
        };
    } finally {
        stack.dispose();
        await proxy.close();
        await sandbox.stop();
    }
}

async function main(): Promise<void> {
    buildOnce();
    console.log(`provision ${vmCount} VMs (backup policy each), activity latency ${latencyMs} ms, rate limits on, ${runs} run(s)`);
    const results: RunResult[] = [];
    for (let run = 1; run <= runs; run++) {
        results.push(await once(run));
    }
    console.log(
        `median of ${runs}: wall ${median(results.map((r) => r.wallS)).toFixed(1)} s; requests ${median(results.map((r) => r.requests))}; ` +
            `429 answers ${median(results.map((r) => r.throttled))}; engine start ${median(results.map((r) => r.engineS)).toFixed(1)} s; ` +
            `ratio wall/simple bound ${median(results.map((r) => r.ratio)).toFixed(2)}, wall/pipeline bound ${median(results.map((r) => r.pipelineRatio)).toFixed(2)}, ` +
            `without engine start ${median(results.map((r) => r.workRatio)).toFixed(2)} / ${median(results.map((r) => r.workPipelineRatio)).toFixed(2)}; ` +
            `failed runs ${results.filter((r) => !r.ok).length}`,
    );
}

main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
});
