// `securetemple sandbox` from the compiled binary: it starts the API emulator and MinIO on the
// port and folder given, answers over HTTP, and stops cleanly on SIGTERM.
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { requireToolchain } from "../../../tools/toolchain/env";
import { freePort } from "../../support/ports";
import { ensureBuilt } from "./build";

/** Resolves with everything printed once `line` appears on stdout; rejects if the process exits first. */
function waitForLine(child: ChildProcess, line: string, timeoutMs = 120_000): Promise<string> {
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        const timer = setTimeout(() => reject(new Error(`no "${line}" within ${timeoutMs} ms\n${out}\n${err}`)), timeoutMs);
        child.stdout?.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes(line)) {
                clearTimeout(timer);
                resolve(out);
            }
        });
        child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`exited ${code} before "${line}"\n${out}\n${err}`));
        });
    });
}

describe("securetemple sandbox (e2e)", function () {
    this.timeout(180_000);
    let binary: string;
    let dataDir: string;
    let child: ChildProcess | undefined;

    before(() => {
        requireToolchain();
        binary = ensureBuilt();
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-cli-sandbox-"));
    });

    after(() => {
        if (child && child.exitCode === null) {
            child.kill("SIGKILL");
        }
        fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("serves the API on the given port and stops on SIGTERM", async () => {
        const port = await freePort();
        child = spawn(process.execPath, [binary, "sandbox", "--port", String(port), "--data-dir", dataDir, "--no-rate-limits"], {
            stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
        child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
        const banner = await waitForLine(child, "Sandbox ready");
        assert.match(banner, new RegExp(`http://127\\.0\\.0\\.1:${port}/api`));
        const health = await fetch(`http://127.0.0.1:${port}/_admin/health`);
        assert.deepStrictEqual(await health.json(), { ok: true }, output);
        const info = JSON.parse(fs.readFileSync(path.join(dataDir, "sandbox.json"), "utf8")) as { endpoint: string };
        assert.strictEqual(info.endpoint, `http://127.0.0.1:${port}`);
        const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
        child.kill("SIGTERM");
        assert.strictEqual(await exited, 0, output);
        assert.ok(!fs.existsSync(path.join(dataDir, "sandbox.json")), "the info file is removed on stop");
    });
});
