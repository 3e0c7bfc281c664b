// Errors the API answers with. Bodies follow the shape the real API documents for 429
// ({"error":{"status","message"}}), with the field at fault and its allowed values added so that
// a user can fix the request. Messages are French first, then English (convention section 9.1).
import * as http from "http";

export interface ErrorBody {
    error: {
        status: string;
        message: string;
        /** The request field at fault, as named in the request body or query. */
        field?: string;
        /** What the field accepts. */
        allowed?: string;
        /** A stable code for programs: VALIDATION, SNC_BACKUP_REQUIRED, ... */
        code?: string;
    };
}

export class ApiError extends Error {
    constructor(
        readonly statusCode: number,
        readonly fr: string,
        readonly en: string,
        readonly details: { field?: string; allowed?: string; code?: string } = {},
    ) {
        super(`${fr} / ${en}`);
    }

    body(): ErrorBody {
        return errorBody(this.statusCode, this.message, this.details);
    }
}

export function errorBody(
    statusCode: number,
    message: string,
    details: { field?: string; allowed?: string; code?: string } = {},
): ErrorBody {
    return {
        error: {
            status: `${statusCode} ${http.STATUS_CODES[statusCode] ?? "Error"}`,
            message,
            ...(details.field !== undefined ? { field: details.field } : {}),
            ...(details.allowed !== undefined ? { allowed: details.allowed } : {}),
            ...(details.code !== undefined ? { code: details.code } : {}),
        },
    };
}

/** 400 for a request field that is missing or out of bounds. */
export function invalidField(field: string, allowed: string, fr: string, en: string): ApiError {
    return new ApiError(400, fr, en, { field, allowed, code: "VALIDATION" });
}

/** 400 for a request that breaks a rule of the service (backup, placement, power). */
export function ruleViolation(code: string, field: string, fr: string, en: string): ApiError {
    return new ApiError(400, fr, en, { field, code });
}

export function notFound(what: string, quoi: string, id: string): ApiError {
    return new ApiError(404, `${quoi} introuvable : ${id}`, `${what} not found: ${id}`, { code: "NOT_FOUND" });
}

/** The documented 429 body, word for word. */
export const tooManyRequestsBody = { error: { status: "429 Too Many Requests", message: "Too Many Requests" } };
