// The wire layer of the API client: one function that sends an HTTP request and returns the
// status, headers and body text. Tests replace it with a fake; production uses Node's fetch.

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpRequest {
    method: HttpMethod;
    /** Absolute URL, query string included. */
    url: string;
    headers: Record<string, string>;
    body?: string;
}

export interface HttpResponse {
    status: number;
    /** Header names in lower case. */
    headers: Record<string, string>;
    body: string;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** Raised when no HTTP answer came back (connection refused or reset, timeout): the outcome is unknown. */
export class TransportError extends Error {
    readonly ambiguous = true;
    constructor(
        message: string,
        readonly cause?: unknown,
    ) {
        super(message);
        this.name = "TransportError";
    }
}

/** The transport used against the real API and the sandbox: Node's fetch with a per-request timeout. */
export function fetchTransport(timeoutMs = 600_000): Transport {
    return async (request) => {
        let response: Response;
        try {
            response = await fetch(request.url, {
                method: request.method,
                headers: request.headers,
                body: request.body,
                signal: AbortSignal.timeout(timeoutMs),
            });
        } catch (err) {
            const reason =
                err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ""}` : String(err);
            throw new TransportError(`${request.method} ${new URL(request.url).pathname}: ${reason}`, err);
        }
        const headers: Record<string, string> = {};
        response.headers.forEach((value, key) => {
            headers[key.toLowerCase()] = value;
        });
        let body: string;
        try {
            body = await response.text();
        } catch (err) {
            throw new TransportError(`${request.method} ${new URL(request.url).pathname}: response body lost`, err);
        }
        return { status: response.status, headers, body };
    };
}
