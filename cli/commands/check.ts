// `securetemple check`: evaluates the Secure Temple policy pack on what is already known of a
// stack, without running its program: a state export (auditors, drift reviews) or the event log of
// a preview (pipelines). With an event log, the report holds BOTH our own evaluation of the
// previewed resources and the violations the Pulumi engine reported in its policyEvents: the
// engine's are what the preview really enforced (its pack configuration, and other packs too), our
// evaluation gives the full list of resources for JUnit and still works when the preview ran
// without `--policy-pack`. When both name the same policy and resource, the engine's entry is kept.
import * as fs from "fs";
import type { EnforcementLevel } from "@pulumi/policy"; // types only: nothing of the SDK is loaded
import {
    allPolicies,
    evaluate,
    packName,
    PackConfig,
    PolicyConfigError,
    resolveConfig,
    ResourceInput,
    Violation,
} from "../../policies/engine";
import { policies as packPolicies } from "../../policies/rules";
import { CliInputError, exitCodes } from "../errors";
import { eventViolationMessage, parseEventLog } from "../input/eventLog";
import { parseJson, readSource, sourceLabel } from "../input/source";
import { parseStateJson, stateExportOf } from "../input/stateExport";
import { terraformInputOf } from "../input/terraform";
import { CliIo } from "../io";
import { Lang, pickLanguage } from "../language";
import { formatReport, ReportFormat } from "../report/formats";
import { CheckReport, Finding, mandatoryFailed, parseUrn, PolicyMeta, violationsOf } from "../report/model";
import { toolName, toolVersion } from "../version";

export interface CheckOptions {
    /** Path of a state export, or "-" for standard input. */
    stateExport?: string;
    /** Path of a preview's event log. */
    eventLog?: string;
    format: ReportFormat;
    lang: Lang;
    /** Write the report here instead of standard output. */
    output?: string;
    /** Pack configuration in the `--policy-pack-config` format. */
    policyConfig?: string;
}

/** Every level of @pulumi/policy: the compiler fails here when the SDK adds or drops one. */
const levels = { advisory: true, mandatory: true, remediate: true, disabled: true } as const satisfies Record<EnforcementLevel, true>;

function asLevel(value: string): EnforcementLevel {
    return Object.hasOwn(levels, value) ? (value as EnforcementLevel) : "advisory";
}

async function readPolicyConfig(path: string | undefined, io: CliIo): Promise<PackConfig> {
    if (!path) {
        return {};
    }
    const config = parseJson(await readSource(path, io.readStdin), sourceLabel(path), {
        fr: "une configuration de pack au format de `--policy-pack-config`",
        en: "a pack configuration in the `--policy-pack-config` format",
        feminine: true,
    });
    if (config === null || typeof config !== "object" || Array.isArray(config)) {
        throw new CliInputError(path, { fr: "un objet JSON est attendu.", en: "a JSON object is expected." });
    }
    try {
        resolveConfig(packPolicies, config as PackConfig);
    } catch (e) {
        if (e instanceof PolicyConfigError) {
            throw new CliInputError(`--policy-config ${path}`, { fr: pickLanguage(e.message, "fr"), en: pickLanguage(e.message, "en") });
        }
        throw e;
    }
    return config as PackConfig;
}

/** Our policies with the level in force under `config`; disabled ones are left out of the report. */
function ourPolicies(config: PackConfig): PolicyMeta[] {
    const resolved = resolveConfig(packPolicies, config);
    return allPolicies
        .map((p): PolicyMeta => ({
            name: p.name,
            pack: packName,
            description: p.description,
            sections: [...p.sections],
            severity: p.severity,
            enforcementLevel: resolved.get(p.name)?.level ?? p.defaultEnforcementLevel,
            remediation: p.remediation,
            levelRationale: p.levelRationale,
            appliesTo: p.appliesTo,
        }))
        .filter((p) => p.enforcementLevel !== "disabled");
}

function fromViolation(v: Violation): Finding {
    return {
        policyName: v.policyName,
        enforcementLevel: asLevel(v.enforcementLevel),
        ...(v.urn ? { urn: v.urn, resourceType: v.resourceType, resourceName: v.resourceName } : {}),
        message: v.message,
        origin: "check",
        ...(v.kind === "unknown-at-preview" ? { undecided: true } : {}),
    };
}

/** A URN's name, what follows its third "::" (as parseUrn reads it, without splitting the whole URN). */
function nameOf(urn: string): string {
    let at = -2;
    for (let n = 0; n < 3; n++) {
        at = urn.indexOf("::", at + 2);
        if (at < 0) {
            return urn;
        }
    }
    return urn.startsWith("urn:pulumi:") ? urn.slice(at + 2) : urn;
}

function stackOf(resources: readonly { urn: string }[]): CheckReport["stack"] {
    for (const r of resources) {
        const parsed = parseUrn(r.urn);
        if (parsed) {
            return { project: parsed.project, stack: parsed.stack };
        }
    }
    return undefined;
}

