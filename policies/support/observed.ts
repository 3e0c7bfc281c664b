// Stack policies receive each resource's outputs, and a component's outputs are only what it
// passed to registerOutputs; the resource hook of the same policy receives the inputs, earlier in
// the same analyzer process (Analyze runs per resource during the preview, AnalyzeStack at the
// end). Every policy with a stack part records the inputs it sees, and the stack part reads the
// two merged: a known output wins, an unknown or missing one falls back to the input.
import type { PolicyResource } from "@pulumi/policy";
import { isUnknownSentinel, plain, Props, rawProps, unwrap } from "./values";

const observedInputs = new Map<string, Props>();
const merged = new WeakMap<PolicyResource, Props>();
let sameProps = false;

/**
 * The in-process engine hands both hooks the same properties (there are no separate outputs):
 * while it runs, nothing is recorded and a stack resource's properties are its own.
 */
export function sameInputsAndOutputs(on: boolean): void {
    sameProps = on;
}

export function recordInputs(urn: string, props: unknown): void {
    if (!sameProps) {
        observedInputs.set(urn, plain(props));
    }
}

/** Drops what earlier evaluations recorded (the in-process engine calls it before each run). */
export function forgetObservedInputs(): void {
    observedInputs.clear();
}

/** A stack resource's properties: outputs, completed by the inputs its resource hook saw. */
export function propsOf(resource: PolicyResource): Props {
    if (sameProps) {
        const raw = (resource as { [rawProps]?: Props })[rawProps];
        return raw ?? plain(resource.props);
    }
    let props = merged.get(resource);
    if (props) {
        return props;
    }
    const outputs = plain(resource.props);
    const inputs = observedInputs.get(resource.urn);
    if (!inputs || inputs === outputs) {
        props = outputs;
    } else {
        props = { ...inputs };
        for (const [k, v] of Object.entries(outputs)) {
            const raw = unwrap(v);
            if (raw !== undefined && raw !== null && !isUnknownSentinel(raw)) {
                props[k] = raw;
            } else if (!(k in props)) {
                props[k] = raw;
            }
        }
    }
    merged.set(resource, props);
    return props;
}
