// Where the built tools live: a cache outside the repository, keyed by version, so that every
// clone on a machine shares one build and a version bump builds next to the old one.
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { minioModuleVersion, opentofuVersion, pulumiVersion, repoRoot } from "./versions";

export function cacheRoot(): string {
    if (process.env.SECURETEMPLE_TOOLCHAIN_DIR) {
        return process.env.SECURETEMPLE_TOOLCHAIN_DIR;
    }
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "securetemple", "toolchain");
}

/**
 * A digest of the wrapper module (go.mod, go.sum, our Go sources and the Python runner they embed): the language hosts are built
 * from it, so a change to a host (e.g. code generation) builds a new folder next to the old one
 * instead of being hidden by a build of the same Pulumi version made from older sources.
 */
export function toolchainSourceDigest(dir = path.join(repoRoot, "tools", "pulumi-toolchain")): string {
    if (!fs.existsSync(dir)) {
        return "unbuilt";
    }
    const hash = createHash("sha256");
    const walk = (relative: string): void => {
        for (const entry of fs
            .readdirSync(path.join(dir, relative), { withFileTypes: true })
            .sort((a, b) => a.name.localeCompare(b.name))) {
            const child = path.join(relative, entry.name);
            if (entry.isDirectory()) {
                walk(child);
            } else if (/\.(go|mod|sum|py)$/.test(entry.name)) {
                hash.update(`${child}\0`)
                    .update(fs.readFileSync(path.join(dir, child)))
                    .update("\0");
            }
        }
    };
    walk("");
    return hash.digest("hex").slice(0, 12);
}

export function pulumiBinDir(version = pulumiVersion()): string {
    return path.join(cacheRoot(), `pulumi-v${version}-${toolchainSourceDigest()}`, "bin");
}

/**
 * The Pulumi bin folders of the cache built for `version`, newest first. An installed package has
 * no wrapper-module sources to digest, so it takes the latest build of its Pulumi version.
 */
export function builtPulumiBinDirs(version = pulumiVersion()): string[] {
    const root = cacheRoot();
    if (!fs.existsSync(root)) {
        return [];
    }
    return fs
        .readdirSync(root)
        .filter((entry) => entry === `pulumi-v${version}` || entry.startsWith(`pulumi-v${version}-`))
        .map((entry) => path.join(root, entry, "bin"))
        .filter((bin) => fs.existsSync(path.join(bin, "pulumi")) && fs.existsSync(path.join(bin, "pulumi-language-nodejs")))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
}

export function minioBinary(): string {
    return path.join(cacheRoot(), `minio-${minioModuleVersion}`, "bin", "minio");
}

export function tofuBinary(): string {
    return path.join(cacheRoot(), `opentofu-${opentofuVersion}`, "bin", "tofu");
}
