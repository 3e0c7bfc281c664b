// The pack's structural rules: only policies/index.ts constructs the PolicyPack (its constructor
// starts a gRPC server and exits the process on a second pack), and the CrossGuard objects carry
// what the CLI prints (section and fix in the description). That nothing imports policies/index.ts
// is an import boundary of the lint (eslint.boundaries.mjs, test/unit/layers/boundaries.test.ts).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { sourceFiles } from "./sourceFiles";
import { policies } from "../../../policies/rules";
import { conventionSections } from "../../../provider/catalog";

const root = path.resolve(__dirname, "../../..");

describe("policy pack assembly", () => {
    it("constructs the PolicyPack in policies/index.ts only", () => {
        const constructing = sourceFiles(path.join(root, "policies")).filter((f) =>
            /new\s+PolicyPack\s*\(/.test(fs.readFileSync(f, "utf8")),
        );
        assert.deepStrictEqual(
            constructing.map((f) => path.relative(root, f)),
            ["policies/index.ts"],
        );
    });

    it("puts the section and the fix in each description, which the CLI prints above every violation", () => {
        for (const p of policies) {
            assert.match(
                p.description,
                /^FR .+ \(convention §[\d., ]+\) Correction : .+ \/ EN .+ \(convention sections? [\d., ]+\) Fix: .+$/s,
                p.name,
            );
            assert.ok(p.remediationSteps && p.framework?.reference.startsWith("§"), p.name);
        }
    });

    it("cites only convention sections whose titles the catalogue holds", () => {
        const missing = policies.flatMap((p) =>
            p.info.sections.filter((s) => !(s in conventionSections)).map((s) => `${p.name} cites §${s}`),
        );
        assert.deepStrictEqual(missing, []);
    });

    it("ships a PulumiPolicy.yaml for the Node.js runtime", () => {
        assert.match(fs.readFileSync(path.join(root, "policies", "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
    });
});
