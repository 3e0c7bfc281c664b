// A small tenant for the securetemple CLI's end-to-end tests, deployed for real so that
// `pulumi stack export` holds what the components register. The Tenant (unverified) and the
// SecurityGroup are the kit's own components; the workload is declared with its type token and
// property names (the ones the Workload component registers), because placing VMs needs the
// provider and the sandbox. Config `compliant: false` gives a single-AZ tenant and workload without backup policy,
// and a security group, declared outside the component (which would refuse it), that opens SSH
// to the whole Internet.
import * as pulumi from "@pulumi/pulumi";
import { SecurityGroup } from "../../../../provider/components/securityGroup";
import { Tenant } from "../../../../provider/components/tenant";

class Declared extends pulumi.ComponentResource {
    constructor(type: string, name: string, props: pulumi.Inputs, opts?: pulumi.ComponentResourceOptions) {
        super(type, name, props, opts);
        this.registerOutputs({});
    }
}

const compliant = new pulumi.Config().requireBoolean("compliant");
const zones = compliant ? ["AZ05", "AZ06"] : ["AZ05"];

const tenant = new Tenant("acme", {
    region: "FR1",
    availabilityZones: zones,
    snc: true,
    consoleAuthorizedIps: ["203.0.113.8/29"],
    contacts: [{ name: "Platform team", email: "platform@acme.example", role: "technical" }],
    // A declaration only: no provider is configured, the audit reads what the state holds.
    verify: false,
});

new Declared(
    "securetemple:compute:Workload",
    "web",
    {
        name: "web",
        replicas: 2,
        availabilityZones: zones,
        backupPolicyNames: compliant ? ["sla001-daily-par7s", "sla001-daily-th3s"] : [],
    },
    { parent: tenant },
);

if (compliant) {
    new SecurityGroup(
        "web-sg",
        {
            ingress: [
                { protocol: "tcp", fromPort: 443, cidrs: ["0.0.0.0/0"], description: "HTTPS" },
                { protocol: "tcp", fromPort: 22, cidrs: ["203.0.113.8/29"], description: "SSH from the bastion" },
            ],
            egress: [{ protocol: "all", cidrs: ["10.0.0.0/8"] }],
        },
        { parent: tenant },
    );
} else {
    new Declared(
        "securetemple:network:SecurityGroup",
        "web-sg",
        {
            name: "web-sg",
            ingress: [
                { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"], description: "HTTPS" },
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"], description: "SSH" },
            ],
            egress: [],
        },
        { parent: tenant },
    );
}

export const availabilityZones = tenant.availabilityZones;
