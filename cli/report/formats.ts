// The output formats of `securetemple check`, behind one function. Each formatter is loaded only
// when its format is asked for: JUnit's XML builder and SARIF's hashing are not needed to print text,
// and a command that loads nothing it does not use starts at once.
import { parseChoice } from "../errors";
import type { Lang } from "../language";
import type { CheckReport } from "./model";

export const reportFormats = ["text", "json", "sarif", "junit"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export function parseFormat(value: string, flag = "--format"): ReportFormat {
    return parseChoice(value, flag, reportFormats);
}

export async function formatReport(report: CheckReport, format: ReportFormat, lang: Lang): Promise<string> {
    switch (format) {
        case "text":
            return (await import("./text")).formatText(report, lang);
        case "json":
            return (await import("./json")).formatJson(report);
        case "sarif":
            return (await import("./sarif")).formatSarif(report, lang);
        case "junit":
            return (await import("./junit")).formatJunit(report, lang);
    }
}
