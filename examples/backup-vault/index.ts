// A backup vault on object storage: a versioned bucket reachable only from the backup servers'
// addresses, whose non-current versions expire after 60 days, with a storage account that can
// only read it (for restore tests). The account's keys are Pulumi secrets.
// In your own project, import from "@securetemple/pulumi" instead of the relative path.
import { BackupVault } from "../../provider";

const vault = new BackupVault("vault", {
    bucketName: "backup-vault",
    accessType: "custom",
    whitelist: ["198.51.100.16/29"],
    noncurrentVersionExpirationDays: 60,
    readOnlyAccount: { name: "restore-tester" },
});

export const bucket = vault.bucketName;
export const versioning = vault.bucket.versioning;
export const readerAccessKeyId = vault.readOnlyAccount?.accessKeyId;
// A secret output of the provider: encrypted in the state, shown only with `--show-secrets`.
export const readerSecretAccessKey = vault.readOnlyAccount?.secretAccessKey;
