// The in-process evaluator: runs the pack's policies over a list of resources and returns the
// violations, building the same argument shapes as @pulumi/policy's analyzer server (props behind
// the library's unknown-checking proxy, `notApplicable` that throws, stack tags, parents and
// dependencies resolved to resource objects, per-policy config), and handling the same outcomes
// (an unknown value read through the proxy becomes an advisory "cannot run during preview" finding,
// not-applicable is silent, remediate counts as mandatory).
import type { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidation } from "@pulumi/policy";
import { bilingual } from "../../provider/catalog";
import { policies as packPolicies } from "../rules";
import type { SecureTemplePolicy } from "../support/policy";
import { forgetObservedInputs, sameInputsAndOutputs } from "../support/observed";
import { UnknownValueError } from "../support/values";
import { resolveConfig } from "./config";
import { nameOf, policyResources } from "./resources";
import type { EvaluateOptions, ResourceInput, Violation } from "./types";

/** Name and version the pack reports under, as in PulumiPolicy.yaml / package.json. */
export const packName = "securetemple";

class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason);
}

/** What a policy's hooks need from the evaluation around them. */
interface PolicyRun {
    policy: SecureTemplePolicy;
    getConfig: ResourceValidationArgs["getConfig"];
    stackTags: ReadonlyMap<string, string>;
    /** Records a finding on `urn` ("" for the stack). */
    push(urn: string, message: string, kind: Violation["kind"], level?: Violation["enforcementLevel"]): void;
    /** Turns what a hook threw into the server's outcome: advisory, silent, or an error naming the policy. */
    onError(e: unknown, urn: string): void;
}

async function runResourceHook(run: PolicyRun, validate: ResourceValidation, resources: readonly PolicyResource[]): Promise<void> {
    // One report function per policy: it reports on the resource being validated.
    let current = "";
    const report: ReportViolation = (message) => run.push(current, message, "violation");
    // As the server skips a policy whose function names one type, skip types outside `appliesTo`
    // rather than hear the policy's not-applicable answer for each.
    const applies = new Set(run.policy.info.appliesTo);
    for (const r of resources) {
        if (!applies.has(r.type)) {
            continue;
        }
        current = r.urn;
        try {
            // A fresh object per call, as the server builds one; the proxy and helpers are shared.
            // Written field by field: spreading the resource made the pack ~3x slower.
            const args: ResourceValidationArgs = {
                type: r.type,
                props: r.props,
                urn: r.urn,
                name: r.name,
                opts: r.opts,
                isType: r.isType as ResourceValidationArgs["isType"],
                asType: r.asType as unknown as ResourceValidationArgs["asType"],
                stackTags: run.stackTags,
                getConfig: run.getConfig,
                notApplicable: throwNotApplicable,
            };
            if (r.provider) {
                args.provider = r.provider;
            }
            const result = validate(args, report);
            if (result) {
                await result;
            }
        } catch (e) {
            run.onError(e, r.urn);
        }
    }
}

async function runStackHook(run: PolicyRun, validate: StackValidation, resources: PolicyResource[]): Promise<void> {
    const report: ReportViolation = (message, urn) => run.push(urn ?? "", message, "violation");
    try {
        const result = validate(
            { resources, getConfig: run.getConfig, stackTags: run.stackTags, notApplicable: throwNotApplicable },
            report,
        );
        if (result) {
            await result;
        }
    } catch (e) {
        run.onError(e, "");
    }
}

/**
 * Evaluates the pack (or `policies`) over `resources`. Throws PolicyConfigError on a bad
 * configuration; an exception thrown by a policy is rethrown naming the policy, as the server does.
 */
export async function evaluate(
    resources: ResourceInput[],
    options: EvaluateOptions & { policies?: readonly SecureTemplePolicy[] } = {},
): Promise<Violation[]> {
    const policies = options.policies ?? packPolicies;
    const resolvedConfig = resolveConfig(policies, options.config);
    forgetObservedInputs();
    sameInputsAndOutputs(true);
    try {
        return await evaluatePolicies(resources, policies, resolvedConfig, options);
    } finally {
        sameInputsAndOutputs(false);
    }
}

async function evaluatePolicies(
    resources: ResourceInput[],
    policies: readonly SecureTemplePolicy[],
    resolvedConfig: ReturnType<typeof resolveConfig>,
    options: EvaluateOptions,
): Promise<Violation[]> {
    const stackTags: ReadonlyMap<string, string> = new Map(Object.entries(options.stackTags ?? {}));
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const violations: Violation[] = [];
    let shared: PolicyResource[] | undefined;

    for (const policy of policies) {
        const cfg = resolvedConfig.get(policy.name);
        let level = cfg?.level ?? "advisory";
        if (level === "disabled") {
            continue;
        }
        if (level === "remediate") {
            level = "mandatory";
        }
        const common = {
            policyName: policy.name,
            severity: policy.severity ?? "medium",
            section: policy.info.sections.join(", "),
            remediation: bilingual(policy.info.remediation),
        };
        const run: PolicyRun = {
            policy,
            stackTags,
            getConfig: (() => ({ ...(cfg?.properties ?? {}) })) as ResourceValidationArgs["getConfig"],
            push: (urn, message, kind, enforcementLevel = level) => {
                const r = urn ? byUrn.get(urn) : undefined;
                violations.push({
                    ...common,
                    enforcementLevel,
                    urn,
                    resourceType: r?.type ?? "",
                    resourceName: r ? nameOf(r) : "",
                    message,
                    kind,
                });
            },
            onError: (e, urn) => {
                if (e instanceof UnknownValueError) {
                    run.push(
                        urn,
                        `can't run policy '${policy.name}' from policy pack '${packName}' during preview: ${e.message}`,
                        "unknown-at-preview",
                        "advisory",
                    );
                } else if (!(e instanceof NotApplicableError)) {
                    const err = e instanceof Error ? e : new Error(String(e));
                    throw new Error(
                        `Error validating resource with policy '${policy.name}' from policy pack '${packName}': ${err.message}`,
                        { cause: err },
                    );
                }
            },
        };
        shared ??= policyResources(resources);
        if (policy.validateResource) {
            await runResourceHook(run, policy.validateResource as ResourceValidation, shared);
        }
        if (policy.validateStack) {
            await runStackHook(run, policy.validateStack, shared);
        }
    }
    return violations;
}
