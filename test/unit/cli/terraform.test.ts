// OpenTofu/Terraform plans and states read by `securetemple check` (cli/input/terraform.ts): the
// cloudtemple_* resources as the policies know them (bridged type tokens, camelCase properties),
// what a plan leaves, unknown and sensitive values, modules, a document of the wrong kind; then the
// whole command on a plan, in every report format, with the Terraform addresses. Real OpenTofu
// plans are exercised in test/e2e/terraform.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readTerraform, redacted, terraformProps, terraformTypeToken } from "../../../cli/input/terraform";
import { run } from "../../../cli/program";
import { CliInputError } from "../../../cli/errors";
import { unknownValue } from "../../../policies/engine";
import { captureIo } from "./fixtures";
import { sarifErrors } from "./sarifSchema";

const policyId = "5a7f0b2e-9b1d-4c1e-8f6a-0d2c3b4a5e6f";

function vm(address: string, values: Record<string, unknown>, actions = ["create"], extra: Record<string, unknown> = {}) {
    return {
        address,
        mode: "managed",
        type: "cloudtemple_compute_virtual_machine",
        name: address.split(".").pop(),
        change: { actions, after: { name: "web", ...values }, after_unknown: { id: true }, ...extra },
    };
}

function bucket(address: string, values: Record<string, unknown>, actions = ["create"]) {
    return {
        address,
        mode: "managed",
        type: "cloudtemple_object_storage_bucket",
        name: address.split(".").pop(),
        change: { actions, after: values, after_unknown: {} },
    };
}

const plan = (changes: unknown[]) =>
    JSON.stringify({ format_version: "1.2", terraform_version: "1.12.6", planned_values: {}, resource_changes: changes });

