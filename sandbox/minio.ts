// Starts and stops a real MinIO server on loopback: the S3 side of the sandbox, the S3 state
// backend of the demo and the object store of the integration tests. The caller says which binary
// to run (the toolchain's build, or `minio` on PATH): the sandbox knows nothing of the toolchain.
import { ChildProcess, spawn } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

export interface MinioServer {
    /** http://127.0.0.1:<port> */
    endpoint: string;
    port: number;
    accessKey: string;
    secretKey: string;
    dataDir: string;
    stop(): Promise<void>;
}

export interface MinioOptions {
    /** The MinIO server binary: a path, or a bare name looked up on PATH. */
    binary: string;
    /** Keep objects here; a fresh temporary folder (removed at stop) when not given. */
    dataDir?: string;
    port?: number;
    accessKey?: string;
    secretKey?: string;
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
        });
    });
}

async function waitReady(endpoint: string, child: ChildProcess, log: () => string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) {
            throw new Error(`MinIO exited with code ${child.exitCode}: ${log()}`);
        }
        try {
            const res = await fetch(`${endpoint}/minio/health/ready`);
            if (res.ok) {
                return;
            }
        } catch {
            // not listening yet
        }
        await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`MinIO did not become ready within 60 s: ${log()}`);
}

/** A bare name is looked up on PATH; a path must exist. */
function resolveBinary(binary: string): string {
    const candidates = binary.includes(path.sep)
        ? [binary]
        : (process.env.PATH ?? "")
              .split(path.delimiter)
              .filter(Boolean)
              .map((dir) => path.join(dir, binary));
    const found = candidates.find((c) => fs.existsSync(c));
    if (!found) {
        throw new Error(
            `MinIO introuvable (${binary}) : lancez \`npm run toolchain\` ou mettez \`minio\` dans le PATH / ` +
                `MinIO not found (${binary}): run \`npm run toolchain\` or put \`minio\` on PATH`,
        );
    }
    return found;
}

export async function startMinio(options: MinioOptions): Promise<MinioServer> {
    const minio = resolveBinary(options.binary);
    const ownsDir = !options.dataDir;
    const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-minio-"));
    fs.mkdirSync(dataDir, { recursive: true });
    const port = options.port ?? (await freePort());
    const accessKey = options.accessKey ?? "securetemple";
    const secretKey = options.secretKey ?? crypto.randomBytes(18).toString("base64url");
    const endpoint = `http://127.0.0.1:${port}`;
    const consolePort = await freePort();
    const child = spawn(
        minio,
        ["server", dataDir, "--address", `127.0.0.1:${port}`, "--console-address", `127.0.0.1:${consolePort}`, "--quiet"],
        {
            env: {
                ...process.env,
                MINIO_ROOT_USER: accessKey,
                MINIO_ROOT_PASSWORD: secretKey,
                MINIO_BROWSER: "off",
                MINIO_UPDATE: "off",
                MINIO_REGION: "fr1",
            },
            stdio: ["ignore", "pipe", "pipe"],
        },
    );
    let output = "";
    const keep = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    try {
        await waitReady(endpoint, child, () => output);
    } catch (err) {
        child.kill("SIGKILL");
        throw err;
    }
    return {
        endpoint,
        port,
        accessKey,
        secretKey,
        dataDir,
        async stop() {
            if (child.exitCode === null) {
                const exited = new Promise((r) => child.once("exit", r));
                child.kill("SIGTERM");
                const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
                await exited;
                clearTimeout(timer);
            }
            if (ownsDir) {
                fs.rmSync(dataDir, { recursive: true, force: true });
            }
        },
    };
}
