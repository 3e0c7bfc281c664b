// The built pack under the real Pulumi CLI: `pulumi preview --policy-pack dist/policy-pack` on a
// compliant and a non-compliant program, with the pack configuration file, reading both the text
// output and the engine event log (`--policy-pack` results are absent from `preview --json`).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { requireToolchain } from "../../../tools/toolchain/env";
import { buildPolicyPack } from "../../../tools/build-policy-pack";
import { pulumiWorkspace, PulumiWorkspace } from "../../support/pulumi";

const program = path.join(__dirname, "program");
const root = path.resolve(__dirname, "../../..");
// A stack name of its own per run: the stack's settings file lands in the program folder.
const stackName = `policy-e2e-${process.pid}`;

interface Reported {
    level: string;
    policy: string;
    resource: string;
}

/** The policy lines of the text output: "- [mandatory] [severity: high]  <policy>  (<type>: <name>)". */
function reported(output: string): Reported[] {
    return [...output.matchAll(/- \[(mandatory|advisory)\](?: \[severity: \w+\])?\s+(\S+)\s+\(([^)]*)\)/g)].map((m) => ({
        level: m[1],
        policy: m[2],
        resource: m[3],
    }));
}

/** policyEvent entries of an engine event log (one JSON event per line). */
function policyEvents(file: string): { policyName: string; enforcementLevel: string; resourceUrn: string; message: string }[] {
    return fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map(
            (l) =>
                JSON.parse(l) as { policyEvent?: { policyName: string; enforcementLevel: string; resourceUrn: string; message: string } },
        )
        .filter((e) => e.policyEvent)
        .map((e) => e.policyEvent as NonNullable<typeof e.policyEvent>);
}