describe("Terraform plans and states for securetemple check", () => {
    it("names cloudtemple_* types as the bridged provider does", () => {
        assert.strictEqual(
            terraformTypeToken("cloudtemple_compute_virtual_machine"),
            "cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine",
        );
        assert.strictEqual(
            terraformTypeToken("cloudtemple_object_storage_bucket"),
            "cloudtemple:index/objectStorageBucket:ObjectStorageBucket",
        );
        assert.strictEqual(
            terraformTypeToken("cloudtemple_compute_iaas_opensource_virtual_machine"),
            "cloudtemple:index/computeIaasOpensourceVirtualMachine:ComputeIaasOpensourceVirtualMachine",
        );
    });

    it("turns attributes into camelCase properties, keeping map keys, unknowns unknown and sensitive values redacted", () => {
        const props = terraformProps(
            {
                power_state: "on",
                backup_sla_policies: [policyId],
                tags: { cost_center: "a1" },
                os_disk: [{ disk_mode: "persistent", capacity: 1 }],
                secret_id: "s3cr3t",
                moref: "vm-1",
            },
            { id: true, moref: true, os_disk: [{ capacity: true }] },
            { secret_id: true },
        );
        assert.deepStrictEqual(props, {
            powerState: "on",
            backupSlaPolicies: [policyId],
            tags: { cost_center: "a1" },
            osDisk: [{ diskMode: "persistent", capacity: unknownValue }],
            secretId: redacted,
            moref: unknownValue,
            id: unknownValue,
        });
    });

    it("reads what a plan leaves: created, updated, replaced and unchanged resources, not deleted ones nor other providers'", () => {
        const input = readTerraform(
            plan([
                vm("cloudtemple_compute_virtual_machine.new", { power_state: "on" }),
                vm("cloudtemple_compute_virtual_machine.kept", { power_state: "off" }, ["no-op"]),
                vm("module.app.cloudtemple_compute_virtual_machine.web[0]", { power_state: "on" }, ["delete", "create"]),
                vm("cloudtemple_compute_virtual_machine.gone", {}, ["delete"]),
                {
                    address: "data.cloudtemple_backup_sla_policy.daily",
                    mode: "data",
                    type: "cloudtemple_backup_sla_policy",
                    change: { actions: ["read"], after: {} },
                },
                { address: "null_resource.x", mode: "managed", type: "null_resource", change: { actions: ["create"], after: {} } },
            ]),
            "plan.json",
        );
        assert.ok(input);
        assert.strictEqual(input.kind, "terraform-plan");
        assert.deepStrictEqual(
            input.inputs.map((r) => r.urn),
            [
                "cloudtemple_compute_virtual_machine.new",
                "cloudtemple_compute_virtual_machine.kept",
                "module.app.cloudtemple_compute_virtual_machine.web[0]",
            ],
        );
        assert.deepStrictEqual(
            input.inputs.map((r) => r.name),
            input.inputs.map((r) => r.urn),
            "the address is the name",
        );
        assert.strictEqual(input.skipped, 1);
        assert.strictEqual(input.inputs[0].props.id, unknownValue);
    });

    it("reads a state's managed resources, child modules included, and an empty state", () => {
        const state = {
            format_version: "1.0",
            terraform_version: "1.12.6",
            values: {
                root_module: {
                    resources: [
                        {
                            address: "cloudtemple_object_storage_bucket.logs",
                            mode: "managed",
                            type: "cloudtemple_object_storage_bucket",
                            values: { name: "logs", access_type: "private" },
                        },
                        {
                            address: "data.cloudtemple_compute_datastore.ds",
                            mode: "data",
                            type: "cloudtemple_compute_datastore",
                            values: {},
                        },
                    ],
                    child_modules: [
                        {
                            resources: [
                                {
                                    address: "module.db.cloudtemple_compute_virtual_machine.db",
                                    mode: "managed",
                                    type: "cloudtemple_compute_virtual_machine",
                                    values: { power_state: "on", backup_sla_policies: [] },
                                },
                            ],
                        },
                    ],
                },
            },
        };
        const input = readTerraform(JSON.stringify(state), "state.json");
        assert.deepStrictEqual(input?.kind, "terraform-state");
        assert.deepStrictEqual(
            input?.inputs.map((r) => [r.urn, r.type]),
            [
                ["cloudtemple_object_storage_bucket.logs", "cloudtemple:index/objectStorageBucket:ObjectStorageBucket"],
                ["module.db.cloudtemple_compute_virtual_machine.db", "cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine"],
            ],
        );
        assert.deepStrictEqual(input?.inputs[0].props, { name: "logs", accessType: "private" });
        assert.deepStrictEqual(readTerraform(JSON.stringify({ format_version: "1.0" }), "empty.json"), {
            kind: "terraform-state",
            inputs: [],
            skipped: 0,
        });
    });

    it("leaves documents that are not Terraform's to the Pulumi reader, and refuses Terraform JSON that is neither a plan nor a state", () => {
        assert.strictEqual(readTerraform(JSON.stringify({ version: 3, deployment: {} }), "export.json"), undefined);
        assert.strictEqual(readTerraform("not json", "x.json"), undefined);
        assert.throws(
            () => readTerraform(JSON.stringify({ format_version: "1.0", provider_schemas: {} }), "schema.json"),
            (e: Error) =>
                e instanceof CliInputError &&
                /^FR schema\.json : ce document OpenTofu\/Terraform n'est ni un plan ni un état \(il contient : provider_schemas\).* \/ EN schema\.json: this OpenTofu\/Terraform document is neither a plan nor a state/s.test(
                    e.message,
                ),
        );
    });

    describe("the check command on a plan", () => {
        let dir: string;
        let bad: string;
        let good: string;
        before(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-tf-"));
            bad = path.join(dir, "bad.json");
            good = path.join(dir, "good.json");
            fs.writeFileSync(
                bad,
                plan([
                    vm("cloudtemple_compute_virtual_machine.web", { power_state: "on", backup_sla_policies: [] }),
                    bucket("cloudtemple_object_storage_bucket.site", { name: "site", access_type: "public" }),
                ]),
            );
            fs.writeFileSync(
                good,
                plan([
                    vm("cloudtemple_compute_virtual_machine.web", { power_state: "on", backup_sla_policies: [policyId] }),
                    bucket("cloudtemple_object_storage_bucket.site", { name: "site", access_type: "private" }),
                ]),
            );
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("fails a powered-on VM without backup policy and a public bucket, naming their addresses", async () => {
            const io = captureIo();
            assert.strictEqual(await run(["check", bad, "--format", "json"], io), 1, io.err);
            const doc = JSON.parse(io.out) as {
                source: { kind: string };
                violations: { policyName: string; urn: string; enforcementLevel: string }[];
            };
            assert.strictEqual(doc.source.kind, "terraform-plan");
            assert.deepStrictEqual(
                doc.violations
                    .filter((v) => v.enforcementLevel === "mandatory")
                    .map((v) => `${v.policyName} ${v.urn}`)
                    .sort(),
                [
                    "securetemple-backup-policy-association cloudtemple_compute_virtual_machine.web",
                    "securetemple-objectstorage-bucket-access cloudtemple_object_storage_bucket.site",
                ],
            );
        });

        it("reports in French and English text, valid SARIF and JUnit with the addresses", async () => {
            for (const lang of ["fr", "en"]) {
                const io = captureIo();
                assert.strictEqual(await run(["check", bad, "--lang", lang], io), 1);
                assert.match(io.out, lang === "fr" ? /Source : plan OpenTofu\/Terraform/ : /Source: OpenTofu\/Terraform plan/);
                assert.match(io.out, /cloudtemple_object_storage_bucket\.site/);
            }
            const sarif = captureIo();
            assert.strictEqual(await run(["check", bad, "--format", "sarif"], sarif), 1);
            const log = JSON.parse(sarif.out) as {
                runs: { results: { locations: { logicalLocations?: { fullyQualifiedName: string }[] }[] }[] }[];
            };
            assert.deepStrictEqual(sarifErrors(log), []);
            assert.ok(
                log.runs[0].results.some(
                    (r) => r.locations[0].logicalLocations?.[0].fullyQualifiedName === "cloudtemple_compute_virtual_machine.web",
                ),
            );
            const junit = captureIo();
            assert.strictEqual(await run(["check", bad, "--format", "junit"], junit), 1);
            assert.match(junit.out, /cloudtemple_compute_virtual_machine\.web/);
        });

        it("passes the compliant plan, and exits 2 with a bilingual message on Terraform JSON of another kind", async () => {
            const io = captureIo();
            assert.strictEqual(await run(["check", good, "--lang", "en"], io), 0, io.out + io.err);
            const other = path.join(dir, "validate.json");
            fs.writeFileSync(other, JSON.stringify({ format_version: "1.0", valid: true, error_count: 0, diagnostics: [] }));
            const wrong = captureIo();
            assert.strictEqual(await run(["check", other], wrong), 2);
            assert.match(wrong.err, /ni un plan ni un état .* \/ .*neither a plan nor a state/s);
        });
    });
});
