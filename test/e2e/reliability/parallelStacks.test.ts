// Eight stacks `pulumi up` at the same moment, from one address with one personal access token,
// through the real CLI and the securetemple plugin, against one sandbox with its per-address
// rate limits and its one-per-second rule for identical requests (the eight token exchanges and
// the eight programs' lookups are identical requests). The plugin processes share one request
// budget through a file; every stack must succeed, and the sandbox must hold each stack's VMs
// exactly once, running with their policy; then the eight destroy at once and leave nothing.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Sandbox } from "../../../sandbox";
import { startSandbox } from "../../support/sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack } from "../provider/harness";

const stacks = 8;
const vmsPerStack = 2;

describe("reliability e2e: parallel stacks from one address", function () {
    this.timeout(900_000);
    let sandbox: Sandbox;
    let budgetDir: string;
    const runs: StackRun[] = [];
    const prefixes = new Map<StackRun, string>();

    before(async () => {
        requireToolchain();
        buildOnce();
        sandbox = await startSandbox({ rateLimits: true, dedupe: true, activityLatencyMs: 500 });
        budgetDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-e2e-budget-")), "budget");
        await Promise.all(
            Array.from({ length: stacks }, async (_, i) => {
                const run = await openStack("fleet", sandbox, `par${i}`);
                runs.push(run);
                prefixes.set(run, `par${i}`);
                await run.setConfig("disks", "false");
                await run.setConfig("count", String(vmsPerStack));
            }),
        );
    });

    after(async () => {
        runs.forEach((r) => r.dispose());
        await sandbox?.stop();
        if (budgetDir) {
            fs.rmSync(path.dirname(budgetDir), { recursive: true, force: true });
        }
    });

    const env = () => ({ SECURETEMPLE_SHARED_BUDGET: budgetDir, SECURETEMPLE_ACTIVITY_POLL_MS: "200" });
    const prefixOf = (run: StackRun) => prefixes.get(run) ?? "";

    it(`runs ${stacks} ups at once with no failure, each stack's VMs in the sandbox exactly once`, async () => {
        const results = await Promise.all(runs.map((run) => run.pulumi(["up", "--yes", "--skip-preview"], env())));
        const failures = results
            .map((r, i) => ({ code: r.code, prefix: prefixOf(runs[i]), text: `${r.stdout}\n${r.stderr}` }))
            .filter((r) => r.code !== 0)
            .map(
                (r) =>
                    `${r.prefix}: exit ${r.code}\n${r.text
                        .split("\n")
                        .filter((l) => /error/i.test(l))
                        .slice(0, 5)
                        .join("\n")}`,
            );
        assert.deepStrictEqual(failures, []);
        const vms = sandbox.listVirtualMachines() as { id: string; name: string; powerState: string; slaPolicies: string[] }[];
        for (const run of runs) {
            const prefix = prefixOf(run);
            const mine = vms.filter((v) => v.name.startsWith(`${prefix}-`));
            assert.deepStrictEqual(
                mine.map((v) => v.name).sort(),
                Array.from({ length: vmsPerStack }, (_, i) => `${prefix}-vm-${i}`),
                prefix,
            );
            assert.ok(
                mine.every((v) => v.powerState === "running" && v.slaPolicies.length === 1),
                `${prefix}: running with their policy`,
            );
            const state = (await run.exportState()).deployment.resources.filter((r) => r.type === "securetemple:compute:VirtualMachine");
            assert.deepStrictEqual(state.map((r) => r.id).sort(), mine.map((v) => v.id).sort(), `${prefix}: state and sandbox agree`);
        }
        // The plugin processes shared their budget through this file, kept private.
        const file = path.join(budgetDir, "budget.sqlite");
        assert.strictEqual(fs.statSync(budgetDir).mode & 0o777, 0o700);
        assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
    });

    it(`destroys the ${stacks} stacks at once and leaves nothing behind`, async () => {
        const results = await Promise.all(runs.map((run) => run.pulumi(["destroy", "--yes", "--skip-preview"], env())));
        assert.deepStrictEqual(
            results.map((r) => r.code),
            Array(stacks).fill(0),
            results
                .filter((r) => r.code !== 0)
                .map((r) => r.stdout)
                .join("\n"),
        );
        const left = (sandbox.listVirtualMachines() as { name: string }[]).filter((v) => /^par\d+-/.test(v.name));
        assert.deepStrictEqual(left, []);
    });
});
