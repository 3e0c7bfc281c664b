// Stack policies receive each resource's outputs, and a component's outputs are only what it
// passed to registerOutputs; the resource hook of the same policy receives the inputs, earlier in
// the same analyzer process (Analyze runs per resource during the preview, AnalyzeStack at the
// end). Every policy with a stack part records the inputs it sees, and the stack part reads the
// two merged: a known output wins, an unknown or missing one falls back to the input.
import type { PolicyResource } from "@pulumi/policy";
import { isUnknownSentinel, plain, Props, unwrap } from "./values";

const observedInputs = new Map<string, Props>();
const merged = new WeakMap<PolicyResource, Props>();

export function recordInputs(urn: string, props: unknown): void {
    observedInputs.set(urn, plain(props));
}

/** Drops what earlier evaluations recorded (the in-process engine calls it before each run). */
export function forgetObservedInputs(): void {
    observedInputs.clear();
}

/** A stack resource's properties: outputs, completed by the inputs its resource hook saw. */
export function propsOf(resource: PolicyResource): Props {
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
