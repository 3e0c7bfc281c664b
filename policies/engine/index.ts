// The policy engine's public API: evaluate the pack in-process, its policies' metadata, and the
// reader of `pulumi stack export` files. Importing it starts nothing (no PolicyPack, no server).
export { evaluate, packName } from "./evaluate";
export { allPolicies } from "./metadata";
export type { PolicyMetadata } from "./metadata";
export { fromStackExport } from "./stackExport";
export type { ExportedResource } from "./stackExport";
export { PolicyConfigError, resolveConfig, enforcementLevels } from "./config";
export type { EvaluateOptions, PackConfig, ResourceInput, Violation } from "./types";
export { unknownValue } from "../support/values";
