// The type tokens of every resource, component and function of the package. Policies match on
// these strings, so they live in one module with no dependencies that anything can import.

export const resourceTokens = {
    virtualMachine: "securetemple:compute:VirtualMachine",
    virtualDisk: "securetemple:compute:VirtualDisk",
    networkAdapter: "securetemple:compute:NetworkAdapter",
    bucket: "securetemple:objectstorage:Bucket",
    storageAccount: "securetemple:objectstorage:StorageAccount",
} as const;

export const componentTokens = {
    tenant: "securetemple:index:Tenant",
    cluster: "securetemple:compute:Cluster",
    lun: "securetemple:storage:Lun",
    backupPolicy: "securetemple:backup:Policy",
    workload: "securetemple:compute:Workload",
    securityGroup: "securetemple:network:SecurityGroup",
    backupVault: "securetemple:objectstorage:BackupVault",
} as const;

export const functionTokens = {
    getTenant: "securetemple:index:getTenant",
    getAvailabilityZones: "securetemple:index:getAvailabilityZones",
    getHostCluster: "securetemple:compute:getHostCluster",
    getDatastore: "securetemple:compute:getDatastore",
    getNetwork: "securetemple:compute:getNetwork",
    getGuestOperatingSystem: "securetemple:compute:getGuestOperatingSystem",
    getContentLibraryItem: "securetemple:compute:getContentLibraryItem",
    getBackupPolicy: "securetemple:backup:getBackupPolicy",
} as const;

/** Name of the provider package, of its plugin (`pulumi-resource-securetemple`) and of its config namespace. */
export const packageName = "securetemple";
