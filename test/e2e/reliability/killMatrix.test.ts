// The kill matrix: a `pulumi up` of VMs with disks, adapters, backup policies and a bucket is
// killed (SIGKILL, of pulumi alone or of its whole process group) at moments chosen by what
// happens: a create's answer lost, an activity running, a backup assignment, a power-on, the
// marker being written, a resource done in the event log, the end of the run. Each kill is
// followed by the recovery the README gives (`pulumi cancel` for the lock the killed run left,
// `pulumi refresh --clear-pending-creates`, then the interrupted command again); then every object of the stack in the sandbox is in the state exactly
// once, and after `destroy` the sandbox holds nothing the stack made. Same for a killed `destroy`.
// One sandbox serves every case; each case has its own stack and name prefix.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Sandbox } from "../../../sandbox";
import { missingTools } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack } from "../provider/harness";
import { startSandbox } from "../../support/sandbox";
import {
    ApiProxy,
    EngineEvent,
    Exchange,
    ExchangeLog,
    KillPoint,
    processesWithEnv,
    spawnPulumi,
    startApiProxy,
    watchEventLog,
} from "./killSwitch";

const vmCreate = /^\/api\/compute\/v1\/vcenters\/virtual_machines$/;
const diskCreate = /^\/api\/compute\/v1\/vcenters\/virtual_disks$/;
const adapterCreate = /^\/api\/compute\/v1\/vcenters\/network_adapters$/;
const bucketCreate = /^\/api\/storage\/object\/v1\/buckets$/;
const vmDelete = /^\/api\/compute\/v1\/vcenters\/virtual_machines\/[^/]+$/;
const diskDelete = /^\/api\/compute\/v1\/vcenters\/virtual_disks\/[^/]+$/;
const bucketDelete = /^\/api\/storage\/object\/v1\/buckets\/[^/]+$/;

const nth = (method: string, pattern: RegExp, n: number, phase: "request" | "response") => (e: Exchange, log: ExchangeLog) =>
    e.method === method && pattern.test(e.path) && log.count(method, pattern, phase) === n;
const activityIn = (method: string, pattern: RegExp, state: "running" | "completed") => (e: Exchange, log: ExchangeLog) =>
    e.method === "GET" && log.readsActivityOf(e.path, method, pattern) && (e.body ?? "").includes(`"${state}"`);
const resourceDone = (op: string, name: string) => (e: EngineEvent) =>
    e.resOutputsEvent?.metadata.op === op && e.resOutputsEvent.metadata.urn.endsWith(`::${name}`);

const upPoints: KillPoint[] = [
    {
        name: "1st VM create sent, answer lost",
        scope: "group",
        onExchange: { phase: "response", match: nth("POST", vmCreate, 1, "response") },
    },
    {
        name: "2nd VM create sent, answer lost",
        scope: "pulumi",
        onExchange: { phase: "response", match: nth("POST", vmCreate, 2, "response") },
    },
    {
        name: "VM create activity running",
        scope: "group",
        onExchange: { phase: "response", match: activityIn("POST", vmCreate, "running") },
    },
    {
        name: "VM create activity completed",
        scope: "pulumi",
        onExchange: { phase: "response", match: activityIn("POST", vmCreate, "completed") },
    },
    {
        name: "creation marker being written",
        scope: "group",
        onExchange: { phase: "request", match: nth("POST", /^\/api\/tag\/v1\/tags$/, 1, "request") },
    },
    {
        name: "backup policies assigned",
        scope: "group",
        onExchange: { phase: "response", match: nth("POST", /^\/api\/backup\/v1\/spp\/policies\/assign\/virtual_machine$/, 1, "response") },
    },
    {
        name: "VM power-on sent",
        scope: "group",
        onExchange: { phase: "response", match: nth("PATCH", /^\/api\/compute\/v1\/vcenters\/virtual_machines\/power$/, 1, "response") },
    },
    {
        name: "1st disk create sent, answer lost",
        scope: "group",
        onExchange: { phase: "response", match: nth("POST", diskCreate, 1, "response") },
    },
    {
        name: "disk create activity running",
        scope: "pulumi",
        onExchange: { phase: "response", match: activityIn("POST", diskCreate, "running") },
    },
    {
        name: "adapter create sent, answer lost",
        scope: "group",
        onExchange: { phase: "response", match: nth("POST", adapterCreate, 1, "response") },
    },
    {
        name: "bucket create sent, answer lost",
        scope: "group",
        onExchange: { phase: "response", match: nth("POST", bucketCreate, 1, "response") },
    },
    { name: "event log: vm-0 created", scope: "group", onEvent: resourceDone("create", "vm-0") },
    { name: "final checkpoint (summary event)", scope: "group", onEvent: (e) => e.summaryEvent !== undefined },
];

