// The `objectstorage` module of the package, as Pulumi's Node.js code generator names it.
import { accessTypeEnum, bucketRoleEnum, versioningEnum } from "../schema/objectStorage";
import { vaultAccessTypeEnum } from "../schema/components";
import { enumObject } from "../resources/sdk/declared";

export { Bucket, BucketInputs } from "../resources/sdk/bucket";
export { StorageAccount, StorageAccountInputs } from "../resources/sdk/storageAccount";
export { BackupVault, BackupVaultArgs } from "../components/backupVault";

export const AccessType = enumObject(accessTypeEnum);
export type AccessType = (typeof AccessType)[keyof typeof AccessType];
export const Versioning = enumObject(versioningEnum);
export type Versioning = (typeof Versioning)[keyof typeof Versioning];
export const BucketRole = enumObject(bucketRoleEnum);
export type BucketRole = (typeof BucketRole)[keyof typeof BucketRole];
export const BackupVaultAccessType = enumObject(vaultAccessTypeEnum);
export type BackupVaultAccessType = (typeof BackupVaultAccessType)[keyof typeof BackupVaultAccessType];
