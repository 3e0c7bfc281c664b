// Compute blade models of the VMware offering and the host-cluster rules.
// Convention 7.2.3: blades dedicated to the tenant, per AZ, model chosen from the provider's
// catalogue. Figures: Cloud Temple "IaaS VMware concepts" page (Cisco UCS B200 / X210c, v3 range).
import { CatalogError, show } from "./errors";

export const bladeModelIds = ["ECO", "STANDARD", "ADVANCE", "PERF1", "PERF2", "PERF3", "PERF4"] as const;
export type BladeModelId = (typeof bladeModelIds)[number];

export interface BladeModel {
    id: BladeModelId;
    /** Commercial name, e.g. "PERFORMANCE 2 v3". */
    label: string;
    generation: "v3";
    /** Physical cores per blade. */
    cores: number;
    threads: number;
    cpu: string;
    /** Physical RAM per blade (GiB); RAM is enabled in software from `minimumRamGib` up to this. */
    ramGib: number;
    gpu?: string;
    sku: string;
}

function blade(id: BladeModelId, label: string, cores: number, threads: number, cpu: string, ramGib: number, gpu?: string): BladeModel {
    return {
        id,
        label,
        generation: "v3",
        cores,
        threads,
        cpu,
        ramGib,
        ...(gpu ? { gpu } : {}),
        sku: `csp:fr1:iaas:vmware:${id.toLowerCase()}:v3`,
    };
}

export const bladeModels: Readonly<Record<BladeModelId, BladeModel>> = {
    ECO: blade("ECO", "ECO v3", 20, 40, "Intel Xeon Silver 4114 2.2/3.0 GHz", 384),
    STANDARD: blade("STANDARD", "STANDARD v3", 32, 64, "Intel Xeon Silver 4314 2.4/3.4 GHz", 384),
    ADVANCE: blade("ADVANCE", "ADVANCE v3", 48, 96, "Intel Xeon Gold 6342 2.8/3.5 GHz", 768),
    PERF1: blade("PERF1", "PERFORMANCE 1 v3", 16, 32, "Intel Xeon E-53I5Y 3.2/3.6 GHz", 384),
    PERF2: blade("PERF2", "PERFORMANCE 2 v3", 36, 72, "Intel Xeon Gold 6354 3.0/3.6 GHz", 768),
    PERF3: blade("PERF3", "PERFORMANCE 3 v3", 56, 112, "Intel Xeon Gold 6348 2.6/3.5 GHz", 1536),
    PERF4: blade("PERF4", "PERFORMANCE 4 v3", 32, 64, "Intel Xeon Gold 6426Y 2.5/4.1 GHz", 512, "2 x NVIDIA L40S 48 GB"),
};

/** Host-cluster ("Cpool") rules: one model, one tenant, one AZ; at most 32 hosts; HA and the 99.99 % SLA need 2. */
export const clusterRules = {
    minimumHosts: 1,
    /** Hosts needed for vSphere HA, hence for SLA 1 (99.99 %). */
    haMinimumHosts: 2,
    maximumHosts: 32,
    /** Average memory use must stay at or below 85 %. */
    maxMemoryUse: 0.85,
    /** RAM enabled per blade, in GiB, at least. */
    minimumRamGibPerBlade: 128,
} as const;

export function isBladeModel(value: unknown): value is BladeModelId {
    return typeof value === "string" && (bladeModelIds as readonly string[]).includes(value);
}

/**
 * Reads a blade model from its id ("PERF2"), SKU ("csp:fr1:iaas:vmware:perf2:v3") or label
 * ("PERFORMANCE 2 v3"), case-insensitive; undefined when nothing matches. The API reports models
 * in several spellings, so lookups compare through this.
 */
export function parseBladeModel(value: string): BladeModelId | undefined {
    const raw = value.trim().toUpperCase();
    const short = raw.replace(/[_\s]?V3$/, "").replace(/^PERFORMANCE\s*/, "PERF");
    return bladeModelIds.find(
        (id) => short === id || raw === bladeModels[id].sku.toUpperCase() || raw === bladeModels[id].label.toUpperCase(),
    );
}

export function assertBladeModel(value: unknown, field = "bladeModel"): BladeModelId {
    const parsed = typeof value === "string" ? parseBladeModel(value) : undefined;
    if (!parsed) {
        throw new CatalogError(
            field,
            { fr: `modèle de lame inconnu ${show(value)}.`, en: `unknown blade model ${show(value)}.` },
            bladeModelIds,
        );
    }
    return parsed;
}

export function assertHostCount(value: unknown, field = "hostCount"): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < clusterRules.minimumHosts || value > clusterRules.maximumHosts) {
        throw new CatalogError(field, {
            fr: `nombre d'hôtes ${show(value)} invalide : entier de ${clusterRules.minimumHosts} à ${clusterRules.maximumHosts} attendu (${clusterRules.haMinimumHosts} au moins pour la HA et le SLA 1).`,
            en: `host count ${show(value)} is invalid: an integer from ${clusterRules.minimumHosts} to ${clusterRules.maximumHosts} is expected (at least ${clusterRules.haMinimumHosts} for HA and SLA 1).`,
        });
    }
    return value;
}

/** Physical cores of a cluster of `hosts` blades of `model`. */
export function clusterCores(model: BladeModelId, hosts: number): number {
    return bladeModels[model].cores * hosts;
}

/**
 * RAM (GiB) that VMs may use on a cluster of `hosts` blades of `model`, at the 85 % rule:
 * hosts x RAM per blade x 0.85, rounded down. `ramGibPerBlade` is the RAM enabled per blade when
 * less than the physical RAM was ordered (at least 128 GiB, at most the blade's RAM).
 */
export function usableClusterRamGib(model: BladeModelId, hosts: number, ramGibPerBlade?: number): number {
    const physical = bladeModels[model].ramGib;
    const perBlade = ramGibPerBlade ?? physical;
    if (perBlade < clusterRules.minimumRamGibPerBlade || perBlade > physical) {
        throw new CatalogError("ramGibPerBlade", {
            fr: `${perBlade} Gio hors bornes pour ${model} : de ${clusterRules.minimumRamGibPerBlade} à ${physical} Gio.`,
            en: `${perBlade} GiB is out of range for ${model}: from ${clusterRules.minimumRamGibPerBlade} to ${physical} GiB.`,
        });
    }
    return Math.floor(hosts * perBlade * clusterRules.maxMemoryUse);
}
