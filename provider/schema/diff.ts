// The provider's diff, read from the declarations: which input properties changed, and whether
// that needs a new object (replaceOnChange) or an update in place.
import { DiffResult } from "@pulumi/pulumi/provider";
import { containsUnknown, sameSet, sameValue } from "../resources/handlers/properties";
import type { PropertyDecl, ResourceDecl } from "./types";

export type DeclaredDiff = DiffResult & { changed: string[]; replaces: string[] };

/**
 * The diff of `news` against `olds` for the input properties of `decl`: lists declared as sets
 * ignore order, optional inputs the API computes are compared only when the program sets them,
 * and a value unknown at preview counts as a change. A replacement that keeps every unique
 * property (e.g. the name) must delete the old object first.
 */
export function declaredDiff(decl: ResourceDecl, olds: Record<string, unknown>, news: Record<string, unknown>): DeclaredDiff {
    const changed: string[] = [];
    const inputs = (Object.entries(decl.properties) as [string, PropertyDecl][]).filter(([, p]) => !p.output);
    for (const [key, property] of inputs) {
        if (news[key] === undefined && property.computed) {
            continue;
        }
        if (containsUnknown(news[key])) {
            changed.push(key);
            continue;
        }
        const set = property.type === "array" && property.set;
        if (!(set ? sameSet(olds[key] ?? [], news[key] ?? []) : sameValue(olds[key], news[key]))) {
            changed.push(key);
        }
    }
    const replaces = changed.filter((key) => decl.properties[key].replaceOnChange);
    const unique = inputs.filter(([, p]) => p.unique).map(([key]) => key);
    const keepsUniqueName = unique.length > 0 && unique.every((key) => !changed.includes(key));
    return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && keepsUniqueName, changed };
}
