// securetemple-backup-off-az-copies: convention sections 7.2.6 and 7.3.3 place backups outside the
// availability zone of the workloads they protect. A policy whose site is the VM's own AZ would
// lose the VM and its copies together.
import { azBySite, isAvailabilityZone } from "../../../provider/catalog";
import { backupPolicyIndex, BackupPolicyRef } from "../../support/backupMatching";
import { definePolicy, quoted, report } from "../../support/policy";
import { propsOf } from "../../support/observed";
import { types } from "../../support/resourceTypes";
import { stackView } from "../../support/stack";
import { isText, plain, read, readString, readStrings, UNKNOWN } from "../../support/values";

/** The AZ a backup site or AZ name designates, upper-cased; undefined when neither. */
function zoneOfSite(value: string): string | undefined {
    const v = value.trim().toUpperCase();
    return isAvailabilityZone(v) ? v : azBySite(v);
}

function zoneOfPolicy(p: BackupPolicyRef): string | undefined {
    return (p.availabilityZone && zoneOfSite(p.availabilityZone)) || (p.site && zoneOfSite(p.site)) || undefined;
}

export const backupOffAzCopies = definePolicy(
    {
        name: "securetemple-backup-off-az-copies",
        sections: ["7.2.6", "7.3.3"],
        severity: "high",
        enforcementLevel: "mandatory",
        levelRationale:
            "A same-AZ backup defeats the purpose of the backup when the AZ is lost, and the data (site and AZ of each policy) is explicit, so there is no guesswork behind a finding.",
        description: {
            fr: "Vérifie que les sauvegardes de chaque machine virtuelle et de chaque réplique sont conservées dans une autre zone de disponibilité que la sienne.",
            en: "Checks that the backups of every virtual machine and every replica are kept in another availability zone than its own.",
        },
        remediation: {
            fr: "Choisir une politique de sauvegarde dont le site est dans une autre zone (par exemple sla001-daily-th3s pour une machine en AZ05).",
            en: "Choose a backup policy whose site is in another zone (for example sla001-daily-th3s for a machine in AZ05).",
        },
        appliesTo: [types.workload, types.vm, types.backupPolicy],
        judgedAlone: [types.workload],
    },
    {
        // Single resource: the workload's own placement list names each replica's backup sites.
        validateResource: (args, reportViolation) => {
            const placement = read(plain(args.props), "placement");
            if (!Array.isArray(placement)) {
                return;
            }
            const who = quoted(args.name);
            for (const replica of placement) {
                const az = readString(replica, "availabilityZone");
                const vmName = readString(replica, "vmName");
                const sites = readStrings(replica, "backupSites");
                if (!isText(az) || sites === UNKNOWN || sites === undefined) {
                    continue;
                }
                const zone = az.trim().toUpperCase();
                const same = sites.filter((s): s is string => s !== UNKNOWN && zoneOfSite(s) === zone);
                if (same.length > 0) {
                    const name = isText(vmName) ? vmName : "?";
                    report(reportViolation, {
                        fr: `La réplique « ${name} » de la charge de travail ${who.fr} est en ${zone} et sauvegardée sur ${same.join(", ")}, dans la même zone.`,
                        en: `The replica "${name}" of the workload ${who.en} runs in ${zone} and is backed up to ${same.join(", ")}, in the same zone.`,
                    });
                }
            }
        },
        // Cross-resource: a VM's known AZ against the policies it is assigned (matched by known
        // policy ids, names and dependencies, never by ids unknown at preview).
        validateStack: (args, reportViolation) => {
            const view = stackView(args.resources);
            const index = backupPolicyIndex(view);
            for (const vm of view.ofType(types.vm)) {
                const az = readString(propsOf(vm), "availabilityZone");
                if (!isText(az)) {
                    continue;
                }
                const zone = az.trim().toUpperCase();
                for (const p of index.forVirtualMachine(vm, []).policies) {
                    if (zoneOfPolicy(p) === zone) {
                        const q = quoted(vm.name);
                        report(
                            reportViolation,
                            {
                                fr: `La machine virtuelle ${q.fr} est en ${zone} et sa politique de sauvegarde « ${p.label} » conserve les copies dans la même zone (site ${p.site ?? zone}).`,
                                en: `The virtual machine ${q.en} runs in ${zone} and its backup policy "${p.label}" keeps the copies in the same zone (site ${p.site ?? zone}).`,
                            },
                            vm.urn,
                        );
                    }
                }
            }
        },
    },
);
