// The records the sandbox keeps in its store. They hold what the real platform knows about each
// object; routes turn them into the wire shapes of the customer API (see views.ts).

export type AvailabilityZone = "AZ05" | "AZ06" | "AZ07";
export type Site = "PAR7S" | "TH3S" | "DATA4";

export const siteOfZone: Record<AvailabilityZone, Site> = { AZ05: "PAR7S", AZ06: "TH3S", AZ07: "DATA4" };

/** Blade models of the catalogue: RAM per blade and hardware threads (DOCS iaas_vmware/concepts.md). */
export const bladeModels: Record<string, { memoryGiB: number; threads: number; sku: string }> = {
    ECO_V3: { memoryGiB: 384, threads: 40, sku: "csp:fr1:iaas:vmware:eco:v3" },
    STANDARD_V3: { memoryGiB: 384, threads: 64, sku: "csp:fr1:iaas:vmware:standard:v3" },
    ADVANCE_V3: { memoryGiB: 768, threads: 96, sku: "csp:fr1:iaas:vmware:advance:v3" },
    PERF1_V3: { memoryGiB: 384, threads: 32, sku: "csp:fr1:iaas:vmware:perf1:v3" },
    PERF2_V3: { memoryGiB: 768, threads: 72, sku: "csp:fr1:iaas:vmware:perf2:v3" },
    PERF3_V3: { memoryGiB: 1536, threads: 112, sku: "csp:fr1:iaas:vmware:perf3:v3" },
    PERF4_V3: { memoryGiB: 512, threads: 64, sku: "csp:fr1:iaas:vmware:perf4:v3" },
};

export const storageTiers = ["ESSENTIAL", "STANDARD", "PREMIUM", "ENTERPRISE", "ULTRA", "MASS_STORAGE"] as const;
export type StorageTier = (typeof storageTiers)[number];

export interface Tenant {
    id: string;
    name: string;
    snc: boolean;
    companyId: string;
    companyName: string;
    userId: string;
    region: string;
}

export interface MachineManager {
    id: string;
    name: string;
    availabilityZone: AvailabilityZone;
}

export interface Datacenter {
    id: string;
    name: string;
    machineManagerId: string;
    availabilityZone: AvailabilityZone;
}

export interface HostCluster {
    id: string;
    name: string;
    moref: string;
    datacenterId: string;
    machineManagerId: string;
    availabilityZone: AvailabilityZone;
    bladeModel: string;
    hostIds: string[];
}

export interface Host {
    id: string;
    name: string;
    moref: string;
    hostClusterId: string;
    datacenterId: string;
    machineManagerId: string;
}

export interface Datastore {
    id: string;
    name: string;
    moref: string;
    datacenterId: string;
    machineManagerId: string;
    availabilityZone: AvailabilityZone;
    tier: StorageTier;
    maxCapacity: number;
    datastoreClusterId?: string;
    hostClusterIds: string[];
}

export interface DatastoreCluster {
    id: string;
    name: string;
    moref: string;
    datacenterId: string;
    machineManagerId: string;
    datastoreIds: string[];
}

export interface Network {
    id: string;
    name: string;
    moref: string;
    datacenterId: string;
    machineManagerId: string;
    vlanId: number;
    hostClusterIds: string[];
}

export interface GuestOs {
    /** The moref is the id. */
    id: string;
    name?: string;
    family: string;
    fullName: string;
}

export interface ContentLibrary {
    id: string;
    name: string;
    machineManagerId: string;
    datastoreId: string;
}

export interface ContentLibraryItem {
    id: string;
    name: string;
    contentLibraryId: string;
    description: string;
    type: string;
    size: number;
    guestOperatingSystemMoref: string;
    creationTime: string;
    /** Network adapters of the OVF (1 when absent). */
    networkAdapters?: number;
}

export interface BackupPolicy {
    id: string;
    name: string;
    status: "ACTIVE" | "HELD";
    /** Site where the copies are kept; absent for `nobackup`, which keeps none. */
    site?: Site;
    frequency: "DAILY" | "WEEKLY" | "NONE";
    retentionDays: number;
}

export interface BackupJob {
    id: string;
    name: string;
    displayName: string;
    type: string;
    policyId: string;
}

export interface VirtualMachine {
    id: string;
    name: string;
    moref: string;
    datacenterId: string;
    hostClusterId: string;
    hostId: string;
    datastoreId: string;
    datastoreClusterId?: string;
    memory: number;
    memoryReservation: number;
    cpu: number;
    numCoresPerSocket: number;
    guestOperatingSystemMoref: string;
    powerState: "running" | "stopped";
    cpuHotAddEnabled: boolean;
    cpuHotRemoveEnabled: boolean;
    memoryHotAddEnabled: boolean;
    exposeHardwareVirtualization: boolean;
    bootOptions: {
        firmware: string;
        bootDelay: number;
        enterBIOSSetup: boolean;
        bootRetryEnabled: boolean;
        bootRetryDelay: number;
        efiSecureBootEnabled: boolean;
    };
    policyIds: string[];
    /** Seen by the backup inventory job ("Hypervisor Inventory"); the backup API knows it only then. */
    inventoried: boolean;
    createdAt: string;
}

export interface VirtualDisk {
    id: string;
    name: string;
    virtualMachineId: string;
    datastoreId: string;
    capacity: number;
    diskMode: string;
    provisioningType: string;
    diskUnitNumber: number;
    controllerId: string;
    policyIds: string[];
    inventoried: boolean;
}

export interface NetworkAdapter {
    id: string;
    name: string;
    virtualMachineId: string;
    networkId: string;
    type: string;
    macType: "MANUAL" | "GENERATED";
    macAddress: string;
    connected: boolean;
    autoConnect: boolean;
}

export interface Bucket {
    id: string;
    name: string;
    accessType: "private" | "public" | "custom";
    whitelist: string[];
    createDate: string;
}

export interface StorageAccount {
    id: string;
    name: string;
    accessKeyId: string;
    createDate: string;
    /** Its MinIO policy (one per account, made of its grants) is attached to its MinIO user. */
    policyAttached?: boolean;
}

export interface Grant {
    /** bucket/role/storageAccount, as the Terraform ACL entry id. */
    id: string;
    bucket: string;
    role: string;
    storageAccount: string;
}

export interface Role {
    id: string;
    name: string;
    description: string;
    permissions: string[];
}

export interface Tag {
    /** resource/key */
    id: string;
    resource: string;
    key: string;
    value: string;
}

export interface AuthorizedIp {
    id: string;
    name?: string;
    cidr: string;
    description: string;
}

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;
