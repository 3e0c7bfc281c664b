// SAN block-storage tiers (LUNs / datastores) and their rules.
// Convention 7.2.4: shared SAN, LUNs dedicated to the tenant per subscribed volume, several
// performance tiers. Figures: Cloud Temple "IaaS VMware concepts" page (FLASH tiers, Mass Storage,
// Global Mirror, VMware sizing rules).
import { CatalogError, show } from "./errors";

export const sanTierIds = ["ESSENTIAL", "STANDARD", "PREMIUM", "ENTERPRISE", "ULTRA", "MASS_STORAGE"] as const;
export type SanTierId = (typeof sanTierIds)[number];

export interface SanTier {
    id: SanTierId;
    /** French commercial name, as in the original documentation. */
    labelFr: string;
    labelEn: string;
    /** Guaranteed IOPS per TB (1 TB counted as 1024 GiB); undefined for Mass Storage (not guaranteed). */
    iopsPerTb?: number;
    /** Per-LUN caps; undefined for Mass Storage. */
    maxIopsPerLun?: number;
    maxThroughputMBpsPerLun?: number;
    /** Whether asynchronous inter-AZ replication (Global Mirror) is sold on this tier. */
    globalMirror: boolean;
    /** SKU code in `csp:(region):iaas:storage:bloc:<code>:v1`. */
    skuCode: string;
    sku: string;
}

function tier(
    id: SanTierId,
    labelFr: string,
    labelEn: string,
    skuCode: string,
    globalMirror: boolean,
    iopsPerTb?: number,
    maxIopsPerLun?: number,
    maxThroughputMBpsPerLun?: number,
): SanTier {
    return {
        id,
        labelFr,
        labelEn,
        iopsPerTb,
        maxIopsPerLun,
        maxThroughputMBpsPerLun,
        globalMirror,
        skuCode,
        sku: `csp:fr1:iaas:storage:bloc:${skuCode}:v1`,
    };
}

export const sanTiers: Readonly<Record<SanTierId, SanTier>> = {
    ESSENTIAL: tier("ESSENTIAL", "FLASH - Essentiel", "FLASH - Essential", "live", true, 500, 10_000, 512),
    STANDARD: tier("STANDARD", "FLASH - Standard", "FLASH - Standard", "medium", true, 1500, 30_000, 1024),
    PREMIUM: tier("PREMIUM", "FLASH - Premium", "FLASH - Premium", "premium", true, 3000, 30_000, 1024),
    ENTERPRISE: tier("ENTERPRISE", "FLASH - Enterprise", "FLASH - Enterprise", "enterprise", false, 7500, 30_000, 1024),
    ULTRA: tier("ULTRA", "FLASH - Ultra", "FLASH - Ultra", "ultra", false, 15_000, 30_000, 1024),
    MASS_STORAGE: tier("MASS_STORAGE", "MASS STORAGE - Archivage", "MASS STORAGE - Archiving", "mass", false),
};

/** LUN rules: 500 GiB minimum; Mass Storage sold by the TiB; VMware free-space rules for datastores. */
export const lunRules = {
    minimumSizeGib: 500,
    massStorageUnitGib: 1024,
    gibPerTb: 1024,
    /** Free space kept for backup snapshots, as a share of the LUN. */
    snapshotReserve: 0.1,
} as const;

/** Global Mirror figures: RPO 15 min, RTO under 4 h; same size and tier in both AZs. */
export const globalMirror = { rpoMinutes: 15, rtoHours: 4, sku: "csp:fr1:iaas:storage:licence:globalmirror:v1" } as const;

export const globalMirrorTiers: readonly SanTierId[] = sanTierIds.filter((id) => sanTiers[id].globalMirror);

export function isSanTier(value: unknown): value is SanTierId {
    return typeof value === "string" && (sanTierIds as readonly string[]).includes(value);
}

function normalise(value: string): string {
    return value
        .trim()
        .toUpperCase()
        .replace(/^(FLASH|MASS STORAGE)\s*-\s*/, "")
        .replace(/[\s-]+/g, "_");
}

/**
 * Reads a tier from its id ("PREMIUM"), SKU code ("live", "medium"), SKU, or French/English name
 * ("FLASH - Essentiel", "Essential"), case-insensitive; undefined when nothing matches.
 */
