import { strict as assert } from "assert";
import * as catalog from "../../../provider/catalog";

describe("catalogue: region and availability zones", () => {
    it("lists FR1 with AZ05/PAR7S, AZ06/TH3S, AZ07/DATA4", () => {
        assert.deepEqual(catalog.region.availabilityZones, ["AZ05", "AZ06", "AZ07"]);
        assert.equal(catalog.availabilityZones.AZ05.site, "PAR7S");
        assert.equal(catalog.availabilityZones.AZ06.site, "TH3S");
        assert.equal(catalog.availabilityZones.AZ07.site, "DATA4");
        assert.equal(catalog.region.country, "FR");
    });

    it("maps sites and AZs both ways, case-insensitive, undefined when unknown", () => {
        assert.equal(catalog.azBySite("par7s"), "AZ05");
        assert.equal(catalog.azBySite("DATA4"), "AZ07");
        assert.equal(catalog.azBySite("EQX6"), undefined);
        assert.equal(catalog.siteByAz("az06"), "TH3S");
        assert.equal(catalog.siteByAz("AZ01"), undefined);
    });

    it("validates AZ lists: unknown, duplicate, too few", () => {
        assert.deepEqual(catalog.assertAvailabilityZones(["AZ05", "AZ07"], "azs", 2), ["AZ05", "AZ07"]);
        assert.throws(
            () => catalog.assertAvailabilityZones(["AZ05", "AZ01"]),
            /availabilityZones\[1\].*AZ01.*Allowed values: AZ05 \(PAR7S\), AZ06 \(TH3S\), AZ07 \(DATA4\)/,
        );
        assert.throws(
            () => catalog.assertAvailabilityZones(["AZ05", "AZ05"]),
            /FR availabilityZones : la zone AZ05 apparaît deux fois.*EN availabilityZones: zone AZ05 appears twice/,
        );
        assert.throws(() => catalog.assertAvailabilityZones(["AZ05"], "availabilityZones", 2), /at least 2 zone/);
        assert.throws(
            () => catalog.assertRegion("FR2"),
            /FR region : région inconnue "FR2". Valeurs autorisées : FR1. \/ EN region: unknown region "FR2". Allowed values: FR1./,
        );
    });

    it("CatalogError carries the field and allowed values", () => {
        try {
            catalog.assertAvailabilityZone("AZ09", "placements[0].availabilityZone");
            assert.fail("no error");
        } catch (e) {
            assert.ok(e instanceof catalog.CatalogError);
            assert.equal(e.field, "placements[0].availabilityZone");
            assert.equal(e.allowed?.length, 3);
            assert.match(e.message, /^FR .* \/ EN /);
        }
    });
});

