// securetemple-location-data-residency: convention section 7.5 locates all storage and processing
// in France; the service runs in region FR1 and its availability zones AZ05 (PAR7S), AZ06 (TH3S)
// and AZ07 (DATA4).
import { availabilityZoneIds, isAvailabilityZone, isRegion, isSite, regions, siteIds } from "../../../provider/catalog";
import { definePolicy, quoted, report } from "../../support/policy";
import { types } from "../../support/resourceTypes";
import { isText, plain, Props, read, readString, readStrings, UNKNOWN } from "../../support/values";

type Finding = { field: string; value: string; kind: "region" | "zone" | "site" };

function zones(props: Props, field: string, out: Finding[]): void {
    const list = readStrings(props, field);
    if (list === UNKNOWN || list === undefined) {
        return;
    }
    for (const z of list) {
        if (z !== UNKNOWN && !isAvailabilityZone(z.trim().toUpperCase())) {
            out.push({ field, value: z, kind: "zone" });
        }
    }
}

function zone(props: unknown, field: string, out: Finding[], label = field): void {
    const z = readString(props, field);
    if (isText(z) && !isAvailabilityZone(z.trim().toUpperCase())) {
        out.push({ field: label, value: z, kind: "zone" });
    }
}

function site(props: unknown, field: string, out: Finding[], label = field): void {
    const s = readString(props, field);
    if (isText(s) && !isSite(s.trim().toUpperCase())) {
        out.push({ field: label, value: s, kind: "site" });
    }
}

/** Every region, AZ and site a resource of ours names, checked against the catalogue. */
function findings(type: string, props: Props): Finding[] {
    const out: Finding[] = [];
    if (type === types.tenant) {
        const region = readString(props, "region");
        if (isText(region) && !isRegion(region.trim().toUpperCase())) {
            out.push({ field: "region", value: region, kind: "region" });
        }
        zones(props, "availabilityZones", out);
    } else if (type === types.cluster || type === types.vm) {
        zone(props, "availabilityZone", out);
    } else if (type === types.lun) {
        zone(props, "availabilityZone", out);
        const gm = read(props, "globalMirror");
        if (gm !== UNKNOWN && gm !== undefined) {
            zone(gm, "targetAvailabilityZone", out, "globalMirror.targetAvailabilityZone");
        }
    } else if (type === types.backupPolicy) {
        zone(props, "availabilityZone", out);
        site(props, "site", out);
    } else if (type === types.workload) {
        zones(props, "availabilityZones", out);
        const placement = read(props, "placement");
        if (Array.isArray(placement)) {
            placement.forEach((p, i) => {
                zone(p, "availabilityZone", out, `placement[${i}].availabilityZone`);
                const sites = readStrings(p, "backupSites");
                if (sites !== UNKNOWN && sites !== undefined) {
                    for (const s of sites) {
                        // "" is how a workload registers the site of a nobackup policy.
                        if (isText(s) && !isSite(s.trim().toUpperCase()) && !isAvailabilityZone(s.trim().toUpperCase())) {
                            out.push({ field: `placement[${i}].backupSites`, value: s, kind: "site" });
                        }
                    }
                }
            });
        }
    }
    return out;
}

const allowed = { region: regions.join(", "), zone: availabilityZoneIds.join(", "), site: siteIds.join(", ") };
const kindLabel = { region: { fr: "la région", en: "region" }, zone: { fr: "la zone", en: "zone" }, site: { fr: "le site", en: "site" } };

export const locationDataResidency = definePolicy(
    {
        name: "securetemple-location-data-residency",
        sections: ["7.5"],
        severity: "critical",
        enforcementLevel: "mandatory",
        levelRationale:
            "A region or zone outside FR1 and its three zones is either data leaving the qualified perimeter or a typo that the service would reject later; both must stop the pipeline.",
        description: {
            fr: "Vérifie que chaque ressource est placée dans la région FR1 et dans ses zones et sites connus (AZ05/PAR7S, AZ06/TH3S, AZ07/DATA4).",
            en: "Checks that every resource is placed in region FR1 and in its known zones and sites (AZ05/PAR7S, AZ06/TH3S, AZ07/DATA4).",
        },
        remediation: {
            fr: "Utiliser la région FR1 et une zone du catalogue : AZ05, AZ06 ou AZ07 (sites PAR7S, TH3S, DATA4).",
            en: "Use region FR1 and a zone of the catalogue: AZ05, AZ06 or AZ07 (sites PAR7S, TH3S, DATA4).",
        },
        appliesTo: [types.tenant, types.cluster, types.lun, types.backupPolicy, types.workload, types.vm],
    },
    {
        validateResource: (args, reportViolation) => {
            const found = findings(args.type, plain(args.props));
            if (found.length === 0) {
                return;
            }
            const who = quoted(args.name);
            for (const f of found) {
                report(reportViolation, {
                    fr: `La ressource ${who.fr} désigne ${kindLabel[f.kind].fr} « ${f.value} » (${f.field}) hors du périmètre situé en France ; valeurs autorisées : ${allowed[f.kind]}.`,
                    en: `The resource ${who.en} names ${kindLabel[f.kind].en} "${f.value}" (${f.field}) outside the perimeter located in France; allowed values: ${allowed[f.kind]}.`,
                });
            }
        },
    },
);
