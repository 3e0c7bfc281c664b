// The toolchain helper: version compatibility, what it reports missing, and the environment it
// gives to the CLI (private home, no update check, local passphrase, our binaries first on PATH).
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { compatiblePulumi, missingTools, requireToolchain, toolEnv } from "../../../tools/toolchain/env";
import { wrapperPulumiVersion } from "../../../tools/toolchain/build";
import { pulumiVersion, repoRoot } from "../../../tools/toolchain/versions";

describe("toolchain helper", () => {
    it("accepts a CLI of the same major version that is not older than the SDK", () => {
        assert.ok(compatiblePulumi("3.248.0", "3.248.0"));
        assert.ok(compatiblePulumi("3.250.1", "3.248.0"));
        assert.ok(!compatiblePulumi("3.200.0", "3.248.0"));
        assert.ok(!compatiblePulumi("4.0.0", "3.248.0"));
    });

    it("pins the same Pulumi version in the Go wrapper module as in the lock file", () => {
        assert.strictEqual(wrapperPulumiVersion(), pulumiVersion());
        assert.match(pulumiVersion(), /^3\.248\./);
    });

    describe("with an empty tool cache", () => {
        const saved = { dir: process.env.SECURETEMPLE_TOOLCHAIN_DIR, path: process.env.PATH };
        let empty: string;
        beforeEach(() => {
            empty = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-empty-toolchain-"));
            process.env.SECURETEMPLE_TOOLCHAIN_DIR = empty;
            process.env.PATH = "/usr/bin:/bin";
        });
        afterEach(() => {
            // Assigning undefined to process.env would store the string "undefined".
            if (saved.dir === undefined) {
                delete process.env.SECURETEMPLE_TOOLCHAIN_DIR;
            } else {
                process.env.SECURETEMPLE_TOOLCHAIN_DIR = saved.dir;
            }
            process.env.PATH = saved.path;
            fs.rmSync(empty, { recursive: true, force: true });
        });

        it("lists every missing tool", () => {
            assert.deepStrictEqual(missingTools(), [
                "pulumi",
                "pulumi-language-nodejs",
                "pulumi-language-python",
                "pulumi-language-go",
                "pulumi-language-yaml",
                "minio",
                "tofu",
            ]);
        });

        it("lists for the demo only the CLI, the Node.js host and MinIO", () => {
            assert.deepStrictEqual(missingTools("demo"), ["pulumi", "pulumi-language-nodejs", "minio"]);
        });

        it("says in one sentence what to run", () => {
            assert.throws(
                () => requireToolchain(),
                /^Error: Missing tools: pulumi, pulumi-language-nodejs, pulumi-language-python, pulumi-language-go, pulumi-language-yaml, minio, tofu\. Run `npm run toolchain`/,
            );
            assert.throws(
                () => requireToolchain("demo"),
                /^Error: Missing tools: pulumi, pulumi-language-nodejs, minio\. Run `npm run toolchain -- --demo`/,
            );
        });

        it("`npm run toolchain` without Go stops with one sentence that says what to install", () => {
            const node = path.dirname(process.execPath);
            const result = spawnSync(
                process.execPath,
                ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "tools", "toolchain", "cli.ts")],
                {
                    cwd: repoRoot,
                    encoding: "utf8",
                    // Node and the shell tools, but no Go, no pulumi and no minio.
                    env: { ...process.env, PATH: `${node}:/usr/bin:/bin`, SECURETEMPLE_TOOLCHAIN_DIR: empty },
                },
            );
            assert.ok(
                !spawnSync("sh", ["-c", "command -v go"], { env: { PATH: `${node}:/usr/bin:/bin` } }).stdout.length,
                "this test needs a PATH without go",
            );
            assert.strictEqual(result.status, 1, result.stdout + result.stderr);
            assert.match(
                result.stderr,
                /^\[toolchain\] Missing pulumi, pulumi-language-nodejs, pulumi-language-python, pulumi-language-go, pulumi-language-yaml, minio, tofu and Go is not installed: install Go 1\.25 or later .*then run `npm run toolchain` again\.\n$/,
            );
        });

        it("uses a compatible pulumi already on PATH instead of building one", () => {
            const bin = path.join(empty, "user-bin");
            fs.mkdirSync(bin);
            fs.writeFileSync(path.join(bin, "pulumi"), `#!/bin/sh\necho v${pulumiVersion()}\n`, { mode: 0o755 });
            fs.writeFileSync(path.join(bin, "pulumi-language-nodejs"), "#!/bin/sh\n", { mode: 0o755 });
            process.env.PATH = `${bin}:/usr/bin:/bin`;
            assert.deepStrictEqual(missingTools(), ["minio", "tofu"]);
        });
    });

    it("runs the CLI with a private home, no update check, a local passphrase and our tools first", () => {
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-home-"));
        try {
            const env = toolEnv({ pulumiHome: home });
            assert.strictEqual(env.PULUMI_HOME, home);
            assert.strictEqual(env.PULUMI_SKIP_UPDATE_CHECK, "true");
            assert.ok(env.PULUMI_CONFIG_PASSPHRASE);
            assert.strictEqual(env.PATH?.split(path.delimiter)[0], requireToolchain().binDir);
        } finally {
            fs.rmSync(home, { recursive: true, force: true });
        }
    });
});
