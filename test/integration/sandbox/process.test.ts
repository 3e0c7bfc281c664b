// The standalone process, as the package CLI and the demo run it: ready line, sandbox.json,
// credentials that work, a clean stop on SIGTERM, state kept for the next start.
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { freePort } from "../../support/ports";
import { minioPath } from "../../../tools/toolchain/env";
import type { SandboxInfo } from "../../../sandbox/main";

const root = path.resolve(__dirname, "..", "..", "..");

function launch(port: number, dataDir: string): { child: ChildProcess; ready: Promise<string> } {
    const child = spawn(
        process.execPath,
        [
            "-r",
            "ts-node/register/transpile-only",
            path.join(root, "sandbox", "main.ts"),
            "--port",
            String(port),
            "--data-dir",
            dataDir,
            "--minio",
            minioPath(),
        ],
        {
            cwd: root,
            stdio: ["ignore", "pipe", "pipe"],
        },
    );
    let out = "";
    const ready = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line within 60 s:\n${out}`)), 60_000);
        const onData = (d: Buffer) => {
            out += d.toString();
            if (out.includes("Sandbox ready")) {
                clearTimeout(timer);
                resolve(out);
            }
        };
        child.stdout?.on("data", onData);
        child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`exited ${code} before ready:\n${out}`));
        });
    });
    return { child, ready };
}

function stop(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => {
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
    });
}

async function token(info: SandboxInfo): Promise<string> {
    const r = await fetch(`${info.apiUrl}/iam/v2/auth/personal_access_token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: info.env.CLOUDTEMPLE_CLIENT_ID, secret: info.env.CLOUDTEMPLE_SECRET_ID }),
    });
    assert.strictEqual(r.status, 200);
    return r.text();
}

