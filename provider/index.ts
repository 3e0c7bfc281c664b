// The public entry of @securetemple/pulumi: the SDK of the native provider (resource classes,
// Provider, lookup functions, shapes and type tokens), the service catalogue and the
// components that encode the convention; and the same classes under the modules Pulumi's code
// generators name (compute.VirtualMachine, objectstorage.Bucket...), for generated code.
export * from "./resources";
export * from "./catalog";
export * from "./components";
export * from "./modules";
