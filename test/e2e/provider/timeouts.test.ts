// The resource's custom timeout reaches the provider through the CLI: a create that outlasts it
// fails with a clear error, the VM stays in the state (nothing outside Pulumi), a refresh while
// the create still runs keeps it there, and the next `pulumi up` finishes it.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack } from "./harness";
import { startSandbox } from "../../support/sandbox";

describe("provider e2e: custom timeouts", function () {
    this.timeout(600_000);
    const prefix = "slow";
    let sandbox: Sandbox;
    let run: StackRun;

    before(async () => {
        requireToolchain();
        buildOnce();
        sandbox = await startSandbox({ activityLatencyMs: 6_000 });
        run = await openStack("fleet", sandbox, prefix);
        await run.setConfig("count", "1");
        await run.setConfig("disks", "false");
        await run.setConfig("createTimeout", "1s");
    });

    after(async () => {
        run?.dispose();
        await sandbox?.stop();
    });

    it("stops at the create timeout, keeps the VM in the state, and converges on the next up", async () => {
        const first = await run.pulumi(["up", "--yes", "--skip-preview"]);
        assert.notStrictEqual(first.code, 0);
        assert.match(first.stdout, /did not finish before the timeout/);
        const state = await run.exportState();
        const vm = state.deployment.resources.find((r) => r.type === "securetemple:compute:VirtualMachine");
        assert.ok(vm?.id, "the VM is in the state despite the failure");
        // The create is still running, so the API does not show the VM yet: a refresh now must
        // wait for it rather than conclude that it is gone and drop it from the state.
        assert.strictEqual((sandbox.listVirtualMachines() as unknown[]).length, 0, "the create is still running");
        await run.ok(["refresh", "--yes", "--skip-preview"]);
        const refreshed = (await run.exportState()).deployment.resources.find((r) => r.type === "securetemple:compute:VirtualMachine");
        assert.strictEqual(refreshed?.id, vm.id, "still in the state after the refresh");
        sandbox.setActivityLatency(0);
        await run.ok(["up", "--yes", "--skip-preview"]);
        const inSandbox = (
            sandbox.listVirtualMachines() as { id: string; name: string; powerState: string; slaPolicies: string[] }[]
        ).filter((v) => v.name.startsWith(prefix));
        assert.deepStrictEqual(
            inSandbox.map((v) => [v.id, v.powerState, v.slaPolicies.length]),
            [[vm.id, "running", 1]],
        );
        await run.ok(["destroy", "--yes", "--skip-preview"]);
    });
});
