// `securetemple env` prints shell lines a shell evaluates back to the same values, and the plugin
// tarball's dependency list follows the compiled provider's requires.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { shellQuote, toolchainVariables } from "../../../cli/commands/env";
import { dependencyClosure, providerImports } from "../../../provider/plugin/pack";

describe("securetemple env: shell lines", () => {
    it("quotes values so that a shell reads them back unchanged", () => {
        for (const value of ["/plain/path", "/with space/and'quote", "$HOME;rm -rf /", 'a"b']) {
            assert.equal(execFileSync("bash", ["-c", `printf %s ${shellQuote(value)}`], { encoding: "utf8" }), value);
        }
    });

    it("puts the cached CLI first on PATH and keeps the caller's PATH after it", () => {
        const vars = toolchainVariables({ pulumiBinDir: "/cache/pulumi v3/bin", fromPath: false }, "/home/u/.securetemple/pulumi");
        const script = `${vars.map(([k, v]) => `export ${k}=${v}`).join("\n")}\nprintf '%s\\n%s' "$PATH" "$PULUMI_HOME"`;
        const [pathValue, home] = execFileSync("bash", ["-c", script], { encoding: "utf8", env: { PATH: "/usr/bin:/bin" } }).split("\n");
        assert.ok(pathValue.startsWith("/cache/pulumi v3/bin:"), pathValue);
        assert.ok(pathValue.endsWith(":/usr/bin:/bin"), pathValue);
        assert.equal(home, "/home/u/.securetemple/pulumi");
    });

    it("leaves PATH alone when the CLI already comes from it", () => {
        const names = toolchainVariables({ pulumiBinDir: "/usr/local/bin", fromPath: true }, "/h").map(([k]) => k);
        assert.ok(!names.includes("PATH"));
        assert.ok(names.includes("PULUMI_HOME"));
    });
});

describe("plugin tarball: dependencies", () => {
    let dir: string;
    const write = (file: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    };
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-pack-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("lists the packages the compiled provider requires, not built-in modules nor its own files", () => {
        write("dist/provider/a.js", `require("fs"); require("node:path"); require("./b"); require("@scope/pkg/sub"); require("plain");`);
        write("dist/provider/b.js", `require("plain/deep/file.js");`);
        assert.deepEqual(providerImports(path.join(dir, "dist/provider")), ["@scope/pkg", "plain"]);
    });

    it("refuses a require that leaves the compiled provider, which the tarball would not hold", () => {
        write("dist/provider/a.js", `require("../../tools/toolchain/env");`);
        assert.throws(
            () => providerImports(path.join(dir, "dist/provider")),
            /requires \.\.\/\.\.\/tools\/toolchain\/env, outside the compiled provider/,
        );
    });

    it("copies hoisted and nested packages to the paths Node finds them at from the provider", () => {
        // An installed kit: app/node_modules/kit, its dependency hoisted to app/node_modules, and one
        // nested under the kit because the app uses another version.
        write("app/node_modules/kit/package.json", `{"name":"kit","version":"1.0.0"}`);
        write("app/node_modules/a/package.json", `{"name":"a","version":"1.0.0","dependencies":{"b":"^1"}}`);
        write("app/node_modules/a/node_modules/b/package.json", `{"name":"b","version":"1.0.0"}`);
        write("app/node_modules/c/package.json", `{"name":"c","version":"9.0.0"}`);
        write("app/node_modules/kit/node_modules/c/package.json", `{"name":"c","version":"2.0.0","optionalDependencies":{"absent":"1"}}`);
        const kit = path.join(dir, "app/node_modules/kit");
        const closure = dependencyClosure(kit, ["a", "c"]);
        const real = (p: string) => fs.realpathSync(path.join(dir, p));
        assert.deepEqual(Object.fromEntries([...closure].sort()), {
            [path.join("node_modules", "a")]: real("app/node_modules/a"),
            [path.join("node_modules", "a", "node_modules", "b")]: real("app/node_modules/a/node_modules/b"),
            [path.join("node_modules", "c")]: real("app/node_modules/kit/node_modules/c"),
        });
        assert.throws(() => dependencyClosure(kit, ["missing"]), /missing, needed by .* is not installed/);
    });
});
