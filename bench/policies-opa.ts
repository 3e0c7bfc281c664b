// `securetemple check` side by side with OPA (`opa eval`) running equivalent Rego for three of the
// pack's rules (multi-AZ placement, backup association, security-group rules), on the same state
// exports of 1 000, 10 000 and 50 000 resources (the generator of bench/policies-scale.ts). OPA is
// built from the Go module proxy into the toolchain cache (tools/toolchain/paths.ts), once. Both
// are timed as whole processes, reading the same file; their (policy, URN) findings for the three
// rules must be the same set, or the run stops. Prints the medians and the ratio per size.
// Needs `npm run build` and Go. Usage: node -r ts-node/register/transpile-only bench/policies-opa.ts [runs]
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ResourceInput } from "../policies/engine";
import { cacheRoot } from "../tools/toolchain/paths";
import { syntheticStack } from "./policies-scale";

export const opaVersion = "v1.22.4";
const root = path.resolve(__dirname, "..");
const rego = path.join(__dirname, "opa", "securetemple.rego");
const compared = [
    "securetemple-compute-multi-az-placement",
    "securetemple-backup-policy-association",
    "securetemple-network-security-group-rules",
];

/** The `pulumi stack export` document of a synthetic stack (inputs only, as a preview sees them). */
export function toStateExport(resources: ResourceInput[]): unknown {
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.248.0" },
            resources: resources.map((r) => ({
                urn: r.urn,
                custom: !r.type.includes(":index:") && !/:(Workload|Cluster|Lun|Policy|SecurityGroup|BackupVault)$/.test(r.type),
                type: r.type,
                inputs: r.props,
                outputs: {},
                ...(r.parent ? { parent: r.parent } : {}),
                dependencies: r.dependencies ?? [],
                propertyDependencies: r.propertyDependencies ?? {},
            })),
        },
    };
}

/** The OPA binary, built with `go install` into the toolchain cache the first time. */
export function opaBinary(): string {
    const bin = path.join(cacheRoot(), `opa-${opaVersion}`, "bin", "opa");
    if (!fs.existsSync(bin)) {
        console.error(`building OPA ${opaVersion} from the Go module proxy into ${path.dirname(bin)} (a few minutes, once)...`);
        execFileSync("go", ["install", `github.com/open-policy-agent/opa@${opaVersion}`], {
            env: { ...process.env, GOBIN: path.dirname(bin), CGO_ENABLED: "0", GOFLAGS: "-buildvcs=false" },
            stdio: "inherit",
        });
    }
    return bin;
}

function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timed(command: string, args: string[]): { ms: number; stdout: string } {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0 && r.status !== 1) {
        throw new Error(`${command} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    }
    return { ms, stdout: r.stdout };
}

const key = (policy: string, urn: string) => `${policy} ${urn}`;

function ourFindings(stdout: string): Set<string> {
    const doc = JSON.parse(stdout) as { violations: { policyName: string; urn?: string }[] };
    return new Set(doc.violations.filter((v) => compared.includes(v.policyName)).map((v) => key(v.policyName, v.urn ?? "")));
}

function opaFindings(stdout: string): Set<string> {
    const doc = JSON.parse(stdout) as { result: { expressions: { value: { policy: string; urn: string }[] }[] }[] };
    return new Set(doc.result[0].expressions[0].value.map((f) => key(f.policy, f.urn)));
}

function difference(a: Set<string>, b: Set<string>): string[] {
    return [...a].filter((x) => !b.has(x)).slice(0, 5);
}

async function main(): Promise<void> {
    const runs = Number(process.argv[2] ?? 5);
    const bin = path.join(root, "dist", "bin", "securetemple.js");
    if (!fs.existsSync(bin)) {
        throw new Error("FR Lancer d'abord npm run build. / EN Run npm run build first.");
    }
    const opa = opaBinary();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-opa-"));
    console.log(`securetemple check --format json against opa eval (${opaVersion}), whole processes, median of ${runs} paired runs`);
    console.log(
        `(node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs; findings compared for ${compared.length} rules)`,
    );
    console.log("resources  findings  securetemple ms  opa ms  ratio (securetemple / opa)");
    try {
        for (const size of [1_000, 10_000, 50_000]) {
            const file = path.join(dir, `state-${size}.json`);
            fs.writeFileSync(file, JSON.stringify(toStateExport(syntheticStack(size))));
            const ours: number[] = [];
            const theirs: number[] = [];
            let findings = 0;
            for (let i = 0; i <= runs; i++) {
                // Paired and alternated, so that a busy moment of the machine weighs on both.
                const a = timed(process.execPath, [bin, "check", file, "--format", "json"]);
                const b = timed(opa, ["eval", "--format", "json", "--data", rego, "--input", file, "data.securetemple.findings"]);
                if (i === 0) {
                    const x = ourFindings(a.stdout);
                    const y = opaFindings(b.stdout);
                    if (x.size !== y.size || difference(x, y).length > 0) {
                        throw new Error(
                            `findings differ at ${size}: only securetemple ${JSON.stringify(difference(x, y))}, only OPA ${JSON.stringify(difference(y, x))} (${x.size} vs ${y.size})`,
                        );
                    }
                    findings = x.size;
                    continue; // the first pair warms the file cache
                }
                ours.push(a.ms);
                theirs.push(b.ms);
            }
            const m = median(ours);
            const o = median(theirs);
            console.log(
                `${String(size).padStart(9)}  ${String(findings).padStart(8)}  ${m.toFixed(0).padStart(15)}  ${o.toFixed(0).padStart(6)}  ${(m / o).toFixed(2).padStart(5)}`,
            );
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e instanceof Error ? e.message : e);
        process.exit(1);
    });
}
