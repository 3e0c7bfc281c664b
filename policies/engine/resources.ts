// The resource objects @pulumi/policy's server hands to policies, built once per evaluation from
// the engine's inputs: props behind the library's unknown-checking proxy, `isType`/`asType`,
// options, the provider, and for the stack hook parents and (property) dependencies resolved to
// resource objects, with unresolvable URNs dropped as the server drops them. The resource hook's
// arguments are made from the same objects (same proxy), so each resource costs one of each.
import type { PolicyResource, PolicyResourceOptions } from "@pulumi/policy";
import { rawProps, unknownCheckingProxy } from "../support/values";
import type { ResourceInput } from "./types";

export function nameOf(r: ResourceInput): string {
    if (r.name) {
        return r.name;
    }
    const i = r.urn.lastIndexOf("::");
    return i >= 0 ? r.urn.slice(i + 2) : r.urn;
}

const noTimeouts = { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 };

function optionsOf(r: ResourceInput): PolicyResourceOptions {
    return {
        protect: r.protect ?? false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { ...noTimeouts },
        additionalSecretOutputs: [],
        ...(r.parent ? { parent: r.parent } : {}),
    };
}

type TypeClass = { __pulumiType?: string; isInstance?: (o: unknown) => boolean };

/** @pulumi/policy's `isType`: the class's `__pulumiType`, else its `isInstance`. */
function isTypeOf(type: string, resourceClass: TypeClass): boolean {
    if (resourceClass.__pulumiType) {
        return type === resourceClass.__pulumiType;
    }
    return typeof resourceClass.isInstance === "function" && resourceClass.isInstance({ __pulumiType: type }) === true;
}

/**
 * A resource as the server describes it, built lazily: the proxy, options and resolved
 * dependencies are made when a policy first asks for them, so a resource that no policy reads
 * in depth costs one small object. `rawProps` lets the pack's readers skip the proxy they would
 * only unwrap (support/observed.ts).
 */
class EngineResource {
    readonly type: string;
    readonly urn: string;
    readonly name: string;
    parent?: PolicyResource;
    provider?: PolicyResource["provider"];
    readonly [rawProps]: Record<string, unknown>;
    private proxy?: Record<string, unknown>;
    private options?: PolicyResourceOptions;
    private deps?: PolicyResource[];
    private propertyDeps?: Record<string, PolicyResource[]>;

    constructor(
        private readonly input: ResourceInput,
        private readonly byUrn: Map<string, PolicyResource>,
    ) {
        this.type = input.type;
        this.urn = input.urn;
        this.name = nameOf(input);
        this[rawProps] = input.props ?? {};
        if (input.provider) {
            const p = input.provider;
            this.provider = { type: p.type, urn: p.urn, name: p.name, props: unknownCheckingProxy(p.props ?? {}) };
        }
    }

    get props(): Record<string, unknown> {
        return (this.proxy ??= unknownCheckingProxy(this[rawProps]));
    }

    get opts(): PolicyResourceOptions {
        return (this.options ??= optionsOf(this.input));
    }

    get dependencies(): PolicyResource[] {
        return (this.deps ??= resolved(this.input.dependencies, this.byUrn));
    }

    get propertyDependencies(): Record<string, PolicyResource[]> {
        if (!this.propertyDeps) {
            this.propertyDeps = {};
            for (const [k, urns] of Object.entries(this.input.propertyDependencies ?? {})) {
                this.propertyDeps[k] = resolved(urns, this.byUrn);
            }
        }
        return this.propertyDeps;
    }

    isType(resourceClass: TypeClass): boolean {
        return isTypeOf(this.type, resourceClass);
    }

    asType(resourceClass: TypeClass): unknown {
        return isTypeOf(this.type, resourceClass) ? this.props : undefined;
    }
}

function resolved(urns: readonly string[] | undefined, byUrn: Map<string, PolicyResource>): PolicyResource[] {
    const out: PolicyResource[] = [];
    for (const urn of urns ?? []) {
        const hit = byUrn.get(urn);
        if (hit) {
            out.push(hit);
        }
    }
    return out;
}

/** The resources as the server builds them for AnalyzeStack, in input order. */
export function policyResources(inputs: readonly ResourceInput[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const out = inputs.map((r) => {
        const resource = new EngineResource(r, byUrn) as unknown as PolicyResource;
        byUrn.set(r.urn, resource);
        return resource;
    });
    inputs.forEach((r, i) => {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) {
            out[i].parent = parent;
        }
    });
    return out;
}
