// The report model and every output format, for callers that want them all at hand (tests, library
// users); the command itself goes through formats.ts, which loads only the format it prints.
export * from "./model";
export { formatJson, toJsonReport } from "./json";
export { formatJunit } from "./junit";
export { formatSarif, toSarif } from "./sarif";
export { formatText } from "./text";
export { formatReport, parseFormat, reportFormats } from "./formats";
export type { ReportFormat } from "./formats";
