// securetemple-backup-policy-association: convention sections 9.5 ("each virtual machine cannot
// run without an associated backup policy") and 8.5, with the SecNumCloud rules of the service:
// a policy is assigned before the VM starts, a HELD (suspended) policy is never assigned, and the
// "nobackup" policy is an explicit choice that must be acknowledged (section 7.3.3).
import type { PolicyResource } from "@pulumi/policy";
import { backupConfigSchema, backupDefaults } from "../../support/backupConfig";
import {
    backupPolicyIndex,
    BackupPolicyIndex,
    isHeld,
    isNoBackup,
    lacksAcknowledgement,
    vmNoBackupReason,
} from "../../support/backupMatching";
import { configOf, definePolicy, quoted, report } from "../../support/policy";
import { types, virtualMachineTypes, vmShapes } from "../../support/resourceTypes";
import { propsOf } from "../../support/observed";
import { stackView } from "../../support/stack";
import { plain, readString, readStrings, UNKNOWN } from "../../support/values";

/** "on", "off" or UNKNOWN, with each provider's default when the property is absent. */
export function powerStateOf(type: string, props: Record<string, unknown>): "on" | "off" | typeof UNKNOWN {
    const shape = vmShapes[type];
    if (!shape?.powerProperty) {
        return shape?.defaultPower === "off" ? "off" : "on";
    }
    const v = readString(props, shape.powerProperty);
    if (v === UNKNOWN) {
        return UNKNOWN;
    }
    if (v === undefined) {
        return shape.defaultPower === "unknown" ? UNKNOWN : shape.defaultPower;
    }
    return v.toLowerCase() === "off" ? "off" : "on";
}

function vmLabel(type: string, name: string): { fr: string; en: string } {
    const q = quoted(name);
    const kind =
        type === types.vsphereVm
            ? { fr: "vSphere ", en: "vSphere " }
            : type === types.vm
              ? { fr: "", en: "" }
              : { fr: "Cloud Temple ", en: "Cloud Temple " };
    return { fr: `La machine virtuelle ${kind.fr}${q.fr}`, en: `The ${kind.en}virtual machine ${q.en}` };
}

