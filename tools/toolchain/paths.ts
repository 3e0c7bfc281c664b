// Where the built tools live: a cache outside the repository, keyed by version, so that every
// clone on a machine shares one build and a version bump builds next to the old one.
import * as os from "os";
import * as path from "path";
import { minioModuleVersion, opentofuVersion, pulumiVersion } from "./versions";

export function cacheRoot(): string {
    if (process.env.SECURETEMPLE_TOOLCHAIN_DIR) {
        return process.env.SECURETEMPLE_TOOLCHAIN_DIR;
    }
    const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
    return path.join(base, "securetemple", "toolchain");
}

export function pulumiBinDir(version = pulumiVersion()): string {
    return path.join(cacheRoot(), `pulumi-v${version}`, "bin");
}

export function minioBinary(): string {
    return path.join(cacheRoot(), `minio-${minioModuleVersion}`, "bin", "minio");
}

export function tofuBinary(): string {
    return path.join(cacheRoot(), `opentofu-${opentofuVersion}`, "bin", "tofu");
}
