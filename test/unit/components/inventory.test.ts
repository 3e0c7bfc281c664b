import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { BackupPolicy, Cluster, Lun } from "../../../provider/components";
import { calls, captureWarnings, registered, reset, settle, value } from "./mocks";

function throwsResourceError(fn: () => unknown, pattern: RegExp): void {
    assert.throws(fn, (e: unknown) => pulumi.ResourceError.isInstance(e) && pattern.test((e as Error).message));
}

async function rejects(output: pulumi.Output<unknown>, pattern: RegExp): Promise<void> {
    await assert.rejects(value(output), (e: unknown) => pattern.test((e as Error).message));
}

describe("Cluster", () => {
    beforeEach(reset);

    it("looks the host cluster up and exposes its capacity", async () => {
        const cluster = new Cluster("az05", {
            name: "clu001-az05-standard",
            availabilityZone: "AZ05",
            bladeModel: "STANDARD",
            hostCount: 3,
        });
        assert.equal(await value(cluster.hostClusterId), "hc-az05-std");
        assert.equal(await value(cluster.datacenterId), "dc-az05");
        assert.equal(await value(cluster.cores), 96);
        assert.equal(await value(cluster.usableRamGib), Math.floor(3 * 384 * 0.85));
        await settle();
        const [component] = registered("securetemple:compute:Cluster", "az05");
        assert.deepEqual(component.inputs, {
            name: "clu001-az05-standard",
            availabilityZone: "AZ05",
            bladeModel: "STANDARD",
            hostCount: 3,
        });
        assert.deepEqual(
            calls.map((c) => [c.token, c.inputs.name]),
            [["securetemple:compute:getHostCluster", "clu001-az05-standard"]],
        );
    });

    it("accepts the API's model spelling and refuses a mismatch of AZ, model or hosts", async () => {
        await rejects(
            new Cluster("a", { name: "clu001-az05-standard", availabilityZone: "AZ06", bladeModel: "STANDARD", hostCount: 3 })
                .hostClusterId,
            /availabilityZone.*is in AZ05, not in AZ06/,
        );
        await rejects(
            new Cluster("b", { name: "clu001-az05-standard", availabilityZone: "AZ05", bladeModel: "ECO", hostCount: 3 }).hostClusterId,
            /bladeModel.*STANDARD_V3 blades, not ECO/,
        );
        await rejects(
            new Cluster("c", { name: "clu001-az05-standard", availabilityZone: "AZ05", bladeModel: "STANDARD", hostCount: 4 })
                .hostClusterId,
            /hostCount.*only 3 host/,
        );
        // An unknown name fails in the provider's lookup (the mock's message is not carried over).
        await assert.rejects(
            value(new Cluster("d", { name: "clu404", availabilityZone: "AZ05", bladeModel: "STANDARD", hostCount: 3 }).hostClusterId),
        );
    });

    it("attaches a mismatch to the component itself, as its sentence, whatever the SDK does to the error's message", async () => {
        const cluster = new Cluster("a", { name: "clu001-az05-standard", availabilityZone: "AZ06", bladeModel: "STANDARD", hostCount: 3 });
        const error = await value(cluster.hostClusterId).then(
            () => assert.fail("the mismatch must fail"),
            (e: unknown) => e as pulumi.ResourceError,
        );
        assert.ok(pulumi.ResourceError.isInstance(error));
        assert.equal(error.resource, cluster, "reported on the Cluster, not on the stack");
        assert.equal(error.hideStack, true);
        const sentence = error.message;
        assert.match(sentence, /^FR Cluster « a », availabilityZone : .* \/ EN Cluster "a", availabilityZone: .*is in AZ05, not in AZ06/);
        // The SDK prefixes `error serializing property "x": ` to errors that reach a resource's inputs.
        error.message = `error serializing property "outputs": ${error.message}`;
        assert.equal(error.message, sentence);
    });

    it("turns a failed lookup into the component's bilingual sentence", async () => {
        const { checkedLookup, ComponentReporter } = await import("../../../provider/components/internal/errors");
        const reporter = new ComponentReporter("securetemple:compute:Cluster", "c", undefined);
        const failed = pulumi.output(
            Promise.reject(
                new Error(
                    "Invoke of 'securetemple:compute:getHostCluster' failed: FR : aucun(e) grappe d'hôtes « x » (name) / EN: no host cluster \"x\" (name) ()",
                ),
            ),
        );
        const error = await value(checkedLookup("Cluster", "c", failed, (v) => v, reporter)).then(
            () => assert.fail("the lookup must fail"),
            (e: unknown) => e as Error,
        );
        assert.equal(error.message, 'FR Cluster « c », aucun(e) grappe d\'hôtes « x » (name) / EN Cluster "c", no host cluster "x" (name)');
        assert.doesNotMatch(error.message, /Invoke of/);
    });

    it("validates its inputs against the catalogue", () => {
        throwsResourceError(
            () => new Cluster("x", { name: "c", availabilityZone: "AZ09", bladeModel: "STANDARD", hostCount: 2 }),
            /Cluster « x », availabilityZone/,
        );
        throwsResourceError(
            () => new Cluster("x", { name: "c", availabilityZone: "AZ05", bladeModel: "TURBO", hostCount: 2 }),
            /bladeModel.*Allowed values: ECO, STANDARD, ADVANCE, PERF1, PERF2, PERF3, PERF4/,
        );
        throwsResourceError(
            () => new Cluster("x", { name: "c", availabilityZone: "AZ05", bladeModel: "ECO", hostCount: 33 }),
            /hostCount.*1 to 32/,
        );
        throwsResourceError(() => new Cluster("x", { name: "", availabilityZone: "AZ05", bladeModel: "ECO", hostCount: 2 }), /name/);
    });

    it("warns that a single-host cluster has no HA nor SLA 1", async () => {
        const warnings = await captureWarnings(() => {
            new Cluster("single", { name: "clu002-az07-eco-single", availabilityZone: "AZ07", bladeModel: "ECO", hostCount: 1 });
        });
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /no HA and no SLA 1/);
    });

    it("reserves RAM up to the 85 % rule", () => {
        const cluster = new Cluster("r", { name: "clu001-az05-standard", availabilityZone: "AZ05", bladeModel: "STANDARD", hostCount: 2 });
        assert.equal(cluster.freeRamGib, 652);
        assert.ok(cluster.reserveRam(600));
        assert.ok(!cluster.reserveRam(53));
        assert.ok(cluster.reserveRam(52));
        assert.equal(cluster.freeRamGib, 0);
    });
});

