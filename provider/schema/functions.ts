// The lookup functions: the tenant's ordered inventory (clusters, datastores, policies...),
// found by name. Their results feed the resources and the components.
import { functionTokens } from "../resources/tokens";
import type { FunctionDecl, ObjectDecl } from "./types";

const byName = (what: { en: string; fr: string }) =>
    ({ name: { type: "string", required: true, description: { en: `Name of the ${what.en}.`, fr: `Nom ${what.fr}.` } } }) as const;

const id = { type: "string", required: true, description: { en: "Id in the API.", fr: "Id dans l'API." } } as const;
const name = { type: "string", required: true, description: { en: "Name.", fr: "Nom." } } as const;
const datacenterId = {
    type: "string",
    required: true,
    description: { en: "Id of its virtual datacenter.", fr: "Id de son datacenter virtuel." },
} as const;
const zone = {
    type: "string",
    required: true,
    description: {
        en: 'Its availability zone, e.g. "AZ05" ("" when the API does not say).',
        fr: "Sa zone de disponibilité, p. ex. « AZ05 » (« » si l'API ne la donne pas).",
    },
} as const;

export const tenantInfo = {
    token: "securetemple:index:TenantInfo",
    description: { en: "The tenant of the provider's credentials.", fr: "Le tenant des identifiants du fournisseur." },
    properties: {
        id,
        name,
        snc: {
            type: "boolean",
            required: true,
            description: { en: "True for a SecNumCloud tenant.", fr: "Vrai pour un tenant SecNumCloud." },
        },
        companyId: {
            type: "string",
            required: true,
            description: { en: "Id of the tenant's company.", fr: "Id de l'entreprise du tenant." },
        },
    },
} as const satisfies ObjectDecl;

export const availabilityZoneInfo = {
    token: "securetemple:index:AvailabilityZoneInfo",
    description: { en: "An AZ the tenant has, with its virtual datacenter.", fr: "Une zone du tenant, avec son datacenter virtuel." },
    properties: {
        name: { type: "string", required: true, description: { en: 'AZ name, e.g. "AZ05".', fr: "Nom de la zone, p. ex. « AZ05 »." } },
        datacenterId,
        datacenterName: {
            type: "string",
            required: true,
            description: { en: "Name of the virtual datacenter.", fr: "Nom du datacenter virtuel." },
        },
    },
} as const satisfies ObjectDecl;

export const availabilityZonesInfo = {
    token: "securetemple:index:AvailabilityZonesInfo",
    description: { en: "The AZs the tenant has.", fr: "Les zones du tenant." },
    properties: {
        names: {
            type: "array",
            items: { type: "string" },
            required: true,
            description: { en: 'AZ names, e.g. ["AZ05", "AZ06"].', fr: "Noms des zones, p. ex. [« AZ05 », « AZ06 »]." },
        },
        zones: {
            type: "array",
            items: { type: "object", object: availabilityZoneInfo },
            required: true,
            description: availabilityZoneInfo.description,
        },
    },
} as const satisfies ObjectDecl;

export const hostClusterInfo = {
    token: "securetemple:compute:HostClusterInfo",
    description: { en: "A host cluster of the tenant.", fr: "Un cluster d'hôtes du tenant." },
    properties: {
        id,
        name,
        availabilityZone: zone,
        bladeModel: {
            type: "string",
            required: true,
            description: { en: 'Blade model, e.g. "STANDARD_V3".', fr: "Modèle de lame, p. ex. « STANDARD_V3 »." },
        },
        hostCount: { type: "integer", required: true, description: { en: "Number of hosts.", fr: "Nombre d'hôtes." } },
        datacenterId,
        totalMemory: {
            type: "number",
            required: true,
            description: { en: "Memory of the cluster, in bytes.", fr: "Mémoire du cluster, en octets." },
        },
        freeMemory: {
            type: "number",
            required: true,
            description: { en: "Memory not in use, in bytes.", fr: "Mémoire inutilisée, en octets." },
        },
    },
} as const satisfies ObjectDecl;

export const datastoreInfo = {
    token: "securetemple:compute:DatastoreInfo",
    description: { en: "A datastore (SAN LUN) of the tenant.", fr: "Un datastore (LUN SAN) du tenant." },
    properties: {
        id,
        name,
        availabilityZone: zone,
        tier: { type: "string", required: true, description: { en: 'SAN tier, e.g. "STANDARD".', fr: "Niveau SAN, p. ex. « STANDARD »." } },
        capacity: { type: "number", required: true, description: { en: "Capacity in bytes.", fr: "Capacité en octets." } },
        freeCapacity: { type: "number", required: true, description: { en: "Free space in bytes.", fr: "Espace libre en octets." } },
        datacenterId,
    },
} as const satisfies ObjectDecl;

export const networkInfo = {
    token: "securetemple:compute:NetworkInfo",
    description: { en: "A network (port group) of the tenant.", fr: "Un réseau (groupe de ports) du tenant." },
    properties: {
        id,
        name,
        moref: {
            type: "string",
            required: true,
            description: { en: "vCenter managed object reference.", fr: "Référence d'objet géré vCenter." },
        },
    },
} as const satisfies ObjectDecl;

