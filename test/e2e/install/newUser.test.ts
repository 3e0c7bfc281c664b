// The kit as a new user gets it: `npm pack`, the tarball installed into a fresh folder outside the
// repository with a minimal package.json, the Pulumi CLI made usable by the installed
// `securetemple env`, the plugin built by the installed `securetemple plugin` and installed into a
// private plugin cache, a sandbox started by the installed `securetemple sandbox`, and a small
// program on Tenant, Workload and BackupPolicy that previews under the installed policy pack, goes
// up, passes `securetemple check` on its exported state and is destroyed.
//
// Every step after the pack runs in the user's folder with an environment that holds no path into
// the repository (checked), so a step that needs a file of the clone fails here. The Pulumi CLI
// comes from the toolchain cache, which is outside the repository.
import { strict as assert } from "assert";
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { requireToolchain } from "../../../tools/toolchain/env";
import { ProcessResult, runProcess } from "../../support/process";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const kit = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    name: string;
    version: string;
    dependencies: Record<string, string>;
};
const devDependencies = (
    JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> }
).devDependencies;

/** Compiles the package and its policy pack unless dist/ is newer than every source it holds. */
function ensureBuilt(): void {
    const newest = (dir: string): number =>
        fs
            .readdirSync(path.join(repoRoot, dir), { withFileTypes: true, recursive: true })
            .filter((e) => e.isFile() && e.name.endsWith(".ts"))
            .reduce((t, e) => Math.max(t, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
    const stamp = path.join(repoRoot, "dist", "policy-pack", "index.js");
    const built = fs.existsSync(stamp)
        ? Math.min(fs.statSync(stamp).mtimeMs, fs.statSync(path.join(repoRoot, "dist", "bin", "securetemple.js")).mtimeMs)
        : 0;
    if (built < Math.max(...["bin", "cli", "policies", "provider", "sandbox", "tools"].map(newest))) {
        execFileSync("npm", ["run", "build"], { cwd: repoRoot, stdio: "pipe" });
    }
}

/** The user's environment: this process's, without npm's variables and without any PATH entry in the repository. */
function userEnvironment(home: string): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (
            !/^npm_|^INIT_CWD$|^PULUMI_|^CLOUDTEMPLE_|^SECURETEMPLE_TOOLCHAIN|^TS_NODE|^NODE_OPTIONS$|^MOCHA/i.test(key) &&
            value !== undefined
        ) {
            env[key] = value;
        }
    }
    delete env.PWD;
    delete env.OLDPWD;
    env.PATH = (process.env.PATH ?? "")
        .split(path.delimiter)
        .filter((dir) => dir && !path.resolve(dir).startsWith(repoRoot))
        .join(path.delimiter);
    // The user's own home: the default PULUMI_HOME (~/.securetemple/pulumi) and the sandbox's data live in it.
    env.HOME = home;
    // npm's settings and cache stay the machine's, so a second run installs from the cache.
    env.npm_config_userconfig = process.env.npm_config_userconfig ?? path.join(os.homedir(), ".npmrc");
    env.npm_config_cache = process.env.npm_config_cache ?? path.join(os.homedir(), ".npm");
    // The toolchain cache is found where the machine keeps it, as a user's shell would.
    env.XDG_CACHE_HOME = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache");
    if (process.env.SECURETEMPLE_TOOLCHAIN_DIR) {
        env.SECURETEMPLE_TOOLCHAIN_DIR = process.env.SECURETEMPLE_TOOLCHAIN_DIR;
    }
    return env;
}

