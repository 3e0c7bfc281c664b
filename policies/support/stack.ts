// One pass over the resources of a stack policy: resources grouped by type token and lookups
// through the parent chain, so that cross-resource checks stay linear in the stack size.
import type { PolicyResource } from "@pulumi/policy";

/** Parent chains deeper than this are cut (guards against cycles in hand-made inputs). */
const maxDepth = 64;

export class StackView {
    private readonly byTypeMap = new Map<string, PolicyResource[]>();
    readonly byUrn = new Map<string, PolicyResource>();

    constructor(readonly resources: readonly PolicyResource[]) {
        for (const r of resources) {
            this.byUrn.set(r.urn, r);
            const list = this.byTypeMap.get(r.type);
            if (list) {
                list.push(r);
            } else {
                this.byTypeMap.set(r.type, [r]);
            }
        }
    }

    /** Resources of any of the given type tokens, in stack order per type. */
    ofType(...types: readonly string[]): PolicyResource[] {
        const out: PolicyResource[] = [];
        for (const t of types) {
            const list = this.byTypeMap.get(t);
            if (list) {
                out.push(...list);
            }
        }
        return out;
    }

    /** The nearest ancestor (through `parent`) whose type is one of `types`. */
    ancestor(resource: PolicyResource, types: readonly string[]): PolicyResource | undefined {
        let current = resource.parent;
        for (let depth = 0; current && depth < maxDepth; depth++) {
            if (types.includes(current.type)) {
                return current;
            }
            current = current.parent;
        }
        return undefined;
    }

    /** The resource itself when it has one of `types`, else its nearest such ancestor. */
    selfOrAncestor(resource: PolicyResource, types: readonly string[]): PolicyResource | undefined {
        return types.includes(resource.type) ? resource : this.ancestor(resource, types);
    }

    /**
     * Resources of `types` that `resource` depends on, directly or through the parent chain of a
     * dependency (a dependency on a child of a component counts as one on the component).
     */
    dependenciesOfType(resource: PolicyResource, types: readonly string[], property?: string): PolicyResource[] {
        const found = new Map<string, PolicyResource>();
        const deps = property ? (resource.propertyDependencies?.[property] ?? []) : (resource.dependencies ?? []);
        for (const d of deps) {
            const hit = this.selfOrAncestor(d, types);
            if (hit) {
                found.set(hit.urn, hit);
            }
        }
        return [...found.values()];
    }

    /** Groups resources of `childTypes` by their nearest ancestor of `ancestorTypes` (URN). */
    groupUnder(childTypes: readonly string[], ancestorTypes: readonly string[]): Map<string, PolicyResource[]> {
        const groups = new Map<string, PolicyResource[]>();
        for (const child of this.ofType(...childTypes)) {
            const owner = this.ancestor(child, ancestorTypes);
            if (owner) {
                const list = groups.get(owner.urn);
                if (list) {
                    list.push(child);
                } else {
                    groups.set(owner.urn, [child]);
                }
            }
        }
        return groups;
    }
}

// Stack policies of one evaluation share one view: @pulumi/policy hands each stack policy a fresh
// `resources` array, our engine hands them the same one.
const views = new WeakMap<readonly PolicyResource[], StackView>();

export function stackView(resources: readonly PolicyResource[]): StackView {
    let view = views.get(resources);
    if (!view) {
        view = new StackView(resources);
        views.set(resources, view);
    }
    return view;
}
