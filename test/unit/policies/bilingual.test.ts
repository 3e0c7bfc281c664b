// Every message of the pack, the CLI and the components reads "FR … / EN …" and splits cleanly
// with the CLI's own language splitting (cli/language.ts pickLanguage), because they are built by
// one helper, bilingual() in provider/catalog/errors.ts. Static part: no hand-built bilingual text
// in the pack, the CLI, the catalogue or the security-group component. Dynamic part: the messages
// themselves, from a stack that breaks every policy, from bad component arguments and bad flags.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { sourceFiles } from "./sourceFiles";
import * as pulumi from "@pulumi/pulumi";
import { buildProgram, run as runCli } from "../../../cli/program";
import { pickLanguage } from "../../../cli/language";
import { policies } from "../../../policies/rules";
import { Cluster, SecurityGroup, SecurityGroupArgs, Tenant } from "../../../provider/components";
import { captureIo } from "../cli/fixtures";
import { captureWarnings, reset, settle } from "../components/mocks";
import { P, res, T, withNoBackup, withProps } from "./fixtures";
import { run } from "./harness";

const root = path.resolve(__dirname, "../../..");

/** Fails unless each line of `text` is "FR <fr> / EN <en>" and each half comes out whole. */
function assertSplits(text: string, where: string): void {
    for (const line of text.trim().split("\n")) {
        const fr = pickLanguage(line, "fr");
        const en = pickLanguage(line, "en");
        assert.notStrictEqual(fr, line.trim(), `${where}: not a bilingual line: ${line}`);
        assert.ok(fr.length > 0 && en.length > 0 && fr !== en, `${where}: empty or equal halves: ${line}`);
        assert.ok(
            !/(^|\s)(FR|EN) /.test(fr) && !/(^|\s)(FR|EN) /.test(en) && !en.includes(" / EN "),
            `${where}: a half holds another: ${line}`,
        );
    }
}

