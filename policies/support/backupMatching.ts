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
    /** The policy's API name (e.g. "sla001-daily-par7s", "nobackup") or the literal value assigned. */
    label: string;
    status?: string;
    availabilityZone?: string;
    site?: string;
    acknowledgement?: string;
}

export interface Assignment {
    policies: BackupPolicyRef[];
    /** True when some assigned entries could not be resolved (unknown or unmatched). */
    partial: boolean;
}

/** Index of the stack's Policy components by every known key a program may assign. */
export class BackupPolicyIndex {
    private readonly byKey = new Map<string, PolicyResource>();

    constructor(private readonly view: StackView) {
        for (const p of view.ofType(types.backupPolicy)) {
            const props = propsOf(p);
            for (const key of ["id", "policyId", "policyName", "name"]) {
                const v = read(props, key);
                if (isText(v)) {
                    this.byKey.set(v.toLowerCase(), p);
                }
            }
        }
    }

    find(key: string): PolicyResource | undefined {
        return this.byKey.get(key.toLowerCase());
    }

    ref(resource: PolicyResource): BackupPolicyRef {
        const props = propsOf(resource);
        const ack = read(props, "noBackupAcknowledgement");
        const reason = ack !== UNKNOWN && ack !== undefined ? readString(ack, "reason") : undefined;
        const label = readString(props, "policyName");
        const status = readString(props, "status");
        const az = readString(props, "availabilityZone");
        const site = readString(props, "site");
        return {
            resource,
            label: isText(label) ? label : resource.name,
            status: isText(status) ? status : undefined,
            availabilityZone: isText(az) ? az : undefined,
            site: isText(site) ? site : undefined,
            acknowledgement: isText(reason) ? reason : undefined,
        };
    }

    /** The policies assigned to a VM of any supported provider. */
    forVirtualMachine(vm: PolicyResource, backupTagCategories: readonly string[]): Assignment {
        if (vm.type === types.vsphereVm) {
            return this.forVsphereVm(vm, backupTagCategories);
        }
        const shape = vmShapes[vm.type];
        const property = shape?.backupProperty ?? "backupPolicies";
        const values = readStrings(propsOf(vm), property);
        const refs = new Map<string, BackupPolicyRef>();
        let partial = values === UNKNOWN;
        for (const v of values === UNKNOWN || values === undefined ? [] : values) {
            if (v === UNKNOWN) {
                partial = true;
                continue;
            }
            const hit = this.find(v);
            if (hit) {
                refs.set(hit.urn, this.ref(hit));
            } else {
                // An id of a policy declared outside this stack: only its literal value is known.
                refs.set(`literal:${v}`, { label: v });
            }
        }
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
        const names = readStrings(propsOf(workload), "backupPolicyNames");
        const refs: BackupPolicyRef[] = [];
        let partial = names === UNKNOWN;
        for (const n of names === UNKNOWN || names === undefined ? [] : names) {
            if (n === UNKNOWN) {
                partial = true;
                continue;
            }
            const hit = this.find(n);
            refs.push(hit ? this.ref(hit) : { label: n });
        }
        return { policies: refs, partial };
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
        if (knownIds.length > 0) {
            for (const tag of this.view.ofType(types.vsphereTag)) {
                const id = readString(propsOf(tag), "id");
                if (isText(id) && knownIds.includes(id)) {
                    tags.set(tag.urn, tag);
                }
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
                refs.push(hit ? this.ref(hit) : { label });
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
            category = this.view.ofType(types.vsphereTagCategory).find((c) => readString(propsOf(c), "id") === categoryId);
        }
        if (!category) {
            return UNKNOWN;
        }
        const name = readString(propsOf(category), "name");
        return name === UNKNOWN ? UNKNOWN : isText(name) ? name : category.name;
    }
}

/** True when the policy is the "no backup" policy. */
export function isNoBackup(ref: BackupPolicyRef, noBackupNames: readonly string[]): boolean {
    const label = ref.label.toLowerCase();
    return noBackupNames.some((n) => n.toLowerCase() === label);
}

export function isHeld(ref: BackupPolicyRef): boolean {
    return ref.status !== undefined && ref.status.toUpperCase() === "HELD";
}

/** The VM's own acknowledgement of "no backup" (`noBackupReason`), if known and non-blank. */
export function vmNoBackupReason(vm: PolicyResource): string | undefined | typeof UNKNOWN {
    const r = readString(propsOf(vm), "noBackupReason");
    return r === UNKNOWN ? UNKNOWN : isText(r) ? r : undefined;
}
