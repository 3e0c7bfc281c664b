// The sandbox as a standalone process: MinIO and the API emulator on loopback, state under one
// folder, a ready line and a `sandbox.json` for whoever waits on it, a clean stop on SIGINT/SIGTERM.
//   node dist/sandbox/main.js --port 8443 --data-dir .sandbox --minio <path to minio>
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Command, InvalidArgumentError } from "commander";
import { startMinio } from "./minio";
import { Sandbox, startSandbox } from "./index";
import { providerEnv } from "./providerEnv";

export interface SandboxProcessOptions {
    /** The MinIO server binary: a path, or a name on PATH (default `minio`). */
    minioBinary?: string;
    port?: number;
    /** Holds state.db, the MinIO data and sandbox.json (default ~/.securetemple/sandbox). */
    dataDir?: string;
    seedPath?: string;
    activityLatencyMs?: number;
    rateLimits?: boolean;
    /** Where the banner goes (default stdout). */
    print?: (line: string) => void;
    /** Install SIGINT/SIGTERM handlers that stop and exit (default true). */
    handleSignals?: boolean;
}

/** Content of `<dataDir>/sandbox.json` (written with mode 0600: it holds credentials). */
export interface SandboxInfo {
    endpoint: string;
    apiUrl: string;
    clientId: string;
    secretId: string;
    pid: number;
    dataDir: string;
    dbPath: string;
    minio: { endpoint: string; accessKey: string; secretKey: string; dataDir: string };
    env: Record<string, string>;
}

export interface SandboxProcess {
    sandbox: Sandbox;
    info: SandboxInfo;
    stop(): Promise<void>;
}

export const defaultDataDir = () => path.join(os.homedir(), ".securetemple", "sandbox");

/** MinIO keeps its root keys from one start to the next: its IAM data is sealed with them. */
function minioKeys(dataDir: string): { accessKey: string; secretKey: string } {
    const file = path.join(dataDir, "minio-keys.json");
    if (fs.existsSync(file)) {
        return JSON.parse(fs.readFileSync(file, "utf8")) as { accessKey: string; secretKey: string };
    }
    const keys = { accessKey: "securetemple", secretKey: crypto.randomBytes(18).toString("base64url") };
    fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
    return keys;
}

/**
 * The data folder holds secrets (the personal access token and JWT key in state.db, MinIO's root
 * keys, sandbox.json): only its owner may enter it, whatever it was before.
 */
function privateFolder(dir: string): void {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
}

export async function runSandboxProcess(opts: SandboxProcessOptions = {}): Promise<SandboxProcess> {
    const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
    const dataDir = path.resolve(opts.dataDir ?? defaultDataDir());
    privateFolder(dataDir);
    const minio = await startMinio({ binary: opts.minioBinary ?? "minio", dataDir: path.join(dataDir, "minio"), ...minioKeys(dataDir) });
    let sandbox: Sandbox;
    try {
        sandbox = await startSandbox({
            port: opts.port,
            dbPath: path.join(dataDir, "state.db"),
            seedPath: opts.seedPath,
            activityLatencyMs: opts.activityLatencyMs,
            rateLimits: opts.rateLimits,
            minio,
        });
    } catch (err) {
        await minio.stop();
        throw err;
    }
    const info: SandboxInfo = {
        endpoint: sandbox.endpoint,
        apiUrl: `${sandbox.endpoint}/api`,
        clientId: sandbox.clientId,
        secretId: sandbox.secretId,
        pid: process.pid,
        dataDir,
        dbPath: sandbox.dbPath,
        minio: { endpoint: minio.endpoint, accessKey: minio.accessKey, secretKey: minio.secretKey, dataDir: minio.dataDir },
        env: providerEnv(sandbox),
    };
    const infoFile = path.join(dataDir, "sandbox.json");
    fs.writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });

    let stopping: Promise<void> | undefined;
    const stop = () => {
        stopping ??= (async () => {
            await sandbox.stop();
            await minio.stop();
            fs.rmSync(infoFile, { force: true });
        })();
        return stopping;
    };

    print("Bac à sable Secure Temple / Secure Temple sandbox");
    print(`  API          ${info.apiUrl}`);
    print(`  admin        ${sandbox.endpoint}/_admin (boucle locale / loopback only)`);
    print(`  S3 (MinIO)   ${minio.endpoint}`);
    print(`  état / state ${sandbox.dbPath}`);
    print(`  infos        ${infoFile}`);
    print("Identifiants / Credentials:");
    for (const [k, v] of Object.entries(info.env)) {
        print(`  export ${k}=${v}`);
    }
    print("Sandbox ready");

    if (opts.handleSignals ?? true) {
        const onSignal = (signal: NodeJS.Signals) => {
            print(`${signal}: arrêt / stopping`);
            stop().then(
                () => process.exit(0),
                (err: unknown) => {
                    process.stderr.write(`${String(err)}\n`);
                    process.exit(1);
                },
            );
        };
        process.once("SIGINT", onSignal);
        process.once("SIGTERM", onSignal);
    }
    return { sandbox, info, stop };
}

/** A non-negative integer flag, or a bilingual error naming the flag. */
function integerFlag(flag: string, max: number): (value: string) => number {
    return (value) => {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n > max) {
            throw new InvalidArgumentError(
                `${flag} : entier de 0 à ${max} attendu, reçu « ${value} » / ${flag}: an integer from 0 to ${max} is expected, got "${value}"`,
            );
        }
        return n;
    };
}

function parseArgs(argv: string[]): SandboxProcessOptions {
    const program = new Command()
        .name("securetemple-sandbox")
        .description("Émulateur local de l'API Secure Temple / Local emulator of the Secure Temple API")
        .option("--port <n>", "port d'écoute / listening port (default: a free port)", integerFlag("--port", 65535))
        .option("--data-dir <dir>", "dossier de l'état / state folder", defaultDataDir())
        .option("--seed <file>", "graine YAML du tenant / tenant YAML seed (read when the state is new)")
        .option(
            "--activity-latency <ms>",
            "durée d'une activité / activity duration in ms",
            integerFlag("--activity-latency", 3_600_000),
            0,
        )
        .option("--no-rate-limits", "désactive les limites de débit / disable rate limits")
        .option("--minio <path>", "binaire du serveur MinIO / MinIO server binary", "minio")
        .parse(argv);
    const o = program.opts<{
        port?: number;
        dataDir: string;
        seed?: string;
        activityLatency: number;
        rateLimits: boolean;
        minio: string;
    }>();
    return {
        port: o.port,
        dataDir: o.dataDir,
        seedPath: o.seed,
        activityLatencyMs: o.activityLatency,
        rateLimits: o.rateLimits,
        minioBinary: o.minio,
    };
}

if (require.main === module) {
    runSandboxProcess(parseArgs(process.argv)).catch((err: unknown) => {
        process.stderr.write(`Échec du démarrage / Start failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    });
}
