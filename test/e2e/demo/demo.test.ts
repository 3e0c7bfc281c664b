// The README's main command, as a user runs it (the compiled demo scripts, after `npm run build`):
// it provisions the sample tenant on the sandbox under the policy pack, prints the summary, converges
// with no change on a second run, and the stop command leaves nothing running or on disk.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../../tools/toolchain/versions";
import { requireToolchain } from "../../../tools/toolchain/env";
import { alive } from "../../../tools/demo/sandboxProcess";
import { runProcess } from "../../support/process";

async function runDemo(script: "up" | "down", demoDir: string): Promise<{ code: number; out: string }> {
    const result = await runProcess(process.execPath, [path.join(repoRoot, "dist", "tools", "demo", `${script}.js`)], {
        cwd: repoRoot,
        env: { ...process.env, SECURETEMPLE_DEMO_DIR: demoDir },
    });
    return { code: result.code, out: result.stdout + result.stderr };
}

describe("demo (e2e: npm run demo, twice, then npm run demo:stop)", function () {
    this.timeout(600_000);
    let demoDir: string;

    before(() => {
        requireToolchain();
        assert.ok(fs.existsSync(path.join(repoRoot, "dist", "tools", "demo", "up.js")), "npm run build must run before the e2e tests");
        demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-demo-"));
    });
    after(async () => {
        await runDemo("down", demoDir);
        fs.rmSync(demoDir, { recursive: true, force: true });
    });

    it("provisions the sample tenant and prints resources per AZ, SLA eligibility and policy results", async () => {
        const first = await runDemo("up", demoDir);
        assert.strictEqual(first.code, 0, first.out);
        assert.match(first.out, /Tenant demo: region FR1, AZs AZ05, AZ06/);
        assert.match(first.out, /AZ05\n\s+VM web-1 .*backups kept in TH3S/);
        assert.match(first.out, /AZ06\n\s+VM web-2 .*backups kept in PAR7S/);
        assert.match(first.out, /SLA 1 +eligible/);
        assert.match(first.out, /\d+ policies passed, 0 violation\(s\)/);
        assert.match(first.out, /npm run demo:stop/);
        const sandbox = JSON.parse(fs.readFileSync(path.join(demoDir, "sandbox", "sandbox.json"), "utf8")) as {
            endpoint: string;
            pid: number;
        };
        const vms = (await (await fetch(`${sandbox.endpoint}/_admin/virtual_machines`)).json()) as { name: string }[];
        assert.deepStrictEqual(vms.map((v) => v.name).sort(), ["db-1", "db-2", "web-1", "web-2"]);
    });

    it("converges with no change when run again, reusing the running sandbox", async () => {
        const pid = (JSON.parse(fs.readFileSync(path.join(demoDir, "sandbox", "sandbox.json"), "utf8")) as { pid: number }).pid;
        const second = await runDemo("up", demoDir);
        assert.strictEqual(second.code, 0, second.out);
        assert.match(second.out, new RegExp(`Sandbox already running \\(pid ${pid}\\)`));
        assert.doesNotMatch(second.out, /\+ \d+ created|~ \d+ updated|- \d+ deleted|replaced/, second.out);
        assert.match(second.out, /\d+ unchanged/);
    });

    it("stops the sandbox and removes the demo's state", async () => {
        const pid = (JSON.parse(fs.readFileSync(path.join(demoDir, "sandbox", "sandbox.json"), "utf8")) as { pid: number }).pid;
        const down = await runDemo("down", demoDir);
        assert.strictEqual(down.code, 0, down.out);
        assert.ok(!alive(pid), "the sandbox process is gone");
        assert.ok(!fs.existsSync(demoDir), "the demo folder is removed");
    });
});
