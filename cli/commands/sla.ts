// `securetemple sla`: which of SLAs 1-10 each tenant of a state export can claim. The tenant's
// subscribed AZs and its clusters' host counts give the catalogue's eligibility (convention 8.1);
// a workload confined to one AZ then withdraws SLAs 1, 2 and 4 from its tenant too, because the
// convention asks the tenant to spread its systems, not only to subscribe two zones.
import Table from "cli-table3"; // well-kept table renderer (CommonJS); handles column widths and wrapping
import { azBySite, Bilingual, quoted, slaEligibility, SlaId, slaIds, slas } from "../../provider/catalog";
import { componentTokens, resourceTokens } from "../../provider/resources/tokens";
import { CliInputError, exitCodes } from "../errors";
import { ExportedResource, parseStateExport } from "../input/stateExport";
import { readSource, sourceLabel } from "../input/source";
import { CliIo } from "../io";
import { Lang, say } from "../language";
import { parseUrn } from "../report/model";
import type { SlaFormat } from "./slaFormat";

export { parseSlaFormat, slaFormats } from "./slaFormat";
export type { SlaFormat } from "./slaFormat";

export interface SlaRow {
    sla: SlaId;
    code: string;
    title: Bilingual;
    target: string;
    eligible: boolean;
    reason?: Bilingual;
}

export interface TenantSla {
    name: string;
    urn: string;
    availabilityZones: string[];
    /** Workloads counted for this tenant and the AZs each one spans (empty when unknown). */
    workloads: { name: string; availabilityZones: string[] }[];
    minHostsPerCluster?: number;
    rows: SlaRow[];
}

type Props = Record<string, unknown>;

