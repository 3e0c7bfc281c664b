// What the policy pack is for: a stack written without the kit's components, straight on the
// resources, that breaks the service convention in four ways. `pulumi preview --policy-pack`
// fails on it; nothing here should ever be deployed.
//   1. a tenant in one AZ only (convention 8.1: SLAs 1, 2 and 4 need two AZs);
//   2. a VM without any backup policy (convention 8.5, 9.5);
//   3. SSH open to the whole Internet (convention 8.1, remarks);
//   4. a public bucket (object storage must stay reachable by the tenant's addresses only).
// In your own project, import from "@securetemple/pulumi" instead of the relative path.
import * as pulumi from "@pulumi/pulumi";
import { Bucket, componentTokens, getDatastoreOutput, getHostClusterOutput, Tenant, VirtualMachine } from "../../provider";

// The Tenant component accepts one AZ (it only warns): the choice is the tenant's, the pipeline refuses it.
new Tenant("single-site", {
    region: "FR1",
    availabilityZones: ["AZ05"],
    snc: true,
    consoleAuthorizedIps: ["203.0.113.10/32"],
    contacts: [{ name: "Ops", email: "ops@single-site.example" }],
});

const cluster = getHostClusterOutput({ name: "clu002-az05-perf2" });
const datastore = getDatastoreOutput({ name: "ds-az05-standard-01" });

new VirtualMachine("lonely-app", {
    name: "lonely-app",
    datacenterId: cluster.datacenterId,
    hostClusterId: cluster.id,
    datastoreId: datastore.id,
    availabilityZone: "AZ05",
    memory: 4 * 1024 ** 3,
    cpu: 2,
    guestOperatingSystemMoref: "ubuntu64Guest",
    // Powered off: the API itself refuses to start a VM without a backup policy on an SNC tenant.
    powerState: "off",
    backupPolicies: [],
});

/**
 * A firewall declaration made by a team's own wrapper instead of the kit's SecurityGroup
 * component (which would refuse this rule): the policy pack checks the declaration all the same.
 */
class HandRolledFirewall extends pulumi.ComponentResource {
    constructor(name: string, ingress: { protocol: string; fromPort: number; toPort: number; cidrs: string[]; description: string }[]) {
        super(componentTokens.securityGroup, name, { ingress, egress: [] });
        this.registerOutputs({ ingress, egress: [] });
    }
}
new HandRolledFirewall("admin-access", [
    { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"], description: "SSH from anywhere" },
]);

new Bucket("public-downloads", { name: "public-downloads", accessType: "public" });
