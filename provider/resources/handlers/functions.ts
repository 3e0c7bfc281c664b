// The lookup functions (invokes): the tenant's ordered inventory found by name. A name the
// tenant does not have fails with the list of names it does have.
import { azBySite } from "../../catalog/region";
import { ApiClient } from "../../api/client";
import * as backup from "../../api/backup";
import * as compute from "../../api/compute";
import * as iam from "../../api/iam";
import { BackupPolicyInfo, DatastoreInfo, HostClusterInfo } from "../args";
import { functionTokens } from "../tokens";
import { Props } from "./properties";

export class LookupError extends Error {
    constructor(kind: { fr: string; en: string }, field: string, value: string, known: string[]) {
        const list = known.length ? known.join(", ") : "—";
        super(`FR : aucun(e) ${kind.fr} « ${value} » (${field}) dans ce tenant ; valeurs disponibles : ${list} / EN: no ${kind.en} "${value}" (${field}) in this tenant; available values: ${list}`);
        this.name = "LookupError";
    }
}

function requireArg(args: Props, field: string): string {
    const value = args[field];
    if (typeof value !== "string" || value === "") {
        throw new Error(`FR : l'argument « ${field} » est obligatoire (une chaîne) / EN: argument "${field}" is required (a string)`);
    }
    return value;
}

export function hostClusterInfo(c: compute.HostClusterWire): HostClusterInfo {
    const total = c.metrics?.totalMemory ?? 0;
    return {
        id: c.id,
        name: c.name,
        availabilityZone: c.availabilityZone ?? "",
        bladeModel: c.bladeModel ?? "",
        hostCount: c.hostsNumber ?? c.hosts?.length ?? 0,
        datacenterId: c.datacenter?.id ?? "",
        totalMemory: total,
        freeMemory: Math.max(0, total - (c.metrics?.memoryUsed ?? 0)),
    };
}

export function datastoreInfo(d: compute.DatastoreWire): DatastoreInfo {
    return {
        id: d.id,
        name: d.name,
        availabilityZone: d.availabilityZone ?? "",
        tier: d.tier ?? "",
        capacity: d.maxCapacity ?? 0,
        freeCapacity: d.freeCapacity ?? 0,
        datacenterId: d.datacenter?.id ?? d.datacenterId ?? "",
    };
}

export function backupPolicyInfo(p: backup.BackupPolicyWire): BackupPolicyInfo {
    const site = p.subPolicies?.find((s) => s.site)?.site ?? "";
    return { id: p.id, name: p.name, site, availabilityZone: site ? (azBySite(site) ?? "") : "", status: p.status ?? "ACTIVE" };
}

type Invoke = (client: ApiClient, args: Props) => Promise<Props>;

export const functions: Record<string, Invoke> = {
    [functionTokens.getTenant]: async (client) => {
        const tenants = await iam.listTenants(client);
        const scope = client.tokens.claims.scope?.id;
        const tenant = tenants.find((t) => t.id === scope) ?? tenants[0];
        if (!tenant) {
            throw new Error("FR : le jeton ne donne accès à aucun tenant / EN: the token gives access to no tenant");
        }
        return { id: tenant.id, name: tenant.name, snc: tenant.snc ?? false, companyId: tenant.companyId ?? "" };
    },

    [functionTokens.getAvailabilityZones]: async (client) => {
        const datacenters = await compute.listVirtualDatacenters(client);
        const zones = datacenters
            .filter((d) => d.availabilityZone)
            .map((d) => ({ name: d.availabilityZone as string, datacenterId: d.id, datacenterName: d.name }))
            .sort((a, b) => a.name.localeCompare(b.name));
        return { names: [...new Set(zones.map((z) => z.name))], zones };
    },

    [functionTokens.getHostCluster]: async (client, args) => {
        const name = requireArg(args, "name");
        const found = (await compute.listHostClusters(client, name)).find((c) => c.name === name);
        if (!found) {
            throw new LookupError({ fr: "grappe d'hôtes", en: "host cluster" }, "name", name, (await compute.listHostClusters(client)).map((c) => c.name));
        }
        return { ...hostClusterInfo(found) };
    },

    [functionTokens.getDatastore]: async (client, args) => {
        const name = requireArg(args, "name");
        const found = (await compute.listDatastores(client, name)).find((d) => d.name === name);
        if (!found) {
            throw new LookupError({ fr: "banque de données (LUN)", en: "datastore (LUN)" }, "name", name, (await compute.listDatastores(client)).map((d) => d.name));
        }
        return { ...datastoreInfo(found) };
    },

    [functionTokens.getNetwork]: async (client, args) => {
        const name = requireArg(args, "name");
        const found = (await compute.listNetworks(client, name)).find((n) => n.name === name);
        if (!found) {
            throw new LookupError({ fr: "réseau", en: "network" }, "name", name, (await compute.listNetworks(client)).map((n) => n.name));
        }
        return { id: found.id, name: found.name, moref: found.moref ?? "" };
    },

    [functionTokens.getGuestOperatingSystem]: async (client, args) => {
        const moref = requireArg(args, "moref");
        const found = await compute.readGuestOs(client, moref);
        if (!found) {
            const known = await client.list<compute.GuestOsWire>("/compute/v1/vcenters/guest_operating_systems", undefined, { absentOn: [404] }).catch(() => []);
            throw new LookupError({ fr: "système d'exploitation invité", en: "guest operating system" }, "moref", moref, known.map((g) => g.moref));
        }
        return { moref: found.moref, family: found.family ?? "", fullName: found.fullName ?? "" };
    },

    [functionTokens.getContentLibraryItem]: async (client, args) => {
        const name = requireArg(args, "name");
        const names: string[] = [];
        for (const library of await compute.listContentLibraries(client)) {
            for (const item of await compute.listContentLibraryItems(client, library.id)) {
                if (item.name === name) {
                    return { id: item.id, name: item.name, contentLibraryId: library.id, contentLibraryName: library.name, type: item.type ?? "" };
                }
                names.push(item.name);
            }
        }
        throw new LookupError({ fr: "modèle de bibliothèque de contenu", en: "content library item" }, "name", name, names);
    },

    [functionTokens.getBackupPolicy]: async (client, args) => {
        const name = requireArg(args, "name");
        const all = await backup.listBackupPolicies(client);
        const found = all.find((p) => p.name === name);
        if (!found) {
            throw new LookupError({ fr: "politique de sauvegarde", en: "backup policy" }, "name", name, all.map((p) => p.name));
        }
        return { ...backupPolicyInfo(found) };
    },
};
