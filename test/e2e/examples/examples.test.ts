// Every runnable example through the real Pulumi CLI against the sandbox: the compliant ones go
// up and are destroyed leaving nothing behind; the non-compliant one fails its preview under the
// policy pack with exactly the policies it was written to break.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { providerEnv, Sandbox } from "../../../sandbox";
import { repoRoot } from "../../../tools/toolchain/versions";
import { pulumiWorkspace, PulumiWorkspace } from "../../support/pulumi";
import { startSandbox } from "../../support/sandbox";

const example = (name: string) => path.join(repoRoot, "examples", name);
const policyPack = path.join(repoRoot, "dist", "policy-pack");

describe("examples (e2e, real Pulumi CLI against the sandbox)", function () {
    this.timeout(600_000);
    let sandbox: Sandbox;
    let stateDir: string;
    let ws: PulumiWorkspace;

    before(async () => {
        assert.ok(fs.existsSync(path.join(policyPack, "PulumiPolicy.yaml")), "npm run build must run before the e2e tests");
        sandbox = await startSandbox();
        stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-examples-state-"));
        ws = pulumiWorkspace({
            PULUMI_BACKEND_URL: `file://${stateDir}`,
            ...providerEnv(sandbox),
        });
    });
    after(async () => {
        ws?.dispose();
        await sandbox?.stop();
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    async function upThenDestroy(name: string, check: (outputs: Record<string, unknown>) => void): Promise<void> {
        const dir = example(name);
        const stack = `e2e-${process.pid}`;
        await ws.ok(["stack", "init", stack], dir);
        try {
            await ws.ok(["up", "--yes", "--skip-preview", "--policy-pack", policyPack], dir);
            check(JSON.parse((await ws.ok(["stack", "output", "--json"], dir)).stdout) as Record<string, unknown>);
            await ws.ok(["destroy", "--yes", "--skip-preview"], dir);
        } finally {
            await ws.run(["stack", "rm", "--yes", "--force", stack], dir);
        }
        assert.deepStrictEqual(sandbox.listVirtualMachines(), [], "no VM left in the sandbox");
        assert.deepStrictEqual(sandbox.listBuckets(), [], "no bucket left in the sandbox");
    }

    it("web-db-multi-az goes up over two AZs with off-AZ backups, then is destroyed", async () => {
        await upThenDestroy("web-db-multi-az", (outputs) => {
            const web = outputs.webPlacements as { vmName: string; availabilityZone: string; backupSites: string[] }[];
            assert.deepStrictEqual(web.map((p) => p.availabilityZone).sort(), ["AZ05", "AZ06"]);
            for (const p of web) {
                assert.ok(
                    !p.backupSites.includes(p.availabilityZone === "AZ05" ? "PAR7S" : "TH3S"),
                    `${p.vmName} is backed up outside its AZ`,
                );
            }
            assert.strictEqual(outputs.assetsBucket, "shop-assets");
            assert.strictEqual(sandbox.listVirtualMachines().length, 4);
        });
    });

    it("backup-vault goes up with a versioned bucket and a read-only account whose secret stays encrypted", async () => {
        await upThenDestroy("backup-vault", (outputs) => {
            assert.strictEqual(outputs.bucket, "backup-vault");
            assert.strictEqual(outputs.versioning, "Enabled");
            assert.match(String(outputs.readerAccessKeyId), /\S+/);
            assert.strictEqual(outputs.readerSecretAccessKey, "[secret]");
        });
    });

    it("non-compliant fails its preview with exactly the policies it breaks", async () => {
        const dir = example("non-compliant");
        const stack = `e2e-${process.pid}`;
        await ws.ok(["stack", "init", stack], dir);
        try {
            const result = await ws.run(["preview", "--policy-pack", policyPack], dir);
            const text = result.stdout + result.stderr;
            assert.notStrictEqual(result.code, 0, text);
            const reported = [
                ...new Set(
                    [...text.matchAll(/\[(?:mandatory|advisory)\](?:\s+\[severity: \w+\])?\s+(securetemple-[a-z-]+)/g)].map((m) => m[1]),
                ),
            ].sort();
            assert.deepStrictEqual(reported, [
                "securetemple-backup-policy-association",
                "securetemple-compute-multi-az-placement",
                "securetemple-network-security-group-rules",
                "securetemple-objectstorage-bucket-access",
            ]);
        } finally {
            await ws.run(["stack", "rm", "--yes", "--force", stack], dir);
        }
        assert.deepStrictEqual(sandbox.listVirtualMachines(), [], "a failed preview creates nothing");
    });
});
