// Property tests for values unknown at preview: making any single value unknown never adds a
// finding (no false violation) and never throws, on the compliant baseline and on a stack that
// breaks every policy; making every value unknown gives no finding at all.
import * as assert from "assert";
import { ResourceInput, unknownValue } from "../../../policies/engine";
import { baseline, res, T, withProps } from "./fixtures";
import { run } from "./harness";

type Path = (string | number)[];

/** Paths of every leaf value (and of every array and object, which may be unknown as a whole). */
function paths(value: unknown, prefix: Path = []): Path[] {
    const out: Path[] = prefix.length > 1 ? [prefix] : [];
    if (Array.isArray(value)) {
        value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
    } else if (value !== null && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
            out.push(...paths(v, [...prefix, k]));
        }
    }
    return out;
}

function withUnknownAt(resources: ResourceInput[], path: Path): ResourceInput[] {
    const copy = structuredClone(resources);
    let node: unknown = copy;
    for (const key of path.slice(0, -1)) {
        node = (node as Record<string | number, unknown>)[key];
    }
    (node as Record<string | number, unknown>)[path[path.length - 1]] = unknownValue;
    return copy;
}

function deepUnknown(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(deepUnknown);
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepUnknown(v)]));
    }
    return unknownValue;
}

function brokenStack(): ResourceInput[] {
    let r = withProps(baseline(), "tenant", { region: "EU1", availabilityZones: ["AZ05"], consoleAuthorizedIps: ["0.0.0.0/0"] });
    r = withProps(r, "clu-az05", { hostCount: 40, bladeModel: "TURBO" });
    r = withProps(r, "lun-az05", { sizeGib: 10, tier: "ULTRA" });
    r = withProps(r, "daily-th3s", { status: "HELD" });
    r = withProps(r, "web-1", { availabilityZone: "AZ06" });
    r = withProps(r, "web-2", { availabilityZone: "AZ06", backupPolicies: [] });
    r = withProps(r, "web-sg", {
        ingress: [
            { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"], description: "ssh" },
            { protocol: "all", fromPort: 0, toPort: 0, cidrs: ["198.51.100.0/24"], description: "all", exception: { reason: "vendor" } },
        ],
    });
    r = withProps(r, "assets", { accessType: "public" });
    r = withProps(r, "backups", { versioning: "Suspended" });
    const nob = res(T.policy, "nobackup", {
        name: "nobackup",
        policyName: "nobackup",
        policyId: "pol-none",
        site: "PAR7S",
        availabilityZone: "AZ05",
        status: "ACTIVE",
        noBackupAcknowledgement: { reason: "scratch" },
    });
    return [
        nob,
        ...withProps(r, "web", {
            backupPolicyNames: ["nobackup", "sla001-daily-th3s"],
            placement: [{ vmName: "web-1", availabilityZone: "AZ05", backupSites: ["PAR7S"] }],
        }),
    ];
}

// A finding is a policy on a resource; its wording may change when a name becomes unknown.
const key = (v: { policyName: string; urn: string }) => `${v.policyName}|${v.urn}`;

async function assertNeverAdds(resources: ResourceInput[]): Promise<number> {
    const before = new Set((await run(resources)).map(key));
    const all = resources.flatMap((r, i) => paths(r.props, [i, "props"]));
    for (const p of all) {
        const after = (await run(withUnknownAt(resources, p))).map(key);
        const added = after.filter((k) => !before.has(k));
        assert.deepStrictEqual(added, [], `unknown at ${p.join(".")} added findings`);
    }
    return all.length;
}

describe("policies under unknown values", () => {
    it("never add a finding to the compliant baseline when any one value is unknown", async () => {
        assert.ok((await assertNeverAdds(baseline())) > 50);
    });

    it("never add a finding to a stack that breaks every policy when any one value is unknown", async () => {
        assert.ok((await run(brokenStack())).length >= 12);
        await assertNeverAdds(brokenStack());
    });

    it("report nothing when every value of a broken stack is unknown", async () => {
        const unknown = brokenStack().map((r) => ({ ...r, props: deepUnknown(r.props) as Record<string, unknown> }));
        assert.deepStrictEqual(await run(unknown), []);
    });
});
