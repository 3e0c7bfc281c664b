// The engine: argument shapes, configuration, unknown values, fidelity with @pulumi/policy's own
// server, state-export reading and policy metadata.
import * as assert from "assert";
import { allPolicies, evaluate, fromStackExport, PolicyConfigError, unknownValue } from "../../../policies/engine";
import { policies } from "../../../policies/rules";
import { definePolicy } from "../../../policies/support/policy";
import { baseline, res, T, withProps } from "./fixtures";
import { expectNone, expectOne, of, run, runThroughServer } from "./harness";

const multiAz = "securetemple-compute-multi-az-placement";
const backup = "securetemple-backup-policy-association";

describe("policy engine", () => {
    it("finds nothing on the compliant baseline", async () => {
        expectNone(await run(baseline()));
    });

    it("reports each finding with its policy metadata and the resource at fault", async () => {
        const v = expectOne(await run(withProps(baseline(), "tenant", { availabilityZones: ["AZ05"] })), multiAz, "tenant", "AZ05");
        assert.strictEqual(v.enforcementLevel, "mandatory");
        assert.strictEqual(v.severity, "high");
        assert.strictEqual(v.section, "8.1");
        assert.strictEqual(v.resourceType, T.tenant);
        assert.match(v.remediation, /^FR .+ \/ EN .+/);
        assert.strictEqual(v.kind, "violation");
    });

    describe("configuration", () => {
        const broken = () => withProps(baseline(), "tenant", { availabilityZones: ["AZ05"] });

        it("lets a policy entry override the level", async () => {
            expectOne(await run(broken(), { [multiAz]: "advisory" }), multiAz, "tenant");
            assert.strictEqual(of(await run(broken(), { [multiAz]: "advisory" }), multiAz)[0].enforcementLevel, "advisory");
        });

        it("applies `all`, which a policy entry overrides", async () => {
            const v = await run(broken(), { all: "advisory", [backup]: "mandatory" });
            assert.strictEqual(of(v, multiAz)[0].enforcementLevel, "advisory");
        });

        it("skips disabled policies and treats remediate as mandatory", async () => {
            expectNone(await run(broken(), { [multiAz]: "disabled" }), multiAz);
            assert.strictEqual(
                of(await run(broken(), { [multiAz]: { enforcementLevel: "remediate" } }), multiAz)[0].enforcementLevel,
                "mandatory",
            );
        });

        it("passes knobs to the policy", async () => {
            expectNone(await run(broken(), { [multiAz]: { minAvailabilityZones: 1 } }), multiAz);
        });

        it("refuses an unknown policy, level or knob with a bilingual error naming the field", async () => {
            await assert.rejects(
                run(baseline(), { "securetemple-nope": "mandatory" }),
                (e: Error) =>
                    e instanceof PolicyConfigError &&
                    /^FR securetemple-nope : .*Valeurs autorisées.* \/ EN securetemple-nope: .*Allowed values/.test(e.message),
            );
            await assert.rejects(run(baseline(), { all: "blocking" }), (e: Error) =>
                /all : .*advisory, mandatory, remediate, disabled/.test(e.message),
            );
            await assert.rejects(run(baseline(), { [multiAz]: { minAvailabilityZone: 2 } }), (e: Error) =>
                /minAvailabilityZones/.test(e.message),
            );
            await assert.rejects(run(baseline(), { [multiAz]: { minAvailabilityZones: "two" } }), (e: Error) =>
                /securetemple-compute-multi-az-placement\.minAvailabilityZones/.test(e.message),
            );
        });
    });

    describe("unknown values", () => {
        it("turns a read of an unknown value through the proxy into an advisory finding, as the server does", async () => {
            const reader = definePolicy(
                { ...policies[0].info, name: "test-reads-unknown", appliesTo: [T.tenant] },
                {
                    validateResource: (args, report) =>
                        void (args.type === T.tenant && report(String((args.props as Record<string, unknown>).region))),
                },
            );
            const resources = withProps(baseline(), "tenant", { region: unknownValue });
            const v = of(await evaluate(resources, { policies: [reader] }), "test-reads-unknown");
            assert.strictEqual(v.length, 1);
            assert.strictEqual(v[0].kind, "unknown-at-preview");
            assert.strictEqual(v[0].enforcementLevel, "advisory");
            assert.match(v[0].message, /can't run policy 'test-reads-unknown'.*string value at \.region can't be known during preview/);
        });

        it("never reports nor fails when every property of the pack's resources is unknown", async () => {
            const unknownEverywhere = baseline().map((r) => ({
                ...r,
                props: Object.fromEntries(Object.keys(r.props).map((k) => [k, unknownValue])),
            }));
            expectNone(await run(unknownEverywhere));
        });

        it("treats secret envelopes passed through from state or event logs as unknown", async () => {
            const secret = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };
            let r = withProps(baseline(), "web-sg", {
                ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: [secret], description: "ssh" }],
            });
            r = withProps(r, "tenant", { consoleAuthorizedIps: secret, availabilityZones: [secret, "AZ05"] });
            expectNone(await run(r));
        });

        it("skips only the unknown elements of a list", async () => {
            const v = await run(withProps(baseline(), "tenant", { consoleAuthorizedIps: [unknownValue, "0.0.0.0/0"] }));
            expectOne(v, "securetemple-tenant-console-allow-list", "tenant", "0.0.0.0/0");
        });
    });

    it("gives the same findings as @pulumi/policy's own Analyze and AnalyzeStack on real protobuf requests", async () => {
        let resources = withProps(baseline(), "tenant", { availabilityZones: ["AZ05"] });
        resources = withProps(resources, "web-2", { availabilityZone: "AZ05" });
        resources = withProps(resources, "web-sg", {
            ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"], description: "ssh" }],
        });
        const ours = await run(resources);
        const theirs = await runThroughServer(policies, resources);
        const descriptions = new Map(policies.map((p) => [p.name, p.description]));
        const key = (name: string, urn: string, message: string) => `${name}|${urn}|${message}`;
        assert.ok(ours.length >= 3);
        assert.deepStrictEqual(
            theirs.map((d) => key(d.policyName, d.urn, d.message)).sort(),
            ours.map((v) => key(v.policyName, v.urn, `${descriptions.get(v.policyName)}\n${v.message}`)).sort(),
        );
    });

    it("finds cross-resource faults through the real server when components' stack properties are empty, from the inputs their resource hook saw", async () => {
        const resources = withProps(baseline(), "daily-th3s", { status: "HELD" });
        const components = new Set<string>([T.tenant, T.cluster, T.lun, T.policy, T.workload, T.sg]);
        const theirs = await runThroughServer(policies, resources, (r) => (components.has(r.type) ? {} : r.props));
        const held = theirs.filter((d) => d.policyName === backup && d.message.includes("HELD")).map((d) => d.urn.split("::").pop());
        assert.deepStrictEqual(held.sort(), ["web", "web-1"]);
    });

    describe("fromStackExport", () => {
        it("reads resources, skips the stack, providers and pending deletes, merges inputs and outputs and hides secrets", () => {
            const exported = {
                version: 3,
                deployment: {
                    resources: [
                        { urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev", type: "pulumi:pulumi:Stack", custom: false },
                        {
                            urn: "urn:pulumi:dev::p::pulumi:providers:securetemple::default",
                            type: "pulumi:providers:securetemple",
                            custom: true,
                            inputs: { secretId: "x" },
                        },
                        {
                            urn: "urn:pulumi:dev::p::securetemple:objectstorage:Bucket::b",
                            type: T.bucket,
                            custom: true,
                            inputs: { name: "b", accessType: "private" },
                            outputs: {
                                accessType: "public",
                                key: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "abc" },
                            },
                            parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
                            dependencies: [],
                            provider: "urn:pulumi:dev::p::pulumi:providers:securetemple::default::0f6c1d2e-aaaa",
                        },
                        {
                            urn: "urn:pulumi:dev::p::securetemple:objectstorage:Bucket::old",
                            type: T.bucket,
                            custom: true,
                            delete: true,
                            inputs: {},
                        },
                    ],
                },
            };
            const resources = fromStackExport(exported);
            assert.strictEqual(resources.length, 1);
            assert.deepStrictEqual(resources[0].props, { name: "b", accessType: "public", key: unknownValue });
            assert.deepStrictEqual(resources[0].provider, {
                type: "pulumi:providers:securetemple",
                urn: "urn:pulumi:dev::p::pulumi:providers:securetemple::default",
                name: "default",
                props: { secretId: "x" },
            });
            assert.throws(() => fromStackExport({}), /FR .*deployment\.resources.* \/ EN /);
        });

        it("feeds the engine: a public bucket in a state export is reported", async () => {
            const resources = fromStackExport({
                deployment: {
                    resources: [
                        {
                            urn: "urn:pulumi:dev::p::securetemple:objectstorage:Bucket::b",
                            type: T.bucket,
                            outputs: { name: "b", accessType: "public" },
                        },
                    ],
                },
            });
            expectOne(await run(resources), "securetemple-objectstorage-bucket-access", "b", "public");
        });
    });

    describe("metadata", () => {
        it("lists every policy with a securetemple-<area>-<check> name, unique", () => {
            assert.strictEqual(allPolicies.length, policies.length);
            assert.ok(allPolicies.length >= 12);
            assert.strictEqual(new Set(allPolicies.map((p) => p.name)).size, allPolicies.length);
            for (const p of allPolicies) {
                assert.match(p.name, /^securetemple-[a-z]+(-[a-z0-9]+)+$/);
                assert.ok(p.name.length <= 100);
            }
        });

        it("describes each policy in complete French and English sentences, with a section, severity and remediation", () => {
            const sentence = /^[A-ZÉÀ].+[.!?]$/s;
            for (const p of allPolicies) {
                for (const text of [p.description.fr, p.description.en, p.remediation.fr, p.remediation.en]) {
                    assert.match(text, sentence, `${p.name}: ${text}`);
                }
                assert.notStrictEqual(p.description.fr, p.description.en);
                assert.ok(p.sections.length > 0 && p.sections.every((s) => /^\d+(\.\d+)*$/.test(s)), p.name);
                assert.ok(["low", "medium", "high", "critical"].includes(p.severity), p.name);
                assert.ok(["advisory", "mandatory"].includes(p.defaultEnforcementLevel), p.name);
                assert.ok(p.levelRationale.length > 20, p.name);
                assert.ok(p.appliesTo.length > 0 && p.scopes.length > 0, p.name);
            }
        });

        it("makes the three core policies mandatory by default", () => {
            const level = (n: string) => allPolicies.find((p) => p.name === n)?.defaultEnforcementLevel;
            assert.strictEqual(level(multiAz), "mandatory");
            assert.strictEqual(level(backup), "mandatory");
            assert.strictEqual(level("securetemple-network-security-group-rules"), "mandatory");
        });

        it("keeps enforcementLevel out of every config schema and no policy is named all (the server would exit)", () => {
            for (const p of policies) {
                assert.notStrictEqual(p.name, "all");
                assert.ok(!p.configSchema?.properties?.enforcementLevel, p.name);
                assert.ok(!(p.configSchema?.required ?? []).includes("enforcementLevel"), p.name);
            }
        });
    });

    it("writes every finding as complete French then English sentences naming the resource", async () => {
        let r = withProps(baseline(), "tenant", { region: "EU1", availabilityZones: ["AZ05"], consoleAuthorizedIps: [] });
        r = withProps(r, "clu-az05", { hostCount: 40, bladeModel: "TURBO" });
        r = withProps(r, "lun-az05", { sizeGib: 10 });
        r = withProps(r, "daily-th3s", { status: "HELD" });
        r = withProps(r, "web-1", { availabilityZone: "AZ06", backupPolicies: [] });
        r = withProps(r, "web-sg", {
            ingress: [
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"], description: "ssh" },
                {
                    protocol: "tcp",
                    fromPort: 3389,
                    toPort: 3389,
                    cidrs: ["0.0.0.0/0"],
                    description: "rdp",
                    exception: { reason: "vendor support" },
                },
            ],
        });
        r = withProps(r, "assets", { accessType: "public" });
        r = withProps(r, "backups", { versioning: "Suspended" });
        const nob = res(T.policy, "nobackup", {
            name: "nobackup",
            policyName: "nobackup",
            policyId: "pol-none",
            site: "TH3S",
            availabilityZone: "AZ06",
            status: "ACTIVE",
            noBackupAcknowledgement: { reason: "scratch machines" },
        });
        r = [nob, ...withProps(r, "web-2", { backupPolicies: ["pol-none"] })];
        const violations = await run(r);
        assert.deepStrictEqual([...new Set(violations.map((v) => v.policyName))].sort(), policies.map((p) => p.name).sort());
        for (const v of violations) {
            const m = /^FR (.+) \/ EN (.+)$/s.exec(v.message);
            assert.ok(m, v.message);
            for (const sentence of [m[1], m[2]]) {
                assert.match(sentence, /^[A-ZÉÀ].*[.!?]$/s, v.message);
            }
            assert.ok(v.message.includes(v.resourceName), `${v.policyName} does not name ${v.resourceName}: ${v.message}`);
        }
    });

    it("builds resources with parent and dependency objects (stack shape)", async () => {
        let seen: { parent?: string; deps: string[] } | undefined;
        const probe = definePolicy(
            { ...policies[0].info, name: "test-probe" },
            {
                validateStack: (args) => {
                    const vm = args.resources.find((r) => r.name === "web-1");
                    seen = { parent: vm?.parent?.type, deps: (vm?.propertyDependencies.backupPolicies ?? []).map((d) => d.name) };
                    assert.strictEqual(vm?.isType({ __pulumiType: T.vm } as never), true);
                },
            },
        );
        await evaluate([...baseline(), res(T.bucket, "x", { name: "x" }, { dependencies: ["urn:pulumi:dev::shop::missing::gone"] })], {
            policies: [probe],
        });
        assert.deepStrictEqual(seen, { parent: T.workload, deps: ["daily-th3s"] });
    });
});
