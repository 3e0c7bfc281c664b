// Measures the whole policy pack evaluated in-process over synthetic stacks of 1 000, 10 000 and
// 50 000 resources (a realistic mix: per workload a Workload component, its VMs, a security
// group and a bucket; per AZ clusters, LUNs and backup policies; some bridged and vSphere VMs with
// tags). Each size runs in its own child process so that peak memory is per size. Prints the
// median policy time, resources per second, peak RSS, and the cost per resource relative to the
// smallest size (1.0 means linear).
// Usage: node -r ts-node/register/transpile-only bench/policies-scale.ts [runs]
import { execFileSync } from "child_process";
import * as os from "os";
import { evaluate, ResourceInput } from "../policies/engine";

const zones = ["AZ05", "AZ06", "AZ07"];
const sites: Record<string, string> = { AZ05: "PAR7S", AZ06: "TH3S", AZ07: "DATA4" };
const urn = (type: string, name: string, parentType?: string) =>
    `urn:pulumi:bench::scale::${parentType ? `${parentType}$` : ""}${type}::${name}`;

/** A synthetic stack of about `size` resources; mostly compliant, with a few findings of each kind. */
export function syntheticStack(size: number): ResourceInput[] {
    const out: ResourceInput[] = [];
    out.push({
        urn: urn("securetemple:index:Tenant", "tenant"),
        type: "securetemple:index:Tenant",
        props: { region: "FR1", availabilityZones: ["AZ05", "AZ06", "AZ07"], snc: true, consoleAuthorizedIps: ["203.0.113.10/32"] },
    });
    const policyUrns: string[] = [];
    // A suspended policy, assigned now and then next to an active one.
    const held = {
        urn: urn("securetemple:backup:Policy", "held-TH3S"),
        type: "securetemple:backup:Policy",
        props: {
            name: "held-TH3S",
            policyName: "sla002-held-th3s",
            policyId: "pol-held",
            site: "TH3S",
            availabilityZone: "AZ06",
            status: "HELD",
        },
    };
    out.push(held);
    for (const az of zones) {
        const site = sites[az];
        const p = {
            urn: urn("securetemple:backup:Policy", `daily-${site}`),
            type: "securetemple:backup:Policy",
            props: {
                name: `daily-${site}`,
                policyName: `sla001-daily-${site.toLowerCase()}`,
                policyId: `pol-${site}`,
                site,
                availabilityZone: az,
                status: "ACTIVE",
            },
        };
        policyUrns.push(p.urn);
        out.push(p);
    }
    let i = 0;
    while (out.length < size) {
        const w = `w${i}`;
        const wType = "securetemple:compute:Workload";
        const wUrn = urn(wType, w);
        const a = zones[i % 3];
        // Now and then a workload declared in one zone, or declared in two but whose VMs all run in one.
        const b = i % 41 === 7 ? a : zones[(i + 1) % 3];
        const vmZone = (k: number) => (i % 59 === 11 ? a : k % 2 ? b : a);
        out.push({
            urn: wUrn,
            type: wType,
            props: {
                name: w,
                replicas: 3,
                availabilityZones: [a, b],
                backupPolicyNames: [`sla001-daily-${sites[b].toLowerCase()}`],
                placement: [0, 1, 2].map((k) => ({
                    vmName: `${w}-vm${k}`,
                    availabilityZone: k % 2 ? b : a,
                    backupSites: [sites[k % 2 ? a : b]],
                })),
            },
        });
        for (let k = 0; k < 3; k++) {
            const az = vmZone(k);
            const policy = policyUrns[zones.indexOf(k % 2 ? a : b)];
            const policies = i % 61 === 5 && k === 1 ? [policy, held.urn] : [policy];
            const empty = i % 97 === 0 && k === 0;
            out.push({
                urn: urn("securetemple:compute:VirtualMachine", `${w}-vm${k}`, wType),
                type: "securetemple:compute:VirtualMachine",
                parent: wUrn,
                dependencies: policies,
                propertyDependencies: { backupPolicies: policies },
                props: {
                    name: `${w}-vm${k}`,
                    datacenterId: "dc",
                    hostClusterId: `hc-${az}`,
                    datastoreId: `ds-${az}`,
                    availabilityZone: az,
                    memory: 8 << 30,
                    cpu: 4,
                    powerState: "on",
                    backupPolicies: empty ? [] : ["04da6b54-80e4-46f7-96ec-b56ff0331ba9"],
                },
            });
        }
        out.push({
            urn: urn("securetemple:network:SecurityGroup", `${w}-sg`),
            type: "securetemple:network:SecurityGroup",
            props: {
                ingress: [
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"], description: "https" },
                    {
                        protocol: "tcp",
                        fromPort: 22,
                        toPort: 22,
                        cidrs: [i % 53 === 0 ? "0.0.0.0/0" : i % 43 === 3 ? "0.0.0.0/1" : "203.0.113.0/24"],
                        description: "ssh",
                    },
                    // Now and then the other half of the Internet on a second rule, or NFS from a public range.
                    ...(i % 43 === 3
                        ? [{ protocol: "tcp", fromPort: 20, toPort: 23, cidrs: ["128.0.0.0/1"], description: "ftp and ssh" }]
                        : []),
                    ...(i % 47 === 9
                        ? [{ protocol: "udp", fromPort: 2049, toPort: 2049, cidrs: ["10.0.0.0/8", "198.51.100.0/24"], description: "nfs" }]
                        : []),
                ],
                egress: [],
            },
        });
        out.push({
            urn: urn("securetemple:objectstorage:Bucket", `${w}-data`),
            type: "securetemple:objectstorage:Bucket",
            props: {
                name: `${w}-data`,
                accessType: i % 71 === 0 ? "public" : "private",
                versioning: "Enabled",
                tags: { purpose: i % 5 === 0 ? "backup" : "data" },
            },
        });
        if (i % 10 === 0) {
            for (const az of new Set([a, b])) {
                out.push({
                    urn: urn("securetemple:compute:Cluster", `${w}-clu-${az}`),
                    type: "securetemple:compute:Cluster",
                    props: { name: `clu-${w}-${az}`, availabilityZone: az, bladeModel: "STANDARD", hostCount: i % 30 === 0 ? 1 : 2 },
                });
                out.push({
                    urn: urn("securetemple:storage:Lun", `${w}-lun-${az}`),
                    type: "securetemple:storage:Lun",
                    props: { name: `lun-${w}-${az}`, availabilityZone: az, tier: "STANDARD", sizeGib: 1024 },
                });
            }
            out.push({
                urn: urn("cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine", `${w}-legacy`),
                type: "cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine",
                props: { name: `${w}-legacy`, powerState: "on", backupSlaPolicies: ["pol-PAR7S"] },
            });
            const cat = urn("vsphere:index/tagCategory:TagCategory", `${w}-cat`);
            const tag = urn("vsphere:index/tag:Tag", `${w}-tag`);
            // Now and then the VM's only tag is from a category that is not a backup one.
            out.push({
                urn: cat,
                type: "vsphere:index/tagCategory:TagCategory",
                props: { name: i % 70 === 30 ? "environment" : "backup-policy", cardinality: "SINGLE" },
            });
            // Half as a preview sees them (tag ids unknown, linked by dependencies), half as a state audit (known ids).
            const audit = i % 20 === 0;
            const tagId = audit ? `urn:vmomi:InventoryServiceTag:${w}` : "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
            out.push({
                urn: tag,
                type: "vsphere:index/tag:Tag",
                dependencies: audit ? [] : [cat],
                propertyDependencies: audit ? {} : { categoryId: [cat] },
                props: {
                    ...(audit ? { id: tagId } : {}),
                    name: "sla001-daily-th3s",
                    categoryId: audit ? `urn:vmomi:InventoryServiceCategory:${w}` : "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
                },
            });
            out[out.length - 2].props = {
                ...out[out.length - 2].props,
                ...(audit ? { id: `urn:vmomi:InventoryServiceCategory:${w}` } : {}),
            };
            out.push({
                urn: urn("vsphere:index/virtualMachine:VirtualMachine", `${w}-vs`),
                type: "vsphere:index/virtualMachine:VirtualMachine",
                dependencies: audit ? [] : [tag],
                propertyDependencies: audit ? {} : { tags: [tag] },
                props: { name: `${w}-vs`, resourcePoolId: "rp", tags: [tagId] },
            });
        }
        i++;
    }
    return out.slice(0, size);
}

