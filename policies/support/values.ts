// Unknown-safe reading of resource properties. During a preview, values computed from resources
// that do not exist yet arrive as sentinel strings, and @pulumi/policy wraps the properties in a
// proxy that throws on reading one. A policy that throws is skipped for the whole resource (or
// the whole stack), so the policies read through these helpers instead: they unwrap the proxy and
// turn every sentinel into the `UNKNOWN` marker, which each check treats as "cannot decide, do not
// report".
import * as proxyModule from "@pulumi/policy/proxy";

/** The marker the helpers return for a value that is not known during a preview. */
export const UNKNOWN: unique symbol = Symbol("securetemple.unknown");
export type Unknown = typeof UNKNOWN;

// The sentinels and the proxy keys are exported by the library's JavaScript but stripped from its
// type declarations (`@internal`), hence the narrow cast.
interface ProxyInternals {
    isSpecialProxy: string;
    getSpecialProxyTarget: string;
    unknownBooleanValue: string;
    unknownNumberValue: string;
    unknownStringValue: string;
    unknownArrayValue: string;
    unknownAssetValue: string;
    unknownArchiveValue: string;
    unknownObjectValue: string;
    unknownCheckingProxy<T>(props: T): T;
    UnknownValueError: new (...args: never[]) => Error;
}
const internals = proxyModule as unknown as ProxyInternals;

/** @pulumi/policy's own proxy and error, re-exported with types (the library strips them from its declarations). */
export const unknownCheckingProxy: <T>(props: T) => T = internals.unknownCheckingProxy;
export const UnknownValueError: new (...args: never[]) => Error = internals.UnknownValueError;

const sentinels = new Set<unknown>([
    internals.unknownBooleanValue,
    internals.unknownNumberValue,
    internals.unknownStringValue,
    internals.unknownArrayValue,
    internals.unknownAssetValue,
    internals.unknownArchiveValue,
    internals.unknownObjectValue,
]);

/** True for a value the engine could not compute yet (a preview sentinel). */
export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && sentinels.has(value);
}

/** The sentinel the engine sends for an unknown value; used by tests and fixtures. */
export const unknownValue: string = internals.unknownStringValue;

/** The object behind @pulumi/policy's unknown-checking proxy, or the value itself. */
export function unwrap<T>(value: T): T {
    if (value !== null && typeof value === "object") {
        const target = (value as Record<string, unknown>)[internals.getSpecialProxyTarget];
        if (target !== undefined && target !== null && typeof target === "object") {
            return target as T;
        }
    }
    return value;
}

export type Props = Record<string, unknown>;

/** Where the in-process engine keeps a resource's properties without the proxy (see observed.ts). */
export const rawProps: unique symbol = Symbol("securetemple.rawProps");

// A property bag that is itself unknown: every property reads as unknown.
const unknownProps: Props = new Proxy({}, { get: (_target, key) => (typeof key === "string" ? internals.unknownObjectValue : undefined) });

/** The plain property bag of a resource (proxy removed); an unknown bag reads unknown everywhere. */
export function plain(props: unknown): Props {
    const raw = unwrap(props);
    if (isUnknownSentinel(raw)) {
        return unknownProps;
    }
    return raw !== null && typeof raw === "object" ? (raw as Props) : {};
}

// Serialised state and engine events mark a secret as {<sig key>: <secret sig>, ...}; the policy
// server unwraps secrets, but the engine's other callers (state exports, event logs) may pass them
// through. A secret is then as good as unknown: never decided on, never printed.
const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

function isSecretEnvelope(value: unknown): boolean {
    return value !== null && typeof value === "object" && (value as Props)[sigKey] === secretSig;
}

/** A property value: UNKNOWN for a sentinel or a secret envelope, undefined when absent or null. */
export function read(obj: unknown, key: string): unknown {
    const o = unwrap(obj);
    if (o === null || typeof o !== "object") {
        return isUnknownSentinel(o) ? UNKNOWN : undefined;
    }
    if (isSecretEnvelope(o)) {
        return UNKNOWN;
    }
    const v = unwrap((o as Props)[key]);
    if (isUnknownSentinel(v) || isSecretEnvelope(v)) {
        return UNKNOWN;
    }
    return v === null ? undefined : v;
}

export function readString(obj: unknown, key: string): string | Unknown | undefined {
    const v = read(obj, key);
    if (v === UNKNOWN || typeof v === "string") {
        return v;
    }
    return v === undefined ? undefined : String(v);
}

export function readNumber(obj: unknown, key: string): number | Unknown | undefined {
    const v = read(obj, key);
    if (v === UNKNOWN || typeof v === "number") {
        return v;
    }
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) {
        return Number(v);
    }
    return undefined;
}

export function readBoolean(obj: unknown, key: string): boolean | Unknown | undefined {
    const v = read(obj, key);
    if (v === UNKNOWN || typeof v === "boolean") {
        return v;
    }
    return v === "true" ? true : v === "false" ? false : undefined;
}

/** An array property; its elements may themselves be UNKNOWN. UNKNOWN when the whole list is. Read-only. */
export function readArray(obj: unknown, key: string): readonly unknown[] | Unknown | undefined {
    const v = read(obj, key);
    if (v === UNKNOWN) {
        return UNKNOWN;
    }
    if (!Array.isArray(v)) {
        return undefined;
    }
    // Most lists hold plain values only: they are returned as they are, without a copy.
    const same = (e: unknown) => (typeof e !== "object" ? !isUnknownSentinel(e) : e === null || (unwrap(e) === e && !isSecretEnvelope(e)));
    if (v.every(same)) {
        return v;
    }
    return v.map((e) => {
        const u = unwrap(e);
        return isUnknownSentinel(u) || isSecretEnvelope(u) ? UNKNOWN : u;
    });
}

/** An array of strings; non-string elements are dropped, unknown elements kept as UNKNOWN. Read-only. */
export function readStrings(obj: unknown, key: string): readonly (string | Unknown)[] | Unknown | undefined {
    const arr = readArray(obj, key);
    if (arr === UNKNOWN || arr === undefined) {
        return arr;
    }
    if (arr.every((e) => typeof e === "string")) {
        return arr as readonly string[];
    }
    const out: (string | Unknown)[] = [];
    for (const e of arr) {
        if (e === UNKNOWN || typeof e === "string") {
            out.push(e);
        }
    }
    return out;
}

/** An object property (map or nested block). */
export function readObject(obj: unknown, key: string): Props | Unknown | undefined {
    const v = read(obj, key);
    if (v === UNKNOWN) {
        return UNKNOWN;
    }
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Props) : undefined;
}

/** The elements that are not UNKNOWN. */
export function knownOnly<T>(values: readonly (T | Unknown)[]): T[] {
    return values.filter((v): v is T => v !== UNKNOWN);
}

export function isKnown<T>(value: T | Unknown | undefined): value is T {
    return value !== UNKNOWN && value !== undefined;
}

/** A non-blank known string. */
export function isText(value: unknown): value is string {
    return typeof value === "string" && value.trim() !== "";
}
