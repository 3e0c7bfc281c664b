// The input and output shapes of the custom resources and functions, shared by the provider
// (which implements them), the SDK classes, the components and the policy pack (which reads
// them as plain property bags). Each is derived from the declaration in provider/schema, where
// the properties, their types, what is required and what replaces are written once.
import type { functionDecls } from "../schema/functions";
import type { accessTypeEnum, aclEntry, bucket, lifecycleRule, storageAccount } from "../schema/objectStorage";
import type { networkAdapter, virtualDisk, virtualMachine } from "../schema/compute";
import type * as fn from "../schema/functions";
import type { ArgsOf, FunctionResultOf, PlainObject, StateOf, ValueOf } from "../schema/types";

/** `securetemple:compute:VirtualMachine` inputs. */
export type VirtualMachineArgs = ArgsOf<typeof virtualMachine>;
/** `securetemple:compute:VirtualMachine` outputs. */
export type VirtualMachineState = StateOf<typeof virtualMachine> & { id: string };

/** `securetemple:compute:VirtualDisk` inputs. */
export type VirtualDiskArgs = ArgsOf<typeof virtualDisk>;
export type VirtualDiskState = StateOf<typeof virtualDisk> & { id: string };

/** `securetemple:compute:NetworkAdapter` inputs. */
export type NetworkAdapterArgs = ArgsOf<typeof networkAdapter>;
export type NetworkAdapterState = StateOf<typeof networkAdapter> & { id: string };

export type BucketAccessType = ValueOf<{ type: "enum"; enum: typeof accessTypeEnum }>;
export type BucketLifecycleRule = PlainObject<(typeof lifecycleRule)["properties"]>;
export type BucketAclEntry = PlainObject<(typeof aclEntry)["properties"]>;

/** `securetemple:objectstorage:Bucket` inputs. */
export type BucketArgs = ArgsOf<typeof bucket>;
export type BucketState = StateOf<typeof bucket> & { id: string };

/** `securetemple:objectstorage:StorageAccount` inputs; outputs add `accessKeyId` and the secret `secretAccessKey`. */
export type StorageAccountArgs = ArgsOf<typeof storageAccount>;
/** `securetemple:objectstorage:StorageAccount` outputs besides the name; `secretAccessKey` is a secret. */
export type StorageAccountState = StateOf<typeof storageAccount>;

/** Result of `securetemple:backup:getBackupPolicy`. */
export type BackupPolicyInfo = FunctionResultOf<typeof fn.getBackupPolicy>;
/** Result of `securetemple:compute:getHostCluster`. */
export type HostClusterInfo = FunctionResultOf<typeof fn.getHostCluster>;
/** Result of `securetemple:compute:getDatastore`. */
export type DatastoreInfo = FunctionResultOf<typeof fn.getDatastore>;
/** Result of `securetemple:index:getTenant`. */
export type TenantInfo = FunctionResultOf<typeof fn.getTenant>;
/** Result of `securetemple:index:getAvailabilityZones`. */
export type AvailabilityZonesInfo = FunctionResultOf<typeof fn.getAvailabilityZones>;
/** Result of `securetemple:compute:getNetwork`. */
export type NetworkInfo = FunctionResultOf<typeof fn.getNetwork>;
/** Result of `securetemple:compute:getGuestOperatingSystem`. */
export type GuestOperatingSystemInfo = FunctionResultOf<typeof fn.getGuestOperatingSystem>;
/** Result of `securetemple:compute:getContentLibraryItem`. */
export type ContentLibraryItemInfo = FunctionResultOf<typeof fn.getContentLibraryItem>;

/** The token of any lookup function. */
export type FunctionToken = (typeof functionDecls)[number]["token"];
