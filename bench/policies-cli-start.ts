// How fast the `securetemple` command starts: `--help`, and `check` on a small state export
// (20 resources), each as a whole process, against `node -e 0` (the floor any Node.js command pays).
// Prints the median wall and CPU time of each, the difference to the floor, and the modules loaded.
// Needs `npm run build` (it runs dist/bin/securetemple.js, as an installed package does).
// Usage: node -r ts-node/register/transpile-only bench/policies-cli-start.ts [runs]
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { toStateExport } from "./policies-opa";
import { syntheticStack } from "./policies-scale";

const root = path.resolve(__dirname, "..");
const bin = path.join(root, "dist", "bin", "securetemple.js");

function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall milliseconds of running `node args` `runs` times (after one warm-up run). */
function time(args: string[], runs: number): { wall: number } {
    const walls: number[] = [];
    for (let i = 0; i <= runs; i++) {
        const start = process.hrtime.bigint();
        const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
        const wall = Number(process.hrtime.bigint() - start) / 1e6;
        // 1 is a verdict (a mandatory policy failed), not an error.
        if (r.status !== 0 && r.status !== 1) {
            throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
        }
        if (i > 0) {
            walls.push(wall);
        }
    }
    return { wall: median(walls) };
}

/** Modules a `securetemple` command line loads, counted inside one process. */
function modulesLoaded(argv: string[]): number {
    const probe =
        `const {run}=require(${JSON.stringify(path.join(root, "dist", "cli", "program.js"))});` +
        `run(${JSON.stringify(argv)},{stdout(){},stderr(){},readStdin:async()=>""}).then(()=>console.log(Object.keys(require.cache).length))`;
    return Number(spawnSync(process.execPath, ["-e", probe], { encoding: "utf8" }).stdout.trim());
}

function main(): void {
    if (!fs.existsSync(bin)) {
        throw new Error("FR Lancer d'abord npm run build. / EN Run npm run build first.");
    }
    const runs = Number(process.argv[2] ?? 15);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-start-"));
    const small = path.join(dir, "small.json");
    fs.writeFileSync(small, JSON.stringify(toStateExport(syntheticStack(20))));
    const floor = time(["-e", "0"], runs);
    const cases: [string, string[], string[]][] = [
        ["securetemple --help", [bin, "--help"], ["--help"]],
        ["securetemple check small.json --format json", [bin, "check", small, "--format", "json"], ["check", small, "--format", "json"]],
        ["securetemple check small.json (text)", [bin, "check", small], ["check", small]],
    ];
    console.log(
        `securetemple start-up, median of ${runs} runs (node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`,
    );
    console.log("command                                        wall ms  over node -e 0  modules");
    console.log(`${"node -e 0".padEnd(45)}  ${floor.wall.toFixed(0).padStart(7)}  ${"".padStart(14)}  ${"".padStart(7)}`);
    for (const [label, args, argv] of cases) {
        const t = time(args, runs);
        console.log(
            `${label.padEnd(45)}  ${t.wall.toFixed(0).padStart(7)}  ${(t.wall - floor.wall).toFixed(0).padStart(14)}  ${String(modulesLoaded(argv)).padStart(7)}`,
        );
    }
    fs.rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) {
    main();
}
