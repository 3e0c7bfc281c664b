// A `pulumi stack export` document: checked for its shape here (so that a wrong file gets a clear
// message naming it, exit code 2), then converted by the policy engine's own reader, which skips
// the stack and provider resources and hides secret values.
import { ExportedResource, fromStackExport, ResourceInput } from "../../policies/engine";
import { CliInputError } from "../errors";
import { ExpectedInput, parseJson, sourceLabel } from "./source";

export type { ExportedResource };

export interface StateExport {
    /** Every resource of the export, stack and providers included. */
    resources: ExportedResource[];
    /** What the policies are evaluated on. */
    inputs: ResourceInput[];
}

const what: ExpectedInput = { fr: "la sortie de `pulumi stack export`", en: "the output of `pulumi stack export`", feminine: true };

export function parseStateExport(text: string, path: string): StateExport {
    return stateExportOf(parseStateJson(text, path), path);
}

/** The JSON of `text`, or the bilingual error of a file that is not JSON, naming what is expected. */
export function parseStateJson(text: string, path: string): unknown {
    return parseJson(text, sourceLabel(path), what);
}

/** The state export in a document already parsed. */
export function stateExportOf(parsed: unknown, path: string): StateExport {
    const subject = sourceLabel(path);
    const doc = parsed as { version?: unknown; deployment?: { resources?: unknown } } | null;
    if (doc === null || typeof doc !== "object" || Array.isArray(doc) || typeof doc.deployment !== "object" || doc.deployment === null) {
        throw new CliInputError(subject, {
            fr: "ce n'est pas un export d'état : le champ deployment manque. Produire le fichier avec `pulumi stack export --file <fichier>`.",
            en: "this is not a state export: the deployment field is missing. Produce the file with `pulumi stack export --file <file>`.",
        });
    }
    if (doc.version !== undefined && doc.version !== 3) {
        throw new CliInputError(subject, {
            fr: `version d'export ${JSON.stringify(doc.version)} non prise en charge. Valeurs autorisées : 3.`,
            en: `unsupported export version ${JSON.stringify(doc.version)}. Allowed values: 3.`,
        });
    }
    const list = doc.deployment.resources ?? [];
    if (!Array.isArray(list)) {
        throw new CliInputError(subject, { fr: "deployment.resources doit être une liste.", en: "deployment.resources must be a list." });
    }
    list.forEach((r: unknown, i: number) => {
        const res = r as Partial<ExportedResource> | null;
        if (res === null || typeof res !== "object" || typeof res.urn !== "string" || typeof res.type !== "string") {
            throw new CliInputError(subject, {
                fr: `deployment.resources[${i}] n'a pas de champs urn et type textuels.`,
                en: `deployment.resources[${i}] lacks string urn and type fields.`,
            });
        }
    });
    const resources = list as ExportedResource[];
    return { resources, inputs: fromStackExport(doc) };
}