describe("catalogue: blade models and clusters", () => {
    it("has the v3 range with cores, RAM and SKU", () => {
        assert.deepEqual([...catalog.bladeModelIds], ["ECO", "STANDARD", "ADVANCE", "PERF1", "PERF2", "PERF3", "PERF4"]);
        assert.equal(catalog.bladeModels.ECO.cores, 20);
        assert.equal(catalog.bladeModels.ADVANCE.ramGib, 768);
        assert.equal(catalog.bladeModels.PERF3.ramGib, 1536);
        assert.equal(catalog.bladeModels.PERF2.sku, "csp:fr1:iaas:vmware:perf2:v3");
        assert.ok(catalog.bladeModels.PERF4.gpu);
        assert.equal(catalog.bladeModels.STANDARD.gpu, undefined);
    });

    it("parses ids, SKUs and labels", () => {
        assert.equal(catalog.parseBladeModel("perf2"), "PERF2");
        assert.equal(catalog.parseBladeModel("PERF2_V3"), "PERF2");
        assert.equal(catalog.parseBladeModel("PERFORMANCE 2 v3"), "PERF2");
        assert.equal(catalog.parseBladeModel("csp:fr1:iaas:vmware:advance:v3"), "ADVANCE");
        assert.equal(catalog.parseBladeModel("TURBO"), undefined);
        assert.throws(
            () => catalog.assertBladeModel("TURBO"),
            /bladeModel.*Allowed values: ECO, STANDARD, ADVANCE, PERF1, PERF2, PERF3, PERF4/,
        );
    });

    it("computes usable RAM at the 85 % rule and cores", () => {
        assert.equal(catalog.usableClusterRamGib("STANDARD", 2), Math.floor(2 * 384 * 0.85));
        assert.equal(catalog.usableClusterRamGib("ADVANCE", 3), Math.floor(3 * 768 * 0.85));
        assert.equal(catalog.usableClusterRamGib("ECO", 4, 256), Math.floor(4 * 256 * 0.85));
        assert.throws(() => catalog.usableClusterRamGib("ECO", 2, 64), /ramGibPerBlade.*128/);
        assert.throws(() => catalog.usableClusterRamGib("ECO", 2, 512), /ramGibPerBlade.*384/);
        assert.equal(catalog.clusterCores("PERF3", 3), 168);
    });

    it("bounds host counts to 1..32", () => {
        assert.equal(catalog.assertHostCount(32), 32);
        assert.throws(() => catalog.assertHostCount(33), /hostCount.*1 à 32/);
        assert.throws(() => catalog.assertHostCount(0), /hostCount/);
        assert.throws(() => catalog.assertHostCount(2.5), /hostCount/);
    });
});

describe("catalogue: SAN tiers and LUNs", () => {
    it("has IOPS/TB, per-LUN caps and Global Mirror tiers", () => {
        assert.equal(catalog.sanTiers.ESSENTIAL.iopsPerTb, 500);
        assert.equal(catalog.sanTiers.ULTRA.iopsPerTb, 15000);
        assert.equal(catalog.sanTiers.ESSENTIAL.maxIopsPerLun, 10000);
        assert.equal(catalog.sanTiers.ESSENTIAL.maxThroughputMBpsPerLun, 512);
        assert.equal(catalog.sanTiers.PREMIUM.maxThroughputMBpsPerLun, 1024);
        assert.deepEqual([...catalog.globalMirrorTiers], ["ESSENTIAL", "STANDARD", "PREMIUM"]);
        assert.equal(catalog.lunRules.minimumSizeGib, 500);
    });

    it("computes LUN IOPS linearly up to the cap; none for Mass Storage", () => {
        assert.equal(catalog.lunIops("STANDARD", 512), 750);
        assert.equal(catalog.lunIops("PREMIUM", 2048), 6000);
        assert.equal(catalog.lunIops("ESSENTIAL", 100 * 1024), 10000);
        assert.equal(catalog.lunIops("ULTRA", 4096), 30000);
        assert.equal(catalog.lunIops("MASS_STORAGE", 2048), undefined);
        assert.equal(catalog.lunThroughputMBps("ENTERPRISE"), 1024);
    });

    it("parses tier names, SKU codes and French labels", () => {
        assert.equal(catalog.parseSanTier("live"), "ESSENTIAL");
        assert.equal(catalog.parseSanTier("FLASH - Essentiel"), "ESSENTIAL");
        assert.equal(catalog.parseSanTier("medium"), "STANDARD");
        assert.equal(catalog.parseSanTier("csp:fr1:iaas:storage:bloc:premium:v1"), "PREMIUM");
        assert.equal(catalog.parseSanTier("mass"), "MASS_STORAGE");
        assert.equal(catalog.parseSanTier("gold"), undefined);
        assert.throws(
            () => catalog.assertSanTier("gold"),
            /tier.*Allowed values: ESSENTIAL, STANDARD, PREMIUM, ENTERPRISE, ULTRA, MASS_STORAGE/,
        );
    });

    it("refuses LUNs under 500 GiB and Mass Storage not in whole TiB", () => {
        assert.equal(catalog.assertLunSize(500, "STANDARD"), 500);
        assert.throws(() => catalog.assertLunSize(499, "STANDARD"), /sizeGib.*500 Gio.*500 GiB/);
        assert.throws(() => catalog.assertLunSize(1500, "MASS_STORAGE"), /TiB/);
    });

    it("checks Global Mirror tier and target AZ", () => {
        catalog.assertGlobalMirror("PREMIUM", "AZ05", "AZ06");
        assert.throws(
            () => catalog.assertGlobalMirror("ULTRA", "AZ05", "AZ06"),
            /globalMirror.*ULTRA.*Allowed values: ESSENTIAL, STANDARD, PREMIUM/,
        );
        assert.throws(() => catalog.assertGlobalMirror("STANDARD", "AZ05", "AZ05"), /globalMirror.targetAvailabilityZone/);
    });

    it("checks free space for disks, swap and the 10 % snapshot reserve", () => {
        const fit = catalog.lunFit(1000, 500, [{ diskGib: 300, memoryGib: 100 }]);
        assert.deepEqual(fit, { fits: true, neededGib: 400, availableGib: 400 });
        assert.equal(catalog.lunFit(1000, 500, [{ diskGib: 300, memoryGib: 101 }]).fits, false);
    });
});

