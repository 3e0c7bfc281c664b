// A compliant baseline stack and builders: each test changes one thing and expects exactly the
// violations that change causes. URNs follow Pulumi's format so parents and dependencies resolve.
import type { ResourceInput } from "../../../policies/engine";

export const stack = "dev";
export const project = "shop";

export function urn(type: string, name: string, parentType?: string): string {
    const qualified = parentType ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export const T = {
    tenant: "securetemple:index:Tenant",
    cluster: "securetemple:compute:Cluster",
    lun: "securetemple:storage:Lun",
    policy: "securetemple:backup:Policy",
    workload: "securetemple:compute:Workload",
    sg: "securetemple:network:SecurityGroup",
    vault: "securetemple:objectstorage:BackupVault",
    vm: "securetemple:compute:VirtualMachine",
    bucket: "securetemple:objectstorage:Bucket",
    ctVm: "cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine",
    ctBucket: "cloudtemple:index/objectStorageBucket:ObjectStorageBucket",
    vsVm: "vsphere:index/virtualMachine:VirtualMachine",
    vsTag: "vsphere:index/tag:Tag",
    vsCategory: "vsphere:index/tagCategory:TagCategory",
} as const;

export function res(type: string, name: string, props: Record<string, unknown>, extra: Partial<ResourceInput> = {}): ResourceInput {
    return { urn: extra.urn ?? urn(type, name), type, name, props, ...extra };
}

/** A compliant stack: tenant on two AZs, a 2-host cluster, LUN, two active policies, a two-AZ workload with its VMs, a tight SG, buckets. */
export function baseline(): ResourceInput[] {
    const tenant = res(T.tenant, "tenant", {
        region: "FR1",
        availabilityZones: ["AZ05", "AZ06"],
        snc: true,
        consoleAuthorizedIps: ["203.0.113.10/32"],
    });
    const cluster = res(T.cluster, "clu-az05", { name: "clu001-ucs01", availabilityZone: "AZ05", bladeModel: "STANDARD", hostCount: 2 });
    const lun = res(T.lun, "lun-az05", {
        name: "ds001",
        availabilityZone: "AZ05",
        tier: "STANDARD",
        sizeGib: 1024,
        globalMirror: { targetAvailabilityZone: "AZ06" },
    });
    const daily05 = res(T.policy, "daily-par7s", {
        name: "daily-par7s",
        policyName: "sla001-daily-par7s",
        policyId: "pol-par7s",
        site: "PAR7S",
        availabilityZone: "AZ05",
        status: "ACTIVE",
    });
    const daily06 = res(T.policy, "daily-th3s", {
        name: "daily-th3s",
        policyName: "sla001-daily-th3s",
        policyId: "pol-th3s",
        site: "TH3S",
        availabilityZone: "AZ06",
        status: "ACTIVE",
    });
    const workloadUrn = urn(T.workload, "web");
    const workload = res(T.workload, "web", {
        name: "web",
        replicas: 2,
        availabilityZones: ["AZ05", "AZ06"],
        backupPolicyNames: ["sla001-daily-th3s", "sla001-daily-par7s"],
        placement: [
            { vmName: "web-1", availabilityZone: "AZ05", backupSites: ["TH3S"] },
            { vmName: "web-2", availabilityZone: "AZ06", backupSites: ["PAR7S"] },
        ],
    });
    const vm1 = res(
        T.vm,
        "web-1",
        {
            name: "web-1",
            datacenterId: "dc",
            hostClusterId: "hc1",
            datastoreId: "ds1",
            availabilityZone: "AZ05",
            memory: 4 << 30,
            cpu: 2,
            powerState: "on",
            backupPolicies: ["pol-th3s"],
        },
        {
            urn: urn(T.vm, "web-1", T.workload),
            parent: workloadUrn,
            dependencies: [daily06.urn],
            propertyDependencies: { backupPolicies: [daily06.urn] },
        },
    );
    const vm2 = res(
        T.vm,
        "web-2",
        {
            name: "web-2",
            datacenterId: "dc",
            hostClusterId: "hc2",
            datastoreId: "ds2",
            availabilityZone: "AZ06",
            memory: 4 << 30,
            cpu: 2,
            powerState: "on",
            backupPolicies: ["pol-par7s"],
        },
        {
            urn: urn(T.vm, "web-2", T.workload),
            parent: workloadUrn,
            dependencies: [daily05.urn],
            propertyDependencies: { backupPolicies: [daily05.urn] },
        },
    );
    const sg = res(T.sg, "web-sg", {
        ingress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0", "::/0"], description: "https" },
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["203.0.113.0/24"], description: "ssh from bastion" },
            { protocol: "tcp", fromPort: 445, toPort: 445, cidrs: ["10.0.0.0/8"], description: "smb internal" },
        ],
        egress: [{ protocol: "all", fromPort: 0, toPort: 65535, cidrs: ["0.0.0.0/0"], description: "outbound" }],
    });
    const bucket = res(T.bucket, "assets", { name: "assets", accessType: "private", versioning: "Enabled" });
    const backups = res(T.bucket, "backups", {
        name: "backups",
        accessType: "custom",
        whitelist: ["203.0.113.0/24"],
        versioning: "Enabled",
        tags: { purpose: "backup" },
    });
    return [tenant, cluster, lun, daily05, daily06, workload, vm1, vm2, sg, bucket, backups];
}

/** The baseline with one resource's props changed (shallow merge), found by name. */
export function withProps(resources: ResourceInput[], name: string, change: Record<string, unknown>): ResourceInput[] {
    let found = false;
    const out = resources.map((r) => {
        if (r.name !== name) {
            return r;
        }
        found = true;
        return { ...r, props: { ...r.props, ...change } };
    });
    if (!found) {
        throw new Error(`no resource named ${name} in the fixture`);
    }
    return out;
}

export function byName(resources: ResourceInput[], name: string): ResourceInput {
    const r = resources.find((x) => x.name === name);
    if (!r) {
        throw new Error(`no resource named ${name}`);
    }
    return r;
}

/** The policy names, for tests that look at more than one policy. */
export const P = {
    multiAz: "securetemple-compute-multi-az-placement",
    backup: "securetemple-backup-policy-association",
    noBackup: "securetemple-backup-no-backup-acknowledged",
    offAz: "securetemple-backup-off-az-copies",
    sg: "securetemple-network-security-group-rules",
    sgExceptions: "securetemple-network-security-group-exceptions",
    residency: "securetemple-location-data-residency",
    console: "securetemple-tenant-console-allow-list",
    bucket: "securetemple-objectstorage-bucket-access",
    versioning: "securetemple-objectstorage-backup-versioning",
    lun: "securetemple-storage-lun-catalogue",
    cluster: "securetemple-compute-cluster-catalogue",
};

/** An ingress rule with a description (the messages quote it). */
export const rule = (r: Record<string, unknown>) => ({ description: "rule", ...r });

/** The baseline plus a nobackup policy assigned to web-1 (through its dependencies). */
export function withNoBackup(ack?: string, vmReason?: string): ResourceInput[] {
    const nob = res(T.policy, "nobackup", {
        name: "nobackup",
        policyName: "nobackup",
        policyId: "pol-none",
        site: "TH3S",
        availabilityZone: "AZ06",
        status: "ACTIVE",
        ...(ack ? { noBackupAcknowledgement: { reason: ack } } : {}),
    });
    return [nob, ...withProps(baseline(), "web-1", { backupPolicies: ["pol-none"], ...(vmReason ? { noBackupReason: vmReason } : {}) })];
}
