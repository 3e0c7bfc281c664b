// The web-db-multi-az example written in Python, Go and Pulumi YAML, through the real Pulumi CLI,
// the toolchain's language hosts and our plugin, against one sandbox over HTTP: each previews
// under the policy pack, goes up, goes up again with no change, and is destroyed, leaving the
// sandbox empty. Non-compliant Python and YAML programs fail with the TypeScript program's policy
// messages; a type error is reported with the property's name before any write; a component whose
// declaration does not match the tenant fails the run (built by the plugin through Construct)
// instead of leaving it waiting.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { providerEnv, Sandbox } from "../../../sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { pulumiVersion, repoRoot } from "../../../tools/toolchain/versions";
import { PulumiResult, pulumiWorkspace, PulumiWorkspace } from "../../support/pulumi";
import { startSandbox } from "../../support/sandbox";

const policyPack = path.join(repoRoot, "dist", "policy-pack");
const fixtures = path.join(__dirname, "fixtures");

interface Placement {
    availabilityZone?: string;
    availability_zone?: string;
    backupSites?: string[];
    backup_sites?: string[];
}

/** "[mandatory] securetemple-x" lines of a run: the policies it broke, and each one's message lines. */
function policyViolations(text: string): Map<string, string> {
    const found = new Map<string, string>();
    const blocks = text.split(/\n(?=\s*- \[(?:mandatory|advisory)\])/);
    for (const block of blocks.map((b) => b.split("\n\n")[0])) {
        const m = /\[(?:mandatory|advisory)\](?:\s+\[severity: \w+\])?\s+(securetemple-[a-z-]+)[^\n]*\n([\s\S]*)/.exec(block);
        if (m) {
            // The message lines, without the resource line, which names a project-specific URN.
            const lines = m[2]
                .split("\n")
                .map((l) => l.trim())
                .filter((l) => /^(FR|EN)\b/.test(l));
            found.set(m[1], [...(found.get(m[1]) ?? "").split("\n").filter(Boolean), ...lines].join("\n"));
        }
    }
    return found;
}