function median(values: number[]): number {
    const s = [...values].sort((x, y) => x - y);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface Result {
    size: number;
    medianMs: number;
    /** CPU time of the process (user + system), less sensitive than wall time to a busy machine. */
    medianCpuMs: number;
    findings: number;
    peakRssMiB: number;
}

async function measure(size: number, runs: number): Promise<Result> {
    const resources = syntheticStack(size);
    await evaluate(resources); // warm-up: JIT and schema compilation
    const times: number[] = [];
    const cpu: number[] = [];
    let findings = 0;
    for (let r = 0; r < runs; r++) {
        const start = process.hrtime.bigint();
        const startCpu = process.cpuUsage();
        findings = (await evaluate(resources)).length;
        const used = process.cpuUsage(startCpu);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        cpu.push((used.user + used.system) / 1000);
    }
    return { size, medianMs: median(times), medianCpuMs: median(cpu), findings, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

async function main(): Promise<void> {
    const childSize = process.env.BENCH_POLICIES_SIZE;
    const runs = Number(process.argv[2] ?? 5);
    if (childSize) {
        process.stdout.write(JSON.stringify(await measure(Number(childSize), runs)));
        return;
    }
    const results: Result[] = [];
    for (const size of [1_000, 10_000, 50_000]) {
        const out = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", __filename, String(runs)], {
            env: { ...process.env, BENCH_POLICIES_SIZE: String(size) },
            encoding: "utf8",
            maxBuffer: 1 << 20,
        });
        results.push(JSON.parse(out) as Result);
    }
    const base = results[0].medianMs / results[0].size;
    const baseCpu = results[0].medianCpuMs / results[0].size;
    console.log(
        `policy pack, in-process, median of ${runs} runs per size (node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs)`,
    );
    console.log("resources  median ms  median CPU ms  resources/s  findings  peak RSS MiB  cost per resource vs 1k (wall, CPU)");
    for (const r of results) {
        const perSecond = Math.round((r.size / r.medianMs) * 1000);
        const ratio = r.medianMs / r.size / base;
        const cpuRatio = r.medianCpuMs / r.size / baseCpu;
        console.log(
            `${String(r.size).padStart(9)}  ${r.medianMs.toFixed(1).padStart(9)}  ${r.medianCpuMs.toFixed(1).padStart(13)}  ${String(perSecond).padStart(11)}  ${String(r.findings).padStart(8)}  ${r.peakRssMiB.toFixed(0).padStart(12)}  ${ratio.toFixed(2).padStart(10)}, ${cpuRatio.toFixed(2)}`,
        );
    }
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
