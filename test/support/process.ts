// Runs a command to completion for e2e tests and collects what it printed; never throws on a
// non-zero exit, so that the test asserts on the code and the output itself.
import { spawn } from "child_process";

export interface ProcessResult {
    code: number;
    stdout: string;
    stderr: string;
}

export interface RunOptions {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    /** Written to standard input, which is then closed (standard input is empty otherwise). */
    stdin?: string;
}

export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<ProcessResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
        child.stdin.end(options.stdin ?? "");
    });
}