const destroyPoints: KillPoint[] = [
    {
        name: "1st disk delete sent, answer lost",
        scope: "group",
        onExchange: { phase: "response", match: nth("DELETE", diskDelete, 1, "response") },
    },
    {
        name: "VM delete activity running",
        scope: "pulumi",
        onExchange: { phase: "response", match: activityIn("DELETE", vmDelete, "running") },
    },
    {
        name: "bucket delete sent, answer lost",
        scope: "group",
        onExchange: { phase: "response", match: nth("DELETE", bucketDelete, 1, "response") },
    },
    { name: "event log: disk-0 deleted", scope: "group", onEvent: resourceDone("delete", "disk-0") },
];

/** The end of what a command printed, for an assertion message. */
const tail = (result: { stdout: string; stderr: string }) => `\n--- output\n${(result.stdout + result.stderr).slice(-2_500)}`;

interface StateResource {
    type: string;
    id?: string;
}

interface CaseFigures {
    point: string;
    fired: boolean;
    /** Objects of the stack in the sandbox and not in the state (or in it twice), after the recovery. */
    orphans: number;
    /** Objects of the stack left in the sandbox after `destroy`. */
    leftAfterDestroy: number;
    recoveryCode: number;
}

describe("reliability e2e: kill matrix (interrupted up and destroy, then recovery)", function () {
    this.timeout(900_000);
    let sandbox: Sandbox;
    let proxy: ApiProxy;
    let run: StackRun;
    const figures: CaseFigures[] = [];
    let caseNumber = 0;
    let currentStack = "";

    before(async () => {
        // This tier needs the Pulumi CLI and MinIO only (not OpenTofu).
        const missing = missingTools().filter((tool) => tool !== "tofu");
        assert.deepStrictEqual(missing, [], `missing tools: ${missing.join(", ")}; run \`npm run toolchain\``);
        buildOnce();
        // Short activities, so that a run lasts seconds, but long enough to be seen running.
        sandbox = await startSandbox({ activityLatencyMs: 400 });
        proxy = await startApiProxy(sandbox.endpoint);
        run = await openStack("killmatrix", sandbox, "km-base");
        await run.setConfig("securetemple:endpoint", proxy.endpoint);
    });

    after(async function () {
        if (figures.length > 0) {
            console.log("\n  kill point | fired | orphans after recovery | left after destroy");
            for (const f of figures) {
                console.log(`  ${f.point} | ${f.fired ? "yes" : "no"} | ${f.orphans} | ${f.leftAfterDestroy}`);
            }
        }
        run?.dispose();
        await proxy?.stop();
        await sandbox?.stop();
    });

    /** The stack's objects in the sandbox, by type token, as ids (a VM's disks and adapters are the stack's). */
    function sandboxObjects(prefix: string): Map<string, string[]> {
        const vms = (sandbox.listVirtualMachines() as { id: string; name: string }[]).filter((v) => v.name.startsWith(`${prefix}-`));
        const ours = new Set(vms.map((v) => v.id));
        const onOurs = (list: unknown[]) =>
            (list as { id: string; virtualMachineId: string }[]).filter((o) => ours.has(o.virtualMachineId)).map((o) => o.id);
        return new Map([
            ["securetemple:compute:VirtualMachine", vms.map((v) => v.id)],
            ["securetemple:compute:VirtualDisk", onOurs(sandbox.listDisks())],
            ["securetemple:compute:NetworkAdapter", onOurs(sandbox.listNetworkAdapters())],
            [
                "securetemple:objectstorage:Bucket",
                (sandbox.listBuckets() as { name: string }[]).filter((b) => b.name.startsWith(`${prefix}-`)).map((b) => b.name),
            ],
        ]);
    }

    /** Objects in the sandbox not in the state exactly once, and state entries with nothing behind them. */
    async function mismatches(prefix: string): Promise<{ orphans: number; details: string[]; pendingOperations: number }> {
        const deployment = (await run.exportState()).deployment as { resources?: StateResource[]; pending_operations?: unknown[] };
        const resources = deployment.resources ?? [];
        let orphans = 0;
        const details: string[] = [];
        for (const [type, ids] of sandboxObjects(prefix)) {
            const inState = resources.filter((r) => r.type === type).map((r) => r.id ?? "");
            for (const id of ids) {
                const times = inState.filter((s) => s === id).length;
                if (times !== 1) {
                    orphans += 1;
                    details.push(`${type} ${id} is in the state ${times} time(s)`);
                }
            }
            for (const id of inState.filter((s) => !ids.includes(s))) {
                details.push(`${type} ${id} is in the state but not in the sandbox`);
            }
        }
        await sandbox.settle();
        return { orphans, details, pendingOperations: deployment.pending_operations?.length ?? 0 };
    }

    function leftovers(prefix: string): number {
        return [...sandboxObjects(prefix).values()].reduce((n, ids) => n + ids.length, 0);
    }

    /** Runs `pulumi <args>` killed at `point`; returns whether the kill point was reached. */
    async function killedRun(args: string[], point: KillPoint, caseId: string): Promise<boolean> {
        const eventLog = path.join(run.dir, `events-${caseId}.jsonl`);
        const env = {
            ...run.workspace.env,
            SECURETEMPLE_ACTIVITY_POLL_MS: "100",
            SECURETEMPLE_PROVIDER_LOG: path.join(run.dir, "provider.log"),
            SECURETEMPLE_KILL_CASE: caseId,
        };
        const child = spawnPulumi([...args, "--event-log", eventLog], run.dir, env);
        proxy.arm(point, () => child.kill(point.scope));
        let firedByEvent = false;
        if (point.onEvent) {
            const onEvent = point.onEvent;
            const eventWatcher = watchEventLog(eventLog, (e) => {
                if (!firedByEvent && onEvent(e)) {
                    firedByEvent = true;
                    child.kill(point.scope);
                }
            });
            await child.done;
            eventWatcher.stop();
        } else {
            await child.done;
        }
        const fired = proxy.fired() || firedByEvent;
        proxy.arm(undefined, () => undefined);
        return fired;
    }

    /** Ends what the killed run left running (its language host lives on), by pid, once the case is over. */
    function endSurvivors(caseId: string): void {
        for (const pid of processesWithEnv("SECURETEMPLE_KILL_CASE", caseId)) {
            try {
                process.kill(pid, "SIGKILL");
            } catch {
                // Gone meanwhile.
            }
        }
    }

    async function newCaseStack(): Promise<{ prefix: string; caseId: string }> {
        caseNumber += 1;
        const caseId = `km${caseNumber}`;
        currentStack = caseId;
        await run.ok(["stack", "init", caseId, "--copy-config-from", "e2e"]);
        await run.setConfig("prefix", caseId);
        return { prefix: caseId, caseId };
    }

    /**
     * The README's recovery: release the lock the killed run left on the stack (`pulumi cancel`,
     * which says so when there is none), then read back what the interrupted run left.
     */
    async function refreshAfterKill(): Promise<string> {
        await run.pulumi(["cancel", "--yes"]);
        let result = await run.pulumi(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
        if (result.code !== 0 && /failed to load checkpoint/.test(result.stdout + result.stderr)) {
            // The kill cut the checkpoint as it was written: the README's step puts back the copy
            // the file backend keeps of the previous one, and the refresh is run again.
            const stackFile = path.join(backendDir(), ".pulumi", "stacks", "securetemple-provider-killmatrix", `${currentStack}.json`);
            fs.copyFileSync(`${stackFile}.bak`, stackFile);
            result = await run.pulumi(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
        }
        return result.code === 0 ? "" : tail(result);
    }

    /** The folder of the file backend (PULUMI_BACKEND_URL). */
    function backendDir(): string {
        return (run.workspace.env.PULUMI_BACKEND_URL ?? "").replace(/^file:\/\//, "");
    }

    for (const point of upPoints) {
        it(`up killed (${point.scope}) at: ${point.name}`, async () => {
            const { prefix, caseId } = await newCaseStack();
            try {
                const fired = await killedRun(["up", "--yes", "--skip-preview"], point, caseId);
                const refreshed = await refreshAfterKill();
                const recovery = await run.pulumi(["up", "--yes", "--skip-preview"]);
                const recoveryCode = recovery.code;
                const after = await mismatches(prefix);
                await run.pulumi(["destroy", "--yes", "--skip-preview"]);
                await sandbox.settle();
                const left = leftovers(prefix);
                figures.push({
                    point: `up: ${point.name} (${point.scope})`,
                    fired,
                    orphans: after.orphans,
                    leftAfterDestroy: left,
                    recoveryCode,
                });
                assert.ok(fired, `the kill point "${point.name}" was not reached`);
                assert.strictEqual(refreshed, "", "the recovery `pulumi refresh` succeeds");
                assert.strictEqual(recoveryCode, 0, `the recovery \`pulumi up\` succeeds${tail(recovery)}`);
                assert.deepStrictEqual(after.details, [], "after the recovery, every object is in the state exactly once");
                assert.strictEqual(after.pendingOperations, 0, "no pending operation is left in the state");
                assert.strictEqual(left, 0, "destroy leaves nothing the stack made");
            } finally {
                endSurvivors(caseId);
            }
        });
    }

    for (const point of destroyPoints) {
        it(`destroy killed (${point.scope}) at: ${point.name}`, async () => {
            const { prefix, caseId } = await newCaseStack();
            try {
                await run.ok(["up", "--yes", "--skip-preview"]);
                const fired = await killedRun(["destroy", "--yes", "--skip-preview"], point, caseId);
                const refreshed = await refreshAfterKill();
                const before = await mismatches(prefix);
                const recovery = await run.pulumi(["destroy", "--yes", "--skip-preview"]);
                const recoveryCode = recovery.code;
                await sandbox.settle();
                const left = leftovers(prefix);
                figures.push({
                    point: `destroy: ${point.name} (${point.scope})`,
                    fired,
                    orphans: before.orphans,
                    leftAfterDestroy: left,
                    recoveryCode,
                });
                assert.ok(fired, `the kill point "${point.name}" was not reached`);
                assert.strictEqual(refreshed, "", "the recovery `pulumi refresh` succeeds");
                assert.strictEqual(recoveryCode, 0, `the recovery \`pulumi destroy\` succeeds${tail(recovery)}`);
                assert.strictEqual(left, 0, "destroy leaves nothing the stack made");
                const state = (await run.exportState()).deployment as { resources?: StateResource[] };
                assert.deepStrictEqual(
                    (state.resources ?? []).filter((r) => r.type.startsWith("securetemple:")),
                    [],
                    "the state holds nothing either",
                );
            } finally {
                endSurvivors(caseId);
            }
        });
    }
});
