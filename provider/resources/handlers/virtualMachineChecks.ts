// The checks of a VirtualMachine that need the API, made at `check` (so at preview) rather than
// found out by a create that fails at `up`: the backup policies (they exist, none is HELD, and
// "nobackup" comes with noBackupReason), the guest OS, and the host cluster (in the VM's
// datacenter and AZ, its blades large enough for the VM's memory and vCPUs).
import { bladeModels, Bilingual, heldPolicyRefused, isNoBackupPolicyName, noBackupNeedsReason, parseBladeModel } from "../../catalog";
import type { virtualMachine } from "../../schema/compute";
import { gib } from "../../schema/common";
import type { CheckedOf } from "../../schema/types";
import type { KnownInputs } from "./handler";
import { CheckLookups, found } from "./lookups";
import { Props, containsUnknown } from "./properties";

type Fail = (property: string, message: Bilingual) => void;

/** How many known values a message lists before "…". */
const listed = 12;

async function checkPolicies(ids: string[], news: Props, fail: Fail, lookups: CheckLookups): Promise<void> {
    const answers = await Promise.all(ids.map((id) => lookups.backupPolicy(id)));
    const reason = news.noBackupReason;
    // A reason unknown at preview (an Output) may well be given: only a known blank one is missing.
    const reasonGiven = containsUnknown(reason) || (typeof reason === "string" && reason.trim() !== "");
    answers.forEach((answer, i) => {
        const path = `backupPolicies[${i}]`;
        if (answer === "absent") {
            fail(path, {
                fr: `« ${path} » vaut "${ids[i]}" : le tenant n'a pas de politique de sauvegarde de cet id (getBackupPolicy les trouve par leur nom)`,
                en: `"${path}" is "${ids[i]}": the tenant has no backup policy of that id (getBackupPolicy finds them by name)`,
            });
            return;
        }
        const policy = found(answer);
        if (!policy) {
            return;
        }
        if (policy.status === "HELD") {
            const held = heldPolicyRefused(policy.name);
            fail(path, { fr: `« ${path} » : ${held.fr}`, en: `"${path}": ${held.en}` });
        }
        if (isNoBackupPolicyName(policy.name) && !reasonGiven) {
            // The same sentence as the BackupPolicy component's, naming what a VM must give.
            fail("noBackupReason", noBackupNeedsReason("noBackupReason"));
        }
    });
}

async function checkGuestOs(moref: string, fail: Fail, lookups: CheckLookups): Promise<void> {
    if ((await lookups.guestOs(moref)) !== "absent") {
        return;
    }
    const morefs = found(await lookups.guestOsMorefs()) ?? [];
    const known = morefs.length > listed ? `${morefs.slice(0, listed).join(", ")}, …` : morefs.join(", ");
    fail("guestOperatingSystemMoref", {
        fr: `« guestOperatingSystemMoref » vaut "${moref}" : système invité inconnu du tenant${known ? ` ; valeurs permises : ${known}` : ""}`,
        en: `"guestOperatingSystemMoref" is "${moref}": a guest OS the tenant does not offer${known ? `; allowed values: ${known}` : ""}`,
    });
}

async function checkHostCluster(known: KnownInputs<typeof virtualMachine>, fail: Fail, lookups: CheckLookups): Promise<void> {
    const id = known.hostClusterId as string;
    const answer = await lookups.hostCluster(id);
    if (answer === "absent") {
        fail("hostClusterId", {
            fr: `« hostClusterId » vaut "${id}" : le tenant n'a pas de cluster d'hôtes de cet id (getHostCluster les trouve par leur nom)`,
            en: `"hostClusterId" is "${id}": the tenant has no host cluster of that id (getHostCluster finds them by name)`,
        });
        return;
    }
    const cluster = found(answer);
    if (!cluster) {
        return;
    }
    const dc = cluster.datacenter;
    if (known.datacenterId && dc?.id && dc.id !== known.datacenterId) {
        const where = dc.name ? `${dc.name} (${dc.id})` : dc.id;
        fail("hostClusterId", {
            fr: `le cluster d'hôtes « ${cluster.name} » est dans le datacenter ${where}, pas dans « datacenterId » (${known.datacenterId}) : donnez le datacenterId de getHostCluster`,
            en: `host cluster "${cluster.name}" is in datacenter ${where}, not in "datacenterId" (${known.datacenterId}): give getHostCluster's datacenterId`,
        });
    }
    if (known.availabilityZone && cluster.availabilityZone && cluster.availabilityZone !== known.availabilityZone) {
        fail("availabilityZone", {
            fr: `« availabilityZone » vaut "${known.availabilityZone}" mais le cluster d'hôtes « ${cluster.name} » est en ${cluster.availabilityZone}`,
            en: `"availabilityZone" is "${known.availabilityZone}" but host cluster "${cluster.name}" is in ${cluster.availabilityZone}`,
        });
    }
    // A VM runs on one blade: its memory and vCPUs must fit one. The blade model is what the
    // catalogue knows of the cluster (the API names it); without it, the create decides.
    const model = cluster.bladeModel ? parseBladeModel(cluster.bladeModel) : undefined;
    if (!model) {
        return;
    }
    const blade = bladeModels[model];
    if (known.memory !== undefined && known.memory > blade.ramGib * gib) {
        fail("memory", {
            fr: `« memory » (${known.memory} octets, ${(known.memory / gib).toFixed(1)} Gio) dépasse la mémoire d'une lame ${blade.label} du cluster « ${cluster.name} » (${blade.ramGib} Gio) : une VM tourne sur une seule lame`,
            en: `"memory" (${known.memory} bytes, ${(known.memory / gib).toFixed(1)} GiB) is more than one ${blade.label} blade of host cluster "${cluster.name}" holds (${blade.ramGib} GiB): a VM runs on one blade`,
        });
    }
    if (known.cpu !== undefined && known.cpu > blade.threads) {
        fail("cpu", {
            fr: `« cpu » (${known.cpu}) dépasse les ${blade.threads} threads d'une lame ${blade.label} du cluster « ${cluster.name} » : une VM tourne sur une seule lame`,
            en: `"cpu" (${known.cpu}) is more than the ${blade.threads} threads of one ${blade.label} blade of host cluster "${cluster.name}": a VM runs on one blade`,
        });
    }
}

/**
 * The VM checks that need the API. The lookups run side by side (each distinct id asked once per
 * process); the failures are reported in a fixed order: policies, guest OS, host cluster.
 */
export async function checkVmWithApi(
    known: KnownInputs<typeof virtualMachine>,
    fail: Fail,
    lookups: CheckLookups,
    news: Props,
): Promise<void> {
    const checks: ((fail: Fail) => Promise<void>)[] = [];
    const policies = known.backupPolicies as CheckedOf<typeof virtualMachine>["backupPolicies"] | undefined;
    if (policies && policies.length > 0) {
        checks.push((f) => checkPolicies(policies, news, f, lookups));
    }
    const moref = known.guestOperatingSystemMoref;
    if (moref) {
        checks.push((f) => checkGuestOs(moref, f, lookups));
    }
    if (known.hostClusterId) {
        checks.push((f) => checkHostCluster(known, f, lookups));
    }
    const reported = await Promise.all(
        checks.map(async (check) => {
            const failures: [string, Bilingual][] = [];
            await check((property, message) => failures.push([property, message]));
            return failures;
        }),
    );
    reported.flat().forEach(([property, message]) => fail(property, message));
}
