// Field checks for request bodies and queries. Every failure is a 400 that names the field and
// says what it accepts, in French then English.
import { invalidField } from "./errors";
import { uuidPattern } from "../store/ids";

export type Body = Record<string, unknown>;

export function asBody(value: unknown): Body {
    if (value === undefined || value === null) {
        return {};
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw invalidField("(body)", "a JSON object", "le corps de la requête doit être un objet JSON", "the request body must be a JSON object");
    }
    return value as Body;
}

export function requiredString(body: Body, field: string): string {
    const v = body[field];
    if (typeof v !== "string" || v.length === 0) {
        throw invalidField(field, "a non-empty string", `le champ « ${field} » est obligatoire (chaîne non vide)`, `field "${field}" is required (a non-empty string)`);
    }
    return v;
}

export function optionalString(body: Body, field: string): string | undefined {
    const v = body[field];
    if (v === undefined || v === null || v === "") {
        return undefined;
    }
    if (typeof v !== "string") {
        throw invalidField(field, "a string", `le champ « ${field} » doit être une chaîne`, `field "${field}" must be a string`);
    }
    return v;
}

export function requiredUuid(body: Body, field: string): string {
    const v = requiredString(body, field);
    if (!uuidPattern.test(v)) {
        throw invalidField(field, "a UUID (8-4-4-4-12 hexadecimal)", `le champ « ${field} » doit être un UUID`, `field "${field}" must be a UUID`);
    }
    return v;
}

export function optionalUuid(body: Body, field: string): string | undefined {
    const v = optionalString(body, field);
    if (v !== undefined && !uuidPattern.test(v)) {
        throw invalidField(field, "a UUID (8-4-4-4-12 hexadecimal)", `le champ « ${field} » doit être un UUID`, `field "${field}" must be a UUID`);
    }
    return v;
}

export function integerIn(body: Body, field: string, min: number, max: number, required = true): number | undefined {
    const v = body[field];
    if (v === undefined || v === null) {
        if (!required) {
            return undefined;
        }
        throw invalidField(field, `an integer from ${min} to ${max}`, `le champ « ${field} » est obligatoire (entier de ${min} à ${max})`, `field "${field}" is required (an integer from ${min} to ${max})`);
    }
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
        throw invalidField(field, `an integer from ${min} to ${max}`, `le champ « ${field} » doit être un entier de ${min} à ${max} (reçu ${JSON.stringify(v)})`, `field "${field}" must be an integer from ${min} to ${max} (got ${JSON.stringify(v)})`);
    }
    return v;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
    const v = body[field];
    if (v === undefined || v === null) {
        return undefined;
    }
    if (typeof v !== "boolean") {
        throw invalidField(field, "true or false", `le champ « ${field} » doit être un booléen`, `field "${field}" must be a boolean`);
    }
    return v;
}

export function oneOf<T extends string>(body: Body, field: string, allowed: readonly T[], required = true): T | undefined {
    const v = body[field];
    if ((v === undefined || v === null || v === "") && !required) {
        return undefined;
    }
    if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
        const list = allowed.join(", ");
        throw invalidField(field, list, `le champ « ${field} » doit valoir l'une de ces valeurs : ${list} (reçu ${JSON.stringify(v)})`, `field "${field}" must be one of: ${list} (got ${JSON.stringify(v)})`);
    }
    return v as T;
}

export function stringArray(body: Body, field: string, required = true): string[] {
    const v = body[field];
    if (v === undefined || v === null) {
        if (!required) {
            return [];
        }
        throw invalidField(field, "an array of strings", `le champ « ${field} » est obligatoire (tableau de chaînes)`, `field "${field}" is required (an array of strings)`);
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
        throw invalidField(field, "an array of strings", `le champ « ${field} » doit être un tableau de chaînes`, `field "${field}" must be an array of strings`);
    }
    return v as string[];
}

/** A query value: the first one when repeated; `key[]` accepted as Go clients send slices. */
export function queryValues(query: unknown, key: string): string[] {
    const q = (query ?? {}) as Record<string, unknown>;
    const out: string[] = [];
    for (const k of [key, `${key}[]`]) {
        const v = q[k];
        if (Array.isArray(v)) {
            out.push(...v.map(String));
        } else if (v !== undefined && v !== "") {
            out.push(String(v));
        }
    }
    return out;
}

export function queryValue(query: unknown, key: string): string | undefined {
    return queryValues(query, key)[0];
}
