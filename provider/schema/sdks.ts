// Writes the package's Python and Go SDKs from its schema with `pulumi package gen-sdk`, into
// sdk/ (committed) or any folder (the staleness test compares the two):
//   npm run sdk:generate
// Why committed rather than built: a Go module is consumed as source from its repository, so the
// Go SDK must be in the tree at the module path; and `npm test` builds before it builds the
// toolchain that gen-sdk needs. The Python SDK follows the same rule so that a schema change shows
// as SDK changes in review; test/e2e/provider/sdks.test.ts fails when either is stale.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { requireToolchain, toolEnv } from "../../tools/toolchain/env";
import { packageVersion } from "../resources/version";
import { packageSchema, pulumiSdkVersion } from "./schema";

export const repoRoot = path.resolve(__dirname, "..", "..", __dirname.includes(`${path.sep}dist${path.sep}`) ? ".." : "");
/** The generated SDKs, by language, under sdk/ of the repository. */
export const sdkLanguages = ["python", "go"] as const;

/** The schema as the plugin serves it, formatted as committed in sdk/schema.json. */
export function schemaText(version = packageVersion()): string {
    return `${JSON.stringify(packageSchema(version), null, 2)}\n`;
}

/**
 * Generates sdk/schema.json, sdk/python and sdk/go under `outDir`. The Go module then requires the
 * Pulumi SDK this provider is built with (gen-sdk writes an old floor) and gets its go.sum.
 */
export function generateSdks(outDir: string): void {
    requireToolchain();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-sdkgen-home-"));
    try {
        const env = toolEnv({ pulumiHome: home });
        fs.mkdirSync(outDir, { recursive: true });
        const schemaFile = path.join(outDir, "schema.json");
        fs.writeFileSync(schemaFile, schemaText());
        for (const language of sdkLanguages) {
            // Run outside any Pulumi project: the CLI would read the repository's Pulumi.yaml otherwise.
            execFileSync("pulumi", ["package", "gen-sdk", schemaFile, "--language", language, "--out", outDir], {
                cwd: home,
                env,
                stdio: "pipe",
            });
        }
        const goDir = path.join(outDir, "go");
        execFileSync("go", ["mod", "edit", `-require=github.com/pulumi/pulumi/sdk/v3@v${pulumiSdkVersion}`], {
            cwd: goDir,
            env,
            stdio: "pipe",
        });
        execFileSync("go", ["mod", "tidy"], { cwd: goDir, env, stdio: "pipe" });
    } finally {
        fs.rmSync(home, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const out = path.join(repoRoot, "sdk");
    generateSdks(out);
    console.log(
        `Wrote ${path.relative(process.cwd(), out)}/schema.json, ${sdkLanguages.map((l) => `${path.relative(process.cwd(), out)}/${l}`).join(" and ")}`,
    );
}
