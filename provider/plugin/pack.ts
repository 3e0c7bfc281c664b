// Builds the plugin as a tarball that `pulumi plugin install` takes, for machines that use the
// plugin cache rather than a `plugins:` path: PulumiPlugin.yaml and a package.json at the root,
// the compiled provider under dist/, and only the dependencies the plugin loads (the engine runs
// `npm install` in the plugin folder after unpacking).
//   npx tsc -p tsconfig.build.json && npx ts-node --transpile-only provider/plugin/pack.ts [out.tgz]
//   pulumi plugin install resource securetemple <version> --file out.tgz
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.resolve(__dirname, "../..");
/**
 * What the plugin process requires at run time (the SDK's own dependencies come with @pulumi/pulumi).
 * better-sqlite3, which shares the request budget between the processes of a machine, is left
 * out: it compiles at install (minutes); without it each plugin process keeps its own budget.
 */
const runtimeDependencies = ["@pulumi/pulumi", "@aws-sdk/client-s3", "async-mutex"];

export function packPlugin(outFile: string): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };
    const compiled = path.join(root, "dist", "provider");
    if (!fs.existsSync(path.join(compiled, "plugin", "main.js"))) {
        throw new Error("dist/provider/plugin/main.js is missing: run npx tsc -p tsconfig.build.json first");
    }
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-plugin-"));
    try {
        fs.cpSync(compiled, path.join(stage, "dist", "provider"), { recursive: true });
        fs.copyFileSync(path.join(__dirname, "PulumiPlugin.yaml"), path.join(stage, "PulumiPlugin.yaml"));
        const dependencies = Object.fromEntries(runtimeDependencies.map((name) => [name, pkg.dependencies[name]]));
        const manifest = { name: "pulumi-resource-securetemple", version: pkg.version, private: true, main: "dist/provider/plugin/main.js", dependencies };
        fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
        const out = path.resolve(outFile);
        execFileSync("tar", ["-czf", out, "-C", stage, "."]);
        return out;
    } finally {
        fs.rmSync(stage, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
    const out = packPlugin(process.argv[2] ?? `pulumi-resource-securetemple-v${version}.tgz`);
    console.log(`${out}\npulumi plugin install resource securetemple ${version} --file ${out}`);
}
