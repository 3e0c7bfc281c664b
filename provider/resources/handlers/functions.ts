// The lookup functions (invokes): the tenant's ordered inventory found by name. Arguments are
// checked against the declarations (provider/schema/functions.ts); a name the tenant does not
// have fails with the list of names it does have.
import { azBySite } from "../../catalog/region";
import { Bilingual, bilingual } from "../../catalog/errors";
import { ApiClient } from "../../api/client";
import * as backup from "../../api/backup";
import * as compute from "../../api/compute";
import * as iam from "../../api/iam";
import * as decls from "../../schema/functions";
import type { FunctionArgsOf, FunctionDecl, FunctionResultOf } from "../../schema/types";
import { Failures, checkProperties } from "../../schema/validate";
import { BackupPolicyInfo, DatastoreInfo, HostClusterInfo } from "../args";
import { Props } from "./properties";

export class LookupError extends Error {
    constructor(kind: Bilingual, field: string, value: string, known: string[]) {
        const list = known.length ? known.join(", ") : "—";
        super(
            bilingual({
                fr: `aucun(e) ${kind.fr} « ${value} » (${field}) dans ce tenant ; valeurs disponibles : ${list}`,
                en: `no ${kind.en} "${value}" (${field}) in this tenant; available values: ${list}`,
            }),
        );
        this.name = "LookupError";
    }
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

/** A function: its declaration and what it does, typed from the declaration. */
interface Lookup<F extends FunctionDecl> {
    declaration: F;
    run(client: ApiClient, args: FunctionArgsOf<F>): Promise<FunctionResultOf<F>>;
}

interface AnyLookup {
    declaration: FunctionDecl;
    run(client: ApiClient, args: Props): Promise<Props>;
}

/**
 * A lookup seen through property bags: `invoke` checks the arguments against the declaration
 * first. Curried, so that the declaration fixes the types before the implementation is read.
 */
function lookup<F extends FunctionDecl>(declaration: F): (run: Lookup<F>["run"]) => [string, AnyLookup] {
    return (run) => [declaration.token, { declaration, run } as unknown as AnyLookup];
}

export const functions: Record<string, AnyLookup> = Object.fromEntries([
    lookup(decls.getTenant)(async (client) => {
        const tenants = await iam.listTenants(client);
        const scope = client.tokens.claims.scope?.id;
        const tenant = tenants.find((t) => t.id === scope) ?? tenants[0];
        if (!tenant) {
            throw new Error(bilingual({ fr: "le jeton ne donne accès à aucun tenant", en: "the token gives access to no tenant" }));
        }
        return { id: tenant.id, name: tenant.name, snc: tenant.snc ?? false, companyId: tenant.companyId ?? "" };
    }),

    lookup(decls.getAvailabilityZones)(async (client) => {
        const datacenters = await compute.listVirtualDatacenters(client);
        const zones = datacenters
            .flatMap((d) => (d.availabilityZone ? [{ name: d.availabilityZone, datacenterId: d.id, datacenterName: d.name }] : []))
            .sort((a, b) => a.name.localeCompare(b.name));
        return { names: [...new Set(zones.map((z) => z.name))], zones };
    }),

    lookup(decls.getHostCluster)(async (client, { name }) => {
        const found = (await compute.listHostClusters(client, name)).find((c) => c.name === name);
        if (!found) {
            throw new LookupError(
                { fr: "grappe d'hôtes", en: "host cluster" },
                "name",
                name,
                (await compute.listHostClusters(client)).map((c) => c.name),
            );
        }
        return hostClusterInfo(found);
    }),

    lookup(decls.getDatastore)(async (client, { name }) => {
        const found = (await compute.listDatastores(client, name)).find((d) => d.name === name);
        if (!found) {
            throw new LookupError(
                { fr: "banque de données (LUN)", en: "datastore (LUN)" },
                "name",
                name,
                (await compute.listDatastores(client)).map((d) => d.name),
            );
        }
        return datastoreInfo(found);
    }),

    lookup(decls.getNetwork)(async (client, { name }) => {
        const found = (await compute.listNetworks(client, name)).find((n) => n.name === name);
        if (!found) {
            throw new LookupError(
                { fr: "réseau", en: "network" },
                "name",
                name,
                (await compute.listNetworks(client)).map((n) => n.name),
            );
        }
        return { id: found.id, name: found.name, moref: found.moref ?? "" };
    }),

    lookup(decls.getGuestOperatingSystem)(async (client, { moref }) => {
        const found = await compute.readGuestOs(client, moref);
        if (!found) {
            const known = await client
                .list<compute.GuestOsWire>("/compute/v1/vcenters/guest_operating_systems", undefined, { absentOn: [404] })
                .catch(() => []);
            throw new LookupError(
                { fr: "système d'exploitation invité", en: "guest operating system" },
                "moref",
                moref,
                known.map((g) => g.moref),
            );
        }
        return { moref: found.moref, family: found.family ?? "", fullName: found.fullName ?? "" };
    }),

    lookup(decls.getContentLibraryItem)(async (client, { name }) => {
        const names: string[] = [];
        for (const library of await compute.listContentLibraries(client)) {
            for (const item of await compute.listContentLibraryItems(client, library.id)) {
                if (item.name === name) {
                    return {
                        id: item.id,
                        name: item.name,
                        contentLibraryId: library.id,
                        contentLibraryName: library.name,
                        type: item.type ?? "",
                    };
                }
                names.push(item.name);
            }
        }
        throw new LookupError({ fr: "modèle de bibliothèque de contenu", en: "content library item" }, "name", name, names);
    }),

    lookup(decls.getBackupPolicy)(async (client, { name }) => {
        const all = await backup.listBackupPolicies(client);
        const found = all.find((p) => p.name === name);
        if (!found) {
            throw new LookupError(
                { fr: "politique de sauvegarde", en: "backup policy" },
                "name",
                name,
                all.map((p) => p.name),
            );
        }
        return backupPolicyInfo(found);
    }),
]);

/** Runs a function after checking its arguments; a bad argument fails before any API call, one line per mistake. */
export async function invokeFunction(token: string, client: () => ApiClient, args: Props): Promise<Props> {
    const fn = functions[token];
    if (!fn) {
        const known = Object.keys(functions).join(", ");
        throw new Error(
            bilingual({
                fr: `fonction inconnue ${token} ; fonctions connues : ${known}`,
                en: `unknown function ${token}; known functions: ${known}`,
            }),
        );
    }
    const failures = new Failures();
    checkProperties(fn.declaration.inputs, args, failures);
    if (failures.list.length > 0) {
        throw new Error(
            failures.list.map((f) => bilingual({ fr: `${token} : ${f.message.fr}`, en: `${token}: ${f.message.en}` })).join("\n"),
        );
    }
    return fn.run(client(), args);
}
