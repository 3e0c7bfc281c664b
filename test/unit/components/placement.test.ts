import { strict as assert } from "assert";
import { CatalogError } from "../../../provider/catalog";
import { Cluster, Lun, ResolvedBackupPolicy } from "../../../provider/components";
import { chooseBackupPolicies, placeReplicas, roundRobin } from "../../../provider/components/placement";
import { reset } from "./mocks";

function cluster(name: string, az: string, hostCount = 2): Cluster {
    const seed = { AZ05: "clu001-az05-standard", AZ06: "clu001-az06-standard", AZ07: "clu001-az07-advance" } as Record<string, string>;
    return new Cluster(name, { name: seed[az], availabilityZone: az, bladeModel: az === "AZ07" ? "ADVANCE" : "STANDARD", hostCount });
}

function lun(name: string, az: string, sizeGib: number): Lun {
    return new Lun(name, {
        name: `ds-${az.toLowerCase().replace("az", "az")}-standard-01`,
        availabilityZone: az,
        tier: "STANDARD",
        sizeGib,
    });
}

const policy = (
    name: string,
    site: string,
    az?: "AZ05" | "AZ06" | "AZ07",
    extra: Partial<ResolvedBackupPolicy> = {},
): ResolvedBackupPolicy => ({
    id: `id-${name}`,
    policyName: name,
    site,
    ...(az ? { availabilityZone: az } : {}),
    status: "ACTIVE",
    noBackup: false,
    ...extra,
});

describe("Workload placement", () => {
    beforeEach(reset);

    it("spreads round-robin over the zones", () => {
        assert.deepEqual(roundRobin(5, ["AZ05", "AZ06", "AZ07"]), ["AZ05", "AZ06", "AZ07", "AZ05", "AZ06"]);
        assert.deepEqual(roundRobin(2, ["AZ06"]), ["AZ06", "AZ06"]);
    });

    it("puts each replica on a cluster and LUN of its own AZ and reserves capacity", () => {
        const clusters = [cluster("c5", "AZ05"), cluster("c6", "AZ06")];
        const luns = [lun("l5", "AZ05", 1000), lun("l6", "AZ06", 1000)];
        const placed = placeReplicas({ replicas: 3, zones: ["AZ05", "AZ06", "AZ05"], memoryGib: 16, diskGib: 100, clusters, luns });
        assert.deepEqual(
            placed.map((p) => [p.availabilityZone, p.cluster.props.availabilityZone, p.lun.props.availabilityZone]),
            [
                ["AZ05", "AZ05", "AZ05"],
                ["AZ06", "AZ06", "AZ06"],
                ["AZ05", "AZ05", "AZ05"],
            ],
        );
        assert.equal(clusters[0].freeRamGib, 652 - 32);
        assert.equal(luns[0].plannedFreeGib, 900 - 2 * 116);
    });

    it("moves to the next cluster of the AZ when the first is full, and fails when none has room", () => {
        const small = cluster("small", "AZ05", 1);
        const big = cluster("big", "AZ05", 2);
        const luns = [lun("l5", "AZ05", 4000)];
        const placed = placeReplicas({ replicas: 2, zones: ["AZ05", "AZ05"], memoryGib: 300, diskGib: 10, clusters: [small, big], luns });
        assert.deepEqual(
            placed.map((p) => p.cluster),
            [small, big],
        );
        assert.throws(
            () =>
                placeReplicas({
                    replicas: 2,
                    zones: ["AZ05", "AZ05"],
                    memoryGib: 400,
                    diskGib: 10,
                    clusters: [cluster("one", "AZ05", 1)],
                    luns,
                }),
            (e: unknown) =>
                e instanceof CatalogError &&
                e.field === "memoryGib" &&
                /replica 1 \(400 GiB of RAM\) fits no cluster in AZ05 at 85 % use \(free: clu001-az05-standard 326 GiB\)/.test(e.message),
        );
    });

    it("counts disk plus swap against LUN space minus 10 % for snapshots", () => {
        const clusters = [cluster("c5", "AZ05")];
        // 500 GiB LUN: 450 usable; two replicas of 200 + 30 = 230 do not fit.
        assert.throws(
            () =>
                placeReplicas({
                    replicas: 2,
                    zones: ["AZ05", "AZ05"],
                    memoryGib: 30,
                    diskGib: 200,
                    clusters,
                    luns: [lun("l5", "AZ05", 500)],
                }),
            (e: unknown) =>
                e instanceof CatalogError &&
                e.field === "diskGib" &&
                /replica 2 needs 230 GiB \(disk \+ swap file\).*keeping 10 %.*220 GiB/.test(e.message),
        );
        // The failed replica's RAM was given back.
        assert.equal(clusters[0].freeRamGib, 652 - 30);
    });

    it("names the AZ without a cluster or a LUN", () => {
        assert.throws(
            () =>
                placeReplicas({
                    replicas: 1,
                    zones: ["AZ07"],
                    memoryGib: 1,
                    diskGib: 1,
                    clusters: [cluster("c5", "AZ05")],
                    luns: [lun("l7", "AZ07", 500)],
                }),
            /clusters.*no Cluster in AZ07/,
        );
        assert.throws(
            () =>
                placeReplicas({
                    replicas: 1,
                    zones: ["AZ05"],
                    memoryGib: 1,
                    diskGib: 1,
                    clusters: [cluster("c5", "AZ05")],
                    luns: [lun("l7", "AZ07", 500)],
                }),
            /luns.*no Lun in AZ05/,
        );
    });

    it("chooses, per replica, the first active candidate kept outside its AZ", () => {
        const candidates = [
            policy("daily-par7s", "PAR7S", "AZ05"),
            policy("held-th3s", "TH3S", "AZ06", { status: "HELD" }),
            policy("daily-th3s", "TH3S", "AZ06"),
        ];
        assert.deepEqual(
            chooseBackupPolicies("AZ05", "web-1", undefined, candidates).map((p) => p.policyName),
            ["daily-th3s"],
        );
        assert.deepEqual(
            chooseBackupPolicies("AZ06", "web-2", undefined, candidates).map((p) => p.policyName),
            ["daily-par7s"],
        );
        assert.throws(
            () => chooseBackupPolicies("AZ05", "web-1", undefined, [policy("daily-par7s", "PAR7S", "AZ05")]),
            /backupPolicyCandidates.*no candidate policy keeps its copies outside AZ05 for web-1/,
        );
    });

    it("checks explicit policies are off-AZ, and lets an acknowledged nobackup through", () => {
        const th3s = policy("daily-th3s", "TH3S", "AZ06");
        assert.deepEqual(chooseBackupPolicies("AZ05", "db-1", [th3s], []), [th3s]);
        assert.throws(
            () => chooseBackupPolicies("AZ06", "db-2", [th3s], []),
            /backupPolicies.*"daily-th3s" keeps its copies in AZ06 \(TH3S\), the very zone of db-2/,
        );
        const none = policy("nobackup", "", undefined, { noBackup: true, noBackupReason: "scratch" });
        assert.deepEqual(chooseBackupPolicies("AZ06", "tmp-1", [none], []), [none]);
    });
});
