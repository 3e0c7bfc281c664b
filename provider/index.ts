// The public entry of @securetemple/pulumi: the SDK of the native provider (resource classes,
// Provider, lookup functions, shapes and type tokens), the service catalogue and the
// components that encode the convention.
export * from "./resources";
export * from "./catalog";
export * from "./components";
