import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { SecurityGroup, SecurityGroupArgs, SecurityGroupRule } from "../../../provider/components";
import { captureWarnings, registered, reset, settle, value } from "./mocks";

function ingress(...rules: Partial<SecurityGroupRule>[]): SecurityGroupArgs {
    return { ingress: rules as SecurityGroupRule[] };
}

function expectError(args: SecurityGroupArgs, pattern: RegExp): void {
    assert.throws(
        () => new SecurityGroup("sg", args),
        (e: unknown) => pulumi.ResourceError.isInstance(e) && pattern.test((e as Error).message),
    );
}

describe("SecurityGroup", () => {
    beforeEach(reset);

    it("registers normalised ingress and egress rules", async () => {
        const sg = new SecurityGroup("web", {
            ingress: [
                { protocol: "tcp", fromPort: 443, cidrs: ["0.0.0.0/0"], description: "HTTPS" },
                { protocol: "tcp", fromPort: 22, cidrs: ["203.0.113.8/29"], description: "SSH from the bastion" },
                { protocol: "icmp", cidrs: ["10.0.0.0/8"] },
            ],
            egress: [{ protocol: "all", cidrs: ["::/0"] }],
        });
        await settle();
        const [component] = registered("securetemple:network:SecurityGroup", "web");
        const rules = component.inputs.ingress as { protocol: string; fromPort: number; toPort: number; cidrs: string[] }[];
        assert.equal(rules.length, 3);
        assert.deepEqual(rules[0], { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"], description: "HTTPS" });
        assert.deepEqual(rules[2], { protocol: "icmp", fromPort: 0, toPort: 65535, cidrs: ["10.0.0.0/8"] });
        assert.deepEqual(component.inputs.egress, [{ protocol: "all", fromPort: 0, toPort: 65535, cidrs: ["::/0"] }]);
        assert.deepEqual(await value(sg.exceptions), []);
    });

    it("refuses SSH and RDP from the whole Internet (IPv4 and IPv6)", () => {
        expectError(
            ingress({ protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/0"] }),
            /ingress\[0\]\.cidrs.*SSH \(port 22\) to the whole Internet via 0\.0\.0\.0\/0.*exception/,
        );
        expectError(ingress({ protocol: "tcp", fromPort: 3389, cidrs: ["10.0.0.0/8", "::/0"] }), /RDP \(port 3389\).*::\/0/);
        expectError(ingress({ protocol: "tcp", fromPort: 1, toPort: 1024, cidrs: ["0.0.0.0/0"] }), /SSH/);
        expectError(ingress({ protocol: "all", cidrs: ["0.0.0.0/0"] }), /SSH/);
    });

    it("refuses SSH and RDP opened to the whole Internet by sources together or in an IPv4-mapped form", () => {
        expectError(
            {
                ingress: [
                    { protocol: "tcp", fromPort: 3389, cidrs: ["0.0.0.0/1"] },
                    { protocol: "tcp", fromPort: 22, cidrs: ["10.0.0.0/8"] },
                    { protocol: "all", cidrs: ["128.0.0.0/1"] },
                ],
            },
            /ingress\[0\]\.cidrs, ingress\[2\]\.cidrs.*the rules ingress\[0\], ingress\[2\] together open RDP \(port 3389\) to the whole Internet via 0\.0\.0\.0\/1, 128\.0\.0\.0\/1/,
        );
        expectError(
            ingress({ protocol: "tcp", fromPort: 3389, cidrs: ["0.0.0.0/1", "128.0.0.0/1"] }),
            /ingress\[0\]\.cidrs.*RDP \(port 3389\) to the whole Internet via 0\.0\.0\.0\/1, 128\.0\.0\.0\/1 together/,
        );
        expectError(
            ingress({ protocol: "tcp", fromPort: 22, cidrs: ["::ffff:0.0.0.0/96"] }),
            /SSH \(port 22\) to the whole Internet via ::ffff:0:0\/96 \(IPv4 0\.0\.0\.0\/0\)/,
        );
        new SecurityGroup("half", ingress({ protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/1"] }));
        new SecurityGroup("half-excepted", {
            ingress: [
                { protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/1"], exception: { reason: "partner" } },
                { protocol: "tcp", fromPort: 22, cidrs: ["128.0.0.0/1"] },
            ],
        });
    });

    it("reads private ranges written as IPv4-mapped IPv6 as private", () => {
        new SecurityGroup(
            "mapped-private",
            ingress({ protocol: "tcp", fromPort: 445, cidrs: ["::ffff:10.0.0.0/104", "::ffff:192.168.0.0/112"] }),
        );
        expectError(
            ingress({ protocol: "tcp", fromPort: 445, cidrs: ["::ffff:198.51.100.0/120"] }),
            /SMB \(port 445\) outside private ranges via ::ffff:c633:6400\/120 \(IPv4 198\.51\.100\.0\/24\)/,
        );
    });

    it("refuses SMB and NFS, TCP and UDP, from outside private ranges", () => {
        expectError(
            ingress({ protocol: "tcp", fromPort: 445, cidrs: ["203.0.113.0/24"] }),
            /SMB \(port 445\) outside private ranges via 203\.0\.113\.0\/24/,
        );
        expectError(ingress({ protocol: "udp", fromPort: 2049, cidrs: ["198.51.100.7/32"] }), /NFS \(port 2049\)/);
        expectError(ingress({ protocol: "udp", fromPort: 445, cidrs: ["0.0.0.0/0"] }), /SMB/);
        new SecurityGroup("nfs-private", ingress({ protocol: "tcp", fromPort: 2049, cidrs: ["10.20.0.0/16", "fd00::/8"] }));
    });

    it("allows a refused rule with an exception and a reason, and reports it", async () => {
        let sg!: SecurityGroup;
        const warnings = await captureWarnings(() => {
            sg = new SecurityGroup(
                "legacy",
                ingress({ protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/0"], exception: { reason: "Honeypot, isolated VLAN" } }),
            );
        });
        assert.deepEqual(await value(sg.exceptions), [{ direction: "ingress", index: 0, reason: "Honeypot, isolated VLAN" }]);
        assert.match(warnings[0], /Honeypot/);
        expectError(
            ingress({ protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/0"], exception: { reason: " " } }),
            /ingress\[0\]\.exception\.reason/,
        );
    });

    it("does not apply ingress exposure rules to egress", () => {
        new SecurityGroup("out", { egress: [{ protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/0"] }] });
    });

    it("gives clear errors for malformed CIDRs, ports and protocols", () => {
        expectError(
            ingress({ protocol: "tcp", fromPort: 80, cidrs: ["10.0.0.0/33"] }),
            /ingress\[0\]\.cidrs\[0\].*malformed CIDR "10\.0\.0\.0\/33"/,
        );
        expectError(ingress({ protocol: "tcp", fromPort: 80, cidrs: ["10.0.0.1/8"] }), /host bits.*10\.0\.0\.0\/8/);
        expectError(ingress({ protocol: "tcp", fromPort: 80, cidrs: [] }), /ingress\[0\]\.cidrs.*at least 1/);
        expectError(ingress({ protocol: "tcp", fromPort: 70000, cidrs: ["10.0.0.0/8"] }), /ingress\[0\]\.fromPort.*0 to 65535/);
        expectError(ingress({ protocol: "tcp", fromPort: 90, toPort: 80, cidrs: ["10.0.0.0/8"] }), /ingress\[0\]\.toPort.*reversed/);
        expectError(ingress({ protocol: "tcp", cidrs: ["10.0.0.0/8"] }), /ingress\[0\]\.fromPort/);
        expectError(
            ingress({ protocol: "sctp" as "tcp", fromPort: 1, cidrs: ["10.0.0.0/8"] }),
            /ingress\[0\]\.protocol.*Allowed values: tcp, udp, icmp, all/,
        );
        expectError({ egress: [{ protocol: "udp", fromPort: 53, cidrs: ["nope"] }] }, /egress\[0\]\.cidrs\[0\]/);
    });
});