export const guestOperatingSystemInfo = {
    token: "securetemple:compute:GuestOperatingSystemInfo",
    description: { en: "A guest operating system VMs can be made with.", fr: "Un système d'exploitation invité pour créer des VM." },
    properties: {
        moref: {
            type: "string",
            required: true,
            description: { en: 'Its moref, e.g. "ubuntu64Guest".', fr: "Son moref, p. ex. « ubuntu64Guest »." },
        },
        family: {
            type: "string",
            required: true,
            description: { en: 'OS family, e.g. "LINUX".', fr: "Famille de système, p. ex. « LINUX »." },
        },
        fullName: { type: "string", required: true, description: { en: "Full name.", fr: "Nom complet." } },
    },
} as const satisfies ObjectDecl;

export const contentLibraryItemInfo = {
    token: "securetemple:compute:ContentLibraryItemInfo",
    description: { en: "An item of one of the tenant's content libraries.", fr: "Un élément d'une bibliothèque de contenu du tenant." },
    properties: {
        id,
        name,
        contentLibraryId: { type: "string", required: true, description: { en: "Id of its library.", fr: "Id de sa bibliothèque." } },
        contentLibraryName: { type: "string", required: true, description: { en: "Name of its library.", fr: "Nom de sa bibliothèque." } },
        type: { type: "string", required: true, description: { en: 'Item type, e.g. "ovf".', fr: "Type d'élément, p. ex. « ovf »." } },
    },
} as const satisfies ObjectDecl;

export const backupPolicyInfo = {
    token: "securetemple:backup:BackupPolicyInfo",
    description: { en: "A backup policy of the tenant.", fr: "Une politique de sauvegarde du tenant." },
    properties: {
        id,
        name,
        site: {
            type: "string",
            required: true,
            description: { en: 'Site where the copies are kept, e.g. "PAR7S".', fr: "Site où les copies sont gardées, p. ex. « PAR7S »." },
        },
        availabilityZone: zone,
        status: {
            type: "string",
            required: true,
            description: {
                en: '"ACTIVE" or "HELD" (a HELD policy cannot be assigned).',
                fr: "« ACTIVE » ou « HELD » (une politique HELD ne peut pas être assignée).",
            },
        },
    },
} as const satisfies ObjectDecl;

export const getTenant = {
    token: functionTokens.getTenant,
    description: {
        en: "The tenant the provider's credentials belong to.",
        fr: "Le tenant auquel appartiennent les identifiants du fournisseur.",
    },
    inputs: {},
    outputs: tenantInfo,
} as const satisfies FunctionDecl;

export const getAvailabilityZones = {
    token: functionTokens.getAvailabilityZones,
    description: { en: "The availability zones the tenant subscribed to.", fr: "Les zones de disponibilité souscrites par le tenant." },
    inputs: {},
    outputs: availabilityZonesInfo,
} as const satisfies FunctionDecl;

export const getHostCluster = {
    token: functionTokens.getHostCluster,
    description: { en: "A host cluster of the tenant, by name.", fr: "Un cluster d'hôtes du tenant, par son nom." },
    inputs: byName({ en: "host cluster", fr: "du cluster d'hôtes" }),
    outputs: hostClusterInfo,
} as const satisfies FunctionDecl;

export const getDatastore = {
    token: functionTokens.getDatastore,
    description: { en: "A datastore (SAN LUN) of the tenant, by name.", fr: "Un datastore (LUN SAN) du tenant, par son nom." },
    inputs: byName({ en: "datastore", fr: "du datastore" }),
    outputs: datastoreInfo,
} as const satisfies FunctionDecl;

export const getNetwork = {
    token: functionTokens.getNetwork,
    description: { en: "A network of the tenant, by name.", fr: "Un réseau du tenant, par son nom." },
    inputs: byName({ en: "network", fr: "du réseau" }),
    outputs: networkInfo,
} as const satisfies FunctionDecl;

export const getGuestOperatingSystem = {
    token: functionTokens.getGuestOperatingSystem,
    description: { en: "A guest operating system, by moref.", fr: "Un système d'exploitation invité, par son moref." },
    inputs: {
        moref: {
            type: "string",
            required: true,
            description: { en: 'Moref of the guest OS, e.g. "ubuntu64Guest".', fr: "Moref du système invité, p. ex. « ubuntu64Guest »." },
        },
    },
    outputs: guestOperatingSystemInfo,
} as const satisfies FunctionDecl;

export const getContentLibraryItem = {
    token: functionTokens.getContentLibraryItem,
    description: {
        en: "An item of the tenant's content libraries, by name.",
        fr: "Un élément des bibliothèques de contenu du tenant, par son nom.",
    },
    inputs: byName({ en: "content library item", fr: "de l'élément" }),
    outputs: contentLibraryItemInfo,
} as const satisfies FunctionDecl;

export const getBackupPolicy = {
    token: functionTokens.getBackupPolicy,
    description: { en: "A backup policy of the tenant, by name.", fr: "Une politique de sauvegarde du tenant, par son nom." },
    inputs: byName({ en: "backup policy", fr: "de la politique de sauvegarde" }),
    outputs: backupPolicyInfo,
} as const satisfies FunctionDecl;

export const functionDecls = [
    getTenant,
    getAvailabilityZones,
    getHostCluster,
    getDatastore,
    getNetwork,
    getGuestOperatingSystem,
    getContentLibraryItem,
    getBackupPolicy,
] as const;
