// Reads a YAML seed and writes the tenant it describes into a new store.
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { Static, Type } from "typebox";
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
    storageTiers,
    Tenant,
} from "../domain/model";
import { check } from "../domain/validation";

const text = Type.String({ minLength: 1, description: "a name", descriptionFr: "un nom" });
const count = (minimum: number, maximum: number) =>
    Type.Integer({
        minimum,
        maximum,
        description: `an integer from ${minimum} to ${maximum}`,
        descriptionFr: `un entier de ${minimum} à ${maximum}`,
    });
const oneOf = <T extends string>(values: readonly T[]) =>
    Type.Enum(values, { description: values.join(", "), descriptionFr: values.join(", ") });
const zones = Object.keys(siteOfZone) as AvailabilityZone[];
const sites = ["PAR7S", "TH3S", "DATA4"] as const satisfies readonly Site[];

/** The seed file's shape; the rules between fields (a zone's site, CIDRs) are checked after it. */
const SeedSchema = Type.Object({
    tenant: Type.Object({ name: text, company: text, snc: Type.Boolean(), region: Type.Optional(Type.String()) }),
    authorizedIps: Type.Array(Type.Object({ cidr: Type.String(), description: Type.Optional(Type.String()) })),
    availabilityZones: Type.Array(
        Type.Object({
            name: oneOf(zones),
            site: oneOf(sites),
            machineManager: text,
            datacenter: text,
            hostClusters: Type.Array(Type.Object({ name: text, bladeModel: oneOf(Object.keys(bladeModels)), hosts: count(1, 32) })),
            datastores: Type.Array(Type.Object({ name: text, tier: oneOf(storageTiers), capacityGiB: count(1, 1024 * 1024) })),
            datastoreClusters: Type.Optional(Type.Array(Type.Object({ name: text, datastores: Type.Array(Type.String()) }))),
            networks: Type.Array(Type.Object({ name: text, vlanId: count(1, 4094) })),
        }),
    ),
    guestOperatingSystems: Type.Array(Type.Object({ moref: text, family: text, fullName: text })),
    contentLibraries: Type.Optional(
        Type.Array(
            Type.Object({
                name: text,
                availabilityZone: oneOf(zones),
                datastore: text,
                items: Type.Array(
                    Type.Object({
                        name: text,
                        type: text,
                        sizeGiB: count(1, 62 * 1024),
                        guestOperatingSystemMoref: text,
                        description: Type.Optional(Type.String()),
                        networkAdapters: Type.Optional(count(0, 10)),
                    }),
                ),
            }),
        ),
    ),
    backupPolicies: Type.Array(
        Type.Object({
            name: text,
            site: Type.Optional(oneOf(sites)),
            frequency: oneOf(["DAILY", "WEEKLY", "NONE"] as const),
            retentionDays: count(0, 36_500),
            status: Type.Optional(oneOf(["ACTIVE", "HELD"] as const)),
        }),
    ),
    backupJobs: Type.Array(Type.Object({ name: text, displayName: Type.Optional(Type.String()), type: text })),
    objectStorage: Type.Object({
        namespace: text,
        roles: Type.Array(Type.Object({ name: text, description: Type.String(), permissions: Type.Array(Type.String()) })),
    }),
});

