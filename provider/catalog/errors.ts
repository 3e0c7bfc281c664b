// The error every catalogue validator throws. The message is bilingual, French first, because the
// convention requires interfaces at least in French (section 9.1) and the team reads English.
// Components turn it into a pulumi.ResourceError; the policy pack reuses the same sentences.

/** A bilingual sentence. */
export interface Bilingual {
    fr: string;
    en: string;
}

/** Joins a bilingual sentence the way every user-facing message of the kit reads: "FR … / EN …". */
export function bilingual(message: Bilingual): string {
    return `FR ${message.fr} / EN ${message.en}`;
}

/**
 * The two halves of one line that reads "FR x / EN y" (as bilingual() joins it) or "FR : x / EN: y"
 * (as the API client's errors do), possibly behind a prefix (a gRPC status, "Invoke of … failed: ")
 * and before a "(property)" suffix; undefined for a line in one language only.
 */
export function bilingualHalves(line: string): Bilingual | undefined {
    const m = /FR\s*:?\s*([\s\S]*?)\s*\/\s*EN\s*:?\s*([\s\S]*?)\s*(?:\(\w*\))?\s*$/.exec(line);
    return m ? { fr: m[1], en: m[2] } : undefined;
}

/** Both halves on lines of their own, "FR …" then "EN …", for documents that show both languages at once (SARIF help). */
export function bilingualLines(message: Bilingual): string[] {
    return [`FR ${message.fr}`, `EN ${message.en}`];
}

/** An invalid value: names the field, the value and, where the set is closed, the allowed values. */
export class CatalogError extends Error {
    readonly field: string;
    readonly allowed?: readonly string[];
    readonly fr: string;
    readonly en: string;

    constructor(field: string, message: Bilingual, allowed?: readonly string[]) {
        const allowedFr = allowed ? ` Valeurs autorisées : ${allowed.join(", ")}.` : "";
        const allowedEn = allowed ? ` Allowed values: ${allowed.join(", ")}.` : "";
        const fr = `${field} : ${message.fr}${allowedFr}`;
        const en = `${field}: ${message.en}${allowedEn}`;
        super(bilingual({ fr, en }));
        this.name = "CatalogError";
        this.field = field;
        this.allowed = allowed;
        this.fr = fr;
        this.en = en;
    }
}

/** A name or a path as each language quotes it: « name » in French, "name" in English. */
export function quoted(name: string): Bilingual {
    return { fr: `« ${name} »`, en: `"${name}"` };
}

/** Renders a value for a message without leaking huge structures. */
export function show(value: unknown): string {
    if (typeof value === "string") {
        return JSON.stringify(value);
    }
    // JSON has no NaN nor Infinity: it would print them as null, a value the user did not give.
    if (typeof value === "number" && !Number.isFinite(value)) {
        return String(value);
    }
    try {
        const text = JSON.stringify(value);
        return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
    } catch {
        return String(value);
    }
}
