// The real plugin entry point in a process of its own: an error nothing catches ends it with code
// 1 and a sentence on stderr, whether a rejected promise or a thrown exception.
import * as assert from "assert";
import { spawn } from "child_process";
import * as path from "path";

const root = path.resolve(__dirname, "../../..");

/** Starts provider/plugin/main.ts, then runs `trigger` in the same process; resolves with its exit. */
function runPlugin(trigger: string): Promise<{ code: number | null; stderr: string }> {
    const script = `require("./provider/plugin/main"); ${trigger}`;
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
            cwd: root,
            env: { ...process.env, SECURETEMPLE_PROVIDER_LOG: "" },
        });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.stdout.resume();
        // Only a guard: a plugin that never ends (the failure this tests) is stopped, and seen as no exit code.
        const guard = setTimeout(() => child.kill("SIGKILL"), 60_000);
        child.on("error", reject);
        child.on("exit", (code) => {
            clearTimeout(guard);
            resolve({ code, stderr });
        });
    });
}

describe("plugin process: errors nothing catches", function () {
    this.timeout(120_000);

    it("ends with code 1 and the sentence after an unhandled rejection", async () => {
        const { code, stderr } = await runPlugin('Promise.reject(new Error("boom in a background task"));');
        assert.strictEqual(code, 1);
        assert.match(
            stderr,
            /FR le fournisseur securetemple s'arrête \(promesse rejetée sans traitement\) : boom in a background task \/ EN the securetemple provider stops \(unhandled promise rejection\): boom in a background task/,
        );
    });

    it("ends with code 1 and the sentence after an uncaught exception", async () => {
        const { code, stderr } = await runPlugin('setImmediate(() => { throw new Error("kaboom"); });');
        assert.strictEqual(code, 1);
        assert.match(stderr, /EN the securetemple provider stops \(uncaught exception\): kaboom/);
    });
});
