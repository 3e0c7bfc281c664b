// A compliant web and database tier: two workloads spread over AZ05 and AZ06, each replica backed
// up in the other zone's site, a security group that opens only HTTPS to the Internet, and a
// bucket for static assets reachable from the tenant's addresses only.
// In your own project, import from "@securetemple/pulumi" instead of the relative path.
import { BackupPolicy, Bucket, Cluster, Lun, SecurityGroup, Tenant, Workload } from "../../provider";

const tenant = new Tenant("shop", {
    region: "FR1",
    availabilityZones: ["AZ05", "AZ06"],
    snc: true,
    consoleAuthorizedIps: ["203.0.113.10/32"],
    contacts: [{ name: "Platform team", email: "platform@shop.example", role: "technical" }],
});
const inTenant = { parent: tenant };

// The blade clusters and LUNs the tenant subscribed to, one of each per AZ (looked up by name).
const clusters = [
    new Cluster("clu002-az05-perf2", { name: "clu002-az05-perf2", availabilityZone: "AZ05", bladeModel: "PERF2", hostCount: 3 }, inTenant),
    new Cluster(
        "clu001-az06-standard",
        { name: "clu001-az06-standard", availabilityZone: "AZ06", bladeModel: "STANDARD", hostCount: 3 },
        inTenant,
    ),
];
const luns = [
    new Lun("ds-az05-standard-01", { name: "ds-az05-standard-01", availabilityZone: "AZ05", tier: "STANDARD", sizeGib: 2048 }, inTenant),
    new Lun("ds-az06-standard-01", { name: "ds-az06-standard-01", availabilityZone: "AZ06", tier: "STANDARD", sizeGib: 2048 }, inTenant),
];
// Daily policies kept in PAR7S (AZ05) and TH3S (AZ06): each replica gets the one outside its AZ.
const backups = [
    new BackupPolicy("daily-par7s", { policyName: "sla001-daily-par7s" }, inTenant),
    new BackupPolicy("daily-th3s", { policyName: "sla001-daily-th3s" }, inTenant),
];

const web = new Workload(
    "web",
    {
        tenant,
        replicas: 2,
        cpu: 2,
        memoryGib: 4,
        diskGib: 40,
        guestOperatingSystemMoref: "ubuntu64Guest",
        clusters,
        luns,
        backupPolicyCandidates: backups,
    },
    inTenant,
);
const db = new Workload(
    "db",
    {
        tenant,
        replicas: 2,
        cpu: 4,
        memoryGib: 16,
        diskGib: 200,
        guestOperatingSystemMoref: "rhel9_64Guest",
        clusters,
        luns,
        backupPolicyCandidates: backups,
    },
    inTenant,
);

new SecurityGroup(
    "web-front",
    {
        description: "HTTPS from the Internet; PostgreSQL from the web tier's private range only",
        ingress: [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"], description: "HTTPS" },
            { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrs: ["10.10.0.0/24"], description: "PostgreSQL from web" },
        ],
    },
    inTenant,
);

const assets = new Bucket(
    "shop-assets",
    { name: "shop-assets", accessType: "custom", whitelist: ["203.0.113.10/32"], versioning: "Enabled" },
    inTenant,
);

export const webPlacements = web.placements;
export const dbPlacements = db.placements;
export const assetsBucket = assets.name;
export const slaEligibility = tenant.slaEligibility;
