// Personal-access-token authentication: the client id and secret are exchanged for a short-lived
// JWT (5 minutes on the real API), which is reused until shortly before it expires. The secret
// lives in a private field and never reaches a log line or an error message.
import { ApiError, apiMessageOf } from "./errors";
import { HttpResponse } from "./http";

export interface TokenClaims {
    /** Expiry, seconds since the epoch. */
    exp?: number;
    userId?: string;
    companyId?: string;
    scope?: { id?: string };
}

/** The claims of a JWT, read without verifying the signature (the API verifies it, not us). */
export function decodeJwtClaims(token: string): TokenClaims {
    const parts = token.split(".");
    if (parts.length !== 3) {
        throw new Error("FR : le jeton renvoyé par l'API n'est pas un JWT / EN: the token returned by the API is not a JWT");
    }
    try {
        return JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as TokenClaims;
    } catch {
        throw new Error("FR : les revendications du JWT sont illisibles / EN: the JWT claims cannot be read");
    }
}

export interface TokenSourceOptions {
    clientId: string;
    secretId: string;
    /** Sends the exchange request (through the client's budget and retries). */
    exchange: (body: string) => Promise<HttpResponse>;
    /** Refresh when less than this is left on the token. */
    refreshMarginMs?: number;
    now?: () => number;
}

export class TokenSource {
    readonly #secretId: string;
    readonly #clientId: string;
    #token?: string;
    #expiresAt = 0;
    #pending?: Promise<string>;
    private readonly exchange: (body: string) => Promise<HttpResponse>;
    private readonly refreshMarginMs: number;
    private readonly now: () => number;
    /** How many exchanges were made (for tests and benchmarks). */
    exchanges = 0;
    claims: TokenClaims = {};

    constructor(options: TokenSourceOptions) {
        this.#clientId = options.clientId;
        this.#secretId = options.secretId;
        this.exchange = options.exchange;
        this.refreshMarginMs = options.refreshMarginMs ?? 60_000;
        this.now = options.now ?? Date.now;
    }

    /** A valid bearer token; one exchange at a time however many callers ask. */
    async bearer(): Promise<string> {
        if (this.#token && this.now() < this.#expiresAt - this.refreshMarginMs) {
            return this.#token;
        }
        if (!this.#pending) {
            this.#pending = this.refresh().finally(() => {
                this.#pending = undefined;
            });
        }
        return this.#pending;
    }

    /** Forget the token (after a 401), so that the next call exchanges again. */
    invalidate(): void {
        this.#token = undefined;
        this.#expiresAt = 0;
    }

    private async refresh(): Promise<string> {
        // Keys sorted, as the public Terraform provider sends them.
        const body = JSON.stringify({ id: this.#clientId, secret: this.#secretId });
        const response = await this.exchange(body);
        this.exchanges += 1;
        if (response.status < 200 || response.status >= 300) {
            throw new ApiError({
                operation: "authentication (personal access token exchange)",
                apiMessage: apiMessageOf(response.body, response.status),
                status: response.status,
            });
        }
        const token = response.body.trim();
        const claims = decodeJwtClaims(token);
        const lifetimeMs = claims.exp ? claims.exp * 1000 - this.now() : 300_000;
        // A token shorter-lived than twice the margin is refreshed at half its life instead.
        const margin = Math.min(this.refreshMarginMs, lifetimeMs / 2);
        this.#token = token;
        this.#expiresAt = this.now() + lifetimeMs - (margin - this.refreshMarginMs);
        this.claims = claims;
        return token;
    }

    toJSON(): string {
        return "[TokenSource]";
    }
}
