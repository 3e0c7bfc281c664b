// Which backup policies a VM or a workload is assigned, matched without unknown IDs: known policy
// ids and names in the VM's inputs, the VM's dependencies on `securetemple:backup:Policy`
// components, and (for raw vSphere) the tags the VM depends on. Used by the backup policies.
import type { PolicyResource } from "@pulumi/policy";
import { types, vmShapes } from "./resourceTypes";
import { propsOf } from "./observed";
import { StackView } from "./stack";
import { isText, read, readString, readStrings, UNKNOWN } from "./values";

export interface BackupPolicyRef {
    /** The Policy component, when the assignment resolved to one. */
    resource?: PolicyResource;
    /** For messages: the policy's API name, the literal value assigned, or the component's name. */
    label: string;
    /** The policy's known API name (e.g. "sla001-daily-par7s", "nobackup"), or the literal assigned. */
    name?: string;
    /** True when only the literal value assigned is known (no Policy component matched). */
    literal?: boolean;
    status?: string | typeof UNKNOWN;
    availabilityZone?: string;
    site?: string;
    acknowledgement?: string | typeof UNKNOWN;
}

export interface Assignment {
    policies: BackupPolicyRef[];
    /** True when some assigned entries could not be resolved (unknown or unmatched). */
    partial: boolean;
}

/** Index of the stack's Policy components by every known key a program may assign. */
export class BackupPolicyIndex {
    private readonly byKey = new Map<string, PolicyResource>();
    /** True when some Policy component has no known key: a literal may then be one of them. */
    readonly ambiguous: boolean = false;

    constructor(private readonly view: StackView) {
        for (const p of view.ofType(types.backupPolicy)) {
            const props = propsOf(p);
            let keys = 0;
            for (const key of ["id", "policyId", "policyName", "name"]) {
                const v = read(props, key);
                if (isText(v)) {
                    this.byKey.set(v.toLowerCase(), p);
                    keys++;
                }
            }
            if (keys === 0 || read(props, "policyName") === UNKNOWN) {
                this.ambiguous = true;
            }
        }
    }

    private readonly idIndexes = new Map<string, Map<string, PolicyResource>>();

    /** Resources of `type` by their known `id` output, built on first use (keeps lookups linear). */
    private byId(type: string): Map<string, PolicyResource> {
        let index = this.idIndexes.get(type);
        if (!index) {
            index = new Map();
            for (const r of this.view.ofType(type)) {
                const id = readString(propsOf(r), "id");
                if (isText(id)) {
                    index.set(id, r);
                }
            }
            this.idIndexes.set(type, index);
        }
        return index;
    }

    find(key: string): PolicyResource | undefined {
        return this.byKey.get(key.toLowerCase());
    }

    private readonly refs = new Map<PolicyResource, BackupPolicyRef>();

    /** What the policies need of a Policy component, read once per component. */
    ref(resource: PolicyResource): BackupPolicyRef {
        let ref = this.refs.get(resource);
        if (!ref) {
            ref = this.readRef(resource);
            this.refs.set(resource, ref);
        }
        return ref;
    }

    private readRef(resource: PolicyResource): BackupPolicyRef {
        const props = propsOf(resource);
        const ack = read(props, "noBackupAcknowledgement");
        const reason = ack === UNKNOWN ? UNKNOWN : ack !== undefined ? readString(ack, "reason") : undefined;
        const name = readString(props, "policyName");
        const status = readString(props, "status");
        const az = readString(props, "availabilityZone");
        const site = readString(props, "site");
        return {
            resource,
            label: isText(name) ? name : resource.name,
            ...(isText(name) ? { name } : {}),
            status: status === UNKNOWN ? UNKNOWN : isText(status) ? status : undefined,
            availabilityZone: isText(az) ? az : undefined,
            site: isText(site) ? site : undefined,
            acknowledgement: reason === UNKNOWN ? UNKNOWN : isText(reason) ? reason : undefined,
        };
    }

    /** A value assigned that no Policy component of the stack matches. */
    literal(value: string): BackupPolicyRef {
        return { label: value, name: value, literal: true };
    }

    private readonly assignments = new Map<string, Map<PolicyResource, Assignment>>();

    /** The policies assigned to a VM of any supported provider (computed once per VM and tag categories). */
    forVirtualMachine(vm: PolicyResource, backupTagCategories: readonly string[]): Assignment {
        const key = backupTagCategories.join("\n");
        let byVm = this.assignments.get(key);
        if (!byVm) {
            byVm = new Map();
            this.assignments.set(key, byVm);
        }
        let assignment = byVm.get(vm);
        if (!assignment) {
            assignment = this.assignmentOf(vm, backupTagCategories);
            byVm.set(vm, assignment);
        }
        return assignment;
    }

    private assignmentOf(vm: PolicyResource, backupTagCategories: readonly string[]): Assignment {
        if (vm.type === types.vsphereVm) {
            return this.forVsphereVm(vm, backupTagCategories);
        }
        const shape = vmShapes[vm.type];
        const property = shape?.backupProperty ?? "backupPolicies";
        const named = this.byValues(readStrings(propsOf(vm), property));
        const refs = new Map<string, BackupPolicyRef>();
        // A value no Policy component matches (an id declared outside this stack) is kept as written.
        named.policies.forEach((ref) => refs.set(ref.resource?.urn ?? `literal:${ref.name}`, ref));
        const partial = named.partial;
        for (const dep of this.view.dependenciesOfType(vm, [types.backupPolicy], property)) {
            refs.set(dep.urn, this.ref(dep));
        }
        for (const dep of this.view.dependenciesOfType(vm, [types.backupPolicy])) {
            refs.set(dep.urn, this.ref(dep));
        }
        return { policies: [...refs.values()], partial };
    }

