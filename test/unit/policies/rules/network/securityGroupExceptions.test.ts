// securetemple-network-security-group-exceptions: ingress rules that would break the section 8.1
// remarks but carry an exception are listed for review, alone or completing other rules.
import * as assert from "assert";
import { baseline, P, rule, withProps } from "../../fixtures";
import { expectNone, expectOne, run } from "../../harness";

const sg = (ingress: Record<string, unknown>[]) => withProps(baseline(), "web-sg", { ingress: ingress.map(rule) });

describe("securetemple-network-security-group-exceptions", () => {
    it("is silent on the baseline", async () => expectNone(await run(baseline()), P.sgExceptions));
    it("moves a rule with an exception to the advisory review", async () => {
        const v = await run(
            sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"], exception: { reason: "partner SFTP until June" } }]),
        );
        expectNone(v, P.sg);
        assert.strictEqual(expectOne(v, P.sgExceptions, "web-sg", "partner SFTP until June").enforcementLevel, "advisory");
    });
    it("lists for review an exception that completes an exposure, without refusing the other rule", async () => {
        const v = await run(
            sg([
                { protocol: "tcp", fromPort: 22, cidrs: ["0.0.0.0/1"], exception: { reason: "partner range" } },
                { protocol: "tcp", fromPort: 22, cidrs: ["128.0.0.0/1"] },
            ]),
        );
        expectNone(v, P.sg);
        expectOne(v, P.sgExceptions, "web-sg", "together expose SSH", "partner range");
    });
});
