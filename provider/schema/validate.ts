// The provider's one validator: the shape checks of `check` (type, required, enum, range,
// pattern, nested objects and lists), read from the declarations. Every failure names the
// property path, the value received and what is allowed, as "FR … / EN …" (bilingual()), and
// nothing here calls the API. Values unknown at preview are left unchecked.
import { Bilingual, bilingual, quoted, show } from "../catalog/errors";
import { isUnknown, containsUnknown } from "../resources/handlers/properties";
import type { Properties, PropertyDecl, TypeDecl } from "./types";

export interface Failure {
    /** Path of the property, e.g. "memory", "whitelist[1]", "lifecycleRules[0].id". */
    readonly property: string;
    /** "FR … / EN …". */
    readonly reason: string;
    /** The two halves of `reason`, for a caller that puts them in a longer sentence. */
    readonly message: Bilingual;
}

/** The top-level property of a path: what the engine shows the value of. */
export function topLevelProperty(path: string): string {
    return /^[^.[]+/.exec(path)?.[0] ?? path;
}

/** Collects failures; `fail` takes the two halves of the sentence. */
export class Failures {
    readonly list: Failure[] = [];

    fail(property: string, message: Bilingual): void {
        this.list.push({ property, reason: bilingual(message), message });
    }

    /** Whether `property` (or something inside it) already failed. */
    failed(property: string): boolean {
        return this.list.some(
            (f) => f.property === property || f.property.startsWith(`${property}[`) || f.property.startsWith(`${property}.`),
        );
    }
}

function range(min: number | undefined, max: number | undefined): Bilingual {
    if (min !== undefined && max !== undefined) {
        return { fr: ` de ${min} à ${max}`, en: ` from ${min} to ${max}` };
    }
    if (min !== undefined) {
        return { fr: ` ≥ ${min}`, en: ` ≥ ${min}` };
    }
    if (max !== undefined) {
        return { fr: ` ≤ ${max}`, en: ` ≤ ${max}` };
    }
    return { fr: "", en: "" };
}

function matches(test: RegExp | ((value: string) => boolean), value: string): boolean {
    return typeof test === "function" ? test(value) : test.test(value);
}

/** The enum values of a type, for "allowed values" in a message. */
function allowedValues(type: TypeDecl): readonly string[] | undefined {
    return type.type === "enum" ? type.enum.values : undefined;
}

/**
 * Checks one value against its type; returns true when it is valid (unknown parts count as valid).
 * `path` names it in messages.
 */
export function checkValue(type: TypeDecl, value: unknown, path: string, out: Failures): boolean {
    if (isUnknown(value)) {
        return true;
    }
    const name = quoted(path);
    const got = show(value);
    switch (type.type) {
        case "string": {
            const minLength = type.minLength ?? 1;
            if (typeof value !== "string" || value.length < minLength) {
                out.fail(path, {
                    fr: `${name.fr} doit être une chaîne${minLength > 0 ? " non vide" : ""} (reçu : ${got})`,
                    en: `${name.en} must be a${minLength > 0 ? " non-empty" : ""} string (got ${got})`,
                });
                return false;
            }
            if (type.maxLength !== undefined && value.length > type.maxLength) {
                out.fail(path, {
                    fr: `${name.fr} dépasse ${type.maxLength} caractères (reçu : ${value.length} caractères)`,
                    en: `${name.en} is longer than ${type.maxLength} characters (got ${value.length} characters)`,
                });
                return false;
            }
            if (type.pattern && !matches(type.pattern.test, value)) {
                out.fail(path, {
                    fr: `${name.fr} vaut ${got} ; valeur attendue : ${type.pattern.text.fr}`,
                    en: `${name.en} is ${got}; expected ${type.pattern.text.en}`,
                });
                return false;
            }
            return true;
        }
        case "integer":
        case "number": {
            const { min, max } = type;
            const integer = type.type === "integer";
            if (
                typeof value !== "number" ||
                !Number.isFinite(value) ||
                (integer && !Number.isInteger(value)) ||
                (min !== undefined && value < min) ||
                (max !== undefined && value > max)
            ) {
                const span = range(min, max);
                out.fail(path, {
                    fr: `${name.fr} doit être un ${integer ? "entier" : "nombre"}${span.fr} (reçu : ${got})`,
                    en: `${name.en} must be ${integer ? "an integer" : "a number"}${span.en} (got ${got})`,
                });
                return false;
            }
            if (type.type === "integer" && type.multipleOf && value % type.multipleOf.value !== 0) {
                out.fail(path, {
                    fr: `${name.fr} doit être un multiple de ${type.multipleOf.text.fr} (reçu : ${got})`,
                    en: `${name.en} must be a multiple of ${type.multipleOf.text.en} (got ${got})`,
                });
                return false;
            }
            return true;
        }
        case "boolean":
            if (typeof value !== "boolean") {
                out.fail(path, {
                    fr: `${name.fr} doit valoir true ou false (reçu : ${got})`,
                    en: `${name.en} must be true or false (got ${got})`,
                });
                return false;
            }
            return true;
        case "enum":
            if (typeof value !== "string" || !type.enum.values.includes(value)) {
                const allowed = type.enum.values.join(", ");
                out.fail(path, {
                    fr: `${name.fr} vaut ${got} ; valeurs permises : ${allowed}`,
                    en: `${name.en} is ${got}; allowed values: ${allowed}`,
                });
                return false;
            }
            return true;
        case "array": {
            if (!Array.isArray(value)) {
                out.fail(path, { fr: `${name.fr} doit être une liste (reçu : ${got})`, en: `${name.en} must be a list (got ${got})` });
                return false;
            }
            if (type.minItems !== undefined && value.length < type.minItems) {
                out.fail(path, {
                    fr: `${name.fr} doit avoir au moins ${type.minItems} élément(s) (reçu : ${value.length})`,
                    en: `${name.en} must have at least ${type.minItems} item(s) (got ${value.length})`,
                });
                return false;
            }
            // Every item is checked, so that one `check` names every mistake.
            return value.map((item, i) => checkValue(type.items, item, `${path}[${i}]`, out)).every(Boolean);
        }
        case "map": {
            if (typeof value !== "object" || value === null || Array.isArray(value)) {
                out.fail(path, { fr: `${name.fr} doit être un dictionnaire (reçu : ${got})`, en: `${name.en} must be a map (got ${got})` });
                return false;
            }
            return Object.entries(value)
                .map(([key, item]) => checkValue(type.values, item, `${path}.${key}`, out))
                .every(Boolean);
        }
        case "object": {
            if (typeof value !== "object" || value === null || Array.isArray(value)) {
                const fields = Object.keys(type.object.properties).join(", ");
                out.fail(path, {
                    fr: `${name.fr} doit être un objet {${fields}} (reçu : ${got})`,
                    en: `${name.en} must be an object {${fields}} (got ${got})`,
                });
                return false;
            }
            return checkProperties(type.object.properties, value as Record<string, unknown>, out, `${path}.`).valid;
        }
        case "resource":
            // References are resolved by the engine; nothing to check in a property bag.
            return true;
    }
}

function isSet(value: unknown): boolean {
    return value !== undefined && value !== null;
}

/**
 * Checks a bag of values against declared properties (inputs only; outputs are the provider's).
 * Returns which properties are valid and fully known: cross-property rules read only those, so a
 * value that already failed is never reported twice.
 */
export function checkProperties(
    properties: Properties,
    values: Record<string, unknown>,
    out: Failures,
    prefix = "",
): { valid: boolean; known: Record<string, unknown> } {
    const known: Record<string, unknown> = {};
    let valid = true;
    for (const [key, decl] of Object.entries(properties) as [string, PropertyDecl][]) {
        if (decl.output) {
            continue;
        }
        const value = values[key];
        const path = `${prefix}${key}`;
        if (!isSet(value)) {
            if (decl.required) {
                valid = false;
                const allowed = allowedValues(decl);
                const hint: Bilingual = allowed
                    ? { fr: ` ; valeurs permises : ${allowed.join(", ")}`, en: `; allowed values: ${allowed.join(", ")}` }
                    : decl.type === "array"
                      ? { fr: " (une liste)", en: " (a list)" }
                      : { fr: "", en: "" };
                out.fail(path, { fr: `${quoted(path).fr} est obligatoire${hint.fr}`, en: `${quoted(path).en} is required${hint.en}` });
            }
            continue;
        }
        if (!checkValue(decl, value, path, out)) {
            valid = false;
            continue;
        }
        if (!containsUnknown(value)) {
            known[key] = value;
        }
    }
    return { valid, known };
}

/** The defaults of declared properties, for `check` to fill in. */
export function defaultsOf(properties: Properties): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(properties)
            .filter(([, decl]) => decl.default !== undefined && !decl.output)
            .map(([key, decl]) => [key, decl.default]),
    );
}

/** The values with the declared defaults filled in where a value is absent (undefined or null). */
export function withDefaults(properties: Properties, values: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...values };
    for (const [key, value] of Object.entries(defaultsOf(properties))) {
        if (!isSet(out[key])) {
            out[key] = value;
        }
    }
    return out;
}
