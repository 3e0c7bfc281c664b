// The components as the schema describes them to every language: their inputs (plain values and
// references to other components, known when the component is built, as in TypeScript) and their
// outputs. The components' own TypeScript classes (provider/components) validate and build them;
// the provider serves them through `construct`. A unit test keeps these inputs equal to the
// classes' argument types.
import { availabilityZoneEnum, tags } from "./common";
import { powerStateEnum } from "./compute";
import { vmNamePattern } from "./names";
import type { ComponentDecl, EnumDecl, ObjectDecl } from "./types";
import { componentTokens, resourceTokens } from "../resources/tokens";

const text = { type: "string" } as const;
const strings = { type: "array", items: text } as const;
const zones = { type: "array", items: { type: "enum", enum: availabilityZoneEnum } } as const;
const ref = (token: string) => ({ type: "resource", token }) as const;

const reason = {
    token: "securetemple:index:Reason",
    description: {
        en: "Why a choice the convention advises against is accepted.",
        fr: "Pourquoi un choix que la convention déconseille est accepté.",
    },
    properties: {
        reason: {
            ...text,
            required: true,
            description: { en: "The reason, kept in the state for audit.", fr: "La raison, gardée dans l'état pour l'audit." },
        },
    },
} as const satisfies ObjectDecl;

const bilingualText = {
    token: "securetemple:index:BilingualText",
    description: { en: "A sentence in French and in English.", fr: "Une phrase en français et en anglais." },
    properties: {
        fr: { ...text, required: true, description: { en: "French.", fr: "Français." } },
        en: { ...text, required: true, description: { en: "English.", fr: "Anglais." } },
    },
} as const satisfies ObjectDecl;

const tenantContact = {
    token: "securetemple:index:TenantContact",
    description: { en: "A contact of the tenant.", fr: "Un contact du tenant." },
    properties: {
        name: { ...text, required: true, description: { en: "Name.", fr: "Nom." } },
        email: { ...text, required: true, description: { en: "E-mail address.", fr: "Adresse électronique." } },
        role: {
            ...text,
            description: { en: 'e.g. "security", "technical", "billing".', fr: "p. ex. « security », « technical », « billing »." },
        },
        phone: { ...text, description: { en: "Phone number.", fr: "Numéro de téléphone." } },
    },
} as const satisfies ObjectDecl;

const slaEligibility = {
    token: "securetemple:index:SlaEligibility",
    description: { en: "Whether an SLA can be claimed.", fr: "Si un SLA peut être revendiqué." },
    properties: {
        sla: { type: "integer", required: true, description: { en: "SLA number, 1 to 10.", fr: "Numéro du SLA, de 1 à 10." } },
        code: { ...text, required: true, description: { en: "SLA code.", fr: "Code du SLA." } },
        eligible: {
            type: "boolean",
            required: true,
            description: { en: "Whether the topology can claim it.", fr: "Si la topologie peut le revendiquer." },
        },
        reason: {
            type: "object",
            object: bilingualText,
            description: { en: "Why not, when it cannot.", fr: "Pourquoi, quand il ne le peut pas." },
        },
    },
} as const satisfies ObjectDecl;

