// Terraform and OpenTofu documents for `securetemple check`: a plan (`tofu show -json <planfile>`,
// `terraform show -json <planfile>`) or a state (`tofu show -json`, `terraform show -json`). Their
// `cloudtemple_*` resources become the resources the policy pack already knows from the public
// provider bridged into Pulumi: `cloudtemple_compute_virtual_machine` is
// `cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine`, `power_state` is `powerState`,
// `backup_sla_policies` is `backupSlaPolicies`, `access_type` is `accessType`, and so on. Each keeps
// its Terraform address as its URN and name, so reports point at `module.web.cloudtemple_...[0]`.
// A plan is evaluated on what it will leave: resources it deletes are left out, values known only
// after apply are unknown (the policies then decide nothing rather than guess), sensitive values
// are never read.
import { ResourceInput, unknownValue } from "../../policies/engine";
import { CliInputError } from "../errors";
import { sourceLabel } from "./source";

export type TerraformKind = "terraform-plan" | "terraform-state";

export interface TerraformInput {
    kind: TerraformKind;
    /** The cloudtemple_* managed resources, as the policies read them. */
    inputs: ResourceInput[];
    /** Managed resources of other providers, not evaluated. */
    skipped: number;
}

interface TfResource {
    address?: string;
    mode?: string;
    type?: string;
    values?: unknown;
    sensitive_values?: unknown;
}

interface TfModule {
    resources?: TfResource[];
    child_modules?: TfModule[];
}

interface TfChange {
    address?: string;
    mode?: string;
    type?: string;
    change?: { actions?: string[]; after?: unknown; after_unknown?: unknown; after_sensitive?: unknown };
}

interface TfDocument {
    format_version?: unknown;
    terraform_version?: unknown;
    values?: { root_module?: TfModule };
    planned_values?: { root_module?: TfModule };
    resource_changes?: TfChange[];
    prior_state?: unknown;
    deployment?: unknown;
}

const prefix = "cloudtemple_";

/** Attributes whose values are maps of the user's own keys: their keys are kept as written. */
const mapAttributes = new Set(["tags", "cloud_init", "extra_config", "deploy_options"]);

/** Written in place of a sensitive value, which the policies never need. */
export const redacted = "[sensitive]";

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (snake: string) => camel(snake).replace(/^./, (c) => c.toUpperCase());

/** The Pulumi type token of a cloudtemple_* resource as pulumi-terraform-bridge names it (one module, "index"). */
export function terraformTypeToken(type: string): string {
    const rest = type.slice(prefix.length);
    return `cloudtemple:index/${camel(rest)}:${pascal(rest)}`;
}

/**
 * Terraform values in the bridged provider's property names: object keys in camelCase (map
 * attributes excepted), unknown values as the engine's unknown, sensitive ones redacted.
 */
export function terraformProps(values: unknown, unknown: unknown, sensitive: unknown, keepKeys = false): unknown {
    if (unknown === true) {
        return unknownValue;
    }
    if (sensitive === true) {
        return redacted;
    }
    if (Array.isArray(values)) {
        return values.map((v, i) => terraformProps(v, (unknown as unknown[] | undefined)?.[i], (sensitive as unknown[] | undefined)?.[i]));
    }
    if (values !== null && typeof values === "object") {
        const out: Record<string, unknown> = {};
        const u = (unknown ?? {}) as Record<string, unknown>;
        const s = (sensitive ?? {}) as Record<string, unknown>;
        for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
            out[keepKeys ? key : camel(key)] = terraformProps(value, u[key], s[key], !keepKeys && mapAttributes.has(key));
        }
        // A value known only after apply may be absent from `after` and present in `after_unknown` alone.
        for (const [key, flag] of Object.entries(u)) {
            if (flag === true && !(key in (values as Record<string, unknown>))) {
                out[keepKeys ? key : camel(key)] = unknownValue;
            }
        }
        return out;
    }
    return values;
}