/** The `export NAME=value` lines of a command's output, evaluated by a shell as the README tells the user to. */
function evaluatedExports(output: string, env: NodeJS.ProcessEnv): Record<string, string> {
    const names = [...output.matchAll(/^export ([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    assert.ok(names.length > 0, `no export line in:\n${output}`);
    const script = `${output}\nfor n in ${names.join(" ")}; do printf '%s=%s\\0' "$n" "$(printenv "$n")"; done`;
    const printed = execFileSync("bash", ["-c", script], { env, encoding: "utf8" });
    return Object.fromEntries(
        printed
            .split("\0")
            .filter(Boolean)
            .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
    );
}

/** Resolves with the output once `line` is printed; rejects if the process exits first. */
function waitForLine(child: ChildProcess, line: string): Promise<string> {
    return new Promise((resolve, reject) => {
        let out = "";
        child.stdout?.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes(line)) {
                resolve(out);
            }
        });
        child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
        child.once("exit", (code) => reject(new Error(`exited ${code} before "${line}":\n${out}`)));
    });
}

/** The program of the README's customer path (its `cat > index.ts <<'TS'` block): the test runs what the README says. */
const program = (() => {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const block = /cat > index\.ts <<'TS'\n([\s\S]*?)\nTS\n/.exec(readme);
    assert.ok(block, "the README's customer path writes index.ts");
    return `${block[1]}\n`;
})();

describe("the kit as a new user installs it (e2e, outside the repository)", function () {
    this.timeout(900_000);
    let work: string;
    let userDir: string;
    let env: NodeJS.ProcessEnv;
    let sandbox: ChildProcess | undefined;
    let tarball: string;

    const run = async (command: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<ProcessResult> => {
        const result = await runProcess(command, args, { cwd: userDir, env: { ...env, ...extra } });
        // No step may name a file of the clone, even in a message.
        assert.ok(
            !(result.stdout + result.stderr).includes(repoRoot),
            `${command} ${args.join(" ")} printed a path into the repository:\n${result.stdout}\n${result.stderr}`,
        );
        return result;
    };
    const ok = async (command: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<ProcessResult> => {
        const result = await run(command, args, extra);
        assert.equal(
            result.code,
            0,
            `${command} ${args.join(" ")} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
        );
        return result;
    };

    before(function () {
        requireToolchain();
        ensureBuilt();
        work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-new-user-")));
        assert.ok(!work.startsWith(repoRoot));
        userDir = path.join(work, "first-tenant");
        fs.mkdirSync(userDir);
        fs.mkdirSync(path.join(work, "home"));
        env = userEnvironment(path.join(work, "home"));
        for (const [key, value] of Object.entries(env)) {
            assert.ok(!value?.includes(repoRoot), `${key} points into the repository`);
        }
        tarball = path.join(
            work,
            execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", work], { cwd: repoRoot, encoding: "utf8" })
                .trim()
                .split("\n")
                .pop() ?? "",
        );
    });

    after(async () => {
        if (sandbox?.pid && sandbox.exitCode === null) {
            const exited = new Promise((r) => sandbox?.once("exit", r));
            process.kill(-sandbox.pid, "SIGTERM");
            await exited;
        }
        if (work) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    it("packs only what a user runs", () => {
        const listed = JSON.parse(
            execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: repoRoot, encoding: "utf8" }),
        ) as { files: { path: string }[] }[];
        const files = new Set(listed[0].files.map((f) => f.path));
        for (const wanted of [
            "dist/bin/securetemple.js",
            "dist/provider/index.js",
            "dist/provider/index.d.ts",
            "dist/policy-pack/PulumiPolicy.yaml",
            "dist/provider/plugin/main.js",
            "sandbox/seed/default.yaml",
        ]) {
            assert.ok(files.has(wanted), `${wanted} is in the package`);
        }
        const strays = [...files].filter(
            (f) =>
                /^(test|bench|examples|program|tools|provider|policies|cli)\/|^dist\/(test|bench|examples|program|tools\/demo)\/|\.map$|\.ts$/.test(
                    f,
                ) &&
                !f.endsWith(".d.ts") &&
                f !== "sandbox/seed/default.yaml",
        );
        assert.deepEqual(strays, []);
        // Every relative require of a shipped module lands on a shipped module.
        for (const file of [...files].filter((f) => f.endsWith(".js"))) {
            for (const [, spec] of fs.readFileSync(path.join(repoRoot, file), "utf8").matchAll(/\brequire\("(\.{1,2}\/[^"]*)"\)/g)) {
                const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
                assert.ok(
                    [target, `${target}.js`, `${target}/index.js`].some((t) => files.has(t)),
                    `${file} requires ${spec}, which is not in the package`,
                );
            }
        }
    });

    it("installs into an empty folder, then previews, goes up, passes check and is destroyed with nothing from the repository", async () => {
        // 1. A minimal package.json: the kit, TypeScript for the program, and the install scripts
        // npm 11 asks about (the sandbox's SQLite build; protobufjs's version notice is not needed).
        fs.writeFileSync(
            path.join(userDir, "package.json"),
            `${JSON.stringify(
                {
                    name: "first-tenant",
                    private: true,
                    main: "index.ts",
                    dependencies: { [kit.name]: `file:${tarball}` },
                    devDependencies: { typescript: devDependencies.typescript },
                    allowScripts: { "better-sqlite3": true, protobufjs: false },
                },
                null,
                2,
            )}\n`,
        );
        const install = await ok("npm", ["install", "--no-audit", "--no-fund"]);
        assert.doesNotMatch(install.stdout + install.stderr, /npm warn/i, "the install prints no warning");
        const installed = path.join(userDir, "node_modules", "@securetemple", "pulumi");
        const before = new Set(fs.readdirSync(installed, { recursive: true }) as string[]);

        // 2. The toolchain in the shell: PATH and PULUMI_HOME from the installed `securetemple env`.
        const pulumiHome = path.join(work, "home", ".securetemple", "pulumi");
        const exported = evaluatedExports((await ok("npx", ["securetemple", "env"])).stdout, env);
        assert.equal(exported.PULUMI_HOME, pulumiHome);
        env = { ...env, ...exported, PULUMI_CONFIG_PASSPHRASE: "first-tenant-passphrase" };
        assert.match((await ok("pulumi", ["version"])).stdout, new RegExp(`^v${kit.dependencies["@pulumi/pulumi"].replace(/\./g, "\\.")}`));

        // 3. The plugin, built from the installed package, into the private plugin cache.
        const plugin = await ok("npx", ["securetemple", "plugin", "--output", path.join(work, "plugin.tgz")]);
        const installCommand = plugin.stdout.trim().split("\n").pop() ?? "";
        assert.equal(installCommand, `pulumi plugin install resource securetemple ${kit.version} --file ${path.join(work, "plugin.tgz")}`);
        const [, ...installArgs] = installCommand.split(" ");
        await ok("pulumi", installArgs);
        assert.ok(fs.existsSync(path.join(pulumiHome, "plugins", `resource-securetemple-v${kit.version}`, "PulumiPlugin.yaml")));

        // 4. The sandbox from the installed `securetemple sandbox`; its export lines point the provider at it.
        // The binary `npx securetemple` runs, started directly: npx does not pass a signal on to it.
        sandbox = spawn(
            path.join(userDir, "node_modules", ".bin", "securetemple"),
            ["sandbox", "--data-dir", path.join(work, "sandbox"), "--no-rate-limits"],
            {
                cwd: userDir,
                env,
                stdio: ["ignore", "pipe", "pipe"],
                // Its own process group, so that the stop reaches MinIO too if the sandbox is stuck.
                detached: true,
            },
        );
        const banner = await waitForLine(sandbox, "Sandbox ready");
        env = {
            ...env,
            ...evaluatedExports(
                banner
                    .split("\n")
                    .filter((l) => /^\s*export /.test(l))
                    .map((l) => l.trim())
                    .join("\n"),
                env,
            ),
        };
        assert.match(env.CLOUDTEMPLE_HTTP_ADDR ?? "", /^127\.0\.0\.1:\d+$/);

        // 5. A self-managed backend and the program, with no `plugins:` entry. The README says
        // `pulumi login --local`, whose state goes to the account's real home whatever HOME says:
        // the test keeps the same file backend in its own folder.
        fs.mkdirSync(path.join(work, "state"));
        await ok("pulumi", ["login", `file://${path.join(work, "state")}`]);
        fs.writeFileSync(path.join(userDir, "Pulumi.yaml"), "name: first-tenant\nruntime: nodejs\n");
        fs.writeFileSync(path.join(userDir, "index.ts"), program);
        await ok("pulumi", ["stack", "init", "dev"]);

        // A declaration that does not match the tenant (the AZ05 datastore declared PREMIUM): the
        // preview fails with the Lun's sentence on the Lun itself, without a stack or the SDK's wrapper.
        fs.writeFileSync(
            path.join(userDir, "index.ts"),
            program.replace(`availabilityZone: "AZ05", tier: "STANDARD"`, `availabilityZone: "AZ05", tier: "PREMIUM"`),
        );
        const wrong = await run("pulumi", ["preview"]);
        assert.notEqual(wrong.code, 0);
        const shown = wrong.stdout + wrong.stderr;
        assert.match(
            shown,
            /securetemple:storage:Lun \(az05\):\s+error: FR Lun « az05 », tier : le datastore « ds-az05-standard-01 » est de niveau STANDARD, pas PREMIUM\. \/ EN Lun "az05", tier: datastore "ds-az05-standard-01" is of tier STANDARD, not PREMIUM\./,
        );
        assert.doesNotMatch(shown, /error serializing|\n\s+at [^\n]+\.js:\d+/);
        assert.doesNotMatch(shown, /pulumi:pulumi:Stack \([^)]*\):\s+error: FR Lun/);
        fs.writeFileSync(path.join(userDir, "index.ts"), program);

        const packDir = path.join("node_modules", "@securetemple", "pulumi", "dist", "policy-pack");
        const preview = await ok("pulumi", ["preview", "--policy-pack", packDir]);
        assert.match(preview.stdout, /securetemple-policy-pack@v\d|securetemple@v\d/, "the policy pack ran");
        assert.doesNotMatch(preview.stdout, /\[mandatory\]/);
        await ok("pulumi", ["up", "--yes", "--skip-preview", "--policy-pack", packDir]);
        const outputs = JSON.parse((await ok("pulumi", ["stack", "output", "--json"])).stdout) as {
            placements: { availabilityZone: string }[];
        };
        assert.deepEqual(outputs.placements.map((p) => p.availabilityZone).sort(), ["AZ05", "AZ06"]);

        // 6. The auditor's check on the exported state: every mandatory policy passes.
        fs.writeFileSync(path.join(userDir, "state.json"), (await ok("pulumi", ["stack", "export"])).stdout);
        const check = await ok("npx", ["securetemple", "check", "state.json", "--format", "json"]);
        const report = JSON.parse(check.stdout) as { summary: { passed: boolean; resources: number; mandatoryViolations: number } };
        assert.equal(report.summary.passed, true, check.stdout);
        assert.equal(report.summary.mandatoryViolations, 0);
        assert.ok(report.summary.resources > 10, "the check read the whole stack");
        await ok("npx", ["securetemple", "sla", "state.json"]);

        await ok("pulumi", ["destroy", "--yes", "--skip-preview"]);
        const vms = (await (await fetch(`http://${env.CLOUDTEMPLE_HTTP_ADDR}/_admin/virtual_machines`)).json()) as { name: string }[];
        assert.deepEqual(
            vms.map((v) => v.name).filter((n) => n.startsWith("first-app")),
            [],
            "destroy left no VM of the stack",
        );

        // Nothing was written into the installed package (no npm install in the plugin or pack folder).
        const after = (fs.readdirSync(installed, { recursive: true }) as string[]).filter((f) => !before.has(f));
        assert.deepEqual(after, []);
    });

    // Each example's README, in a copy of its folder next to the installed package (sharing its
    // node_modules rather than installing again): its own Pulumi.yaml and import line, then a preview
    // under the installed pack. The compliant ones pass; the non-compliant one fails on its policies.
    for (const [example, passes] of [
        ["web-db-multi-az", true],
        ["backup-vault", true],
        ["non-compliant", false],
    ] as const) {
        it(`runs the ${example} example as its README says, in a copy of its folder`, async () => {
            assert.ok(env.CLOUDTEMPLE_HTTP_ADDR, "runs on the installed package and sandbox of the new-user path");
            const readme = fs.readFileSync(path.join(repoRoot, "examples", example, "README.md"), "utf8");
            const steps = /## In a folder of your own[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
            // What the README does before `npm install`: package.json, Pulumi.yaml, the import line.
            const [setup, rest] = steps.split(/^npm install /m);
            assert.match(setup, /^cat > package\.json <<'JSON'$/m);
            assert.match(setup, /^printf .* > Pulumi\.yaml$/m);
            assert.match(setup, /^sed .*@securetemple\/pulumi.* index\.ts/m);
            assert.match(rest ?? "", /^@securetemple\/pulumi/);
            assert.match(steps, /pulumi (up|preview) --policy-pack node_modules\/@securetemple\/pulumi\/dist\/policy-pack/);
            const copy = path.join(userDir, "examples", example);
            fs.mkdirSync(copy, { recursive: true });
            fs.copyFileSync(path.join(repoRoot, "examples", example, "index.ts"), path.join(copy, "index.ts"));
            execFileSync("bash", ["-c", setup], { cwd: copy, env });
            assert.doesNotMatch(
                fs.readFileSync(path.join(copy, "index.ts"), "utf8"),
                /\.\.\/\.\.\//,
                "no relative import into the clone is left",
            );
            const inCopy = (args: string[]) => runProcess("pulumi", args, { cwd: copy, env });
            assert.equal((await inCopy(["stack", "init", "dev"])).code, 0);
            const preview = await inCopy([
                "preview",
                "--policy-pack",
                path.join(userDir, "node_modules", "@securetemple", "pulumi", "dist", "policy-pack"),
            ]);
            const shown = preview.stdout + preview.stderr;
            if (passes) {
                assert.equal(preview.code, 0, shown);
            } else {
                assert.notEqual(preview.code, 0, shown);
                assert.match(shown, /\[mandatory\][\s\S]*securetemple-backup-policy-association/);
            }
        });
    }
});