export function parseSanTier(value: string): SanTierId | undefined {
    const wanted = normalise(value);
    const aliases: Record<string, SanTierId> = {
        ESSENTIEL: "ESSENTIAL",
        MASS: "MASS_STORAGE",
        ARCHIVAGE: "MASS_STORAGE",
        ARCHIVING: "MASS_STORAGE",
        MASSSTORAGE: "MASS_STORAGE",
    };
    return (
        sanTierIds.find((id) => {
            const t = sanTiers[id];
            return (
                wanted === id ||
                wanted === t.skuCode.toUpperCase() ||
                value.trim().toLowerCase() === t.sku ||
                wanted === normalise(t.labelFr) ||
                wanted === normalise(t.labelEn)
            );
        }) ?? aliases[wanted]
    );
}

export function assertSanTier(value: unknown, field = "tier"): SanTierId {
    const parsed = typeof value === "string" ? parseSanTier(value) : undefined;
    if (!parsed) {
        throw new CatalogError(
            field,
            { fr: `niveau de performance SAN inconnu ${show(value)}.`, en: `unknown SAN performance tier ${show(value)}.` },
            sanTierIds,
        );
    }
    return parsed;
}

export function assertLunSize(value: unknown, tierId: SanTierId, field = "sizeGib"): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < lunRules.minimumSizeGib) {
        throw new CatalogError(field, {
            fr: `taille de LUN ${show(value)} invalide : un entier d'au moins ${lunRules.minimumSizeGib} Gio est attendu.`,
            en: `LUN size ${show(value)} is invalid: an integer of at least ${lunRules.minimumSizeGib} GiB is expected.`,
        });
    }
    if (tierId === "MASS_STORAGE" && value % lunRules.massStorageUnitGib !== 0) {
        throw new CatalogError(field, {
            fr: `le Mass Storage se commande par Tio : ${value} Gio n'est pas un multiple de ${lunRules.massStorageUnitGib}.`,
            en: `Mass Storage is ordered by the TiB: ${value} GiB is not a multiple of ${lunRules.massStorageUnitGib}.`,
        });
    }
    return value;
}

/**
 * Guaranteed IOPS of a LUN: IOPS/TB x size, linear up to the per-LUN cap, rounded down
 * (e.g. 512 GiB of STANDARD: 750 IOPS). Undefined for Mass Storage, whose performance is not guaranteed.
 */
export function lunIops(tierId: SanTierId, sizeGib: number): number | undefined {
    const t = sanTiers[tierId];
    if (t.iopsPerTb === undefined || t.maxIopsPerLun === undefined) {
        return undefined;
    }
    return Math.min(t.maxIopsPerLun, Math.floor((t.iopsPerTb * sizeGib) / lunRules.gibPerTb));
}

/** Throughput cap of a LUN of the tier in MB/s; undefined for Mass Storage. */
export function lunThroughputMBps(tierId: SanTierId): number | undefined {
    return sanTiers[tierId].maxThroughputMBpsPerLun;
}

/**
 * Space a set of VMs needs on a datastore (GiB): their disks, their RAM (the .vswp swap files), and
 * 10 % of the LUN kept free for backup snapshots. Returns whether it fits and the figures.
 */
export function lunFit(
    lunSizeGib: number,
    freeGib: number,
    vms: ReadonlyArray<{ diskGib: number; memoryGib: number }>,
): { fits: boolean; neededGib: number; availableGib: number } {
    const neededGib = vms.reduce((sum, vm) => sum + vm.diskGib + vm.memoryGib, 0);
    const availableGib = Math.max(0, freeGib - lunSizeGib * lunRules.snapshotReserve);
    return { fits: neededGib <= availableGib, neededGib, availableGib };
}

/** Checks a Global Mirror pair: compatible tier, another AZ. Same size and tier are implied by the mirror. */
export function assertGlobalMirror(tierId: SanTierId, sourceAz: string, targetAz: string, field = "globalMirror"): void {
    if (!sanTiers[tierId].globalMirror) {
        throw new CatalogError(
            `${field}`,
            {
                fr: `le niveau ${tierId} n'est pas compatible Global Mirror.`,
                en: `tier ${tierId} does not support Global Mirror.`,
            },
            globalMirrorTiers,
        );
    }
    if (sourceAz === targetAz) {
        throw new CatalogError(`${field}.targetAvailabilityZone`, {
            fr: `la cible du Global Mirror doit être une autre zone que ${sourceAz}.`,
            en: `the Global Mirror target must be another zone than ${sourceAz}.`,
        });
    }
}
