// Input validation for `check`: every failure names the property, the value received and what
// is allowed, in French then English, and nothing here calls the API.
import { CheckFailure } from "@pulumi/pulumi/provider";
import { Props, isUnknown } from "./properties";

const show = (value: unknown) => (typeof value === "string" ? `"${value}"` : JSON.stringify(value));

export const uuidPattern = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export class Checker {
    readonly failures: CheckFailure[] = [];

    constructor(readonly news: Props) {}

    fail(property: string, fr: string, en: string): void {
        this.failures.push({ property, reason: `FR : ${fr} / EN: ${en}` });
    }

    /** The value when present and known; `undefined` when absent or unknown (preview). */
    private known(property: string): unknown {
        const value = this.news[property];
        return isUnknown(value) ? undefined : value;
    }

    /**
     * The value to check, or `undefined` when there is nothing to check: absent (a failure when
     * `required`, with `hint` appended to the message) or unknown at preview.
     */
    private present(property: string, required: boolean | undefined, hint = { fr: "", en: "" }): unknown {
        if (!this.isSet(property)) {
            if (required) {
                this.fail(property, `« ${property} » est obligatoire${hint.fr}`, `"${property}" is required${hint.en}`);
            }
            return undefined;
        }
        return this.known(property);
    }

    isSet(property: string): boolean {
        return this.news[property] !== undefined && this.news[property] !== null;
    }

    string(property: string, options: { required?: boolean; pattern?: RegExp; patternText?: string; maxLength?: number } = {}): void {
        const value = this.present(property, options.required);
        if (value === undefined) {
            return;
        }
        if (typeof value !== "string" || value.length === 0) {
            this.fail(property, `« ${property} » doit être une chaîne non vide (reçu : ${show(value)})`, `"${property}" must be a non-empty string (got ${show(value)})`);
            return;
        }
        if (options.maxLength && value.length > options.maxLength) {
            this.fail(property, `« ${property} » dépasse ${options.maxLength} caractères`, `"${property}" is longer than ${options.maxLength} characters`);
        }
        if (options.pattern && !options.pattern.test(value)) {
            const allowed = options.patternText ?? String(options.pattern);
            this.fail(property, `« ${property} » vaut ${show(value)} ; attendu : ${allowed}`, `"${property}" is ${show(value)}; expected ${allowed}`);
        }
    }

    uuid(property: string, required = true): void {
        this.string(property, { required, pattern: uuidPattern, patternText: "un UUID / a UUID (8-4-4-4-12 hex)" });
    }

    integer(property: string, options: { required?: boolean; min?: number; max?: number } = {}): void {
        const value = this.present(property, options.required);
        if (value === undefined) {
            return;
        }
        const min = options.min ?? Number.MIN_SAFE_INTEGER;
        const max = options.max ?? Number.MAX_SAFE_INTEGER;
        if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
            const range = `${options.min !== undefined ? `≥ ${options.min}` : ""}${options.max !== undefined ? ` ≤ ${options.max}` : ""}`.trim();
            this.fail(property, `« ${property} » doit être un entier ${range} (reçu : ${show(value)})`, `"${property}" must be an integer ${range} (got ${show(value)})`);
        }
    }

    oneOf(property: string, allowed: readonly string[], required = false): void {
        const value = this.present(property, required, { fr: ` ; valeurs permises : ${allowed.join(", ")}`, en: `; allowed values: ${allowed.join(", ")}` });
        if (value === undefined) {
            return;
        }
        if (typeof value !== "string" || !allowed.includes(value)) {
            this.fail(
                property,
                `« ${property} » vaut ${show(value)} ; valeurs permises : ${allowed.join(", ")}`,
                `"${property}" is ${show(value)}; allowed values: ${allowed.join(", ")}`,
            );
        }
    }

    boolean(property: string): void {
        const value = this.known(property);
        if (this.isSet(property) && value !== undefined && typeof value !== "boolean") {
            this.fail(property, `« ${property} » doit valoir true ou false (reçu : ${show(value)})`, `"${property}" must be true or false (got ${show(value)})`);
        }
    }

    stringList(property: string, options: { required?: boolean; item?: RegExp; itemText?: string } = {}): string[] | undefined {
        const value = this.present(property, options.required, { fr: " (une liste)", en: " (a list)" });
        if (value === undefined) {
            return undefined;
        }
        if (!Array.isArray(value)) {
            this.fail(property, `« ${property} » doit être une liste (reçu : ${show(value)})`, `"${property}" must be a list (got ${show(value)})`);
            return undefined;
        }
        value.forEach((item, i) => {
            if (isUnknown(item)) {
                return;
            }
            if (typeof item !== "string" || (options.item && !options.item.test(item))) {
                const allowed = options.itemText ?? "une chaîne / a string";
                this.fail(`${property}[${i}]`, `« ${property}[${i}] » vaut ${show(item)} ; attendu : ${allowed}`, `"${property}[${i}]" is ${show(item)}; expected ${allowed}`);
            }
        });
        return value as string[];
    }

    stringMap(property: string): void {
        const value = this.known(property);
        if (!this.isSet(property) || value === undefined) {
            return;
        }
        if (typeof value !== "object" || Array.isArray(value) || Object.values(value as object).some((v) => typeof v !== "string" && !isUnknown(v))) {
            this.fail(property, `« ${property} » doit être un dictionnaire de chaînes`, `"${property}" must be a map of strings`);
        }
    }
}
