// Errors of the API client. Each one reads as one sentence (French, then English) carrying the
// API's own message, the HTTP status and the activity id when there is one, so that a failed
// `pulumi up` says what happened without a debug log.

export interface ApiErrorDetails {
    /** What the client was doing, e.g. `create virtual machine "web-1"`. */
    operation: string;
    /** The message the API gave (or the transport's reason). */
    apiMessage: string;
    status?: number;
    activityId?: string;
    /** True when the request may have taken effect although no success came back. */
    ambiguous?: boolean;
}

function facts(details: ApiErrorDetails, lang: "fr" | "en"): string {
    const parts: string[] = [];
    if (details.status !== undefined) {
        parts.push(`HTTP ${details.status}`);
    }
    if (details.activityId) {
        parts.push(`${lang === "fr" ? "activité" : "activity"} ${details.activityId}`);
    }
    return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

export class ApiError extends Error {
    readonly operation: string;
    readonly apiMessage: string;
    readonly status?: number;
    readonly activityId?: string;
    readonly ambiguous: boolean;

    constructor(details: ApiErrorDetails) {
        super(
            `FR : échec de l'opération ${details.operation}${facts(details, "fr")} : ${details.apiMessage} / ` +
                `EN: ${details.operation} failed${facts(details, "en")}: ${details.apiMessage}`,
        );
        this.name = "ApiError";
        this.operation = details.operation;
        this.apiMessage = details.apiMessage;
        this.status = details.status;
        this.activityId = details.activityId;
        this.ambiguous = details.ambiguous ?? false;
    }
}

/** A write whose activity ended in `failed` (or never ended before the timeout). */
export class ActivityError extends ApiError {
    constructor(
        details: ApiErrorDetails,
        /** Objects the activity had already touched, e.g. the VM it created before failing. */
        readonly concernedItems: { id: string; type: string }[] = [],
        readonly timedOut = false,
    ) {
        super(details);
        this.name = "ActivityError";
    }
}

/** The API message of an error response: `{error:{message}}`, `{message}` or the raw text. */
export function apiMessageOf(body: string, status: number): string {
    const text = body.trim();
    if (text) {
        try {
            const parsed = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
            if (typeof parsed.error === "object" && parsed.error?.message) {
                return parsed.error.message;
            }
            if (typeof parsed.error === "string") {
                return parsed.error;
            }
            if (parsed.message) {
                return parsed.message;
            }
        } catch {
            // not JSON: use the text
        }
        return text.length > 300 ? `${text.slice(0, 300)}…` : text;
    }
    return `no message (status ${status})`;
}
