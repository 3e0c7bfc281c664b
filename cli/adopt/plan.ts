// From what the API holds to a Pulumi bulk-import file (`pulumi import --file`): which objects are
// adopted (type, AZ and name filters, objects a stack already manages left out, objects the kit
// would refuse left out with the reason), under which names, and what the user must know before
// running the generated program. No I/O: cli/adopt/inventory.ts reads the API, the command writes.
import { minimatch } from "minimatch";
import type { Bilingual } from "../../provider/catalog/errors";
import type { AvailabilityZoneId } from "../../provider/catalog/region";
import { virtualMachine } from "../../provider/schema/compute";
import { bucket as bucketDecl, storageAccount as storageAccountDecl } from "../../provider/schema/objectStorage";
import type { PatternDecl } from "../../provider/schema/types";
import { resourceTokens } from "../../provider/resources/tokens";
import { NameScope, deviceNumber, identifierOf, logicalNameOf } from "./naming";
import { AdoptKindName, NamedUrn, adoptKindNames } from "./options";

export const adoptKinds = adoptKindNames;
export type AdoptKind = AdoptKindName;

export const kindTokens: Record<AdoptKind, string> = {
    vm: resourceTokens.virtualMachine,
    disk: resourceTokens.virtualDisk,
    adapter: resourceTokens.networkAdapter,
    bucket: resourceTokens.bucket,
    "storage-account": resourceTokens.storageAccount,
};

/** The word a kind adds to a name when it needs one (a variable starting with a digit, a reserved word, two kinds sharing a name). */
const kindWords: Record<AdoptKind, string> = { vm: "vm", disk: "disk", adapter: "nic", bucket: "bucket", "storage-account": "account" };

export interface InventoryVm {
    id: string;
    name: string;
    availabilityZone?: AvailabilityZoneId;
    powerState?: "running" | "stopped";
    /** How many backup policies the VM has; only known for running VMs (where it matters). */
    backupPolicies?: number;
}

export interface InventoryDevice {
    id: string;
    /** vCenter's name, e.g. "Hard disk 2", "Network adapter 1". */
    name?: string;
    virtualMachineId: string;
}

export interface InventoryNamed {
    name: string;
}

/** What the API holds, as far as adoption needs it. */
export interface Inventory {
    vms: InventoryVm[];
    disks: InventoryDevice[];
    adapters: InventoryDevice[];
    buckets: InventoryNamed[];
    storageAccounts: InventoryNamed[];
}

export interface AdoptSelection {
    kinds: readonly AdoptKind[];
    /** Whether the user named the kinds (--type): then an AZ filter keeps the named kinds that have no AZ. */
    kindsGiven: boolean;
    /** Globs on API names (VMs, buckets, storage accounts; a device follows its VM); empty keeps all. */
    names: readonly string[];
    excludes: readonly string[];
    zones: readonly AvailabilityZoneId[];
    /** `type id` of the objects a stack already manages. */
    managed: ReadonlySet<string>;
    /** Disks and adapters as children of their VM (`parent`), rather than beside it. */
    nestDevices: boolean;
    /** Put before every Pulumi name and variable, e.g. "legacy-". */
    namePrefix: string;
    /** A resource of the stack (a Tenant component...) every adopted object without a parent of its own goes under. */
    parent?: NamedUrn;
    /** An explicit provider of the stack (another tenant, another endpoint) every adopted object uses. */
    provider?: NamedUrn;
}

/** One entry of the bulk-import file, as `pulumi import --file` reads it. */
export interface ImportSpec {
    type: string;
    name: string;
    logicalName: string;
    id: string;
    parent?: string;
    provider?: string;
}

export interface ImportFile {
    /** Names of the stack's resources the entries point at (parent, provider), with their URNs. */
    nameTable?: Record<string, string>;
    resources: ImportSpec[];
}

export interface Skipped {
    kind: AdoptKind;
    name: string;
    id: string;
    reason: Bilingual;
}

export interface AdoptPlan {
    file: ImportFile;
    /** Left out with a reason the user should read (not the ones filters left out). */
    skipped: Skipped[];
    /** Facts to act on before the generated program previews with no change. */
    notes: Bilingual[];
    /** Left out because the stack export already manages them. */
    alreadyManaged: number;
    counts: Record<AdoptKind, number>;
}

