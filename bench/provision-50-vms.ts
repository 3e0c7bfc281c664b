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
//   npx ts-node --transpile-only bench/provision-50-vms.ts [--runs 3] [--vms 50] [--latency 2000] [--parallel max(200, vms)] [--skip-checkpoints]
import * as os from "os";
import { documentedLimits } from "../provider/api/budget";
import { Sandbox } from "../sandbox";
import { buildOnce, openStack } from "../test/e2e/provider/harness";
import { countingProxy } from "./provisionProxy";
import { startSandboxProcess } from "./sandboxProcess";

function option(name: string, fallback: number): number {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const runs = option("runs", 3);
const vmCount = option("vms", 50);
const latencyMs = option("latency", 2000);
/** Resource operations the engine runs at once (its own default is 8): every VM at once unless told. */
const parallel = option("parallel", Math.max(200, vmCount));
/**
 * --skip-checkpoints: the engine writes the state once at the end instead of after every step
 * (PULUMI_SKIP_CHECKPOINTS); shows what the engine's own state writes cost at this size. Not a
 * setting to run with: a run killed midway then leaves no state of what it created.
 */
const skipCheckpoints = process.argv.includes("--skip-checkpoints");
/** Activities one VM waits for in sequence: create, backup inventory, policy assignment, power-on. */
const chainedActivities = 4;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface RunResult {
    wallS: number;
    engineS: number;
    requests: number;
    throttled: number;
    boundS: number;
    ratio: number;
    pipelineRatio: number;
    perVm: Record<string, number>;
    sandboxPeakMiB: number;
    workRatio: number;
    workPipelineRatio: number;
    ok: boolean;
}

async function once(run: number): Promise<RunResult> {
    // The sandbox in its own process, rate limits and identical-request rule on (its defaults).
    const sandbox = await startSandboxProcess({ activityLatencyMs: latencyMs });
    const proxy = await countingProxy(sandbox.endpoint);
    const target = {
        endpoint: proxy.url,
        clientId: sandbox.clientId,
        secretId: sandbox.secretId,
        minio: sandbox.minio,
    } as unknown as Sandbox;
    const stack = await openStack("fleet", target, `bench${run}`);
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
        const result = await stack.pulumi(["up", "--yes", "--skip-preview", "--parallel", String(parallel)], {
            SECURETEMPLE_ACTIVITY_POLL_MS: "1000",
            ...(skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
            ...(process.env.BENCH_PROVIDER_LOG ? { SECURETEMPLE_PROVIDER_LOG: process.env.BENCH_PROVIDER_LOG } : {}),
        });
        const wallS = (Date.now() - started) / 1000;
        // The machine is shared: its load says how much of the wall time was ours.
        const load = os.loadavg()[0].toFixed(1);
        const running = (await sandbox.listVirtualMachines()).filter(
            (v) => v.name.startsWith(`bench${run}`) && v.powerState === "running" && v.slaPolicies.length === 1,
        ).length;
        const limit = (product: string) => documentedLimits.products[product] ?? documentedLimits.defaultPerSecond;
        const rateBoundS = Math.max(...Object.entries(proxy.counts.byProduct).map(([p, n]) => n / limit(p)));
        const latencyBoundS = (chainedActivities * latencyMs) / 1000;
        const boundS = Math.max(rateBoundS, latencyBoundS);
        const pipelineS = Math.max(boundS, (vmCount - 1) / limit("compute") + latencyBoundS);
        const ok = result.code === 0 && running === vmCount;
        const workS = wallS - engineS;
        console.log(
            `run ${run}: ${ok ? "ok" : `FAILED (exit ${result.code}, ${running}/${vmCount} VMs running with their policy)`}; wall ${wallS.toFixed(1)} s (load average ${load}) ` +
                `(engine start ${engineS.toFixed(1)} s); requests ${proxy.counts.total} (${Object.entries(proxy.counts.byProduct)
                    .map(([p, n]) => `${p} ${n}`)
                    .join(", ")}); ` +
                `429 answers ${proxy.counts.throttled}; simple bound ${boundS.toFixed(1)} s (rate ${rateBoundS.toFixed(1)} s, latency ${latencyBoundS.toFixed(1)} s), ` +
                `pipeline bound ${pipelineS.toFixed(1)} s; ratio wall/simple ${(wallS / boundS).toFixed(2)}, wall/pipeline ${(wallS / pipelineS).toFixed(2)}, ` +
                `without engine start ${(workS / boundS).toFixed(2)} / ${(workS / pipelineS).toFixed(2)}`,
        );
        const perVm = Object.fromEntries(Object.entries(proxy.counts.byProduct).map(([p, n]) => [p, n / vmCount]));
        const sandboxPeakMiB = sandbox.peakRssMiB();
        console.log(
            `  per VM: ${Object.entries(perVm)
                .map(([p, n]) => `${p} ${n.toFixed(2)}`)
                .join(", ")}; sandbox memory ${sandbox.rssMiB().toFixed(0)} MiB now, ${sandboxPeakMiB.toFixed(0)} MiB at its peak`,
        );
        console.log(
            `  by route: ${Object.entries(proxy.counts.byRoute)
                .sort((a, b) => b[1] - a[1])
                .map(([r, n]) => `${r} ${n}`)
                .join("; ")}`,
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
            perVm,
            sandboxPeakMiB,
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
    console.log(
        `provision ${vmCount} VMs (backup policy each), activity latency ${latencyMs} ms, rate limits on, --parallel ${parallel}${skipCheckpoints ? ", state written once at the end (PULUMI_SKIP_CHECKPOINTS)" : ""}, ${runs} run(s)`,
    );
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
    const products = [...new Set(results.flatMap((r) => Object.keys(r.perVm)))].sort();
    console.log(
        `median requests per VM: ${products.map((p) => `${p} ${median(results.map((r) => r.perVm[p] ?? 0)).toFixed(2)}`).join(", ")}; ` +
            `sandbox peak memory ${median(results.map((r) => r.sandboxPeakMiB)).toFixed(0)} MiB`,
    );
}

main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
});
