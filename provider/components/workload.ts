// N replicas of one VM definition, spread over at least two of the tenant's AZs, each on a cluster
// and LUN of its AZ and backed up outside it. Convention 8.1 (SLAs 1, 2 and 4 need two AZs),
// 7.2.6 (backups outside the workload's AZ), 8.5/9.5 (a backup policy before the VM runs),
// 7.3.3 (nobackup only as an explicit, acknowledged choice).
import * as pulumi from "@pulumi/pulumi";
import {
    assertAvailabilityZone,
    assertAvailabilityZones,
    AvailabilityZoneId,
    Bilingual,
    CatalogError,
    show,
    slasRequiringTwoAzs,
} from "../catalog";
import { NetworkAdapter, VirtualDisk, VirtualMachine } from "../resources";
import { vmNameMaxLength, vmNamePattern, vmNameRule } from "../schema/names";
import { componentTokens } from "../resources/tokens";
import { BackupPolicy, ResolvedBackupPolicy } from "./backupPolicy";
import { Cluster } from "./cluster";
import {
    checkedLookup,
    ComponentReporter,
    componentError,
    requireArray,
    requireBoolean,
    requireInteger,
    requireOneOf,
    requireString,
    validated,
} from "./internal/errors";
import { gib, lookupNetwork } from "./internal/lookups";
import { Lun } from "./lun";
import { chooseBackupPolicies, placeReplicas, roundRobin } from "./placement";
import { Tenant } from "./tenant";

export interface WorkloadArgs {
    /** Prefix of the VM names ("<name>-1", "<name>-2"...); defaults to the component name. */
    name?: string;
    replicas: number;
    /** The tenant: its AZs are the default spread. */
    tenant?: Tenant;
    /** AZs to spread over, round-robin; default: the tenant's AZs. */
    availabilityZones?: string[];
    /** Explicit AZ of each replica (as many entries as replicas), instead of round-robin. */
    replicaZones?: string[];
    /** Puts every replica in one AZ; only when asked, as SLAs 1, 2 and 4 then no longer apply. */
    singleAz?: boolean;
    cpu: number;
    numCoresPerSocket?: number;
    memoryGib: number;
    /** A disk of this size (GiB) is added to each VM on its LUN; counted with the VM's RAM (swap file) for capacity. */
    diskGib: number;
    /** Exactly one source: a guest OS moref (from scratch) or a content library item. */
    guestOperatingSystemMoref?: string;
    contentLibraryItemId?: string;
    /** Default "on"; applied by the provider only once the backup policies are assigned. */
    powerState?: "on" | "off";
    tags?: Record<string, string>;
    /** Network (port group) name per AZ, e.g. { AZ05: "vlan-az05-app", AZ06: "vlan-az06-app" }: each replica gets a VMXNET3 adapter on its AZ's network. */
    networks?: Partial<Record<string, string>>;
    /** Clusters the replicas may use; each replica takes the first of its AZ with room. */
    clusters: Cluster[];
    /** LUNs the replicas may use; each replica takes the first of its AZ with room. */
    luns: Lun[];
    /** Policies every replica gets; each must keep its copies outside every replica's AZ. */
    backupPolicies?: BackupPolicy[];
    /** When `backupPolicies` is not given: each replica gets the first of these kept outside its AZ. */
    backupPolicyCandidates?: BackupPolicy[];
}

/** One replica as registered: the policy pack checks AZ spread and off-AZ backups on these. */
export interface WorkloadPlacement {
    vmName: string;
    availabilityZone: AvailabilityZoneId;
    cluster: string;
    lun: string;
    backupPolicyNames: string[];
    /** Sites where the replica's backup copies are kept ("" for nobackup). */
    backupSites: string[];
}

interface ValidatedWorkload {
    name: string;
    replicas: number;
    zones: AvailabilityZoneId[];
    singleAz: boolean;
    cpu: number;
    numCoresPerSocket?: number;
    memoryGib: number;
    diskGib: number;
    guestOperatingSystemMoref?: string;
    contentLibraryItemId?: string;
    powerState: "on" | "off";
    networks?: Partial<Record<AvailabilityZoneId, string>>;
}