describe("catalogue: SLA table and eligibility", () => {
    it("marks SLAs 1, 2 and 4 as needing two AZs", () => {
        assert.deepEqual([...catalog.slasRequiringTwoAzs], [1, 2, 4]);
        assert.equal(catalog.slas[1].code, "IC-INFRA_SNC-01");
        assert.equal(catalog.slas[10].code, "IC-INFRA_SNC-10");
        assert.equal(catalog.slas[6].target, "97 %");
    });

    it("gives every SLA to a two-AZ topology", () => {
        const result = catalog.slaEligibility({ availabilityZones: ["AZ05", "AZ06"], minHostsPerCluster: 2 });
        assert.equal(result.length, 10);
        assert.ok(result.every((e) => e.eligible && e.reason === undefined));
    });

    it("withholds SLAs 1, 2 and 4 from a single-AZ topology, with a reason", () => {
        const result = catalog.slaEligibility({ availabilityZones: ["AZ05", "AZ05"] });
        assert.deepEqual(
            result.filter((e) => !e.eligible).map((e) => e.sla),
            [1, 2, 4],
        );
        assert.match(result[0].reason!.fr, /au moins deux zones/);
        assert.match(result[0].reason!.en, /at least two availability zones.*AZ05/);
        assert.deepEqual(catalog.eligibleSlas({ availabilityZones: ["AZ07"] }), [3, 5, 6, 7, 8, 9, 10]);
    });

    it("withholds SLA 1 from a single-host cluster", () => {
        const result = catalog.slaEligibility({ availabilityZones: ["AZ05", "AZ06"], minHostsPerCluster: 1 });
        assert.deepEqual(
            result.filter((e) => !e.eligible).map((e) => e.sla),
            [1],
        );
        assert.match(result[0].reason!.en, /HA/);
    });
});

describe("catalogue: incident priorities", () => {
    it("follows the 7.6.4 matrix with the 8.3 intervention times", () => {
        const table: [catalog.ImpactLevel, catalog.CriticalityLevel, catalog.Priority, number][] = [
            ["I1", "C1", "P1", 30],
            ["I2", "C1", "P2", 120],
            ["I3", "C1", "P3", 240],
            ["I1", "C2", "P2", 120],
            ["I2", "C2", "P3", 240],
            ["I3", "C2", "P4", 1440],
            ["I1", "C3", "P3", 240],
            ["I2", "C3", "P4", 1440],
            ["I3", "C3", "P5", 2880],
        ];
        for (const [impact, criticality, priority, minutes] of table) {
            const result = catalog.incidentPriority(impact, criticality);
            assert.equal(result.priority, priority, `${impact} ${criticality}`);
            assert.equal(result.interventionMinutes, minutes);
        }
        assert.equal(catalog.incidentPriority("I1", "C1").objectivePercent, 95);
        assert.equal(catalog.serviceRequestInterventionTime.interventionMinutes, 240);
    });

    it("refuses unknown levels", () => {
        assert.throws(() => catalog.incidentPriority("I4" as catalog.ImpactLevel, "C1"), /impact.*I1, I2, I3/);
        assert.throws(() => catalog.incidentPriority("I1", "C0" as catalog.CriticalityLevel), /criticality.*C1, C2, C3/);
    });
});

