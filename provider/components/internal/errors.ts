// Turns validation failures into pulumi.ResourceErrors that read "FR … / EN …" and name the
// component, so a mistake fails at construction or preview with a sentence that says what to change.
import * as pulumi from "@pulumi/pulumi";
import { bilingual, CatalogError, show } from "../../catalog";

/** Runs `validate`; a CatalogError (or any error) becomes a ResourceError naming the component. */
export function validated<T>(kind: string, name: string, parent: pulumi.Resource | undefined, validate: () => T): T {
    try {
        return validate();
    } catch (e) {
        throw componentError(kind, name, e, parent);
    }
}

/** A ResourceError for component `kind` named `name`; keeps the field and allowed values of a CatalogError. */
export function componentError(kind: string, name: string, error: unknown, resource?: pulumi.Resource): pulumi.ResourceError {
    if (pulumi.ResourceError.isInstance(error)) {
        return error;
    }
    if (error instanceof CatalogError) {
        return new pulumi.ResourceError(bilingual({ fr: `${kind} « ${name} », ${error.fr}`, en: `${kind} "${name}", ${error.en}` }), resource, true);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new pulumi.ResourceError(`${kind} "${name}": ${message}`, resource, true);
}

/** Field checks shared by the components; each throws a CatalogError naming the field. */
export function requireString(value: unknown, field: string): string {
    if (typeof value !== "string" || value.trim() === "") {
        throw new CatalogError(field, { fr: `une chaîne non vide est attendue, reçu ${show(value)}.`, en: `a non-empty string is expected, got ${show(value)}.` });
    }
    return value.trim();
}

export function requireBoolean(value: unknown, field: string): boolean {
    if (typeof value !== "boolean") {
        throw new CatalogError(field, { fr: `un booléen est attendu, reçu ${show(value)}.`, en: `a boolean is expected, got ${show(value)}.` }, ["true", "false"]);
    }
    return value;
}

export function requireInteger(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`;
        throw new CatalogError(field, { fr: `un entier ${range} est attendu, reçu ${show(value)}.`, en: `an integer ${range} is expected, got ${show(value)}.` });
    }
    return value;
}

export function requireArray(value: unknown, field: string, minLength = 0): unknown[] {
    if (!Array.isArray(value) || value.length < minLength) {
        throw new CatalogError(field, {
            fr: `une liste d'au moins ${minLength} élément(s) est attendue, reçu ${show(value)}.`,
            en: `a list of at least ${minLength} item(s) is expected, got ${show(value)}.`,
        });
    }
    return value;
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
        throw new CatalogError(field, { fr: `valeur inconnue ${show(value)}.`, en: `unknown value ${show(value)}.` }, allowed);
    }
    return value as T;
}
