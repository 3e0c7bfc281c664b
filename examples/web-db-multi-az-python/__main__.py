"""A compliant web and database tier, the web-db-multi-az example in Python.

Two workloads spread over AZ05 and AZ06, each replica backed up in the other zone's site, a
security group that opens only HTTPS to the Internet, and a bucket for static assets reachable
from the tenant's addresses only. The components are built by the provider plugin, so this program
gets the same placement, validation and bilingual errors as the TypeScript one.
"""
import pulumi
import pulumi_securetemple as securetemple
from pulumi_securetemple import backup, compute, network, objectstorage, storage

tenant = securetemple.Tenant(
    "shop",
    region="FR1",
    availability_zones=["AZ05", "AZ06"],
    snc=True,
    console_authorized_ips=["203.0.113.10/32"],
    contacts=[{"name": "Platform team", "email": "platform@shop.example", "role": "technical"}],
)
in_tenant = pulumi.ResourceOptions(parent=tenant)

# The blade clusters and LUNs the tenant subscribed to, one of each per AZ (looked up by name).
clusters = [
    compute.Cluster("clu002-az05-perf2", name="clu002-az05-perf2", availability_zone="AZ05", blade_model="PERF2", host_count=3, opts=in_tenant),
    compute.Cluster("clu001-az06-standard", name="clu001-az06-standard", availability_zone="AZ06", blade_model="STANDARD", host_count=3, opts=in_tenant),
]
luns = [
    storage.Lun("ds-az05-standard-01", name="ds-az05-standard-01", availability_zone="AZ05", tier="STANDARD", size_gib=2048, opts=in_tenant),
    storage.Lun("ds-az06-standard-01", name="ds-az06-standard-01", availability_zone="AZ06", tier="STANDARD", size_gib=2048, opts=in_tenant),
]
# Daily policies kept in PAR7S (AZ05) and TH3S (AZ06): each replica gets the one outside its AZ.
backups = [
    backup.Policy("daily-par7s", policy_name="sla001-daily-par7s", opts=in_tenant),
    backup.Policy("daily-th3s", policy_name="sla001-daily-th3s", opts=in_tenant),
]

web = compute.Workload(
    "web",
    tenant=tenant, replicas=2, cpu=2, memory_gib=4, disk_gib=40, guest_operating_system_moref="ubuntu64Guest",
    clusters=clusters, luns=luns, backup_policy_candidates=backups, opts=in_tenant,
)
db = compute.Workload(
    "db",
    tenant=tenant, replicas=2, cpu=4, memory_gib=16, disk_gib=200, guest_operating_system_moref="rhel9_64Guest",
    clusters=clusters, luns=luns, backup_policy_candidates=backups, opts=in_tenant,
)

network.SecurityGroup(
    "web-front",
    description="HTTPS from the Internet; PostgreSQL from the web tier's private range only",
    ingress=[
        {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidrs": ["0.0.0.0/0"], "description": "HTTPS"},
        {"protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidrs": ["10.10.0.0/24"], "description": "PostgreSQL from web"},
    ],
    opts=in_tenant,
)

assets = objectstorage.Bucket(
    "shop-assets", name="shop-assets", access_type="custom", whitelist=["203.0.113.10/32"], versioning="Enabled", opts=in_tenant,
)

pulumi.export("webPlacements", web.placements)
pulumi.export("dbPlacements", db.placements)
pulumi.export("assetsBucket", assets.name)
pulumi.export("slaEligibility", tenant.sla_eligibility)
