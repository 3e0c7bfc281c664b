// Runs the real Pulumi CLI for e2e tests, with the toolchain environment and a private PULUMI_HOME.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { toolEnv } from "../../tools/toolchain/env";
import { ProcessResult, runProcess } from "./process";

export type PulumiResult = ProcessResult;

export interface PulumiWorkspace {
    /** PULUMI_HOME of this workspace, removed by `dispose`. */
    home: string;
    env: NodeJS.ProcessEnv;
    /** Runs `pulumi <args>` in `cwd`; never throws on a non-zero exit (the caller asserts). */
    run(args: string[], cwd: string, extraEnv?: NodeJS.ProcessEnv): Promise<PulumiResult>;
    /** Like `run`, but throws with the whole output when the exit code is not 0. */
    ok(args: string[], cwd: string, extraEnv?: NodeJS.ProcessEnv): Promise<PulumiResult>;
    dispose(): void;
}

/** A private Pulumi home, optionally logged in to `backendUrl` (default: a temporary file:// folder). */
export function pulumiWorkspace(extra: NodeJS.ProcessEnv = {}): PulumiWorkspace {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-pulumi-home-"));
    const env = toolEnv({ pulumiHome: home, extra });
    const run = (args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}) =>
        // The global flag goes first, so that arguments after a `--` stay positional.
        runProcess("pulumi", ["--non-interactive", ...args], { cwd, env: { ...env, ...extraEnv } });
    return {
        home,
        env,
        run,
        async ok(args, cwd, extraEnv) {
            const result = await run(args, cwd, extraEnv);
            if (result.code !== 0) {
                throw new Error(
                    `pulumi ${args.join(" ")} exited ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
                );
            }
            return result;
        },
        dispose() {
            fs.rmSync(home, { recursive: true, force: true });
        },
    };
}
