// Builds the plugin as a tarball that `pulumi plugin install resource securetemple <version> --file`
// takes, so that programs find the provider in the plugin cache and need no `plugins:` entry.
// The tarball is self-contained: PulumiPlugin.yaml, a package.json whose `main` is the compiled
// provider, the compiled provider (dist/provider) and, under node_modules/, every package it loads
// copied from the installed tree with the same layout. With node_modules present the language host
// installs nothing, so the plugin installs offline (an air-gapped site needs no registry) and runs
// exactly the dependency versions the kit was installed with.
//   npx securetemple plugin [--output out.tgz]          (from an installed package)
//   npm run build && node dist/provider/plugin/pack.js  (from a clone)
import { execFileSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";

/** The package root: the folder of the kit's package.json, from provider/plugin or dist/provider/plugin. */
export function kitRoot(from: string = __dirname): string {
    for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string }).name === "@securetemple/pulumi") {
            return dir;
        }
    }
    throw new Error(`no package.json of @securetemple/pulumi above ${from}`);
}

interface Manifest {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
}

const readManifest = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;

function jsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? jsFiles(full) : e.name.endsWith(".js") ? [full] : [];
    });
}

/**
 * The packages that the compiled provider requires (tsc's CommonJS output names each one in a
 * `require("...")`), so the list follows the code. A relative require that leaves the compiled
 * provider is an error: the tarball holds only dist/provider.
 */
export function providerImports(compiled: string): string[] {
    const builtins = new Set(builtinModules);
    const packages = new Set<string>();
    for (const file of jsFiles(compiled)) {
        for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(/\brequire\("([^"]+)"\)/g)) {
            if (spec.startsWith(".")) {
                const target = path.resolve(path.dirname(file), spec);
                if (path.relative(compiled, target).startsWith("..")) {
                    throw new Error(`${path.relative(compiled, file)} requires ${spec}, outside the compiled provider`);
                }
                continue;
            }
            const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
            if (!builtins.has(name) && !name.startsWith("node:")) {
                packages.add(name);
            }
        }
    }
    return [...packages].sort();
}

/** Node's lookup of package `name` from folder `from`: the nearest node_modules/<name> upwards. */
function findPackage(name: string, from: string): string | undefined {
    for (let dir = from; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "node_modules", name);
        if (fs.existsSync(path.join(candidate, "package.json"))) {
            return fs.realpathSync(candidate);
        }
        if (path.dirname(dir) === dir) {
            return undefined;
        }
    }
}

/**
 * Every package folder the given packages load, each with the path it gets in the tarball. A
 * package found in the kit's own node_modules keeps its path below the kit; one hoisted into a
 * node_modules above the kit (an installed package's case) keeps its path below that folder's
 * parent. Either way it lands under the tarball's node_modules/ where Node finds it from the
 * provider exactly as it does in the installed tree.
 */
export function dependencyClosure(root: string, names: readonly string[]): Map<string, string> {
    const placed = new Map<string, string>(); // tarball path -> source folder
    const visit = (name: string, from: string, optional: boolean) => {
        const dir = findPackage(name, from);
        if (!dir) {
            if (optional) {
                return;
            }
            throw new Error(`${name}, needed by ${from}, is not installed`);
        }
        // Below the kit's own node_modules, the path from the kit; else the path from the folder that
        // holds the first node_modules of the chain (node_modules/a/node_modules/b).
        const segments = dir.split(path.sep);
        const base = dir.startsWith(path.join(root, "node_modules") + path.sep)
            ? root
            : segments.slice(0, segments.indexOf("node_modules")).join(path.sep);
        const target = path.relative(base, dir);
        const already = placed.get(target);
        if (already !== undefined) {
            if (already !== dir && readManifest(already).version !== readManifest(dir).version) {
                throw new Error(`two versions of ${name} would share ${target}: ${already} and ${dir}`);
            }
            return;
        }
        placed.set(target, dir);
        const manifest = readManifest(dir);
        for (const dep of Object.keys(manifest.dependencies ?? {})) {
            visit(dep, dir, false);
        }
        for (const dep of Object.keys(manifest.optionalDependencies ?? {})) {
            visit(dep, dir, true);
        }
    };
    for (const name of names) {
        visit(name, root, false);
    }
    return placed;
}

/**
 * Writes the plugin tarball to `outFile` (default `pulumi-resource-securetemple-v<version>.tgz` in
 * the working folder); `root` is the kit's folder (a clone, or node_modules/@securetemple/pulumi).
 */
export function packPlugin(outFile?: string, root: string = kitRoot()): string {
    const kit = readManifest(root);
    const compiled = path.join(root, "dist", "provider");
    if (!fs.existsSync(path.join(compiled, "plugin", "main.js"))) {
        throw new Error(`${path.join(compiled, "plugin", "main.js")} is missing: run npm run build first`);
    }
    const imports = providerImports(compiled);
    const closure = dependencyClosure(root, imports);
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-plugin-"));
    try {
        fs.cpSync(compiled, path.join(stage, "dist", "provider"), { recursive: true, filter: (src) => !src.endsWith(".map") });
        for (const [target, source] of closure) {
            fs.cpSync(source, path.join(stage, target), {
                recursive: true,
                dereference: true,
                // Nested node_modules are copied on their own when something loads them.
                filter: (src) => src === source || !path.relative(source, src).split(path.sep).includes("node_modules"),
            });
        }
        fs.writeFileSync(path.join(stage, "PulumiPlugin.yaml"), "runtime:\n  name: nodejs\n  options:\n    typescript: false\n");
        // The kit's name and version, so the provider reports the version it was installed as.
        const dependencies = Object.fromEntries(imports.map((name) => [name, readManifest(findPackage(name, root) as string).version]));
        const manifest = { name: kit.name, version: kit.version, private: true, main: "dist/provider/plugin/main.js", dependencies };
        fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
        const out = path.resolve(outFile ?? `pulumi-resource-securetemple-v${kit.version}.tgz`);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        execFileSync("tar", ["-czf", out, "-C", stage, "."]);
        return out;
    } finally {
        fs.rmSync(stage, { recursive: true, force: true });
    }
}

/** The command that installs the plugin tarball `file` into the plugin cache. */
export const installCommand = (file: string, root: string = kitRoot()) =>
    `pulumi plugin install resource securetemple ${readManifest(root).version} --file ${file}`;

if (require.main === module) {
    const file = packPlugin(process.argv[2]);
    console.log(`${file}\n${installCommand(file)}`);
}
