// The backup-policy facts and sentences the components and the provider share: the policy that
// keeps no copy, and why choosing it or a suspended policy is refused. One text, wherever a
// program meets the rule (the BackupPolicy component, a raw VirtualMachine at `check`).
import type { Bilingual } from "./errors";

/** The name of the tenant's policy that keeps no copy (convention 7.3.3). */
export const noBackupPolicyName = "nobackup";

/** Whether a policy name is the one that keeps no copy (the API's names are compared case-insensitively). */
export function isNoBackupPolicyName(name: string): boolean {
    return name.trim().toLowerCase() === noBackupPolicyName;
}

/**
 * Why "nobackup" needs a written reason; `requirement` is what the caller's program must give
 * (`noBackupAcknowledgement: { reason }` on the component, `noBackupReason` on a VM).
 */
export function noBackupNeedsReason(requirement: string): Bilingual {
    return {
        fr: `la politique « nobackup » expose à une perte de données définitive (convention 7.3.3) ; la choisir exige ${requirement}.`,
        en: `the "nobackup" policy exposes to permanent data loss (convention 7.3.3); choosing it requires ${requirement}.`,
    };
}

/** Why a HELD (suspended) policy is refused. */
export function heldPolicyRefused(policyName: string): Bilingual {
    return {
        fr: `la politique « ${policyName} » est suspendue (HELD) : elle ne peut pas être assignée et empêche le démarrage des VM.`,
        en: `policy "${policyName}" is HELD: it cannot be assigned and stops VMs from starting.`,
    };
}
