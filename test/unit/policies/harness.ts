// Test helpers over the in-process engine: run the pack, filter by policy, and drive the real
// @pulumi/policy server functions with protobuf requests for the fidelity tests.
import * as assert from "assert";
import { evaluate, ResourceInput, Violation } from "../../../policies/engine";
import type { SecureTemplePolicy } from "../../../policies/support/policy";

export async function run(resources: ResourceInput[], config?: Record<string, unknown>): Promise<Violation[]> {
    return evaluate(resources, config ? { config } : {});
}

export function of(violations: Violation[], policyName: string): Violation[] {
    return violations.filter((v) => v.policyName === policyName);
}

/** Exactly one violation of `policyName`, on the resource named `resourceName`, whose message contains each of `fragments`. */
export function expectOne(violations: Violation[], policyName: string, resourceName: string, ...fragments: string[]): Violation {
    const mine = of(violations, policyName);
    assert.strictEqual(
        mine.length,
        1,
        `expected one ${policyName} violation, got ${JSON.stringify(
            mine.map((v) => v.message),
            null,
            1,
        )}`,
    );
    const v = mine[0];
    assert.strictEqual(v.resourceName, resourceName);
    assert.match(v.message, /^FR .+ \/ EN .+/s);
    for (const f of fragments) {
        assert.ok(v.message.includes(f), `message lacks ${JSON.stringify(f)}: ${v.message}`);
    }
    return v;
}

export function expectNone(violations: Violation[], policyName?: string): void {
    const mine = policyName ? of(violations, policyName) : violations;
    assert.deepStrictEqual(
        mine.map((v) => `${v.policyName}: ${v.message}`),
        [],
    );
}

/* eslint-disable @typescript-eslint/no-require-imports -- the server functions are internal to @pulumi/policy and untyped */
const server = require("@pulumi/policy/server");
const analyzerproto = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

interface Diagnostic {
    policyName: string;
    urn: string;
    message: string;
    enforcementLevel: number;
}

function resourceMessage(r: ResourceInput, Msg: new () => unknown) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const m: any = new Msg();
    m.setType(r.type);
    m.setUrn(r.urn);
    m.setName(r.name ?? r.urn.split("::").pop());
    m.setProperties(Struct.fromJavaScript(r.props));
    const opts = new analyzerproto.AnalyzerResourceOptions();
    if (r.parent) {
        opts.setParent(r.parent);
    }
    m.setOptions(opts);
    return m;
}

function diagnostics(response: {
    getDiagnosticsList(): { getPolicyname(): string; getUrn(): string; getMessage(): string; getEnforcementlevel(): number }[];
}): Diagnostic[] {
    return response.getDiagnosticsList().map((d) => ({
        policyName: d.getPolicyname(),
        urn: d.getUrn(),
        message: d.getMessage(),
        enforcementLevel: d.getEnforcementlevel(),
    }));
}

/** Runs the policies through @pulumi/policy's own Analyze and AnalyzeStack RPC functions. */
export async function runThroughServer(
    policies: readonly SecureTemplePolicy[],
    resources: ResourceInput[],
    /** What AnalyzeStack receives as each resource's properties (the engine sends outputs); default: the same props. */
    stackProps: (r: ResourceInput) => Record<string, unknown> = (r) => r.props,
): Promise<Diagnostic[]> {
    const analyze = server.makeAnalyzeRpcFun("securetemple", "0.1.0", "advisory", policies);
    const analyzeStack = server.makeAnalyzeStackRpcFun("securetemple", "0.1.0", "advisory", policies);
    const call = (fn: (call: unknown, cb: (err: unknown, res: unknown) => void) => void, request: unknown) =>
        new Promise<Diagnostic[]>((resolve, reject) =>
            fn({ request }, (err, res) => (err ? reject(err) : resolve(diagnostics(res as never)))),
        );
    const out: Diagnostic[] = [];
    for (const r of resources) {
        const request = resourceMessage(r, analyzerproto.AnalyzeRequest);
        for (const d of await call(analyze, request)) {
            out.push({ ...d, urn: d.urn || r.urn });
        }
    }
    const stackRequest = new analyzerproto.AnalyzeStackRequest();
    for (const r of resources) {
        const m = resourceMessage({ ...r, props: stackProps(r) }, analyzerproto.AnalyzerResource);
        if (r.parent) {
            m.setParent(r.parent);
        }
        m.setDependenciesList(r.dependencies ?? []);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            const deps = new analyzerproto.AnalyzerPropertyDependencies();
            deps.setUrnsList(urns);
            m.getPropertydependenciesMap().set(k, deps);
        }
        stackRequest.addResources(m);
    }
    out.push(...(await call(analyzeStack, stackRequest)));
    return out;
}

/** Runs the policies' remediations through @pulumi/policy's own Remediate RPC, with every policy set to "remediate". */
export async function remediateThroughServer(
    policies: readonly SecureTemplePolicy[],
    r: ResourceInput,
): Promise<{ policyName: string; properties: Record<string, unknown> }[]> {
    const remediating = policies.map((p) => ({ ...p, enforcementLevel: "remediate" as const }));
    const remediate = server.makeRemediateRpcFun("securetemple", "0.1.0", "advisory", remediating);
    const request = resourceMessage(r, analyzerproto.AnalyzeRequest);
    const response = await new Promise<{
        getRemediationsList(): { getPolicyname(): string; getProperties(): { toJavaScript(): Record<string, unknown> } | undefined }[];
    }>((resolve, reject) => remediate({ request }, (err: unknown, res: never) => (err ? reject(err) : resolve(res))));
    return response
        .getRemediationsList()
        .map((x) => ({ policyName: x.getPolicyname(), properties: x.getProperties()?.toJavaScript() ?? {} }));
}
