// The Python and Go SDKs committed under sdk/: what `pulumi package gen-sdk` writes from the
// current declarations (the test fails when they are stale), and usable as published: the
// Python package installs into a virtual environment with pulumi==3.248.0 from PyPI and imports;
// the Go module passes `go vet` and builds against github.com/pulumi/pulumi/sdk/v3 v3.248.0.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateSdks, sdkLanguages } from "../../../provider/schema/sdks";
import { pulumiSdkVersion } from "../../../provider/schema/schema";
import { requireToolchain } from "../../../tools/toolchain/env";
import { repoRoot } from "./harness";

const committed = path.join(repoRoot, "sdk");

/** Every file under `dir`, by path relative to it. */
function files(dir: string, base = dir): Map<string, string> {
    const out = new Map<string, string>();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "__pycache__" && !entry.name.endsWith(".egg-info") && entry.name !== "build") {
                files(full, base).forEach((text, name) => out.set(name, text));
            }
        } else {
            out.set(path.relative(base, full), fs.readFileSync(full, "utf8"));
        }
    }
    return out;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
    try {
        return execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: "pipe" });
    } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        throw new Error(`${command} ${args.join(" ")} failed in ${cwd}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
    }
}

describe("provider e2e: the generated Python and Go SDKs", function () {
    this.timeout(600_000);
    let scratch: string;

    before(() => {
        requireToolchain();
        scratch = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-sdks-"));
    });

    after(() => {
        fs.rmSync(scratch, { recursive: true, force: true });
    });

    it("are what gen-sdk writes from the current declarations (npm run sdk:generate)", () => {
        const fresh = path.join(scratch, "fresh");
        generateSdks(fresh);
        for (const language of sdkLanguages) {
            const want = files(path.join(fresh, language));
            const have = files(path.join(committed, language));
            assert.deepStrictEqual(
                [...have.keys()].sort(),
                [...want.keys()].sort(),
                `sdk/${language} lists other files: run npm run sdk:generate`,
            );
            for (const [name, text] of want) {
                assert.ok(have.get(name) === text, `sdk/${language}/${name} is stale: run npm run sdk:generate`);
            }
        }
        assert.strictEqual(
            fs.readFileSync(path.join(committed, "schema.json"), "utf8"),
            fs.readFileSync(path.join(fresh, "schema.json"), "utf8"),
        );
    });

    it("installs the Python SDK with pulumi from PyPI and imports its resources, components and functions", () => {
        const venv = path.join(scratch, "venv");
        run("python3", ["-m", "venv", venv], scratch);
        const python = path.join(venv, "bin", "python");
        // A copy, so that building the wheel leaves nothing in the repository.
        const source = path.join(scratch, "python");
        fs.cpSync(path.join(committed, "python"), source, { recursive: true });
        run(python, ["-m", "pip", "install", "--quiet", `pulumi==${pulumiSdkVersion}`, source], scratch);
        const printed = run(
            python,
            [
                "-c",
                [
                    "import importlib.metadata as m, pulumi_securetemple as st",
                    "print(m.version('pulumi_securetemple'), m.version('pulumi'))",
                    "print(st.compute.VirtualMachine.__name__, st.compute.Workload.__name__, st.Tenant.__name__, st.backup.Policy.__name__, st.objectstorage.BackupVault.__name__)",
                    "print(st.compute.PowerState.OFF.value, st.get_tenant.__name__, st.Provider.__name__)",
                ].join("\n"),
            ],
            scratch,
        );
        const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string }).version;
        assert.deepStrictEqual(printed.trim().split("\n"), [
            `${version} ${pulumiSdkVersion}`,
            "VirtualMachine Workload Tenant Policy BackupVault",
            "off get_tenant Provider",
        ]);
    });

    it("vets and builds the Go SDK against the Pulumi Go SDK the provider is built with", () => {
        const source = path.join(scratch, "go");
        fs.cpSync(path.join(committed, "go"), source, { recursive: true });
        const goMod = fs.readFileSync(path.join(source, "go.mod"), "utf8");
        assert.match(goMod, /^module github\.com\/securetemple\/pulumi-securetemple\/sdk\/go$/m);
        assert.match(goMod, new RegExp(`github\\.com/pulumi/pulumi/sdk/v3 v${pulumiSdkVersion.replace(/\./g, "\\.")}\\b`));
        const env = { ...process.env, GOFLAGS: "-mod=readonly" };
        run("go", ["vet", "./..."], source, env);
        run("go", ["build", "./..."], source, env);
        const listed = run("go", ["list", "./..."], source, env).trim().split("\n").sort();
        assert.deepStrictEqual(
            listed,
            ["", "/backup", "/compute", "/config", "/internal", "/network", "/objectstorage", "/storage"]
                .map((p) => `github.com/securetemple/pulumi-securetemple/sdk/go/securetemple${p}`)
                .sort(),
        );
    });
});