describe("bilingual messages", () => {
    it("are never written by hand in the pack, the CLI, the catalogue, the root program or the security-group component", () => {
        const files = [
            ...sourceFiles(path.join(root, "policies")),
            ...sourceFiles(path.join(root, "cli")),
            ...sourceFiles(path.join(root, "provider", "catalog")),
            ...sourceFiles(path.join(root, "program")),
            path.join(root, "provider", "components", "securityGroup.ts"),
        ];
        const handBuilt = files
            .filter(
                (f) => !f.endsWith(path.join("catalog", "errors.ts")) && !f.includes(`${path.sep}cli${path.sep}commands${path.sep}sandbox`),
            )
            .flatMap((f) =>
                fs
                    .readFileSync(f, "utf8")
                    .split("\n")
                    .map((line, i) => [line.replace(/^\s*(\/\/|\*|\/\*\*).*$/, ""), i] as const)
                    .filter(([line]) => /["'`]FR [^"'`]/.test(line) || /[^"'`]* \/ EN [^"'`]*["'`]/.test(line))
                    .map(([, i]) => `${path.relative(root, f)}:${i + 1}`),
            );
        assert.deepStrictEqual(handBuilt, []);
    });

    it("split for every finding of every policy of the pack, and for its remediation", async () => {
        let broken = withProps(withNoBackup(), "tenant", { availabilityZones: ["AZ05"], consoleAuthorizedIps: [], region: "EU-WEST" });
        broken = withProps(broken, "clu-az05", { hostCount: 40, bladeModel: "TURBO" });
        broken = withProps(broken, "lun-az05", { sizeGib: 100 });
        broken = withProps(broken, "web-2", { availabilityZone: "AZ05", backupPolicies: [] });
        broken = withProps(broken, "web", { placement: [{ vmName: "web-1", availabilityZone: "AZ05", backupSites: ["PAR7S"] }] });
        broken = withProps(broken, "web-sg", {
            ingress: [
                { protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/1"], description: "a" },
                { protocol: "tcp", fromPort: 22, cidrs: ["128.0.0.0/1"], description: "b" },
                { protocol: "all", cidrs: ["::ffff:198.51.100.0/120", "not-a-cidr"] },
                { protocol: "tcp", fromPort: 3389, cidrs: ["0.0.0.0/0"], exception: { reason: "lab" } },
            ],
        });
        broken = withProps(broken, "assets", { accessType: "public" });
        broken = withProps(broken, "backups", { versioning: "Suspended", whitelist: ["0.0.0.0/0"] });
        const acknowledged = res(T.vm, "scratch", {
            name: "scratch",
            availabilityZone: "AZ05",
            powerState: "on",
            backupPolicies: ["nobackup"],
            noBackupReason: "rebuilt nightly",
        });
        const violations = await run([
            ...broken,
            acknowledged,
            res(T.policy, "held", { name: "held", policyName: "held", policyId: "pol-held", site: "TH3S", status: "HELD" }),
        ]);
        const seen = new Set(violations.map((v) => v.policyName));
        assert.deepStrictEqual(
            policies.map((p) => p.name).filter((n) => !seen.has(n)),
            [],
            "every policy should report on this stack",
        );
        assert.ok(violations.some((v) => v.policyName === P.sgExceptions));
        for (const v of violations) {
            assertSplits(v.message, v.policyName);
            assertSplits(v.remediation, `${v.policyName} remediation`);
        }
        for (const p of policies) {
            assertSplits(p.description, `${p.name} description`);
        }
    });

    it("split for the components' errors and warnings", async () => {
        reset();
        const bad: SecurityGroupArgs[] = [
            {
                ingress: [
                    { protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/1"] },
                    { protocol: "tcp", fromPort: 22, cidrs: ["128.0.0.0/1"] },
                ],
            },
            { ingress: [{ protocol: "udp", fromPort: 445, cidrs: ["::ffff:203.0.113.0/120"] }] },
            { ingress: [{ protocol: "tcp", fromPort: 70000, cidrs: ["10.0.0.0/8"] }] },
            { ingress: [{ protocol: "sctp" as "tcp", fromPort: 1, cidrs: ["10.0.0.0/8"] }] },
            { egress: [{ protocol: "udp", fromPort: 53, cidrs: ["10.0.0.1/8"] }] },
        ];
        for (const args of bad) {
            assert.throws(
                () => new SecurityGroup("sg", args),
                (e: unknown) => {
                    assert.ok(pulumi.ResourceError.isInstance(e));
                    assertSplits((e as Error).message, "SecurityGroup");
                    return true;
                },
            );
        }
        assert.throws(
            () => new Cluster("x", { name: "c", availabilityZone: "AZ09", bladeModel: "STANDARD", hostCount: 2 }),
            (e: unknown) => (assertSplits((e as Error).message, "Cluster"), true),
        );
        const warnings = await captureWarnings(async () => {
            new SecurityGroup("legacy", {
                ingress: [{ protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/0"], exception: { reason: "honeypot" } }],
            });
            new Cluster("single", { name: "clu002-az07-eco-single", availabilityZone: "AZ07", bladeModel: "ECO", hostCount: 1 });
            new Tenant("one-zone", {
                region: "FR1",
                availabilityZones: ["AZ05"],
                snc: true,
                consoleAuthorizedIps: ["203.0.113.8/29"],
                contacts: [{ name: "Ops", email: "ops@acme.example", role: "technical" }],
            });
            await settle();
        });
        assert.ok(warnings.length >= 3, JSON.stringify(warnings));
        warnings.forEach((w) => assertSplits(w, "component warning"));
    });

    it("split for the CLI's errors and help", async () => {
        for (const argv of [
            ["check", "no-such-file.json"],
            ["check", "--format", "pdf", "x.json"],
            ["--bogus"],
            ["check"],
            ["sla", "no-such-file.json"],
        ]) {
            const io = captureIo();
            assert.strictEqual(await runCli(argv, io), 2, argv.join(" "));
            assertSplits(io.err, argv.join(" "));
        }
        // Commander wraps --help to the terminal's width: the descriptions themselves are checked.
        const program = buildProgram(captureIo(), () => undefined);
        for (const command of [program, ...program.commands]) {
            assertSplits(command.description(), `${command.name()} --help`);
        }
    });
});
