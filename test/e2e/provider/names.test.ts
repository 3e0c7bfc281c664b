// Names through the real CLI: a Workload whose VM name prefix breaks the API's naming rule fails the
// preview with the bilingual sentence and the allowed pattern, filed by the engine under the
// Workload (not under its parent Tenant), and nothing reaches the API.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack } from "./harness";
import { startSandbox } from "../../support/sandbox";

describe("provider e2e: VM names through the Pulumi CLI", function () {
    this.timeout(300_000);
    let sandbox: Sandbox;
    let run: StackRun;

    before(async () => {
        requireToolchain();
        buildOnce();
        sandbox = await startSandbox();
        run = await openStack("names", sandbox, "names");
    });

    after(async () => {
        run?.dispose();
        await sandbox?.stop();
    });

    it("refuses a Workload name with a space and a quote, on the Workload's row, before any write", async () => {
        await run.setConfig("workloadName", "web app's");
        const preview = await run.pulumi(["preview"]);
        const output = `${preview.stdout}\n${preview.stderr}`;
        assert.notStrictEqual(preview.code, 0, output);
        // The engine groups diagnostics under the resource they name.
        assert.match(
            output,
            /securetemple:compute:Workload \(app\):\s*\n\s*error: FR Workload « app », name : "web app's" ne fait pas des noms de VM valides/,
            output,
        );
        assert.ok(output.includes("(^[A-Za-z0-9][A-Za-z0-9._-]*$)"), output);
        assert.match(
            output,
            / \/ EN Workload "app", name: "web app's" does not make valid VM names \("web app's-2"\); expected a VM name of ASCII letters/,
            output,
        );
        assert.doesNotMatch(output, /securetemple:index:Tenant \(first\):\s*\n\s*error/, "not filed under the parent Tenant");
        assert.deepStrictEqual(sandbox.listActivities(), [], "nothing reached the API");
        // A valid name previews.
        await run.setConfig("workloadName", "web-app");
        await run.ok(["preview"]);
    });
});
