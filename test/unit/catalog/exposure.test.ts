// The shared exposure analysis (provider/catalog/addressSpace.ts, exposure.ts): what sources reach
// with embedded IPv4 normalised, coverage of the whole Internet, and rules judged together.
import { strict as assert } from "assert";
import * as catalog from "../../../provider/catalog";

const cidr = (t: string) => catalog.parseCidr(t);
const ssh = catalog.sensitivePorts.find((p) => p.service === "SSH") as catalog.SensitivePort;
const smb = catalog.sensitivePorts.find((p) => p.service === "SMB") as catalog.SensitivePort;
const settings = { ports: catalog.sensitivePorts, trusted: catalog.privateRanges.map(cidr) };
const rule = (protocol: string, fromPort: number, toPort: number, sources: string[], excepted = false): catalog.ExposureRule => ({
    protocol,
    fromPort,
    toPort,
    sources: sources.map(cidr),
    excepted,
});

describe("catalogue: address space and exposure", () => {
    it("reads each embedded-IPv4 form of IPv6 as the IPv4 range it carries", () => {
        const v4 = (t: string) =>
            catalog
                .sourceRanges(cidr(t))
                .filter((r) => r.family === "ipv4")
                .map((r) => `${catalog.addressText(r)}-${catalog.addressText({ ...r, first: r.last })}`);
        assert.deepEqual(v4("::ffff:0.0.0.0/96"), ["0.0.0.0-255.255.255.255"]);
        assert.deepEqual(v4("::ffff:203.0.113.0/120"), ["203.0.113.0-203.0.113.255"]);
        assert.deepEqual(v4("::ffff:0:cb00:7100/120"), ["203.0.113.0-203.0.113.255"]);
        assert.deepEqual(v4("64:ff9b::a00:0/104"), ["10.0.0.0-10.255.255.255"]);
        assert.deepEqual(v4("::a00:0/104"), ["10.0.0.0-10.255.255.255"]);
        assert.deepEqual(v4("2002:cb00:7100::/40"), ["203.0.113.0-203.0.113.255"]);
        // Teredo keeps the client's address inverted in the last 32 bits: 34ff:8eff is 203.0.113.0 inverted.
        assert.deepEqual(v4("2001:0:4136:e378:8000:63bf:34ff:8e00/120"), ["203.0.113.0-203.0.113.255"]);
        assert.deepEqual(v4("2001::/32"), ["0.0.0.0-255.255.255.255"]);
        assert.deepEqual(v4("2001:db8::/32"), []);
    });

    it("keeps the IPv6 range of a tunnel form, and drops it for a form that is the IPv4 host itself", () => {
        assert.deepEqual(
            catalog.sourceRanges(cidr("::ffff:10.0.0.0/104")).map((r) => r.family),
            ["ipv4"],
        );
        assert.deepEqual(
            catalog.sourceRanges(cidr("2002:a00::/24")).map((r) => r.family),
            ["ipv6", "ipv4"],
        );
        assert.deepEqual(
            catalog
                .sourceRanges(cidr("::/0"))
                .map((r) => r.family)
                .sort(),
            ["ipv4", "ipv4", "ipv4", "ipv4", "ipv4", "ipv4", "ipv6"],
        );
        assert.equal(catalog.embeddedIpv4Text(cidr("::ffff:0:0/96")), "0.0.0.0/0");
        assert.equal(catalog.embeddedIpv4Text(cidr("2001:db8::/32")), undefined);
    });

    it("judges the whole Internet on what the sources cover together, non-public blocks aside", () => {
        const whole = (...t: string[]) => catalog.sourcesReachWholeInternet(t.map(cidr));
        assert.ok(
            whole("0.0.0.0/0") && whole("::/0") && whole("0.0.0.0/1", "128.0.0.0/1") && whole("::ffff:0.0.0.0/96") && whole("2000::/3"),
        );
        assert.ok(whole("64:ff9b::/96") && whole("2002::/16") && whole("::ffff:0:0:0/96"));
        // Every public block but not 10/8, 127/8 and multicast: still every Internet address.
        assert.ok(
            whole(
                "0.0.0.0/5",
                "8.0.0.0/7",
                "11.0.0.0/8",
                "12.0.0.0/6",
                "16.0.0.0/4",
                "32.0.0.0/3",
                "64.0.0.0/3",
                "96.0.0.0/4",
                "112.0.0.0/5",
                "120.0.0.0/6",
                "124.0.0.0/7",
                "126.0.0.0/8",
                "128.0.0.0/2",
                "192.0.0.0/3",
            ),
        );
        assert.ok(!whole("0.0.0.0/1") && !whole("0.0.0.0/1", "128.0.0.0/2") && !whole("10.0.0.0/8", "::ffff:128.0.0.0/97"));
        assert.ok(!whole("3000::/4") && whole("2000::/4") && !whole("203.0.113.0/24")); // 2000::/4 holds 6to4, hence every IPv4 host
        assert.ok(catalog.isWholeInternet(cidr("::ffff:0:0/96")) && !catalog.isWholeInternet(cidr("0.0.0.0/1")));
    });

    it("judges private-only ports on every address a source stands for", () => {
        assert.ok(catalog.isPrivateCidr(cidr("::ffff:10.1.0.0/112")) && catalog.isPrivateCidr(cidr("64:ff9b::c0a8:0/112")));
        assert.ok(!catalog.isPrivateCidr(cidr("::ffff:11.0.0.0/104")) && !catalog.isPrivateCidr(cidr("2002:a00::/24")));
    });

    it("names one source, one rule or several rules as the exposure, and marks excepted ones", () => {
        const scopes = (rules: catalog.ExposureRule[]) =>
            catalog
                .ingressExposures(rules, settings)
                .map((e) => `${e.port.service} ${e.scope} [${e.rules}]${e.excepted ? " excepted" : ""}`);
        assert.deepEqual(scopes([rule("tcp", 22, 22, ["0.0.0.0/0", "::/0"])]), ["SSH source [0]", "SSH source [0]"]);
        assert.deepEqual(scopes([rule("tcp", 3389, 3389, ["0.0.0.0/1", "128.0.0.0/1"])]), ["RDP rule [0]"]);
        assert.deepEqual(
            scopes([rule("tcp", 3389, 3389, ["0.0.0.0/1"]), rule("tcp", 3380, 3390, ["128.0.0.0/1"]), rule("tcp", 80, 80, ["10.0.0.0/8"])]),
            ["RDP group [0,1]"],
        );
        assert.deepEqual(scopes([rule("all", 0, 65535, ["0.0.0.0/1"]), rule("tcp", 22, 22, ["128.0.0.0/1"])]), [
            "SSH group [0,1]",
            "SMB source [0]",
            "NFS source [0]",
        ]);
        // Two protocols are two flows: UDP 22 does not complete TCP 22.
        assert.deepEqual(scopes([rule("udp", 22, 22, ["0.0.0.0/1"]), rule("tcp", 22, 22, ["128.0.0.0/1"])]), []);
        // The exception that completes the exposure is listed for review, the other rule is not refused.
        assert.deepEqual(scopes([rule("tcp", 22, 22, ["0.0.0.0/1"], true), rule("tcp", 22, 22, ["128.0.0.0/1"])]), [
            "SSH group [0,1] excepted",
        ]);
        assert.deepEqual(scopes([rule("tcp", 445, 445, ["10.0.0.0/8", "::ffff:198.51.100.0/120"])]), ["SMB source [0]"]);
        assert.equal(
            catalog.ingressExposures([rule("tcp", 22, 22, ["::ffff:0:0/96"])], { ports: [ssh, smb], trusted: [] })[0].sources[0].text,
            "::ffff:0:0/96",
        );
    });

    it("finds rules that open every port together to one address, and not when no address has them all", () => {
        const found = catalog.everyPortTogether([
            rule("tcp", 1, 30000, ["10.0.0.0/8"]),
            rule("tcp", 30001, 65535, ["10.1.0.0/16"]),
            rule("udp", 1, 65535, ["10.0.0.0/8"]),
        ]);
        assert.deepEqual(found && { protocol: found.protocol, rules: found.rules, address: catalog.addressText(found.address) }, {
            protocol: "tcp",
            rules: [0, 1],
            address: "10.1.0.0",
        });
        assert.equal(
            catalog.everyPortTogether([rule("tcp", 1, 30000, ["10.0.0.0/16"]), rule("tcp", 30001, 65535, ["10.1.0.0/16"])]),
            undefined,
        );
        assert.equal(
            catalog.everyPortTogether([rule("tcp", 1, 30000, ["10.0.0.0/8"]), rule("tcp", 30001, 65535, ["10.0.0.0/8"], true)]),
            undefined,
        );
        assert.equal(
            catalog.everyPortTogether([rule("tcp", 1, 30000, ["10.0.0.0/8"]), rule("tcp", 30002, 65535, ["10.0.0.0/8"])]),
            undefined,
        );
    });
});
