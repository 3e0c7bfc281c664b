// Errors of the command line that mean "bad input" (exit code 2): a missing or unreadable file, a
// file that is not what the command expects, a flag with a value outside its allowed set. The
// message is bilingual, French first (convention section 9.1), and names the file or the flag.
import { Bilingual, bilingual } from "../provider/catalog";

/** Exit codes of every securetemple command. */
export const exitCodes = {
    /** Nothing mandatory failed. */
    ok: 0,
    /** At least one mandatory policy failed. */
    mandatoryFailed: 1,
    /** Bad input: file, flag or value. */
    badInput: 2,
    /** `adopt`: nothing matched the filters, no file was written. */
    nothingAdopted: 1,
    /** The check itself failed (a bug, or a policy that threw): no verdict. */
    internalError: 3,
    /** `adopt`: the API could not be reached, or failed, for a reason that is not the input. */
    apiUnavailable: 4,
} as const;

export class CliInputError extends Error {
    /** The file or flag at fault, e.g. "--format" or "state.json". */
    readonly subject: string;
    readonly fr: string;
    readonly en: string;

    constructor(subject: string, message: Bilingual) {
        const fr = `${subject} : ${message.fr}`;
        const en = `${subject}: ${message.en}`;
        super(bilingual({ fr, en }));
        this.name = "CliInputError";
        this.subject = subject;
        this.fr = fr;
        this.en = en;
    }
}

/** The API could not be reached or failed (exit code 4); the message says what to check. */
export class ApiUnavailableError extends Error {
    constructor(message: Bilingual) {
        super(bilingual(message));
        this.name = "ApiUnavailableError";
    }
}

/** A flag's value, trimmed and lower-cased, checked against its allowed set. */
export function parseChoice<T extends string>(value: string, flag: string, allowed: readonly T[]): T {
    const choice = value.trim().toLowerCase();
    if (!(allowed as readonly string[]).includes(choice)) {
        throw invalidChoice(flag, value, allowed);
    }
    return choice as T;
}

/** A flag value outside its allowed set. */
export function invalidChoice(flag: string, value: string, allowed: readonly string[]): CliInputError {
    return new CliInputError(flag, {
        fr: `valeur ${JSON.stringify(value)} invalide. Valeurs autorisées : ${allowed.join(", ")}.`,
        en: `invalid value ${JSON.stringify(value)}. Allowed values: ${allowed.join(", ")}.`,
    });
}
