// The one place that tells scripts and tests where the tools are and how to call them: PATH, a
// private PULUMI_HOME, no update check, and a local passphrase secrets provider. Nothing here
// reads or writes the user's own ~/.pulumi.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { minioBinary, pulumiBinDir, tofuBinary } from "./paths";
import { ToolName, ToolScope, toolsFor } from "./tools";
import { pulumiVersion } from "./versions";

export interface Toolchain {
    /** Folder holding `pulumi` and its language hosts (Node.js, Python, Go, YAML), put first on PATH. */
    binDir: string;
    pulumi: string;
    minio: string;
    /** OpenTofu, for the Terraform conformance tier and `securetemple check` on Terraform plans. */
    tofu: string;
    /** True when the Pulumi CLI came from the user's PATH rather than from our build. */
    pulumiFromPath: boolean;
}

/** Passphrase of the local secrets provider used by test and demo stacks (never a real secret). */
export const localPassphrase = "securetemple-local-passphrase";

function versionOf(binary: string): string | undefined {
    try {
        return execFileSync(binary, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } })
            .trim()
            .replace(/^v/, "");
    } catch {
        return undefined;
    }
}

/** A `pulumi` already on PATH is used as it is when its major version matches and it is not older than the SDK. */
export function compatiblePulumi(found: string, wanted: string): boolean {
    const [fMaj, fMin] = found.split(".").map(Number);
    const [wMaj, wMin] = wanted.split(".").map(Number);
    return fMaj === wMaj && fMin >= wMin;
}

function pulumiOnPath(wanted: string): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        const candidate = path.join(dir, "pulumi");
        if (!dir || !fs.existsSync(candidate) || !fs.existsSync(path.join(dir, "pulumi-language-nodejs"))) {
            continue;
        }
        const version = versionOf(candidate);
        if (version && compatiblePulumi(version, wanted)) {
            return dir;
        }
    }
    return undefined;
}

/**
 * What is missing from the toolchain for a use (`demo`: the CLI, the Node.js host and MinIO;
 * `all`: also the Python, Go and YAML hosts and OpenTofu), as tool names; empty when all is there.
 * A compatible `pulumi` on PATH brings its own language hosts.
 */
export function missingTools(scope: ToolScope = "all"): ToolName[] {
    const bin = pulumiBinDir();
    const fromPath = pulumiOnPath(pulumiVersion()) !== undefined;
    return toolsFor(scope).filter((tool) => {
        switch (tool) {
            case "minio":
                return !fs.existsSync(minioBinary());
            case "tofu":
                return !fs.existsSync(tofuBinary());
            default:
                return !fromPath && !fs.existsSync(path.join(bin, tool));
        }
    });
}

/** The MinIO server binary: our build when it is there, else `minio` as found on PATH (the sandbox takes it from its caller). */
export function minioPath(): string {
    return fs.existsSync(minioBinary()) ? minioBinary() : "minio";
}

/** The toolchain, or an Error whose message says in one sentence what to run. */
export function requireToolchain(scope: ToolScope = "all"): Toolchain {
    const missing = missingTools(scope);
    if (missing.length > 0) {
        const command = scope === "demo" ? "npm run toolchain -- --demo" : "npm run toolchain";
        throw new Error(
            `Missing tools: ${missing.join(", ")}. Run \`${command}\` to build them from the Go module proxy (needs Go 1.25 or later).`,
        );
    }
    const wanted = pulumiVersion();
    const fromPath = pulumiOnPath(wanted);
    const binDir = fromPath ?? pulumiBinDir(wanted);
    return {
        binDir,
        pulumi: path.join(binDir, "pulumi"),
        minio: minioBinary(),
        tofu: tofuBinary(),
        pulumiFromPath: fromPath !== undefined,
    };
}

export interface ToolEnvOptions {
    /** A private PULUMI_HOME; tests give a temporary folder. */
    pulumiHome: string;
    /** Extra variables, applied last. */
    extra?: NodeJS.ProcessEnv;
    /** The tools the caller needs (default: all of them). */
    scope?: ToolScope;
}

/** The environment under which `pulumi` runs for our scripts and tests. */
export function toolEnv(options: ToolEnvOptions): NodeJS.ProcessEnv {
    const tools = requireToolchain(options.scope);
    fs.mkdirSync(options.pulumiHome, { recursive: true });
    return {
        ...process.env,
        PATH: `${tools.binDir}${path.delimiter}${process.env.PATH ?? ""}`,
        PULUMI_HOME: options.pulumiHome,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
        PULUMI_CONFIG_PASSPHRASE: localPassphrase,
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        // Turns on `--event-log` of preview/up/destroy: pipelines read policy results from that log.
        PULUMI_DEBUG_COMMANDS: "true",
        ...options.extra,
    };
}
