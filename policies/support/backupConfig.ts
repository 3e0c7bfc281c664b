// The settings that the backup association policy and the no-backup review share: one schema, so
// that a pipeline configures both alike.
import type { PolicyConfigSchema } from "@pulumi/policy";

export interface BackupConfig {
    /** Names of the "no backup" policy. */
    noBackupPolicyNames: string[];
    /** Accept a powered-off VM without any policy (the console allows removing the last one then). */
    allowPoweredOffWithoutBackup: boolean;
    /** vSphere tag categories whose tags name a backup policy. */
    vsphereBackupTagCategories: string[];
}

export const backupDefaults: BackupConfig = {
    noBackupPolicyNames: ["nobackup"],
    allowPoweredOffWithoutBackup: false,
    vsphereBackupTagCategories: ["backup", "backup-policy", "securetemple-backup"],
};

export const backupConfigSchema: PolicyConfigSchema = {
    properties: {
        noBackupPolicyNames: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: backupDefaults.noBackupPolicyNames,
            description: "Names of the no-backup policy.",
        },
        allowPoweredOffWithoutBackup: { type: "boolean", default: false, description: "Accept powered-off VMs without a backup policy." },
        vsphereBackupTagCategories: {
            type: "array",
            items: { type: "string", minLength: 1 },
            default: backupDefaults.vsphereBackupTagCategories,
            description: "vSphere tag categories holding backup policy tags.",
        },
    },
};
