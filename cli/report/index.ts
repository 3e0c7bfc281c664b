// The output formats of `securetemple check`, behind one function.
import { invalidChoice } from "../errors";
import { Lang } from "../language";
import { formatJson } from "./json";
import { formatJunit } from "./junit";
import { CheckReport } from "./model";
import { formatSarif } from "./sarif";
import { formatText } from "./text";

export * from "./model";
export { formatJson, toJsonReport } from "./json";
export { formatJunit } from "./junit";
export { formatSarif, toSarif } from "./sarif";
export { formatText } from "./text";

export const reportFormats = ["text", "json", "sarif", "junit"] as const;
export type ReportFormat = (typeof reportFormats)[number];

export function parseFormat(value: string, flag = "--format"): ReportFormat {
    const format = value.trim().toLowerCase();
    if (!(reportFormats as readonly string[]).includes(format)) {
        throw invalidChoice(flag, value, reportFormats);
    }
    return format as ReportFormat;
}

export function formatReport(report: CheckReport, format: ReportFormat, lang: Lang): string {
    switch (format) {
        case "text":
            return formatText(report, lang);
        case "json":
            return formatJson(report);
        case "sarif":
            return formatSarif(report, lang);
        case "junit":
            return formatJunit(report, lang);
    }
}
