// State kept across restarts with a SQLite file: VMs, policies, buckets, storage accounts,
// credentials, and an activity still running when the sandbox went down.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HeadBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { MinioServer } from "../../../sandbox/minio";
import { Sandbox } from "../../../sandbox";
import { ApiClient, vmBody, vmPath } from "./client";
import { startMinio, startSandbox } from "../../support/sandbox";

describe("sandbox: restart with a state file", function () {
    let minio: MinioServer;
    let dir: string;
    let dbPath: string;
    let sandbox: Sandbox | undefined;

    before(async () => {
        minio = await startMinio();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-sandbox-restart-"));
        dbPath = path.join(dir, "state.db");
    });
    after(async () => {
        await sandbox?.stop();
        await minio?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("keeps VMs, their policies, buckets and storage accounts across restart() and across a new process on the same file", async () => {
        sandbox = await startSandbox({ minio, dbPath, dedupe: false, rateLimits: false });
        const first = sandbox;
        const api = new ApiClient(first);
        const ids = first.ids();
        const vmId = await api.run("POST", vmPath, vmBody(first, "keep-01"));
        await api.run("POST", "/api/backup/v1/spp/jobs/run", { jobId: ids.job["Hypervisor Inventory"] });
        await api.run("POST", "/api/backup/v1/spp/policies/assign/virtual_machine", {
            virtualMachineIds: [vmId],
            slaPolicies: [ids.policy["sla001-daily-data4"]],
        });
        await api.run("PATCH", `${vmPath}/power`, { id: vmId, powerAction: "on" });
        await api.run("POST", "/api/storage/object/v1/buckets", { name: "keep-bucket", accessType: "private" });
        await api.raw("POST", "/api/storage/object/v1/storage_accounts", { name: "keep-account" });

        await first.restart();
        // Same port, same bearer (the signing key is in the state file).
        const vm = await api.ok(`${vmPath}/${vmId}`);
        assert.deepStrictEqual([vm.name, vm.powerState], ["keep-01", "running"]);
        assert.deepStrictEqual(
            (await api.ok(`/api/backup/v1/spp/policies?virtualMachineId=${vmId}`)).map((p: { name: string }) => p.name),
            ["sla001-daily-data4"],
        );

        await first.stop();
        sandbox = undefined;
        const second = await startSandbox({ minio, dbPath, dedupe: false, rateLimits: false });
        sandbox = second;
        assert.strictEqual(second.clientId, first.clientId);
        assert.strictEqual(second.secretId, first.secretId);
        assert.deepStrictEqual(second.ids(), ids, "seed not applied twice; same ids");
        const api2 = new ApiClient(second);
        assert.strictEqual((await api2.ok(`${vmPath}/${vmId}`)).powerState, "running");
        assert.strictEqual((await api2.ok("/api/storage/object/v1/buckets/keep-bucket")).name, "keep-bucket");
        assert.strictEqual((await api2.ok("/api/storage/object/v1/storage_accounts/keep-account")).name, "keep-account");
        const s3 = new S3Client({
            endpoint: minio.endpoint,
            region: "fr1",
            forcePathStyle: true,
            credentials: { accessKeyId: minio.accessKey, secretAccessKey: minio.secretKey },
        });
        await s3.send(new HeadBucketCommand({ Bucket: "keep-bucket" }));
        s3.destroy();
        assert.strictEqual(second.listVirtualMachines().length, 1);
        assert.strictEqual(second.listBuckets().length, 1);
    });

    it("completes, after a restart, an activity that was running when the sandbox went down", async () => {
        const sb = sandbox as Sandbox;
        const api = new ApiClient(sb);
        sb.setActivityLatency(1500);
        const activityId = await api.write("POST", vmPath, vmBody(sb, "in-flight-01"));
        sb.setActivityLatency(0);
        await sb.restart();
        const done = await api.wait(activityId);
        assert.ok(done.state.completed, JSON.stringify(done.state));
        assert.strictEqual((await api.ok(`${vmPath}/${done.state.completed.result}`)).name, "in-flight-01");
    });
});
