// Input types of the SDK classes: each property of an args.ts shape may be a value, a promise or
// an Output; list members may be too.
import * as pulumi from "@pulumi/pulumi";

// Optional properties accept an Output that may resolve to undefined (e.g. a computed optional value).
type InputValue<V> = NonNullable<V> extends (infer U)[] ? pulumi.Input<pulumi.Input<U>[] | Extract<V, undefined>> : pulumi.Input<V>;

export type InputsOf<T> = { [K in keyof T]: InputValue<T[K]> };

/** The registered property bag: given inputs, plus every output key the engine fills. */
export function propertyBag(args: object | undefined, outputKeys: readonly string[]): pulumi.Inputs {
    const bag: pulumi.Inputs = { ...(args ?? {}) };
    for (const key of outputKeys) {
        if (!(key in bag)) {
            bag[key] = undefined;
        }
    }
    return bag;
}
