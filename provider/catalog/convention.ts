// The sections of the service convention ("Convention de service SecNumCloud IaaS") that the kit
// cites, with their titles: French as the convention writes them, English as this kit translates
// them. Policies, components and reports cite a section by its number and print its title from
// here, so a title is written once; a test fails when a policy cites a number missing here.
import type { Bilingual } from "./errors";

export const conventionName: Bilingual = {
    fr: "Convention de service Secure Temple (IaaS SecNumCloud)",
    en: "Secure Temple service convention (SecNumCloud IaaS)",
};

export const conventionSections: Readonly<Record<string, Bilingual>> = {
    "3.2": { fr: "Glossaire", en: "Glossary" },
    "7.2": { fr: "Présentation détaillée du périmètre du Service", en: "Detailed scope of the Service" },
    "7.2.2": { fr: "Infrastructure logicielle de pilotage du Service", en: "Software infrastructure that runs the Service" },
    "7.2.3": { fr: "Infrastructures de calcul", en: "Compute infrastructure" },
    "7.2.4": { fr: "Infrastructure de stockage", en: "Storage infrastructure" },
    "7.2.6": { fr: "Infrastructure de sauvegarde", en: "Backup infrastructure" },
    "7.3.3": { fr: "Configuration de la sauvegarde", en: "Backup configuration" },
    "7.4.1": { fr: "Prérequis techniques", en: "Technical prerequisites" },
    "7.5": { fr: "Localisation du service en France", en: "Location of the service in France" },
    "7.6.4": { fr: "Processus de priorisation des traitements", en: "Prioritisation of incident handling" },
    "8.1": { fr: "Engagements de disponibilité de l’infrastructure", en: "Infrastructure availability commitments" },
    "8.4": { fr: "Engagement de disponibilité du stockage objet S3", en: "S3 object storage availability commitment" },
    "8.5": { fr: "Précision concernant l’engagement de sauvegarde", en: "Clarification of the backup commitment" },
    "9.1": { fr: "Responsabilités du Prestataire", en: "Responsibilities of the Provider" },
    "9.5": { fr: "Responsabilités et obligations du COMMANDITAIRE", en: "Responsibilities and obligations of the CUSTOMER" },
    "13.4": { fr: "Protection vis à vis du droit extra-européen", en: "Protection from non-European law" },
};

/** The title of a cited section; throws for a number the table lacks (a test keeps policies in step). */
export function sectionTitle(section: string): Bilingual {
    const title = conventionSections[section];
    if (!title) {
        throw new Error(`convention section ${section} is not in provider/catalog/convention.ts`);
    }
    return title;
}

/** "§8.1 « Engagements de disponibilité de l’infrastructure »" / "section 8.1 "Infrastructure availability commitments"". */
export function citeSection(section: string): Bilingual {
    const title = conventionSections[section];
    return title
        ? { fr: `§${section} « ${title.fr} »`, en: `section ${section} "${title.en}"` }
        : { fr: `§${section}`, en: `section ${section}` };
}