export const tenant = {
    token: componentTokens.tenant,
    description: {
        en: "A Secure Temple tenant: the AZs it subscribed to, its console allow-list and contacts, and the SLAs its topology can claim.",
        fr: "Un tenant Secure Temple : les zones souscrites, la liste d'adresses autorisées sur la console, les contacts, et les SLA que sa topologie permet.",
    },
    convention: "3.2, 7.4.1, 8.1",
    inputs: {
        region: {
            ...text,
            required: true,
            plain: true,
            description: { en: 'Region of the tenant; only "FR1" exists.', fr: "Région du tenant ; seule « FR1 » existe." },
        },
        availabilityZones: {
            ...strings,
            required: true,
            plain: true,
            description: {
                en: 'The AZs the tenant subscribed to, e.g. ["AZ05", "AZ06"].',
                fr: "Les zones souscrites, p. ex. [« AZ05 », « AZ06 »].",
            },
        },
        snc: {
            type: "boolean",
            required: true,
            plain: true,
            description: { en: "SecNumCloud tenant (the API's snc flag).", fr: "Tenant SecNumCloud (le drapeau snc de l'API)." },
        },
        consoleAuthorizedIps: {
            ...strings,
            required: true,
            plain: true,
            convention: "7.4.1",
            description: {
                en: "Public egress ranges allowed on the console and API (CIDRs); at least one, never 0.0.0.0/0.",
                fr: "Plages de sortie publiques autorisées sur la console et l'API (CIDR) ; au moins une, jamais 0.0.0.0/0.",
            },
        },
        maxConsoleIpPrefix: {
            type: "integer",
            plain: true,
            description: {
                en: "Widest acceptable IPv4 range, e.g. 24. Default 24.",
                fr: "Plage IPv4 la plus large acceptée, p. ex. 24. Par défaut 24.",
            },
        },
        maxConsoleIpv6Prefix: {
            type: "integer",
            plain: true,
            description: { en: "Widest acceptable IPv6 range. Default 56.", fr: "Plage IPv6 la plus large acceptée. Par défaut 56." },
        },
        contacts: {
            type: "array",
            items: { type: "object", object: tenantContact },
            required: true,
            plain: true,
            description: { en: "Contacts of the tenant; at least one.", fr: "Contacts du tenant ; au moins un." },
        },
        verify: {
            type: "boolean",
            plain: true,
            description: {
                en: "Checks the declaration against the real tenant (SNC flag, AZs) at preview. Default true.",
                fr: "Vérifie la déclaration face au tenant réel (drapeau SNC, zones) dès la prévisualisation. Par défaut vrai.",
            },
        },
    },
    outputs: {
        region: { ...text, required: true, description: { en: "The region.", fr: "La région." } },
        availabilityZones: { ...zones, required: true, description: { en: "The AZs, checked.", fr: "Les zones, vérifiées." } },
        snc: { type: "boolean", required: true, description: { en: "SecNumCloud tenant.", fr: "Tenant SecNumCloud." } },
        consoleAuthorizedIps: {
            ...strings,
            required: true,
            description: { en: "The console allow-list, canonical.", fr: "La liste autorisée de la console, canonique." },
        },
        maxConsoleIpPrefix: {
            type: "integer",
            required: true,
            description: { en: "Widest IPv4 range accepted.", fr: "Plage IPv4 la plus large acceptée." },
        },
        contacts: {
            type: "array",
            items: { type: "object", object: tenantContact },
            required: true,
            description: { en: "The contacts.", fr: "Les contacts." },
        },
        slaEligibility: {
            type: "array",
            items: { type: "object", object: slaEligibility },
            required: true,
            convention: "8.1",
            description: {
                en: "Which of SLAs 1-10 the AZ topology can claim, and why not.",
                fr: "Lesquels des SLA 1 à 10 la topologie des zones permet, et pourquoi pas.",
            },
        },
        tenantId: { ...text, description: { en: "Id of the real tenant, once verified.", fr: "Id du tenant réel, une fois vérifié." } },
    },
} as const satisfies ComponentDecl;