export type SeedFile = Static<typeof SeedSchema>;

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
    const parsed = YAML.parse(fs.readFileSync(file, "utf8")) as unknown;
    let seed: SeedFile;
    try {
        seed = check<SeedFile>(SeedSchema, parsed);
    } catch (e) {
        throw new Error(`${file}: ${(e as Error).message}`);
    }
    const fail = (where: string, fr: string, en: string) => new SeedError(file, where, fr, en);
    seed.authorizedIps.forEach((ip, i) => {
        const [addr, prefix] = ip.cidr.split("/");
        if (!net.isIP(addr) || prefix === undefined || !/^\d+$/.test(prefix)) {
            throw fail(
                `authorizedIps[${i}].cidr`,
                `CIDR invalide « ${ip.cidr} »`,
                `invalid CIDR "${ip.cidr}" (expected e.g. 127.0.0.1/32)`,
            );
        }
    });
    seed.availabilityZones.forEach((az, i) => {
        if (siteOfZone[az.name] !== az.site) {
            throw fail(
                `availabilityZones[${i}].site`,
                `${az.name} est sur le site ${siteOfZone[az.name]}`,
                `${az.name} is on site ${siteOfZone[az.name]}`,
            );
        }
    });
    return seed;
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
        seed.authorizedIps.forEach((ip) =>
            store.put<AuthorizedIp>("authorizedIp", { id: id("authorizedIp", ip.cidr), cidr: ip.cidr, description: ip.description ?? "" }),
        );
        let moref = 1000;
        for (const az of seed.availabilityZones) {
            const mm: MachineManager = { id: id("machineManager", az.machineManager), name: az.machineManager, availabilityZone: az.name };
            store.put("machineManager", mm);
            const dc: Datacenter = {
                id: id("datacenter", az.datacenter),
                name: az.datacenter,
                machineManagerId: mm.id,
                availabilityZone: az.name,
            };
            store.put("datacenter", dc);
            const clusterIds: string[] = [];
            for (const c of az.hostClusters) {
                const clusterId = id("hostCluster", c.name);
                clusterIds.push(clusterId);
                const hostIds: string[] = [];
                for (let h = 1; h <= c.hosts; h++) {
                    const hostName = `esx${String(h).padStart(3, "0")}-${c.name}.securetemple.lan`;
                    const host: Host = {
                        id: id("host", hostName),
                        name: hostName,
                        moref: `host-${moref++}`,
                        hostClusterId: clusterId,
                        datacenterId: dc.id,
                        machineManagerId: mm.id,
                    };
                    store.put("host", host);
                    hostIds.push(host.id);
                }
                store.put<HostCluster>("hostCluster", {
                    id: clusterId,
                    name: c.name,
                    moref: `domain-c${moref++}`,
                    datacenterId: dc.id,
                    machineManagerId: mm.id,
                    availabilityZone: az.name,
                    bladeModel: c.bladeModel,
                    hostIds,
                });
            }
            const datastoreIds = new Map<string, string>();
            for (const d of az.datastores) {
                const ds: Datastore = {
                    id: id("datastore", d.name),
                    name: d.name,
                    moref: `datastore-${moref++}`,
                    datacenterId: dc.id,
                    machineManagerId: mm.id,
                    availabilityZone: az.name,
                    tier: d.tier,
                    maxCapacity: d.capacityGiB * GiB,
                    hostClusterIds: clusterIds,
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
                store.put<DatastoreCluster>("datastoreCluster", {
                    id: scId,
                    name: sc.name,
                    moref: `group-p${moref++}`,
                    datacenterId: dc.id,
                    machineManagerId: mm.id,
                    datastoreIds: members,
                });
            }
            for (const n of az.networks) {
                store.put<Network>("network", {
                    id: id("network", n.name),
                    name: n.name,
                    moref: `dvportgroup-${moref++}`,
                    datacenterId: dc.id,
                    machineManagerId: mm.id,
                    vlanId: n.vlanId,
                    hostClusterIds: clusterIds,
                });
            }
        }
        for (const os of seed.guestOperatingSystems) {
            store.put<GuestOs>("guestOs", { id: os.moref, name: os.moref, family: os.family, fullName: os.fullName });
        }
        for (const lib of seed.contentLibraries ?? []) {
            const mm = store.list<MachineManager>("machineManager").find((m) => m.availabilityZone === lib.availabilityZone);
            const libId = id("contentLibrary", lib.name);
            store.put<ContentLibrary>("contentLibrary", {
                id: libId,
                name: lib.name,
                machineManagerId: mm?.id ?? "",
                datastoreId: id("datastore", lib.datastore),
            });
            for (const item of lib.items) {
                store.put<ContentLibraryItem>("contentLibraryItem", {
                    id: id("contentLibraryItem", `${lib.name}/${item.name}`),
                    name: item.name,
                    contentLibraryId: libId,
                    description: item.description ?? "",
                    type: item.type,
                    size: item.sizeGiB * GiB,
                    guestOperatingSystemMoref: item.guestOperatingSystemMoref,
                    creationTime: "2026-01-15T09:00:00Z",
                    networkAdapters: item.networkAdapters ?? 1,
                });
            }
        }
        for (const p of seed.backupPolicies) {
            store.put<BackupPolicy>("policy", {
                id: id("policy", p.name),
                name: p.name,
                status: p.status ?? "ACTIVE",
                site: p.site,
                frequency: p.frequency,
                retentionDays: p.retentionDays,
            });
        }
        // SPP job ids are numbers (the provider's job data source refuses anything else).
        seed.backupJobs.forEach((j, i) => {
            store.put<BackupJob>("job", {
                id: String(1001 + i),
                name: j.name,
                displayName: j.displayName ?? j.name,
                type: j.type,
                policyId: "",
            });
        });
        for (const r of seed.objectStorage.roles) {
            store.put<Role>("role", { id: id("role", r.name), name: r.name, description: r.description, permissions: r.permissions });
        }
        store.setMeta("namespace", seed.objectStorage.namespace);
        store.setMeta("seeded", new Date().toISOString());
        return tenant;
    });
}
