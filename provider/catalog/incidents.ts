// Incident priority matrix (convention 7.6.4) and support intervention times (section 8.3, SLA 8 and 9).
import { CatalogError, show } from "./errors";

export const impactLevels = ["I1", "I2", "I3"] as const;
export type ImpactLevel = (typeof impactLevels)[number];
export const criticalityLevels = ["C1", "C2", "C3"] as const;
export type CriticalityLevel = (typeof criticalityLevels)[number];
export const priorities = ["P1", "P2", "P3", "P4", "P5"] as const;
export type Priority = (typeof priorities)[number];

export const impactDescriptions: Readonly<Record<ImpactLevel, { fr: string; en: string }>> = {
    I1: { fr: "Le ou les services du Prestataire sont interrompus", en: "The provider's service(s) are interrupted" },
    I2: { fr: "Le ou les services du Prestataire sont dégradés", en: "The provider's service(s) are degraded" },
    I3: {
        fr: "Le ou les services sont stables mais montrent des signes de déclin à long terme",
        en: "The service(s) are stable but show signs of long-term decline",
    },
};

export const criticalityDescriptions: Readonly<Record<CriticalityLevel, { fr: string; en: string }>> = {
    C1: { fr: "Le ou les services se dégradent à une vitesse préoccupante", en: "The service(s) are degrading at a worrying speed" },
    C2: { fr: "Le ou les services se détériorent progressivement", en: "The service(s) are deteriorating gradually" },
    C3: {
        fr: "Un ou plusieurs inconvénients sans conséquence significative",
        en: "One or more inconveniences without significant consequence",
    },
};

/** The decision matrix of section 7.6.4, by criticality then impact. */
export const priorityMatrix: Readonly<Record<CriticalityLevel, Readonly<Record<ImpactLevel, Priority>>>> = {
    C1: { I1: "P1", I2: "P2", I3: "P3" },
    C2: { I1: "P2", I2: "P3", I3: "P4" },
    C3: { I1: "P3", I2: "P4", I3: "P5" },
};

export interface SupportCommitment {
    /** Guaranteed intervention time (GTI), from ticket opening to first intervention. */
    interventionMinutes: number;
    /** Share of tickets that must meet it. */
    objectivePercent: number;
}

/** SLA 8: intervention time per incident priority (section 8.3). */
export const incidentInterventionTimes: Readonly<Record<Priority, SupportCommitment>> = {
    P1: { interventionMinutes: 30, objectivePercent: 95 },
    P2: { interventionMinutes: 120, objectivePercent: 90 },
    P3: { interventionMinutes: 240, objectivePercent: 90 },
    P4: { interventionMinutes: 1440, objectivePercent: 85 },
    P5: { interventionMinutes: 2880, objectivePercent: 85 },
};

/** SLA 9: intervention time for a service request (section 8.3). */
export const serviceRequestInterventionTime: SupportCommitment = { interventionMinutes: 240, objectivePercent: 90 };

export interface IncidentPriority extends SupportCommitment {
    priority: Priority;
}

/** Priority of an incident from its impact and criticality, with the SLA 8 intervention time. */
export function incidentPriority(impact: ImpactLevel, criticality: CriticalityLevel): IncidentPriority {
    if (!(impactLevels as readonly string[]).includes(impact)) {
        throw new CatalogError(
            "impact",
            { fr: `niveau d'impact inconnu ${show(impact)}.`, en: `unknown impact level ${show(impact)}.` },
            impactLevels,
        );
    }
    if (!(criticalityLevels as readonly string[]).includes(criticality)) {
        throw new CatalogError(
            "criticality",
            { fr: `niveau de criticité inconnu ${show(criticality)}.`, en: `unknown criticality level ${show(criticality)}.` },
            criticalityLevels,
        );
    }
    const priority = priorityMatrix[criticality][impact];
    return { priority, ...incidentInterventionTimes[priority] };
}
