// Property bags as the engine sends them to a provider that accepts secrets: secret values are
// wrapped in a signature object, values unknown during a preview are a sentinel string. The
// handlers work on plain values; these helpers unwrap inputs and wrap secret outputs again.

/** Signature key and values of the Pulumi property protocol (see @pulumi/pulumi runtime/rpc). */
const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const outputSig = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Props = Record<string, unknown>;

export function isUnknown(value: unknown): boolean {
    return value === unknownValue;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (value && typeof value === "object") {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

function unwrapValue(value: unknown, onSecret: () => void): unknown {
    if (Array.isArray(value)) {
        return value.map((v) => unwrapValue(v, onSecret));
    }
    if (value && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[sigKey] === secretSig) {
            onSecret();
            return unwrapValue(obj.value, onSecret);
        }
        if (obj[sigKey] === outputSig) {
            if (obj.secret) {
                onSecret();
            }
            return "value" in obj ? unwrapValue(obj.value, onSecret) : unknownValue;
        }
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, unwrapValue(v, onSecret)]));
    }
    return value;
}

/** Plain values, and the names of the top-level properties that held a secret anywhere inside. */
export function unwrap(props: Props | undefined): { values: Props; secretKeys: Set<string> } {
    const secretKeys = new Set<string>();
    const values: Props = {};
    for (const [key, value] of Object.entries(props ?? {})) {
        values[key] = unwrapValue(value, () => secretKeys.add(key));
    }
    return { values, secretKeys };
}

export function secret(value: unknown): unknown {
    return { [sigKey]: secretSig, value };
}

/** Output bag: undefined dropped (protobuf cannot carry it), listed keys wrapped as secrets. */
export function wrapOutputs(values: Props, secretKeys: Iterable<string>): Props {
    const secrets = new Set(secretKeys);
    const out: Props = {};
    for (const [key, value] of Object.entries(values)) {
        if (value === undefined) {
            continue;
        }
        out[key] = secrets.has(key) ? secret(stripUndefined(value)) : stripUndefined(value);
    }
    return out;
}

function stripUndefined(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(stripUndefined);
    }
    if (value && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, stripUndefined(v)]),
        );
    }
    return value;
}

/** Deep equality of JSON-like values. */
export function sameValue(a: unknown, b: unknown): boolean {
    return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(canonical);
    }
    if (value && typeof value === "object") {
        return Object.fromEntries(
            Object.keys(value)
                .sort()
                .map((k) => [k, canonical((value as Props)[k])]),
        );
    }
    return value;
}

/** Same members, order ignored (backup policy sets, whitelists, ACL entries). */
export function sameSet(a: unknown, b: unknown): boolean {
    const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => JSON.stringify(canonical(x))).sort() : []);
    return sameValue(list(a), list(b));
}
