// The Secure Temple service catalogue: typed facts of the convention and of the real service,
// with small pure helpers. No I/O: the components and the policy pack both import it.
export * from "./errors";
export * from "./convention";
export * from "./region";
export * from "./blades";
export * from "./storage";
export * from "./sla";
export * from "./incidents";
export * from "./network";
export * from "./backup";
export * from "./addressSpace";
export * from "./exposure";