export const cluster = {
    token: componentTokens.cluster,
    description: {
        en: "A host cluster of the tenant: checked against the catalogue and looked up by name; workloads reserve RAM on it (85 % rule).",
        fr: "Un cluster d'hôtes du tenant : vérifié face au catalogue et recherché par son nom ; les workloads y réservent de la RAM (règle des 85 %).",
    },
    convention: "7.2.3",
    inputs: {
        name: {
            ...text,
            required: true,
            plain: true,
            description: {
                en: 'Name of the host cluster, e.g. "clu001-az05-standard".',
                fr: "Nom du cluster d'hôtes, p. ex. « clu001-az05-standard ».",
            },
        },
        availabilityZone: {
            ...text,
            required: true,
            plain: true,
            description: { en: 'Its AZ, e.g. "AZ05".', fr: "Sa zone, p. ex. « AZ05 »." },
        },
        bladeModel: {
            ...text,
            required: true,
            plain: true,
            description: {
                en: "Blade model: ECO, STANDARD, ADVANCE, PERF1-PERF4.",
                fr: "Modèle de lame : ECO, STANDARD, ADVANCE, PERF1 à PERF4.",
            },
        },
        hostCount: {
            type: "integer",
            required: true,
            plain: true,
            description: {
                en: "Hosts in the cluster, 1 to 32 (2 at least for HA).",
                fr: "Hôtes du cluster, de 1 à 32 (2 au moins pour la HA).",
            },
        },
    },
    outputs: {
        availabilityZone: { type: "enum", enum: availabilityZoneEnum, required: true, description: { en: "Its AZ.", fr: "Sa zone." } },
        cores: { type: "integer", required: true, description: { en: "Cores of the cluster.", fr: "Cœurs du cluster." } },
        usableRamGib: {
            type: "number",
            required: true,
            description: { en: "RAM (GiB) VMs may use at 85 %.", fr: "RAM (Gio) utilisable par les VM à 85 %." },
        },
        hostClusterId: { ...text, required: true, description: { en: "Id of the host cluster.", fr: "Id du cluster d'hôtes." } },
        datacenterId: {
            ...text,
            required: true,
            description: { en: "Id of its virtual datacenter.", fr: "Id de son datacenter virtuel." },
        },
    },
} as const satisfies ComponentDecl;

const globalMirror = {
    token: "securetemple:storage:GlobalMirror",
    description: { en: "Asynchronous replication of a LUN to another AZ.", fr: "Réplication asynchrone d'une LUN vers une autre zone." },
    properties: { targetAvailabilityZone: { ...text, required: true, description: { en: "The other AZ.", fr: "L'autre zone." } } },
} as const satisfies ObjectDecl;

export const lun = {
    token: componentTokens.lun,
    description: {
        en: "A SAN LUN (datastore) of the tenant: checked against the catalogue and looked up by name; workloads reserve space on it.",
        fr: "Une LUN SAN (datastore) du tenant : vérifiée face au catalogue et recherchée par son nom ; les workloads y réservent de l'espace.",
    },
    convention: "7.2.4",
    inputs: {
        name: {
            ...text,
            required: true,
            plain: true,
            description: {
                en: 'Name of the datastore, e.g. "ds-az05-standard-01".',
                fr: "Nom du datastore, p. ex. « ds-az05-standard-01 ».",
            },
        },
        availabilityZone: { ...text, required: true, plain: true, description: { en: "Its AZ.", fr: "Sa zone." } },
        tier: {
            ...text,
            required: true,
            plain: true,
            description: {
                en: "ESSENTIAL, STANDARD, PREMIUM, ENTERPRISE, ULTRA or MASS_STORAGE.",
                fr: "ESSENTIAL, STANDARD, PREMIUM, ENTERPRISE, ULTRA ou MASS_STORAGE.",
            },
        },
        sizeGib: {
            type: "integer",
            required: true,
            plain: true,
            description: { en: "Size in GiB, at least 500.", fr: "Taille en Gio, au moins 500." },
        },
        globalMirror: { type: "object", object: globalMirror, plain: true, description: globalMirror.description },
    },
    outputs: {
        availabilityZone: { type: "enum", enum: availabilityZoneEnum, required: true, description: { en: "Its AZ.", fr: "Sa zone." } },
        iops: {
            type: "number",
            description: { en: "Guaranteed IOPS of the tier and size.", fr: "IOPS garanties du niveau et de la taille." },
        },
        maxThroughputMBps: {
            type: "number",
            description: { en: "Throughput cap of the tier, MB/s.", fr: "Débit maximal du niveau, Mo/s." },
        },
        datastoreId: { ...text, required: true, description: { en: "Id of the datastore.", fr: "Id du datastore." } },
        freeGib: {
            type: "number",
            required: true,
            description: { en: "Free space reported by the API, GiB.", fr: "Espace libre selon l'API, Gio." },
        },
    },
} as const satisfies ComponentDecl;

