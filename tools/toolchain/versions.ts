// The versions of the tools this project builds for itself. The Pulumi version is read from the
// lock file, so the CLI, the language host and the SDK in node_modules never drift apart.
import * as fs from "fs";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "..", "..", __dirname.includes(`${path.sep}dist${path.sep}`) ? ".." : "");

/** MinIO has no semantic-version tags on the Go module proxy; this pseudo-version is the pinned release. */
export const minioModuleVersion = "v0.0.0-20260212201848-7aac2a2c5b7c";

/**
 * OpenTofu, which runs the Terraform conformance tier and the Terraform plans that `securetemple check`
 * reads. Its go.mod carries a `replace` directive, so it is built inside its downloaded module.
 */
export const opentofuVersion = "v1.12.6";

/**
 * Pulumi YAML's language host. Its go.mod requires an older pulumi pkg/sdk than our CLI, whose APIs
 * it no longer builds against, so it is built in its own module as released; the host speaks the
 * same LanguageRuntime protocol to a newer engine.
 */
export const pulumiYamlVersion = "v1.25.0";

/** The version of `@pulumi/pulumi` in package-lock.json, e.g. "3.248.0". */
export function pulumiVersion(): string {
    const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as {
        packages?: Record<string, { version?: string }>;
    };
    const version = lock.packages?.["node_modules/@pulumi/pulumi"]?.version;
    if (!version) {
        throw new Error("package-lock.json does not pin @pulumi/pulumi; run `npm install` first.");
    }
    return version;
}
