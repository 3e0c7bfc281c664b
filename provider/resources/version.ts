// The version of this package, read from its package.json wherever the code runs from (the
// source tree, dist/, or an installed node_modules/@securetemple/pulumi).
import * as fs from "fs";
import * as path from "path";

/** The package version, found from `from` upwards; "0.0.0" when no package.json of ours is found. */
export function packageVersion(from: string = __dirname): string {
    for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "@securetemple/pulumi" && pkg.version) {
                return pkg.version;
            }
        }
    }
    return "0.0.0";
}

/** The version the SDK asks the engine for, so that it starts this plugin and no other. */
export const sdkVersion = packageVersion();