export const backupPolicy = {
    token: componentTokens.backupPolicy,
    description: {
        en: 'One of the tenant\'s backup policies, looked up by name; a HELD policy is refused, "nobackup" needs noBackupAcknowledgement.',
        fr: "Une des politiques de sauvegarde du tenant, recherchée par son nom ; une politique HELD est refusée, « nobackup » exige noBackupAcknowledgement.",
    },
    convention: "7.2.6, 7.3.3, 8.5, 9.5",
    inputs: {
        policyName: {
            ...text,
            required: true,
            plain: true,
            description: {
                en: 'Name of the policy, e.g. "sla001-daily-th3s", or "nobackup".',
                fr: "Nom de la politique, p. ex. « sla001-daily-th3s », ou « nobackup ».",
            },
        },
        noBackupAcknowledgement: {
            type: "object",
            object: reason,
            plain: true,
            convention: "7.3.3",
            description: {
                en: 'Required with "nobackup": why this data may be lost for good.',
                fr: "Obligatoire avec « nobackup » : pourquoi ces données peuvent être perdues définitivement.",
            },
        },
    },
    outputs: {
        policyName: { ...text, required: true, description: { en: "Name of the policy.", fr: "Nom de la politique." } },
        policyId: { ...text, required: true, description: { en: "Id of the policy.", fr: "Id de la politique." } },
        site: {
            ...text,
            required: true,
            description: {
                en: 'Site where the copies are kept ("" for nobackup).',
                fr: "Site où les copies sont gardées (« » pour nobackup).",
            },
        },
        availabilityZone: { type: "enum", enum: availabilityZoneEnum, description: { en: "AZ of that site.", fr: "Zone de ce site." } },
        status: { ...text, required: true, description: { en: '"ACTIVE" or "HELD".', fr: "« ACTIVE » ou « HELD »." } },
    },
} as const satisfies ComponentDecl;

const workloadPlacement = {
    token: "securetemple:compute:WorkloadPlacement",
    description: {
        en: "Where a replica of a workload runs and is backed up.",
        fr: "Où une réplique d'un workload tourne et est sauvegardée.",
    },
    properties: {
        vmName: { ...text, required: true, description: { en: "Name of the VM.", fr: "Nom de la VM." } },
        availabilityZone: { type: "enum", enum: availabilityZoneEnum, required: true, description: { en: "Its AZ.", fr: "Sa zone." } },
        cluster: { ...text, required: true, description: { en: "Its host cluster.", fr: "Son cluster d'hôtes." } },
        lun: { ...text, required: true, description: { en: "Its LUN.", fr: "Sa LUN." } },
        backupPolicyNames: { ...strings, required: true, description: { en: "Its backup policies.", fr: "Ses politiques de sauvegarde." } },
        backupSites: {
            ...strings,
            required: true,
            description: { en: "Sites of its backup copies.", fr: "Sites de ses copies de sauvegarde." },
        },
    },
} as const satisfies ObjectDecl;

