// The tenant description that the root program reads from its stack configuration (key
// `securetemple-tenant:tenant`), checked for shape and cross-references before any component is
// built. Field values are validated again, with the catalogue, by the components themselves; this
// module names the exact configuration path of a mistake ("tenant.workloads[1].clusters[0]").
import type { BackupVaultArgs, SecurityGroupRule } from "../provider/components";
import type { BucketAccessType } from "../provider/resources/args";

export interface ClusterConfig { name: string; availabilityZone: string; bladeModel: string; hostCount: number }
export interface LunConfig { name: string; availabilityZone: string; tier: string; sizeGib: number; globalMirror?: { targetAvailabilityZone: string } }
export interface BackupPolicyConfig { name: string; policyName: string; noBackupAcknowledgement?: { reason: string } }
export interface WorkloadConfig {
    name: string;
    replicas: number;
    cpu: number;
    memoryGib: number;
    diskGib: number;
    guestOperatingSystemMoref?: string;
    contentLibraryItemId?: string;
    powerState?: "on" | "off";
    availabilityZones?: string[];
    singleAz?: boolean;
    /** Names from `clusters` / `luns`; all of them when absent. */
    clusters?: string[];
    luns?: string[];
    /** Names from `backupPolicies`: every replica gets these. */
    backupPolicies?: string[];
    /** Names from `backupPolicies`: each replica gets the first kept outside its AZ. Default: every policy but nobackup. */
    backupPolicyCandidates?: string[];
}
export interface SecurityGroupConfig { name: string; description?: string; ingress?: SecurityGroupRule[]; egress?: SecurityGroupRule[] }
export interface BucketConfig { name: string; accessType: BucketAccessType; whitelist?: string[]; versioning?: "Enabled" | "Suspended"; tags?: Record<string, string> }
export interface BackupVaultConfig extends BackupVaultArgs { name: string }

export interface TenantConfig {
    name: string;
    region: string;
    availabilityZones: string[];
    snc: boolean;
    consoleAuthorizedIps: string[];
    maxConsoleIpPrefix?: number;
    contacts: { name: string; email: string; role?: string; phone?: string }[];
    clusters: ClusterConfig[];
    luns: LunConfig[];
    backupPolicies: BackupPolicyConfig[];
    workloads: WorkloadConfig[];
    securityGroups: SecurityGroupConfig[];
    buckets: BucketConfig[];
    backupVaults: BackupVaultConfig[];
}

/** A configuration mistake, with the path of the offending value, in French then English. */
export class TenantConfigError extends Error {
    constructor(readonly path: string, fr: string, en: string) {
        super(`FR Configuration ${path} : ${fr} / EN Configuration ${path}: ${en}`);
        this.name = "TenantConfigError";
    }
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(parent: Obj, key: string, path: string, required: boolean): Obj[] {
    const value = parent[key];
    if (value === undefined && !required) {
        return [];
    }
    if (!Array.isArray(value) || (required && value.length === 0)) {
        throw new TenantConfigError(`${path}.${key}`, "une liste non vide est attendue.", "a non-empty list is expected.");
    }
    return value.map((item, i) => {
        if (!isObject(item)) {
            throw new TenantConfigError(`${path}.${key}[${i}]`, "un objet est attendu.", "an object is expected.");
        }
        if (typeof item.name !== "string" || item.name.trim() === "") {
            throw new TenantConfigError(`${path}.${key}[${i}].name`, "un nom non vide est attendu.", "a non-empty name is expected.");
        }
        return item;
    });
}

function uniqueNames(items: Obj[], path: string): Set<string> {
    const names = new Set<string>();
    items.forEach((item, i) => {
        const name = item.name as string;
        if (names.has(name)) {
            throw new TenantConfigError(`${path}[${i}].name`, `le nom « ${name} » est déjà utilisé.`, `the name "${name}" is used twice.`);
        }
        names.add(name);
    });
    return names;
}

function references(item: Obj, key: string, path: string, known: Set<string>): void {
    const value = item[key];
    if (value === undefined) {
        return;
    }
    if (!Array.isArray(value)) {
        throw new TenantConfigError(`${path}.${key}`, "une liste de noms est attendue.", "a list of names is expected.");
    }
    value.forEach((ref, i) => {
        if (typeof ref !== "string" || !known.has(ref)) {
            const allowed = [...known].join(", ");
            throw new TenantConfigError(`${path}.${key}[${i}]`, `« ${String(ref)} » n'est pas déclaré ; noms possibles : ${allowed}.`, `"${String(ref)}" is not declared; allowed names: ${allowed}.`);
        }
    });
}

/** Checks the shape and the cross-references of a tenant description; field values are left to the components. */
export function parseTenantConfig(raw: unknown): TenantConfig {
    if (!isObject(raw)) {
        throw new TenantConfigError("tenant", "un objet décrivant le tenant est attendu (voir Pulumi.sandbox.yaml).", "an object describing the tenant is expected (see Pulumi.sandbox.yaml).");
    }
    const path = "tenant";
    if (typeof raw.name !== "string" || raw.name.trim() === "") {
        throw new TenantConfigError(`${path}.name`, "un nom non vide est attendu.", "a non-empty name is expected.");
    }
    const clusters = list(raw, "clusters", path, true);
    const luns = list(raw, "luns", path, true);
    const policies = list(raw, "backupPolicies", path, true);
    const workloads = list(raw, "workloads", path, false);
    const groups = list(raw, "securityGroups", path, false);
    const buckets = list(raw, "buckets", path, false);
    const vaults = list(raw, "backupVaults", path, false);
    const clusterNames = uniqueNames(clusters, `${path}.clusters`);
    const lunNames = uniqueNames(luns, `${path}.luns`);
    const policyNames = uniqueNames(policies, `${path}.backupPolicies`);
    uniqueNames(workloads, `${path}.workloads`);
    uniqueNames(groups, `${path}.securityGroups`);
    uniqueNames([...buckets, ...vaults.map((v) => ({ name: (v.bucketName as string | undefined) ?? v.name }))], `${path}.buckets`);
    workloads.forEach((w, i) => {
        const at = `${path}.workloads[${i}]`;
        references(w, "clusters", at, clusterNames);
        references(w, "luns", at, lunNames);
        references(w, "backupPolicies", at, policyNames);
        references(w, "backupPolicyCandidates", at, policyNames);
    });
    const parsed = { ...raw, clusters, luns, backupPolicies: policies, workloads, securityGroups: groups, buckets, backupVaults: vaults };
    return parsed as unknown as TenantConfig;
}
