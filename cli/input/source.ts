// Reading the file a command was given (or standard input for "-") and parsing it as JSON, with
// errors that name the file.
import * as fs from "fs";
import { CliInputError } from "../errors";

/** Where commands read standard input from; tests pass their own. */
export type StdinReader = () => Promise<string>;

export async function readProcessStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) {
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    }
    return Buffer.concat(chunks).toString("utf8");
}

/** The text of `path`, or of standard input when `path` is "-". */
export async function readSource(path: string, readStdin: StdinReader = readProcessStdin): Promise<string> {
    if (path === "-") {
        return readStdin();
    }
    try {
        return await fs.promises.readFile(path, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT") {
            throw new CliInputError(path, { fr: "fichier introuvable.", en: "file not found." });
        }
        if (code === "EISDIR") {
            throw new CliInputError(path, { fr: "c'est un dossier, pas un fichier.", en: "this is a folder, not a file." });
        }
        throw new CliInputError(path, { fr: `lecture impossible (${code ?? String(e)}).`, en: `cannot be read (${code ?? String(e)}).` });
    }
}

/**
 * What a JSON input should hold, in both languages; `feminine` says whether the French noun is,
 * since "est attendu" agrees with it ("la sortie … est attendue").
 */
export interface ExpectedInput {
    fr: string;
    en: string;
    feminine: boolean;
}

export function parseJson(text: string, subject: string, what: ExpectedInput): unknown {
    const expected = what.feminine ? "attendue" : "attendu";
    if (text.trim() === "") {
        throw new CliInputError(subject, { fr: `vide ; ${what.fr} est ${expected}.`, en: `empty; ${what.en} is expected.` });
    }
    try {
        return JSON.parse(text) as unknown;
    } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        throw new CliInputError(subject, {
            fr: `JSON invalide (${detail}) ; ${what.fr} est ${expected}.`,
            en: `invalid JSON (${detail}); ${what.en} is expected.`,
        });
    }
}

export function sourceLabel(path: string): string {
    return path === "-" ? "<stdin>" : path;
}
