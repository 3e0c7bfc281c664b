// What stands in front of the API on the real service: the tenant's IP allow-list, the per-IP and
// per-product request limits, and the throttling of identical requests (convention section 7.2.2).
import * as crypto from "crypto";
import * as net from "net";

/** Limits of DOCS console/api.md, "API Limits": requests per second per source IP. */
export const productLimit = 25;
export const authLimit = 5;
export const datastoreLimit = 20;

/** Rate buckets a request counts against: its product, plus the stricter route bucket if any. */
export function rateBuckets(method: string, path: string): { key: string; limit: number }[] {
    const product = path.split("/")[2] ?? "";
    const buckets = [{ key: product, limit: productLimit }];
    if (method === "POST" && path === "/api/iam/v2/auth/personal_access_token") {
        buckets.push({ key: "iam-auth", limit: authLimit });
    }
    if (path.startsWith("/api/compute/v1/vcenters/datastores")) {
        buckets.push({ key: "compute-datastores", limit: datastoreLimit });
    }
    return buckets;
}

/** Sliding one-second window of accepted requests per (IP, bucket). Rejected requests are not counted, as documented. */
export class RateLimiter {
    private readonly windows = new Map<string, number[]>();

    private window(ip: string, key: string, now: number): number[] {
        const k = `${ip}|${key}`;
        const list = (this.windows.get(k) ?? []).filter((t) => now - t < 1000);
        this.windows.set(k, list);
        return list;
    }

    /** True when every bucket still has room in the last second. */
    allows(ip: string, buckets: { key: string; limit: number }[], now = Date.now()): boolean {
        return buckets.every((b) => this.window(ip, b.key, now).length < b.limit);
    }

    /** Counts an accepted request. */
    record(ip: string, buckets: { key: string; limit: number }[], now = Date.now()): void {
        buckets.forEach((b) => this.window(ip, b.key, now).push(now));
    }

    reset(): void {
        this.windows.clear();
    }
}

/** Identical requests (same source, method, URL and body) are accepted at most once per second. */
export class Deduper {
    private readonly last = new Map<string, number>();

    static key(ip: string, method: string, url: string, body: string): string {
        return crypto.createHash("sha256").update(`${ip}\n${method}\n${url}\n${body}`).digest("base64url");
    }

    /** True when the request may pass; it then becomes the reference for the next second. */
    tryAccept(key: string, now = Date.now()): boolean {
        const previous = this.last.get(key);
        if (previous !== undefined && now - previous < 1000) {
            return false;
        }
        this.last.set(key, now);
        if (this.last.size > 5000) {
            for (const [k, t] of this.last) {
                if (now - t >= 1000) {
                    this.last.delete(k);
                }
            }
        }
        return true;
    }

    reset(): void {
        this.last.clear();
    }
}

/** The tenant's authorised addresses, as CIDR blocks, IPv4 and IPv6. */
export class AllowList {
    private list = new net.BlockList();

    constructor(cidrs: string[]) {
        this.set(cidrs);
    }

    set(cidrs: string[]): void {
        const list = new net.BlockList();
        for (const cidr of cidrs) {
            const [addr, prefix] = cidr.split("/");
            const family = net.isIPv6(addr) ? "ipv6" : "ipv4";
            list.addSubnet(addr, Number(prefix ?? (family === "ipv6" ? 128 : 32)), family);
        }
        this.list = list;
    }

    allows(ip: string): boolean {
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
        if (mapped) {
            return this.list.check(mapped[1], "ipv4");
        }
        return this.list.check(ip, net.isIPv6(ip) ? "ipv6" : "ipv4");
    }
}

export function isLoopback(ip: string): boolean {
    return ip === "127.0.0.1" || ip === "::1" || ip === "::ffff:127.0.0.1";
}