function validateNetworks(value: unknown, zones: AvailabilityZoneId[]): Partial<Record<AvailabilityZoneId, string>> | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new CatalogError("networks", {
            fr: `un objet { zone: nom de réseau } est attendu, reçu ${show(value)}.`,
            en: `an object { zone: network name } is expected, got ${show(value)}.`,
        });
    }
    const networks: Partial<Record<AvailabilityZoneId, string>> = {};
    for (const [az, name] of Object.entries(value as Record<string, unknown>)) {
        networks[assertAvailabilityZone(az, `networks.${az}`)] = requireString(name, `networks.${az}`);
    }
    const missing = [...new Set(zones)].filter((az) => networks[az] === undefined);
    if (missing.length > 0) {
        throw new CatalogError("networks", {
            fr: `aucun réseau donné pour ${missing.join(", ")}, où des réplicas sont placés.`,
            en: `no network given for ${missing.join(", ")}, where replicas are placed.`,
        });
    }
    return networks;
}

/**
 * The prefix of the VM names: `name`, else the component's name, checked as a VM name (the rule of
 * schema/names.ts, which the provider's `check` applies too) with room for the longest suffix, and
 * never trimmed, since " web" would otherwise become another name than the one written.
 */
function validateVmPrefix(value: unknown, componentName: string, replicas: number): string {
    const given = value !== undefined;
    const prefix = given ? value : componentName;
    if (typeof prefix !== "string" || prefix === "") {
        throw new CatalogError("name", {
            fr: `une chaîne non vide est attendue, reçu ${show(prefix)}.`,
            en: `a non-empty string is expected, got ${show(prefix)}.`,
        });
    }
    const longest = `${prefix}-${replicas}`;
    if (!vmNamePattern.test.test(prefix) || longest.length > vmNameMaxLength) {
        const origin: Bilingual = given
            ? { fr: "", en: "" }
            : { fr: " (le nom du composant, name n'étant pas donné)", en: " (the component's name, as name is not given)" };
        const length: Bilingual =
            longest.length > vmNameMaxLength
                ? { fr: `, ${longest.length} caractères`, en: `, ${longest.length} characters` }
                : { fr: "", en: "" };
        throw new CatalogError("name", {
            fr: `${show(prefix)}${origin.fr} ne fait pas des noms de VM valides (${show(longest)}${length.fr}) ; valeur attendue : ${vmNameRule.fr}.`,
            en: `${show(prefix)}${origin.en} does not make valid VM names (${show(longest)}${length.en}); expected ${vmNameRule.en}.`,
        });
    }
    return prefix;
}