export const workload = {
    token: componentTokens.workload,
    description: {
        en: "Replicas of one VM spread over at least two AZs, each on a Cluster and Lun of its AZ, each backed up outside it.",
        fr: "Des répliques d'une VM réparties sur au moins deux zones, chacune sur un Cluster et une Lun de sa zone, chacune sauvegardée hors de celle-ci.",
    },
    convention: "7.2.6, 7.3.3, 8.1, 8.5, 9.5",
    inputs: {
        name: {
            ...text,
            pattern: vmNamePattern,
            plain: true,
            description: {
                en: 'Prefix of the VM names ("<name>-1", "<name>-2"...), a VM name itself with room for the suffix; default the component name.',
                fr: "Préfixe des noms de VM (« <name>-1 », « <name>-2 »...), lui-même un nom de VM avec la place du suffixe ; par défaut le nom du composant.",
            },
        },
        replicas: { type: "integer", required: true, plain: true, description: { en: "Number of VMs.", fr: "Nombre de VM." } },
        tenant: {
            ...ref(componentTokens.tenant),
            plain: true,
            description: { en: "The tenant: its AZs are the default spread.", fr: "Le tenant : ses zones sont la répartition par défaut." },
        },
        availabilityZones: {
            ...strings,
            plain: true,
            description: {
                en: "AZs to spread over, round-robin; default the tenant's.",
                fr: "Zones de répartition, à tour de rôle ; par défaut celles du tenant.",
            },
        },
        replicaZones: {
            ...strings,
            plain: true,
            description: {
                en: "The AZ of each replica, instead of round-robin.",
                fr: "La zone de chaque réplique, au lieu du tour de rôle.",
            },
        },
        singleAz: {
            type: "boolean",
            plain: true,
            convention: "8.1",
            description: {
                en: "Puts every replica in one AZ; SLAs 1, 2 and 4 then no longer apply.",
                fr: "Met toutes les répliques dans une zone ; les SLA 1, 2 et 4 ne s'appliquent alors plus.",
            },
        },
        cpu: { type: "integer", required: true, plain: true, description: { en: "vCPUs per VM.", fr: "vCPU par VM." } },
        numCoresPerSocket: { type: "integer", plain: true, description: { en: "Cores per socket.", fr: "Cœurs par socket." } },
        memoryGib: { type: "integer", required: true, plain: true, description: { en: "RAM per VM, GiB.", fr: "RAM par VM, Gio." } },
        diskGib: {
            type: "integer",
            required: true,
            plain: true,
            description: { en: "Size of the data disk added to each VM, GiB.", fr: "Taille du disque de données ajouté à chaque VM, Gio." },
        },
        guestOperatingSystemMoref: {
            ...text,
            plain: true,
            description: {
                en: "Guest OS (exactly one source with contentLibraryItemId).",
                fr: "Système invité (exactement une source avec contentLibraryItemId).",
            },
        },
        contentLibraryItemId: {
            ...text,
            plain: true,
            description: { en: "Content library item to deploy.", fr: "Élément de bibliothèque à déployer." },
        },
        powerState: {
            type: "enum",
            enum: powerStateEnum,
            plain: true,
            description: {
                en: 'Default "on"; applied once the backup policies are assigned.',
                fr: "Par défaut « on » ; appliqué une fois les politiques assignées.",
            },
        },
        tags: { ...tags, plain: true },
        networks: {
            type: "map",
            values: text,
            plain: true,
            description: {
                en: 'Network name per AZ, e.g. {AZ05: "vlan-az05-app"}: each replica gets an adapter on its AZ\'s network.',
                fr: "Nom de réseau par zone, p. ex. {AZ05: « vlan-az05-app »} : chaque réplique reçoit une carte sur le réseau de sa zone.",
            },
        },
        clusters: {
            type: "array",
            items: ref(componentTokens.cluster),
            required: true,
            plain: true,
            description: { en: "Clusters the replicas may use.", fr: "Clusters utilisables par les répliques." },
        },
        luns: {
            type: "array",
            items: ref(componentTokens.lun),
            required: true,
            plain: true,
            description: { en: "LUNs the replicas may use.", fr: "LUN utilisables par les répliques." },
        },
        backupPolicies: {
            type: "array",
            items: ref(componentTokens.backupPolicy),
            plain: true,
            convention: "7.2.6",
            description: {
                en: "Policies every replica gets; each keeps its copies outside every replica's AZ.",
                fr: "Politiques de chaque réplique ; chacune garde ses copies hors de la zone de chaque réplique.",
            },
        },
        backupPolicyCandidates: {
            type: "array",
            items: ref(componentTokens.backupPolicy),
            plain: true,
            convention: "7.2.6",
            description: {
                en: "Without backupPolicies: each replica gets the first of these kept outside its AZ.",
                fr: "Sans backupPolicies : chaque réplique reçoit la première de celles-ci gardée hors de sa zone.",
            },
        },
    },
    outputs: {
        availabilityZones: { ...zones, required: true, description: { en: "The AZs used.", fr: "Les zones utilisées." } },
        singleAz: {
            type: "boolean",
            required: true,
            description: { en: "Whether every replica is in one AZ.", fr: "Si toutes les répliques sont dans une zone." },
        },
        backupPolicyNames: {
            ...strings,
            required: true,
            description: { en: "Backup policies in use.", fr: "Politiques de sauvegarde utilisées." },
        },
        placements: {
            type: "array",
            items: { type: "object", object: workloadPlacement },
            required: true,
            description: workloadPlacement.description,
        },
        vmIds: { ...strings, required: true, description: { en: "Ids of the VMs.", fr: "Ids des VM." } },
        vms: { type: "array", items: ref(resourceTokens.virtualMachine), required: true, description: { en: "The VMs.", fr: "Les VM." } },
        disks: {
            type: "array",
            items: ref(resourceTokens.virtualDisk),
            required: true,
            description: { en: "The data disk of each VM.", fr: "Le disque de données de chaque VM." },
        },
        networkAdapters: {
            type: "array",
            items: ref(resourceTokens.networkAdapter),
            required: true,
            description: { en: "The adapter of each VM, with networks.", fr: "La carte de chaque VM, avec networks." },
        },
    },
} as const satisfies ComponentDecl;