function propsOf(r: ExportedResource): Props {
    return { ...(r.inputs ?? {}), ...(r.outputs ?? {}) };
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function distinct(zones: string[]): string[] {
    return [...new Set(zones.map((z) => z.trim().toUpperCase()).filter((z) => z !== ""))].sort();
}

/** The nearest ancestor of `r` whose type is `type`, through `parent`. */
function ancestorOfType(r: ExportedResource, type: string, byUrn: Map<string, ExportedResource>): ExportedResource | undefined {
    let current = r.parent ? byUrn.get(r.parent) : undefined;
    for (let depth = 0; current && depth < 64; depth++) {
        if (current.type === type) {
            return current;
        }
        current = current.parent ? byUrn.get(current.parent) : undefined;
    }
    return undefined;
}

/** The AZs a workload spans: declared (availabilityZones, placement[]) or, failing that, its VMs'. */
function workloadZones(workload: ExportedResource, vms: ExportedResource[]): string[] {
    const props = propsOf(workload);
    const declared = strings(props.availabilityZones);
    if (declared.length > 0) {
        return distinct(declared);
    }
    if (Array.isArray(props.placement)) {
        const zones = props.placement.map((p) => (p && typeof p === "object" ? (p as Props).availabilityZone : undefined));
        const known = zones.filter((z): z is string => typeof z === "string");
        if (known.length > 0) {
            return distinct(known);
        }
    }
    const fromVms = vms.map((vm) => {
        const p = propsOf(vm);
        return typeof p.availabilityZone === "string" ? p.availabilityZone : undefined;
    });
    return fromVms.every((z) => z !== undefined) ? distinct(fromVms as string[]) : [];
}

function clusterHosts(cluster: ExportedResource): number | undefined {
    const n = propsOf(cluster).hostCount;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/** SLA eligibility of every tenant of a state export's resources. */
export function tenantSlas(resources: ExportedResource[]): TenantSla[] {
    const live = resources.filter((r) => !r.delete);
    const byUrn = new Map(live.map((r) => [r.urn, r]));
    const tenants = live.filter((r) => r.type === componentTokens.tenant);
    const owner = (r: ExportedResource) =>
        ancestorOfType(r, componentTokens.tenant, byUrn) ?? (tenants.length === 1 ? tenants[0] : undefined);
    const workloads = live.filter((r) => r.type === componentTokens.workload);
    const vms = live.filter((r) => r.type === resourceTokens.virtualMachine);
    const clusters = live.filter((r) => r.type === componentTokens.cluster);

    return tenants.map((tenant) => {
        const props = propsOf(tenant);
        let zones = distinct(strings(props.availabilityZones));
        if (zones.length === 0 && typeof props.site === "string") {
            zones = distinct([azBySite(props.site) ?? props.site]);
        }
        const hostCounts = clusters
            .filter((c) => owner(c) === tenant)
            .map(clusterHosts)
            .filter((n): n is number => n !== undefined);
        const minHostsPerCluster = hostCounts.length > 0 ? Math.min(...hostCounts) : undefined;
        const base = slaEligibility({ availabilityZones: zones, ...(minHostsPerCluster !== undefined ? { minHostsPerCluster } : {}) });
        const rows: SlaRow[] = base.map((e) => ({
            sla: e.sla,
            code: e.code,
            title: slas[e.sla].title,
            target: slas[e.sla].target,
            eligible: e.eligible,
            ...(e.reason ? { reason: e.reason } : {}),
        }));
        const mine = workloads
            .filter((w) => owner(w) === tenant)
            .map((w) => {
                const name = parseUrn(w.urn)?.name ?? w.urn;
                const children = vms.filter((vm) => ancestorOfType(vm, componentTokens.workload, byUrn) === w);
                return { name, availabilityZones: workloadZones(w, children) };
            });
        for (const w of mine) {
            if (w.availabilityZones.length === 0) {
                continue;
            }
            for (const e of slaEligibility({ availabilityZones: w.availabilityZones })) {
                const row = rows.find((r) => r.sla === e.sla);
                if (row && row.eligible && !e.eligible && e.reason) {
                    const who = quoted(w.name);
                    row.eligible = false;
                    row.reason = { fr: `charge de travail ${who.fr} : ${e.reason.fr}`, en: `workload ${who.en}: ${e.reason.en}` };
                }
            }
        }
        return {
            name: parseUrn(tenant.urn)?.name ?? tenant.urn,
            urn: tenant.urn,
            availabilityZones: zones,
            workloads: mine,
            ...(minHostsPerCluster !== undefined ? { minHostsPerCluster } : {}),
            rows,
        };
    });
}

export function formatSlaText(tenants: TenantSla[], lang: Lang): string {
    const out: string[] = [];
    for (const t of tenants) {
        const zones = t.availabilityZones.join(", ") || "-";
        out.push(lang === "fr" ? `Tenant « ${t.name} » : zones souscrites ${zones}` : `Tenant "${t.name}": subscribed zones ${zones}`);
        for (const w of t.workloads) {
            const wz = w.availabilityZones.join(", ") || (lang === "fr" ? "inconnues" : "unknown");
            out.push(lang === "fr" ? `  charge de travail « ${w.name} » : zones ${wz}` : `  workload "${w.name}": zones ${wz}`);
        }
        const table = new Table({
            head: lang === "fr" ? ["SLA", "Nom", "Engagement", "Éligible", "Raison"] : ["SLA", "Name", "Target", "Eligible", "Reason"],
            colWidths: [5, 32, 16, 10, 54],
            wordWrap: true,
            style: { head: [], border: [] },
        });
        for (const r of t.rows) {
            const yes = lang === "fr" ? "oui" : "yes";
            const no = lang === "fr" ? "non" : "no";
            table.push([String(r.sla), say(r.title, lang), r.target, r.eligible ? yes : no, r.reason ? say(r.reason, lang) : ""]);
        }
        out.push(table.toString());
        const eligible = t.rows.filter((r) => r.eligible).length;
        out.push(lang === "fr" ? `${eligible}/${slaIds.length} SLA applicables.` : `${eligible}/${slaIds.length} SLAs apply.`);
        out.push("");
    }
    return `${out.join("\n")}`;
}

export function formatSlaJson(tenants: TenantSla[]): string {
    return `${JSON.stringify({ tenants }, null, 2)}\n`;
}

export interface SlaOptions {
    stateExport: string;
    format: SlaFormat;
    lang: Lang;
}

export async function runSla(options: SlaOptions, io: CliIo): Promise<number> {
    const state = parseStateExport(await readSource(options.stateExport, io.readStdin), options.stateExport);
    const tenants = tenantSlas(state.resources);
    if (tenants.length === 0) {
        throw new CliInputError(sourceLabel(options.stateExport), {
            fr: `aucun composant ${componentTokens.tenant} dans l'export d'état : la pile ne déclare pas de tenant.`,
            en: `no ${componentTokens.tenant} component in the state export: the stack declares no tenant.`,
        });
    }
    io.stdout(options.format === "json" ? formatSlaJson(tenants) : formatSlaText(tenants, options.lang));
    return exitCodes.ok;
}
