// The SDK classes and functions, made from the declarations (provider/schema): a class's input
// and output types, the properties it registers, its secret outputs and its type token all come
// from the one declaration, so the SDK cannot list a property the provider does not know.
import * as pulumi from "@pulumi/pulumi";
import { bilingual } from "../../catalog/errors";
import { propertyNames, secretNames } from "../../schema/index";
import type { EnumDecl, FunctionArgsOf, FunctionDecl, FunctionResultOf, InputKeys, RequiredKeys, ResourceDecl, Simplify, StateOf, ValueOf } from "../../schema/types";
import { sdkVersion } from "../version";
import { propertyBag } from "./inputs";
import { lookupFailure } from "./lookupErrors";

/** A value as a program may give it: any part may be a promise or an Output. */
export type SdkValue<T> = T extends { type: "array"; items: infer I }
    ? pulumi.Input<SdkValue<I>>[]
    : T extends { type: "map"; values: infer I }
      ? Record<string, pulumi.Input<SdkValue<I>>>
      : T extends { type: "object"; object: { properties: infer P } }
        ? SdkObject<P>
        : ValueOf<T>;

/** Optional properties accept an Output that may resolve to undefined (e.g. a computed optional value). */
export type SdkObject<P> = Simplify<
    { [K in RequiredKeys<P>]: pulumi.Input<SdkValue<P[K]>> } & { [K in Exclude<keyof P, RequiredKeys<P>>]?: pulumi.Input<SdkValue<P[K]> | undefined> }
>;

/** The arguments of a resource's SDK class. */
export type SdkInputs<D extends ResourceDecl> = SdkObject<Pick<D["properties"], InputKeys<D["properties"]>>>;

/** The outputs of a resource's SDK class, each an Output (undefined where the state may lack it). */
export type SdkOutputs<D extends ResourceDecl> = { readonly [K in keyof D["properties"]]-?: pulumi.Output<K extends keyof StateOf<D> ? StateOf<D>[K] : never> };

export type DeclaredResource<D extends ResourceDecl> = pulumi.CustomResource & SdkOutputs<D>;

export interface DeclaredResourceClass<D extends ResourceDecl> {
    new (name: string, args: SdkInputs<D> | undefined, opts?: pulumi.CustomResourceOptions): DeclaredResource<D>;
    readonly __pulumiType: D["token"];
    isInstance(obj: unknown): obj is DeclaredResource<D>;
    /** An existing object by id, read without managing it. */
    get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): DeclaredResource<D>;
}

/** The SDK class of a declared resource; `className` names it in errors and stack traces. */
export function declaredResource<D extends ResourceDecl>(decl: D, className: string): DeclaredResourceClass<D> {
    const names = propertyNames(decl);
    // Saying which outputs are secret here keeps them secret even in a preview.
    const secretOutputs = secretNames(decl).filter((key) => decl.properties[key].output);
    const defaults: pulumi.CustomResourceOptions = { version: sdkVersion, ...(secretOutputs.length > 0 ? { additionalSecretOutputs: secretOutputs } : {}) };
    const Declared = class extends pulumi.CustomResource {
        static readonly __pulumiType = decl.token;

        static isInstance(obj: unknown): obj is pulumi.CustomResource {
            return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === decl.token;
        }

        static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions) {
            return new Declared(name, undefined, { ...opts, id });
        }

        constructor(name: string, args: object | undefined, opts?: pulumi.CustomResourceOptions) {
            // A class rebuilt from a reference (by URN) or read by id needs no arguments.
            if (!opts?.id && !opts?.urn && !args) {
                throw new Error(bilingual({ fr: `${className} « ${name} » : les arguments sont obligatoires`, en: `${className} "${name}": args are required` }));
            }
            // Every declared property is registered, so that the outputs exist even when not given.
            super(decl.token, name, propertyBag(opts?.id || opts?.urn ? undefined : args, names), pulumi.mergeOptions(defaults, opts));
        }
    };
    Object.defineProperty(Declared, "name", { value: className });
    return Declared as unknown as DeclaredResourceClass<D>;
}

/** The members of an enum as every SDK names them ("on" -> On); see enumMemberName in schema.ts. */
export type EnumObject<E extends EnumDecl> = { readonly [V in E["values"][number] as Capitalize<V>]: V };

export function enumObject<E extends EnumDecl>(decl: E): EnumObject<E> {
    return Object.freeze(Object.fromEntries(decl.values.map((value) => [value.charAt(0).toUpperCase() + value.slice(1), value]))) as EnumObject<E>;
}

/** The arguments of a function as a program may give them to its Output form. */
export type SdkFunctionArgs<F extends FunctionDecl> = SdkObject<F["inputs"]>;

/**
 * A function's Promise form and Output form (for arguments that are Outputs, and to chain without
 * `apply`). Both fail with a pulumi.RunError holding the provider's bilingual sentence (see
 * lookupErrors.ts), so a failed lookup ends the program with a message, not a stack.
 */
export function declaredFunction<F extends FunctionDecl>(decl: F) {
    const versioned = <O extends pulumi.InvokeOptions | pulumi.InvokeOutputOptions>(opts: O | undefined): O => ({ version: sdkVersion, ...opts }) as O;
    const invoked = (args: FunctionArgsOf<F>, opts?: pulumi.InvokeOptions): Promise<unknown> =>
        pulumi.runtime.invoke(decl.token, args as pulumi.Inputs, versioned(opts)).catch((e: unknown) => {
            throw lookupFailure(decl.token, e);
        });
    const promise = invoked as (args: FunctionArgsOf<F>, opts?: pulumi.InvokeOptions) => Promise<FunctionResultOf<F>>;
    return {
        promise,
        output: (args: SdkFunctionArgs<F>, opts?: pulumi.InvokeOutputOptions): pulumi.Output<FunctionResultOf<F>> => {
            if (opts?.dependsOn !== undefined) {
                // The SDK's own Output form is the one that waits for `dependsOn`; its errors keep the SDK's form.
                return pulumi.runtime.invokeOutput<FunctionResultOf<F>>(decl.token, args as pulumi.Inputs, versioned(opts));
            }
            // An Output's failure cannot be rewritten, so the Output form waits for its arguments
            // (unknown ones leave the result unknown, as the SDK's does) and calls the Promise form.
            // No lookup returns a secret; secret arguments keep the result secret.
            const resolvedArgs = (pulumi.output as (value: unknown) => pulumi.Output<pulumi.Inputs>)(args);
            return resolvedArgs.apply((plain) => invoked(plain as FunctionArgsOf<F>, opts)) as pulumi.Output<FunctionResultOf<F>>;
        },
    };
}
