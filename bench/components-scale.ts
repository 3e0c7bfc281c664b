// Cost of the component layer itself: builds a tenant and one workload of N replicas under Pulumi
// mocks (no engine, no API) and waits until every VM, disk and NIC is registered. Prints the median
// of 5 runs per size and the cost per replica relative to the smallest size.
// Run: node -r ts-node/register/transpile-only bench/components-scale.ts
import * as pulumi from "@pulumi/pulumi";
import { functionTokens } from "../provider/resources/tokens";

const gib = 1024 ** 3;
const zones = ["AZ05", "AZ06", "AZ07"] as const;
let registrations = 0;

void pulumi.runtime.setMocks(
    {
        newResource(args) {
            registrations++;
            return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs };
        },
        call(args) {
            const name = String(args.inputs.name ?? "");
            const az = zones.find((z) => name.includes(z.toLowerCase())) ?? "AZ05";
            switch (args.token) {
                case functionTokens.getTenant:
                    return { id: "t", name: "bench", snc: true, companyId: "c" };
                case functionTokens.getAvailabilityZones:
                    return { names: [...zones], zones: zones.map((z) => ({ name: z, datacenterId: `dc-${z}`, datacenterName: z })) };
                case functionTokens.getHostCluster:
                    return {
                        id: `hc-${az}`,
                        name,
                        availabilityZone: az,
                        bladeModel: "PERF3_V3",
                        hostCount: 32,
                        datacenterId: `dc-${az}`,
                        totalMemory: 0,
                        freeMemory: 0,
                    };
                case functionTokens.getDatastore:
                    return {
                        id: `ds-${az}`,
                        name,
                        availabilityZone: az,
                        tier: "STANDARD",
                        capacity: 8192 * gib,
                        freeCapacity: 8192 * gib,
                        datacenterId: `dc-${az}`,
                    };
                case functionTokens.getNetwork:
                    return { id: `net-${name}`, name, moref: "dvportgroup-1" };
                case functionTokens.getBackupPolicy: {
                    const site = name.endsWith("par7s") ? "PAR7S" : "TH3S";
                    return { id: `bp-${name}`, name, site, availabilityZone: site === "PAR7S" ? "AZ05" : "AZ06", status: "ACTIVE" };
                }
                default:
                    throw new Error(`unexpected call ${args.token}`);
            }
        },
    },
    "bench",
    "bench",
);

async function once(replicas: number, run: number): Promise<number> {
    // Imported after the mocks are set, as a program would be.
    const { BackupPolicy, Cluster, Lun, Tenant, Workload } = await import("../provider/components");
    const start = process.hrtime.bigint();
    const p = `r${replicas}-${run}`;
    const tenant = new Tenant(`${p}-tenant`, {
        region: "FR1",
        availabilityZones: [...zones],
        snc: true,
        consoleAuthorizedIps: ["203.0.113.8/29"],
        contacts: [{ name: "Ops", email: "ops@bench.example" }],
    });
    const clusters = zones.map(
        (z) => new Cluster(`${p}-c-${z}`, { name: `clu-${z.toLowerCase()}`, availabilityZone: z, bladeModel: "PERF3", hostCount: 32 }),
    );
    const luns = zones.map(
        (z) => new Lun(`${p}-l-${z}`, { name: `ds-${z.toLowerCase()}`, availabilityZone: z, tier: "STANDARD", sizeGib: 8192 }),
    );
    const candidates = ["par7s", "th3s"].map((s) => new BackupPolicy(`${p}-bp-${s}`, { policyName: `daily-${s}` }));
    const w = new Workload(`${p}-web`, {
        tenant,
        replicas,
        cpu: 1,
        memoryGib: 1,
        diskGib: 10,
        guestOperatingSystemMoref: "ubuntu64Guest",
        networks: { AZ05: "net-az05", AZ06: "net-az06", AZ07: "net-az07" },
        clusters,
        luns,
        backupPolicyCandidates: candidates,
    });
    await new Promise<void>((resolve) =>
        pulumi
            .all([w.vmIds, pulumi.all(w.disks.map((d) => d.id)), pulumi.all(w.networkAdapters.map((n) => n.id)), w.placements])
            .apply(() => resolve()),
    );
    return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
    const s = [...values].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
    const sizes = [10, 100, 500];
    const results: { replicas: number; medianMs: number; perReplicaMs: number }[] = [];
    for (const replicas of sizes) {
        const times: number[] = [];
        for (let run = 0; run < 5; run++) {
            times.push(await once(replicas, run));
        }
        const medianMs = median(times);
        results.push({ replicas, medianMs, perReplicaMs: medianMs / replicas });
    }
    const base = results[0].perReplicaMs;
    console.log("replicas  median ms  ms/replica  per-replica ratio to 10");
    for (const r of results) {
        console.log(
            `${String(r.replicas).padStart(8)}  ${r.medianMs.toFixed(1).padStart(9)}  ${r.perReplicaMs.toFixed(3).padStart(10)}  ${(r.perReplicaMs / base).toFixed(2).padStart(8)}`,
        );
    }
    console.log(`registrations: ${registrations}`);
}

void main();