function validateWorkload(name: string, args: WorkloadArgs): ValidatedWorkload {
    const replicas = requireInteger(args.replicas, "replicas", 1, 500);
    const singleAz = args.singleAz === undefined ? false : requireBoolean(args.singleAz, "singleAz");
    const tenantZones = args.tenant?.props.availabilityZones;
    const spread =
        args.availabilityZones !== undefined ? assertAvailabilityZones(args.availabilityZones, "availabilityZones", 1) : tenantZones;
    if (!spread) {
        throw new CatalogError("availabilityZones", { fr: "donner tenant ou availabilityZones.", en: "give tenant or availabilityZones." });
    }
    if (tenantZones) {
        spread.forEach((az, i) => {
            if (!tenantZones.includes(az)) {
                throw new CatalogError(
                    `availabilityZones[${i}]`,
                    { fr: `le tenant n'a pas souscrit ${az}.`, en: `the tenant did not subscribe to ${az}.` },
                    tenantZones,
                );
            }
        });
    }
    let zones: AvailabilityZoneId[];
    if (args.replicaZones !== undefined) {
        const list = requireArray(args.replicaZones, "replicaZones", 1);
        if (list.length !== replicas) {
            throw new CatalogError("replicaZones", {
                fr: `${list.length} zone(s) pour ${replicas} réplique(s).`,
                en: `${list.length} zone(s) for ${replicas} replica(s).`,
            });
        }
        zones = list.map((az, i) => {
            const zone = assertAvailabilityZone(az, `replicaZones[${i}]`);
            if (!spread.includes(zone)) {
                throw new CatalogError(
                    `replicaZones[${i}]`,
                    { fr: `${zone} n'est pas une zone du tenant.`, en: `${zone} is not one of the tenant's zones.` },
                    spread,
                );
            }
            return zone;
        });
    } else {
        zones = roundRobin(replicas, singleAz ? [spread[0]] : spread);
    }
    const distinct = new Set(zones);
    if (!singleAz && distinct.size < 2) {
        throw new CatalogError(replicas < 2 ? "replicas" : "availabilityZones", {
            fr: `les réplicas sont tous en ${[...distinct].join(", ")} : les SLA 1, 2 et 4 exigent au moins deux zones (convention 8.1). Mettre replicas >= 2 sur deux zones, ou singleAz: true pour l'assumer.`,
            en: `every replica is in ${[...distinct].join(", ")}: SLAs 1, 2 and 4 need at least two zones (convention 8.1). Set replicas >= 2 over two zones, or singleAz: true to accept it.`,
        });
    }
    if (singleAz && distinct.size > 1) {
        throw new CatalogError("replicaZones", {
            fr: `singleAz: true mais les réplicas sont en ${[...distinct].join(", ")}.`,
            en: `singleAz: true but the replicas are in ${[...distinct].join(", ")}.`,
        });
    }
    const sources = [args.guestOperatingSystemMoref, args.contentLibraryItemId].filter((s) => s !== undefined);
    if (sources.length !== 1) {
        throw new CatalogError("guestOperatingSystemMoref", {
            fr: `exactement une source est attendue : guestOperatingSystemMoref ou contentLibraryItemId (reçu ${sources.length}).`,
            en: `exactly one source is expected: guestOperatingSystemMoref or contentLibraryItemId (got ${sources.length}).`,
        });
    }
    if (!Array.isArray(args.clusters) || args.clusters.length === 0 || !args.clusters.every((c) => c instanceof Cluster)) {
        throw new CatalogError("clusters", {
            fr: `une liste de composants Cluster est attendue, reçu ${show(args.clusters)}.`,
            en: `a list of Cluster components is expected, got ${show(args.clusters)}.`,
        });
    }
    if (!Array.isArray(args.luns) || args.luns.length === 0 || !args.luns.every((l) => l instanceof Lun)) {
        throw new CatalogError("luns", {
            fr: `une liste de composants Lun est attendue, reçu ${show(args.luns)}.`,
            en: `a list of Lun components is expected, got ${show(args.luns)}.`,
        });
    }
    const explicit = args.backupPolicies ?? [];
    const candidates = args.backupPolicyCandidates ?? [];
    if (explicit.length === 0 && candidates.length === 0) {
        throw new CatalogError("backupPolicies", {
            fr: "chaque VM doit avoir une politique de sauvegarde avant de démarrer (convention 8.5, 9.5) : donner backupPolicies ou backupPolicyCandidates.",
            en: "every VM must have a backup policy before it runs (convention 8.5, 9.5): give backupPolicies or backupPolicyCandidates.",
        });
    }
    if (![...explicit, ...candidates].every((p) => p instanceof BackupPolicy)) {
        throw new CatalogError("backupPolicies", {
            fr: "des composants BackupPolicy sont attendus.",
            en: "BackupPolicy components are expected.",
        });
    }
    if (explicit.some((p) => p.isNoBackup) && explicit.length > 1) {
        throw new CatalogError("backupPolicies", {
            fr: "« nobackup » ne se combine pas avec d'autres politiques.",
            en: `"nobackup" cannot be combined with other policies.`,
        });
    }
    if (candidates.some((p) => p.isNoBackup)) {
        throw new CatalogError("backupPolicyCandidates", {
            fr: "« nobackup » ne peut pas être choisi automatiquement ; le mettre dans backupPolicies.",
            en: `"nobackup" is never chosen automatically; put it in backupPolicies.`,
        });
    }
    return {
        name: validateVmPrefix(args.name, name, replicas),
        replicas,
        zones,
        singleAz,
        cpu: requireInteger(args.cpu, "cpu", 1, 768),
        ...(args.numCoresPerSocket !== undefined
            ? { numCoresPerSocket: requireInteger(args.numCoresPerSocket, "numCoresPerSocket", 1, 768) }
            : {}),
        memoryGib: requireInteger(args.memoryGib, "memoryGib", 1, 24 * 1024),
        diskGib: requireInteger(args.diskGib, "diskGib", 1, 64 * 1024),
        ...(args.guestOperatingSystemMoref !== undefined
            ? { guestOperatingSystemMoref: requireString(args.guestOperatingSystemMoref, "guestOperatingSystemMoref") }
            : {}),
        ...(args.contentLibraryItemId !== undefined
            ? { contentLibraryItemId: requireString(args.contentLibraryItemId, "contentLibraryItemId") }
            : {}),
        powerState: args.powerState === undefined ? "on" : requireOneOf(args.powerState, "powerState", ["on", "off"] as const),
        ...(args.networks !== undefined ? { networks: validateNetworks(args.networks, zones) } : {}),
    };
}

