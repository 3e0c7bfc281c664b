// The root program's tenant description: shape and cross-references fail with the exact path.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { parseTenantConfig, TenantConfigError } from "../../../program/config";

const sample = () =>
    (parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "Pulumi.sandbox.yaml"), "utf8")) as { config: Record<string, unknown> })
        .config["securetemple-tenant:tenant"] as Record<string, unknown>;

function expectConfigError(raw: unknown, pathPattern: string, message: RegExp): void {
    assert.throws(
        () => parseTenantConfig(raw),
        (err: unknown) => {
            assert.ok(err instanceof TenantConfigError, String(err));
            assert.strictEqual(err.path, pathPattern);
            assert.match(err.message, /^FR Configuration .* \/ EN Configuration /);
            assert.match(err.message, message);
            return true;
        },
    );
}

describe("root program configuration", () => {
    it("accepts the committed sample tenant", () => {
        const config = parseTenantConfig(sample());
        assert.strictEqual(config.name, "demo");
        assert.deepStrictEqual(config.availabilityZones, ["AZ05", "AZ06"]);
        assert.strictEqual(config.workloads.length, 2);
        assert.deepStrictEqual(
            config.buckets.map((b) => b.name),
            ["demo-assets"],
        );
    });

    it("refuses a missing tenant description", () => {
        expectConfigError(undefined, "tenant", /an object describing the tenant is expected/);
    });

    it("requires at least one cluster, LUN and backup policy", () => {
        expectConfigError({ ...sample(), clusters: [] }, "tenant.clusters", /a non-empty list is expected/);
        expectConfigError({ ...sample(), luns: undefined }, "tenant.luns", /a non-empty list is expected/);
        expectConfigError({ ...sample(), backupPolicies: "daily" }, "tenant.backupPolicies", /a non-empty list is expected/);
    });

    it("names an unnamed item by its index", () => {
        const raw = sample();
        expectConfigError({ ...raw, workloads: [{ replicas: 2 }] }, "tenant.workloads[0].name", /a non-empty name is expected/);
    });

    it("refuses a name used twice", () => {
        const raw = sample();
        const clusters = raw.clusters as unknown[];
        expectConfigError({ ...raw, clusters: [...clusters, clusters[0]] }, "tenant.clusters[2].name", /used twice/);
    });

    it("refuses a bucket and a backup vault with the same bucket name", () => {
        expectConfigError(
            { ...sample(), buckets: [{ name: "demo-backups", accessType: "private" }] },
            "tenant.buckets[1].name",
            /"demo-backups" is used twice/,
        );
    });

    it("refuses a workload that names an undeclared cluster, and lists the declared ones", () => {
        const raw = sample();
        const workloads = raw.workloads as Record<string, unknown>[];
        const broken = [{ ...workloads[0], clusters: ["clu009-az05-missing"] }];
        expectConfigError(
            { ...raw, workloads: broken },
            "tenant.workloads[0].clusters[0]",
            /"clu009-az05-missing" is not declared; allowed names: clu002-az05-perf2, clu001-az06-standard/,
        );
    });

    it("refuses a workload that names an undeclared backup policy", () => {
        const raw = sample();
        const workloads = raw.workloads as Record<string, unknown>[];
        expectConfigError(
            { ...raw, workloads: [{ ...workloads[0], backupPolicies: ["weekly"] }] },
            "tenant.workloads[0].backupPolicies[0]",
            /"weekly" is not declared/,
        );
    });
});

describe("root program configuration schema", () => {
    it("names a value of the wrong type, with what it got", () => {
        const raw = sample();
        const clusters = raw.clusters as Record<string, unknown>[];
        expectConfigError(
            { ...raw, clusters: [{ ...clusters[0], hostCount: "three" }] },
            "tenant.clusters[0].hostCount",
            /a whole number is expected \(got "three"\)/,
        );
    });

    it("lists the allowed values of a closed set", () => {
        const raw = sample();
        const workloads = raw.workloads as Record<string, unknown>[];
        expectConfigError(
            { ...raw, workloads: [{ ...workloads[0], powerState: "up" }] },
            "tenant.workloads[0].powerState",
            /allowed values: on, off \(got "up"\)/,
        );
    });

    it("names a missing field inside a nested rule", () => {
        const raw = sample();
        const rule = { protocol: "tcp", fromPort: 22 };
        expectConfigError(
            { ...raw, securityGroups: [{ name: "admin", ingress: [rule] }] },
            "tenant.securityGroups[0].ingress[0].cidrs",
            /a list of strings is expected\./,
        );
    });
});
