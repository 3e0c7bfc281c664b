// An explicit Provider instance: a stack with no securetemple:* config and no CLOUDTEMPLE_*
// variables works through `new Provider(...)`, and its secret argument stays secret in the state.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack, sandboxNames } from "./harness";
import { startSandbox } from "../../support/sandbox";

describe("provider e2e: an explicit provider instance", function () {
    this.timeout(300_000);
    const prefix = "explicit";
    let sandbox: Sandbox;
    let run: StackRun;
    const noEnv = { CLOUDTEMPLE_HTTP_ADDR: "", CLOUDTEMPLE_CLIENT_ID: "", CLOUDTEMPLE_SECRET_ID: "" };

    before(async () => {
        requireToolchain();
        buildOnce();
        sandbox = await startSandbox();
        run = await openStack("explicit", sandbox, prefix, { providerConfig: false });
        await run.setConfig("apiEndpoint", sandbox.endpoint);
        await run.setConfig("apiClientId", sandbox.clientId);
        await run.setConfig("apiSecretId", sandbox.secretId, true);
    });

    after(async () => {
        run?.dispose();
        await sandbox?.stop();
    });

    it("creates, reads and destroys through the explicit provider only", async () => {
        await run.ok(["up", "--yes", "--skip-preview"], noEnv);
        assert.deepStrictEqual(sandboxNames(sandbox.listBuckets(), prefix), [`${prefix}-bucket`]);
        const outputs = JSON.parse((await run.ok(["stack", "output", "--json"])).stdout);
        assert.strictEqual(outputs.tenant, sandbox.tenant.name);
        const exported = (await run.ok(["stack", "export"])).stdout;
        assert.ok(!exported.includes(sandbox.secretId), "the provider's secretId is in the state in plain text");
        const state = JSON.parse(exported);
        const provider = state.deployment.resources.find((r: { type: string }) => r.type === "pulumi:providers:securetemple");
        assert.strictEqual(provider.inputs.endpoint, sandbox.endpoint);
        await run.ok(["refresh", "--yes", "--skip-preview"], noEnv);
        await run.ok(["destroy", "--yes", "--skip-preview"], noEnv);
        assert.deepStrictEqual(sandboxNames(sandbox.listBuckets(), prefix), []);
        assert.deepStrictEqual(sandboxNames(sandbox.listStorageAccounts(), prefix), []);
    });
});
