// securetemple-backup-no-backup-acknowledged: convention section 7.3.3 lets the tenant associate a
// "no backup" policy with some VMs, at its own risk of permanent data loss. An acknowledged choice
// is legitimate, so it is only surfaced for review.
import { backupPolicyIndex, isNoBackup, vmNoBackupReason } from "../../support/backupMatching";
import { configOf, definePolicy, quoted, report } from "../../support/policy";
import { types, virtualMachineTypes } from "../../support/resourceTypes";
import { stackView } from "../../support/stack";
import { backupConfigSchema, backupDefaults } from "../../support/backupConfig";

export const backupNoBackupAcknowledged = definePolicy(
    {
        name: "securetemple-backup-no-backup-acknowledged",
        sections: ["7.3.3"],
        severity: "medium",
        enforcementLevel: "advisory",
        levelRationale:
            "The convention allows a no-backup choice once it is explicit; the unacknowledged case is mandatory and belongs to securetemple-backup-policy-association.",
        description: {
            fr: "Signale les machines virtuelles et charges de travail qui utilisent la politique nobackup avec un acquittement, pour revue du risque de perte de données.",
            en: "Reports the virtual machines and workloads that use the nobackup policy with an acknowledgement, for a review of the data-loss risk.",
        },
        remediation: {
            fr: "Revoir régulièrement ce choix ; le Prestataire recommande de toujours sauvegarder les machines virtuelles.",
            en: "Review this choice regularly; the provider recommends always backing up virtual machines.",
        },
        appliesTo: [...virtualMachineTypes, types.workload, types.backupPolicy],
        configSchema: backupConfigSchema,
    },
    {
        validateStack: (args, reportViolation) => {
            const config = configOf(args, backupDefaults);
            const view = stackView(args.resources);
            const index = backupPolicyIndex(view);
            for (const vm of view.ofType(...virtualMachineTypes)) {
                const own = vmNoBackupReason(vm);
                for (const p of index.forVirtualMachine(vm, config.vsphereBackupTagCategories).policies) {
                    const reason = typeof own === "string" ? own : p.acknowledgement;
                    if (isNoBackup(p, config.noBackupPolicyNames) && typeof reason === "string") {
                        const q = quoted(vm.name);
                        report(
                            reportViolation,
                            {
                                fr: `La machine virtuelle ${q.fr} n'est pas sauvegardée (politique « ${p.label} ») ; motif acquitté : ${reason}. Une perte de données serait définitive.`,
                                en: `The virtual machine ${q.en} is not backed up ("${p.label}" policy); acknowledged reason: ${reason}. A data loss would be permanent.`,
                            },
                            vm.urn,
                        );
                    }
                }
            }
            for (const workload of view.ofType(types.workload)) {
                for (const p of index.forWorkload(workload).policies) {
                    if (isNoBackup(p, config.noBackupPolicyNames) && typeof p.acknowledgement === "string") {
                        const q = quoted(workload.name);
                        report(
                            reportViolation,
                            {
                                fr: `La charge de travail ${q.fr} n'est pas sauvegardée (politique « ${p.label} ») ; motif acquitté : ${p.acknowledgement}. Une perte de données serait définitive.`,
                                en: `The workload ${q.en} is not backed up ("${p.label}" policy); acknowledged reason: ${p.acknowledgement}. A data loss would be permanent.`,
                            },
                            workload.urn,
                        );
                    }
                }
            }
        },
    },
);
