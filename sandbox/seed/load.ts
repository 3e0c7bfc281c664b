// Reads a YAML seed and writes the tenant it describes into a new store.
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import YAML from "yaml";
import { Store } from "../store/database";
import { nameId } from "../store/ids";
import {
    AuthorizedIp,
    AvailabilityZone,
    BackupJob,
    BackupPolicy,
    bladeModels,
    ContentLibrary,
    ContentLibraryItem,
    Datacenter,
    Datastore,
    DatastoreCluster,
    GiB,
    GuestOs,
    Host,
    HostCluster,
    MachineManager,
    Network,
    Role,
    Site,
    siteOfZone,
    StorageTier,
    storageTiers,
    Tenant,
} from "../domain/model";

export interface SeedFile {
    tenant: { name: string; company: string; snc: boolean; region?: string };
    authorizedIps: { cidr: string; description?: string }[];
    availabilityZones: {
        name: AvailabilityZone;
        site: Site;
        machineManager: string;
        datacenter: string;
        hostClusters: { name: string; bladeModel: string; hosts: number }[];
        datastores: { name: string; tier: StorageTier; capacityGiB: number }[];
        datastoreClusters?: { name: string; datastores: string[] }[];
        networks: { name: string; vlanId: number }[];
    }[];
    guestOperatingSystems: { moref: string; family: string; fullName: string }[];
    contentLibraries?: {
        name: string;
        availabilityZone: AvailabilityZone;
        datastore: string;
        items: { name: string; type: string; sizeGiB: number; guestOperatingSystemMoref: string; description?: string; networkAdapters?: number }[];
    }[];
    backupPolicies: { name: string; site?: Site; frequency: "DAILY" | "WEEKLY" | "NONE"; retentionDays: number; status?: "ACTIVE" | "HELD" }[];
    backupJobs: { name: string; displayName?: string; type: string }[];
    objectStorage: { namespace: string; roles: { name: string; description: string; permissions: string[] }[] };
}

/** The seed shipped with the package: next to this file in the sources, or in the sources when running from dist/. */
export function defaultSeedPath(): string {
    const candidates = [path.join(__dirname, "default.yaml"), path.join(__dirname, "..", "..", "..", "sandbox", "seed", "default.yaml")];
    const found = candidates.find((p) => fs.existsSync(p));
    if (!found) {
        throw new Error(`Graine par défaut introuvable / Default seed not found (looked in ${candidates.join(", ")})`);
    }
    return found;
}

class SeedError extends Error {
    constructor(file: string, where: string, fr: string, en: string) {
        super(`${file}: ${where}: ${fr} / ${en}`);
    }
}

