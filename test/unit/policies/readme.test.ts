// policies/README.md carries the policy tables that policies/docs/readme.ts writes from the pack's
// metadata: this fails when a policy's metadata changed and the README was not regenerated.
import * as assert from "assert";
import * as fs from "fs";
import { policyTables, readmePath, ruleFile, withTables } from "../../../policies/docs/readme";
import { allPolicies } from "../../../policies/engine";

describe("policies/README.md", () => {
    it("holds the policy tables generated from the metadata (run `npm run docs:policies` after a change)", () => {
        const readme = fs.readFileSync(readmePath, "utf8");
        assert.strictEqual(withTables(readme), readme, "policies/README.md is stale: run `npm run docs:policies`");
    });

    it("lists every policy with its file, its sections' titles, its rationale and its knobs", () => {
        const tables = policyTables();
        for (const p of allPolicies) {
            assert.ok(tables.includes(`[\`${p.name}\`](${ruleFile(p.name)})`), p.name);
            assert.ok(tables.includes(p.levelRationale), p.name);
            for (const knob of Object.keys(p.configSchema?.properties ?? {})) {
                assert.ok(tables.includes(`| \`${p.name}\` | \`${knob}\` |`), `${p.name} ${knob}`);
            }
        }
        assert.ok(tables.includes('section 8.1 "Infrastructure availability commitments"'));
        assert.ok(fs.existsSync(`${readmePath.replace(/README\.md$/, "")}${ruleFile("securetemple-backup-off-az-copies")}`));
    });

    it("notices a stale table", () => {
        const readme = fs.readFileSync(readmePath, "utf8");
        const stale = readme.replace(allPolicies[0].levelRationale, "An outdated reason.");
        assert.notStrictEqual(withTables(stale), stale);
    });
});
