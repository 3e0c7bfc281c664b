// Reads a pack configuration in the `--policy-pack-config` format ({"all": level,
// "<policy>": level | {enforcementLevel, ...knobs}}), resolves each policy's effective level the
// way the Pulumi engine does (policy entry, then "all", then the policy's default) and validates
// the knobs against each policy's JSON schema, as the CLI does before starting the pack.
import type { EnforcementLevel } from "@pulumi/policy";
import type Ajv from "ajv"; // the reference JSON Schema validator, CommonJS, typed; the CLI validates the same schemas
import { bilingual } from "../../provider/catalog";
import type { SecureTemplePolicy } from "../support/policy";
import type { PackConfig } from "./types";

export const enforcementLevels: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** A configuration error, with a bilingual message naming the field and the allowed values. */
export class PolicyConfigError extends Error {
    constructor(
        readonly field: string,
        fr: string,
        en: string,
    ) {
        super(bilingual({ fr: `${field} : ${fr}`, en: `${field}: ${en}` }));
        this.name = "PolicyConfigError";
    }
}

export interface ResolvedPolicyConfig {
    level: EnforcementLevel;
    /** Knobs without `enforcementLevel`, as `args.getConfig()` returns them. */
    properties: Record<string, unknown>;
}

function isLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (enforcementLevels as readonly string[]).includes(value);
}

function levelError(field: string, value: unknown): PolicyConfigError {
    const allowed = enforcementLevels.join(", ");
    return new PolicyConfigError(
        field,
        `niveau d'application ${JSON.stringify(value)} inconnu. Valeurs autorisées : ${allowed}.`,
        `unknown enforcement level ${JSON.stringify(value)}. Allowed values: ${allowed}.`,
    );
}

type Validator = ReturnType<Ajv["compile"]>;
const validators = new WeakMap<SecureTemplePolicy, Validator>();
let ajv: Ajv | undefined;

function validatorFor(policy: SecureTemplePolicy): Validator | undefined {
    if (!policy.configSchema) {
        return undefined;
    }
    let v = validators.get(policy);
    if (!v) {
        // Loaded on the first configuration with knobs: Ajv is some 60 modules that a run without knobs never needs.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        ajv ??= new (require("ajv") as { default: new (options: object) => Ajv }).default({ allErrors: true, strict: false });
        // Unlike the CLI, refuse unknown settings: a misspelt knob would otherwise be ignored silently.
        v = ajv.compile({ type: "object", additionalProperties: false, ...policy.configSchema });
        validators.set(policy, v);
    }
    return v;
}

/** Resolves the configuration of every policy; throws PolicyConfigError on bad input. */
export function resolveConfig(policies: readonly SecureTemplePolicy[], config: PackConfig = {}): Map<string, ResolvedPolicyConfig> {
    const names = new Set(policies.map((p) => p.name));
    for (const key of Object.keys(config)) {
        if (key !== "all" && !names.has(key)) {
            const allowed = ["all", ...names].join(", ");
            throw new PolicyConfigError(
                key,
                `politique inconnue. Valeurs autorisées : ${allowed}.`,
                `unknown policy. Allowed values: ${allowed}.`,
            );
        }
    }
    const all = config.all;
    if (all !== undefined && !isLevel(all)) {
        throw levelError("all", all);
    }
    const out = new Map<string, ResolvedPolicyConfig>();
    for (const policy of policies) {
        const entry = config[policy.name];
        let level: EnforcementLevel | undefined;
        let properties: Record<string, unknown> = {};
        if (typeof entry === "string") {
            if (!isLevel(entry)) {
                throw levelError(policy.name, entry);
            }
            level = entry;
        } else if (entry !== undefined && entry !== null && typeof entry === "object" && !Array.isArray(entry)) {
            const { enforcementLevel, ...rest } = entry as Record<string, unknown>;
            if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
                throw levelError(`${policy.name}.enforcementLevel`, enforcementLevel);
            }
            level = enforcementLevel as EnforcementLevel | undefined;
            properties = rest;
            const validate = validatorFor(policy);
            if (!validate && Object.keys(rest).length > 0) {
                throw new PolicyConfigError(
                    policy.name,
                    "cette politique n'a aucun réglage ; seul enforcementLevel est accepté.",
                    "this policy has no settings; only enforcementLevel is accepted.",
                );
            }
            if (validate && !validate(rest)) {
                const err = validate.errors?.[0];
                const field = `${policy.name}${err?.instancePath ? err.instancePath.replace(/\//g, ".") : ""}`;
                const known = Object.keys(policy.configSchema?.properties ?? {}).join(", ");
                throw new PolicyConfigError(
                    field,
                    `réglage invalide (${err?.message ?? "schéma"}). Réglages connus : ${known}.`,
                    `invalid setting (${err?.message ?? "schema"}). Known settings: ${known}.`,
                );
            }
        } else if (entry !== undefined) {
            throw new PolicyConfigError(policy.name, "un niveau ou un objet est attendu.", "a level or an object is expected.");
        }
        out.set(policy.name, {
            level: level ?? (all as EnforcementLevel | undefined) ?? policy.enforcementLevel ?? "advisory",
            properties,
        });
    }
    return out;
}
