// Pure placement logic of a Workload: which AZ, cluster and LUN each replica goes to, with the
// capacity rules, and which backup policies each replica gets (copies outside its AZ).
// Convention 8.1 (two AZs for SLAs 1, 2, 4), 7.2.6 (backups outside the workload's AZ), VMware
// sizing rules (85 % RAM, LUN free space for swap and 10 % for backup snapshots).
import { AvailabilityZoneId, CatalogError } from "../catalog";
import type { ResolvedBackupPolicy } from "./backupPolicy";

/** What placement needs of a cluster: its AZ and RAM bookkeeping (a Cluster component provides it). */
export interface PlacementCluster {
    readonly props: { name: string; availabilityZone: AvailabilityZoneId };
    readonly freeRamGib: number;
    reserveRam(gib: number): boolean;
    releaseRam(gib: number): void;
}

/** What placement needs of a LUN (a Lun component provides it). */
export interface PlacementLun {
    readonly props: { name: string; availabilityZone: AvailabilityZoneId };
    readonly plannedFreeGib: number;
    reserve(gib: number): boolean;
}

export interface PlacementRequest<C extends PlacementCluster, L extends PlacementLun> {
    replicas: number;
    /** AZ of each replica, already decided (round-robin or explicit). */
    zones: AvailabilityZoneId[];
    memoryGib: number;
    diskGib: number;
    clusters: C[];
    luns: L[];
}

export interface Placement<C, L> {
    index: number;
    availabilityZone: AvailabilityZoneId;
    cluster: C;
    lun: L;
}

/** Round-robin of `replicas` over `zones`: replica i goes to zones[i % n]. */
export function roundRobin(replicas: number, zones: readonly AvailabilityZoneId[]): AvailabilityZoneId[] {
    return Array.from({ length: replicas }, (_, i) => zones[i % zones.length]);
}

/**
 * Places each replica on the first cluster and the first LUN of its AZ with room, reserving RAM
 * on the cluster (85 % rule) and disk + RAM (swap file) on the LUN (10 % kept for snapshots).
 * Throws a CatalogError naming the AZ and the free capacity when nothing fits.
 */
export function placeReplicas<C extends PlacementCluster, L extends PlacementLun>(request: PlacementRequest<C, L>): Placement<C, L>[] {
    return request.zones.map((zone, index) => {
        const clusters = request.clusters.filter((c) => c.props.availabilityZone === zone);
        const luns = request.luns.filter((l) => l.props.availabilityZone === zone);
        if (clusters.length === 0) {
            throw new CatalogError("clusters", {
                fr: `aucun Cluster en ${zone} pour la réplique ${index + 1}.`,
                en: `no Cluster in ${zone} for replica ${index + 1}.`,
            });
        }
        if (luns.length === 0) {
            throw new CatalogError("luns", {
                fr: `aucune Lun en ${zone} pour la réplique ${index + 1}.`,
                en: `no Lun in ${zone} for replica ${index + 1}.`,
            });
        }
        const cluster = clusters.find((c) => c.reserveRam(request.memoryGib));
        if (!cluster) {
            const free = clusters.map((c) => `${c.props.name} ${c.freeRamGib} GiB`).join(", ");
            throw new CatalogError("memoryGib", {
                fr: `la réplique ${index + 1} (${request.memoryGib} Gio de RAM) ne tient sur aucun cluster de ${zone} à 85 % d'usage (libre : ${free}).`,
                en: `replica ${index + 1} (${request.memoryGib} GiB of RAM) fits no cluster in ${zone} at 85 % use (free: ${free}).`,
            });
        }
        const needed = request.diskGib + request.memoryGib;
        const lun = luns.find((l) => l.reserve(needed));
        if (!lun) {
            cluster.releaseRam(request.memoryGib);
            const free = luns.map((l) => `${l.props.name} ${l.plannedFreeGib} GiB`).join(", ");
            throw new CatalogError("diskGib", {
                fr: `la réplique ${index + 1} a besoin de ${needed} Gio (disque + fichier d'échange) et aucune LUN de ${zone} ne les a en gardant 10 % pour les instantanés (libre : ${free}).`,
                en: `replica ${index + 1} needs ${needed} GiB (disk + swap file) and no LUN in ${zone} has it while keeping 10 % for snapshots (free: ${free}).`,
            });
        }
        return { index, availabilityZone: zone, cluster, lun };
    });
}

/**
 * The backup policies of a replica in `zone`. With `explicit` policies: all of them, each of which
 * must keep its copies outside `zone` (or be the acknowledged nobackup). Otherwise: the first
 * active candidate whose copies live outside `zone`.
 */
export function chooseBackupPolicies(
    zone: AvailabilityZoneId,
    replica: string,
    explicit: ResolvedBackupPolicy[] | undefined,
    candidates: ResolvedBackupPolicy[],
): ResolvedBackupPolicy[] {
    if (explicit && explicit.length > 0) {
        for (const policy of explicit) {
            if (!policy.noBackup && policy.availabilityZone === zone) {
                throw new CatalogError("backupPolicies", {
                    fr: `la politique « ${policy.policyName} » garde ses copies en ${zone} (${policy.site}), la zone même de ${replica} ; les sauvegardes doivent être hors de la zone (convention 7.2.6).`,
                    en: `policy "${policy.policyName}" keeps its copies in ${zone} (${policy.site}), the very zone of ${replica}; backups must be outside the zone (convention 7.2.6).`,
                });
            }
        }
        return explicit;
    }
    const chosen = candidates.find(
        (p) => !p.noBackup && p.status !== "HELD" && p.availabilityZone !== undefined && p.availabilityZone !== zone,
    );
    if (!chosen) {
        throw new CatalogError("backupPolicyCandidates", {
            fr: `aucune politique candidate ne garde ses copies hors de ${zone} pour ${replica} (candidates : ${candidates.map((p) => `${p.policyName}@${p.site || "-"}`).join(", ") || "aucune"}).`,
            en: `no candidate policy keeps its copies outside ${zone} for ${replica} (candidates: ${candidates.map((p) => `${p.policyName}@${p.site || "-"}`).join(", ") || "none"}).`,
        });
    }
    return [chosen];
}
