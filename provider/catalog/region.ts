// Region and availability zones of the service.
// Convention 3.2 (glossary: AZ, region), 7.2.1 (a datacenter site per AZ, in France), 7.5 (region FR).
// Names and sites: Cloud Temple regional concepts page, "FR1 - AZ05 (PAR7S)", "AZ06 (TH3S)", "AZ07 (DATA4)".
import { CatalogError, show } from "./errors";

export const regions = ["FR1"] as const;
export type RegionId = (typeof regions)[number];

export const availabilityZoneIds = ["AZ05", "AZ06", "AZ07"] as const;
export type AvailabilityZoneId = (typeof availabilityZoneIds)[number];

export const siteIds = ["PAR7S", "TH3S", "DATA4"] as const;
export type SiteId = (typeof siteIds)[number];

export interface AvailabilityZone {
    id: AvailabilityZoneId;
    region: RegionId;
    /** Physical datacenter site; sites are more than 30 km apart (about 80 km of fibre). */
    site: SiteId;
    /** Product SKU of the AZ activation, ordered per tenant. */
    sku: string;
}

export interface Region {
    id: RegionId;
    /** Country where every site is located (section 7.5). */
    country: "FR";
    city: string;
    availabilityZones: readonly AvailabilityZoneId[];
}

export const availabilityZones: Readonly<Record<AvailabilityZoneId, AvailabilityZone>> = {
    AZ05: { id: "AZ05", region: "FR1", site: "PAR7S", sku: "csp:fr1:iaas:az:v1" },
    AZ06: { id: "AZ06", region: "FR1", site: "TH3S", sku: "csp:fr1:iaas:az:v1" },
    AZ07: { id: "AZ07", region: "FR1", site: "DATA4", sku: "csp:fr1:iaas:az:v1" },
};

export const region: Region = { id: "FR1", country: "FR", city: "Paris", availabilityZones: availabilityZoneIds };
export const regionById: Readonly<Record<RegionId, Region>> = { FR1: region };

export function isRegion(value: unknown): value is RegionId {
    return typeof value === "string" && (regions as readonly string[]).includes(value);
}

export function isAvailabilityZone(value: unknown): value is AvailabilityZoneId {
    return typeof value === "string" && (availabilityZoneIds as readonly string[]).includes(value);
}

export function isSite(value: unknown): value is SiteId {
    return typeof value === "string" && (siteIds as readonly string[]).includes(value);
}

/** The AZ of a site, e.g. azBySite("PAR7S") === "AZ05"; case-insensitive; undefined for an unknown site. */
export function azBySite(site: string): AvailabilityZoneId | undefined {
    const wanted = site.trim().toUpperCase();
    return availabilityZoneIds.find((az) => availabilityZones[az].site === wanted);
}

/** The site of an AZ, e.g. siteByAz("AZ06") === "TH3S"; case-insensitive; undefined for an unknown AZ. */
export function siteByAz(az: string): SiteId | undefined {
    const wanted = az.trim().toUpperCase();
    return isAvailabilityZone(wanted) ? availabilityZones[wanted].site : undefined;
}

export function assertRegion(value: unknown, field = "region"): RegionId {
    if (!isRegion(value)) {
        throw new CatalogError(field, { fr: `région inconnue ${show(value)}.`, en: `unknown region ${show(value)}.` }, regions);
    }
    return value;
}

export function assertAvailabilityZone(value: unknown, field = "availabilityZone"): AvailabilityZoneId {
    if (!isAvailabilityZone(value)) {
        throw new CatalogError(
            field,
            { fr: `zone de disponibilité inconnue ${show(value)}.`, en: `unknown availability zone ${show(value)}.` },
            availabilityZoneIds.map((az) => `${az} (${availabilityZones[az].site})`),
        );
    }
    return value;
}

/** Checks a list of AZs: non-empty when `minimum` > 0, each known, no duplicate; returns it typed. */
export function assertAvailabilityZones(value: unknown, field = "availabilityZones", minimum = 1): AvailabilityZoneId[] {
    if (!Array.isArray(value)) {
        throw new CatalogError(
            field,
            { fr: `une liste de zones est attendue, reçu ${show(value)}.`, en: `a list of zones is expected, got ${show(value)}.` },
            availabilityZoneIds,
        );
    }
    const zones = value.map((az, i) => assertAvailabilityZone(az, `${field}[${i}]`));
    const duplicate = zones.find((az, i) => zones.indexOf(az) !== i);
    if (duplicate) {
        throw new CatalogError(field, { fr: `la zone ${duplicate} apparaît deux fois.`, en: `zone ${duplicate} appears twice.` });
    }
    if (zones.length < minimum) {
        throw new CatalogError(
            field,
            {
                fr: `au moins ${minimum} zone(s) attendue(s), reçu ${zones.length}.`,
                en: `at least ${minimum} zone(s) expected, got ${zones.length}.`,
            },
            availabilityZoneIds,
        );
    }
    return zones;
}