export const managedKey = (type: string, id: string) => `${type} ${id}`;

function globMatches(name: string, globs: readonly string[]): boolean {
    return globs.some((g) => minimatch(name, g, { nocase: true, dot: true }));
}

function selectedByName(name: string, selection: AdoptSelection): boolean {
    return (selection.names.length === 0 || globMatches(name, selection.names)) && !globMatches(name, selection.excludes);
}

/** Whether the VM's own properties let it in (before devices, which follow it). */
export function vmSelected(vm: InventoryVm, selection: AdoptSelection): boolean {
    const zoneOk = selection.zones.length === 0 || (vm.availabilityZone !== undefined && selection.zones.includes(vm.availabilityZone));
    return zoneOk && selectedByName(vm.name, selection);
}

/** Whether objects without an AZ (buckets, storage accounts) of this kind are listed under the selection. */
export function regionalKindSelected(kind: "bucket" | "storage-account", selection: AdoptSelection): boolean {
    return selection.kinds.includes(kind) && (selection.zones.length === 0 || selection.kindsGiven);
}

/** Why the kit would refuse this name, if it would: the declaration's own pattern and length. */
function refusedName(name: string, rule: { pattern?: PatternDecl; maxLength?: number }): Bilingual | undefined {
    const pattern = rule.pattern;
    const matches = !pattern ? true : typeof pattern.test === "function" ? pattern.test(name) : pattern.test.test(name);
    if (matches && (rule.maxLength === undefined || name.length <= rule.maxLength)) {
        return undefined;
    }
    return {
        fr: `le kit refuse ce nom (attendu : ${pattern?.text.fr ?? "un nom"}, ${rule.maxLength} caractères au plus) ; renommez-le dans la console puis relancez`,
        en: `the kit refuses this name (expected ${pattern?.text.en ?? "a name"}, ${rule.maxLength} characters at most); rename it in the console, then run again`,
    };
}

const byNameThenId = <T extends { name?: string; id?: string }>(a: T, b: T) =>
    (a.name ?? "").localeCompare(b.name ?? "") || (a.id ?? "").localeCompare(b.id ?? "");

/**
 * The bulk-import file for `inventory` under `selection`, in a stable order: VMs each followed by
 * its disks and adapters, then buckets, then storage accounts.
 */
