// The compiled CLI that the e2e tests run: `npm test` builds the package first; when run alone,
// the tests compile it here if dist/ is missing or older than the CLI sources.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const root = path.resolve(__dirname, "..", "..", "..");
export const binary = path.join(root, "dist", "bin", "securetemple.js");

/** Newest modification time of the files under `dirs`. */
function newest(dirs: string[]): number {
    let t = 0;
    for (const dir of dirs) {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
            if (entry.isFile()) {
                t = Math.max(t, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
            }
        }
    }
    return t;
}

function mtime(file: string): number {
    return fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0;
}

/** Compiles the package (tsconfig.build.json) unless dist/ is newer than the sources the CLI runs; returns the binary. */
export function ensureBuilt(): string {
    const built = Math.min(mtime(binary), mtime(path.join(root, "dist", "cli", "program.js")));
    // The CLI runs the compiled policies and catalogue too; the examples run from dist/ as well.
    if (built < newest(["cli", "bin", "policies", "provider", "examples"].map((d) => path.join(root, d)))) {
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], {
            cwd: root,
            stdio: "inherit",
        });
    }
    return binary;
}