async function evaluateOrExplain(resources: ResourceInput[], config: PackConfig): Promise<Violation[]> {
    try {
        return await evaluate(resources, { config });
    } catch (e) {
        if (e instanceof PolicyConfigError) {
            throw new CliInputError("--policy-config", { fr: pickLanguage(e.message, "fr"), en: pickLanguage(e.message, "en") });
        }
        throw e;
    }
}

/** Builds the report of a check; throws CliInputError on bad input. */
export async function buildCheckReport(options: CheckOptions, io: CliIo): Promise<CheckReport> {
    if ((options.stateExport === undefined) === (options.eventLog === undefined)) {
        throw new CliInputError("check", {
            fr: "donner soit un export d'état (fichier ou - pour l'entrée standard), soit --event-log <fichier>, mais pas les deux.",
            en: "give either a state export (a file, or - for standard input) or --event-log <file>, not both.",
        });
    }
    const config = await readPolicyConfig(options.policyConfig, io);
    const policies = ourPolicies(config);
    const tool = { name: toolName, version: toolVersion() };

    if (options.stateExport !== undefined) {
        const doc = parseStateJson(await readSource(options.stateExport, io.readStdin), options.stateExport);
        // An OpenTofu/Terraform plan or state: its cloudtemple_* resources, named by their address.
        const terraform = terraformInputOf(doc, options.stateExport);
        if (terraform) {
            const violations = await evaluateOrExplain(terraform.inputs, config);
            return {
                tool,
                source: { kind: terraform.kind, path: options.stateExport },
                policies,
                resources: terraform.inputs.map((r) => ({ urn: r.urn, type: r.type, name: r.urn })),
                findings: violations.map(fromViolation),
            };
        }
        const state = stateExportOf(doc, options.stateExport);
        const violations = await evaluateOrExplain(state.inputs, config);
        return {
            tool,
            source: { kind: "state-export", path: options.stateExport },
            stack: stackOf(state.resources),
            policies,
            resources: state.inputs.map((r) => ({ urn: r.urn, type: r.type, name: r.name ?? nameOf(r.urn) })),
            findings: violations.map(fromViolation),
        };
    }

    const path = options.eventLog as string;
    const log = parseEventLog(await readSource(path, io.readStdin), path);
    const types = new Map(log.resources.map((r) => [r.urn, r.type]));
    const engineFindings: Finding[] = log.policyEvents.map((e) => ({
        policyName: e.policyName,
        enforcementLevel: asLevel(e.enforcementLevel),
        ...(e.resourceUrn
            ? {
                  urn: e.resourceUrn,
                  resourceType: types.get(e.resourceUrn) ?? parseUrn(e.resourceUrn)?.type,
                  resourceName: nameOf(e.resourceUrn),
              }
            : {}),
        message: eventViolationMessage(e),
        origin: "preview",
    }));
    const reported = new Set(engineFindings.map((f) => `${f.policyName}\n${f.urn ?? ""}`));
    const ours = (await evaluateOrExplain(log.resources, config))
        .map(fromViolation)
        .filter((f) => !reported.has(`${f.policyName}\n${f.urn ?? ""}`));
    // Policies of other packs that the engine reported: described from their event.
    const known = new Set(policies.map((p) => p.name));
    for (const e of log.policyEvents) {
        if (!known.has(e.policyName)) {
            known.add(e.policyName);
            const description = e.message.trim().split("\n")[0] ?? e.policyName;
            policies.push({
                name: e.policyName,
                pack: e.policyPackName,
                description: { fr: pickLanguage(description, "fr"), en: pickLanguage(description, "en") },
                sections: [],
                enforcementLevel: asLevel(e.enforcementLevel),
                appliesTo: [],
            });
        }
    }
    return {
        tool,
        source: { kind: "event-log", path },
        stack: stackOf(log.resources),
        policies,
        resources: log.resources.map((r) => ({ urn: r.urn, type: r.type, name: nameOf(r.urn) })),
        findings: [...engineFindings, ...ours],
    };
}

/** Runs the check and writes the report; returns the exit code (0, or 1 when a mandatory policy failed). */
export async function runCheck(options: CheckOptions, io: CliIo): Promise<number> {
    const report = await buildCheckReport(options, io);
    const text = await formatReport(report, options.format, options.lang);
    const failed = mandatoryFailed(report);
    if (options.output) {
        try {
            await fs.promises.writeFile(options.output, text, "utf8");
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code ?? String(e);
            throw new CliInputError(`--output ${options.output}`, {
                fr: `écriture impossible (${code}).`,
                en: `cannot be written (${code}).`,
            });
        }
        const verdict = failed
            ? {
                  fr: "ÉCHEC : au moins une politique obligatoire n'est pas respectée",
                  en: "FAILED: at least one mandatory policy is violated",
              }
            : { fr: "CONFORME : aucune politique obligatoire en échec", en: "PASSED: no mandatory policy failed" };
        io.stderr(`${options.lang === "fr" ? verdict.fr : verdict.en} (${violationsOf(report).length} violation(s)); ${options.output}\n`);
    } else {
        io.stdout(text);
    }
    return failed ? exitCodes.mandatoryFailed : exitCodes.ok;
}
