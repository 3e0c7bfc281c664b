// securetemple-tenant-console-allow-list: the compliant baseline passes, each violation comes from
// changing one thing, knobs change the outcome, unknown values neither report nor crash.
import { baseline, withProps } from "../../fixtures";
import { expectNone, expectOne, run } from "../../harness";

const policy = "securetemple-tenant-console-allow-list";

describe("securetemple-tenant-console-allow-list", () => {
    it("reports an empty allow-list", async () =>
        expectOne(await run(withProps(baseline(), "tenant", { consoleAuthorizedIps: [] })), policy, "tenant", "consoleAuthorizedIps"));
    it("does not take an absent list for an empty one", async () =>
        expectNone(await run(withProps(baseline(), "tenant", { consoleAuthorizedIps: undefined })), policy));
    it("reports 0.0.0.0/0", async () =>
        expectOne(
            await run(withProps(baseline(), "tenant", { consoleAuthorizedIps: ["203.0.113.10/32", "0.0.0.0/0"] })),
            policy,
            "tenant",
            "0.0.0.0/0",
        ));
    it("reports a malformed entry", async () =>
        expectOne(await run(withProps(baseline(), "tenant", { consoleAuthorizedIps: ["not-an-ip"] })), policy, "tenant", "not-an-ip"));
    it("applies the tenant's maxConsoleIpPrefix and the knob", async () => {
        const wide = withProps(baseline(), "tenant", { consoleAuthorizedIps: ["203.0.112.0/22"] });
        expectNone(await run(wide), policy);
        expectOne(await run(wide, { [policy]: { minIpv4PrefixLength: 24 } }), policy, "tenant", "/24");
        expectOne(await run(withProps(wide, "tenant", { maxConsoleIpPrefix: 28 })), policy, "tenant", "/28");
        const wide6 = withProps(baseline(), "tenant", { consoleAuthorizedIps: ["2001:db8::/32"] });
        expectNone(await run(wide6), policy);
        expectOne(await run(withProps(wide6, "tenant", { maxConsoleIpv6Prefix: 56 })), policy, "tenant", "/56");
    });
});
