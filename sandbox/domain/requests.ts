// The request shapes of the customer API, once: each is the JSON schema that the HTTP layer
// validates (fastify route schemas) and, through TypeBox, the TypeScript type the domain receives.
// Shape rules live here (types, required fields, enums, static bounds, patterns); rules that depend
// on the tenant's state (capacity, placement, existence) stay in the domain modules. `description`
// and `descriptionFr` say what a field accepts, in the error a bad request gets.
import { Static, TSchema, Type } from "typebox";
import { GiB, MiB } from "./model";

const uuidSource = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/** A UUID as the provider validates it (hashicorp `IsUUID`: 8-4-4-4-12 hexadecimal, any case). */
export const Uuid = Type.String({
    pattern: `^${uuidSource}$`,
    description: "a UUID (8-4-4-4-12 hexadecimal)",
    descriptionFr: "un UUID (8-4-4-4-12 hexadécimal)",
});

/** An optional UUID: Go clients drop empty fields (omitempty), others send "", which means absent. */
export const UuidOrEmpty = Type.String({
    pattern: `^(${uuidSource})?$`,
    description: "a UUID (8-4-4-4-12 hexadecimal)",
    descriptionFr: "un UUID (8-4-4-4-12 hexadécimal)",
});

export const NonEmpty = Type.String({ minLength: 1, description: "a non-empty string", descriptionFr: "une chaîne non vide" });

const int = (minimum: number, maximum: number) =>
    Type.Integer({
        minimum,
        maximum,
        description: `an integer from ${minimum} to ${maximum}`,
        descriptionFr: `un entier de ${minimum} à ${maximum}`,
    });

const Strings = Type.Array(Type.String(), { description: "an array of strings", descriptionFr: "un tableau de chaînes" });

const enumOf = <T extends string>(values: readonly T[]) =>
    Type.Enum(values, { description: values.join(", "), descriptionFr: values.join(", ") });

/** Objects accept fields the sandbox does not model (the real API takes more than it needs here). */
const body = <T extends Record<string, TSchema>>(properties: T) => Type.Object(properties, { additionalProperties: true });

/** A query value: once, or repeated (Go sends slices as `key[]=a&key[]=b`). */
const QueryValue = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));
export const query = <K extends string>(...keys: K[]) =>
    Type.Object(
        Object.fromEntries(
            keys.flatMap((k) => [
                [k, QueryValue],
                [`${k}[]`, QueryValue],
            ]),
        ) as Record<K, typeof QueryValue>,
        { additionalProperties: true },
    );

export const params = <K extends string>(...keys: K[]) =>
    Type.Object(Object.fromEntries(keys.map((k) => [k, Type.String()])) as Record<K, ReturnType<typeof Type.String>>);

// ---- IAM and tags ----------------------------------------------------------------------------

export const TokenExchange = body({ id: NonEmpty, secret: NonEmpty });

export const TagCreate = body({
    key: NonEmpty,
    value: Type.Optional(Type.String()),
    resources: Type.Array(body({ uuid: NonEmpty, type: Type.Optional(Type.String()), source: Type.Optional(Type.String()) }), {
        minItems: 1,
        description: "a non-empty array of {uuid, type, source}",
        descriptionFr: "un tableau non vide de {uuid, type, source}",
    }),
});

// ---- compute ---------------------------------------------------------------------------------

export const diskModes = ["persistent", "independent_nonpersistent", "independent_persistent"] as const;
export const provisioningTypes = ["dynamic", "staticImmediate", "staticDiffered"] as const;
export const adapterTypes = ["VMXNET3", "E1000", "E1000E"] as const;
/** vSphere's VMotionPriority. */
export const relocatePriorities = ["highPriority", "defaultPriority", "lowPriority"] as const;
export const maxDisk = 62 * 1024 * GiB;

const Mac = Type.String({
    pattern: "^(|([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2})$",
    description: "a MAC address such as 00:50:56:aa:bb:cc",
    descriptionFr: "une adresse MAC telle que 00:50:56:aa:bb:cc",
});
const Bytes = Type.Integer({ minimum: 0, description: "a number of bytes (an integer)", descriptionFr: "un nombre d'octets (entier)" });
const Count = Type.Integer({ minimum: 0, description: "a non-negative integer", descriptionFr: "un entier positif ou nul" });

