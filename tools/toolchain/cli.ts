// `npm run toolchain`: builds whatever is missing, and does nothing when everything is there.
import { buildMinio, buildOpentofu, buildPulumi, goVersion } from "./build";
import { missingTools, requireToolchain } from "./env";

const log = (line: string) => console.log(`[toolchain] ${line}`);

async function main(): Promise<void> {
    let missing = missingTools();
    if (missing.length > 0) {
        const go = goVersion();
        if (!go) {
            throw new Error(
                `Missing ${missing.join(", ")} and Go is not installed: install Go 1.25 or later (or put the Pulumi CLI with pulumi-language-nodejs, and minio, on PATH), then run \`npm run toolchain\` again.`,
            );
        }
        log(`Missing: ${missing.join(", ")}; building with Go ${go}`);
        if (missing.includes("pulumi") || missing.includes("pulumi-language-nodejs")) {
            await buildPulumi(log);
        }
        if (missing.includes("minio")) {
            await buildMinio(log);
        }
        if (missing.includes("tofu")) {
            await buildOpentofu(log);
        }
        missing = missingTools();
        if (missing.length > 0) {
            throw new Error(`The build finished but ${missing.join(", ")} is still missing.`);
        }
    }
    const tools = requireToolchain();
    log(`Ready: ${tools.pulumi}${tools.pulumiFromPath ? " (from PATH)" : ""}, ${tools.minio} and ${tools.tofu}`);
}

main().catch((err: Error) => {
    console.error(`[toolchain] ${err.message}`);
    process.exit(1);
});
