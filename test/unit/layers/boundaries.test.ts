// The import boundaries between the layers (eslint.boundaries.mjs), proved rule by rule: ESLint,
// with the repository's own configuration, lints a one-line snippet as if it stood in a file of
// the folder, and the boundary rule must fire on each import that crosses a layer and stay quiet
// on the imports that folder is allowed.
import * as assert from "assert";
import * as path from "path";
import { ESLint } from "eslint";

const root = path.resolve(__dirname, "../../..");
const eslint = new ESLint({ cwd: root });

/** The boundary messages ESLint reports for `source` written in `file` (a path from the root). */
async function boundaryMessages(file: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(`${source}\n`, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

async function assertRefused(file: string, specifier: string, reason: RegExp): Promise<void> {
    const messages = await boundaryMessages(file, `import "${specifier}";`);
    assert.strictEqual(messages.length, 1, `${file}: import "${specifier}" should be refused`);
    assert.match(messages[0], reason);
}

async function assertAllowed(file: string, specifier: string): Promise<void> {
    assert.deepStrictEqual(await boundaryMessages(file, `import "${specifier}";`), [], `${file}: import "${specifier}" should be allowed`);
}

describe("import boundaries between the layers", function () {
    this.timeout(60_000);

    it("keep Pulumi out of the API client", async () => {
        await assertRefused("provider/api/probe.ts", "@pulumi/pulumi", /runs without Pulumi/);
        await assertRefused("provider/api/probe.ts", "@pulumi/pulumi/provider", /runs without Pulumi/);
        await assertAllowed("provider/api/probe.ts", "async-mutex");
        await assertAllowed("provider/api/probe.ts", "./http");
    });

    it("keep I/O, the client and the engine out of the catalogue", async () => {
        for (const specifier of [
            "fs",
            "node:fs",
            "child_process",
            "http",
            "net",
            "better-sqlite3",
            "@aws-sdk/client-s3",
            "@pulumi/pulumi",
            "../api/client",
            "../resources/tokens",
        ]) {
            await assertRefused("provider/catalog/probe.ts", specifier, /no I\/O/);
        }
        await assertAllowed("provider/catalog/probe.ts", "ipaddr.js");
        await assertAllowed("provider/catalog/probe.ts", "./region");
    });

    it("keep components out of resources, at any depth", async () => {
        await assertRefused("provider/resources/probe.ts", "../components", /Resources never import components/);
        await assertRefused("provider/resources/handlers/probe.ts", "../../components/workload", /Resources never import components/);
        await assertAllowed("provider/resources/handlers/probe.ts", "../../api/client");
        await assertAllowed("provider/resources/handlers/probe.ts", "../../schema/validate");
    });

    it("let the policy pack read only the catalogue, the type tokens and @pulumi/policy", async () => {
        const rule = "policies/rules/backup/probe.ts";
        for (const specifier of [
            "../../../provider/api",
            "../../../provider/components",
            "../../../provider/resources",
            "../../../provider/resources/handlers/bucket",
            "../../../cli/program",
            "@pulumi/pulumi",
        ]) {
            await assertRefused(rule, specifier, /only the catalogue and the type tokens/);
        }
        await assertRefused("policies/engine/probe.ts", "../../sandbox", /only the catalogue and the type tokens/);
        for (const specifier of [
            "../../../provider/catalog",
            "../../../provider/catalog/backup",
            "../../../provider/resources/tokens",
            "@pulumi/policy",
            "../../support/policy",
            "../../engine",
        ]) {
            await assertAllowed(rule, specifier);
        }
    });

    it("keep tools/ out of the sandbox", async () => {
        await assertRefused("sandbox/probe.ts", "../tools/toolchain/env", /takes its tools \(MinIO\) from its caller/);
        await assertRefused("sandbox/domain/probe.ts", "../../tools/toolchain/paths", /takes its tools \(MinIO\) from its caller/);
        await assertAllowed("sandbox/domain/probe.ts", "../store/ids");
    });

    it("let nothing import the module that constructs the PolicyPack", async () => {
        await assertRefused("cli/commands/probe.ts", "../../policies", /Nothing imports policies\/index\.ts/);
        await assertRefused("test/unit/policies/probe.ts", "../../../policies/index", /Nothing imports policies\/index\.ts/);
        await assertRefused("policies/rules/probe.ts", "..", /Nothing imports policies\/index\.ts/);
        await assertRefused("bench/probe.ts", "../policies/", /Nothing imports policies\/index\.ts/);
        await assertAllowed("test/unit/policies/probe.ts", "../../../policies/rules");
        await assertAllowed("policies/rules/backup/probe.ts", "../index");
    });
});
