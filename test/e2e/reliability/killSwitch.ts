// Kills a running `pulumi` at a moment chosen by what happens, never by a clock: when the API
// receives or answers the Nth request of a kind, when an activity is seen running, when the
// engine's event log shows a resource done. A proxy between the plugin and the sandbox sees every
// API exchange; the engine writes its events to a file (`--event-log`) that is watched.
import { spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import { ProcessResult } from "../../support/process";

/** One API exchange as the proxy sees it; `status` and `body` are set once the API has answered. */
export interface Exchange {
    method: string;
    /** Path without the query. */
    path: string;
    status?: number;
    location?: string;
    body?: string;
}

/** An engine event from the event log (only the fields the kill points read). */
export interface EngineEvent {
    summaryEvent?: unknown;
    resOutputsEvent?: { metadata: { op: string; urn: string } };
}

/**
 * What kills: `pulumi` alone (SIGKILL to its pid, as when an OOM killer or a user's `kill -9` hits
 * it) or its whole process group (as a CI runner cancels a job). The language host and the plugin
 * are in process groups of their own: neither kill reaches them directly.
 */
export type KillScope = "pulumi" | "group";

export interface KillPoint {
    name: string;
    scope: KillScope;
    /**
     * On a request, before it reaches the API ("request": the request is then never sent), or on
     * its answer, before the client gets it ("response": the API did it, the answer is lost).
     */
    onExchange?: { phase: "request" | "response"; match: (exchange: Exchange, seen: ExchangeLog) => boolean };
    onEvent?: (event: EngineEvent) => boolean;
}

/** Every exchange so far, for kill points that count ("the 2nd VM create") or follow an activity. */
export class ExchangeLog {
    readonly exchanges: Exchange[] = [];
    /** Activity ids (the Location of an accepted write) by the "METHOD path" of the write. */
    readonly activityOf = new Map<string, string[]>();

    count(method: string, pattern: RegExp, phase: "request" | "response"): number {
        return this.exchanges.filter((e) => e.method === method && pattern.test(e.path) && (phase === "request" || e.status !== undefined))
            .length;
    }

    /** True when `path` reads an activity started by a write matching `method` and `pattern`. */
    readsActivityOf(path: string, method: string, pattern: RegExp): boolean {
        const id = /^\/api\/activity\/v1\/activities\/([^/]+)$/.exec(path)?.[1];
        if (!id) {
            return false;
        }
        for (const [write, ids] of this.activityOf) {
            const [m, p] = write.split(" ");
            if (m === method && pattern.test(p) && ids.includes(id)) {
                return true;
            }
        }
        return false;
    }
}

export interface ApiProxy {
    endpoint: string;
    /** Arms a kill point for the next run; `kill` is called once, when it fires. */
    arm(point: KillPoint | undefined, kill: () => void): void;
    fired(): boolean;
    stop(): Promise<void>;
}

/** A transparent HTTP proxy to `target` that can kill at an exchange of the armed kill point. */
export async function startApiProxy(target: string): Promise<ApiProxy> {
    const upstream = new URL(target);
    let armed: { point: KillPoint; kill: () => void } | undefined;
    let firedOnce = false;
    let log = new ExchangeLog();
    const fire = () => {
        const current = armed;
        armed = undefined;
        if (current) {
            firedOnce = true;
            current.kill();
        }
    };
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const exchange: Exchange = { method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0] };
            log.exchanges.push(exchange);
            const point = armed?.point.onExchange;
            if (point?.phase === "request" && point.match(exchange, log)) {
                fire();
                req.socket.destroy();
                return;
            }
            const forward = http.request(
                {
                    host: upstream.hostname,
                    port: upstream.port,
                    method: req.method,
                    path: req.url,
                    headers: { ...req.headers, host: upstream.host },
                },
                (answer) => {
                    const body: Buffer[] = [];
                    answer.on("data", (c: Buffer) => body.push(c));
                    answer.on("end", () => {
                        exchange.status = answer.statusCode;
                        exchange.body = Buffer.concat(body).toString("utf8");
                        const location = answer.headers.location;
                        if (typeof location === "string" && location) {
                            exchange.location = location;
                            const key = `${exchange.method} ${exchange.path}`;
                            log.activityOf.set(key, [...(log.activityOf.get(key) ?? []), location.split("/").pop() ?? location]);
                        }
                        const after = armed?.point.onExchange;
                        if (after?.phase === "response" && after.match(exchange, log)) {
                            fire();
                            req.socket.destroy();
                            return;
                        }
                        res.writeHead(answer.statusCode ?? 502, answer.headers);
                        res.end(Buffer.concat(body));
                    });
                },
            );
            forward.on("error", () => req.socket.destroy());
            forward.end(Buffer.concat(chunks));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        arm(point, kill) {
            log = new ExchangeLog();
            firedOnce = false;
            armed = point ? { point, kill } : undefined;
        },
        fired: () => firedOnce,
        stop: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}

/**
 * Calls `onEvent` for every new line of the engine's event log until `stop` is called. `stop`
 * reads what is left first: the engine writes its last events (the summary) just before it exits,
 * possibly between two polls, and a kill point on them must still see them.
 */
export function watchEventLog(file: string, onEvent: (event: EngineEvent) => void): { stop(): void } {
    let offset = 0;
    let rest = "";
    const readNew = () => {
        let text: string;
        try {
            const fd = fs.openSync(file, "r");
            try {
                const size = fs.fstatSync(fd).size;
                if (size <= offset) {
                    return;
                }
                const buffer = Buffer.alloc(size - offset);
                fs.readSync(fd, buffer, 0, buffer.length, offset);
                offset = size;
                text = rest + buffer.toString("utf8");
            } finally {
                fs.closeSync(fd);
            }
        } catch {
            return;
        }
        const lines = text.split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) {
            try {
                onEvent(JSON.parse(line) as EngineEvent);
            } catch {
                // A line being written; the next read completes it.
            }
        }
    };
    const timer = setInterval(readNew, 20);
    return {
        stop: () => {
            clearInterval(timer);
            readNew();
        },
    };
}

export interface KillableRun {
    pid: number;
    done: Promise<ProcessResult>;
    kill(scope: KillScope): void;
}

/**
 * Starts `pulumi` as the leader of its own process group, so that "the group" is pulumi with the
 * language host and plugins it started, and nothing of the test.
 */
export function spawnPulumi(args: string[], cwd: string, env: NodeJS.ProcessEnv): KillableRun {
    const child = spawn("pulumi", ["--non-interactive", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<ProcessResult>((resolve, reject) => {
        child.on("error", reject);
        child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 + 9 : -1), stdout, stderr }));
    });
    const pid = child.pid as number;
    return {
        pid,
        done,
        kill(scope) {
            try {
                process.kill(scope === "group" ? -pid : pid, "SIGKILL");
            } catch {
                // Already gone.
            }
        },
    };
}

/** Pids of the processes whose environment holds `key=value` (what a run left behind). */
export function processesWithEnv(key: string, value: string): number[] {
    const found: number[] = [];
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        try {
            const environ = fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
            if (environ.includes(`${key}=${value}`)) {
                found.push(Number(entry));
            }
        } catch {
            // Gone, or not ours.
        }
    }
    return found;
}
