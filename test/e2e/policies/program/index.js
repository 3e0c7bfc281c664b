// A tiny program for the policy pack's end-to-end tests. It registers component resources with
// the kit's type tokens and properties (no provider plugin is needed for components), in a
// compliant or a non-compliant variant chosen by SECURETEMPLE_E2E_VARIANT.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS program, run as the language host finds it
const pulumi = require("@pulumi/pulumi");

class Declared extends pulumi.ComponentResource {
    constructor(type, name, props, opts) {
        super(type, name, props, opts);
        this.registerOutputs({});
    }
}

const bad = process.env.SECURETEMPLE_E2E_VARIANT === "noncompliant";

new Declared("securetemple:index:Tenant", "tenant", {
    region: "FR1",
    availabilityZones: bad ? ["AZ05"] : ["AZ05", "AZ06"],
    snc: true,
    consoleAuthorizedIps: ["203.0.113.10/32"],
});
new Declared("securetemple:compute:Cluster", "clu-az05", {
    name: "clu001-ucs01",
    availabilityZone: "AZ05",
    bladeModel: "STANDARD",
    hostCount: 2,
});
new Declared("securetemple:backup:Policy", "daily-th3s", {
    name: "daily-th3s",
    policyName: "sla001-daily-th3s",
    site: "TH3S",
    availabilityZone: "AZ06",
    status: bad ? "HELD" : "ACTIVE",
});
new Declared("securetemple:backup:Policy", "daily-par7s", {
    name: "daily-par7s",
    policyName: "sla001-daily-par7s",
    site: "PAR7S",
    availabilityZone: "AZ05",
    status: "ACTIVE",
});
new Declared("securetemple:compute:Workload", "web", {
    name: "web",
    replicas: 2,
    availabilityZones: ["AZ05", "AZ06"],
    backupPolicyNames: ["sla001-daily-th3s", "sla001-daily-par7s"],
    placement: [
        { vmName: "web-1", availabilityZone: "AZ05", backupSites: ["TH3S"] },
        { vmName: "web-2", availabilityZone: "AZ06", backupSites: ["PAR7S"] },
    ],
});
new Declared("securetemple:network:SecurityGroup", "web-sg", {
    ingress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"], description: "https" },
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: [bad ? "0.0.0.0/0" : "203.0.113.0/24"], description: "ssh" },
    ],
    egress: [],
});
