import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { BackupPolicy, Cluster, Lun, Tenant, Workload, WorkloadArgs } from "../../../provider/components";
import { captureWarnings, registered, reset, settle, value } from "./mocks";

const gib = 1024 ** 3;
const vmType = "securetemple:compute:VirtualMachine";

function tenant(zones = ["AZ05", "AZ06", "AZ07"]): Tenant {
    return new Tenant(`tenant-${zones.join("-")}`, {
        region: "FR1",
        availabilityZones: zones,
        snc: true,
        consoleAuthorizedIps: ["203.0.113.8/29"],
        contacts: [{ name: "Ops", email: "ops@acme.example" }],
    });
}

function inventory() {
    return {
        clusters: [
            new Cluster("c05", { name: "clu001-az05-standard", availabilityZone: "AZ05", bladeModel: "STANDARD", hostCount: 3 }),
            new Cluster("c06", { name: "clu001-az06-standard", availabilityZone: "AZ06", bladeModel: "STANDARD", hostCount: 3 }),
            new Cluster("c07", { name: "clu001-az07-advance", availabilityZone: "AZ07", bladeModel: "ADVANCE", hostCount: 3 }),
        ],
        luns: [
            new Lun("l05", { name: "ds-az05-standard-01", availabilityZone: "AZ05", tier: "STANDARD", sizeGib: 2048 }),
            new Lun("l06", { name: "ds-az06-standard-01", availabilityZone: "AZ06", tier: "STANDARD", sizeGib: 2048 }),
            new Lun("l07", { name: "ds-az07-standard-01", availabilityZone: "AZ07", tier: "STANDARD", sizeGib: 2048 }),
        ],
        candidates: [
            new BackupPolicy("daily-par7s", { policyName: "sla001-daily-par7s" }),
            new BackupPolicy("daily-th3s", { policyName: "sla001-daily-th3s" }),
        ],
    };
}

function baseArgs(extra: Partial<WorkloadArgs> = {}): WorkloadArgs {
    const inv = inventory();
    return {
        tenant: tenant(),
        replicas: 3,
        cpu: 2,
        memoryGib: 8,
        diskGib: 50,
        guestOperatingSystemMoref: "ubuntu64Guest",
        clusters: inv.clusters,
        luns: inv.luns,
        backupPolicyCandidates: inv.candidates,
        ...extra,
    };
}

function expectError(fn: () => unknown, pattern: RegExp): void {
    assert.throws(fn, (e: unknown) => pulumi.ResourceError.isInstance(e) && pattern.test((e as Error).message));
}