describe("languages (e2e, Python, Go and YAML programs through the real CLI and hosts)", function () {
    this.timeout(900_000);
    let sandbox: Sandbox;
    let stateDir: string;
    let ws: PulumiWorkspace;
    let work: string;
    /** One virtualenv for every Python program: pulumi from PyPI and the package's SDK. */
    let venv: string;
    let stackCount = 0;

    before(async () => {
        requireToolchain();
        assert.ok(fs.existsSync(path.join(policyPack, "PulumiPolicy.yaml")), "npm run build must run before the e2e tests");
        work = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-languages-"));
        venv = path.join(work, "venv");
        execFileSync("python3", ["-m", "venv", venv], { stdio: "pipe" });
        // pip builds a local package in its folder (build/, *.egg-info): from a copy, as a user's would be.
        const sdk = path.join(work, "securetemple-sdk");
        fs.cpSync(path.join(repoRoot, "sdk", "python"), sdk, { recursive: true });
        execFileSync(
            path.join(venv, "bin", "python"),
            ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", `pulumi==${pulumiVersion()}`, sdk],
            { stdio: "pipe" },
        );
        sandbox = await startSandbox();
        stateDir = path.join(work, "state");
        fs.mkdirSync(stateDir);
        ws = pulumiWorkspace({ PULUMI_BACKEND_URL: `file://${stateDir}`, ...providerEnv(sandbox) });
    });
    after(async () => {
        ws?.dispose();
        await sandbox?.stop();
        if (work) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    /**
     * A copy of a program folder where the user would put it, its `../../` paths (plugin, SDKs)
     * pointed at the repository, the shared virtualenv linked in, and a fresh stack.
     */
    async function project(
        source: string,
    ): Promise<{ dir: string; run: (args: string[]) => Promise<PulumiResult>; ok: (args: string[]) => Promise<PulumiResult> }> {
        const dir = path.join(work, `${path.basename(source)}-${++stackCount}`);
        fs.mkdirSync(dir);
        for (const file of fs.readdirSync(source)) {
            if (file === "venv" || file.endsWith(".md")) {
                continue;
            }
            const text = fs.readFileSync(path.join(source, file), "utf8").split("../../").join(`${repoRoot}/`);
            fs.writeFileSync(path.join(dir, file), text);
        }
        fs.symlinkSync(venv, path.join(dir, "venv"));
        await ws.ok(["stack", "init", "e2e"], dir);
        return { dir, run: (args) => ws.run(args, dir), ok: (args) => ws.ok(args, dir) };
    }

    function assertSandboxEmpty(): void {
        assert.deepStrictEqual(sandbox.listVirtualMachines(), [], "no VM left in the sandbox");
        assert.deepStrictEqual(sandbox.listBuckets(), [], "no bucket left in the sandbox");
        assert.deepStrictEqual(sandbox.listDisks(), [], "no disk left in the sandbox");
    }

    async function previewUpUpDestroy(example: string): Promise<void> {
        const p = await project(path.join(repoRoot, "examples", example));
        const preview = await p.ok(["preview", "--policy-pack", policyPack]);
        assert.match(preview.stdout, /\+ 20 to create/, preview.stdout);
        await p.ok(["up", "--yes", "--skip-preview", "--policy-pack", policyPack]);
        const outputs = JSON.parse((await p.ok(["stack", "output", "--json"])).stdout) as {
            webPlacements: Placement[];
            assetsBucket: string;
        };
        const zones = outputs.webPlacements.map((pl) => pl.availabilityZone ?? pl.availability_zone).sort();
        assert.deepStrictEqual(zones, ["AZ05", "AZ06"]);
        for (const pl of outputs.webPlacements) {
            const zone = pl.availabilityZone ?? pl.availability_zone;
            assert.ok(!(pl.backupSites ?? pl.backup_sites ?? []).includes(zone === "AZ05" ? "PAR7S" : "TH3S"), "backed up outside its AZ");
        }
        assert.strictEqual(outputs.assetsBucket, "shop-assets");
        assert.strictEqual(sandbox.listVirtualMachines().length, 4);
        await p.ok(["up", "--yes", "--expect-no-changes", "--policy-pack", policyPack]);
        await p.ok(["destroy", "--yes", "--skip-preview"]);
        assertSandboxEmpty();
    }

    it("web-db-multi-az in YAML: preview under the pack, up, up with no change, destroy", async () => {
        await previewUpUpDestroy("web-db-multi-az-yaml");
    });

    it("web-db-multi-az in Python: preview under the pack, up, up with no change, destroy", async () => {
        await previewUpUpDestroy("web-db-multi-az-python");
    });

    it("web-db-multi-az in Go: preview under the pack, up, up with no change, destroy", async () => {
        await previewUpUpDestroy("web-db-multi-az-go");
    });

    describe("non-compliant programs", () => {
        let typescript: Map<string, string>;
        before(async () => {
            const dir = path.join(repoRoot, "examples", "non-compliant");
            const stack = `languages-${process.pid}`;
            await ws.ok(["stack", "init", stack], dir);
            try {
                const result = await ws.run(["preview", "--policy-pack", policyPack], dir);
                assert.notStrictEqual(result.code, 0);
                typescript = policyViolations(result.stdout + result.stderr);
            } finally {
                await ws.run(["stack", "rm", "--yes", "--force", stack], dir);
            }
            assert.ok(typescript.has("securetemple-objectstorage-bucket-access"), [...typescript.keys()].join(", "));
        });

        for (const language of ["python", "yaml"]) {
            it(`in ${language === "yaml" ? "YAML" : "Python"} fails its preview with the TypeScript program's bilingual messages`, async () => {
                const p = await project(path.join(fixtures, `non-compliant-${language}`));
                const activities = sandbox.listActivities().length;
                const result = await p.run(["preview", "--policy-pack", policyPack]);
                const text = result.stdout + result.stderr;
                assert.notStrictEqual(result.code, 0, text);
                const found = policyViolations(text);
                assert.deepStrictEqual(
                    [...found.keys()].sort(),
                    ["securetemple-compute-multi-az-placement", "securetemple-objectstorage-bucket-access"],
                    text,
                );
                for (const [policy, message] of found) {
                    assert.ok(message.includes("FR") && message.includes("EN"), `${policy} is bilingual: ${message}`);
                    assert.strictEqual(message, typescript.get(policy), `${policy} reads as in TypeScript`);
                }
                assert.strictEqual(sandbox.listActivities().length, activities, "a refused preview writes nothing");
                assertSandboxEmpty();
            });
        }
    });

    for (const language of ["python", "yaml"]) {
        const name = language === "yaml" ? "YAML" : "Python";
        it(`a type error in ${name} is reported with the property's name before any API call`, async () => {
            const p = await project(path.join(fixtures, `type-error-${language}`));
            const activities = sandbox.listActivities().length;
            const result = await p.run(["preview"]);
            const text = result.stdout + result.stderr;
            assert.notStrictEqual(result.code, 0, text);
            assert.match(text, /hostCount|host_count/, text);
            assert.match(text, /integer|number|nombre|entier/i, text);
            assert.strictEqual(sandbox.listActivities().length, activities, "no write reached the API");
            assertSandboxEmpty();
        });

        it(`a component that does not match the tenant fails a ${name} run with its sentence, and the run ends`, async () => {
            const p = await project(path.join(fixtures, `mismatch-${language}`));
            const result = await p.run(["preview"]);
            const text = result.stdout + result.stderr;
            assert.notStrictEqual(result.code, 0, text);
            assert.match(text, /FR Cluster « clu001-az05-standard »/, text);
            assert.match(text, /EN Cluster "clu001-az05-standard"/, text);
            assertSandboxEmpty();
        });
    }
});
