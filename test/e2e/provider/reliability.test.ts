// Reliability through the real CLI with the sandbox's faults on: 5xx and 429 answers, create
// activities that fail after the object appeared, answers lost after a write, and a sandbox
// restart in the middle of an update. Each `pulumi up` either succeeds or fails with a clear
// error; repeated, it converges; and after every run the VMs, disks and buckets in the sandbox
// are exactly those in the state (nothing billed outside Pulumi).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Sandbox } from "../../../sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack, sandboxNames } from "./harness";
import { startSandbox } from "../../support/sandbox";

interface Resource {
    type: string;
    id?: string;
    outputs?: Record<string, unknown>;
}

describe("provider e2e: reliability with sandbox faults", function () {
    this.timeout(1_200_000);
    const prefix = "rely";
    let sandbox: Sandbox;
    let run: StackRun;

    before(async () => {
        requireToolchain();
        buildOnce();
        sandbox = await startSandbox();
        run = await openStack("fleet", sandbox, prefix);
        await run.setConfig("count", "6");
        await run.setConfig("buckets", "2");
    });

    after(async () => {
        run?.dispose();
        await sandbox?.stop();
    });

    /** Sandbox and state hold the same VMs, disks and buckets of this stack. */
    async function assertSameSets(label: string): Promise<void> {
        const resources = ((await run.exportState()).deployment.resources ?? []) as Resource[];
        const inState = (type: string) =>
            resources
                .filter((r) => r.type === type)
                .map((r) => r.id as string)
                .sort();
        const vmsInSandbox = (sandbox.listVirtualMachines() as { id: string; name: string }[]).filter((v) => v.name.startsWith(prefix));
        assert.deepStrictEqual(vmsInSandbox.map((v) => v.id).sort(), inState("securetemple:compute:VirtualMachine"), `${label}: VMs`);
        const ourVms = new Set(vmsInSandbox.map((v) => v.id));
        const disks = (sandbox.listDisks() as { id: string; virtualMachineId: string }[])
            // VMs created from a guest OS have no disk of their own: every disk on them is one of ours.
            .filter((d) => ourVms.has(d.virtualMachineId))
            .map((d) => d.id)
            .sort();
        assert.deepStrictEqual(disks, inState("securetemple:compute:VirtualDisk"), `${label}: disks`);
        assert.deepStrictEqual(
            sandboxNames(sandbox.listBuckets(), prefix),
            inState("securetemple:objectstorage:Bucket"),
            `${label}: buckets`,
        );
    }

    it("converges under 5xx/429 bursts, failed-after-create activities, lost answers, inventory runs that miss new VMs and a restart", async () => {
        await sandbox.setFaults({
            errorRate5xx: 0.04,
            errorRate429: 0.04,
            failActivityAfterCreateRate: 0.3,
            lostWriteResponseRate: 0.15,
            inventoryFromStartRate: 0.5,
        });
        const outcomes: string[] = [];
        let restartedDuringUp = false;
        for (let attempt = 1; attempt <= 5; attempt++) {
            // The first run also loses the sandbox for a moment in the middle: once its first VM of
            // this stack exists (the run has more to do: the others, their disks and policies),
            // whatever time that takes, never after a fixed delay.
            let running = true;
            const restart =
                attempt === 1
                    ? (async () => {
                          while (running && sandboxNames(sandbox.listVirtualMachines(), prefix).length === 0) {
                              await new Promise((r) => setTimeout(r, 25));
                          }
                          restartedDuringUp = running;
                          if (running) {
                              await sandbox.restart();
                          }
                      })()
                    : Promise.resolve();
            const result = await run.pulumi(["up", "--yes", "--skip-preview"]);
            running = false;
            await restart;
            outcomes.push(result.code === 0 ? "ok" : "failed");
            if (result.code !== 0) {
                // A failure is reported as readable sentences, never a stack trace of the plugin.
                const text = result.stdout + result.stderr;
                assert.match(text, /error: /);
                assert.doesNotMatch(text, /at Object\.<anonymous>|TypeError|Cannot read properties/);
            }
            await assertSameSets(`after run ${attempt}`);
            if (result.code === 0) {
                break;
            }
        }
        const failedActivities = (sandbox.listActivities() as { reason?: string }[]).filter((a) => a.reason).length;
        const log = fs.readFileSync(path.join(run.dir, "provider.log"), "utf8");
        const count = (pattern: RegExp) => (log.match(pattern) ?? []).length;
        console.log(
            `      reliability: runs ${outcomes.join(", ")}; failed activities ${failedActivities}; ` +
                `retried reads ${count(/retry \d+ in/g)}, resent 429 writes ${count(/HTTP 429, resent/g)}, adoptions ${count(/adopted/g)}, ` +
                `re-read passes ${count(/reading it again/g)}`,
        );
        assert.ok(restartedDuringUp, "the sandbox was restarted while the first `pulumi up` ran");
        assert.strictEqual(outcomes[outcomes.length - 1], "ok", `no convergence in ${outcomes.length} runs`);
        assert.strictEqual(sandboxNames(sandbox.listVirtualMachines(), prefix).length, 6);

        // A last run with faults on changes nothing, then destroy (faults off) leaves nothing.
        await sandbox.setFaults({
            errorRate5xx: 0,
            errorRate429: 0,
            failActivityAfterCreateRate: 0,
            lostWriteResponseRate: 0,
            inventoryFromStartRate: 0,
        });
        const again = await run.ok(["preview", "--json"]);
        assert.deepStrictEqual(Object.keys(JSON.parse(again.stdout).changeSummary), ["same"]);
        await run.ok(["destroy", "--yes", "--skip-preview"]);
        await assertSameSets("after destroy");
        assert.deepStrictEqual(sandboxNames(sandbox.listVirtualMachines(), prefix), []);
    });
});
