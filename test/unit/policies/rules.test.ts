// Per policy: the compliant baseline passes, each violation is caused by changing one thing, knobs
// change the outcome, and unknown values neither report nor crash.
import * as assert from "assert";
import { unknownValue } from "../../../policies/engine";
import type { ResourceInput } from "../../../policies/engine";
import { baseline, byName, res, T, urn, withProps } from "./fixtures";
import { policies } from "../../../policies/rules";
import { expectNone, expectOne, of, remediateThroughServer, run } from "./harness";

const P = {
    multiAz: "securetemple-compute-multi-az-placement",
    backup: "securetemple-backup-policy-association",
    noBackup: "securetemple-backup-no-backup-acknowledged",
    offAz: "securetemple-backup-off-az-copies",
    sg: "securetemple-network-security-group-rules",
    sgExceptions: "securetemple-network-security-group-exceptions",
    residency: "securetemple-location-data-residency",
    console: "securetemple-tenant-console-allow-list",
    bucket: "securetemple-objectstorage-bucket-access",
    versioning: "securetemple-objectstorage-backup-versioning",
    lun: "securetemple-storage-lun-catalogue",
    cluster: "securetemple-compute-cluster-catalogue",
};

const rule = (r: Record<string, unknown>) => ({ description: "rule", ...r });

/** The baseline plus a nobackup policy assigned to web-1 (through its dependencies). */
function withNoBackup(ack?: string, vmReason?: string): ResourceInput[] {
    const nob = res(T.policy, "nobackup", { name: "nobackup", policyName: "nobackup", policyId: "pol-none", site: "TH3S", availabilityZone: "AZ06", status: "ACTIVE", ...(ack ? { noBackupAcknowledgement: { reason: ack } } : {}) });
    return [nob, ...withProps(baseline(), "web-1", { backupPolicies: ["pol-none"], ...(vmReason ? { noBackupReason: vmReason } : {}) })];
}

