// Inputs for the CLI unit tests: a small tenant as a `pulumi stack export` document (compliant or
// not, with the tokens and property names the components register), and a report built by hand.
import type { CheckReport } from "../../../cli/report";
import { CliIo } from "../../../cli/io";

const project = "acme-infra";
const stackName = "dev";
export const stackUrn = `urn:pulumi:${stackName}::${project}::pulumi:pulumi:Stack::${project}-${stackName}`;

export function urnOf(type: string, name: string, parentType?: string): string {
    return `urn:pulumi:${stackName}::${project}::${parentType ? `${parentType}$` : ""}${type}::${name}`;
}

export const tenantUrn = urnOf("securetemple:index:Tenant", "acme");
export const workloadUrn = urnOf("securetemple:compute:Workload", "web", "securetemple:index:Tenant");
export const securityGroupUrn = urnOf("securetemple:network:SecurityGroup", "web-sg", "securetemple:index:Tenant");

/** A state export of a tenant, a workload and a security group; `compliant: false` breaks three rules. */
export function tenantExport(compliant: boolean, extra: Record<string, unknown>[] = []): Record<string, unknown> {
    const zones = compliant ? ["AZ05", "AZ06"] : ["AZ05"];
    return {
        version: 3,
        deployment: {
            manifest: { time: "2026-11-29T07:00:00Z", magic: "x", version: "v3.248.0" },
            secrets_providers: { type: "passphrase", state: { salt: "v1:x" } },
            resources: [
                { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", outputs: {} },
                {
                    urn: tenantUrn,
                    custom: false,
                    type: "securetemple:index:Tenant",
                    parent: stackUrn,
                    inputs: {
                        region: "FR1",
                        availabilityZones: zones,
                        snc: true,
                        consoleAuthorizedIps: ["203.0.113.8/29"],
                        maxConsoleIpPrefix: 24,
                        maxConsoleIpv6Prefix: 56,
                        contacts: [{ name: "Ops", email: "ops@acme.example" }],
                    },
                    outputs: {},
                },
                {
                    urn: workloadUrn,
                    custom: false,
                    type: "securetemple:compute:Workload",
                    parent: tenantUrn,
                    inputs: { availabilityZones: zones, replicas: 2, backupPolicyNames: compliant ? ["sla001-daily-par7s"] : [] },
                },
                {
                    urn: securityGroupUrn,
                    custom: false,
                    type: "securetemple:network:SecurityGroup",
                    parent: tenantUrn,
                    inputs: {
                        name: "web-sg",
                        ingress: [{ protocol: "tcp", fromPort: compliant ? 443 : 22, toPort: compliant ? 443 : 22, cidrs: ["0.0.0.0/0"] }],
                        egress: [],
                    },
                },
                ...extra,
            ],
        },
    };
}

/** A report with one mandatory and one advisory finding, two policies and three resources. */
export function sampleReport(): CheckReport {
    return {
        tool: { name: "securetemple", version: "0.1.0" },
        source: { kind: "state-export", path: "exports/acme.json" },
        stack: { project, stack: stackName },
        policies: [
            {
                name: "securetemple-compute-multi-az-placement",
                pack: "securetemple",
                description: { fr: "Vérifie la répartition sur deux zones.", en: "Checks the spread over two zones." },
                sections: ["8.1"],
                severity: "high",
                enforcementLevel: "mandatory",
                remediation: { fr: "Répartir les répliques.", en: "Spread the replicas." },
                levelRationale: "Single-AZ forfeits SLAs.",
                appliesTo: ["securetemple:compute:Workload", "securetemple:index:Tenant"],
            },
            {
                name: "securetemple-network-security-group-exceptions",
                pack: "securetemple",
                description: { fr: "Passe en revue les exceptions.", en: "Reviews the exceptions." },
                sections: ["8.1"],
                severity: "medium",
                enforcementLevel: "advisory",
                remediation: { fr: "Justifier l'exception.", en: "Justify the exception." },
                appliesTo: ["securetemple:network:SecurityGroup"],
            },
            {
                name: "securetemple-objectstorage-bucket-access",
                pack: "securetemple",
                description: { fr: "Vérifie l'accès aux buckets.", en: "Checks bucket access." },
                sections: ["8.4"],
                severity: "critical",
                enforcementLevel: "mandatory",
                appliesTo: ["securetemple:objectstorage:Bucket"],
            },
        ],
        resources: [
            { urn: tenantUrn, type: "securetemple:index:Tenant", name: "acme" },
            { urn: workloadUrn, type: "securetemple:compute:Workload", name: "web" },
            { urn: securityGroupUrn, type: "securetemple:network:SecurityGroup", name: "web-sg" },
        ],
        findings: [
            {
                policyName: "securetemple-compute-multi-az-placement",
                enforcementLevel: "mandatory",
                urn: workloadUrn,
                resourceType: "securetemple:compute:Workload",
                resourceName: "web",
                message:
                    'FR La charge « web » est dans une seule zone <AZ05> & rien d\'autre. / EN The workload "web" runs in one zone <AZ05> & nothing else.',
                origin: "check",
            },
            {
                policyName: "securetemple-network-security-group-exceptions",
                enforcementLevel: "advisory",
                urn: securityGroupUrn,
                resourceType: "securetemple:network:SecurityGroup",
                resourceName: "web-sg",
                message: "FR Exception à revoir. / EN Exception to review.",
                origin: "check",
            },
        ],
    };
}

/** An io that records what a command prints and serves `stdin` as standard input. */
export function captureIo(stdin = ""): CliIo & { out: string; err: string } {
    const io = {
        out: "",
        err: "",
        stdout(text: string) {
            io.out += text;
        },
        stderr(text: string) {
            io.err += text;
        },
        readStdin: () => Promise.resolve(stdin),
    };
    return io;
}
