// What the policy pack costs inside a real `pulumi preview`: the same program previewed without
// and with `--policy-pack dist/policy-pack`, on a small program (7 resources) and on a 1 000-resource
// one (the generator of bench/policies-scale.ts, declared as component resources so that no
// provider plugin runs), paired and alternated; prints medians and the overhead ratio. Then where
// the analyzer's start goes: node itself, the pack started directly (as our language host does for a
// JavaScript pack) and through @pulumi/pulumi/cmd/run-policy-pack (ts-node, the TypeScript compiler),
// each timed from launch to the pack printing its gRPC port.
// Needs `npm run build` and the toolchain. Usage: node -r ts-node/register/transpile-only bench/policies-preview.ts [runs]
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { toolEnv } from "../tools/toolchain/env";
import { syntheticStack } from "./policies-scale";

const root = path.resolve(__dirname, "..");
const packDir = path.join(root, "dist", "policy-pack");

function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A program that declares the synthetic stack's resources as components with their tokens and properties. */
function writeProgram(dir: string, size: number): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        `name: preview-bench\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\n`,
    );
    const resources = syntheticStack(size).map((r) => ({ type: r.type, name: r.urn.slice(r.urn.lastIndexOf("::") + 2), props: r.props }));
    fs.writeFileSync(path.join(dir, "resources.json"), JSON.stringify(resources));
    fs.writeFileSync(
        path.join(dir, "index.js"),
        [
            'const pulumi = require("@pulumi/pulumi");',
            "class Declared extends pulumi.ComponentResource {",
            "    constructor(type, name, props) { super(type, name, props); this.registerOutputs({}); }",
            "}",
            'for (const r of require("./resources.json")) new Declared(r.type, r.name, r.props);',
            "",
        ].join("\n"),
    );
}

function pulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv): { ms: number; code: number | null; out: string } {
    const start = process.hrtime.bigint();
    const r = spawnSync("pulumi", ["--non-interactive", ...args], { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Milliseconds from launching `node args` (in `cwd`) to its first line on stdout (the pack's port). */
function untilPort(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
    return new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let err = "";
        child.stderr.on("data", (d) => (err += d));
        child.stdout.once("data", () => {
            resolve(Number(process.hrtime.bigint() - start) / 1e6);
            child.kill();
        });
        child.once("exit", (code) => reject(new Error(`node ${args.join(" ")} exited ${code} before printing a port: ${err}`)));
    });
}

async function main(): Promise<void> {
    const runs = Number(process.argv[2] ?? 5);
    if (!fs.existsSync(path.join(packDir, "index.js"))) {
        throw new Error("FR Lancer d'abord npm run build. / EN Run npm run build first.");
    }
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-preview-bench-"));
    const env = toolEnv({ pulumiHome: path.join(work, "home") });
    const config = path.join(work, "advisory.json");
    // Every policy advisory: the previews succeed whatever the synthetic stack holds.
    fs.writeFileSync(config, JSON.stringify({ all: "advisory" }));
    console.log(
        `pulumi preview without and with the policy pack, median of ${runs} paired runs (node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`,
    );
    console.log("resources  without ms  with pack ms  pack cost ms  ratio");
    try {
        fs.mkdirSync(path.join(work, "state"));
        for (const size of [7, 1000]) {
            const dir = path.join(work, `program-${size}`);
            writeProgram(dir, size);
            const login = pulumi(["login", `file://${path.join(work, "state")}`], dir, env);
            const init = pulumi(["stack", "init", `bench-${size}`], dir, env);
            if (login.code !== 0 || init.code !== 0) {
                throw new Error(login.out + init.out);
            }
            const without: number[] = [];
            const withPack: number[] = [];
            for (let i = 0; i <= runs; i++) {
                const a = pulumi(["preview", "--stack", `bench-${size}`], dir, env);
                const b = pulumi(
                    ["preview", "--stack", `bench-${size}`, "--policy-pack", packDir, "--policy-pack-config", config],
                    dir,
                    env,
                );
                if (a.code !== 0 || b.code !== 0 || !/securetemple@v/.test(b.out)) {
                    throw new Error(`preview failed:\n${a.out}\n${b.out}`);
                }
                if (i > 0) {
                    without.push(a.ms);
                    withPack.push(b.ms);
                }
            }
            const m = median(without);
            const p = median(withPack);
            console.log(
                `${String(size).padStart(9)}  ${m.toFixed(0).padStart(10)}  ${p.toFixed(0).padStart(12)}  ${(p - m).toFixed(0).padStart(12)}  ${(p / m).toFixed(2).padStart(5)}`,
            );
        }
        const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
        const starts: [string, string[]][] = [
            ["node -e 0 (until exit)", []],
            ["the pack started directly (typescript: false)", [packDir]],
            ["the pack through cmd/run-policy-pack", [runner, "127.0.0.1:0", "."]],
        ];
        console.log("\nanalyzer start, launch to gRPC port (median ms)");
        for (const [label, args] of starts) {
            const times: number[] = [];
            for (let i = 0; i <= runs; i++) {
                const t =
                    args.length === 0
                        ? (() => {
                              const s = process.hrtime.bigint();
                              spawnSync(process.execPath, ["-e", "0"]);
                              return Number(process.hrtime.bigint() - s) / 1e6;
                          })()
                        : await untilPort(args, packDir, env);
                if (i > 0) {
                    times.push(t);
                }
            }
            console.log(`${label.padEnd(50)} ${median(times).toFixed(0).padStart(6)}`);
        }
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(1);
    });
}
