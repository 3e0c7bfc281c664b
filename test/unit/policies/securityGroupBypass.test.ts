// Property-based: the policy pack and the SecurityGroup component refuse every disguised exposure
// the generator makes (the whole Internet split, overlapped, spread over rules, re-encoded in
// embedded-IPv4 IPv6 forms; a public range among private ones) and accept its compliant
// counterparts (a public piece left out; private ranges re-encoded). One generator, both checks.
// The seed is fixed so that a run is reproducible; FC_SEED=<n> explores other cases.
import * as assert from "assert";
import fc from "fast-check";
import { evaluate } from "../../../policies/engine";
import { networkSecurityGroupRules } from "../../../policies/rules";
import { validateSecurityGroupArgs } from "../../../provider/components/securityGroup";
import type { SecurityGroupRule } from "../../../provider/components/securityGroup";
import { Case, internetExposure, internetWithAHole, privateOnly, publicAmongPrivate } from "./exposureArbitraries";

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20260514;
const numRuns = 250;
const exposure = /\b(SSH|RDP|SMB|NFS) \(port \d+\)/;

async function policyFindings(c: Case): Promise<string[]> {
    const sg = {
        urn: "urn:pulumi:dev::shop::securetemple:network:SecurityGroup::sg",
        type: "securetemple:network:SecurityGroup",
        props: { ingress: c.rules, egress: [] },
    };
    return (await evaluate([sg], { policies: [networkSecurityGroupRules] })).map((v) => v.message);
}

/** The component's refusal, or undefined when it accepts the rules. */
function componentRefusal(c: Case): string | undefined {
    try {
        validateSecurityGroupArgs({ ingress: c.rules as SecurityGroupRule[] });
        return undefined;
    } catch (e) {
        return (e as Error).message;
    }
}

const named = (c: Case) => `${c.target.service} (port ${c.target.port})`;
const opensEveryPort = (c: Case) => c.rules.some((r) => r.protocol === "all");

describe("security-group exposure cannot be disguised (property-based, policy and component)", () => {
    for (const [label, arbitrary] of [
        ["SSH or RDP to the whole Internet, split, overlapped and re-encoded", internetExposure],
        ["SMB or NFS from a public range among private ones, re-encoded", publicAmongPrivate],
    ] as const) {
        it(`refuses ${label}`, async () => {
            await fc.assert(
                fc.asyncProperty(arbitrary, async (c) => {
                    const messages = await policyFindings(c);
                    assert.ok(
                        messages.some((m) => m.includes(named(c))),
                        `policy missed ${named(c)} (${c.story}): ${JSON.stringify(c.rules)}`,
                    );
                    const refusal = componentRefusal(c);
                    assert.ok(
                        refusal !== undefined && exposure.test(refusal),
                        `component accepted ${named(c)} (${c.story}): ${JSON.stringify(c.rules)}`,
                    );
                    // The component stops at the first exposure; without "all" the target is the only one it can meet.
                    if (!opensEveryPort(c)) {
                        assert.ok(refusal.includes(named(c)), refusal);
                    }
                }),
                { numRuns, seed },
            );
        });
    }

    for (const [label, arbitrary] of [
        ["SSH or RDP from every Internet address but one piece", internetWithAHole],
        ["SMB or NFS from private ranges written as IPv4-mapped, translated, NAT64 or compatible IPv6", privateOnly],
    ] as const) {
        it(`accepts ${label}`, async () => {
            await fc.assert(
                fc.asyncProperty(arbitrary, async (c) => {
                    const exposed = (await policyFindings(c)).filter((m) => exposure.test(m));
                    assert.deepStrictEqual(exposed, [], `policy refused (${c.story}): ${JSON.stringify(c.rules)}`);
                    assert.strictEqual(componentRefusal(c), undefined, `component refused (${c.story}): ${JSON.stringify(c.rules)}`);
                }),
                { numRuns, seed },
            );
        });
    }
});
