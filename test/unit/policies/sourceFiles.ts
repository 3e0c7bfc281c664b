// The TypeScript files under a folder, for the tests that read the sources themselves.
import * as fs from "fs";
import * as path from "path";

export function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
    });
}
