// A compliant web and database tier, the web-db-multi-az example in Go: two workloads spread over
// AZ05 and AZ06, each replica backed up in the other zone's site, a security group that opens only
// HTTPS to the Internet, and a bucket for static assets reachable from the tenant's addresses only.
// The components are built by the provider plugin, so this program gets the same placement,
// validation and bilingual errors as the TypeScript one.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/securetemple/pulumi-securetemple/sdk/go/securetemple"
	"github.com/securetemple/pulumi-securetemple/sdk/go/securetemple/backup"
	"github.com/securetemple/pulumi-securetemple/sdk/go/securetemple/compute"
	"github.com/securetemple/pulumi-securetemple/sdk/go/securetemple/network"
	"github.com/securetemple/pulumi-securetemple/sdk/go/securetemple/objectstorage"
	"github.com/securetemple/pulumi-securetemple/sdk/go/securetemple/storage"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		tenant, err := securetemple.NewTenant(ctx, "shop", &securetemple.TenantArgs{
			Region:               "FR1",
			AvailabilityZones:    []pulumi.StringInput{pulumi.String("AZ05"), pulumi.String("AZ06")},
			Snc:                  true,
			ConsoleAuthorizedIps: []pulumi.StringInput{pulumi.String("203.0.113.10/32")},
			Contacts: []securetemple.TenantContactInput{securetemple.TenantContactArgs{
				Name: pulumi.String("Platform team"), Email: pulumi.String("platform@shop.example"), Role: pulumi.String("technical"),
			}},
		})
		if err != nil {
			return err
		}
		inTenant := pulumi.Parent(tenant)

		// The blade clusters and LUNs the tenant subscribed to, one of each per AZ (looked up by name).
		var clusters []compute.ClusterInput
		for _, c := range []compute.ClusterArgs{
			{Name: "clu002-az05-perf2", AvailabilityZone: "AZ05", BladeModel: "PERF2", HostCount: 3},
			{Name: "clu001-az06-standard", AvailabilityZone: "AZ06", BladeModel: "STANDARD", HostCount: 3},
		} {
			cluster, err := compute.NewCluster(ctx, c.Name, &c, inTenant)
			if err != nil {
				return err
			}
			clusters = append(clusters, cluster)
		}
		var luns []storage.LunInput
		for _, l := range []storage.LunArgs{
			{Name: "ds-az05-standard-01", AvailabilityZone: "AZ05", Tier: "STANDARD", SizeGib: 2048},
			{Name: "ds-az06-standard-01", AvailabilityZone: "AZ06", Tier: "STANDARD", SizeGib: 2048},
		} {
			lun, err := storage.NewLun(ctx, l.Name, &l, inTenant)
			if err != nil {
				return err
			}
			luns = append(luns, lun)
		}
		// Daily policies kept in PAR7S (AZ05) and TH3S (AZ06): each replica gets the one outside its AZ.
		var backups []backup.PolicyInput
		for _, b := range []struct{ name, policy string }{{"daily-par7s", "sla001-daily-par7s"}, {"daily-th3s", "sla001-daily-th3s"}} {
			p, err := backup.NewPolicy(ctx, b.name, &backup.PolicyArgs{PolicyName: b.policy}, inTenant)
			if err != nil {
				return err
			}
			backups = append(backups, p)
		}

		workload := func(name string, cpu, memoryGib, diskGib int, guest string) (*compute.Workload, error) {
			return compute.NewWorkload(ctx, name, &compute.WorkloadArgs{
				Tenant: tenant, Replicas: 2, Cpu: cpu, MemoryGib: memoryGib, DiskGib: diskGib,
				GuestOperatingSystemMoref: &guest, Clusters: clusters, Luns: luns, BackupPolicyCandidates: backups,
			}, inTenant)
		}
		web, err := workload("web", 2, 4, 40, "ubuntu64Guest")
		if err != nil {
			return err
		}
		db, err := workload("db", 4, 16, 200, "rhel9_64Guest")
		if err != nil {
			return err
		}

		description := "HTTPS from the Internet; PostgreSQL from the web tier's private range only"
		if _, err := network.NewSecurityGroup(ctx, "web-front", &network.SecurityGroupArgs{
			Description: &description,
			Ingress: []network.SecurityGroupRuleInput{
				network.SecurityGroupRuleArgs{Protocol: network.RuleProtocolTcp, FromPort: pulumi.Int(443), ToPort: pulumi.Int(443),
					Cidrs: pulumi.StringArray{pulumi.String("0.0.0.0/0")}, Description: pulumi.String("HTTPS")},
				network.SecurityGroupRuleArgs{Protocol: network.RuleProtocolTcp, FromPort: pulumi.Int(5432), ToPort: pulumi.Int(5432),
					Cidrs: pulumi.StringArray{pulumi.String("10.10.0.0/24")}, Description: pulumi.String("PostgreSQL from web")},
			},
		}, inTenant); err != nil {
			return err
		}

		assets, err := objectstorage.NewBucket(ctx, "shop-assets", &objectstorage.BucketArgs{
			Name: pulumi.String("shop-assets"), AccessType: objectstorage.AccessTypeCustom,
			Whitelist: pulumi.StringArray{pulumi.String("203.0.113.10/32")}, Versioning: objectstorage.VersioningEnabled,
		}, inTenant)
		if err != nil {
			return err
		}

		ctx.Export("webPlacements", web.Placements)
		ctx.Export("dbPlacements", db.Placements)
		ctx.Export("assetsBucket", assets.Name)
		ctx.Export("slaEligibility", tenant.SlaEligibility)
		return nil
	})
}
