// Builds a whole tenant from its validated description, with the components of the kit: every
// piece is parented to the Tenant component, so the policy pack and `pulumi stack` show one tree.
import * as pulumi from "@pulumi/pulumi";
import { BackupPolicy, BackupVault, Cluster, Lun, SecurityGroup, Tenant, Workload } from "../provider/components";
import { Bucket } from "../provider/resources";
import { TenantConfig } from "./config";

export interface ProvisionedTenant {
    tenant: Tenant;
    workloads: Workload[];
    securityGroups: SecurityGroup[];
    buckets: Bucket[];
    vaults: BackupVault[];
}

function pick<T>(all: Map<string, T>, names: string[] | undefined): T[] {
    return names === undefined ? [...all.values()] : names.map((n) => all.get(n) as T);
}

export function provisionTenant(config: TenantConfig): ProvisionedTenant {
    const tenant = new Tenant(config.name, {
        region: config.region,
        availabilityZones: config.availabilityZones,
        snc: config.snc,
        consoleAuthorizedIps: config.consoleAuthorizedIps,
        maxConsoleIpPrefix: config.maxConsoleIpPrefix,
        contacts: config.contacts,
    });
    const child: pulumi.ComponentResourceOptions = { parent: tenant };
    const clusters = new Map(config.clusters.map((c) => [c.name, new Cluster(c.name, c, child)]));
    const luns = new Map(config.luns.map((l) => [l.name, new Lun(l.name, l, child)]));
    const policies = new Map(config.backupPolicies.map((p) => [p.name, new BackupPolicy(p.name, p, child)]));
    const defaultCandidates = [...policies.values()].filter((p) => !p.isNoBackup);

    const workloads = config.workloads.map(
        (w) =>
            new Workload(
                w.name,
                {
                    name: w.name,
                    tenant,
                    replicas: w.replicas,
                    cpu: w.cpu,
                    memoryGib: w.memoryGib,
                    diskGib: w.diskGib,
                    guestOperatingSystemMoref: w.guestOperatingSystemMoref,
                    contentLibraryItemId: w.contentLibraryItemId,
                    powerState: w.powerState,
                    availabilityZones: w.availabilityZones,
                    singleAz: w.singleAz,
                    clusters: pick(clusters, w.clusters),
                    luns: pick(luns, w.luns),
                    ...(w.backupPolicies
                        ? { backupPolicies: pick(policies, w.backupPolicies) }
                        : {
                              backupPolicyCandidates: w.backupPolicyCandidates
                                  ? pick(policies, w.backupPolicyCandidates)
                                  : defaultCandidates,
                          }),
                },
                child,
            ),
    );
    const securityGroups = config.securityGroups.map((g) => new SecurityGroup(g.name, g, child));
    const buckets = config.buckets.map((b) => new Bucket(b.name, { ...b, forceDestroy: false }, child));
    const vaults = config.backupVaults.map((v) => new BackupVault(v.name, v, child));
    return { tenant, workloads, securityGroups, buckets, vaults };
}