export const backupPolicyAssociation = definePolicy(
    {
        name: "securetemple-backup-policy-association",
        sections: ["9.5", "8.5", "7.3.3"],
        severity: "critical",
        enforcementLevel: "mandatory",
        levelRationale:
            "A VM without backup is unrecoverable after an incident, and the service refuses to start it; catching it at preview avoids a failed or non-compliant deployment.",
        description: {
            fr: "Vérifie que chaque machine virtuelle, et chaque machine démarrée, a au moins une politique de sauvegarde, qu'aucune politique suspendue (HELD) n'est assignée et que la politique nobackup est justifiée.",
            en: "Checks that every virtual machine, and every powered-on one, has at least one backup policy, that no suspended (HELD) policy is assigned and that the nobackup policy is justified.",
        },
        remediation: {
            fr: "Assigner une politique de sauvegarde active (par exemple sla001-daily-par7s) avant la mise sous tension ; remplacer une politique HELD ; pour nobackup, renseigner noBackupReason ou l'acquittement de la politique.",
            en: "Assign an active backup policy (for example sla001-daily-par7s) before powering on; replace a HELD policy; for nobackup, set noBackupReason or the policy's acknowledgement.",
        },
        appliesTo: [...virtualMachineTypes, types.workload, types.backupPolicy, types.vsphereTag, types.vsphereTagCategory],
        judgedAlone: [...virtualMachineTypes, types.workload],
        configSchema: backupConfigSchema,
    },
    {
        // Single resource: a VM (any provider) or workload whose known assignment is empty.
        validateResource: (args, reportViolation) => {
            const config = configOf(args, backupDefaults);
            const props = plain(args.props);
            if (args.type === types.workload) {
                // A component property that is absent is not known to be empty: only [] is reported.
                const names = readStrings(props, "backupPolicyNames");
                if (names !== UNKNOWN && names !== undefined && names.length === 0) {
                    const who = quoted(args.name);
                    report(reportViolation, {
                        fr: `La charge de travail ${who.fr} ne nomme aucune politique de sauvegarde : ses machines virtuelles ne pourront pas démarrer.`,
                        en: `The workload ${who.en} names no backup policy: its virtual machines cannot be started.`,
                    });
                }
                return;
            }
            const shape = vmShapes[args.type];
            const property = shape.backupProperty ?? "tags";
            const assigned = readStrings(props, property);
            if (assigned === UNKNOWN || (assigned ?? []).length > 0) {
                return;
            }
            const power = powerStateOf(args.type, props);
            const label = vmLabel(args.type, args.name);
            if (args.type === types.vsphereVm) {
                report(reportViolation, {
                    fr: `${label.fr} ne porte aucune étiquette vSphere de politique de sauvegarde (catégories ${config.vsphereBackupTagCategories.join(", ")}).`,
                    en: `${label.en} carries no vSphere backup policy tag (categories ${config.vsphereBackupTagCategories.join(", ")}).`,
                });
            } else if (power === "on") {
                report(reportViolation, {
                    fr: `${label.fr} est mise sous tension sans politique de sauvegarde associée (${property} est vide).`,
                    en: `${label.en} is powered on without an associated backup policy (${property} is empty).`,
                });
            } else if (power === "off" && !config.allowPoweredOffWithoutBackup) {
                report(reportViolation, {
                    fr: `${label.fr} n'a aucune politique de sauvegarde (${property} est vide) ; elle ne pourra pas être démarrée.`,
                    en: `${label.en} has no backup policy (${property} is empty); it cannot be started.`,
                });
            }
        },
        // Cross-resource: HELD policies, unacknowledged nobackup, vSphere tags of the wrong category.
        validateStack: (args, reportViolation) => {
            const config = configOf(args, backupDefaults);
            const view = stackView(args.resources);
            const index = backupPolicyIndex(view);
            const check = (
                subject: PolicyResource,
                label: { fr: string; en: string },
                assignment: ReturnType<BackupPolicyIndex["forWorkload"]>,
                ownReason: string | undefined | typeof UNKNOWN,
            ) => {
                for (const p of assignment.policies) {
                    if (isHeld(p)) {
                        report(
                            reportViolation,
                            {
                                fr: `${label.fr} se voit assigner la politique de sauvegarde « ${p.label} » qui est suspendue (HELD) : une politique HELD empêche le démarrage et n'est pas conforme SecNumCloud.`,
                                en: `${label.en} is assigned the backup policy "${p.label}" which is suspended (HELD): a HELD policy prevents start-up and is not SecNumCloud compliant.`,
                            },
                            subject.urn,
                        );
                    }
                    if (isNoBackup(p, config.noBackupPolicyNames) && lacksAcknowledgement(p, ownReason, index)) {
                        report(
                            reportViolation,
                            {
                                fr: `${label.fr} utilise la politique « ${p.label} » sans acquittement écrit du risque de perte définitive de données.`,
                                en: `${label.en} uses the "${p.label}" policy without a written acknowledgement of the risk of permanent data loss.`,
                            },
                            subject.urn,
                        );
                    }
                }
            };
            for (const vm of view.ofType(...virtualMachineTypes)) {
                const assignment = index.forVirtualMachine(vm, config.vsphereBackupTagCategories);
                const label = vmLabel(vm.type, vm.name);
                check(vm, label, assignment, vmNoBackupReason(vm));
                if (vm.type === types.vsphereVm && !assignment.partial && assignment.policies.length === 0) {
                    const tags = readStrings(propsOf(vm), "tags");
                    // An empty tag list is the resource policy's finding; here: tags, none of a backup category.
                    if (tags !== UNKNOWN && (tags ?? []).length > 0) {
                        report(
                            reportViolation,
                            {
                                fr: `${label.fr} porte des étiquettes vSphere mais aucune d'une catégorie de sauvegarde (${config.vsphereBackupTagCategories.join(", ")}).`,
                                en: `${label.en} carries vSphere tags but none from a backup category (${config.vsphereBackupTagCategories.join(", ")}).`,
                            },
                            vm.urn,
                        );
                    }
                }
            }
            for (const workload of view.ofType(types.workload)) {
                const q = quoted(workload.name);
                check(workload, { fr: `La charge de travail ${q.fr}`, en: `The workload ${q.en}` }, index.forWorkload(workload), undefined);
            }
        },
    },
);