describe("sandbox: standalone process", function () {
    this.timeout(120_000);
    let dataDir: string;
    let child: ChildProcess | undefined;

    before(() => {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-sandbox-process-"));
        // Readable by all, as a folder made by hand would be: the sandbox makes it the owner's only.
        fs.chmodSync(dataDir, 0o755);
    });
    after(async () => {
        if (child && child.exitCode === null) {
            await stop(child);
        }
        fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("prints the endpoint, credentials and state, writes sandbox.json, serves the API, stops on SIGTERM and keeps its state (MinIO users included)", async () => {
        const port = await freePort();
        const first = launch(port, dataDir);
        child = first.child;
        const out = await first.ready;
        assert.match(out, new RegExp(`export CLOUDTEMPLE_HTTP_ADDR=127\\.0\\.0\\.1:${port}`));
        assert.match(out, /export CLOUDTEMPLE_CLIENT_ID=\S+/);
        assert.match(out, /export CLOUDTEMPLE_SECRET_ID=\S+/);
        assert.ok(out.includes(path.join(dataDir, "state.db")));
        const infoFile = path.join(dataDir, "sandbox.json");
        const mode = (file: string) => fs.statSync(path.join(dataDir, file)).mode & 0o777;
        // Every file that holds a secret is the owner's only, and so is the folder that holds them.
        assert.deepStrictEqual(
            ["", "sandbox.json", "state.db", "state.db-wal", "minio-keys.json"].map((f) => [f, mode(f).toString(8)]),
            [
                ["", "700"],
                ["sandbox.json", "600"],
                ["state.db", "600"],
                ["state.db-wal", "600"],
                ["minio-keys.json", "600"],
            ],
        );
        const info = JSON.parse(fs.readFileSync(infoFile, "utf8")) as SandboxInfo;
        assert.strictEqual(info.endpoint, `http://127.0.0.1:${port}`);
        assert.strictEqual(info.pid, child.pid);
        assert.match(info.minio.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.strictEqual((await fetch(`${info.minio.endpoint}/minio/health/ready`)).status, 200);

        const jwt = await token(info);
        const ids = (await (await fetch(`${info.endpoint}/_admin/ids`)).json()) as Record<string, Record<string, string>>;
        const create = await fetch(`${info.apiUrl}/compute/v1/vcenters/virtual_machines`, {
            method: "POST",
            headers: { authorization: `Bearer ${jwt}`, "content-type": "application/json" },
            body: JSON.stringify({
                datacenterId: ids.datacenter["dc-az07-data4"],
                hostClusterId: ids.hostCluster["clu001-az07-advance"],
                datastoreId: ids.datastore["ds-az07-standard-01"],
                name: "proc-01",
                memory: 1024 ** 3,
                cpu: 1,
                guestOperatingSystemMoref: "debian12_64Guest",
            }),
        });
        assert.strictEqual(create.status, 201);
        // A bucket, a storage account and a grant, to check after the restart that MinIO kept its users.
        const headers = { authorization: `Bearer ${jwt}`, "content-type": "application/json" };
        const bucket = await fetch(`${info.apiUrl}/storage/object/v1/buckets`, {
            method: "POST",
            headers,
            body: JSON.stringify({ name: "proc-bucket", accessType: "private" }),
        });
        assert.strictEqual(bucket.status, 201);
        const account = (await (
            await fetch(`${info.apiUrl}/storage/object/v1/storage_accounts`, {
                method: "POST",
                headers,
                body: JSON.stringify({ name: "proc-reader" }),
            })
        ).json()) as { accessKeyId: string; secretAccessKey: string };
        await new Promise((r) => setTimeout(r, 1100));
        const grant = await fetch(`${info.apiUrl}/storage/object/v1/buckets/proc-bucket/grant/read_only/to/proc-reader`, {
            method: "POST",
            headers: { authorization: `Bearer ${jwt}` },
        });
        assert.strictEqual(grant.status, 201);
        const root = new S3Client({
            endpoint: info.minio.endpoint,
            region: "fr1",
            forcePathStyle: true,
            credentials: { accessKeyId: info.minio.accessKey, secretAccessKey: info.minio.secretKey },
        });
        await root.send(new PutObjectCommand({ Bucket: "proc-bucket", Key: "hello.txt", Body: "kept" }));
        root.destroy();

        assert.strictEqual(await stop(child), 0);
        assert.ok(!fs.existsSync(infoFile), "sandbox.json removed at stop");
        await assert.rejects(fetch(`${info.minio.endpoint}/minio/health/ready`), "MinIO stopped too");
        // A state file left readable by others (an older sandbox, a copy) is closed again at the next start.
        fs.chmodSync(path.join(dataDir, "state.db"), 0o644);
        fs.chmodSync(dataDir, 0o755);

        const second = launch(port, dataDir);
        child = second.child;
        await second.ready;
        const info2 = JSON.parse(fs.readFileSync(infoFile, "utf8")) as SandboxInfo;
        assert.deepStrictEqual(
            [mode(""), mode("state.db")].map((m) => m.toString(8)),
            ["700", "600"],
        );
        assert.strictEqual(info2.clientId, info.clientId);
        const jwt2 = await token(info2);
        const list = await fetch(`${info2.apiUrl}/compute/v1/vcenters/virtual_machines?name=proc-01`, {
            headers: { authorization: `Bearer ${jwt2}` },
        });
        assert.strictEqual(((await list.json()) as unknown[]).length, 1);
        assert.strictEqual(info2.minio.secretKey, info.minio.secretKey, "MinIO keeps its root keys");
        const reader = new S3Client({
            endpoint: info2.minio.endpoint,
            region: "fr1",
            forcePathStyle: true,
            credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
        });
        const got = await reader.send(new GetObjectCommand({ Bucket: "proc-bucket", Key: "hello.txt" }));
        assert.strictEqual(await got.Body?.transformToString(), "kept");
        reader.destroy();
        assert.strictEqual(await stop(child), 0);
    });

    it("refuses a bad flag value with a bilingual message naming the flag", async () => {
        const bad = spawn(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", path.join(root, "sandbox", "main.ts"), "--port", "http", "--data-dir", dataDir],
            { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
        );
        let err = "";
        bad.stderr?.on("data", (d: Buffer) => (err += d.toString()));
        const code = await new Promise<number | null>((resolve) => bad.once("exit", resolve));
        assert.notStrictEqual(code, 0);
        assert.match(err, /--port : entier de 0 à 65535 attendu.* \/ --port: an integer from 0 to 65535 is expected, got "http"/);
    });
});
