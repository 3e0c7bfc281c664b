// The package's name and version, read from its package.json whether the CLI runs from the
// TypeScript sources (cli/) or from the build (dist/cli/).
import * as fs from "fs";
import * as path from "path";

export const toolName = "securetemple";

let cached: string | undefined;

export function toolVersion(): string {
    if (cached) {
        return cached;
    }
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "@securetemple/pulumi" && pkg.version) {
                cached = pkg.version;
                return cached;
            }
        }
        if (path.dirname(dir) === dir) {
            return "0.0.0";
        }
    }
}