export function readSeed(file: string): SeedFile {
    const parsed = YAML.parse(fs.readFileSync(file, "utf8")) as SeedFile;
    const fail = (where: string, fr: string, en: string) => new SeedError(file, where, fr, en);
    if (!parsed || typeof parsed !== "object") {
        throw fail("(racine/root)", "le fichier doit être un objet YAML", "the file must be a YAML mapping");
    }
    for (const key of ["tenant", "authorizedIps", "availabilityZones", "guestOperatingSystems", "backupPolicies", "backupJobs", "objectStorage"] as const) {
        if (parsed[key] === undefined) {
            throw fail(key, "champ obligatoire manquant", "required field missing");
        }
    }
    const requireArray = (value: unknown, where: string) => {
        if (!Array.isArray(value)) {
            throw fail(where, "une liste est attendue", "a list is expected");
        }
    };
    requireArray(parsed.authorizedIps, "authorizedIps");
    requireArray(parsed.availabilityZones, "availabilityZones");
    requireArray(parsed.backupPolicies, "backupPolicies");
    parsed.availabilityZones.forEach((az, i) => {
        for (const key of ["hostClusters", "datastores", "networks"] as const) {
            requireArray(az[key], `availabilityZones[${i}].${key}`);
        }
        for (const key of ["machineManager", "datacenter"] as const) {
            if (typeof az[key] !== "string" || az[key] === "") {
                throw fail(`availabilityZones[${i}].${key}`, "nom obligatoire", "name required");
            }
        }
    });
    parsed.backupPolicies.forEach((p, i) => {
        if (p.site !== undefined && !["PAR7S", "TH3S", "DATA4"].includes(p.site)) {
            throw fail(`backupPolicies[${i}].site`, "site inconnu (valeurs : PAR7S, TH3S, DATA4)", "unknown site (allowed: PAR7S, TH3S, DATA4)");
        }
        if (p.status !== undefined && p.status !== "ACTIVE" && p.status !== "HELD") {
            throw fail(`backupPolicies[${i}].status`, "statut inconnu (valeurs : ACTIVE, HELD)", "unknown status (allowed: ACTIVE, HELD)");
        }
    });
    parsed.authorizedIps.forEach((ip, i) => {
        const [addr, prefix] = String(ip.cidr).split("/");
        if (!net.isIP(addr) || prefix === undefined || !/^\d+$/.test(prefix)) {
            throw fail(`authorizedIps[${i}].cidr`, `CIDR invalide « ${ip.cidr} »`, `invalid CIDR "${ip.cidr}" (expected e.g. 127.0.0.1/32)`);
        }
    });
    parsed.availabilityZones.forEach((az, i) => {
        if (!(az.name in siteOfZone)) {
            throw fail(`availabilityZones[${i}].name`, `zone inconnue « ${az.name} » (valeurs : AZ05, AZ06, AZ07)`, `unknown zone "${az.name}" (allowed: AZ05, AZ06, AZ07)`);
        }
        if (siteOfZone[az.name] !== az.site) {
            throw fail(`availabilityZones[${i}].site`, `${az.name} est sur le site ${siteOfZone[az.name]}`, `${az.name} is on site ${siteOfZone[az.name]}`);
        }
        az.hostClusters.forEach((c, j) => {
            if (!bladeModels[c.bladeModel]) {
                const allowed = Object.keys(bladeModels).join(", ");
                throw fail(`availabilityZones[${i}].hostClusters[${j}].bladeModel`, `modèle de lame inconnu (valeurs : ${allowed})`, `unknown blade model (allowed: ${allowed})`);
            }
            if (!Number.isInteger(c.hosts) || c.hosts < 1 || c.hosts > 32) {
                throw fail(`availabilityZones[${i}].hostClusters[${j}].hosts`, "entre 1 et 32 hôtes", "between 1 and 32 hosts");
            }
        });
        az.datastores.forEach((d, j) => {
            if (!(storageTiers as readonly string[]).includes(d.tier)) {
                throw fail(`availabilityZones[${i}].datastores[${j}].tier`, `classe inconnue (valeurs : ${storageTiers.join(", ")})`, `unknown tier (allowed: ${storageTiers.join(", ")})`);
            }
        });
    });
    return parsed;
}

