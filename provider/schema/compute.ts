// The compute resources: virtual machines, their extra disks and their network adapters.
// Names follow the real API and the public Terraform provider; sizes are bytes, as on the wire.
import { resourceTokens } from "../resources/tokens";
import { availabilityZoneEnum, mib, tags, uuid } from "./common";
import { vmNameMaxLength, vmNamePattern } from "./names";
import type { EnumDecl, ResourceDecl } from "./types";

export const powerStateEnum = {
    token: "securetemple:compute:PowerState",
    description: { en: "Whether the virtual machine runs.", fr: "Si la machine virtuelle tourne." },
    values: ["on", "off"],
} as const satisfies EnumDecl;

export const provisioningTypeEnum = {
    token: "securetemple:compute:ProvisioningType",
    description: { en: "How the disk's space is allocated.", fr: "Comment l'espace du disque est alloué." },
    values: ["dynamic", "staticImmediate", "staticDiffered"],
} as const satisfies EnumDecl;

export const diskModeEnum = {
    token: "securetemple:compute:DiskMode",
    description: { en: "Whether the disk is part of the VM's snapshots.", fr: "Si le disque fait partie des instantanés de la VM." },
    values: ["persistent", "independent_nonpersistent", "independent_persistent"],
} as const satisfies EnumDecl;

export const adapterTypeEnum = {
    token: "securetemple:compute:AdapterType",
    description: { en: "The emulated network card.", fr: "La carte réseau émulée." },
    values: ["VMXNET3", "E1000", "E1000E"],
} as const satisfies EnumDecl;

/** The properties that say where a VM comes from: exactly one is given. */
export const vmSources = ["guestOperatingSystemMoref", "contentLibraryItemId", "cloneFromVirtualMachineId"] as const;

