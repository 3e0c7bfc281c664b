// The components served by the provider (`Construct`), so that a Python, Go or YAML program gets
// the same components as a TypeScript one: the same classes build them, in the plugin process,
// with the same validation and the same bilingual errors before any API call.
//
// Why `construct` on our own provider rather than @pulumi/pulumi's experimental component host
// (provider/experimental): that host is a provider of its own, so the components would need a
// second plugin beside the one serving the custom resources; it infers the schema from the
// TypeScript sources, which cannot say what the declarations say (bilingual descriptions,
// convention sections, plain inputs, references to our resources), and it does not accept union
// types or classes with methods as inputs, which the components' API has (e.g. "on" | "off",
// Cluster with its RAM bookkeeping). Here the schema comes from provider/schema like the rest of
// the package, and the classes are used as they are.
import * as pulumi from "@pulumi/pulumi";
import type * as provider from "@pulumi/pulumi/provider";
import { bilingual } from "../catalog/errors";
import { componentDecls } from "../schema/components";
import type { ComponentDecl } from "../schema/types";
import { Bucket, NetworkAdapter, StorageAccount, VirtualDisk, VirtualMachine } from "../resources";
import { componentTokens, packageName } from "../resources/tokens";
import { BackupPolicy } from "./backupPolicy";
import { BackupVault } from "./backupVault";
import { Cluster } from "./cluster";
import { Lun } from "./lun";
import { SecurityGroup } from "./securityGroup";
import { Tenant } from "./tenant";
import { Workload } from "./workload";

type ComponentClass = new (name: string, args: never, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;

/** The class of each component token. */
export const componentClasses: Record<string, ComponentClass> = {
    [componentTokens.tenant]: Tenant,
    [componentTokens.cluster]: Cluster,
    [componentTokens.lun]: Lun,
    [componentTokens.backupPolicy]: BackupPolicy,
    [componentTokens.workload]: Workload,
    [componentTokens.securityGroup]: SecurityGroup,
    [componentTokens.backupVault]: BackupVault,
};

/** Each component token with its declaration and its class. */
const served: Record<string, { decl: ComponentDecl; Class: ComponentClass }> = Object.fromEntries(
    componentDecls.map((decl) => [decl.token, { decl, Class: componentClasses[decl.token] }]),
);

/** The component types this provider builds. */
export const constructedTypes = Object.keys(served);

/**
 * Components built in this plugin process, by URN. A program's components all reach the same
 * provider process, so a reference to one (a Workload's `clusters`, `tenant`...) is the object
 * itself: its validated properties and its RAM and space reservations, shared between the
 * workloads of the program as in TypeScript.
 */
const built = new Map<string, pulumi.ComponentResource>();

/** A reference to a component this process did not build: reported by name rather than used. */
class ForeignReference extends pulumi.DependencyResource {
    constructor(readonly referencedUrn: string) {
        super(referencedUrn);
    }
}

/**
 * What a resource reference in the inputs becomes: the live component, a custom resource of this
 * package by URN, or a ForeignReference.
 */
function rehydrate(name: string, type: string, urn: string): pulumi.Resource {
    const component = built.get(urn);
    if (component) {
        return component;
    }
    const customClasses = [VirtualMachine, VirtualDisk, NetworkAdapter, Bucket, StorageAccount];
    const Custom = customClasses.find((c) => c.__pulumiType === type);
    return Custom ? new Custom(name, undefined, { urn }) : new ForeignReference(urn);
}

// Deserialized references of every module of the package go through `rehydrate`.
for (const module of new Set(
    [...componentDecls.map((d) => d.token), "securetemple:compute:VirtualMachine", "securetemple:objectstorage:Bucket"].map(
        (t) => t.split(":")[1],
    ),
)) {
    pulumi.runtime.registerResourceModule(packageName, module, { construct: rehydrate });
}

const unknownAtConstruction = (path: string) =>
    bilingual({
        fr: `« ${path} » doit être connu à la construction du composant (une valeur, pas une sortie d'une autre ressource encore inconnue)`,
        en: `"${path}" must be known when the component is built (a value, not an output of another resource not known yet)`,
    });

/**
 * Whether an Output is known, and its value. The flag and the promise are the Output's own (the
 * same the SDK's serializer reads); they are not in its public type.
 */
async function settle(output: pulumi.Output<unknown>): Promise<{ known: boolean; value: unknown }> {
    const inner = output as unknown as { isKnown: Promise<boolean>; promise(): Promise<unknown> };
    return { known: await inner.isKnown, value: await inner.promise() };
}

/** An input as the class takes it: Outputs resolved (they must be known), references kept. */
async function plainValue(value: unknown, path: string): Promise<unknown> {
    if (pulumi.Output.isInstance(value)) {
        // A plain input of a component cannot wait for a value.
        const { known, value: resolved } = await settle(value);
        if (!known) {
            throw new pulumi.InputPropertyError({ propertyPath: path, reason: unknownAtConstruction(path) });
        }
        return plainValue(resolved, path);
    }
    if (value instanceof ForeignReference) {
        throw new pulumi.InputPropertyError({
            propertyPath: path,
            reason: bilingual({
                fr: `« ${path} » désigne ${value.referencedUrn}, qui n'a pas été construit par ce fournisseur dans ce programme ; passez un composant du même programme, avec le même fournisseur`,
                en: `"${path}" names ${value.referencedUrn}, which was not built by this provider in this program; pass a component of the same program, with the same provider`,
            }),
        });
    }
    if (pulumi.Resource.isInstance(value)) {
        return value;
    }
    if (Array.isArray(value)) {
        return Promise.all(value.map((item, i) => plainValue(item, `${path}[${i}]`)));
    }
    if (value && typeof value === "object") {
        const entries = await Promise.all(
            Object.entries(value).map(async ([key, item]) => [key, await plainValue(item, `${path}.${key}`)] as const),
        );
        return Object.fromEntries(entries.filter(([, item]) => item !== undefined));
    }
    return value;
}

/** Builds the component `type` named `name` for the engine, as the TypeScript class does in a TypeScript program. */
export async function constructComponent(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
): Promise<provider.ConstructResult> {
    const entry = served[type];
    if (!entry) {
        throw new Error(
            bilingual({
                fr: `composant inconnu ${type} ; composants connus : ${constructedTypes.join(", ")}`,
                en: `unknown component ${type}; known components: ${constructedTypes.join(", ")}`,
            }),
        );
    }
    const args: Record<string, unknown> = {};
    for (const key of Object.keys(entry.decl.inputs)) {
        const value = await plainValue(inputs[key], key);
        if (value !== undefined && value !== null) {
            args[key] = value;
        }
    }
    const component = new entry.Class(name, args as never, options);
    const { value: urn } = await settle(component.urn);
    built.set(String(urn), component);
    const fields = component as unknown as Record<string, unknown>;
    const state: pulumi.Inputs = {};
    for (const key of Object.keys(entry.decl.outputs)) {
        state[key] = fields[key];
    }
    return { urn: component.urn, state };
}
