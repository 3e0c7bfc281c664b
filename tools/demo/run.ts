// Runs `pulumi` for the demo, either streaming its output to the terminal (long steps show their
// own progress) or capturing it.
import { spawn } from "child_process";
import { demoPaths } from "./paths";

export function pulumi(args: string[], env: NodeJS.ProcessEnv, capture = false): Promise<{ code: number; stdout: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn("pulumi", [...args, "--non-interactive"], {
            cwd: demoPaths.program,
            env,
            stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
        });
        let stdout = "";
        child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? 1, stdout }));
    });
}

export async function pulumiOk(args: string[], env: NodeJS.ProcessEnv, capture = false): Promise<string> {
    const result = await pulumi(args, env, capture);
    if (result.code !== 0) {
        throw new Error(`\`pulumi ${args.join(" ")}\` failed (exit code ${result.code}).`);
    }
    return result.stdout;
}
