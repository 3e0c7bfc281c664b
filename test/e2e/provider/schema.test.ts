// The package schema through the real CLI: `pulumi package get-schema` starts the plugin and
// prints what it serves (Pulumi binds it with its own checks), and `pulumi package gen-sdk`
// writes an SDK from it for TypeScript, Python and Go without an error.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { componentTokens, functionTokens, resourceTokens } from "../../../provider/resources/tokens";
import { requireToolchain } from "../../../tools/toolchain/env";
import { PulumiWorkspace, pulumiWorkspace } from "../../support/pulumi";
import { buildOnce, repoRoot } from "./harness";

interface Schema {
    name: string;
    version: string;
    config: { variables: Record<string, { secret?: boolean }> };
    provider: { inputProperties: Record<string, { secret?: boolean }> };
    resources: Record<
        string,
        {
            isComponent?: boolean;
            properties: Record<string, { secret?: boolean; $ref?: string; items?: { $ref?: string } }>;
            inputProperties: Record<string, { $ref?: string; items?: { $ref?: string } }>;
        }
    >;
    functions: Record<string, unknown>;
    language: { nodejs: { packageName: string }; python: { packageName: string }; go: { importBasePath: string } };
}

describe("provider e2e: the package schema through `pulumi package`", function () {
    this.timeout(600_000);
    const plugin = path.join(repoRoot, "provider", "plugin");
    let ws: PulumiWorkspace;
    let cwd: string;
    let schema: Schema;

    before(async () => {
        requireToolchain();
        buildOnce();
        ws = pulumiWorkspace();
        // Outside any project, as a user would run it.
        cwd = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-schema-"));
    });

    after(() => {
        ws?.dispose();
        fs.rmSync(cwd, { recursive: true, force: true });
    });

    it("prints the schema the plugin serves: name, version, every resource, component and function", async () => {
        const printed = await ws.ok(["package", "get-schema", plugin], cwd);
        schema = JSON.parse(printed.stdout) as Schema;
        const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
        assert.strictEqual(schema.name, "securetemple");
        assert.strictEqual(schema.version, pkg.version);
        for (const token of Object.values(resourceTokens)) {
            assert.ok(schema.resources[token] && !schema.resources[token].isComponent, `${token} is a custom resource`);
        }
        for (const token of Object.values(componentTokens)) {
            assert.strictEqual(schema.resources[token]?.isComponent, true, `${token} is a component`);
        }
        assert.deepStrictEqual(Object.keys(schema.functions).sort(), Object.values(functionTokens).sort());
        // What is committed under sdk/ was generated from this very schema.
        assert.deepStrictEqual(
            schema,
            JSON.parse(fs.readFileSync(path.join(repoRoot, "sdk", "schema.json"), "utf8")),
            "sdk/schema.json is stale: run npm run sdk:generate",
        );
    });

    it("keeps the credentials and the storage-account key secret, and names the packages of each language", () => {
        for (const key of ["secretId", "s3SecretAccessKey"]) {
            assert.strictEqual(schema.config.variables[key]?.secret, true, `config ${key}`);
            assert.strictEqual(schema.provider.inputProperties[key]?.secret, true, `provider ${key}`);
        }
        assert.ok(!schema.config.variables.clientId.secret);
        assert.strictEqual(schema.resources[resourceTokens.storageAccount].properties.secretAccessKey.secret, true);
        assert.deepStrictEqual(
            [schema.language.nodejs.packageName, schema.language.python.packageName, schema.language.go.importBasePath],
            ["@securetemple/pulumi", "pulumi_securetemple", "github.com/securetemple/pulumi-securetemple/sdk/go/securetemple"],
        );
        const workload = schema.resources[componentTokens.workload];
        assert.strictEqual(workload.inputProperties.tenant.$ref, `#/resources/${componentTokens.tenant}`);
        assert.strictEqual(workload.inputProperties.clusters.items?.$ref, `#/resources/${componentTokens.cluster}`);
        assert.strictEqual(workload.inputProperties.backupPolicyCandidates.items?.$ref, `#/resources/${componentTokens.backupPolicy}`);
        assert.strictEqual(workload.properties.vms.items?.$ref, `#/resources/${resourceTokens.virtualMachine}`);
    });

    for (const language of ["nodejs", "python", "go"]) {
        it(`generates the ${language} SDK from the plugin without an error`, async () => {
            const out = path.join(cwd, "sdks");
            const result = await ws.ok(["package", "gen-sdk", plugin, "--language", language, "--out", out], cwd);
            assert.doesNotMatch(result.stdout + result.stderr, /error/i);
            const expected = {
                nodejs: "compute/virtualMachine.ts",
                python: "pulumi_securetemple/compute/virtual_machine.py",
                go: "securetemple/compute/virtualMachine.go",
            }[language] as string;
            assert.ok(fs.existsSync(path.join(out, language, expected)), `${language}/${expected} was written`);
        });
    }
});
