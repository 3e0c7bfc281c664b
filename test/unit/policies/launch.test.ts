// The pack's start (policies/launch.ts): the stand-ins answer their light members without loading
// the real module, load it on any other access, and carry the SDK's own signature constants.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { rpcSignatures, standIn } from "../../../policies/launch";
import { networkSecurityGroupRules, policies } from "../../../policies/rules";

describe("policy pack start", () => {
    it("stands in for a module: light members without loading it, the real module for the rest", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-launch-"));
        try {
            const lib = path.join(dir, "node_modules", "heavy");
            fs.mkdirSync(lib, { recursive: true });
            fs.writeFileSync(
                path.join(lib, "index.js"),
                "globalThis.__heavyLoads = (globalThis.__heavyLoads ?? 0) + 1; exports.light = 'real'; exports.other = 2;",
            );
            const loads = () => (globalThis as { __heavyLoads?: number }).__heavyLoads ?? 0;
            assert.strictEqual(standIn("heavy", { light: () => "stand-in" }, dir), true);
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the stood-in module, as a dependent requires it
            const heavy = require(require.resolve("heavy", { paths: [dir] })) as { light: string; other: number };
            assert.strictEqual(heavy.light, "stand-in");
            assert.strictEqual(loads(), 0);
            assert.strictEqual(heavy.other, 2);
            assert.strictEqual(loads(), 1);
            assert.strictEqual(heavy.other, 2);
            assert.strictEqual(loads(), 1);
            assert.strictEqual(standIn("heavy", { light: () => "again" }, dir), false, "a loaded module is left alone");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("uses the SDK's own signature constants", () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the real module, to compare
        const rpc = require("@pulumi/pulumi/runtime/rpc") as Record<string, string>;
        for (const [k, v] of Object.entries(rpcSignatures)) {
            assert.strictEqual(v, rpc[k], k);
        }
    });

    it("names the one type of a single-type policy, so the server skips other resources before deserialising them", () => {
        assert.strictEqual(
            (networkSecurityGroupRules.validateResource as { __pulumiType?: string }).__pulumiType,
            "securetemple:network:SecurityGroup",
        );
        for (const p of policies) {
            const named = (p.validateResource as { __pulumiType?: string } | undefined)?.__pulumiType;
            assert.strictEqual(named, p.info.appliesTo.length === 1 ? p.info.appliesTo[0] : undefined, p.name);
        }
    });
});
