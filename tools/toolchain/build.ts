// Builds the tools that cannot be downloaded here from the Go module proxy, into the cache of
// paths.ts: the Pulumi CLI and our language hosts (through the wrapper module in
// tools/pulumi-toolchain, whose go.mod repeats the replace directives the CLI needs), Pulumi YAML's
// host (in its own module), MinIO and OpenTofu. Each tool is built into a temporary folder and
// renamed into place, so an interrupted build never leaves a half-written binary that a later run
// would take for a finished one.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { minioBinary, pulumiBinDir, tofuBinary } from "./paths";
import { ToolName } from "./tools";
import { minioModuleVersion, opentofuVersion, pulumiVersion, pulumiYamlVersion, repoRoot } from "./versions";

export const wrapperModuleDir = path.join(repoRoot, "tools", "pulumi-toolchain");

type Log = (line: string) => void;

/** Go's version as "1.26.8", or undefined when `go` is not on PATH. */
export function goVersion(): string | undefined {
    const result = spawnSync("go", ["env", "GOVERSION"], { encoding: "utf8" });
    if (result.error || result.status !== 0) {
        return undefined;
    }
    return result.stdout.trim().replace(/^go/, "");
}

/** The pkg/v3 version that the wrapper module's go.mod requires, e.g. "3.248.0". */
export function wrapperPulumiVersion(): string | undefined {
    const goMod = fs.readFileSync(path.join(wrapperModuleDir, "go.mod"), "utf8");
    return /github\.com\/pulumi\/pulumi\/pkg\/v3 v(\S+)/.exec(goMod)?.[1];
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, log: Log, what: string): Promise<void> {
    const started = Date.now();
    // A cold build takes minutes with little output; a heartbeat shows it is alive.
    const heartbeat = setInterval(() => log(`  ... still building ${what} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    return new Promise<void>((resolve, reject) => {
        const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
        child.on("error", reject);
        child.on("close", (code) => {
            clearInterval(heartbeat);
            if (code === 0) {
                log(`  built ${what} in ${Math.round((Date.now() - started) / 1000)} s`);
                resolve();
            } else {
                reject(new Error(`Building ${what} failed: \`${command} ${args.join(" ")}\` exited with code ${code}.`));
            }
        });
    });
}

function freshTempDir(target: string): string {
    const tmp = `${target}.partial-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    return tmp;
}

function moveIntoPlace(tmp: string, target: string): void {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(tmp, target);
}

/** Moves each built binary of `tmp` into `bin` (the Pulumi folder fills up one step at a time), then drops `tmp`. */
function moveBinariesInto(tmp: string, bin: string): void {
    fs.mkdirSync(bin, { recursive: true });
    for (const name of fs.readdirSync(tmp)) {
        fs.renameSync(path.join(tmp, name), path.join(bin, name));
    }
    fs.rmSync(tmp, { recursive: true, force: true });
}

/** The Go packages of the wrapper module that build each Pulumi-folder tool (YAML's host is built apart). */
const wrapperPackages: Partial<Record<ToolName, string>> = {
    pulumi: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    "pulumi-language-nodejs": "./cmd/pulumi-language-nodejs",
    "pulumi-language-python": "./cmd/pulumi-language-python",
    "pulumi-language-go": "./cmd/pulumi-language-go",
};

/**
 * Builds the asked tools of the wrapper module (the CLI and our Node.js, Python and Go hosts) with
 * one `go build`: Go then schedules every package of all of them over the machine's cores at once,
 * and compiles the packages they share once.
 */
export async function buildPulumiTools(tools: ToolName[], log: Log): Promise<void> {
    const version = pulumiVersion();
    const pinned = wrapperPulumiVersion();
    if (pinned !== version) {
        throw new Error(
            `tools/pulumi-toolchain/go.mod requires Pulumi v${pinned} but package-lock.json has @pulumi/pulumi ${version}: ` +
                `set both pulumi/pulumi requires in go.mod to v${version}, then run \`go mod tidy\` there.`,
        );
    }
    const packages = tools.map((tool) => wrapperPackages[tool]).filter((pkg): pkg is string => pkg !== undefined);
    if (packages.length === 0) {
        return;
    }
    const bin = pulumiBinDir(version);
    const tmp = freshTempDir(bin);
    const ldflags = `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v${version}`;
    const names = tools.filter((tool) => wrapperPackages[tool]).join(", ");
    log(
        `Building ${names} v${version} from the Go module proxy${tools.includes("pulumi") ? " (a first build of the CLI takes about 5 minutes)" : ""}`,
    );
    // With several packages, `-o` names a folder and each main package is written as its own binary.
    await run("go", ["build", "-trimpath", "-ldflags", ldflags, "-o", `${tmp}${path.sep}`, ...packages], wrapperModuleDir, {}, log, names);
    moveBinariesInto(tmp, bin);
}

