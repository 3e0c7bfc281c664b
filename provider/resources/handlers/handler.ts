// The shape every resource implementation has. Values are plain (secrets unwrapped by the
// provider); the provider wraps secret outputs again.
import { CheckFailure, DiffResult } from "@pulumi/pulumi/provider";
import { HandlerContext } from "./context";
import { Props, containsUnknown, sameSet, sameValue } from "./properties";

export interface ReadOutcome {
    /** Undefined when the object no longer exists. */
    props?: Props;
    inputs?: Props;
}

export interface ResourceHandler {
    /** Validates and completes inputs (defaults) without calling the API. */
    check(news: Props, olds: Props): { inputs: Props; failures: CheckFailure[] };
    diff(olds: Props, news: Props): DiffResult;
    create(inputs: Props, ctx: HandlerContext): Promise<{ id: string; outs: Props }>;
    read(id: string, props: Props, ctx: HandlerContext): Promise<ReadOutcome>;
    update(id: string, olds: Props, news: Props, ctx: HandlerContext): Promise<Props>;
    delete(id: string, props: Props, ctx: HandlerContext): Promise<void>;
    /** Output keys that are always secret. */
    secretOutputs?: string[];
}

export interface DiffSpec {
    /** Properties whose change needs a new object. */
    replaceOn: string[];
    /** Properties changed in place. */
    updateOn: string[];
    /** Properties compared as sets (order ignored). */
    sets?: string[];
    /** Optional inputs the API computes when absent: compared only when the program sets them. */
    computedWhenAbsent?: string[];
    /** Properties whose replacement must delete first (unique names). */
    uniqueKeys?: string[];
}

/** A diff from a table of which properties replace and which update. */
export function tableDiff(olds: Props, news: Props, spec: DiffSpec): DiffResult & { changed: string[] } {
    const changed: string[] = [];
    for (const key of [...spec.replaceOn, ...spec.updateOn]) {
        if (news[key] === undefined && spec.computedWhenAbsent?.includes(key)) {
            continue;
        }
        if (containsUnknown(news[key])) {
            changed.push(key);
            continue;
        }
        const same = spec.sets?.includes(key) ? sameSet(olds[key] ?? [], news[key] ?? []) : sameValue(olds[key], news[key]);
        if (!same) {
            changed.push(key);
        }
    }
    const replaces = changed.filter((k) => spec.replaceOn.includes(k));
    // A replacement that keeps the unique name must delete the old object first.
    const keepsUniqueName = (spec.uniqueKeys ?? []).length > 0 && (spec.uniqueKeys ?? []).every((k) => !changed.includes(k));
    return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 && keepsUniqueName, changed };
}

/** Only the listed keys of a bag. */
export function pick(props: Props, keys: readonly string[]): Props {
    return Object.fromEntries(keys.filter((k) => props[k] !== undefined).map((k) => [k, props[k]]));
}
