// securetemple-network-security-group-rules: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import * as assert from "assert";
import { unknownValue } from "../../../../../policies/engine";
import { baseline, rule, withProps } from "../../fixtures";
import { expectNone, expectOne, of, run } from "../../harness";

const policy = "securetemple-network-security-group-rules";

describe("securetemple-network-security-group-rules", () => {
    const sg = (ingress: Record<string, unknown>[]) => withProps(baseline(), "web-sg", { ingress: ingress.map(rule) });
    it("reports SSH from 0.0.0.0/0", async () =>
        expectOne(
            await run(sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] }])),
            policy,
            "web-sg",
            "SSH",
            "0.0.0.0/0",
        ));
    it("reports RDP from ::/0", async () =>
        expectOne(await run(sg([{ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrs: ["::/0"] }])), policy, "web-sg", "RDP", "::/0"));
    it("reports a port range that covers SSH", async () =>
        expectOne(await run(sg([{ protocol: "tcp", fromPort: 20, toPort: 25, cidrs: ["0.0.0.0/0"] }])), policy, "web-sg", "SSH"));
    it("reports SMB over UDP from a public range", async () =>
        expectOne(
            await run(sg([{ protocol: "udp", fromPort: 445, toPort: 445, cidrs: ["198.51.100.0/24"] }])),
            policy,
            "web-sg",
            "SMB",
            "198.51.100.0/24",
        ));
    it("reports NFS from a range wider than the private one", async () =>
        expectOne(await run(sg([{ protocol: "tcp", fromPort: 2049, toPort: 2049, cidrs: ["10.0.0.0/7"] }])), policy, "web-sg", "NFS"));
    it("reads an absent toPort as fromPort and an absent fromPort as every port", async () => {
        expectOne(await run(sg([{ protocol: "tcp", fromPort: 3389, cidrs: ["0.0.0.0/0"] }])), policy, "web-sg", "RDP");
        const v = await run(sg([{ protocol: "tcp", cidrs: ["198.51.100.7/32"] }]));
        assert.deepStrictEqual(of(v, policy).length, 3, JSON.stringify(of(v, policy)));
    });
    it("reports a rule opening every port", async () => {
        const v = await run(sg([{ protocol: "all", fromPort: 0, toPort: 0, cidrs: ["10.0.0.0/8"] }]));
        expectOne(v, policy, "web-sg", "every port");
    });
    it("reports an invalid source", async () =>
        expectOne(await run(sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["10.0.0.1/8"] }])), policy, "web-sg", "10.0.0.0/8"));
    it("accepts SSH from a narrow range, UDP 22, ICMP, egress to anywhere", async () =>
        expectNone(
            await run(
                sg([
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["203.0.113.4/32"] },
                    { protocol: "udp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] },
                    { protocol: "icmp", fromPort: 0, toPort: 0, cidrs: ["0.0.0.0/0"] },
                ]),
            ),
            policy,
        ));
    it("honours forbiddenPorts, trustedCidrs and allowAllPorts", async () => {
        const pg = sg([{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrs: ["0.0.0.0/0"] }]);
        expectNone(await run(pg), policy);
        expectOne(
            await run(pg, {
                [policy]: { forbiddenPorts: [{ port: 5432, service: "PostgreSQL", protocols: ["tcp"], exposure: "private-only" }] },
            }),
            policy,
            "web-sg",
            "PostgreSQL",
        );
        const partner = sg([{ protocol: "tcp", fromPort: 445, toPort: 445, cidrs: ["198.51.100.0/24"] }]);
        expectNone(await run(partner, { [policy]: { trustedCidrs: ["10.0.0.0/8", "198.51.100.0/24"] } }), policy);
        expectNone(
            await run(sg([{ protocol: "all", fromPort: 0, toPort: 65535, cidrs: ["10.0.0.0/8"] }]), { [policy]: { allowAllPorts: true } }),
            policy,
        );
    });
    it("reports RDP opened to the whole Internet by two rules together (0.0.0.0/1 and 128.0.0.0/1)", async () =>
        expectOne(
            await run(
                sg([
                    { protocol: "tcp", fromPort: 3389, cidrs: ["0.0.0.0/1"], description: "low" },
                    { protocol: "tcp", fromPort: 3380, toPort: 3390, cidrs: ["128.0.0.0/1"], description: "high" },
                ]),
            ),
            policy,
            "web-sg",
            "together expose RDP (port 3389) to the whole Internet",
            '"low"',
            '"high"',
        ));
    it("reports one rule whose sources reach the whole Internet together", async () =>
        expectOne(
            await run(sg([{ protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"] }])),
            policy,
            "web-sg",
            "SSH (port 22) to the whole Internet",
            "together",
        ));
    it("reports SSH from the IPv4-mapped form of 0.0.0.0/0", async () =>
        expectOne(
            await run(sg([{ protocol: "tcp", fromPort: 22, cidrs: ["::ffff:0.0.0.0/96"] }])),
            policy,
            "web-sg",
            "SSH",
            "::ffff:0:0/96 (IPv4 0.0.0.0/0)",
        ));
    it("reads private ranges written as IPv4-mapped IPv6 as private, and a mapped public range as public", async () => {
        expectNone(await run(sg([{ protocol: "tcp", fromPort: 445, cidrs: ["::ffff:10.0.0.0/104"] }])), policy);
        expectOne(
            await run(sg([{ protocol: "tcp", fromPort: 445, cidrs: ["::ffff:198.51.100.0/120"] }])),
            policy,
            "web-sg",
            "SMB",
            "IPv4 198.51.100.0/24",
        );
    });
    it("reports rules that open every port to one address together, unless allowAllPorts", async () => {
        const split = sg([
            { protocol: "tcp", fromPort: 1, toPort: 32767, cidrs: ["10.0.0.0/8"] },
            { protocol: "tcp", fromPort: 32768, toPort: 65535, cidrs: ["10.0.0.0/8"] },
        ]);
        expectOne(await run(split), policy, "web-sg", "together open every tcp port from 10.0.0.0");
        expectNone(await run(split, { [policy]: { allowAllPorts: true } }), policy);
        expectNone(
            await run(
                sg([
                    { protocol: "tcp", fromPort: 1, toPort: 32767, cidrs: ["10.0.0.0/16"] },
                    { protocol: "tcp", fromPort: 32768, toPort: 65535, cidrs: ["10.1.0.0/16"] },
                ]),
            ),
            policy,
        );
    });
    it("skips unknown protocols, ports and sources", async () =>
        expectNone(
            await run(
                sg([
                    { protocol: unknownValue, fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: unknownValue, toPort: 22, cidrs: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: [unknownValue] },
                ]),
            ),
            policy,
        ));
});
