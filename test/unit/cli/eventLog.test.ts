// Reading a preview's engine event log: the previewed resources (inputs, parent; stack, providers
// and deletions left out) and the engine's policyEvents. The shapes are those the Pulumi CLI
// 3.248 writes (checked on a real log in test/e2e/cli); `check --event-log` is tested here on a
// hand-written log, and on a real one in the e2e tests.
import * as assert from "assert";
import { eventViolationMessage, parseEventLog } from "../../../cli/input/eventLog";
import { run } from "../../../cli/program";
import { captureIo, securityGroupUrn, stackUrn, tenantUrn, workloadUrn } from "./fixtures";

let sequence = 0;
function line(event: Record<string, unknown>): string {
    return JSON.stringify({ sequence: sequence++, timestamp: 1795936546, ...event });
}

function pre(urn: string, type: string, inputs: Record<string, unknown>, parent = "", op = "create"): string {
    const state = { type, urn, id: "", parent, inputs, outputs: {}, provider: "" };
    return line({
        resourcePreEvent: {
            metadata: {
                op,
                urn,
                type,
                old: null,
                new: op.startsWith("delete") ? null : state,
                detailedDiff: null,
                logical: true,
                provider: "",
            },
            planning: true,
        },
    });
}

function previewLog(withEngineViolation: boolean): string {
    const sshOpen = { name: "web-sg", ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] }], egress: [] };
    const lines = [
        line({ policyLoadEvent: {} }),
        line({ preludeEvent: { config: {} } }),
        pre(stackUrn, "pulumi:pulumi:Stack", {}),
        pre(
            tenantUrn,
            "securetemple:index:Tenant",
            {
                region: "FR1",
                availabilityZones: ["AZ05", "AZ06"],
                snc: true,
                consoleAuthorizedIps: ["203.0.113.8/29"],
                contacts: [{ name: "Ops", email: "ops@acme.example" }],
            },
            stackUrn,
        ),
        pre(
            workloadUrn,
            "securetemple:compute:Workload",
            { availabilityZones: ["AZ05", "AZ06"], replicas: 2, backupPolicyNames: ["sla001-daily-par7s"] },
            tenantUrn,
        ),
        pre(securityGroupUrn, "securetemple:network:SecurityGroup", sshOpen, tenantUrn),
        pre("urn:pulumi:dev::acme-infra::pulumi:providers:securetemple::default", "pulumi:providers:securetemple", {}),
        pre("urn:pulumi:dev::acme-infra::securetemple:compute:Workload::old", "securetemple:compute:Workload", {}, stackUrn, "delete"),
    ];
    if (withEngineViolation) {
        lines.push(
            line({
                policyEvent: {
                    resourceUrn: securityGroupUrn,
                    message: "FR Vérifie les règles. / EN Checks the rules.\nFR SSH ouvert (moteur). / EN SSH open (engine).\n",
                    color: "never",
                    policyName: "securetemple-network-security-group-rules",
                    policyPackName: "securetemple",
                    policyPackVersion: "0.1.0",
                    enforcementLevel: "advisory",
                },
            }),
            line({
                policyEvent: {
                    resourceUrn: "",
                    message: "Other pack policy.\nSomething about the stack.\n",
                    color: "never",
                    policyName: "acme-naming",
                    policyPackName: "acme-pack",
                    policyPackVersion: "1.0.0",
                    enforcementLevel: "mandatory",
                },
            }),
        );
    }
    lines.push(
        line({
            summaryEvent: {
                maybeCorrupt: false,
                durationSeconds: 1,
                resourceChanges: { create: 4 },
                PolicyPacks: { "securetemple|local|/pack": "0.1.0" },
                isPreview: true,
                result: "failed",
            },
        }),
    );
    return `${lines.join("\n")}\n`;
}

describe("preview event log", () => {
    it("keeps the previewed resources with their inputs and parents, not the stack, providers or deletions", () => {
        const log = parseEventLog(previewLog(false), "preview.jsonl");
        assert.deepStrictEqual(
            log.resources.map((r) => r.urn),
            [tenantUrn, workloadUrn, securityGroupUrn],
        );
        assert.strictEqual(log.resources[1].parent, tenantUrn);
        assert.deepStrictEqual(log.resources[1].props.availabilityZones, ["AZ05", "AZ06"]);
        assert.deepStrictEqual(log.policyPacks, ["securetemple"]);
        assert.strictEqual(log.complete, true);
    });

    it("reads policyEvents and strips the policy description from their message", () => {
        const log = parseEventLog(previewLog(true), "preview.jsonl");
        assert.strictEqual(log.policyEvents.length, 2);
        assert.strictEqual(log.policyEvents[0].policyName, "securetemple-network-security-group-rules");
        assert.strictEqual(eventViolationMessage(log.policyEvents[0]), "FR SSH ouvert (moteur). / EN SSH open (engine).");
    });

    it("check --event-log evaluates the previewed resources when the preview ran no pack", async () => {
        const io = captureIo(previewLog(false));
        assert.strictEqual(await run(["check", "--event-log", "-", "--format", "json"], io), 1, io.err);
        const doc = JSON.parse(io.out) as { source: { kind: string }; violations: { policyName: string; urn: string; origin: string }[] };
        assert.strictEqual(doc.source.kind, "event-log");
        assert.deepStrictEqual(
            doc.violations.map((v) => [v.policyName, v.urn, v.origin]),
            [["securetemple-network-security-group-rules", securityGroupUrn, "check"]],
        );
    });

    it("prefers the engine's policyEvent for the same policy and resource, and reports other packs' policies", async () => {
        const io = captureIo(previewLog(true));
        assert.strictEqual(await run(["check", "--event-log", "-", "--format", "json"], io), 1, io.err);
        const doc = JSON.parse(io.out) as {
            policies: { name: string; pack: string }[];
            violations: { policyName: string; enforcementLevel: string; origin: string; message: { en: string } }[];
        };
        const sg = doc.violations.filter((v) => v.policyName === "securetemple-network-security-group-rules");
        assert.deepStrictEqual(
            sg.map((v) => [v.enforcementLevel, v.origin, v.message.en]),
            [["advisory", "preview", "SSH open (engine)."]],
        );
        const foreign = doc.violations.find((v) => v.policyName === "acme-naming");
        assert.strictEqual(foreign?.enforcementLevel, "mandatory", "the other pack's mandatory violation fails the check");
        assert.deepStrictEqual(doc.policies.find((p) => p.name === "acme-naming")?.pack, "acme-pack");
    });
});