describe("Lun", () => {
    beforeEach(reset);

    it("looks the datastore up and exposes IOPS and throughput", async () => {
        const lun = new Lun("data", {
            name: "ds-az05-standard-01",
            availabilityZone: "AZ05",
            tier: "STANDARD",
            sizeGib: 2048,
            globalMirror: { targetAvailabilityZone: "AZ06" },
        });
        assert.equal(await value(lun.datastoreId), "ds-05-std");
        assert.equal(await value(lun.iops), 3000);
        assert.equal(await value(lun.maxThroughputMBps), 1024);
        assert.equal(await value(lun.freeGib), 2048);
        await settle();
        const [component] = registered("securetemple:storage:Lun", "data");
        assert.deepEqual(component.inputs, {
            name: "ds-az05-standard-01",
            availabilityZone: "AZ05",
            tier: "STANDARD",
            sizeGib: 2048,
            globalMirror: { targetAvailabilityZone: "AZ06" },
        });
    });

    it("refuses a datastore in another AZ, of another tier or smaller than declared", async () => {
        await rejects(
            new Lun("a", { name: "ds-az05-standard-01", availabilityZone: "AZ06", tier: "STANDARD", sizeGib: 2048 }).datastoreId,
            /is in AZ05, not in AZ06/,
        );
        await rejects(
            new Lun("b", { name: "ds-az05-standard-01", availabilityZone: "AZ05", tier: "PREMIUM", sizeGib: 2048 }).datastoreId,
            /tier STANDARD, not PREMIUM/,
        );
        await rejects(
            new Lun("c", { name: "ds-az07-ultra-01", availabilityZone: "AZ07", tier: "ULTRA", sizeGib: 1024 }).datastoreId,
            /holds 512 GiB, less than the 1024 GiB declared/,
        );
    });

    it("validates tier, size and Global Mirror", () => {
        throwsResourceError(
            () => new Lun("x", { name: "d", availabilityZone: "AZ05", tier: "GOLD", sizeGib: 1024 }),
            /tier.*Allowed values: ESSENTIAL, STANDARD, PREMIUM, ENTERPRISE, ULTRA, MASS_STORAGE/,
        );
        throwsResourceError(
            () => new Lun("x", { name: "d", availabilityZone: "AZ05", tier: "STANDARD", sizeGib: 400 }),
            /sizeGib.*at least 500 GiB/,
        );
        throwsResourceError(
            () =>
                new Lun("x", {
                    name: "d",
                    availabilityZone: "AZ05",
                    tier: "ULTRA",
                    sizeGib: 1024,
                    globalMirror: { targetAvailabilityZone: "AZ06" },
                }),
            /globalMirror.*does not support Global Mirror.*ESSENTIAL, STANDARD, PREMIUM/,
        );
        throwsResourceError(
            () =>
                new Lun("x", {
                    name: "d",
                    availabilityZone: "AZ05",
                    tier: "STANDARD",
                    sizeGib: 1024,
                    globalMirror: { targetAvailabilityZone: "AZ05" },
                }),
            /globalMirror\.targetAvailabilityZone/,
        );
        throwsResourceError(
            () =>
                new Lun("x", {
                    name: "d",
                    availabilityZone: "AZ05",
                    tier: "STANDARD",
                    sizeGib: 1024,
                    globalMirror: { targetAvailabilityZone: "AZ08" },
                }),
            /globalMirror\.targetAvailabilityZone.*AZ08/,
        );
    });

    it("reserves space keeping 10 % for snapshots", () => {
        const lun = new Lun("r", { name: "ds-az05-standard-01", availabilityZone: "AZ05", tier: "STANDARD", sizeGib: 1000 });
        assert.equal(lun.plannedFreeGib, 900);
        assert.ok(!lun.reserve(901));
        assert.ok(lun.reserve(900));
    });
});

