// Every declaration of the package, by kind: what the schema, the provider and the SDK read.
import { componentDecls } from "./components";
import { networkAdapter, virtualDisk, virtualMachine } from "./compute";
import { functionDecls } from "./functions";
import { bucket, storageAccount } from "./objectStorage";
import type { PropertyDecl, ResourceDecl } from "./types";

export * from "./types";
export { providerConfig } from "./config";
export { componentDecls, functionDecls };
export { virtualMachine, virtualDisk, networkAdapter, bucket, storageAccount };

/** The custom resources, in the order the schema lists them. */
export const resourceDecls = [virtualMachine, virtualDisk, networkAdapter, bucket, storageAccount] as const;

/** The input property names of a resource (what a program sets; outputs left out). */
export function inputNames(decl: ResourceDecl): string[] {
    return (Object.entries(decl.properties) as [string, PropertyDecl][]).filter(([, p]) => !p.output).map(([key]) => key);
}

/** The property names of a resource (inputs and outputs), as the SDK registers them. */
export function propertyNames(decl: ResourceDecl): string[] {
    return Object.keys(decl.properties);
}

/** The properties of a resource that are secrets. */
export function secretNames(decl: { properties: Readonly<Record<string, PropertyDecl>> }): string[] {
    return (Object.entries(decl.properties) as [string, PropertyDecl][]).filter(([, p]) => p.secret).map(([key]) => key);
}