describe("Workload", () => {
    beforeEach(reset);

    it("creates one VirtualMachine per replica, parented to the workload, round-robin over the tenant's AZs", async () => {
        const web = new Workload("web", baseArgs());
        assert.equal(web.vms.length, 3);
        const urns = await Promise.all(web.vms.map((vm) => value(vm.urn)));
        for (const [i, urn] of urns.entries()) {
            assert.match(urn, new RegExp(`::securetemple:compute:Workload\\$securetemple:compute:VirtualMachine::web-${i + 1}$`));
        }
        await value(web.vmIds);
        await settle();
        const vms = registered(vmType);
        assert.deepEqual(
            vms.map((v) => v.name),
            ["web-1", "web-2", "web-3"],
        );
        assert.deepEqual(
            vms.map((v) => v.inputs.availabilityZone),
            ["AZ05", "AZ06", "AZ07"],
        );
        assert.deepEqual(
            vms.map((v) => v.inputs.hostClusterId),
            ["hc-az05-std", "hc-az06-std", "hc-az07-adv"],
        );
        assert.deepEqual(
            vms.map((v) => v.inputs.datacenterId),
            ["dc-az05", "dc-az06", "dc-az07"],
        );
        assert.deepEqual(
            vms.map((v) => v.inputs.datastoreId),
            ["ds-05-std", "ds-06-std", "ds-07-std"],
        );
        assert.equal(vms[0].inputs.memory, 8 * gib);
        assert.equal(vms[0].inputs.cpu, 2);
        assert.equal(vms[0].inputs.name, "web-1");
        assert.equal(vms[0].inputs.guestOperatingSystemMoref, "ubuntu64Guest");
        assert.equal(vms[0].inputs.powerState, "on");
    });

    it("adds a data disk on each replica's LUN, and a NIC on its AZ's network when networks are given", async () => {
        const web = new Workload("web", baseArgs({ networks: { AZ05: "vlan-az05-app", AZ06: "vlan-az06-app", AZ07: "vlan-az07-app" } }));
        assert.equal(web.disks.length, 3);
        assert.equal(web.networkAdapters.length, 3);
        assert.match(await value(web.disks[0].urn), /securetemple:compute:Workload\$securetemple:compute:VirtualDisk::web-1-data$/);
        assert.match(
            await value(web.networkAdapters[2].urn),
            /securetemple:compute:Workload\$securetemple:compute:NetworkAdapter::web-3-nic$/,
        );
        await value(pulumi.all(web.networkAdapters.map((n) => n.id)));
        await value(pulumi.all(web.disks.map((d) => d.id)));
        await settle();
        const disks = registered("securetemple:compute:VirtualDisk");
        assert.deepEqual(
            disks.map((d) => [d.inputs.virtualMachineId, d.inputs.capacity, d.inputs.datastoreId]),
            [
                ["web-1-id", 50 * gib, "ds-05-std"],
                ["web-2-id", 50 * gib, "ds-06-std"],
                ["web-3-id", 50 * gib, "ds-07-std"],
            ],
        );
        const nics = registered("securetemple:compute:NetworkAdapter");
        assert.deepEqual(
            nics.map((n) => [n.inputs.virtualMachineId, n.inputs.networkId, n.inputs.type]),
            [
                ["web-1-id", "net-az05-app", "VMXNET3"],
                ["web-2-id", "net-az06-app", "VMXNET3"],
                ["web-3-id", "net-az07-app", "VMXNET3"],
            ],
        );
        assert.deepEqual(registered("securetemple:compute:Workload")[0].inputs.networks, {
            AZ05: "vlan-az05-app",
            AZ06: "vlan-az06-app",
            AZ07: "vlan-az07-app",
        });
        const plain = new Workload("plain", baseArgs());
        assert.equal(plain.networkAdapters.length, 0);
    });

    it("backs every replica up outside its own AZ, chosen automatically", async () => {
        const web = new Workload("web", baseArgs());
        const placements = await value(web.placements);
        assert.deepEqual(
            placements.map((p) => [p.vmName, p.availabilityZone, p.backupSites]),
            [
                ["web-1", "AZ05", ["TH3S"]],
                ["web-2", "AZ06", ["PAR7S"]],
                ["web-3", "AZ07", ["PAR7S"]],
            ],
        );
        assert.deepEqual(await value(web.backupPolicyNames), ["sla001-daily-th3s", "sla001-daily-par7s"]);
        await settle();
        const vms = registered(vmType);
        assert.deepEqual(
            vms.map((v) => v.inputs.backupPolicies),
            [["bp-daily-th3s"], ["bp-daily-par7s"], ["bp-daily-par7s"]],
        );
    });

    it("registers its inputs under the agreed names", async () => {
        const web = new Workload("web", baseArgs({ name: "front" }));
        await value(web.placements);
        await settle();
        const [component] = registered("securetemple:compute:Workload", "web");
        const i = component.inputs;
        assert.equal(i.name, "front");
        assert.equal(i.replicas, 3);
        assert.deepEqual(i.availabilityZones, ["AZ05", "AZ06", "AZ07"]);
        assert.equal(i.singleAz, false);
        assert.equal(i.cpu, 2);
        assert.equal(i.memoryGib, 8);
        assert.equal(i.diskGib, 50);
        assert.equal(i.powerState, "on");
        assert.deepEqual(i.backupPolicyNames, ["sla001-daily-th3s", "sla001-daily-par7s"]);
        const placements = i.placements as { vmName: string; availabilityZone: string; backupSites: string[] }[];
        assert.deepEqual(
            placements.map((p) => p.vmName),
            ["front-1", "front-2", "front-3"],
        );
        assert.deepEqual(
            placements.map((p) => p.availabilityZone),
            ["AZ05", "AZ06", "AZ07"],
        );
    });

    it("honours explicit replica zones and explicit off-AZ policies", async () => {
        const inv = inventory();
        const data4 = new BackupPolicy("daily-data4", { policyName: "sla001-daily-data4" });
        const db = new Workload(
            "db",
            baseArgs({
                replicas: 2,
                replicaZones: ["AZ06", "AZ05"],
                clusters: inv.clusters,
                luns: inv.luns,
                backupPolicies: [data4],
                backupPolicyCandidates: undefined,
            }),
        );
        const placements = await value(db.placements);
        assert.deepEqual(
            placements.map((p) => [p.availabilityZone, p.backupSites]),
            [
                ["AZ06", ["DATA4"]],
                ["AZ05", ["DATA4"]],
            ],
        );
    });

    it("fails when an explicit policy keeps its copies in a replica's AZ", async () => {
        const inv = inventory();
        const th3s = new BackupPolicy("th3s", { policyName: "sla001-daily-th3s" });
        const bad = new Workload(
            "bad",
            baseArgs({
                replicas: 2,
                availabilityZones: ["AZ05", "AZ06"],
                clusters: inv.clusters,
                luns: inv.luns,
                backupPolicies: [th3s],
                backupPolicyCandidates: undefined,
            }),
        );
        await assert.rejects(
            value(bad.placements),
            /Workload "bad", backupPolicies: policy "sla001-daily-th3s" keeps its copies in AZ06 \(TH3S\), the very zone of bad-2/,
        );
    });

    it("refuses a single-AZ workload unless asked, then warns that SLAs 1, 2 and 4 no longer apply", async () => {
        expectError(() => new Workload("solo", baseArgs({ replicas: 1 })), /Workload « solo », replicas : .*SLA 1, 2 et 4.*singleAz: true/);
        expectError(
            () => new Workload("pinned", baseArgs({ replicas: 2, replicaZones: ["AZ05", "AZ05"] })),
            /availabilityZones.*every replica is in AZ05/,
        );
        let solo!: Workload;
        const warnings = await captureWarnings(() => {
            solo = new Workload("solo", baseArgs({ replicas: 2, singleAz: true }));
        });
        assert.deepEqual(await value(solo.availabilityZones), ["AZ05"]);
        assert.equal(await value(solo.singleAz), true);
        assert.ok(
            warnings.some((w) => /^FR .*SLA 1, 2, 4 ne s'appliquent plus.* \/ EN .*SLAs 1, 2, 4 no longer apply/.test(w)),
            warnings.join("\n"),
        );
        expectError(
            () => new Workload("mixed", baseArgs({ replicas: 2, singleAz: true, replicaZones: ["AZ05", "AZ06"] })),
            /singleAz: true but the replicas are in AZ05, AZ06/,
        );
    });

    it("assigns an acknowledged nobackup with its reason", async () => {
        const inv = inventory();
        const none = new BackupPolicy("none", { policyName: "nobackup", noBackupAcknowledgement: { reason: "Stateless cache" } });
        const cache = new Workload(
            "cache",
            baseArgs({ replicas: 2, clusters: inv.clusters, luns: inv.luns, backupPolicies: [none], backupPolicyCandidates: undefined }),
        );
        await value(cache.vmIds);
        await settle();
        const vms = registered(vmType);
        assert.deepEqual(
            vms.map((v) => [v.inputs.backupPolicies, v.inputs.noBackupReason]),
            [
                [["bp-nobackup"], "Stateless cache"],
                [["bp-nobackup"], "Stateless cache"],
            ],
        );
    });

    it("validates its inputs, naming the field", () => {
        const inv = inventory();
        const none = new BackupPolicy("none2", { policyName: "nobackup", noBackupAcknowledgement: { reason: "x" } });
        expectError(() => new Workload("w", baseArgs({ replicas: 0 })), /replicas.*1\.\.500/);
        expectError(() => new Workload("w", baseArgs({ availabilityZones: ["AZ05", "AZ08"] })), /availabilityZones\[1\]/);
        expectError(
            () => new Workload("w", baseArgs({ tenant: tenant(["AZ05", "AZ06"]), availabilityZones: ["AZ05", "AZ07"] })),
            /availabilityZones\[1\].*did not subscribe to AZ07.*Allowed values: AZ05, AZ06/,
        );
        expectError(() => new Workload("w", baseArgs({ tenant: undefined })), /availabilityZones.*give tenant or availabilityZones/);
        expectError(() => new Workload("w", baseArgs({ replicaZones: ["AZ05", "AZ06"] })), /replicaZones.*2 zone\(s\) for 3 replica/);
        expectError(
            () => new Workload("w", baseArgs({ guestOperatingSystemMoref: undefined })),
            /guestOperatingSystemMoref.*exactly one source/,
        );
        expectError(() => new Workload("w", baseArgs({ contentLibraryItemId: "item-1" })), /exactly one source.*got 2/);
        expectError(() => new Workload("w", baseArgs({ backupPolicyCandidates: [] })), /backupPolicies.*8\.5, 9\.5/);
        expectError(() => new Workload("w", baseArgs({ backupPolicies: [none, inv.candidates[0]] })), /"nobackup" cannot be combined/);
        expectError(
            () => new Workload("w", baseArgs({ backupPolicyCandidates: [none] })),
            /backupPolicyCandidates.*never chosen automatically/,
        );
        expectError(() => new Workload("w", baseArgs({ powerState: "paused" as "on" })), /powerState.*Allowed values: on, off/);
        expectError(() => new Workload("w", baseArgs({ cpu: 0 })), /cpu/);
        expectError(() => new Workload("w", baseArgs({ clusters: [] })), /clusters.*Cluster components/);
        expectError(
            () => new Workload("w", baseArgs({ networks: { AZ05: "vlan-az05-app", AZ06: "vlan-az06-app" } })),
            /networks.*no network given for AZ07/,
        );
        expectError(() => new Workload("w", baseArgs({ networks: { AZ09: "x" } })), /networks\.AZ09.*Allowed values/);
        expectError(() => new Workload("w", baseArgs({ networks: ["vlan"] as unknown as Record<string, string> })), /networks.*object/);
    });

    const badNames: [string, string][] = [
        ["a space", "web app"],
        ["a double quote", 'web"app'],
        ["a single quote", "o'brien"],
        ["unicode letters", "café"],
        ["SQL-like text", "x'; DROP TABLE vms; --"],
        ["a leading hyphen", "-web"],
    ];
    for (const [what, name] of badNames) {
        it(`refuses a VM name prefix with ${what}, showing the allowed pattern, before registering anything`, async () => {
            expectError(
                () => new Workload("w", baseArgs({ name })),
                new RegExp(
                    `^FR Workload « w », name : .* ne fait pas des noms de VM valides .*\\(\\^\\[A-Za-z0-9\\]\\[A-Za-z0-9\\._-\\]\\*\\$\\), 80 caractères au plus\\. / EN Workload "w", name: .* does not make valid VM names .*expected a VM name of ASCII letters, digits.*, 80 characters at most\\.$`,
                ),
            );
            // The same rule when the prefix is the component's own name.
            expectError(
                () => new Workload(name, baseArgs()),
                /\(the component's name, as name is not given\) does not make valid VM names/,
            );
            await settle();
            assert.deepEqual(registered(vmType), []);
        });
    }

    it("refuses a prefix whose longest VM name would pass vSphere's 80 characters, and never trims one", () => {
        // 3 replicas: "<prefix>-3" must fit in 80 characters.
        new Workload("ok", baseArgs({ name: "a".repeat(78) }));
        expectError(() => new Workload("long", baseArgs({ name: "a".repeat(79) })), /"a{79}-3", 81 characters\); expected a VM name/);
        expectError(() => new Workload("padded", baseArgs({ name: " web" })), /name: " web" does not make valid VM names/);
        new Workload("dotted", baseArgs({ name: "db.prod_v2" }));
    });

    it("files its errors under its own URN, not under its parent tenant", async () => {
        const parent = tenant();
        let error: unknown;
        try {
            new Workload("app", baseArgs({ tenant: parent, replicas: 0 }), { parent });
        } catch (e) {
            error = e;
        }
        assert.ok(pulumi.ResourceError.isInstance(error));
        const resource = (error as pulumi.ResourceError).resource;
        assert.ok(resource && resource !== parent, "not the tenant");
        assert.match(await value(resource.urn), /::securetemple:index:Tenant\$securetemple:compute:Workload::app$/);
        // Placement errors too.
        try {
            new Workload("huge", baseArgs({ tenant: parent, replicas: 6, memoryGib: 600, diskGib: 10 }), { parent });
        } catch (e) {
            error = e;
        }
        assert.match(await value((error as pulumi.ResourceError).resource!.urn), /\$securetemple:compute:Workload::huge$/);
    });

    it("checks capacity: cluster RAM at 85 % and LUN space for disk, swap and snapshots", () => {
        // 3 x 384 GiB x 85 % = 979 GiB per cluster; 3 replicas of 400 GiB over 3 AZs fit, 6 do not.
        new Workload("big", baseArgs({ memoryGib: 400, diskGib: 10 }));
        expectError(
            () => new Workload("huge", baseArgs({ replicas: 6, memoryGib: 600, diskGib: 10 })),
            /Workload « huge », memoryGib : .*fits no cluster in AZ05 at 85 % use/,
        );
        // A 2048 GiB LUN keeps 10 % for snapshots, 1843 GiB usable: 1835 + 8 fits, 1840 + 8 does not.
        new Workload("fits", baseArgs({ diskGib: 1835 }));
        expectError(() => new Workload("fat", baseArgs({ diskGib: 1840 })), /diskGib.*needs 1848 GiB \(disk \+ swap file\).*1843 GiB/);
    });

    it("shares cluster capacity between workloads of one program", () => {
        const inv = inventory();
        new Workload("a", baseArgs({ memoryGib: 500, diskGib: 10, clusters: inv.clusters, luns: inv.luns }));
        expectError(
            () => new Workload("b", baseArgs({ memoryGib: 500, diskGib: 10, clusters: inv.clusters, luns: inv.luns })),
            /memoryGib.*fits no cluster in AZ05.*479 GiB/,
        );
    });
});
