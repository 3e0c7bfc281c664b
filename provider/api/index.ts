// The Secure Temple API client: transport, budget, retries, activities, and the typed calls.
export * from "./http";
export * from "./errors";
export * from "./backoff";
export * from "./budget";
export * from "./slotLedger";
export * from "./auth";
export * from "./client";
export * as compute from "./compute";
export * as backup from "./backup";
export * as objectStorage from "./objectStorage";
export * as iam from "./iam";
export * from "./adoption";
export * from "./activityTiming";