/**
 * A multi-AZ workload: `replicas` VMs of one definition, spread round-robin over the tenant's AZs
 * (or placed explicitly), each on a Cluster and Lun of its AZ, each backed up outside its AZ.
 * Capacity is checked at construction (85 % of cluster RAM; LUN space for disk + swap, 10 % kept
 * for backup snapshots). One AZ only with `singleAz: true`, which warns that SLAs 1, 2 and 4 no
 * longer apply.
 *
 * @example
 * ```ts
 * const web = new Workload("web", {
 *     tenant, replicas: 2, cpu: 2, memoryGib: 4, diskGib: 40, guestOperatingSystemMoref: "ubuntu64Guest",
 *     clusters: [az05Cluster, az06Cluster], luns: [az05Lun, az06Lun],
 *     networks: { AZ05: "vlan-az05-app", AZ06: "vlan-az06-app" },
 *     backupPolicyCandidates: [dailyPar7s, dailyTh3s], // web-1 (AZ05) -> TH3S, web-2 (AZ06) -> PAR7S
 * });
 * ```
 */
export class Workload extends pulumi.ComponentResource {
    /** The VMs, one per replica, children of this component. */
    readonly vms: VirtualMachine[];
    /** The data disk of each VM (diskGib on the replica's LUN). */
    readonly disks: VirtualDisk[];
    /** The network adapter of each VM, when `networks` is given. */
    readonly networkAdapters: NetworkAdapter[];
    declare readonly availabilityZones: pulumi.Output<AvailabilityZoneId[]>;
    declare readonly singleAz: pulumi.Output<boolean>;
    declare readonly backupPolicyNames: pulumi.Output<string[]>;
    declare readonly placements: pulumi.Output<WorkloadPlacement[]>;
    declare readonly vmIds: pulumi.Output<string[]>;

