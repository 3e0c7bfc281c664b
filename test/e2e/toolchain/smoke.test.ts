// Proof that the toolchain is real: the Pulumi CLI we build, our language host and the SDK run a
// TypeScript program and a policy pack, with state in a local folder and in MinIO over S3.
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MinioServer } from "../../../sandbox/minio";
import { pulumiVersion } from "../../../tools/toolchain/versions";
import { pulumiWorkspace, PulumiWorkspace } from "../../support/pulumi";
import { startMinio } from "../../support/sandbox";

const program = path.join(__dirname, "fixtures", "smoke");
const policyPack = path.join(__dirname, "fixtures", "smoke-policy");

/** Number of resources in the current stack's state, read from `pulumi stack export`. */
async function resourceCount(ws: PulumiWorkspace): Promise<number> {
    const exported = await ws.ok(["stack", "export"], program);
    const deployment = JSON.parse(exported.stdout) as { deployment: { resources?: unknown[] } };
    return (deployment.deployment.resources ?? []).length;
}

async function upOutputDestroy(ws: PulumiWorkspace, stack: string): Promise<void> {
    await ws.ok(["stack", "init", stack], program);
    await ws.ok(["config", "set", "site", "TH3S"], program);
    await ws.ok(["up", "--yes", "--skip-preview"], program);
    const output = await ws.ok(["stack", "output", "label"], program);
    assert.strictEqual(output.stdout.trim(), "TH3S/rack-1");
    assert.strictEqual(await resourceCount(ws), 3, "the stack, the component and its child are in the state");
    await ws.ok(["destroy", "--yes", "--skip-preview"], program);
    assert.strictEqual(await resourceCount(ws), 0, "the state is empty after destroy");
    await ws.ok(["stack", "rm", "--yes", stack], program);
}

describe("toolchain (e2e, real Pulumi CLI)", function () {
    this.timeout(300_000);
    let ws: PulumiWorkspace;
    let stateDir: string;

    beforeEach(() => {
        stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-state-"));
    });
    afterEach(() => {
        ws?.dispose();
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    it("reports the pinned version", async () => {
        ws = pulumiWorkspace();
        const result = await ws.ok(["version"], program);
        assert.strictEqual(result.stdout.trim(), `v${pulumiVersion()}`);
    });

    it("runs up, stack output and destroy with a file:// backend", async () => {
        ws = pulumiWorkspace({ PULUMI_BACKEND_URL: `file://${stateDir}` });
        await upOutputDestroy(ws, "file");
    });

    describe("with state in an S3 backend on MinIO", () => {
        let minio: MinioServer;
        before(async () => {
            minio = await startMinio();
            const s3 = new S3Client({
                endpoint: minio.endpoint,
                region: "fr1",
                forcePathStyle: true,
                credentials: { accessKeyId: minio.accessKey, secretAccessKey: minio.secretKey },
            });
            await s3.send(new CreateBucketCommand({ Bucket: "pulumi-state" }));
            s3.destroy();
        });
        after(async () => minio?.stop());

        it("runs up, stack output and destroy, and the state lives in the bucket", async () => {
            ws = pulumiWorkspace({
                PULUMI_BACKEND_URL: `s3://pulumi-state?endpoint=127.0.0.1:${minio.port}&s3ForcePathStyle=true&disableSSL=true&region=fr1`,
                AWS_ACCESS_KEY_ID: minio.accessKey,
                AWS_SECRET_ACCESS_KEY: minio.secretKey,
                AWS_REGION: "fr1",
            });
            await upOutputDestroy(ws, "sovereign");
            // MinIO keeps objects as folders on disk: the CLI wrote its metadata into the bucket.
            assert.ok(fs.existsSync(path.join(minio.dataDir, "pulumi-state", ".pulumi")), "state objects are in the MinIO bucket");
        });
    });

    describe("policy packs", () => {
        beforeEach(async () => {
            ws = pulumiWorkspace({ PULUMI_BACKEND_URL: `file://${stateDir}` });
            await ws.ok(["stack", "init", "policy"], program);
        });

        it("fails a preview on a mandatory violation, naming the policy and its message", async () => {
            const result = await ws.run(["preview", "--policy-pack", policyPack], program);
            const text = result.stdout + result.stderr;
            assert.notStrictEqual(result.code, 0, text);
            assert.match(text, /\[mandatory\]\s+smoke-no-room-in-az05/);
            assert.match(text, /Room az05 sits in AZ05, which this pack forbids\./);
        });

        it("passes with the policy configured advisory, and still prints the warning", async () => {
            const result = await ws.run(
                ["preview", "--policy-pack", policyPack, "--policy-pack-config", path.join(policyPack, "advisory.json")],
                program,
            );
            const text = result.stdout + result.stderr;
            assert.strictEqual(result.code, 0, text);
            assert.match(text, /\[advisory\]\s+smoke-no-room-in-az05/);
            assert.match(text, /Room az05 sits in AZ05, which this pack forbids\./);
        });
    });
});