describe("policy pack under the Pulumi CLI", function () {
    this.timeout(300_000);
    let ws: PulumiWorkspace;
    let work: string;
    let packDir: string;

    before(async () => {
        requireToolchain();
        packDir = buildPolicyPack();
        work = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-policy-e2e-"));
        ws = pulumiWorkspace();
        fs.mkdirSync(path.join(work, "state"));
        await ws.ok(["login", `file://${path.join(work, "state")}`], program);
        await ws.ok(["stack", "init", stackName], program);
    });

    after(async () => {
        if (ws) {
            await ws.run(["stack", "rm", stackName, "--yes", "--force"], program);
            ws.dispose();
        }
        fs.rmSync(path.join(program, `Pulumi.${stackName}.yaml`), { force: true });
        if (work) {
            fs.rmSync(work, { recursive: true, force: true });
        }
    });

    const preview = (variant: string, extra: string[] = []) =>
        ws.run(["preview", "--stack", stackName, "--policy-pack", packDir, ...extra], program, { SECURETEMPLE_E2E_VARIANT: variant });

    it("passes the compliant program", async () => {
        const r = await preview("compliant");
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.deepStrictEqual(reported(r.stdout), []);
        assert.match(r.stdout + r.stderr, /securetemple@v0\.1\.0/);
    });

    it("fails the non-compliant program and names exactly the expected policies", async () => {
        const log = path.join(work, "events.jsonl");
        const r = await preview("noncompliant", ["--event-log", log]);
        assert.notStrictEqual(r.code, 0);
        const mandatory = reported(r.stdout).filter((x) => x.level === "mandatory");
        assert.deepStrictEqual([...new Set(mandatory.map((x) => x.policy))].sort(), [
            "securetemple-backup-policy-association",
            "securetemple-compute-multi-az-placement",
            "securetemple-network-security-group-rules",
        ]);
        assert.deepStrictEqual(mandatory.map((x) => `${x.policy} ${x.resource}`).sort(), [
            "securetemple-backup-policy-association securetemple:compute:Workload: web",
            "securetemple-compute-multi-az-placement securetemple:index:Tenant: tenant",
            "securetemple-network-security-group-rules securetemple:network:SecurityGroup: web-sg",
        ]);
        // The HELD finding comes from the stack hook, which reads the inputs the resource hook saw.
        assert.match(r.stdout, /HELD/);
        assert.match(r.stdout, /FR Groupe de sécurité « web-sg » .* \/ EN Security group "web-sg"/);
        const events = policyEvents(log).filter((e) => e.enforcementLevel === "mandatory");
        assert.deepStrictEqual([...new Set(events.map((e) => e.policyName))].sort(), [...new Set(mandatory.map((x) => x.policy))].sort());
        assert.ok(events.every((e) => e.resourceUrn.includes("::")));
    });

    it("checks the provider's own custom resources at preview, inputs and parents included", async () => {
        const providerProgram = path.join(__dirname, "provider-program");
        assert.ok(
            fs.existsSync(path.join(root, "dist", "provider", "plugin", "main.js")),
            "FR Lancer `npm run build` d'abord. / EN Run `npm run build` first.",
        );
        const stack = `${stackName}-provider`;
        try {
            await ws.ok(["stack", "init", stack], providerProgram);
            // The plugin is configured but never called: the program makes no lookup and preview creates nothing.
            for (const [key, value, secret] of [
                ["securetemple:endpoint", "http://127.0.0.1:9", false],
                ["securetemple:clientId", "policy-e2e", false],
                ["securetemple:secretId", "not-a-real-secret", true],
            ] as const) {
                await ws.ok(["config", "set", ...(secret ? ["--secret"] : []), key, value, "--stack", stack], providerProgram);
            }
            const run = (variant: string, extra: string[] = []) =>
                ws.run(["preview", "--stack", stack, "--policy-pack", packDir, ...extra], providerProgram, {
                    SECURETEMPLE_E2E_VARIANT: variant,
                });
            const good = await run("compliant");
            assert.strictEqual(good.code, 0, good.stdout + good.stderr);
            assert.deepStrictEqual(reported(good.stdout), []);
            const badRun = await run("noncompliant");
            assert.notStrictEqual(badRun.code, 0);
            assert.deepStrictEqual(
                reported(badRun.stdout)
                    .map((x) => `${x.level} ${x.policy} ${x.resource}`)
                    .sort(),
                [
                    "advisory securetemple-objectstorage-backup-versioning securetemple:objectstorage:Bucket: backups",
                    "mandatory securetemple-backup-policy-association securetemple:compute:VirtualMachine: web-2",
                    "mandatory securetemple-compute-multi-az-placement securetemple:compute:Workload: web",
                    "mandatory securetemple-objectstorage-bucket-access securetemple:objectstorage:Bucket: assets",
                ],
            );
            assert.match(badRun.stdout, /web-1, web-2\) all run in AZ05/);
            assert.match(badRun.stdout, /virtual machine "web-2" has no backup policy/);
            // Under "remediate" the pack fixes the backup bucket's versioning instead of reporting it.
            const config = path.join(work, "remediate.json");
            fs.writeFileSync(config, JSON.stringify({ "securetemple-objectstorage-backup-versioning": "remediate" }));
            const log = path.join(work, "remediate-events.jsonl");
            const remediated = await run("noncompliant", ["--policy-pack-config", config, "--event-log", log]);
            assert.ok(
                !reported(remediated.stdout).some((x) => x.policy === "securetemple-objectstorage-backup-versioning"),
                remediated.stdout,
            );
            const remediations = fs
                .readFileSync(log, "utf8")
                .split("\n")
                .filter((l) => l.includes("policyRemediationEvent"))
                .map(
                    (l) =>
                        (JSON.parse(l) as { policyRemediationEvent: { policyName: string; after: Record<string, unknown> } })
                            .policyRemediationEvent,
                );
            assert.deepStrictEqual(
                remediations.map((e) => [e.policyName, e.after.versioning]),
                [["securetemple-objectstorage-backup-versioning", "Enabled"]],
            );
        } finally {
            await ws.run(["stack", "rm", stack, "--yes", "--force"], providerProgram);
            fs.rmSync(path.join(providerProgram, `Pulumi.${stack}.yaml`), { force: true });
        }
    });

    it("turns the mandatory policies advisory through --policy-pack-config", async () => {
        const config = path.join(work, "policy-config.json");
        fs.writeFileSync(
            config,
            JSON.stringify({
                all: "advisory",
                "securetemple-network-security-group-rules": { enforcementLevel: "advisory", allowAllPorts: false },
            }),
        );
        const r = await preview("noncompliant", ["--policy-pack-config", config]);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        const found = reported(r.stdout);
        assert.deepStrictEqual(
            found.filter((x) => x.level === "mandatory"),
            [],
        );
        assert.ok(found.some((x) => x.policy === "securetemple-compute-multi-az-placement" && x.level === "advisory"));
    });
});