export const virtualMachine = {
    token: resourceTokens.virtualMachine,
    description: {
        en: 'A VMware virtual machine. Its backup policies are assigned before it is powered on, and a VM without one only runs when powerState is "off".',
        fr: "Une machine virtuelle VMware. Ses politiques de sauvegarde sont assignées avant son démarrage, et une VM sans politique ne tourne que si powerState vaut « off ».",
    },
    convention: "8.5, 9.5",
    properties: {
        name: {
            type: "string",
            maxLength: vmNameMaxLength,
            pattern: vmNamePattern,
            required: true,
            replaceOnChange: true,
            unique: true,
            description: {
                en: "Name of the VM, unique in the tenant; after an interrupted create, the VM is found again by this name.",
                fr: "Nom de la VM, unique dans le tenant ; après une création interrompue, la VM est retrouvée par ce nom.",
            },
        },
        // A new datacenter is a new AZ: each AZ is its own vCenter, and the API's relocate names no
        // other vCenter (no cross-vCenter vMotion), so the VM is made again in the other AZ.
        datacenterId: {
            ...uuid,
            required: true,
            replaceOnChange: true,
            unique: true,
            description: {
                en: "Id of the virtual datacenter (see getHostCluster's datacenterId): its AZ. A change replaces the VM, since a VM cannot move to another AZ's vCenter.",
                fr: "Id du datacenter virtuel (voir datacenterId de getHostCluster) : sa zone. Un changement remplace la VM, qui ne peut pas passer au vCenter d'une autre zone.",
            },
        },
        // Within the datacenter, a new cluster or datastore is a move in place (relocate: vMotion,
        // Storage vMotion), the VM keeping its id, disks, adapters, backups and, if running, its uptime.
        hostClusterId: {
            ...uuid,
            required: true,
            description: {
                en: "Id of the host cluster the VM runs on (getHostCluster), in its datacenter; a change moves the VM in place (relocate).",
                fr: "Id du cluster d'hôtes où tourne la VM (getHostCluster), dans son datacenter ; un changement déplace la VM sur place (relocate).",
            },
        },
        datastoreId: {
            ...uuid,
            required: true,
            description: {
                en: "Id of the datastore (SAN LUN) holding the VM (getDatastore); a change moves the VM and the disks on its datastore in place (relocate).",
                fr: "Id du datastore (LUN SAN) qui porte la VM (getDatastore) ; un changement déplace sur place la VM et les disques de son datastore (relocate).",
            },
        },
        availabilityZone: {
            type: "enum",
            enum: availabilityZoneEnum,
            computed: true,
            optional: true,
            description: {
                en: "The AZ the caller expects; creating the VM fails when the host cluster is in another one. As an output: the AZ of the host cluster.",
                fr: "La zone attendue ; la création échoue si le cluster d'hôtes est dans une autre. En sortie : la zone du cluster d'hôtes.",
            },
        },
        memory: {
            type: "integer",
            min: 128 * mib,
            multipleOf: { value: mib, text: { fr: "1 Mio (1048576 octets)", en: "1 MiB (1048576 bytes)" } },
            required: true,
            description: { en: "Memory in bytes, a whole number of MiB.", fr: "Mémoire en octets, un nombre entier de Mio." },
        },
        cpu: {
            type: "integer",
            min: 1,
            max: 768,
            required: true,
            description: { en: "Number of virtual CPUs.", fr: "Nombre de processeurs virtuels." },
        },
        numCoresPerSocket: {
            type: "integer",
            min: 1,
            max: 768,
            computed: true,
            optional: true,
            description: { en: "Cores per socket; cpu must be a multiple of it.", fr: "Cœurs par socket ; cpu doit en être un multiple." },
        },
        guestOperatingSystemMoref: {
            type: "string",
            replaceOnChange: true,
            description: {
                en: 'Guest OS of a VM made from scratch, e.g. "ubuntu64Guest". Exactly one of guestOperatingSystemMoref, contentLibraryItemId and cloneFromVirtualMachineId.',
                fr: "Système invité d'une VM créée de zéro, p. ex. « ubuntu64Guest ». Exactement une source parmi guestOperatingSystemMoref, contentLibraryItemId et cloneFromVirtualMachineId.",
            },
        },
        contentLibraryItemId: {
            ...uuid,
            replaceOnChange: true,
            description: {
                en: "Content library item the VM is deployed from (getContentLibraryItem).",
                fr: "Élément de bibliothèque de contenu dont la VM est déployée (getContentLibraryItem).",
            },
        },
        cloneFromVirtualMachineId: {
            ...uuid,
            replaceOnChange: true,
            description: { en: "Id of the VM this one is cloned from.", fr: "Id de la VM dont celle-ci est un clone." },
        },
        powerState: {
            type: "enum",
            enum: powerStateEnum,
            default: "on",
            convention: "8.5, 9.5",
            description: {
                en: '"on" or "off"; applied only once the backup policies are assigned.',
                fr: "« on » ou « off » ; appliqué seulement une fois les politiques de sauvegarde assignées.",
            },
        },
        backupPolicies: {
            type: "array",
            items: uuid,
            set: true,
            required: true,
            convention: "8.5, 9.5",
            description: {
                en: 'Ids of the backup policies (getBackupPolicy), the whole set; empty only with powerState "off".',
                fr: "Ids des politiques de sauvegarde (getBackupPolicy), l'ensemble complet ; vide seulement avec powerState « off ».",
            },
        },
        noBackupReason: {
            type: "string",
            convention: "7.3.3",
            description: {
                en: 'Why the VM may lose its data for good, when its policy is "nobackup".',
                fr: "Pourquoi la VM peut perdre ses données définitivement, quand sa politique est « nobackup ».",
            },
        },
        tags,
        moref: {
            type: "string",
            output: true,
            description: { en: "vCenter managed object reference of the VM.", fr: "Référence d'objet géré vCenter de la VM." },
        },
        pendingCreateActivityId: {
            type: "string",
            output: true,
            optional: true,
            description: {
                en: "Set while the create that outlasted its timeout still runs: the next operation waits for this activity.",
                fr: "Présent tant que la création qui a dépassé son délai tourne encore : l'opération suivante attend cette activité.",
            },
        },
    },
} as const satisfies ResourceDecl;