/** Builds Pulumi YAML's language host, as released, into the Pulumi folder next to the CLI (which warns about hosts found elsewhere on PATH). */
export async function buildPulumiYaml(log: Log): Promise<void> {
    const bin = pulumiBinDir();
    const tmp = freshTempDir(path.join(path.dirname(bin), "yaml"));
    log(`Building pulumi-language-yaml ${pulumiYamlVersion} from the Go module proxy`);
    // Its go.mod has no replace directives, so `go install module@version` builds it with its own go.sum.
    await run(
        "go",
        [
            "install",
            "-trimpath",
            "-ldflags",
            `-X github.com/pulumi/pulumi-yaml/pkg/version.Version=${pulumiYamlVersion}`,
            `github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@${pulumiYamlVersion}`,
        ],
        repoRoot,
        { GOBIN: tmp, GOFLAGS: "-mod=mod" },
        log,
        "pulumi-language-yaml",
    );
    moveBinariesInto(tmp, bin);
}

export async function buildMinio(log: Log): Promise<void> {
    const target = path.dirname(minioBinary());
    const tmp = freshTempDir(target);
    log(`Building MinIO ${minioModuleVersion} from the Go module proxy (a first build takes about 5 minutes)`);
    // MinIO's go.mod has no replace directives, so `go install module@version` builds it as released.
    await run(
        "go",
        ["install", "-trimpath", `github.com/minio/minio@${minioModuleVersion}`],
        repoRoot,
        { GOBIN: tmp, GOFLAGS: "-mod=mod" },
        log,
        "minio",
    );
    moveIntoPlace(tmp, target);
}

export async function buildOpentofu(log: Log): Promise<void> {
    const target = path.dirname(tofuBinary());
    const tmp = freshTempDir(target);
    const module = `github.com/opentofu/opentofu@${opentofuVersion}`;
    log(`Building OpenTofu ${opentofuVersion} from the Go module proxy (a first build takes about 5 minutes)`);
    // OpenTofu's go.mod replaces hashicorp/hcl with its fork, so `go install module@version` refuses
    // it; the module is downloaded (checked against the checksum database) and built in place, where
    // its own go.mod and go.sum apply. `version.dev=no` drops the "-dev" suffix, as its release build does.
    const download = spawnSync("go", ["mod", "download", "-json", module], { cwd: repoRoot, encoding: "utf8" });
    const dir = download.status === 0 ? (JSON.parse(download.stdout) as { Dir?: string }).Dir : undefined;
    if (!dir) {
        throw new Error(`Downloading ${module} failed: ${download.stderr || download.stdout}`);
    }
    const ldflags = "-s -w -X github.com/opentofu/opentofu/version.dev=no";
    await run(
        "go",
        ["build", "-trimpath", "-ldflags", ldflags, "-o", path.join(tmp, "tofu"), "./cmd/tofu"],
        dir,
        { GOFLAGS: "-mod=readonly" },
        log,
        "tofu",
    );
    moveIntoPlace(tmp, target);
}
