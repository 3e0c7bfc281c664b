// Counts the security-group bypasses that the property-based generator of the unit tests finds:
// cases that expose SSH or RDP to the whole Internet, or SMB or NFS outside private ranges, in
// disguise (split, overlapped, spread over rules, re-encoded in embedded-IPv4 forms), which the
// policy pack or the SecurityGroup component accepts; and the opposite mistake, compliant cases
// (a public piece left out, private ranges re-encoded) that either refuses.
// Usage: node -r ts-node/register/transpile-only bench/policies-bypass.ts [cases per family] [seed]
import fc from "fast-check";
import { evaluate } from "../policies/engine";
import { policies } from "../policies/rules";
import { validateSecurityGroupArgs } from "../provider/components/securityGroup";
import type { SecurityGroupRule } from "../provider/components/securityGroup";
import { Case, internetExposure, internetWithAHole, privateOnly, publicAmongPrivate } from "../test/unit/policies/exposureArbitraries";

const sgPolicy = policies.filter((p) => p.name === "securetemple-network-security-group-rules");

// A refusal names a sensitive service and its port ("SSH (port 22)"); a case that also opens
// another sensitive port (protocol "all" from 0.0.0.0/0) may be refused for that one first.
const exposure = /\b(SSH|RDP|SMB|NFS) \(port \d+\)/;

/** True when the pack reports a sensitive port as exposed. */
export async function policyRefuses(c: Case): Promise<boolean> {
    const resource = {
        urn: "urn:pulumi:bench::bypass::securetemple:network:SecurityGroup::sg",
        type: "securetemple:network:SecurityGroup",
        props: { ingress: c.rules, egress: [] },
    };
    const found = await evaluate([resource], { policies: sgPolicy });
    return found.some((v) => exposure.test(v.message));
}

/** True when the component refuses the case because of a sensitive port. */
export function componentRefuses(c: Case): boolean {
    try {
        validateSecurityGroupArgs({ ingress: c.rules as SecurityGroupRule[] });
        return false;
    } catch (e) {
        return e instanceof Error && exposure.test(e.message);
    }
}

async function main(): Promise<void> {
    const runs = Number(process.argv[2] ?? 1000);
    const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : Date.now() % 2 ** 31;
    const families: [string, fc.Arbitrary<Case>, boolean][] = [
        ["SSH/RDP to the whole Internet, disguised", internetExposure, true],
        ["SMB/NFS from a public range among private ones", publicAmongPrivate, true],
        ["SSH/RDP from all but one public piece (must pass)", internetWithAHole, false],
        ["SMB/NFS from private ranges re-encoded (must pass)", privateOnly, false],
    ];
    console.log(`security-group bypass search: ${runs} generated cases per family, seed ${seed}`);
    console.log("family                                              policy wrong  component wrong  example the policy gets wrong");
    for (const [label, arbitrary, mustRefuse] of families) {
        let policyWrong = 0;
        let componentWrong = 0;
        let example = "";
        for (const c of fc.sample(arbitrary, { numRuns: runs, seed })) {
            const p = (await policyRefuses(c)) !== mustRefuse;
            const k = componentRefuses(c) !== mustRefuse;
            policyWrong += p ? 1 : 0;
            componentWrong += k ? 1 : 0;
            if (p && (!example || JSON.stringify(c.rules).length < example.length)) {
                example = JSON.stringify(c.rules.map((r) => `${r.protocol} ${r.fromPort ?? ""}-${r.toPort ?? ""} ${r.cidrs.join(",")}`));
            }
        }
        console.log(
            `${label.padEnd(50)}  ${String(policyWrong).padStart(12)}  ${String(componentWrong).padStart(15)}  ${example.slice(0, 160)}`,
        );
    }
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e);
        process.exit(1);
    });
}