export const ruleProtocolEnum = {
    token: "securetemple:network:RuleProtocol",
    description: { en: "Protocol of a rule.", fr: "Protocole d'une règle." },
    values: ["tcp", "udp", "icmp", "all"],
} as const satisfies EnumDecl;

const securityGroupRule = {
    token: "securetemple:network:SecurityGroupRule",
    description: { en: "A rule of a security group.", fr: "Une règle d'un groupe de sécurité." },
    properties: {
        protocol: { type: "enum", enum: ruleProtocolEnum, required: true, description: ruleProtocolEnum.description },
        fromPort: { type: "integer", description: { en: "First port (TCP/UDP).", fr: "Premier port (TCP/UDP)." } },
        toPort: { type: "integer", description: { en: "Last port; default fromPort.", fr: "Dernier port ; par défaut fromPort." } },
        cidrs: {
            ...strings,
            required: true,
            description: { en: "Sources (ingress) or destinations (egress).", fr: "Sources (entrée) ou destinations (sortie)." },
        },
        description: { ...text, description: { en: "What the rule is for.", fr: "À quoi sert la règle." } },
        exception: {
            type: "object",
            object: reason,
            convention: "8.1",
            description: { en: "Allows a rule the convention advises against.", fr: "Autorise une règle que la convention déconseille." },
        },
    },
} as const satisfies ObjectDecl;

const normalisedRule = {
    token: "securetemple:network:NormalisedRule",
    description: {
        en: "A rule after validation: CIDRs canonical, port range explicit.",
        fr: "Une règle validée : CIDR canoniques, plage de ports explicite.",
    },
    properties: {
        ...securityGroupRule.properties,
        fromPort: { type: "integer", required: true, description: { en: "First port.", fr: "Premier port." } },
        toPort: { type: "integer", required: true, description: { en: "Last port.", fr: "Dernier port." } },
    },
} as const satisfies ObjectDecl;

const ruleException = {
    token: "securetemple:network:RuleException",
    description: { en: "A rule kept despite the convention.", fr: "Une règle gardée malgré la convention." },
    properties: {
        direction: { ...text, required: true, description: { en: '"ingress" or "egress".', fr: "« ingress » ou « egress »." } },
        index: { type: "integer", required: true, description: { en: "Position of the rule.", fr: "Position de la règle." } },
        reason: { ...text, required: true, description: { en: "Why it is kept.", fr: "Pourquoi elle est gardée." } },
    },
} as const satisfies ObjectDecl;

