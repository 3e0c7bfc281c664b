// Validation, in one style for the whole sandbox: the schemas of requests.ts (fastify's route
// schemas), of the fault options given to startSandbox and of the seed, compiled by one Ajv; and
// the error a value gets when it breaks one: the field at fault (by its path), what it accepts, in
// French then English (a 400 for a request).
import Ajv, { ErrorObject } from "ajv";
import type { TSchema } from "typebox";
import { ApiError } from "./errors";

// No coercion and no defaults: a Go client that sends "1" for an int has a bug the sandbox must show.
const ajv = new Ajv({ strict: false, allErrors: false, verbose: true, coerceTypes: false, useDefaults: false, removeAdditional: false });

export function compile(schema: TSchema) {
    return ajv.compile(schema);
}

interface Described {
    description?: string;
    descriptionFr?: string;
    properties?: Record<string, Described>;
    anyOf?: Described[];
    enum?: unknown[];
}

const typeNames: Record<string, [string, string]> = {
    string: ["a string", "une chaîne"],
    integer: ["an integer", "un entier"],
    number: ["a number", "un nombre"],
    boolean: ["true or false", "true ou false"],
    array: ["an array", "un tableau"],
    object: ["a JSON object", "un objet JSON"],
};

function describe(schema: Described | undefined, fallback: [string, string]): [string, string] {
    if (schema?.description) {
        return [schema.description, schema.descriptionFr ?? schema.description];
    }
    const members = schema?.anyOf?.map((m) => describe(m, ["", ""])).filter(([en]) => en);
    if (members && members.length > 0) {
        return [members.map(([en]) => en).join(" or "), members.map(([, fr]) => fr).join(" ou ")];
    }
    return fallback;
}

/** "/bootOptions/firmware" -> "bootOptions.firmware", "/whitelist/2" -> "whitelist[2]". */
function fieldOf(instancePath: string, context: string, extra?: string): string {
    const parts = instancePath
        .split("/")
        .filter(Boolean)
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    if (extra !== undefined) {
        parts.push(extra);
    }
    const path = parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
    return path || (context === "body" ? "(body)" : `(${context})`);
}

/** The 400 for the first error Ajv found in `context` (body, params, querystring). */
export function validationError(errors: ErrorObject[], context: string): ApiError {
    const e = errors.find((x) => x.keyword !== "anyOf") ?? errors[0];
    const parent = e.parentSchema as Described | undefined;
    if (e.keyword === "required") {
        const missing = (e.params as { missingProperty: string }).missingProperty;
        const field = fieldOf(e.instancePath, context, missing);
        const [en, fr] = describe(parent?.properties?.[missing], ["a value", "une valeur"]);
        return new ApiError(400, `le champ « ${field} » est obligatoire (${fr})`, `field "${field}" is required (${en})`, {
            field,
            allowed: en,
            code: "VALIDATION",
        });
    }
    // Inside a union, the member that failed says little: describe the union (its parent in the path).
    const union = errors.find((x) => x.keyword === "anyOf" && x.instancePath === e.instancePath);
    const field = fieldOf(e.instancePath, context);
    const got = JSON.stringify(e.data);
    if (e.keyword === "enum") {
        const list = (e.params as { allowedValues: unknown[] }).allowedValues.join(", ");
        return new ApiError(
            400,
            `le champ « ${field} » doit valoir l'une de ces valeurs : ${list} (reçu ${got})`,
            `field "${field}" must be one of: ${list} (got ${got})`,
            {
                field,
                allowed: list,
                code: "VALIDATION",
            },
        );
    }
    const fallback =
        e.keyword === "type"
            ? (typeNames[(e.params as { type: string }).type] ?? [e.message ?? "", e.message ?? ""])
            : [e.message ?? "", e.message ?? ""];
    const [en, fr] = describe((union?.parentSchema as Described | undefined) ?? parent, fallback as [string, string]);
    return new ApiError(400, `le champ « ${field} » doit être ${fr} (reçu ${got})`, `field "${field}" must be ${en} (got ${got})`, {
        field,
        allowed: en,
        code: "VALIDATION",
    });
}

/** Validates a value given in code (startSandbox's options) as a request would be; returns it typed. */
export function check<T>(schema: TSchema, value: unknown): T {
    const validate = compile(schema);
    if (!validate(value)) {
        throw validationError(validate.errors ?? [], "body");
    }
    return value as T;
}