    constructor(name: string, args: WorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
        // Errors are the Workload's, shown on its URN (not on its parent, the tenant or the stack).
        const reporter = new ComponentReporter(componentTokens.workload, name, opts);
        const w = validated("Workload", name, reporter.subject, () => validateWorkload(name, args));
        const placed = validated("Workload", name, reporter.subject, () =>
            placeReplicas({
                replicas: w.replicas,
                zones: w.zones,
                memoryGib: w.memoryGib,
                diskGib: w.diskGib,
                clusters: args.clusters,
                luns: args.luns,
            }),
        );
        const explicit = args.backupPolicies ?? [];
        const candidates = args.backupPolicyCandidates ?? [];
        const vmNames = placed.map((p) => `${w.name}-${p.index + 1}`);
        // Backup choice needs the looked-up sites, so it is an output; a wrong choice fails the program.
        const perReplica: pulumi.Output<ResolvedBackupPolicy[][]> = checkedLookup(
            "Workload",
            name,
            pulumi.all([pulumi.all(explicit.map((p) => p.resolved)), pulumi.all(candidates.map((p) => p.resolved))]),
            ([ex, ca]) =>
                placed.map((p, i) => {
                    try {
                        return chooseBackupPolicies(p.availabilityZone, vmNames[i], ex.length > 0 ? ex : undefined, ca);
                    } catch (e) {
                        throw componentError("Workload", name, e);
                    }
                }),
            reporter,
        );
        const placements = perReplica.apply((chosen) =>
            placed.map((p, i): WorkloadPlacement => ({
                vmName: vmNames[i],
                availabilityZone: p.availabilityZone,
                cluster: p.cluster.props.name,
                lun: p.lun.props.name,
                backupPolicyNames: chosen[i].map((c) => c.policyName),
                backupSites: chosen[i].map((c) => c.site),
            })),
        );
        const backupPolicyNames = perReplica.apply((chosen) => [...new Set(chosen.flat().map((c) => c.policyName))]);
        const zones = [...new Set(w.zones)];
        super(
            componentTokens.workload,
            name,
            {
                name: w.name,
                replicas: w.replicas,
                availabilityZones: zones,
                singleAz: w.singleAz,
                cpu: w.cpu,
                memoryGib: w.memoryGib,
                diskGib: w.diskGib,
                guestOperatingSystemMoref: w.guestOperatingSystemMoref,
                contentLibraryItemId: w.contentLibraryItemId,
                powerState: w.powerState,
                networks: w.networks,
                backupPolicyNames,
                placements,
                // The same list under the singular key the policy pack reads.
                placement: placements,
            },
            opts,
        );
        reporter.resource = this;
        if (w.singleAz) {
            void pulumi.log.warn(
                `FR Workload « ${name} » en une seule zone (${zones.join(", ")}) à la demande : les SLA ${slasRequiringTwoAzs.join(", ")} ne s'appliquent plus (convention 8.1). / ` +
                    `EN Workload "${name}" in a single zone (${zones.join(", ")}) as asked: SLAs ${slasRequiringTwoAzs.join(", ")} no longer apply (convention 8.1).`,
                this,
            );
        }
        this.vms = placed.map((p, i) => {
            const chosen = perReplica.apply((all) => all[i]);
            const noBackup = chosen.apply((c) => c.find((policy) => policy.noBackup));
            return new VirtualMachine(
                vmNames[i],
                {
                    name: vmNames[i],
                    datacenterId: p.cluster.datacenterId,
                    hostClusterId: p.cluster.hostClusterId,
                    datastoreId: p.lun.datastoreId,
                    availabilityZone: p.availabilityZone,
                    memory: w.memoryGib * gib,
                    cpu: w.cpu,
                    ...(w.numCoresPerSocket !== undefined ? { numCoresPerSocket: w.numCoresPerSocket } : {}),
                    ...(w.guestOperatingSystemMoref !== undefined ? { guestOperatingSystemMoref: w.guestOperatingSystemMoref } : {}),
                    ...(w.contentLibraryItemId !== undefined ? { contentLibraryItemId: w.contentLibraryItemId } : {}),
                    powerState: w.powerState,
                    backupPolicies: chosen.apply((c) => c.map((policy) => policy.id)),
                    noBackupReason: noBackup.apply((n) => n?.noBackupReason),
                    tags: { ...(args.tags ?? {}), workload: w.name, availabilityZone: p.availabilityZone },
                },
                { parent: this },
            );
        });
        this.disks = this.vms.map(
            (vm, i) =>
                new VirtualDisk(
                    `${vmNames[i]}-data`,
                    {
                        virtualMachineId: vm.id,
                        capacity: w.diskGib * gib,
                        datastoreId: placed[i].lun.datastoreId,
                        provisioningType: "dynamic",
                        diskMode: "persistent",
                    },
                    { parent: this },
                ),
        );
        const networkIds = new Map<AvailabilityZoneId, pulumi.Output<string>>();
        for (const [az, networkName] of Object.entries(w.networks ?? {}) as [AvailabilityZoneId, string][]) {
            networkIds.set(
                az,
                checkedLookup("Workload", name, lookupNetwork(networkName, { parent: this }), (n) => n.id, reporter),
            );
        }
        this.networkAdapters = w.networks
            ? this.vms.map(
                  (vm, i) =>
                      new NetworkAdapter(
                          `${vmNames[i]}-nic`,
                          {
                              virtualMachineId: vm.id,
                              networkId: networkIds.get(placed[i].availabilityZone)!,
                              type: "VMXNET3",
                              connected: true,
                          },
                          { parent: this },
                      ),
              )
            : [];
        this.availabilityZones = pulumi.output(zones);
        this.singleAz = pulumi.output(w.singleAz);
        this.backupPolicyNames = backupPolicyNames;
        this.placements = placements;
        this.vmIds = pulumi.all(this.vms.map((vm) => vm.id));
        this.registerOutputs({ availabilityZones: zones, singleAz: w.singleAz, backupPolicyNames, placements, vmIds: this.vmIds });
    }
}