describe("BackupPolicy", () => {
    beforeEach(reset);

    it("resolves id, site, AZ and status, registered as properties", async () => {
        const policy = new BackupPolicy("daily", { policyName: "sla001-daily-th3s" });
        assert.equal(await value(policy.policyId), "bp-daily-th3s");
        assert.equal(await value(policy.site), "TH3S");
        assert.equal(await value(policy.availabilityZone), "AZ06");
        assert.equal(await value(policy.status), "ACTIVE");
        await settle();
        const [component] = registered("securetemple:backup:Policy", "daily");
        assert.deepEqual(component.inputs, {
            name: "daily",
            policyName: "sla001-daily-th3s",
            site: "TH3S",
            availabilityZone: "AZ06",
            status: "ACTIVE",
        });
    });

    it("refuses a HELD policy and an unknown one", async () => {
        await rejects(new BackupPolicy("held", { policyName: "sla002-held-th3s" }).policyId, /HELD.*cannot be assigned/);
        await assert.rejects(value(new BackupPolicy("none", { policyName: "sla404" }).policyId));
    });

    it("requires an acknowledgement with a reason for nobackup", async () => {
        throwsResourceError(
            () => new BackupPolicy("nb", { policyName: "nobackup" }),
            /^FR BackupPolicy « nb », noBackupAcknowledgement : .*7\.3\.3.* \/ EN .*permanent data loss.*noBackupAcknowledgement: \{ reason \}/,
        );
        throwsResourceError(
            () => new BackupPolicy("nb", { policyName: "nobackup", noBackupAcknowledgement: { reason: "" } }),
            /noBackupAcknowledgement\.reason/,
        );
        throwsResourceError(
            () => new BackupPolicy("nb", { policyName: "sla001-daily-th3s", noBackupAcknowledgement: { reason: "x" } }),
            /only makes sense with the "nobackup" policy/,
        );
        const none = new BackupPolicy("scratch", { policyName: "nobackup", noBackupAcknowledgement: { reason: "Rebuilt from the image" } });
        assert.ok(none.isNoBackup);
        const resolved = await value(none.resolved);
        assert.equal(resolved.noBackup, true);
        assert.equal(resolved.noBackupReason, "Rebuilt from the image");
        assert.equal(resolved.availabilityZone, undefined);
        await settle();
        assert.deepEqual(registered("securetemple:backup:Policy", "scratch")[0].inputs.noBackupAcknowledgement, {
            reason: "Rebuilt from the image",
        });
    });
});
