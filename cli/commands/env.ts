// `securetemple env`: the shell lines that make the toolchain usable, printed the way
// `securetemple sandbox` prints its CLOUDTEMPLE_* lines, for `eval "$(npx securetemple env)"`.
// The Pulumi CLI comes from the user's PATH when it is recent enough, else from the toolchain cache
// (tools/toolchain/paths.ts); PULUMI_HOME is a folder of the kit's own, so the plugin installed
// there and the login never touch the user's ~/.pulumi.
//
// This module works from an installed package, where there is no package-lock.json: the Pulumi
// version is the one of the @pulumi/pulumi that the kit itself loads (tools/toolchain/versions.ts
// reads the lock file, which only a clone has).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { builtPulumiBinDirs, cacheRoot, minioBinary, pulumiBinDir } from "../../tools/toolchain/paths";
import { CliInputError } from "../errors";
import { CliIo } from "../io";

/** Where the kit keeps the Pulumi CLI's home by default (plugins, credentials of `pulumi login`). */
export const defaultPulumiHome = () => path.join(os.homedir(), ".securetemple", "pulumi");

/** The version of the @pulumi/pulumi that this package resolves, e.g. "3.248.0". */
export function installedPulumiVersion(from: string = __dirname): string {
    const manifest = require.resolve("@pulumi/pulumi/package.json", { paths: [from] });
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function versionOf(binary: string): string | undefined {
    try {
        return execFileSync(binary, ["version"], {
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
            env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
        })
            .trim()
            .replace(/^v/, "");
    } catch {
        return undefined;
    }
}

/** Same major version, and not older than the SDK: the CLI and the SDK speak the same protocol. */
function compatible(found: string, wanted: string): boolean {
    const [fMaj, fMin] = found.split(".").map(Number);
    const [wMaj, wMin] = wanted.split(".").map(Number);
    return fMaj === wMaj && fMin >= wMin;
}

export interface FoundToolchain {
    /** Folder of `pulumi` and `pulumi-language-nodejs`. */
    pulumiBinDir: string;
    /** True when it came from PATH rather than from the toolchain cache. */
    fromPath: boolean;
    /** The MinIO binary, or undefined when neither the cache nor PATH has one. */
    minio?: string;
}

/** Where a binary named `name` is on PATH, if it is there. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
    for (const dir of (env.PATH ?? "").split(path.delimiter)) {
        if (dir && fs.existsSync(path.join(dir, name))) {
            return path.join(dir, name);
        }
    }
    return undefined;
}

/** The MinIO the sandbox runs: the toolchain cache's, else one on PATH. */
export function findMinio(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const cached = minioBinary();
    return fs.existsSync(cached) ? cached : onPath("minio", env);
}

/** The Pulumi CLI and MinIO, or a bilingual error that says how to get the CLI. */
export function findToolchain(env: NodeJS.ProcessEnv = process.env, wanted = installedPulumiVersion()): FoundToolchain {
    for (const dir of (env.PATH ?? "").split(path.delimiter)) {
        if (!dir || !fs.existsSync(path.join(dir, "pulumi")) || !fs.existsSync(path.join(dir, "pulumi-language-nodejs"))) {
            continue;
        }
        const version = versionOf(path.join(dir, "pulumi"));
        if (version && compatible(version, wanted)) {
            return { pulumiBinDir: dir, fromPath: true, minio: findMinio(env) };
        }
    }
    // A clone's own build first (keyed by its sources), else the newest build of this Pulumi version.
    const own = pulumiBinDir(wanted);
    const cached = [own, ...builtPulumiBinDirs(wanted)].find(
        (bin) => fs.existsSync(path.join(bin, "pulumi")) && fs.existsSync(path.join(bin, "pulumi-language-nodejs")),
    );
    if (cached) {
        return { pulumiBinDir: cached, fromPath: false, minio: findMinio(env) };
    }
    throw new CliInputError("pulumi", {
        fr:
            `ni le cache ${cacheRoot()} ni le PATH n'ont de CLI Pulumi ${wanted.split(".")[0]}.x (>= ${wanted}) avec pulumi-language-nodejs. ` +
            "Installez-la, ou construisez-la depuis un clone du kit avec `npm ci && npm run toolchain` (Go 1.25 ou plus).",
        en:
            `neither the cache ${cacheRoot()} nor PATH holds a Pulumi CLI ${wanted.split(".")[0]}.x (>= ${wanted}) with pulumi-language-nodejs. ` +
            "Install one, or build it from a clone of the kit with `npm ci && npm run toolchain` (Go 1.25 or later).",
    });
}

/** A value quoted for a POSIX shell. */
export function shellQuote(value: string): string {
    return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface EnvCommandOptions {
    pulumiHome?: string;
}

/** The variables that `securetemple env` sets, in order. PATH keeps the caller's PATH after the tools. */
export function toolchainVariables(found: FoundToolchain, pulumiHome: string): [string, string][] {
    const vars: [string, string][] = [];
    if (!found.fromPath) {
        vars.push(["PATH", `${shellQuote(found.pulumiBinDir)}:"$PATH"`]);
    }
    vars.push(
        ["PULUMI_HOME", shellQuote(pulumiHome)],
        // No update check and no notice about the DIY backend: nothing calls out of the machine.
        ["PULUMI_SKIP_UPDATE_CHECK", "true"],
        ["PULUMI_DIY_BACKEND_NO_LEGACY_WARNING", "true"],
    );
    return vars;
}

export function runEnv(options: EnvCommandOptions, io: CliIo): number {
    const found = findToolchain();
    const home = path.resolve(options.pulumiHome ?? defaultPulumiHome());
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    io.stdout(`# FR Chaîne d'outils Pulumi du kit Secure Temple ; à charger avec : eval "$(npx securetemple env)"\n`);
    io.stdout(`# EN The Secure Temple kit's Pulumi toolchain; load it with: eval "$(npx securetemple env)"\n`);
    io.stdout(`# pulumi: ${path.join(found.pulumiBinDir, "pulumi")}${found.fromPath ? " (PATH)" : ""}\n`);
    for (const [name, value] of toolchainVariables(found, home)) {
        io.stdout(`export ${name}=${value}\n`);
    }
    io.stdout(
        "# FR Puis un état et des secrets sous votre contrôle (convention 13.4), par exemple : pulumi login --local ; export PULUMI_CONFIG_PASSPHRASE=...\n" +
            "# EN Then state and secrets under your control (convention 13.4), for instance: pulumi login --local; export PULUMI_CONFIG_PASSPHRASE=...\n",
    );
    return 0;
}