describe("policies", () => {
    describe(P.multiAz, () => {
        it("reports a tenant on one AZ", async () => expectOne(await run(withProps(baseline(), "tenant", { availabilityZones: ["AZ05"] })), P.multiAz, "tenant", "1 zone", "AZ05"));
        it("does not take an absent tenant AZ list for an empty one", async () => expectNone(await run(withProps(baseline(), "tenant", { availabilityZones: undefined })), P.multiAz));
        it("counts duplicate AZs once", async () => expectOne(await run(withProps(baseline(), "tenant", { availabilityZones: ["AZ05", "az05"] })), P.multiAz, "tenant"));
        it("reports a one-host cluster", async () => expectOne(await run(withProps(baseline(), "clu-az05", { hostCount: 1 })), P.multiAz, "clu-az05", "1 host"));
        it("reports a workload whose replicas share one AZ", async () =>
            expectOne(await run(withProps(baseline(), "web", { availabilityZones: ["AZ05"] })), P.multiAz, "web", "AZ05"));
        it("reads the placement list when availabilityZones is absent", async () => {
            const placement = [{ vmName: "web-1", availabilityZone: "AZ05", backupSites: ["TH3S"] }, { vmName: "web-2", availabilityZone: "AZ05", backupSites: ["TH3S"] }];
            expectOne(await run(withProps(baseline(), "web", { availabilityZones: undefined, placement })), P.multiAz, "web");
        });
        it("reports a workload whose child VMs all run in one AZ (through parent)", async () =>
            expectOne(await run(withProps(baseline(), "web-2", { availabilityZone: "AZ05" })), P.multiAz, "web", "web-1, web-2", "AZ05"));
        it("mentions a declared singleAz and accepts it only with the knob", async () => {
            const single = withProps(baseline(), "web", { availabilityZones: ["AZ05"], singleAz: true });
            expectOne(await run(single), P.multiAz, "web", "singleAz");
            expectNone(await run(single, { [P.multiAz]: { allowDeclaredSingleAz: true } }), P.multiAz);
        });
        it("honours minHostsPerCluster and minAvailabilityZones", async () => {
            expectOne(await run(baseline(), { [P.multiAz]: { minHostsPerCluster: 3 } }), P.multiAz, "clu-az05");
            assert.strictEqual(of(await run(baseline(), { [P.multiAz]: { minAvailabilityZones: 3 } }), P.multiAz).length, 2);
        });
        it("does not decide on unknown zones or host counts", async () => {
            let r = withProps(baseline(), "tenant", { availabilityZones: ["AZ05", unknownValue] });
            r = withProps(r, "clu-az05", { hostCount: unknownValue });
            r = withProps(r, "web", { availabilityZones: unknownValue });
            r = withProps(r, "web-2", { availabilityZone: unknownValue });
            expectNone(await run(r), P.multiAz);
        });
    });

    describe(P.backup, () => {
        it("reports a powered-on VM without policy", async () =>
            expectOne(await run(withProps(baseline(), "web-1", { backupPolicies: [] })), P.backup, "web-1", "powered on"));
        it("reports a VM whose powerState is absent (defaults to on)", async () =>
            expectOne(await run(withProps(baseline(), "web-1", { backupPolicies: [], powerState: undefined })), P.backup, "web-1", "powered on"));
        it("reports a powered-off VM without policy unless allowed", async () => {
            const off = withProps(baseline(), "web-1", { backupPolicies: [], powerState: "off" });
            expectOne(await run(off), P.backup, "web-1", "cannot be started");
            expectNone(await run(off, { [P.backup]: { allowPoweredOffWithoutBackup: true } }), P.backup);
        });
        it("reports a HELD policy assigned through a dependency", async () =>
            expectOne(await run(withProps(baseline(), "daily-th3s", { status: "HELD" })).then((v) => v.filter((x) => x.resourceName === "web-1")), P.backup, "web-1", "HELD", "sla001-daily-th3s"));
        it("reports a HELD policy named by a workload", async () => {
            const v = await run(withProps(baseline(), "daily-par7s", { status: "HELD" }));
            assert.deepStrictEqual(of(v, P.backup).map((x) => x.resourceName).sort(), ["web", "web-2"]);
        });
        it("reports nobackup without acknowledgement, and not with one", async () => {
            expectOne(await run(withNoBackup()), P.backup, "web-1", "nobackup", "acknowledgement");
            expectNone(await run(withNoBackup("test machine, rebuilt from image")), P.backup);
            expectNone(await run(withNoBackup(undefined, "scratch VM")), P.backup);
        });
        it("matches a literal nobackup name and a configured one", async () => {
            expectOne(await run(withProps(baseline(), "web-1", { backupPolicies: ["nobackup"] })), P.backup, "web-1", "nobackup");
            const custom = withProps(baseline(), "web-1", { backupPolicies: ["no-backup"] });
            expectNone(await run(custom), P.backup);
            expectOne(await run(custom, { [P.backup]: { noBackupPolicyNames: ["no-backup"] } }), P.backup, "web-1");
        });
        it("reports a workload that names no policy", async () => expectOne(await run(withProps(baseline(), "web", { backupPolicyNames: [] })), P.backup, "web"));
        it("does not decide on an unknown policy list", async () => expectNone(await run(withProps(baseline(), "web-1", { backupPolicies: unknownValue })), P.backup));

        describe("bridged Cloud Temple provider", () => {
            const ct = (props: Record<string, unknown>) => [...baseline(), res(T.ctVm, "legacy", { name: "legacy", datacenterId: "dc", hostClusterId: "hc", ...props })];
            it("reports a powered-on VM with empty backupSlaPolicies", async () => expectOne(await run(ct({ powerState: "on", backupSlaPolicies: [] })), P.backup, "legacy", "Cloud Temple", "backupSlaPolicies"));
            it("treats an absent power_state as off (the provider's default)", async () => expectOne(await run(ct({})), P.backup, "legacy", "cannot be started"));
            it("accepts a VM with a policy id", async () => expectNone(await run(ct({ powerState: "on", backupSlaPolicies: ["a1b2c3d4-0000-4000-8000-000000000000"] })), P.backup));
            it("reports a HELD policy matched by its known id", async () =>
                expectOne(await run(withProps(ct({ powerState: "on", backupSlaPolicies: ["pol-par7s"] }), "daily-par7s", { status: "HELD" })).then((v) => v.filter((x) => x.resourceName === "legacy")), P.backup, "legacy", "HELD"));
        });

        describe("raw vSphere", () => {
            const category = res(T.vsCategory, "backup-cat", { name: "backup-policy", cardinality: "SINGLE", associableTypes: ["VirtualMachine"] });
            const otherCategory = res(T.vsCategory, "env-cat", { name: "environment", cardinality: "SINGLE" });
            const tag = res(T.vsTag, "daily", { name: "sla001-daily-th3s", categoryId: unknownValue }, { dependencies: [category.urn], propertyDependencies: { categoryId: [category.urn] } });
            const envTag = res(T.vsTag, "prod", { name: "prod", categoryId: unknownValue }, { dependencies: [otherCategory.urn], propertyDependencies: { categoryId: [otherCategory.urn] } });
            const vm = (tags: string[], deps: string[]) => res(T.vsVm, "vs1", { name: "vs1", resourcePoolId: "rp", tags }, { dependencies: deps, propertyDependencies: { tags: deps } });
            it("accepts a VM tagged from a backup category, matched through dependencies while tag ids are unknown", async () =>
                expectNone(await run([...baseline(), category, tag, vm([unknownValue], [tag.urn])]), P.backup));
            it("reports a VM without tags", async () => expectOne(await run([...baseline(), category, vm([], [])]), P.backup, "vs1", "vSphere"));
            it("reports a VM whose only tag is from another category", async () =>
                expectOne(await run([...baseline(), otherCategory, envTag, vm([unknownValue], [envTag.urn])]), P.backup, "vs1", "none from a backup category"));
            it("matches tags and categories by their known ids (state audits)", async () => {
                const cat = res(T.vsCategory, "backup-cat", { id: "urn:vmomi:InventoryServiceCategory:c1", name: "backup-policy" });
                const known = res(T.vsTag, "daily", { id: "urn:vmomi:InventoryServiceTag:t1", name: "sla001-daily-th3s", categoryId: "urn:vmomi:InventoryServiceCategory:c1" });
                const other = res(T.vsCategory, "env-cat", { id: "urn:vmomi:InventoryServiceCategory:c2", name: "environment" });
                const envKnown = res(T.vsTag, "prod", { id: "urn:vmomi:InventoryServiceTag:t2", name: "prod", categoryId: "urn:vmomi:InventoryServiceCategory:c2" });
                expectNone(await run([...baseline(), cat, known, other, envKnown, vm(["urn:vmomi:InventoryServiceTag:t1", "urn:vmomi:InventoryServiceTag:t2"], [])]), P.backup);
                expectOne(await run([...baseline(), cat, known, other, envKnown, vm(["urn:vmomi:InventoryServiceTag:t2"], [])]), P.backup, "vs1", "none from a backup category");
            });
            it("does not decide when a tag cannot be resolved", async () => expectNone(await run([...baseline(), vm(["urn:vmomi:InventoryServiceTag:abc"], [])]), P.backup));
            it("reports a HELD policy named by the backup tag", async () =>
                expectOne(
                    await run(withProps([...baseline(), category, tag, vm([unknownValue], [tag.urn])], "daily-th3s", { status: "HELD" })).then((v) => v.filter((x) => x.resourceName === "vs1")),
                    P.backup,
                    "vs1",
                    "HELD",
                ));
        });
    });

    describe(P.noBackup, () => {
        it("is silent on the baseline and on an unacknowledged nobackup", async () => {
            expectNone(await run(baseline()), P.noBackup);
            expectNone(await run(withNoBackup()), P.noBackup);
        });
        it("reports an acknowledged nobackup as advisory with its reason", async () => {
            const v = expectOne(await run(withNoBackup("rebuilt from image")), P.noBackup, "web-1", "rebuilt from image");
            assert.strictEqual(v.enforcementLevel, "advisory");
            expectOne(await run(withNoBackup(undefined, "scratch VM")), P.noBackup, "web-1", "scratch VM");
        });
    });

    describe(P.offAz, () => {
        it("reports a replica backed up in its own zone (workload placement)", async () => {
            const placement = [
                { vmName: "web-1", availabilityZone: "AZ05", backupSites: ["PAR7S"] },
                { vmName: "web-2", availabilityZone: "AZ06", backupSites: ["PAR7S"] },
            ];
            expectOne(await run(withProps(baseline(), "web", { placement })), P.offAz, "web", "web-1", "AZ05", "PAR7S");
        });
        it("reports a VM whose policy keeps copies in its AZ (through dependencies)", async () =>
            expectOne(await run(withProps(baseline(), "web-1", { availabilityZone: "AZ06" })), P.offAz, "web-1", "AZ06", "sla001-daily-th3s"));
        it("reports a VM whose policy is matched by a known id only", async () => {
            const r = baseline().map((x) => (x.name === "web-1" ? { ...x, dependencies: [], propertyDependencies: {}, props: { ...x.props, backupPolicies: ["pol-par7s"] } } : x));
            expectOne(await run(r), P.offAz, "web-1", "sla001-daily-par7s");
        });
        it("does not decide on an unknown AZ or site", async () => {
            expectNone(await run(withProps(baseline(), "web-1", { availabilityZone: unknownValue })), P.offAz);
            expectNone(await run(withProps(baseline(), "web", { placement: [{ vmName: "web-1", availabilityZone: "AZ05", backupSites: [unknownValue] }] })), P.offAz);
        });
    });

    describe(P.sg, () => {
        const sg = (ingress: Record<string, unknown>[]) => withProps(baseline(), "web-sg", { ingress: ingress.map(rule) });
        it("reports SSH from 0.0.0.0/0", async () => expectOne(await run(sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] }])), P.sg, "web-sg", "SSH", "0.0.0.0/0"));
        it("reports RDP from ::/0", async () => expectOne(await run(sg([{ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrs: ["::/0"] }])), P.sg, "web-sg", "RDP", "::/0"));
        it("reports a port range that covers SSH", async () => expectOne(await run(sg([{ protocol: "tcp", fromPort: 20, toPort: 25, cidrs: ["0.0.0.0/0"] }])), P.sg, "web-sg", "SSH"));
        it("reports SMB over UDP from a public range", async () => expectOne(await run(sg([{ protocol: "udp", fromPort: 445, toPort: 445, cidrs: ["198.51.100.0/24"] }])), P.sg, "web-sg", "SMB", "198.51.100.0/24"));
        it("reports NFS from a range wider than the private one", async () => expectOne(await run(sg([{ protocol: "tcp", fromPort: 2049, toPort: 2049, cidrs: ["10.0.0.0/7"] }])), P.sg, "web-sg", "NFS"));
        it("reads an absent toPort as fromPort and an absent fromPort as every port", async () => {
            expectOne(await run(sg([{ protocol: "tcp", fromPort: 3389, cidrs: ["0.0.0.0/0"] }])), P.sg, "web-sg", "RDP");
            const v = await run(sg([{ protocol: "tcp", cidrs: ["198.51.100.7/32"] }]));
            assert.deepStrictEqual(of(v, P.sg).length, 3, JSON.stringify(of(v, P.sg)));
        });
        it("reports a rule opening every port", async () => {
            const v = await run(sg([{ protocol: "all", fromPort: 0, toPort: 0, cidrs: ["10.0.0.0/8"] }]));
            expectOne(v, P.sg, "web-sg", "every port");
        });
        it("reports an invalid source", async () => expectOne(await run(sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["10.0.0.1/8"] }])), P.sg, "web-sg", "10.0.0.0/8"));
        it("accepts SSH from a narrow range, UDP 22, ICMP, egress to anywhere", async () =>
            expectNone(await run(sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["203.0.113.4/32"] }, { protocol: "udp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] }, { protocol: "icmp", fromPort: 0, toPort: 0, cidrs: ["0.0.0.0/0"] }])), P.sg));
        it("moves a rule with an exception to the advisory review", async () => {
            const v = await run(sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"], exception: { reason: "partner SFTP until June" } }]));
            expectNone(v, P.sg);
            assert.strictEqual(expectOne(v, P.sgExceptions, "web-sg", "partner SFTP until June").enforcementLevel, "advisory");
        });
        it("honours forbiddenPorts, trustedCidrs and allowAllPorts", async () => {
            const pg = sg([{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrs: ["0.0.0.0/0"] }]);
            expectNone(await run(pg), P.sg);
            expectOne(await run(pg, { [P.sg]: { forbiddenPorts: [{ port: 5432, service: "PostgreSQL", protocols: ["tcp"], exposure: "private-only" }] } }), P.sg, "web-sg", "PostgreSQL");
            const partner = sg([{ protocol: "tcp", fromPort: 445, toPort: 445, cidrs: ["198.51.100.0/24"] }]);
            expectNone(await run(partner, { [P.sg]: { trustedCidrs: ["10.0.0.0/8", "198.51.100.0/24"] } }), P.sg);
            expectNone(await run(sg([{ protocol: "all", fromPort: 0, toPort: 65535, cidrs: ["10.0.0.0/8"] }]), { [P.sg]: { allowAllPorts: true } }), P.sg);
        });
        it("skips unknown protocols, ports and sources", async () =>
            expectNone(await run(sg([{ protocol: unknownValue, fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: unknownValue, toPort: 22, cidrs: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: [unknownValue] }])), P.sg));
    });

    describe(P.residency, () => {
        it("reports a region outside FR1", async () => expectOne(await run(withProps(baseline(), "tenant", { region: "EU-WEST" })), P.residency, "tenant", "EU-WEST", "FR1"));
        it("reports an unknown AZ on a cluster and a Global Mirror target", async () => {
            expectOne(await run(withProps(baseline(), "clu-az05", { availabilityZone: "AZ99" })), P.residency, "clu-az05", "AZ99");
            expectOne(await run(withProps(baseline(), "lun-az05", { globalMirror: { targetAvailabilityZone: "AZ09" } })), P.residency, "lun-az05", "globalMirror.targetAvailabilityZone");
        });
        it("reports an unknown backup site", async () => expectOne(await run(withProps(baseline(), "daily-par7s", { site: "LONDON1" })), P.residency, "daily-par7s", "LONDON1"));
        it("does not decide on unknown values", async () => expectNone(await run(withProps(baseline(), "tenant", { region: unknownValue, availabilityZones: [unknownValue] })), P.residency));
        it("accepts the empty site a workload registers for a nobackup replica", async () =>
            expectNone(await run(withProps(baseline(), "web", { placement: [{ vmName: "web-1", availabilityZone: "AZ05", backupSites: [""] }, { vmName: "web-2", availabilityZone: "AZ06", backupSites: ["PAR7S"] }] })), P.residency));
    });

    describe(P.console, () => {
        it("reports an empty allow-list", async () => expectOne(await run(withProps(baseline(), "tenant", { consoleAuthorizedIps: [] })), P.console, "tenant", "consoleAuthorizedIps"));
        it("does not take an absent list for an empty one", async () => expectNone(await run(withProps(baseline(), "tenant", { consoleAuthorizedIps: undefined })), P.console));
        it("reports 0.0.0.0/0", async () => expectOne(await run(withProps(baseline(), "tenant", { consoleAuthorizedIps: ["203.0.113.10/32", "0.0.0.0/0"] })), P.console, "tenant", "0.0.0.0/0"));
        it("reports a malformed entry", async () => expectOne(await run(withProps(baseline(), "tenant", { consoleAuthorizedIps: ["not-an-ip"] })), P.console, "tenant", "not-an-ip"));
        it("applies the tenant's maxConsoleIpPrefix and the knob", async () => {
            const wide = withProps(baseline(), "tenant", { consoleAuthorizedIps: ["203.0.112.0/22"] });
            expectNone(await run(wide), P.console);
            expectOne(await run(wide, { [P.console]: { minIpv4PrefixLength: 24 } }), P.console, "tenant", "/24");
            expectOne(await run(withProps(wide, "tenant", { maxConsoleIpPrefix: 28 })), P.console, "tenant", "/28");
            const wide6 = withProps(baseline(), "tenant", { consoleAuthorizedIps: ["2001:db8::/32"] });
            expectNone(await run(wide6), P.console);
            expectOne(await run(withProps(wide6, "tenant", { maxConsoleIpv6Prefix: 56 })), P.console, "tenant", "/56");
        });
    });

    describe(P.bucket, () => {
        it("reports a public bucket unless allowed by name", async () => {
            const pub = withProps(baseline(), "assets", { accessType: "public" });
            expectOne(await run(pub), P.bucket, "assets", "public");
            expectNone(await run(pub, { [P.bucket]: { allowedPublicBuckets: ["assets"] } }), P.bucket);
        });
        it("reports a custom bucket without whitelist or with 0.0.0.0/0", async () => {
            expectOne(await run(withProps(baseline(), "backups", { whitelist: [] })), P.bucket, "backups", "whitelist");
            expectOne(await run(withProps(baseline(), "backups", { whitelist: ["0.0.0.0/0"] })), P.bucket, "backups", "0.0.0.0/0");
        });
        it("covers a BackupVault's bucket settings", async () =>
            expectOne(await run([...baseline(), res(T.vault, "vault", { bucketName: "vault-bucket", accessType: "public", versioning: "Enabled" })]), P.bucket, "vault", "vault-bucket"));
        it("reads the access type case-insensitively", async () => expectOne(await run(withProps(baseline(), "assets", { accessType: "Public" })), P.bucket, "assets"));
        it("covers the bridged bucket", async () => expectOne(await run([...baseline(), res(T.ctBucket, "ct", { name: "ct-bucket", accessType: "public" })]), P.bucket, "ct", "ct-bucket"));
        it("does not decide on an unknown access type", async () => expectNone(await run(withProps(baseline(), "assets", { accessType: unknownValue })), P.bucket));
    });

    describe(P.versioning, () => {
        it("reports a backup-tagged bucket without versioning", async () => {
            const v = expectOne(await run(withProps(baseline(), "backups", { versioning: "Suspended" })), P.versioning, "backups", "Suspended");
            assert.strictEqual(v.enforcementLevel, "advisory");
        });
        it("ignores buckets that do not hold backups", async () => expectNone(await run(withProps(baseline(), "assets", { versioning: "Suspended" })), P.versioning));
        it("reports a bucket under a BackupVault component (through parent)", async () => {
            const vault = res(T.vault, "vault", { name: "vault" });
            const child = res(T.bucket, "vault-bucket", { name: "vault-bucket", accessType: "private" }, { urn: urn(T.bucket, "vault-bucket", T.vault), parent: vault.urn });
            expectOne(await run([...baseline(), vault, child]), P.versioning, "vault-bucket", "backup vault");
        });
        it("remediates a backup-tagged bucket through the library's Remediate, keeping secret properties secret", async () => {
            const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t" };
            const bucket = res(T.bucket, "backups", { name: "backups", accessType: "private", versioning: "Suspended", tags: { purpose: "backup" }, note: secret });
            const out = await remediateThroughServer(policies, bucket);
            assert.deepStrictEqual(out.map((o) => o.policyName), [P.versioning]);
            assert.strictEqual(out[0].properties.versioning, "Enabled");
            assert.deepStrictEqual(out[0].properties.note, secret);
            assert.deepStrictEqual(await remediateThroughServer(policies, res(T.bucket, "assets", { name: "assets", accessType: "private", versioning: "Suspended" })), []);
        });
        it("honours the tag knobs", async () => {
            const tagged = withProps(baseline(), "assets", { tags: { role: "archive" }, versioning: undefined });
            expectNone(await run(tagged), P.versioning);
            expectOne(await run(tagged, { [P.versioning]: { backupTagKey: "role", backupTagValues: ["archive"] } }), P.versioning, "assets");
        });
    });

    describe(P.lun, () => {
        it("reports a LUN below 500 GiB", async () => expectOne(await run(withProps(baseline(), "lun-az05", { sizeGib: 100 })), P.lun, "lun-az05", "500"));
        it("reports an unknown tier", async () => expectOne(await run(withProps(baseline(), "lun-az05", { tier: "GOLD" })), P.lun, "lun-az05", "GOLD"));
        it("reports Global Mirror on an incompatible tier and towards the same AZ", async () => {
            expectOne(await run(withProps(baseline(), "lun-az05", { tier: "ULTRA" })), P.lun, "lun-az05", "Global Mirror");
            expectOne(await run(withProps(baseline(), "lun-az05", { globalMirror: { targetAvailabilityZone: "AZ05" } })), P.lun, "lun-az05", "AZ05");
        });
        it("does not decide on unknown values", async () => expectNone(await run(withProps(baseline(), "lun-az05", { sizeGib: unknownValue, globalMirror: unknownValue })), P.lun));
        it("does not decide on a Global Mirror without a known target", async () => expectNone(await run(withProps(baseline(), "lun-az05", { globalMirror: {} })), P.lun));
    });

    describe(P.cluster, () => {
        it("reports a model outside the catalogue", async () => expectOne(await run(withProps(baseline(), "clu-az05", { bladeModel: "TURBO" })), P.cluster, "clu-az05", "TURBO"));
        it("reports more than 32 hosts", async () => expectOne(await run(withProps(baseline(), "clu-az05", { hostCount: 40 })), P.cluster, "clu-az05", "40"));
        it("reports two declarations of one cluster with different models", async () => {
            const twin = res(T.cluster, "clu-az05-b", { ...byName(baseline(), "clu-az05").props, bladeModel: "ADVANCE" });
            expectOne(await run([...baseline(), twin]), P.cluster, "clu-az05-b", "STANDARD", "ADVANCE");
        });
        it("accepts the model spelt as its label", async () => expectNone(await run(withProps(baseline(), "clu-az05", { bladeModel: "STANDARD v3" })), P.cluster));
    });
});
