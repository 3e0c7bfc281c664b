// The shared request budget across real processes: several processes reserve send times in one
// SQLite ledger file at the same time; together they never get two slots closer than the
// interval (the reservations are atomic across processes). The times compared are the ones the
// ledger gave, not clock readings, so a loaded machine changes nothing.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);

describe("api shared request budget across processes", function () {
    this.timeout(120_000);
    let dir: string;

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-ledger-it-"));
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("gives four processes reserving at once slots that are all one interval apart", async () => {
        const file = path.join(dir, "budget.sqlite");
        const worker = path.join(__dirname, "ledgerWorker.ts");
        const outputs = await Promise.all(
            [0, 1, 2, 3].map(() =>
                run(process.execPath, ["-r", "ts-node/register/transpile-only", worker, file, "40"], {
                    cwd: path.resolve(__dirname, "../../.."),
                }),
            ),
        );
        const perProcess = outputs.map((o) => JSON.parse(o.stdout) as number[]);
        assert.deepStrictEqual(
            perProcess.map((s) => s.length),
            [40, 40, 40, 40],
        );
        const all = perProcess.flat().sort((a, b) => a - b);
        const gaps = all.slice(1).map((t, i) => t - all[i]);
        assert.ok(
            gaps.every((g) => g >= 20),
            `two slots closer than 20 ms: ${gaps.filter((g) => g < 20).length}`,
        );
        assert.strictEqual(new Set(all).size, 160);
    });
});
