// The input and output shapes of the custom resources and functions, shared by the provider
// (which implements them), the SDK classes, the components and the policy pack (which reads
// them as plain property bags). Names follow the real API (camelCase); sizes in bytes as on the
// wire, except where a field name says otherwise.

/** `securetemple:compute:VirtualMachine` inputs. */
export interface VirtualMachineArgs {
    /** VM name, unique in the tenant; the key used to adopt a VM after an ambiguous create. */
    name: string;
    datacenterId: string;
    hostClusterId: string;
    datastoreId: string;
    /** Optional: the AZ the caller expects (e.g. "AZ05"); checked against the host cluster's AZ. */
    availabilityZone?: string;
    /** Memory in bytes (as the API's `memory`). */
    memory: number;
    cpu: number;
    numCoresPerSocket?: number;
    /** Exactly one source: a guest OS moref (from scratch), a content library item, or a VM to clone. */
    guestOperatingSystemMoref?: string;
    contentLibraryItemId?: string;
    cloneFromVirtualMachineId?: string;
    /** "on" | "off"; applied only after the backup policies are assigned. Default "on". */
    powerState?: "on" | "off";
    /** Backup SLA policy ids, the full desired set (as the assign call takes it). */
    backupPolicies: string[];
    /** When `backupPolicies` holds the `nobackup` policy: why (section 7.3.3). */
    noBackupReason?: string;
    tags?: Record<string, string>;
}

export interface VirtualMachineState extends VirtualMachineArgs {
    id: string;
    moref: string;
    /** The AZ the host cluster is in, as read from the API. */
    availabilityZone: string;
}

/** `securetemple:compute:VirtualDisk` inputs. */
export interface VirtualDiskArgs {
    virtualMachineId: string;
    /** Capacity in bytes. */
    capacity: number;
    datastoreId?: string;
    provisioningType?: "dynamic" | "staticImmediate" | "staticDiffered";
    diskMode?: "persistent" | "independent_nonpersistent" | "independent_persistent";
    backupPolicies?: string[];
}

/** `securetemple:compute:NetworkAdapter` inputs. */
export interface NetworkAdapterArgs {
    virtualMachineId: string;
    networkId: string;
    type?: "VMXNET3" | "E1000" | "E1000E";
    macAddress?: string;
    connected?: boolean;
}

export type BucketAccessType = "private" | "public" | "custom";

export interface BucketLifecycleRule {
    id: string;
    prefix?: string;
    /** Expire non-current versions after this many days. */
    noncurrentVersionExpirationDays?: number;
    /** Expire current objects after this many days. */
    expirationDays?: number;
    abortIncompleteMultipartUploadDays?: number;
}

export interface BucketAclEntry {
    storageAccount: string;
    /** Role name, e.g. "read_only", "maintainer". */
    role: string;
}

/** `securetemple:objectstorage:Bucket` inputs. */
export interface BucketArgs {
    /** 1-255 characters of [a-zA-Z0-9_-], unique; buckets are addressed by name. */
    name: string;
    accessType: BucketAccessType;
    /** CIDRs allowed when accessType is "custom". */
    whitelist?: string[];
    versioning?: "Enabled" | "Suspended";
    aclEntries?: BucketAclEntry[];
    lifecycleRules?: BucketLifecycleRule[];
    /** Empty a non-empty bucket on delete. Off by default: data is never removed silently. */
    forceDestroy?: boolean;
    /** Free-form labels the policy pack reads, e.g. { purpose: "backup" }. */
    tags?: Record<string, string>;
}

/** `securetemple:objectstorage:StorageAccount` inputs; outputs add `accessKeyId` and the secret `secretAccessKey`. */
export interface StorageAccountArgs {
    name: string;
}

/** Result of `securetemple:backup:getBackupPolicy` (and the elements of the policy list). */
export interface BackupPolicyInfo {
    id: string;
    name: string;
    /** Site where the copies are kept, e.g. "PAR7S"; with `availabilityZone` the matching AZ. */
    site: string;
    availabilityZone: string;
    /** "ACTIVE" | "HELD" (HELD policies cannot be assigned). */
    status: string;
}

export interface HostClusterInfo {
    id: string;
    name: string;
    availabilityZone: string;
    bladeModel: string;
    hostCount: number;
    datacenterId: string;
    /** Bytes. */
    totalMemory: number;
    freeMemory: number;
}

export interface DatastoreInfo {
    id: string;
    name: string;
    availabilityZone: string;
    tier: string;
    /** Bytes. */
    capacity: number;
    freeCapacity: number;
    datacenterId: string;
}

/** Result of `securetemple:index:getTenant`. */
export interface TenantInfo {
    id: string;
    name: string;
    /** True for a SecNumCloud tenant. */
    snc: boolean;
    companyId: string;
}

/** Result of `securetemple:index:getAvailabilityZones`. */
export interface AvailabilityZonesInfo {
    /** AZ names the tenant has, e.g. ["AZ05", "AZ06"]. */
    names: string[];
    zones: { name: string; datacenterId: string; datacenterName: string }[];
}

/** Result of `securetemple:compute:getNetwork`. */
export interface NetworkInfo {
    id: string;
    name: string;
    moref: string;
}

/** Result of `securetemple:compute:getGuestOperatingSystem`. */
export interface GuestOperatingSystemInfo {
    moref: string;
    family: string;
    fullName: string;
}

/** Result of `securetemple:compute:getContentLibraryItem`. */
export interface ContentLibraryItemInfo {
    id: string;
    name: string;
    contentLibraryId: string;
    contentLibraryName: string;
    type: string;
}

/** `securetemple:objectstorage:StorageAccount` outputs besides the name; `secretAccessKey` is a secret. */
export interface StorageAccountState extends StorageAccountArgs {
    accessKeyId: string;
    secretAccessKey: string;
    arn: string;
    createDate: string;
}
