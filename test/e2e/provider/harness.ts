// Runs the e2e fixture program through the real Pulumi CLI and our plugin against a sandbox the
// test starts itself: the project is copied to a temporary folder (with node_modules linked to the
// repository's), its plugin path pointed at provider/plugin, its state in a local file backend.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Sandbox } from "../../../sandbox";
import { PulumiResult, PulumiWorkspace, pulumiWorkspace } from "../../support/pulumi";

export const repoRoot = path.resolve(__dirname, "../../..");

let built = false;
/** Compiles the package once per test process: the plugin and the fixture run the JavaScript in dist/. */
export function buildOnce(): void {
    if (!built) {
        try {
            execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: repoRoot, stdio: "pipe" });
        } catch {
            // tsc still emits when some other module of the tree has a type error; what matters
            // here is that the plugin and the SDK were emitted.
        }
        for (const file of ["dist/provider/plugin/main.js", "dist/provider/resources/index.js"]) {
            if (!fs.existsSync(path.join(repoRoot, file))) {
                throw new Error(`${file} was not built: run npx tsc -p tsconfig.build.json`);
            }
        }
        built = true;
    }
}

export interface StackRun {
    dir: string;
    stack: string;
    workspace: PulumiWorkspace;
    pulumi(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<PulumiResult>;
    ok(args: string[], extraEnv?: NodeJS.ProcessEnv): Promise<PulumiResult>;
    setConfig(key: string, value: string, secret?: boolean): Promise<void>;
    exportState(): Promise<{ deployment: { resources: { type: string; id?: string; urn: string; outputs?: Record<string, unknown> }[] } }>;
    dispose(): void;
}

/**
 * A node_modules folder for a program that imports the package by its name, as a user's would:
 * the repository's dependencies, and @securetemple/pulumi itself pointing at the repository.
 */
function linkNodeModules(dir: string): void {
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(path.join(modules, "@securetemple"), { recursive: true });
    for (const entry of fs.readdirSync(path.join(repoRoot, "node_modules"))) {
        if (entry !== "@securetemple" && entry !== ".bin") {
            fs.symlinkSync(path.join(repoRoot, "node_modules", entry), path.join(modules, entry));
        }
    }
    fs.symlinkSync(repoRoot, path.join(modules, "@securetemple", "pulumi"));
}

export interface OpenStackOptions {
    /** Set the securetemple:* keys for the sandbox (default true). */
    providerConfig?: boolean;
    /** Make `@securetemple/pulumi` importable by name (default: only the repository's dependencies). */
    linkPackage?: boolean;
}

/** A fresh project folder from a fixture, a stack on a temporary file backend, configured for the sandbox. */
export async function openStack(fixture: string, sandbox: Sandbox, prefix: string, options: OpenStackOptions = {}): Promise<StackRun> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `securetemple-e2e-${fixture}-`));
    const backend = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-e2e-state-"));
    const source = path.join(__dirname, "fixtures", fixture);
    const relativeRoot = "../../../../../";
    for (const file of fs.readdirSync(source)) {
        const text = fs.readFileSync(path.join(source, file), "utf8").split(relativeRoot).join(`${repoRoot}/`);
        fs.writeFileSync(path.join(dir, file), text);
    }
    if (options.linkPackage) {
        linkNodeModules(dir);
    } else {
        fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
    }
    const workspace = pulumiWorkspace({ PULUMI_BACKEND_URL: `file://${backend}` });
    const env: NodeJS.ProcessEnv = { SECURETEMPLE_ACTIVITY_POLL_MS: "100", SECURETEMPLE_PROVIDER_LOG: path.join(dir, "provider.log") };
    const run: StackRun = {
        dir,
        stack: "e2e",
        workspace,
        pulumi: (args, extraEnv) => workspace.run(args, dir, { ...env, ...extraEnv }),
        ok: (args, extraEnv) => workspace.ok(args, dir, { ...env, ...extraEnv }),
        async setConfig(key, value, secret = false) {
            // `--`: a generated secret may start with "-" and must not be read as a flag.
            await workspace.ok(["config", "set", ...(secret ? ["--secret"] : ["--plaintext"]), "--", key, value], dir, env);
        },
        async exportState() {
            return JSON.parse((await workspace.ok(["stack", "export"], dir, env)).stdout);
        },
        dispose() {
            workspace.dispose();
            fs.rmSync(dir, { recursive: true, force: true });
            fs.rmSync(backend, { recursive: true, force: true });
        },
    };
    await run.ok(["stack", "init", run.stack]);
    await run.setConfig("prefix", prefix);
    if (options.providerConfig === false) {
        return run;
    }
    await run.setConfig("securetemple:endpoint", sandbox.endpoint);
    await run.setConfig("securetemple:clientId", sandbox.clientId);
    await run.setConfig("securetemple:secretId", sandbox.secretId, true);
    await run.setConfig("securetemple:s3AccessKeyId", sandbox.minio.accessKey);
    await run.setConfig("securetemple:s3SecretAccessKey", sandbox.minio.secretKey, true);
    return run;
}

/** Steps of a `pulumi preview --json`, as "op type name" strings (e.g. "replace securetemple:compute:VirtualMachine vm"). */
export function previewSteps(result: PulumiResult): string[] {
    const doc = JSON.parse(result.stdout) as { steps?: { op: string; urn: string }[] };
    return (doc.steps ?? []).map((s) => {
        const parts = s.urn.split("::");
        return `${s.op} ${parts[2].split("$").pop()} ${parts[3]}`;
    });
}

export const sandboxNames = (list: unknown[], prefix: string): string[] =>
    (list as { name: string }[])
        .map((o) => o.name)
        .filter((n) => n.startsWith(prefix))
        .sort();
