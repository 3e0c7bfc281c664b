// The root program: provisions the tenant described in the stack configuration (`tenant`), on the
// local sandbox by default (Pulumi.sandbox.yaml) or on the real service once the provider is
// configured with its endpoint and credentials. Its outputs are what the demo prints.
import * as pulumi from "@pulumi/pulumi";
import { parseTenantConfig } from "./config";
import { provisionTenant } from "./tenant";

const config = new pulumi.Config();
const description = parseTenantConfig(config.requireObject<unknown>("tenant"));
const provisioned = provisionTenant(description);

export const tenant = {
    name: description.name,
    region: description.region,
    availabilityZones: description.availabilityZones,
    snc: description.snc,
};
export const slaEligibility = provisioned.tenant.slaEligibility;

/** Each AZ with the VMs placed in it, their cluster, LUN and where their backups are kept. */
export const resourcesByAz = pulumi.all(provisioned.workloads.map((w) => w.placements)).apply((all) => {
    const byAz: Record<string, { vm: string; cluster: string; lun: string; backupSites: string[] }[]> = {};
    for (const placement of all.flat()) {
        (byAz[placement.availabilityZone] ??= []).push({
            vm: placement.vmName,
            cluster: placement.cluster,
            lun: placement.lun,
            backupSites: placement.backupSites,
        });
    }
    return byAz;
});

export const buckets = [...provisioned.buckets.map((b) => b.name), ...provisioned.vaults.map((v) => v.bucketName)];
export const securityGroups = provisioned.securityGroups.map((g) => ({
    name: g.urn.apply((u) => u.split("::").pop() ?? u),
    ingress: g.ingress,
}));