describe("catalogue: network rules", () => {
    it("parses and normalises CIDRs, bare addresses as host routes", () => {
        assert.deepEqual(catalog.parseCidr("203.0.113.0/24"), {
            family: "ipv4",
            address: "203.0.113.0",
            prefix: 24,
            text: "203.0.113.0/24",
        });
        assert.equal(catalog.parseCidr("198.51.100.7").text, "198.51.100.7/32");
        assert.equal(catalog.parseCidr("2001:db8::/48").family, "ipv6");
        assert.equal(catalog.parseCidr("::/0").prefix, 0);
    });

    it("refuses malformed CIDRs and host bits, naming the field", () => {
        assert.throws(
            () => catalog.parseCidr("10.0.0.0/33", "ingress[0].cidrs[1]"),
            /ingress\[0\]\.cidrs\[1\] : CIDR mal formé.*malformed CIDR "10.0.0.0\/33"/,
        );
        assert.throws(() => catalog.parseCidr("10.1/16"), /malformed/);
        assert.throws(() => catalog.parseCidr("banana"), /malformed/);
        assert.throws(() => catalog.parseCidr(42), /malformed/);
        assert.throws(() => catalog.parseCidr("10.0.0.5/8"), /host bits.*write 10.0.0.0\/8/);
    });

    it("knows private ranges", () => {
        assert.ok(catalog.isPrivateCidr(catalog.parseCidr("10.20.0.0/16")));
        assert.ok(catalog.isPrivateCidr(catalog.parseCidr("192.168.1.0/24")));
        assert.ok(catalog.isPrivateCidr(catalog.parseCidr("fd00:1::/64")));
        assert.ok(!catalog.isPrivateCidr(catalog.parseCidr("172.0.0.0/8")));
        assert.ok(!catalog.isPrivateCidr(catalog.parseCidr("203.0.113.0/24")));
        assert.ok(!catalog.isPrivateCidr(catalog.parseCidr("0.0.0.0/0")));
    });

    it("finds the sensitive ports a rule opens and which exposures are forbidden", () => {
        assert.deepEqual(
            catalog.sensitivePortsOpened("tcp", 20, 25).map((p) => p.port),
            [22],
        );
        assert.deepEqual(
            catalog.sensitivePortsOpened("udp", 0, 65535).map((p) => p.port),
            [445, 2049],
        );
        assert.deepEqual(
            catalog.sensitivePortsOpened("all", 0, 0).map((p) => p.port),
            [22, 3389, 445, 2049],
        );
        assert.deepEqual(catalog.sensitivePortsOpened("icmp", 0, 65535), []);
        const ssh = catalog.sensitivePorts[0];
        const smb = catalog.sensitivePorts[2];
        assert.ok(catalog.isForbiddenExposure(ssh, catalog.parseCidr("0.0.0.0/0")));
        assert.ok(!catalog.isForbiddenExposure(ssh, catalog.parseCidr("203.0.113.0/24")));
        assert.ok(catalog.isForbiddenExposure(smb, catalog.parseCidr("203.0.113.0/24")));
        assert.ok(!catalog.isForbiddenExposure(smb, catalog.parseCidr("10.0.0.0/8")));
        assert.throws(() => catalog.assertPort(70000, "ingress[0].toPort"), /ingress\[0\]\.toPort.*0 to 65535/);
        assert.throws(() => catalog.assertRuleProtocol("sctp"), /protocol.*tcp, udp, icmp, all/);
    });
});
