// The plugin as a package in the plugin cache: packed with provider/plugin/pack.ts, installed
// with `pulumi plugin install --file`, and found by the engine for a program that has no
// `plugins:` entry in its Pulumi.yaml.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Sandbox } from "../../../sandbox";
import { packPlugin } from "../../../provider/plugin/pack";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, buildOnce, openStack, repoRoot, sandboxNames } from "./harness";
import { startSandbox } from "../../support/sandbox";

describe("provider e2e: the plugin installed from its tarball", function () {
    this.timeout(600_000);
    const prefix = "packed";
    let sandbox: Sandbox;
    let run: StackRun;

    before(async () => {
        requireToolchain();
        buildOnce();
        sandbox = await startSandbox();
        run = await openStack("explicit", sandbox, prefix, { providerConfig: false });
        // The same program, without the `plugins:` path: the engine must use the installed plugin.
        const manifest = path.join(run.dir, "Pulumi.yaml");
        fs.writeFileSync(manifest, fs.readFileSync(manifest, "utf8").replace(/plugins:[\s\S]*$/, ""));
        await run.setConfig("apiEndpoint", sandbox.endpoint);
        await run.setConfig("apiClientId", sandbox.clientId);
        await run.setConfig("apiSecretId", sandbox.secretId, true);
    });

    after(async () => {
        run?.dispose();
        await sandbox?.stop();
    });

    it("installs with `pulumi plugin install` and serves a program from the plugin cache", async () => {
        const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
        const tarball = packPlugin(path.join(run.dir, "plugin.tgz"));
        await run.ok(["plugin", "install", "resource", "securetemple", version, "--file", tarball]);
        assert.ok(fs.existsSync(path.join(run.workspace.home, "plugins", `resource-securetemple-v${version}`, "PulumiPlugin.yaml")));
        assert.doesNotMatch(fs.readFileSync(path.join(run.dir, "Pulumi.yaml"), "utf8"), /plugins/);
        await run.ok(["up", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(sandboxNames(sandbox.listBuckets(), prefix), [`${prefix}-bucket`]);
        await run.ok(["destroy", "--yes", "--skip-preview"]);
        assert.deepStrictEqual(sandboxNames(sandbox.listBuckets(), prefix), []);
    });
});