export const virtualDisk = {
    token: resourceTokens.virtualDisk,
    description: {
        en: "An extra disk of a VM; it grows in place and is replaced to shrink.",
        fr: "Un disque supplémentaire d'une VM ; il grandit sur place et est remplacé pour rétrécir.",
    },
    properties: {
        virtualMachineId: {
            ...uuid,
            required: true,
            replaceOnChange: true,
            description: { en: "Id of the VM the disk belongs to.", fr: "Id de la VM qui porte le disque." },
        },
        capacity: {
            type: "integer",
            min: mib,
            required: true,
            description: {
                en: "Capacity in bytes; a smaller value replaces the disk.",
                fr: "Capacité en octets ; une valeur plus petite remplace le disque.",
            },
        },
        datastoreId: {
            ...uuid,
            computed: true,
            optional: true,
            description: {
                en: "Datastore of the disk; by default the VM's. A change moves the disk in place (relocate), keeping its data.",
                fr: "Datastore du disque ; par défaut celui de la VM. Un changement déplace le disque sur place (relocate), avec ses données.",
            },
        },
        provisioningType: {
            type: "enum",
            enum: provisioningTypeEnum,
            default: "dynamic",
            replaceOnChange: true,
            description: { en: "How the disk's space is allocated.", fr: "Comment l'espace du disque est alloué." },
        },
        diskMode: {
            type: "enum",
            enum: diskModeEnum,
            default: "persistent",
            description: {
                en: "Whether the disk is part of the VM's snapshots.",
                fr: "Si le disque fait partie des instantanés de la VM.",
            },
        },
        backupPolicies: {
            type: "array",
            items: uuid,
            set: true,
            description: {
                en: "Backup policies of this disk, when they differ from the VM's.",
                fr: "Politiques de sauvegarde de ce disque, quand elles diffèrent de celles de la VM.",
            },
        },
        name: {
            type: "string",
            output: true,
            description: {
                en: 'The name vCenter gave the disk, e.g. "Hard disk 2".',
                fr: "Le nom que vCenter a donné au disque, p. ex. « Hard disk 2 ».",
            },
        },
    },
} as const satisfies ResourceDecl;

export const networkAdapter = {
    token: resourceTokens.networkAdapter,
    description: {
        en: "A network adapter of a VM on one of the tenant's networks.",
        fr: "Une carte réseau d'une VM sur un des réseaux du tenant.",
    },
    properties: {
        virtualMachineId: {
            ...uuid,
            required: true,
            replaceOnChange: true,
            description: { en: "Id of the VM the adapter belongs to.", fr: "Id de la VM qui porte la carte." },
        },
        networkId: {
            ...uuid,
            required: true,
            description: { en: "Id of the network (getNetwork); changed in place.", fr: "Id du réseau (getNetwork) ; changé sur place." },
        },
        type: {
            type: "enum",
            enum: adapterTypeEnum,
            default: "VMXNET3",
            replaceOnChange: true,
            description: { en: "The emulated network card.", fr: "La carte réseau émulée." },
        },
        macAddress: {
            type: "string",
            pattern: {
                test: /^([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}$/,
                text: { fr: "une adresse MAC aa:bb:cc:dd:ee:ff", en: "a MAC address aa:bb:cc:dd:ee:ff" },
            },
            computed: true,
            optional: true,
            description: {
                en: "MAC address; the service assigns one when absent.",
                fr: "Adresse MAC ; le service en attribue une si elle est absente.",
            },
        },
        // vSphere connects only a running VM's adapters: on a stopped VM, "connected" can only mean
        // "connects at power-on" (the API's autoConnect), as the sandbox and the Terraform provider
        // treat it; read as the live connection, it would differ from the program until power-on.
        connected: {
            type: "boolean",
            default: true,
            description: {
                en: "Whether the adapter is connected while its VM runs; on a stopped VM, whether it connects at power-on.",
                fr: "Si la carte est connectée quand sa VM tourne ; sur une VM arrêtée, si elle se connecte au démarrage.",
            },
        },
        name: {
            type: "string",
            output: true,
            description: { en: "The name vCenter gave the adapter.", fr: "Le nom que vCenter a donné à la carte." },
        },
        macType: {
            type: "string",
            output: true,
            description: {
                en: "How the MAC address was set (assigned or manual).",
                fr: "Comment l'adresse MAC a été fixée (attribuée ou manuelle).",
            },
        },
    },
} as const satisfies ResourceDecl;
