// Turns `pulumi stack export` JSON into the engine's ResourceInput list, for audits of an existing
// stack. The stack resource and provider resources carry no convention data and are skipped, as
// the Pulumi engine skips providers in AnalyzeStack; resources pending deletion are skipped too.
// Secret values are replaced by the unknown sentinel: the policies then treat them as "cannot
// decide" and nothing secret can reach a message.
import { bilingual } from "../../provider/catalog";
import { unknownValue } from "../support/values";
import type { ResourceInput } from "./types";

/** One resource of a `pulumi stack export` document, as the readers of this kit use it. */
export interface ExportedResource {
    urn: string;
    type: string;
    custom?: boolean;
    delete?: boolean;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    protect?: boolean;
    provider?: string;
}

/** The signature key Pulumi uses for secrets, assets and archives in serialised state. */
const sigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

/**
 * The value with every secret replaced by the unknown sentinel. Copy on write: a part without
 * secrets is returned as it is, so a state export is not held twice in memory.
 */
function scrub(value: unknown): unknown {
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        let out: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
            const v = scrub(value[i]);
            if (v !== value[i]) {
                out ??= value.slice();
                out[i] = v;
            }
        }
        return out ?? value;
    }
    const obj = value as Record<string, unknown>;
    if (obj[sigKey] === secretSig) {
        return unknownValue;
    }
    let out: Record<string, unknown> | undefined;
    for (const k in obj) {
        const v = scrub(obj[k]);
        if (v !== obj[k]) {
            out ??= { ...obj };
            out[k] = v;
        }
    }
    return out ?? obj;
}

/** Inputs overlaid with outputs, without a copy when one side is empty. */
function overlaid(inputs: Record<string, unknown> | undefined, outputs: Record<string, unknown> | undefined): Record<string, unknown> {
    const hasOutputs = outputs !== undefined && Object.keys(outputs).length > 0;
    if (!hasOutputs) {
        return inputs ?? {};
    }
    return inputs === undefined ? outputs : { ...inputs, ...outputs };
}

function isProviderType(type: string): boolean {
    return type.startsWith("pulumi:providers:");
}

/**
 * Reads a state export (the object `pulumi stack export` prints, or its `deployment` part).
 * Props are the inputs overlaid with the outputs: outputs hold what the service reports, inputs
 * what components registered and what providers do not echo back.
 */
export function fromStackExport(exported: unknown): ResourceInput[] {
    const root = exported as { deployment?: { resources?: ExportedResource[] }; resources?: ExportedResource[] };
    const list = root?.deployment?.resources ?? root?.resources;
    if (!Array.isArray(list)) {
        throw new Error(
            bilingual({
                fr: "L'export d'état ne contient pas deployment.resources : fournir la sortie de `pulumi stack export`.",
                en: "The state export has no deployment.resources: pass the output of `pulumi stack export`.",
            }),
        );
    }
    // Provider resources are not evaluated, but each resource carries its provider (as the
    // server's `provider` argument does); references read "<provider urn>::<provider id>".
    const providers = new Map<string, ExportedResource>();
    for (const r of list) {
        if (r && typeof r.urn === "string" && typeof r.type === "string" && isProviderType(r.type)) {
            providers.set(r.urn, r);
        }
    }
    const out: ResourceInput[] = [];
    for (const r of list) {
        if (!r || typeof r.urn !== "string" || typeof r.type !== "string") {
            continue;
        }
        if (r.type === "pulumi:pulumi:Stack" || isProviderType(r.type) || r.delete) {
            continue;
        }
        const props = scrub(overlaid(r.inputs, r.outputs)) as Record<string, unknown>;
        const providerUrn = typeof r.provider === "string" ? r.provider.slice(0, r.provider.lastIndexOf("::")) : undefined;
        const provider = providerUrn ? providers.get(providerUrn) : undefined;
        out.push({
            urn: r.urn,
            type: r.type,
            props,
            ...(r.parent ? { parent: r.parent } : {}),
            dependencies: r.dependencies ?? [],
            propertyDependencies: r.propertyDependencies ?? {},
            ...(r.protect ? { protect: true } : {}),
            ...(provider
                ? {
                      provider: {
                          type: provider.type,
                          urn: provider.urn,
                          name: provider.urn.slice(provider.urn.lastIndexOf("::") + 2),
                          props: scrub(provider.inputs ?? {}) as Record<string, unknown>,
                      },
                  }
                : {}),
        });
    }
    return out;
}