/** Writes the seed into an empty store, in one transaction. Returns the tenant. */
export function applySeed(store: Store, seed: SeedFile): Tenant {
    const scope = seed.tenant.name;
    const id = (kind: string, name: string) => nameId(scope, kind, name);
    return store.transaction(() => {
        const tenant: Tenant = {
            id: id("tenant", seed.tenant.name),
            name: seed.tenant.name,
            snc: seed.tenant.snc,
            companyId: id("company", seed.tenant.company),
            companyName: seed.tenant.company,
            userId: id("user", "sandbox-operator"),
            region: seed.tenant.region ?? "FR1",
        };
        store.put("tenant", tenant);
        seed.authorizedIps.forEach((ip) => store.put<AuthorizedIp>("authorizedIp", { id: id("authorizedIp", ip.cidr), cidr: ip.cidr, description: ip.description ?? "" }));
        let moref = 1000;
        for (const az of seed.availabilityZones) {
            const mm: MachineManager = { id: id("machineManager", az.machineManager), name: az.machineManager, availabilityZone: az.name };
            store.put("machineManager", mm);
            const dc: Datacenter = { id: id("datacenter", az.datacenter), name: az.datacenter, machineManagerId: mm.id, availabilityZone: az.name };
            store.put("datacenter", dc);
            const clusterIds: string[] = [];
            for (const c of az.hostClusters) {
                const clusterId = id("hostCluster", c.name);
                clusterIds.push(clusterId);
                const hostIds: string[] = [];
                for (let h = 1; h <= c.hosts; h++) {
                    const hostName = `esx${String(h).padStart(3, "0")}-${c.name}.securetemple.lan`;
                    const host: Host = { id: id("host", hostName), name: hostName, moref: `host-${moref++}`, hostClusterId: clusterId, datacenterId: dc.id, machineManagerId: mm.id };
                    store.put("host", host);
                    hostIds.push(host.id);
                }
                store.put<HostCluster>("hostCluster", {
                    id: clusterId, name: c.name, moref: `domain-c${moref++}`, datacenterId: dc.id, machineManagerId: mm.id,
                    availabilityZone: az.name, bladeModel: c.bladeModel, hostIds,
                });
            }
            const datastoreIds = new Map<string, string>();
            for (const d of az.datastores) {
                const ds: Datastore = {
                    id: id("datastore", d.name), name: d.name, moref: `datastore-${moref++}`, datacenterId: dc.id, machineManagerId: mm.id,
                    availabilityZone: az.name, tier: d.tier, maxCapacity: d.capacityGiB * GiB, hostClusterIds: clusterIds,
                };
                datastoreIds.set(d.name, ds.id);
                store.put("datastore", ds);
            }
            for (const sc of az.datastoreClusters ?? []) {
                const scId = id("datastoreCluster", sc.name);
                const members = sc.datastores.map((n) => {
                    const dsId = datastoreIds.get(n);
                    if (!dsId) {
                        throw new Error(`seed: ${sc.name}: datastore inconnu / unknown datastore ${n}`);
                    }
                    const ds = store.get<Datastore>("datastore", dsId) as Datastore;
                    store.put("datastore", { ...ds, datastoreClusterId: scId });
                    return dsId;
                });
                store.put<DatastoreCluster>("datastoreCluster", { id: scId, name: sc.name, moref: `group-p${moref++}`, datacenterId: dc.id, machineManagerId: mm.id, datastoreIds: members });
            }
            for (const n of az.networks) {
                store.put<Network>("network", {
                    id: id("network", n.name), name: n.name, moref: `dvportgroup-${moref++}`, datacenterId: dc.id, machineManagerId: mm.id, vlanId: n.vlanId, hostClusterIds: clusterIds,
                });
            }
        }
        for (const os of seed.guestOperatingSystems) {
            store.put<GuestOs>("guestOs", { id: os.moref, name: os.moref, family: os.family, fullName: os.fullName });
        }
        for (const lib of seed.contentLibraries ?? []) {
            const mm = store.list<MachineManager>("machineManager").find((m) => m.availabilityZone === lib.availabilityZone);
            const libId = id("contentLibrary", lib.name);
            store.put<ContentLibrary>("contentLibrary", { id: libId, name: lib.name, machineManagerId: mm?.id ?? "", datastoreId: id("datastore", lib.datastore) });
            for (const item of lib.items) {
                store.put<ContentLibraryItem>("contentLibraryItem", {
                    id: id("contentLibraryItem", `${lib.name}/${item.name}`), name: item.name, contentLibraryId: libId, description: item.description ?? "",
                    type: item.type, size: item.sizeGiB * GiB, guestOperatingSystemMoref: item.guestOperatingSystemMoref, creationTime: "2026-01-15T09:00:00Z",
                    networkAdapters: item.networkAdapters ?? 1,
                });
            }
        }
        for (const p of seed.backupPolicies) {
            store.put<BackupPolicy>("policy", { id: id("policy", p.name), name: p.name, status: p.status ?? "ACTIVE", site: p.site, frequency: p.frequency, retentionDays: p.retentionDays });
        }
        // SPP job ids are numbers (the provider's job data source refuses anything else).
        seed.backupJobs.forEach((j, i) => {
            store.put<BackupJob>("job", { id: String(1001 + i), name: j.name, displayName: j.displayName ?? j.name, type: j.type, policyId: "" });
        });
        for (const r of seed.objectStorage.roles) {
            store.put<Role>("role", { id: id("role", r.name), name: r.name, description: r.description, permissions: r.permissions });
        }
        store.setMeta("namespace", seed.objectStorage.namespace);
        store.setMeta("seeded", new Date().toISOString());
        return tenant;
    });
}
