// The shape every resource implementation has: its declaration (provider/schema), the checks the
// declaration cannot express, and the operations, each typed from the declaration. Values are
// plain (secrets unwrapped by the provider); the provider wraps secret outputs again.
import type { Bilingual } from "../../catalog/errors";
import { DeclaredDiff, declaredDiff } from "../../schema/diff";
import { inputNames } from "../../schema/index";
import type { CheckedOf, ResourceDecl, StateOf } from "../../schema/types";
import { Failure, Failures, checkProperties, withDefaults } from "../../schema/validate";
import { HandlerContext } from "./context";
import type { CheckLookups } from "./lookups";
import { Props } from "./properties";

export interface ReadOutcome<D extends ResourceDecl> {
    /** Undefined when the object no longer exists. */
    props?: StateOf<D>;
    inputs?: Props;
}

/** What a rule of `check` sees: the properties that passed the declared checks and are fully known. */
export type KnownInputs<D extends ResourceDecl> = Partial<CheckedOf<D>>;

export interface ResourceHandler<D extends ResourceDecl> {
    readonly declaration: D;
    /**
     * Checks across properties that the declaration cannot express, without calling the API.
     * (A check that needs the API, e.g. what a backup policy id is, belongs next to this as an
     * async step that SecureTempleProvider.check runs once these pass, with its client.)
     * `known` holds only valid, known values, so a value that already failed is never reported
     * twice; `news` is the whole bag (unknown values at preview included).
     */
    rules?(known: KnownInputs<D>, fail: (property: string, message: Bilingual) => void, news: Props): void;
    /**
     * Checks that need the API, run by SecureTempleProvider.check after the declared checks and
     * `rules`, only when the provider is configured: what an id names (a backup policy, a host
     * cluster, a guest OS), asked through `lookups`, which answers each distinct id once per
     * provider process. `known` holds only valid, known values; a lookup that found nothing
     * certain ("unavailable") leaves the check to the create.
     */
    checkWithApi?(
        known: KnownInputs<D>,
        fail: (property: string, message: Bilingual) => void,
        lookups: CheckLookups,
        news: Props,
    ): Promise<void>;
    /** Adjusts the declared diff where a change's effect depends on the values (e.g. a shrinking disk). */
    adjustDiff?(diff: DeclaredDiff, olds: Props, news: Props): DeclaredDiff;
    create(inputs: CheckedOf<D>, ctx: HandlerContext): Promise<{ id: string; outs: StateOf<D> }>;
    /** `props` is empty for an import (`pulumi import` reads by id alone). */
    read(id: string, props: Partial<StateOf<D>>, ctx: HandlerContext): Promise<ReadOutcome<D>>;
    update(id: string, olds: StateOf<D>, news: CheckedOf<D>, ctx: HandlerContext): Promise<StateOf<D>>;
    delete(id: string, props: StateOf<D>, ctx: HandlerContext): Promise<void>;
}

/**
 * A handler as the provider dispatches to it, by type token, with property bags. The engine gives
 * create and update the inputs `check` returned, and read, update and delete the state the
 * handler returned: that is what makes the handler's typed view of them true.
 */
export interface AnyHandler {
    readonly declaration: ResourceDecl;
    rules?(known: Props, fail: (property: string, message: Bilingual) => void, news: Props): void;
    checkWithApi?(known: Props, fail: (property: string, message: Bilingual) => void, lookups: CheckLookups, news: Props): Promise<void>;
    adjustDiff?(diff: DeclaredDiff, olds: Props, news: Props): DeclaredDiff;
    create(inputs: Props, ctx: HandlerContext): Promise<{ id: string; outs: Props }>;
    read(id: string, props: Props, ctx: HandlerContext): Promise<{ props?: Props; inputs?: Props }>;
    update(id: string, olds: Props, news: Props, ctx: HandlerContext): Promise<Props>;
    delete(id: string, props: Props, ctx: HandlerContext): Promise<void>;
}

/** The handler seen through property bags (see AnyHandler for why its types hold). */
export function dispatched<D extends ResourceDecl>(handler: ResourceHandler<D>): AnyHandler {
    return handler as unknown as AnyHandler;
}

/** `check`: the declared defaults filled in, the declared shape checks, then the handler's rules. */
export function checkInputs(handler: AnyHandler, news: Props): { inputs: Props; failures: Failure[] } {
    const { inputs, failures } = checkInputsWith(handler, news);
    return { inputs, failures: failures.list };
}

function checkInputsWith(handler: AnyHandler, news: Props): { inputs: Props; failures: Failures; known: Props } {
    const inputs = withDefaults(handler.declaration.properties, news);
    const failures = new Failures();
    const { known } = checkProperties(handler.declaration.properties, inputs, failures);
    handler.rules?.(known, (property, message) => failures.fail(property, message), inputs);
    return { inputs, failures, known };
}

/**
 * `check` with the API: checkInputs, then the handler's checks that need lookups, on the values
 * that are valid and known (none when `lookups` is undefined: the provider is not configured).
 */
export async function checkInputsWithApi(
    handler: AnyHandler,
    news: Props,
    lookups: CheckLookups | undefined,
): Promise<{ inputs: Props; failures: Failure[] }> {
    const { inputs, failures, known } = checkInputsWith(handler, news);
    if (lookups && handler.checkWithApi) {
        // A value that already failed is not looked up: it is reported once.
        const valid = Object.fromEntries(Object.entries(known).filter(([key]) => !failures.failed(key)));
        await handler.checkWithApi(valid, (property, message) => failures.fail(property, message), lookups, inputs);
    }
    return { inputs, failures: failures.list };
}

/** `diff`: the declared diff, adjusted by the handler. */
export function diffInputs(handler: AnyHandler, olds: Props, news: Props): DeclaredDiff {
    const diff = declaredDiff(handler.declaration, olds, news);
    return handler.adjustDiff ? handler.adjustDiff(diff, olds, news) : diff;
}

/** The input properties of a state, as `read` reports them (what `pulumi import` writes as code). */
export function inputsOf(decl: ResourceDecl, state: object, leaveOut: readonly string[] = []): Props {
    const values = state as Props;
    return Object.fromEntries(
        inputNames(decl)
            .filter((k) => values[k] !== undefined && !leaveOut.includes(k))
            .map((k) => [k, values[k]]),
    );
}

/** The value if it is one of `allowed`, else undefined: what the API sends is a string, not our enum. */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
    return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}
