// Benchmark: N stacks (default 8) run `pulumi up` (or `preview`) at the same moment, from one
// address with one personal access token, through the real CLI and the securetemple plugin,
// against one sandbox (its own process) with its per-address rate limits and its one-per-second
// rule for identical requests. A counting proxy sees every request. Prints, per run and as
// medians: failures (and how many said nothing), the total wall time, requests per product, 429
// answers, and the ratio of the wall time to the lower bound the shared limit sets:
//   rate:      max over products of (requests of all stacks) / documented limit;
//   identical: the N token exchanges are identical requests, one per second at most, so the last
//              stack starts (N - 1) s after the first, then waits for its own chain of
//              activities (create, backup inventory, policy assignment, power-on);
//   bound = max(rate, identical).
// Also the same for one stack alone, so the cost of sharing is visible. Asserts nothing.
//   npx ts-node --transpile-only bench/provision-parallel-stacks.ts [--stacks 8] [--vms 3] [--latency 2000] [--runs 3] [--op up|preview]
import * as fs from "fs";
import * as os from "os";
import { documentedLimits } from "../provider/api/budget";
import { Sandbox } from "../sandbox";
import { StackRun, buildOnce, openStack } from "../test/e2e/provider/harness";
import { countingProxy } from "./provisionProxy";
import { startSandboxProcess } from "./sandboxProcess";

function option(name: string, fallback: string): string {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : fallback;
}

const stacks = Number(option("stacks", "8"));
const vmsPerStack = Number(option("vms", "3"));
const latencyMs = Number(option("latency", "2000"));
const runs = Number(option("runs", "3"));
const op = option("op", "up");
const chainedActivities = op === "up" ? 4 : 0;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const limit = (product: string) => documentedLimits.products[product] ?? documentedLimits.defaultPerSecond;

interface Outcome {
    code: number;
    seconds: number;
    /** First error line printed, or "" when the run failed without any. */
    error: string;
}

interface RunResult {
    wallS: number;
    boundS: number;
    failures: number;
    /** VMs not running with their policy at the end, over all stacks. */
    missing: number;
    silent: number;
    throttled: number;
    requests: number;
}

function firstError(text: string): string {
    const line = text.split("\n").find((l) => /\berror\b/i.test(l) && l.trim() !== "");
    return line?.trim() ?? "";
}

async function once(run: number, count: number): Promise<RunResult> {
    const sandbox = await startSandboxProcess({ activityLatencyMs: latencyMs });
    const proxy = await countingProxy(sandbox.endpoint);
    const target = {
        endpoint: proxy.url,
        clientId: sandbox.clientId,
        secretId: sandbox.secretId,
        minio: sandbox.minio,
    } as unknown as Sandbox;
    const runsOpen: StackRun[] = [];
    try {
        const opened = await Promise.all(
            Array.from({ length: count }, async (_, i) => {
                const stack = await openStack("fleet", target, `par${run}s${i}`);
                runsOpen.push(stack);
                await stack.setConfig("disks", "false");
                await stack.setConfig("count", String(vmsPerStack));
                return stack;
            }),
        );
        proxy.reset();
        const started = Date.now();
        const args = op === "up" ? ["up", "--yes", "--skip-preview"] : ["preview"];
        const outcomes: Outcome[] = await Promise.all(
            opened.map(async (stack) => {
                const t0 = Date.now();
                const result = await stack.pulumi(args, { SECURETEMPLE_ACTIVITY_POLL_MS: "1000" });
                const text = `${result.stdout}\n${result.stderr}`;
                if (result.code !== 0 && process.env.BENCH_FAILURES) {
                    // The whole output of a failed run, to read afterwards.
                    fs.appendFileSync(process.env.BENCH_FAILURES, `==== ${stack.dir} exit ${result.code}\n${text}\n`);
                }
                return { code: result.code, seconds: (Date.now() - t0) / 1000, error: result.code === 0 ? "" : firstError(text) };
            }),
        );
        const wallS = (Date.now() - started) / 1000;
        // The machine is shared: its load says how much of the wall time was ours.
        const load = os.loadavg()[0].toFixed(1);
        const failed = outcomes.filter((o) => o.code !== 0);
        let missing = 0;
        if (op === "up") {
            const vms = await sandbox.listVirtualMachines();
            const ready = vms.filter(
                (v) => v.name.startsWith(`par${run}s`) && v.powerState === "running" && v.slaPolicies.length === 1,
            ).length;
            missing = count * vmsPerStack - ready;
        }
        const rateS = Math.max(0, ...Object.entries(proxy.counts.byProduct).map(([p, n]) => n / limit(p)));
        const identicalS = (count - 1) * (documentedLimits.identicalRequestSpacingMs / 1000) + (chainedActivities * latencyMs) / 1000;
        const boundS = Math.max(rateS, identicalS);
        console.log(
            `run ${run}, ${count} stack(s) x ${vmsPerStack} VMs, ${op}: ${failed.length} failed (${failed.filter((o) => !o.error).length} without a message)` +
                `${op === "up" ? `, ${missing} VMs missing or not ready` : ""}; wall ${wallS.toFixed(1)} s (load average ${load}; per stack ${outcomes.map((o) => o.seconds.toFixed(0)).join(" ")}); ` +
                `requests ${proxy.counts.total} (${Object.entries(proxy.counts.byProduct)
                    .map(([p, n]) => `${p} ${n}`)
                    .join(", ")}); 429 answers ${proxy.counts.throttled}; ` +
                `bound ${boundS.toFixed(1)} s (rate ${rateS.toFixed(1)} s, identical requests ${identicalS.toFixed(1)} s); ratio ${(wallS / boundS).toFixed(2)}`,
        );
        for (const o of failed) {
            console.log(`  exit ${o.code}: ${o.error || "(no message at all)"}`);
        }
        return {
            wallS,
            boundS,
            failures: failed.length,
            missing,
            silent: failed.filter((o) => !o.error).length,
            throttled: proxy.counts.throttled,
            requests: proxy.counts.total,
        };
    } finally {
        runsOpen.forEach((s) => s.dispose());
        await proxy.close();
        await sandbox.stop();
    }
}

async function main(): Promise<void> {
    buildOnce();
    console.log(
        `${stacks} stacks x ${vmsPerStack} VMs (backup policy each), ${op} at once, activity latency ${latencyMs} ms, rate limits and identical-request rule on, ${runs} run(s)`,
    );
    const single = await once(0, 1);
    const results: RunResult[] = [];
    for (let run = 1; run <= runs; run++) {
        results.push(await once(run, stacks));
    }
    console.log(
        `median of ${runs}: wall ${median(results.map((r) => r.wallS)).toFixed(1)} s against a bound of ${median(results.map((r) => r.boundS)).toFixed(1)} s ` +
            `(ratio ${median(results.map((r) => r.wallS / r.boundS)).toFixed(2)}); one stack alone ${single.wallS.toFixed(1)} s (ratio ${(single.wallS / single.boundS).toFixed(2)}); ` +
            `requests ${median(results.map((r) => r.requests))}; 429 answers ${median(results.map((r) => r.throttled))}; ` +
            `failures ${results.reduce((n, r) => n + r.failures, 0)} in ${runs * stacks} stack runs (${results.reduce((n, r) => n + r.silent, 0)} without a message), ` +
            `VMs missing ${results.reduce((n, r) => n + r.missing, 0)}`,
    );
}

main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
});