export function planAdoption(inventory: Inventory, selection: AdoptSelection): AdoptPlan {
    const wants = (kind: AdoptKind) => selection.kinds.includes(kind);
    const variables = new NameScope();
    const logical: Record<AdoptKind, NameScope> = {
        vm: new NameScope(),
        disk: new NameScope(),
        adapter: new NameScope(),
        bucket: new NameScope(),
        "storage-account": new NameScope(),
    };
    const resources: ImportSpec[] = [];
    const skipped: Skipped[] = [];
    const notes: Bilingual[] = [];
    const counts: Record<AdoptKind, number> = { vm: 0, disk: 0, adapter: 0, bucket: 0, "storage-account": 0 };
    let alreadyManaged = 0;
    const prefix = selection.namePrefix;

    const isManaged = (kind: AdoptKind, id: string) => {
        if (selection.managed.has(managedKey(kindTokens[kind], id))) {
            alreadyManaged += 1;
            return true;
        }
        return false;
    };
    // The stack's variables the file points at are taken first: no adopted object may shadow them.
    const nameTable: Record<string, string> = {};
    for (const bound of [selection.parent, selection.provider]) {
        if (bound) {
            variables.claim(bound.name);
            nameTable[bound.name] = bound.urn;
        }
    }
    const add = (kind: AdoptKind, id: string, logicalName: string, parent?: string): ImportSpec => {
        const word = kindWords[kind];
        const base = identifierOf(logicalName, word);
        const name = variables.claim(base, [`${base}${word.charAt(0).toUpperCase()}${word.slice(1)}`]);
        const parentName = parent ?? selection.parent?.name;
        const spec: ImportSpec = {
            type: kindTokens[kind],
            name,
            logicalName,
            id,
            ...(parentName ? { parent: parentName } : {}),
            ...(selection.provider ? { provider: selection.provider.name } : {}),
        };
        resources.push(spec);
        counts[kind] += 1;
        return spec;
    };

    const devicesOf = (list: InventoryDevice[]) => {
        const byVm = new Map<string, InventoryDevice[]>();
        for (const d of list) {
            byVm.set(d.virtualMachineId, [...(byVm.get(d.virtualMachineId) ?? []), d]);
        }
        return byVm;
    };
    const disksByVm = devicesOf(inventory.disks);
    const adaptersByVm = devicesOf(inventory.adapters);
    const unpoliced: string[] = [];

    for (const vm of [...inventory.vms].sort(byNameThenId)) {
        if (!vmSelected(vm, selection)) {
            continue;
        }
        const refused = refusedName(vm.name, virtualMachine.properties.name);
        if (refused) {
            skipped.push({ kind: "vm", name: vm.name, id: vm.id, reason: refused });
            continue;
        }
        // Same-named VMs in two AZs (names are unique per datacenter): the AZ tells them apart, then the id.
        const wanted = logicalNameOf(`${prefix}${vm.name}`);
        const alternatives = vm.availabilityZone ? [`${wanted}-${vm.availabilityZone.toLowerCase()}`] : [];
        const vmLogical = logical.vm.claim(wanted, [...alternatives, `${wanted}-${vm.id.slice(0, 8)}`], "-");
        let vmSpec: ImportSpec | undefined;
        if (wants("vm") && !isManaged("vm", vm.id)) {
            vmSpec = add("vm", vm.id, vmLogical);
            if (vm.powerState === "running" && vm.backupPolicies === 0) {
                unpoliced.push(vm.name);
            }
        }
        for (const [kind, list, word] of [
            ["disk", disksByVm.get(vm.id) ?? [], "disk"],
            ["adapter", adaptersByVm.get(vm.id) ?? [], "nic"],
        ] as const) {
            if (!wants(kind)) {
                continue;
            }
            [...list]
                .sort((a, b) => (deviceNumber(a.name) ?? Infinity) - (deviceNumber(b.name) ?? Infinity) || byNameThenId(a, b))
                .forEach((device, i) => {
                    if (isManaged(kind, device.id)) {
                        return;
                    }
                    const number = deviceNumber(device.name) ?? i + 1;
                    const deviceLogical = logical[kind].claim(`${vmLogical}-${word}-${number}`, [], "-");
                    add(kind, device.id, deviceLogical, selection.nestDevices ? vmSpec?.name : undefined);
                });
        }
    }

    for (const [kind, list, decl] of [
        ["bucket", inventory.buckets, bucketDecl],
        ["storage-account", inventory.storageAccounts, storageAccountDecl],
    ] as const) {
        if (!regionalKindSelected(kind, selection)) {
            continue;
        }
        for (const item of [...list].sort(byNameThenId)) {
            if (!selectedByName(item.name, selection) || isManaged(kind, item.name)) {
                continue;
            }
            const refused = refusedName(item.name, decl.properties.name);
            if (refused) {
                skipped.push({ kind, name: item.name, id: item.name, reason: refused });
                continue;
            }
            add(kind, item.name, logical[kind].claim(logicalNameOf(`${prefix}${item.name}`), [], "-"));
        }
    }

    if (unpoliced.length > 0) {
        notes.push({
            fr: `${unpoliced.join(", ")} : démarrée(s) sans politique de sauvegarde ; le programme généré sera refusé (convention 8.5, 9.5) tant que vous n'ajoutez pas backupPolicies, ou noBackupReason avec "nobackup", ou powerState "off"`,
            en: `${unpoliced.join(", ")}: running without a backup policy; the generated program is refused (convention 8.5, 9.5) until you add backupPolicies, or noBackupReason with "nobackup", or powerState "off"`,
        });
    }
    if (counts["storage-account"] > 0) {
        notes.push({
            fr: "l'API ne redonne jamais la clé secrète d'un compte de stockage : secretAccessKey restera vide dans l'état des comptes adoptés",
            en: "the API never gives a storage account's secret key again: secretAccessKey stays empty in the state of adopted accounts",
        });
    }
    return { file: { ...(Object.keys(nameTable).length > 0 ? { nameTable } : {}), resources }, skipped, notes, alreadyManaged, counts };
}
