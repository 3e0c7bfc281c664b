// The property bag an SDK class registers.
import * as pulumi from "@pulumi/pulumi";

/** The registered property bag: given inputs, plus every declared key the engine fills as an output. */
export function propertyBag(args: object | undefined, keys: readonly string[]): pulumi.Inputs {
    const bag: pulumi.Inputs = { ...(args ?? {}) };
    for (const key of keys) {
        if (!(key in bag)) {
            bag[key] = undefined;
        }
    }
    return bag;
}