    /** The policies a workload names in `backupPolicyNames`. */
    forWorkload(workload: PolicyResource): Assignment {
        return this.byValues(readStrings(propsOf(workload), "backupPolicyNames"));
    }

    /** The policies a list of ids or names designates; partial when the list or an element is unknown. */
    private byValues(values: ReturnType<typeof readStrings>): Assignment {
        const policies: BackupPolicyRef[] = [];
        let partial = values === UNKNOWN;
        for (const v of values === UNKNOWN || values === undefined ? [] : values) {
            if (v === UNKNOWN) {
                partial = true;
                continue;
            }
            const hit = this.find(v);
            policies.push(hit ? this.ref(hit) : this.literal(v));
        }
        return { policies, partial };
    }

    /**
     * A vSphere VM carries its backup policy as a tag of a backup category. Tag ids of new tags
     * are unknown at preview, so tags are found through the VM's dependencies and matched to
     * their category through the tag's own dependencies or a known category id.
     */
    private forVsphereVm(vm: PolicyResource, backupTagCategories: readonly string[]): Assignment {
        const props = propsOf(vm);
        const tagIds = readStrings(props, "tags");
        const wanted = new Set(backupTagCategories.map((c) => c.toLowerCase()));
        const tags = new Map<string, PolicyResource>();
        for (const t of this.view.dependenciesOfType(vm, [types.vsphereTag], "tags")) {
            tags.set(t.urn, t);
        }
        for (const t of this.view.dependenciesOfType(vm, [types.vsphereTag])) {
            tags.set(t.urn, t);
        }
        const knownIds = tagIds === UNKNOWN || tagIds === undefined ? [] : tagIds.filter((t): t is string => t !== UNKNOWN);
        for (const id of knownIds) {
            const tag = this.byId(types.vsphereTag).get(id);
            if (tag) {
                tags.set(tag.urn, tag);
            }
        }
        const refs: BackupPolicyRef[] = [];
        let resolved = 0;
        for (const tag of tags.values()) {
            const category = this.categoryOf(tag);
            if (category === UNKNOWN) {
                continue;
            }
            resolved++;
            if (category !== undefined && wanted.has(category.toLowerCase())) {
                const tagName = readString(propsOf(tag), "name");
                const label = isText(tagName) ? tagName : tag.name;
                const hit = this.find(label);
                refs.push(hit ? this.ref(hit) : this.literal(label));
            }
        }
        const total = tagIds === UNKNOWN ? Infinity : tagIds === undefined ? 0 : tagIds.length;
        return { policies: refs, partial: resolved < Math.max(total, tags.size) };
    }

    /** Name of a tag's category, UNKNOWN when it cannot be told. */
    private categoryOf(tag: PolicyResource): string | typeof UNKNOWN | undefined {
        const categories = this.view.dependenciesOfType(tag, [types.vsphereTagCategory], "categoryId");
        const viaDeps = categories.length > 0 ? categories : this.view.dependenciesOfType(tag, [types.vsphereTagCategory]);
        const categoryId = readString(propsOf(tag), "categoryId");
        let category: PolicyResource | undefined = viaDeps[0];
        if (!category && isText(categoryId)) {
            category = this.byId(types.vsphereTagCategory).get(categoryId);
        }
        if (!category) {
            return UNKNOWN;
        }
        const name = readString(propsOf(category), "name");
        return name === UNKNOWN ? UNKNOWN : isText(name) ? name : category.name;
    }
}

// The policies of one evaluation share one index over one stack view, as they share the view.
const indexes = new WeakMap<StackView, BackupPolicyIndex>();

/** The index of the stack's backup policies, built once per stack view. */
export function backupPolicyIndex(view: StackView): BackupPolicyIndex {
    let index = indexes.get(view);
    if (!index) {
        index = new BackupPolicyIndex(view);
        indexes.set(view, index);
    }
    return index;
}

/** True when the policy is known to be the "no backup" policy. */
export function isNoBackup(ref: BackupPolicyRef, noBackupNames: readonly string[]): boolean {
    const name = ref.name?.toLowerCase();
    return name !== undefined && noBackupNames.some((n) => n.toLowerCase() === name);
}

/** True when the policy is known to be suspended. */
export function isHeld(ref: BackupPolicyRef): boolean {
    return typeof ref.status === "string" && ref.status.toUpperCase() === "HELD";
}

/**
 * True when a "no backup" assignment is known to lack any acknowledgement: neither the subject's
 * own reason nor the policy's may be unknown, and a bare literal must not possibly be one of the
 * stack's policies whose names are unknown.
 */
export function lacksAcknowledgement(
    ref: BackupPolicyRef,
    ownReason: string | undefined | typeof UNKNOWN,
    index: BackupPolicyIndex,
): boolean {
    return ownReason === undefined && ref.acknowledgement === undefined && !(ref.literal && index.ambiguous);
}

/** The VM's own acknowledgement of "no backup" (`noBackupReason`), if known and non-blank. */
export function vmNoBackupReason(vm: PolicyResource): string | undefined | typeof UNKNOWN {
    const r = readString(propsOf(vm), "noBackupReason");
    return r === UNKNOWN ? UNKNOWN : isText(r) ? r : undefined;
}