function resource(address: string, type: string, props: unknown): ResourceInput {
    return { urn: address, type: terraformTypeToken(type), name: address, props: (props ?? {}) as Record<string, unknown> };
}

function walk(module: TfModule | undefined, out: TfResource[]): TfResource[] {
    for (const r of module?.resources ?? []) {
        out.push(r);
    }
    for (const child of module?.child_modules ?? []) {
        walk(child, out);
    }
    return out;
}

function fromState(doc: TfDocument): TerraformInput {
    const managed = walk(doc.values?.root_module, []).filter(
        (r) => r.mode === "managed" && typeof r.type === "string" && typeof r.address === "string",
    );
    const ours = managed.filter((r) => (r.type as string).startsWith(prefix));
    return {
        kind: "terraform-state",
        inputs: ours.map((r) => resource(r.address as string, r.type as string, terraformProps(r.values, undefined, r.sensitive_values))),
        skipped: managed.length - ours.length,
    };
}

function fromPlan(doc: TfDocument): TerraformInput {
    const changes = (doc.resource_changes ?? []).filter(
        (c) => c.mode === "managed" && typeof c.type === "string" && typeof c.address === "string",
    );
    // What the plan leaves: every managed resource but those it only deletes (or forgets).
    const kept = changes.filter((c) => {
        const actions = c.change?.actions ?? [];
        return !(actions.length === 1 && (actions[0] === "delete" || actions[0] === "forget"));
    });
    const ours = kept.filter((c) => (c.type as string).startsWith(prefix));
    return {
        kind: "terraform-plan",
        inputs: ours.map((c) =>
            resource(
                c.address as string,
                c.type as string,
                terraformProps(c.change?.after, c.change?.after_unknown, c.change?.after_sensitive),
            ),
        ),
        skipped: kept.length - ours.length,
    };
}

/** True for an OpenTofu or Terraform JSON document (they carry `format_version`; Pulumi exports do not). */
export function isTerraformDocument(doc: unknown): doc is TfDocument {
    return (
        doc !== null &&
        typeof doc === "object" &&
        !Array.isArray(doc) &&
        typeof (doc as TfDocument).format_version === "string" &&
        (doc as TfDocument).deployment === undefined
    );
}

const planKeys = ["planned_values", "resource_changes", "prior_state"];
/** `tofu show -json` of an empty state holds nothing but the versions. */
const versionKeys = ["format_version", "terraform_version"];

/**
 * The plan or state in `text`, or undefined when it is not a Terraform document at all (it is then
 * read as a Pulumi state export). A Terraform document that is neither a plan nor a state (the
 * output of `tofu validate -json`, `tofu providers schema -json`, ...) is bad input.
 */
export function readTerraform(text: string, path: string): TerraformInput | undefined {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch {
        return undefined;
    }
    return terraformInputOf(doc, path);
}

/** As readTerraform, on a document already parsed (`check` parses its input once: at 50 000 resources a parse costs more than the rules). */
export function terraformInputOf(doc: unknown, path: string): TerraformInput | undefined {
    if (!isTerraformDocument(doc)) {
        return undefined;
    }
    const keys = Object.keys(doc);
    if (keys.some((k) => planKeys.includes(k))) {
        return fromPlan(doc);
    }
    if (doc.values !== undefined || keys.every((k) => versionKeys.includes(k))) {
        return fromState(doc);
    }
    const found = keys.filter((k) => !versionKeys.includes(k)).join(", ");
    throw new CliInputError(sourceLabel(path), {
        fr: `ce document OpenTofu/Terraform n'est ni un plan ni un état (il contient : ${found}). Produire un plan avec \`tofu plan -out plan.bin && tofu show -json plan.bin\`, un état avec \`tofu show -json\` (ou \`terraform show -json\`).`,
        en: `this OpenTofu/Terraform document is neither a plan nor a state (it holds: ${found}). Produce a plan with \`tofu plan -out plan.bin && tofu show -json plan.bin\`, a state with \`tofu show -json\` (or \`terraform show -json\`).`,
    });
}
