// Runs the real OpenTofu (built by the toolchain) with the official Cloud Temple Terraform provider
// against a sandbox: the provider comes from its folder through `dev_overrides` (no registry, no
// `tofu init`), its credentials and address from the CLOUDTEMPLE_* variables.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { providerEnv, SandboxAddress } from "../../sandbox/providerEnv";
import { requireToolchain } from "../../tools/toolchain/env";
import { repoRoot } from "../../tools/toolchain/versions";
import { ProcessResult, runProcess } from "./process";

/** The provider's binary name, and the address its main.go registers. */
const providerBinary = "terraform-provider-cloudtemple";
const providerSource = "Cloud-Temple/cloudtemple";

/** `shared/tools/<provider>` beside every folder that holds the repository, nearest first. */
function sharedToolsBesideAncestors(): string[] {
    const found: string[] = [];
    for (let dir = path.dirname(repoRoot); ; dir = path.dirname(dir)) {
        found.push(path.join(dir, "shared", "tools", providerBinary));
        if (dir === path.dirname(dir)) {
            return found;
        }
    }
}

/**
 * The folder holding the prebuilt provider: SECURETEMPLE_TERRAFORM_PROVIDER_DIR, else the team's
 * shared tools folder beside the repository or beside one of its parent folders, else the team's
 * workspace (`/work/shared`), where a clone made elsewhere (a CI clone in a temporary folder) finds
 * it. A missing provider is an error naming the variable, never a skipped test.
 */
export function terraformProviderDir(): string {
    const candidates = [
        process.env.SECURETEMPLE_TERRAFORM_PROVIDER_DIR,
        ...sharedToolsBesideAncestors(),
        path.join("/work", "shared", "tools", providerBinary),
    ].filter((c): c is string => !!c);
    const found = candidates.find((dir) => fs.existsSync(path.join(dir, providerBinary)));
    if (!found) {
        throw new Error(
            `The Cloud Temple Terraform provider (${providerBinary}) is in none of: ${candidates.join(", ")}. ` +
                "Set SECURETEMPLE_TERRAFORM_PROVIDER_DIR to the folder that holds it.",
        );
    }
    return found;
}

/** One line of OpenTofu's machine-readable output (`-json`). */
export interface TofuEvent {
    type: string;
    "@level": string;
    "@message": string;
    hook?: { resource: { addr: string }; action: string };
    change?: { resource: { addr: string }; action: string };
    diagnostic?: { severity: string; summary: string; detail?: string; address?: string };
}

export interface TofuResult extends ProcessResult {
    /** The parsed `-json` lines (empty without `-json`). */
    events: TofuEvent[];
    /** Error diagnostics, one line each ("address: summary"). */
    errors: string[];
}

export interface TofuWorkspace {
    /** The working directory: a copy of the configuration, the state and the CLI configuration. */
    dir: string;
    env: NodeJS.ProcessEnv;
    /** Runs `tofu <args>` in the workspace; never throws on a non-zero exit. */
    run(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<TofuResult>;
    dispose(): void;
}

function parseEvents(stdout: string): TofuEvent[] {
    const events: TofuEvent[] = [];
    for (const line of stdout.split("\n")) {
        if (line.startsWith("{")) {
            try {
                events.push(JSON.parse(line) as TofuEvent);
            } catch {
                // a line cut by a crash: the exit code tells the story
            }
        }
    }
    return events;
}

/** A workspace holding a copy of the `.tf` files of `configDir`, pointed at the sandbox. */
export function tofuWorkspace(configDir: string, sandbox: SandboxAddress, extraEnv: NodeJS.ProcessEnv = {}): TofuWorkspace {
    const { tofu } = requireToolchain();
    const providerDir = terraformProviderDir();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-tofu-"));
    for (const file of fs.readdirSync(configDir).filter((f) => f.endsWith(".tf"))) {
        fs.copyFileSync(path.join(configDir, file), path.join(dir, file));
    }
    const cliConfig = path.join(dir, ".tofurc");
    fs.writeFileSync(
        cliConfig,
        `provider_installation {\n  dev_overrides {\n    "${providerSource}" = ${JSON.stringify(providerDir)}\n  }\n  direct {}\n}\n`,
    );
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...providerEnv(sandbox),
        TF_CLI_CONFIG_FILE: cliConfig,
        TF_DATA_DIR: path.join(dir, ".terraform"),
        TF_IN_AUTOMATION: "1",
        TF_INPUT: "0",
        CHECKPOINT_DISABLE: "1",
        ...extraEnv,
    };
    return {
        dir,
        env,
        async run(args, more = {}) {
            const result = await runProcess(tofu, args, { cwd: dir, env: { ...env, ...more } });
            const events = parseEvents(result.stdout);
            const errors = events
                .filter((e) => e.type === "diagnostic" && e.diagnostic?.severity === "error")
                .map(
                    (e) =>
                        `${e.diagnostic?.address ?? "(configuration)"}: ${e.diagnostic?.summary ?? ""}${e.diagnostic?.detail ? ` (${e.diagnostic.detail})` : ""}`,
                );
            return { ...result, events, errors };
        },
        dispose() {
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

/** Addresses of the resources and data sources a configuration declares (no count, no for_each, no modules). */
export function declaredAddresses(configDir: string): { resources: string[]; dataSources: string[] } {
    const resources: string[] = [];
    const dataSources: string[] = [];
    for (const file of fs.readdirSync(configDir).filter((f) => f.endsWith(".tf"))) {
        for (const m of fs.readFileSync(path.join(configDir, file), "utf8").matchAll(/^(resource|data)\s+"([\w-]+)"\s+"([\w-]+)"/gm)) {
            if (m[1] === "resource") {
                resources.push(`${m[2]}.${m[3]}`);
            } else {
                dataSources.push(`data.${m[2]}.${m[3]}`);
            }
        }
    }
    return { resources, dataSources };
}