/** Where a VM goes; every field optional here, the domain says which a request needs. */
const placementFields = {
    datacenterId: Type.Optional(UuidOrEmpty),
    hostClusterId: Type.Optional(UuidOrEmpty),
    hostId: Type.Optional(UuidOrEmpty),
    datastoreId: Type.Optional(UuidOrEmpty),
    datastoreClusterId: Type.Optional(UuidOrEmpty),
};
export const Placement = body(placementFields);
export type Placement = Static<typeof Placement>;

export const VmCreate = body({
    ...placementFields,
    datacenterId: Uuid,
    hostClusterId: Uuid,
    name: NonEmpty,
    memory: Type.Optional(Bytes),
    cpu: Type.Optional(Count),
    guestOperatingSystemMoref: NonEmpty,
});
export type VmCreate = Static<typeof VmCreate>;

export const VmClone = body({ ...placementFields, name: NonEmpty, powerOn: Type.Optional(Type.Boolean()) });
export type VmClone = Static<typeof VmClone>;

export const NetworkMapping = body({ networkAdapterId: Type.Optional(Type.String()), networkId: Uuid });

export const LibraryDeploy = body({
    ...placementFields,
    contentLibraryItemId: Uuid,
    name: NonEmpty,
    powerOn: Type.Optional(Type.Boolean()),
    disksProvisioningType: Type.Optional(Type.Union([enumOf(provisioningTypes), Type.Literal("")])),
    networkData: Type.Optional(Type.Array(NetworkMapping)),
});
export type LibraryDeploy = Static<typeof LibraryDeploy>;

export const BootOptions = body({
    firmware: Type.Optional(enumOf(["bios", "efi"] as const)),
    bootDelay: Type.Optional(int(0, 65535)),
    enterBIOSSetup: Type.Optional(Type.Boolean()),
    bootRetryEnabled: Type.Optional(Type.Boolean()),
    bootRetryDelay: Type.Optional(int(0, 3_600_000)),
    efiSecureBootEnabled: Type.Optional(Type.Boolean()),
});

export const VmUpdate = body({
    id: Uuid,
    ram: Type.Optional(Bytes),
    cpu: Type.Optional(Count),
    corePerSocket: Type.Optional(Count),
    memoryReservation: Type.Optional(Bytes),
    hotCpuAdd: Type.Optional(Type.Boolean()),
    hotCpuRemove: Type.Optional(Type.Boolean()),
    hotMemAdd: Type.Optional(Type.Boolean()),
    exposeHardwareVirtualization: Type.Optional(Type.Boolean()),
    bootOptions: Type.Optional(BootOptions),
});
export type VmUpdate = Static<typeof VmUpdate>;

export const VmRename = body({ id: Uuid, name: NonEmpty });
export const VmGuest = body({ guestOperatingSystemMoref: NonEmpty });
export const VmPower = body({
    id: Uuid,
    powerAction: enumOf(["on", "off"] as const),
    datacenterId: Type.Optional(UuidOrEmpty),
    forceEnterBIOS: Type.Optional(Type.Boolean()),
});
export type VmPower = Static<typeof VmPower>;

export const VmRelocate = body({
    virtualMachines: Type.Array(Uuid, {
        minItems: 1,
        description: "a non-empty array of virtual machine ids",
        descriptionFr: "un tableau non vide d'identifiants de machines virtuelles",
    }),
    priority: Type.Optional(enumOf(relocatePriorities)),
    ...placementFields,
    networkData: Type.Optional(Type.Array(body({ networkAdapterId: Uuid, networkId: Uuid }))),
    diskPlacements: Type.Optional(
        Type.Array(
            body({
                virtualDiskId: Uuid,
                virtualMachineId: Type.Optional(UuidOrEmpty),
                datastoreId: Type.Optional(UuidOrEmpty),
                datastoreClusterId: Type.Optional(UuidOrEmpty),
            }),
        ),
    ),
});
export type VmRelocate = Static<typeof VmRelocate>;

export const DiskCreate = body({
    virtualMachineId: Uuid,
    capacity: int(MiB, maxDisk),
    diskMode: enumOf(diskModes),
    provisioningType: enumOf(provisioningTypes),
    datastoreId: Type.Optional(UuidOrEmpty),
    datastoreClusterId: Type.Optional(UuidOrEmpty),
    controllerId: Type.Optional(Type.String()),
});
export type DiskCreate = Static<typeof DiskCreate>;

export const DiskUpdate = body({ id: Uuid, newCapacity: Type.Optional(int(MiB, maxDisk)), diskMode: Type.Optional(enumOf(diskModes)) });
export type DiskUpdate = Static<typeof DiskUpdate>;

