// Report languages. Every message of the kit reads "FR … / EN …" (provider/catalog bilingual());
// a report in one language keeps only that half, and leaves any other text as it is.
import type { Bilingual } from "../provider/catalog";
import { parseChoice } from "./errors";

export const languages = ["fr", "en"] as const;
export type Lang = (typeof languages)[number];

export function parseLang(value: string, flag = "--lang"): Lang {
    return parseChoice(value, flag, languages);
}

export function say(text: Bilingual, lang: Lang): string {
    return text[lang];
}

const bilingualLine = /^FR (.*?) \/ EN (.*)$/s;

/** One language of a bilingual "FR … / EN …" text, line by line; other lines are kept whole. */
export function pickLanguage(text: string, lang: Lang): string {
    return text
        .split("\n")
        .map((line) => {
            const match = bilingualLine.exec(line.trim());
            return match ? (lang === "fr" ? match[1] : match[2]).trim() : line;
        })
        .join("\n");
}
