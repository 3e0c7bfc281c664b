// The service-level agreements of the convention, section 8, and which ones a topology can claim.
// Section 8.1: SLAs marked (*) — 1, 2 and 4 — apply only if the tenant spreads its systems over at
// least two availability zones of the region. The 99.99 % compute figure also needs vSphere HA,
// hence at least two hosts per cluster (Cloud Temple "IaaS VMware concepts").
import { Bilingual } from "./errors";
import { clusterRules } from "./blades";

export const slaIds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type SlaId = (typeof slaIds)[number];

export interface Sla {
    id: SlaId;
    /** Indicator code, e.g. "IC-INFRA_SNC-01". */
    code: string;
    /** Convention section. */
    section: "8.1" | "8.2" | "8.3" | "8.4";
    title: Bilingual;
    /** Commitment as written, e.g. "99.99 %" or "GTI per priority". */
    target: string;
    /** Marked (*) in section 8.1: needs systems spread over at least two AZs. */
    requiresTwoAzs: boolean;
}

function sla(id: SlaId, section: Sla["section"], fr: string, en: string, target: string, requiresTwoAzs = false): Sla {
    return { id, code: `IC-INFRA_SNC-${String(id).padStart(2, "0")}`, section, title: { fr, en }, target, requiresTwoAzs };
}

export const slas: Readonly<Record<SlaId, Sla>> = {
    1: sla(1, "8.1", "Disponibilité de la puissance de calcul (Compute)", "Compute availability", "99.99 %", true),
    2: sla(2, "8.1", "Disponibilité du stockage", "Storage availability", "99.99 %", true),
    3: sla(3, "8.1", "Fiabilité de la sauvegarde", "Backup reliability", "99.99 %"),
    4: sla(4, "8.1", "Disponibilité de l'infrastructure réseau", "Network infrastructure availability", "99.99 %", true),
    5: sla(5, "8.1", "Accès Internet", "Internet access", "99.99 %"),
    6: sla(6, "8.2", "Accès à la console d'administration du Service", "Administration console access", "97 %"),
    7: sla(7, "8.2", "Accès aux APIs de pilotage du Service", "Service API access", "99.9 %"),
    8: sla(
        8,
        "8.3",
        "Support technique pour les incidents (GTI par priorité)",
        "Technical support for incidents (intervention time per priority)",
        "P1 30 min 95 %, P2 2 h 90 %, P3 4 h 90 %, P4 24 h 85 %, P5 48 h 85 %",
    ),
    9: sla(9, "8.3", "Support technique pour les demandes de service", "Technical support for service requests", "4 h, 90 %"),
    10: sla(
        10,
        "8.4",
        "Stockage objet S3 : durabilité, disponibilité de l'API, latence",
        "S3 object storage: durability, API availability, latency",
        "99.9999999 %/year, 99.99 %, 150 ms",
    ),
};

/** SLA 10's three indicators (section 8.4). */
export const objectStorageIndicators = [
    {
        code: "IC-INFRA-SNC-10.1",
        title: { fr: "Durabilité du stockage d'un objet sur une région", en: "Durability of an object in a region" },
        target: "99.9999999 % / an",
    },
    {
        code: "IC-INFRA-SNC-10.2",
        title: { fr: "Disponibilité de l'API Stockage Objet S3", en: "S3 object storage API availability" },
        target: "99.99 %",
    },
    {
        code: "IC-INFRA-SNC-10.3",
        title: { fr: "Latence maximale d'accès à un objet sur une région", en: "Maximum latency to an object in a region" },
        target: "150 ms",
    },
] as const;

export const slasRequiringTwoAzs: readonly SlaId[] = slaIds.filter((id) => slas[id].requiresTwoAzs);

/** What a tenant or workload looks like, for SLA purposes. */
export interface SlaTopology {
    /** The AZs the systems run in (duplicates are ignored). */
    availabilityZones: readonly string[];
    /** Hosts of the smallest cluster used, when known: under 2 there is no HA and SLA 1 does not hold. */
    minHostsPerCluster?: number;
}

export interface SlaEligibility {
    sla: SlaId;
    code: string;
    eligible: boolean;
    /** Why the SLA cannot be claimed; present only when `eligible` is false. */
    reason?: Bilingual;
}

/** Which of SLAs 1-10 a topology can claim, and why not for those it cannot. */
export function slaEligibility(topology: SlaTopology): SlaEligibility[] {
    const zones = new Set(topology.availabilityZones);
    return slaIds.map((id) => {
        const entry: SlaEligibility = { sla: id, code: slas[id].code, eligible: true };
        if (slas[id].requiresTwoAzs && zones.size < 2) {
            entry.eligible = false;
            entry.reason = {
                fr: `le SLA ${id} ne s'applique que si les systèmes sont répartis sur au moins deux zones de disponibilité (convention 8.1) ; zones utilisées : ${[...zones].join(", ") || "aucune"}.`,
                en: `SLA ${id} applies only when systems are spread over at least two availability zones (convention 8.1); zones used: ${[...zones].join(", ") || "none"}.`,
            };
        } else if (id === 1 && topology.minHostsPerCluster !== undefined && topology.minHostsPerCluster < clusterRules.haMinimumHosts) {
            entry.eligible = false;
            entry.reason = {
                fr: `le SLA 1 (99,99 %) exige la HA, donc au moins ${clusterRules.haMinimumHosts} hôtes par cluster ; le plus petit cluster en a ${topology.minHostsPerCluster}.`,
                en: `SLA 1 (99.99 %) needs HA, hence at least ${clusterRules.haMinimumHosts} hosts per cluster; the smallest cluster has ${topology.minHostsPerCluster}.`,
            };
        }
        return entry;
    });
}

/** The ids of the SLAs a topology can claim. */
export function eligibleSlas(topology: SlaTopology): SlaId[] {
    return slaEligibility(topology)
        .filter((e) => e.eligible)
        .map((e) => e.sla);
}
