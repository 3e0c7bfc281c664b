// `npm run toolchain`: builds whatever is missing, and does nothing when everything is there.
// `npm run toolchain -- --demo` builds only what `npm run demo` needs (the CLI, the Node.js host
// and MinIO), so a first demo does not wait for the Python, Go and YAML hosts or OpenTofu.
import { buildMinio, buildOpentofu, buildPulumiTools, buildPulumiYaml, goVersion } from "./build";
import { missingTools, requireToolchain } from "./env";
import { ToolScope } from "./tools";

const log = (line: string) => console.log(`[toolchain] ${line}`);

async function main(): Promise<void> {
    const scope: ToolScope = process.argv.includes("--demo") ? "demo" : "all";
    let missing = missingTools(scope);
    if (missing.length > 0) {
        const go = goVersion();
        if (!go) {
            throw new Error(
                `Missing ${missing.join(", ")} and Go is not installed: install Go 1.25 or later (or put the Pulumi CLI with pulumi-language-nodejs, and minio, on PATH), then run \`npm run toolchain\` again.`,
            );
        }
        log(`Missing: ${missing.join(", ")}; building with Go ${go}`);
        // One after the other: each Go build already keeps every core busy.
        await buildPulumiTools(missing, log);
        if (missing.includes("pulumi-language-yaml")) {
            await buildPulumiYaml(log);
        }
        if (missing.includes("minio")) {
            await buildMinio(log);
        }
        if (missing.includes("tofu")) {
            await buildOpentofu(log);
        }
        missing = missingTools(scope);
        if (missing.length > 0) {
            throw new Error(`The build finished but ${missing.join(", ")} is still missing.`);
        }
    }
    const tools = requireToolchain(scope);
    log(
        `Ready: ${tools.pulumi}${tools.pulumiFromPath ? " (from PATH)" : ""}, ${tools.minio}${scope === "all" ? ` and ${tools.tofu}` : ""}`,
    );
}

main().catch((err: Error) => {
    console.error(`[toolchain] ${err.message}`);
    process.exit(1);
});