export const AdapterCreate = body({ virtualMachineId: Uuid, networkId: Uuid, type: enumOf(adapterTypes), macAddress: Type.Optional(Mac) });
export type AdapterCreate = Static<typeof AdapterCreate>;

export const AdapterUpdate = body({
    id: Uuid,
    newNetworkId: Uuid,
    autoConnect: Type.Optional(Type.Boolean()),
    macAddress: Type.Optional(Mac),
});
export type AdapterUpdate = Static<typeof AdapterUpdate>;

export const AdapterConnect = body({ id: Uuid });

// ---- backup ----------------------------------------------------------------------------------

export const AssignVm = body({
    virtualMachineIds: Type.Array(Type.String(), {
        minItems: 1,
        description: "a non-empty array of virtual machine ids",
        descriptionFr: "un tableau non vide d'identifiants de machines virtuelles",
    }),
    slaPolicies: Strings,
});
export type AssignVm = Static<typeof AssignVm>;

export const AssignDisk = body({ virtualDiskId: Uuid, slaPolicies: Strings });
export type AssignDisk = Static<typeof AssignDisk>;

export const RunJob = body({ jobId: NonEmpty, policyId: Type.Optional(Type.String()) });

// ---- object storage --------------------------------------------------------------------------

export const accessTypes = ["private", "public", "custom"] as const;

/** The API accepts 1-255 of [a-zA-Z0-9_-]; buckets here are S3 buckets, so S3's naming rules apply too. */
const BucketName = Type.String({
    pattern: "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$",
    description: "3 to 63 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit",
    descriptionFr: "3 à 63 caractères : minuscules, chiffres et tirets, commençant et finissant par une lettre ou un chiffre",
});

export const BucketCreate = body({ name: BucketName, accessType: enumOf(accessTypes), whitelist: Type.Optional(Strings) });
export type BucketCreate = Static<typeof BucketCreate>;

export const BucketWhitelist = body({ accessType: enumOf(accessTypes), whitelist: Type.Optional(Strings) });
export type BucketWhitelist = Static<typeof BucketWhitelist>;

export const BucketVersioning = body({ status: enumOf(["Enabled", "Suspended"] as const) });

export const AccountCreate = body({
    name: Type.String({
        pattern: "^[a-zA-Z0-9_-]{1,64}$",
        description: "1 to 64 characters of [a-zA-Z0-9_-]",
        descriptionFr: "1 à 64 caractères parmi [a-zA-Z0-9_-]",
    }),
});

// ---- admin -----------------------------------------------------------------------------------

const Rate = Type.Number({ minimum: 0, maximum: 1, description: "a number from 0 to 1", descriptionFr: "un nombre de 0 à 1" });

export const Faults = body({
    errorRate5xx: Type.Optional(Rate),
    errorRate429: Type.Optional(Rate),
    failActivityAfterCreateRate: Type.Optional(Rate),
    lostWriteResponseRate: Type.Optional(Rate),
    inventoryFromStartRate: Type.Optional(Rate),
    slowActivityMs: Type.Optional(int(0, 3_600_000)),
    pathPattern: Type.Optional(
        Type.String({ description: "a regular expression as a string", descriptionFr: "une expression régulière (chaîne)" }),
    ),
});
export type Faults = Static<typeof Faults>;

export const ActivityLatency = body({ ms: int(0, 3_600_000) });
export const Settings = body({
    rateLimits: Type.Optional(Type.Boolean()),
    dedupe: Type.Optional(Type.Boolean()),
    tokenTtlSeconds: Type.Optional(int(1, 86_400)),
});

const PowerState = enumOf(["running", "stopped"] as const);

export const OutOfBandVm = body({
    ...placementFields,
    datacenterId: Uuid,
    hostClusterId: Uuid,
    name: NonEmpty,
    memory: Type.Optional(Bytes),
    cpu: Type.Optional(Count),
    guestOperatingSystemMoref: Type.Optional(NonEmpty),
    powerState: Type.Optional(PowerState),
    slaPolicies: Type.Optional(Strings),
});
export type OutOfBandVm = Static<typeof OutOfBandVm>;

export const Drift = body({
    memory: Type.Optional(int(128 * MiB, 64 * 1024 * GiB)),
    cpu: Type.Optional(int(1, 1024)),
    name: Type.Optional(NonEmpty),
    powerState: Type.Optional(PowerState),
});
export type Drift = Static<typeof Drift>;

export const PolicyStatus = body({ status: enumOf(["ACTIVE", "HELD"] as const) });
export const AuthorizedIps = body({ cidrs: Strings });