export const securityGroup = {
    token: componentTokens.securityGroup,
    description: {
        en: "Declared network rules checked against the convention's remarks; closed by default.",
        fr: "Des règles réseau déclarées, vérifiées face aux remarques de la convention ; fermé par défaut.",
    },
    convention: "8.1",
    inputs: {
        description: { ...text, plain: true, description: { en: "What the group is for.", fr: "À quoi sert le groupe." } },
        ingress: {
            type: "array",
            items: { type: "object", object: securityGroupRule },
            plain: true,
            description: { en: "Incoming rules.", fr: "Règles entrantes." },
        },
        egress: {
            type: "array",
            items: { type: "object", object: securityGroupRule },
            plain: true,
            description: { en: "Outgoing rules.", fr: "Règles sortantes." },
        },
    },
    outputs: {
        ingress: {
            type: "array",
            items: { type: "object", object: normalisedRule },
            required: true,
            description: { en: "Incoming rules, validated.", fr: "Règles entrantes, validées." },
        },
        egress: {
            type: "array",
            items: { type: "object", object: normalisedRule },
            required: true,
            description: { en: "Outgoing rules, validated.", fr: "Règles sortantes, validées." },
        },
        exceptions: {
            type: "array",
            items: { type: "object", object: ruleException },
            required: true,
            description: ruleException.description,
        },
    },
} as const satisfies ComponentDecl;

export const vaultAccessTypeEnum = {
    token: "securetemple:objectstorage:BackupVaultAccessType",
    description: {
        en: '"private" (the tenant\'s own addresses) or "custom" (the whitelist); never public.',
        fr: "« private » (les adresses du tenant) ou « custom » (la liste blanche) ; jamais public.",
    },
    values: ["private", "custom"],
} as const satisfies EnumDecl;

const accountName = {
    token: "securetemple:objectstorage:AccountName",
    description: { en: "A storage account to create.", fr: "Un compte de stockage à créer." },
    properties: { name: { ...text, required: true, description: { en: "Account name.", fr: "Nom du compte." } } },
} as const satisfies ObjectDecl;

export const backupVault = {
    token: componentTokens.backupVault,
    description: {
        en: "A bucket for backups: versioned, never public, non-current versions expired, tagged purpose: backup, with an optional read-only storage account.",
        fr: "Un bucket de sauvegardes : versionné, jamais public, versions non courantes expirées, étiqueté purpose: backup, avec un compte de stockage en lecture seule optionnel.",
    },
    convention: "8.4",
    inputs: {
        bucketName: {
            ...text,
            plain: true,
            description: { en: "Bucket name; default the component name.", fr: "Nom du bucket ; par défaut le nom du composant." },
        },
        accessType: { type: "enum", enum: vaultAccessTypeEnum, plain: true, description: vaultAccessTypeEnum.description },
        whitelist: { ...strings, plain: true, description: { en: 'CIDRs allowed with "custom".', fr: "CIDR autorisés avec « custom »." } },
        noncurrentVersionExpirationDays: {
            type: "integer",
            plain: true,
            description: {
                en: "Days before a non-current version is deleted. Default 30.",
                fr: "Jours avant la suppression d'une version non courante. Par défaut 30.",
            },
        },
        readOnlyAccount: {
            type: "object",
            object: accountName,
            plain: true,
            description: {
                en: "Also creates a storage account with the read_only role.",
                fr: "Crée aussi un compte de stockage avec le rôle read_only.",
            },
        },
        forceDestroy: {
            type: "boolean",
            plain: true,
            description: {
                en: "Lets `pulumi destroy` empty the bucket (every object and version) before deleting it. Default false: a vault that holds backups is not deleted.",
                fr: "Permet à `pulumi destroy` de vider le bucket (tous les objets et versions) avant de le supprimer. Par défaut false : un coffre qui contient des sauvegardes n'est pas supprimé.",
            },
        },
        tags: { ...tags, plain: true },
    },
    outputs: {
        bucketName: { ...text, required: true, description: { en: "Name of the bucket.", fr: "Nom du bucket." } },
        bucket: { ...ref(resourceTokens.bucket), required: true, description: { en: "The bucket.", fr: "Le bucket." } },
        readOnlyAccount: {
            ...ref(resourceTokens.storageAccount),
            description: {
                en: "The read-only account (its secret key is a secret).",
                fr: "Le compte en lecture seule (sa clé secrète est un secret).",
            },
        },
    },
} as const satisfies ComponentDecl;

export const componentDecls = [tenant, cluster, lun, backupPolicy, workload, securityGroup, backupVault] as const;
