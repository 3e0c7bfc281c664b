// The engine event log of a preview (`PULUMI_DEBUG_COMMANDS=true pulumi preview --event-log <file>`):
// one JSON engine event per line. Two kinds matter here:
// - resourcePreEvent: metadata.new holds the resource as the preview plans it (type, urn, parent,
//   inputs); its inputs are what CrossGuard's Analyze sees, so they are what we evaluate.
// - policyEvent: a violation the engine itself reported from the policy packs the preview ran,
//   with its policy, pack, enforcement level and message ("description\nmessage").
import type { ResourceInput } from "../../policies/engine";
import { CliInputError } from "../errors";
import { sourceLabel } from "./source";

/** A `policyEvent` of the log. */
export interface EnginePolicyEvent {
    policyName: string;
    policyPackName: string;
    policyPackVersion?: string;
    enforcementLevel: string;
    /** Empty for a stack-level violation. */
    resourceUrn: string;
    /** As written by the engine: the policy description, a newline, the violation message. */
    message: string;
}

export interface PreviewEventLog {
    resources: ResourceInput[];
    policyEvents: EnginePolicyEvent[];
    /** Names of the policy packs the preview ran, from the summary event. */
    policyPacks: string[];
    /** True when the log ends with the preview's summary (a complete log). */
    complete: boolean;
}

interface StepMetadata {
    op?: string;
    urn?: string;
    type?: string;
    new?: { type?: string; urn?: string; parent?: string; inputs?: Record<string, unknown>; protect?: boolean } | null;
}

// Steps whose resource is not part of the planned stack.
const goneOps = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "read-discard", "remove-pending-replace"]);

function isSkippedType(type: string): boolean {
    return type === "pulumi:pulumi:Stack" || type.startsWith("pulumi:providers:");
}

/** One line of the log as a JSON engine event; throws CliInputError naming the line otherwise. */
function parseEvent(line: string, where: string): Record<string, unknown> {
    let event: Record<string, unknown>;
    try {
        event = JSON.parse(line) as Record<string, unknown>;
    } catch {
        throw new CliInputError(where, {
            fr: "ligne qui n'est pas un événement JSON ; un journal produit par `pulumi preview --event-log <fichier>` est attendu.",
            en: "line is not a JSON event; a log written by `pulumi preview --event-log <file>` is expected.",
        });
    }
    if (event === null || typeof event !== "object" || typeof event.sequence !== "number") {
        throw new CliInputError(where, {
            fr: "ligne sans numéro de séquence : ce n'est pas un événement du moteur Pulumi.",
            en: "line without a sequence number: this is not a Pulumi engine event.",
        });
    }
    return event;
}

/** Adds, replaces or removes the resource a step plans, from a resourcePreEvent. */
function applyStep(resources: Map<string, ResourceInput>, m: StepMetadata): void {
    const urn = m.new?.urn ?? m.urn;
    const type = m.new?.type ?? m.type;
    if (!urn || !type) {
        return;
    }
    if (goneOps.has(m.op ?? "") || !m.new) {
        resources.delete(urn);
    } else if (!isSkippedType(type)) {
        resources.set(urn, {
            urn,
            type,
            props: m.new.inputs ?? {},
            ...(m.new.parent ? { parent: m.new.parent } : {}),
            ...(m.new.protect ? { protect: true } : {}),
        });
    }
}

function policyEventOf(policy: Partial<EnginePolicyEvent>): EnginePolicyEvent {
    return {
        policyName: policy.policyName ?? "",
        policyPackName: policy.policyPackName ?? "",
        ...(policy.policyPackVersion ? { policyPackVersion: policy.policyPackVersion } : {}),
        enforcementLevel: policy.enforcementLevel ?? "advisory",
        resourceUrn: policy.resourceUrn ?? "",
        message: policy.message ?? "",
    };
}

export function parseEventLog(text: string, path: string): PreviewEventLog {
    const subject = sourceLabel(path);
    const resources = new Map<string, ResourceInput>();
    const policyEvents: EnginePolicyEvent[] = [];
    const packs = new Set<string>();
    let events = 0;
    let complete = false;
    text.split("\n").forEach((line, i) => {
        if (line.trim() === "") {
            return;
        }
        const event = parseEvent(line, `${subject}:${i + 1}`);
        events++;
        const pre = event.resourcePreEvent as { metadata?: StepMetadata } | undefined;
        if (pre?.metadata) {
            applyStep(resources, pre.metadata);
        }
        const policy = event.policyEvent as Partial<EnginePolicyEvent> | undefined;
        if (policy && typeof policy.policyName === "string") {
            policyEvents.push(policyEventOf(policy));
        }
        const summary = event.summaryEvent as { PolicyPacks?: Record<string, string> } | undefined;
        if (summary) {
            complete = true;
            for (const key of Object.keys(summary.PolicyPacks ?? {})) {
                packs.add(key.split("|")[0]);
            }
        }
    });
    if (events === 0) {
        throw new CliInputError(subject, {
            fr: "journal vide ; produire le fichier avec `PULUMI_DEBUG_COMMANDS=true pulumi preview --event-log <fichier>`.",
            en: "empty log; produce the file with `PULUMI_DEBUG_COMMANDS=true pulumi preview --event-log <file>`.",
        });
    }
    return { resources: [...resources.values()], policyEvents, policyPacks: [...packs], complete };
}

/** The violation message of a policyEvent, without the policy description the engine puts first. */
export function eventViolationMessage(event: EnginePolicyEvent): string {
    const lines = event.message.trim().split("\n");
    return (lines.length > 1 ? lines.slice(1) : lines).join("\n").trim();
}
