// A policy's name, its file, its export and its test agree: securetemple-<area>-<check> lives in
// policies/rules/<area>/<check in camelCase>.ts, is exported as the camelCase of <area>-<check>,
// and is tested in test/unit/policies/rules/<area>/<check in camelCase>.test.ts under a describe
// that carries the name, so that a newcomer finds the code and the test from the name alone.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { policies } from "../../../policies/rules";
import type { SecureTemplePolicy } from "../../../policies/support/policy";

const root = path.resolve(__dirname, "../../..");
const rulesDir = path.join(root, "policies", "rules");
const testsDir = path.join(root, "test", "unit", "policies", "rules");

const kebab = (camel: string) => camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const camel = (kebabName: string) => kebabName.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function ruleFiles(): { area: string; check: string; file: string }[] {
    return fs
        .readdirSync(rulesDir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .flatMap((area) =>
            fs
                .readdirSync(path.join(rulesDir, area.name))
                .filter((f) => f.endsWith(".ts"))
                .map((f) => ({ area: area.name, check: f.slice(0, -3), file: path.join(rulesDir, area.name, f) })),
        );
}

describe("policy names, files and tests", () => {
    const files = ruleFiles();

    it("holds every rule in rules/<area>/, one policy per file, and nothing else there", () => {
        assert.deepStrictEqual(
            fs.readdirSync(rulesDir).filter((f) => f.endsWith(".ts")),
            ["index.ts"],
        );
        const found: SecureTemplePolicy[] = [];
        for (const { file } of files) {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- each rule module, by its path
            const exported = Object.values(require(file) as Record<string, unknown>).filter((v) =>
                policies.includes(v as SecureTemplePolicy),
            );
            assert.strictEqual(exported.length, 1, `${path.relative(root, file)} exports ${exported.length} policies of the pack`);
            found.push(exported[0] as SecureTemplePolicy);
        }
        assert.deepStrictEqual(
            [...found].sort((a, b) => a.name.localeCompare(b.name)),
            [...policies].sort((a, b) => a.name.localeCompare(b.name)),
        );
    });

    for (const { area, check, file } of ruleFiles()) {
        const expected = `securetemple-${area}-${kebab(check)}`;
        it(`names rules/${area}/${check}.ts ${expected}, exports it as ${camel(`${area}-${kebab(check)}`)} and tests it in a mirrored file`, () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule module, by its path
            const exports = require(file) as Record<string, SecureTemplePolicy>;
            const exportName = camel(`${area}-${kebab(check)}`);
            assert.strictEqual(
                exports[exportName]?.name,
                expected,
                `${path.relative(root, file)} should export ${exportName} named ${expected}`,
            );
            assert.match(
                fs.readFileSync(file, "utf8"),
                new RegExp(`^// ${expected}: `),
                "the file's first comment starts with the policy name",
            );
            const test = path.join(testsDir, area, `${check}.test.ts`);
            assert.ok(fs.existsSync(test), `missing test file ${path.relative(root, test)}`);
            assert.ok(
                fs.readFileSync(test, "utf8").includes(`describe("${expected}"`),
                `${path.relative(root, test)} should describe("${expected}", ...)`,
            );
        });
    }

    it("has no test file under rules/ without its rule", () => {
        const orphans = fs
            .readdirSync(testsDir, { recursive: true, encoding: "utf8" })
            .filter((f) => f.endsWith(".test.ts"))
            .filter((f) => !fs.existsSync(path.join(rulesDir, f.replace(/\.test\.ts$/, ".ts"))));
        assert.deepStrictEqual(orphans, []);
    });
});
