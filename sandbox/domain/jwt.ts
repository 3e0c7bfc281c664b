// Bearer tokens: HS256 JWTs signed with a key kept in the sandbox state (tokens survive a restart).
// Node's own crypto does the HMAC; the format is the few lines of RFC 7519 that the real clients
// parse (unpadded base64url segments, an `alg` that golang-jwt knows, numeric `exp`).
import * as crypto from "crypto";

export interface TokenClaims {
    iss: string;
    sub: string;
    iat: number;
    exp: number;
    userId: string;
    companyId: string;
    tenantId: string;
    scope: { id: string; name: string };
    [key: string]: unknown;
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function signToken(claims: TokenClaims, key: Buffer): string {
    const unsigned = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(claims)}`;
    const signature = crypto.createHmac("sha256", key).update(unsigned).digest("base64url");
    return `${unsigned}.${signature}`;
}

/** The claims of a token this sandbox signed and that has not expired; undefined otherwise. */
export function verifyToken(token: string, key: Buffer, nowSeconds: number): TokenClaims | undefined {
    const parts = token.split(".");
    if (parts.length !== 3) {
        return undefined;
    }
    const expected = crypto.createHmac("sha256", key).update(`${parts[0]}.${parts[1]}`).digest();
    const given = Buffer.from(parts[2], "base64url");
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
        return undefined;
    }
    try {
        const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as TokenClaims;
        return typeof claims.exp === "number" && claims.exp > nowSeconds ? claims : undefined;
    } catch {
        return undefined;
    }
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
    const ha = crypto.createHash("sha256").update(a).digest();
    const hb = crypto.createHash("sha256").update(b).digest();
    return crypto.timingSafeEqual(ha, hb);
}
