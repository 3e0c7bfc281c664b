// The tenant description that the root program reads from its stack configuration (key
// `securetemple-tenant:tenant`), checked for shape (a JSON schema, with ajv) and cross-references
// before any component is built. Field values are validated again, with the catalogue, by the components themselves; this
// module names the exact configuration path of a mistake ("tenant.workloads[1].clusters[0]").
import Ajv, { ErrorObject } from "ajv";
import { bilingual, show } from "../provider/catalog/errors";
import type { BackupVaultArgs, SecurityGroupRule } from "../provider/components";
import type { BucketAccessType } from "../provider/resources/args";
import { ExpectedNode, tenantConfigSchema } from "./configSchema";

export interface ClusterConfig {
    name: string;
    availabilityZone: string;
    bladeModel: string;
    hostCount: number;
}
export interface LunConfig {
    name: string;
    availabilityZone: string;
    tier: string;
    sizeGib: number;
    globalMirror?: { targetAvailabilityZone: string };
}
export interface BackupPolicyConfig {
    name: string;
    policyName: string;
    noBackupAcknowledgement?: { reason: string };
}
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
export interface SecurityGroupConfig {
    name: string;
    description?: string;
    ingress?: SecurityGroupRule[];
    egress?: SecurityGroupRule[];
}
export interface BucketConfig {
    name: string;
    accessType: BucketAccessType;
    whitelist?: string[];
    versioning?: "Enabled" | "Suspended";
    tags?: Record<string, string>;
}
export interface BackupVaultConfig extends BackupVaultArgs {
    name: string;
}

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
    constructor(
        readonly path: string,
        fr: string,
        en: string,
    ) {
        super(bilingual({ fr: `Configuration ${path} : ${fr}`, en: `Configuration ${path}: ${en}` }));
        this.name = "TenantConfigError";
    }
}

type Obj = Record<string, unknown>;

const ajv = new Ajv({ allErrors: false, verbose: true, strict: true });
// `expected` is an annotation: the sentence a refusal of its node prints.
ajv.addKeyword({ keyword: "expected", schemaType: "object" });
const validateShape = ajv.compile(tenantConfigSchema);

/** "/workloads/0/name" as the configuration path "tenant.workloads[0].name". */
function configPath(pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), "tenant");
}

/** The first shape mistake ajv found, as the sentence of the node it refused. */
function shapeError(error: ErrorObject): TenantConfigError {
    const missing = error.keyword === "required" ? (error.params as { missingProperty: string }).missingProperty : undefined;
    const node = (
        missing === undefined
            ? error.parentSchema
            : (error.parentSchema as { properties: Record<string, ExpectedNode> }).properties[missing]
    ) as ExpectedNode;
    const path = configPath(missing === undefined ? error.instancePath : `${error.instancePath}/${missing}`);
    const got =
        missing === undefined && error.data !== undefined
            ? { fr: ` (reçu : ${show(error.data)})`, en: ` (got ${show(error.data)})` }
            : { fr: "", en: "" };
    return new TenantConfigError(path, `${node.expected.fr}${got.fr}.`, `${node.expected.en}${got.en}.`);
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

/** Names of another list that an item refers to: each must be declared there. */
function references(names: string[] | undefined, path: string, known: Set<string>): void {
    names?.forEach((ref, i) => {
        if (!known.has(ref)) {
            const allowed = [...known].join(", ");
            throw new TenantConfigError(
                `${path}[${i}]`,
                `« ${ref} » n'est pas déclaré ; noms possibles : ${allowed}.`,
                `"${ref}" is not declared; allowed names: ${allowed}.`,
            );
        }
    });
}

/**
 * Checks a tenant description: its shape against the JSON schema (`configSchema.ts`), then the
 * unique names and the cross-references, which a schema cannot state. Values the catalogue judges
 * are left to the components.
 */
export function parseTenantConfig(raw: unknown): TenantConfig {
    if (!validateShape(raw)) {
        throw shapeError((validateShape.errors as ErrorObject[])[0]);
    }
    const config = { workloads: [], securityGroups: [], buckets: [], backupVaults: [], ...(raw as Obj) } as unknown as TenantConfig;
    const clusterNames = uniqueNames(config.clusters as unknown as Obj[], "tenant.clusters");
    const lunNames = uniqueNames(config.luns as unknown as Obj[], "tenant.luns");
    const policyNames = uniqueNames(config.backupPolicies as unknown as Obj[], "tenant.backupPolicies");
    uniqueNames(config.workloads as unknown as Obj[], "tenant.workloads");
    uniqueNames(config.securityGroups as unknown as Obj[], "tenant.securityGroups");
    uniqueNames([...config.buckets, ...config.backupVaults.map((v) => ({ name: v.bucketName ?? v.name }))], "tenant.buckets");
    config.workloads.forEach((w, i) => {
        const at = `tenant.workloads[${i}]`;
        references(w.clusters, `${at}.clusters`, clusterNames);
        references(w.luns, `${at}.luns`, lunNames);
        references(w.backupPolicies, `${at}.backupPolicies`, policyNames);
        references(w.backupPolicyCandidates, `${at}.backupPolicyCandidates`, policyNames);
    });
    return config;
}
