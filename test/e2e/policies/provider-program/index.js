// Custom resources of the kit's own provider, previewed under the policy pack: the policies see
// the plugin's real resource types and the inputs the engine sends at preview. Nothing here needs
// the API: no lookups, literal ids. SECURETEMPLE_E2E_VARIANT picks compliant or noncompliant.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS program, run as the language host finds it */
const pulumi = require("@pulumi/pulumi");
const st = require("../../../../dist/provider/resources");
/* eslint-enable @typescript-eslint/no-require-imports */

const bad = process.env.SECURETEMPLE_E2E_VARIANT === "noncompliant";
const gib = 1024 * 1024 * 1024;
const uuid = (n) => `0f6c1d2e-0000-4000-8000-${String(n).padStart(12, "0")}`;

// A workload declared as a component (as the Workload component registers itself); its VMs are its children.
class Workload extends pulumi.ComponentResource {
    constructor(name, props) {
        super("securetemple:compute:Workload", name, props);
        this.registerOutputs({});
    }
}
const web = new Workload("web", {
    name: "web",
    replicas: 2,
    availabilityZones: ["AZ05", "AZ06"],
    backupPolicyNames: ["sla001-daily-th3s", "sla001-daily-par7s"],
});

const vm = (name, backupPolicies, availabilityZone, index, powerState = "on") =>
    new st.VirtualMachine(
        name,
        {
            name,
            datacenterId: uuid(1),
            hostClusterId: uuid(10 + index),
            datastoreId: uuid(20 + index),
            availabilityZone,
            memory: 2 * gib,
            cpu: 2,
            guestOperatingSystemMoref: "ubuntu64Guest",
            powerState,
            backupPolicies,
        },
        { parent: web },
    );

vm("web-1", [uuid(100)], "AZ05", 1);
// The provider itself refuses a powered-on VM without backup; a powered-off one is the pack's to catch.
vm("web-2", bad ? [] : [uuid(101)], bad ? "AZ05" : "AZ06", 2, bad ? "off" : "on");
new st.Bucket("assets", { name: "assets", accessType: bad ? "public" : "private", versioning: "Enabled" });
new st.Bucket("backups", {
    name: "backups",
    accessType: "private",
    versioning: bad ? "Suspended" : "Enabled",
    tags: { purpose: "backup" },
});
