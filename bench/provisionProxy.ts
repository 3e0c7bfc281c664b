// A counting HTTP proxy for the provisioning benchmarks: it stands between the plugin and the
// sandbox, forwards every request and counts them per product and per route kind (ids left
// out), with the 429 answers. BENCH_TRACE=<file> also writes one line per request and answer.
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import { productOf } from "../provider/api/budget";

export interface Counts {
    total: number;
    throttled: number;
    byProduct: Record<string, number>;
    /** "GET /compute/v1/vcenters/virtual_machines/:id" -> count. */
    byRoute: Record<string, number>;
}

export interface CountingProxy {
    url: string;
    counts: Counts;
    reset(): void;
    close(): Promise<void>;
}

const uuid = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

/** The route of a request with ids and query values left out: what kind of request it is. */
export function routeOf(method: string, url: string): string {
    const [pathPart, query] = url.split("?");
    const keys = query ? `?${[...new URLSearchParams(query).keys()].sort().join("&")}` : "";
    return `${method} ${pathPart.replace(/^\/api/, "").replace(uuid, ":id")}${keys}`;
}

const empty = (): Counts => ({ total: 0, throttled: 0, byProduct: {}, byRoute: {} });

export async function countingProxy(target: string): Promise<CountingProxy> {
    const counts = empty();
    const trace = process.env.BENCH_TRACE;
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", async () => {
            const url = req.url ?? "/";
            const api = url.startsWith("/api/");
            if (api) {
                if (trace) {
                    fs.appendFileSync(trace, `${Date.now()} ${req.method} ${url}\n`);
                }
                counts.total += 1;
                const product = productOf(url);
                counts.byProduct[product] = (counts.byProduct[product] ?? 0) + 1;
                const route = routeOf(req.method ?? "GET", url);
                counts.byRoute[route] = (counts.byRoute[route] ?? 0) + 1;
            }
            try {
                const headers = Object.fromEntries(
                    Object.entries(req.headers).filter(([k]) => !["host", "connection", "content-length"].includes(k)),
                ) as Record<string, string>;
                const body = chunks.length ? Buffer.concat(chunks) : undefined;
                const answer = await fetch(`${target}${url}`, { method: req.method, headers, body });
                if (answer.status === 429 && api) {
                    counts.throttled += 1;
                }
                const out: Record<string, string> = {};
                answer.headers.forEach((v, k) => {
                    if (!["content-encoding", "content-length", "transfer-encoding", "connection"].includes(k)) {
                        out[k] = v;
                    }
                });
                res.writeHead(answer.status, out);
                res.end(Buffer.from(await answer.arrayBuffer()));
                if (trace && api) {
                    fs.appendFileSync(trace, `${Date.now()} answered ${answer.status} ${req.method} ${url}\n`);
                }
            } catch {
                res.writeHead(502).end();
            }
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        counts,
        reset() {
            Object.assign(counts, empty());
        },
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number = process.pid): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? "0") / 1024;
}

/** Peak resident memory of a process in MiB (VmHWM), from /proc (Linux). */
export function peakRssMiB(pid: number = process.pid): number {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? "0") / 1024;
}
