// Compute (VMware) under /api/compute/v1/vcenters. Every route declares the schema of its body,
// path parameters and query; the handlers receive them typed and checked.
import { notFound } from "../../domain/errors";
import {
    ContentLibrary,
    ContentLibraryItem,
    Datacenter,
    Datastore,
    DatastoreCluster,
    GuestOs,
    Host,
    HostCluster,
    MachineManager,
    Network,
    NetworkAdapter,
    VirtualDisk,
    VirtualMachine,
} from "../../domain/model";
import {
    AdapterConnect,
    AdapterCreate,
    AdapterUpdate,
    DiskCreate,
    DiskUpdate,
    LibraryDeploy,
    params,
    query,
    VmClone,
    VmCreate,
    VmGuest,
    VmPower,
    VmRelocate,
    VmRename,
    VmUpdate,
} from "../../domain/requests";
import { queryValue, queryValues } from "../../domain/validate";
import * as views from "../../domain/views";
import { Kind, Store } from "../../store/database";
import { accepted, ApiContext, App } from "../context";

const base = "/api/compute/v1/vcenters";
const byId = { schema: { params: params("id") } };

/** Looks objects up by kind and id: a 404 that names the object when there is none. */
function finder(store: Store) {
    return function one<T>(kind: Kind, id: string, what: string, quoi: string): T {
        const o = store.get<T>(kind, id);
        if (!o) {
            throw notFound(what, quoi, id);
        }
        return o;
    };
}

/** Keeps items whose field equals the query value, when the query has one. */
function by<T>(items: T[], q: unknown, key: string, get: (t: T) => string | string[] | undefined): T[] {
    const wanted = queryValues(q, key);
    if (wanted.length === 0) {
        return items;
    }
    return items.filter((t) => {
        const v = get(t);
        return Array.isArray(v) ? v.some((x) => wanted.includes(x)) : v !== undefined && wanted.includes(v);
    });
}

export function registerComputeRoutes(app: App, ctx: ApiContext): void {
    registerInventoryRoutes(app, ctx);
    registerVcenterObjectRoutes(app, ctx);
    registerLibraryRoutes(app, ctx);
    registerVmRoutes(app, ctx);
    registerDiskRoutes(app, ctx);
    registerAdapterRoutes(app, ctx);
}

/** Machine managers, datacenters, host clusters, hosts, datastores and networks. */
function registerInventoryRoutes(app: App, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const one = finder(store);
    const tenant = () => ctx.platform.tenant();
    const clusterOf = (id: string) => store.get<HostCluster>("hostCluster", id);

    // machine managers (vCenters)
    app.get("/api/compute/v1/vcenters", async () =>
        store.list<MachineManager>("machineManager").map((m) => views.machineManagerView(store, m, tenant())),
    );
    app.get(`${base}/:id`, byId, async (req) =>
        views.machineManagerView(store, one<MachineManager>("machineManager", req.params.id, "Machine manager", "vCenter"), tenant()),
    );

    // virtual datacenters
    app.get(`${base}/virtual_datacenters`, { schema: { querystring: query("name", "machineManagerId") } }, async (req) => {
        let items = store.list<Datacenter>("datacenter");
        items = by(items, req.query, "name", (d) => d.name);
        items = by(items, req.query, "machineManagerId", (d) => d.machineManagerId);
        return items.map((d) => views.datacenterView(store, d, tenant()));
    });
    app.get(`${base}/virtual_datacenters/:id`, byId, async (req) =>
        views.datacenterView(store, one<Datacenter>("datacenter", req.params.id, "Virtual datacenter", "Datacenter virtuel"), tenant()),
    );

    // host clusters
    app.get(
        `${base}/host_clusters`,
        { schema: { querystring: query("name", "machineManagerId", "datacenterId", "datastoreId", "datastoreClusterId") } },
        async (req) => {
            const datastores = store.list<Datastore>("datastore");
            let items = store.list<HostCluster>("hostCluster");
            items = by(items, req.query, "name", (c) => c.name);
            items = by(items, req.query, "machineManagerId", (c) => c.machineManagerId);
            items = by(items, req.query, "datacenterId", (c) => c.datacenterId);
            items = by(items, req.query, "datastoreId", (c) => datastores.filter((d) => d.hostClusterIds.includes(c.id)).map((d) => d.id));
            items = by(items, req.query, "datastoreClusterId", (c) =>
                datastores.filter((d) => d.hostClusterIds.includes(c.id)).map((d) => d.datastoreClusterId ?? ""),
            );
            return items.map((c) => views.hostClusterView(store, c));
        },
    );
    app.get(`${base}/host_clusters/:id`, byId, async (req) =>
        views.hostClusterView(store, one<HostCluster>("hostCluster", req.params.id, "Host cluster", "Cluster d'hôtes")),
    );

    // hosts
    app.get(
        `${base}/hosts`,
        { schema: { querystring: query("name", "machineManagerId", "datacenterId", "hostClusterId", "datastoreId") } },
        async (req) => {
            const datastores = store.list<Datastore>("datastore");
            let items = store.list<Host>("host");
            items = by(items, req.query, "name", (h) => h.name);
            items = by(items, req.query, "machineManagerId", (h) => h.machineManagerId);
            items = by(items, req.query, "datacenterId", (h) => h.datacenterId);
            items = by(items, req.query, "hostClusterId", (h) => h.hostClusterId);
            items = by(items, req.query, "datastoreId", (h) =>
                datastores.filter((d) => d.hostClusterIds.includes(h.hostClusterId)).map((d) => d.id),
            );
            return items.map((h) => views.hostView(store, h));
        },
    );
    app.get(`${base}/hosts/:id`, byId, async (req) => views.hostView(store, one<Host>("host", req.params.id, "Host", "Hôte")));

    // datastores and datastore clusters
    app.get(
        `${base}/datastores`,
        { schema: { querystring: query("name", "machineManagerId", "datacenterId", "hostClusterId", "hostId", "datastoreClusterId") } },
        async (req) => {
            let items = store.list<Datastore>("datastore");
            items = by(items, req.query, "name", (d) => d.name);
            items = by(items, req.query, "machineManagerId", (d) => d.machineManagerId);
            items = by(items, req.query, "datacenterId", (d) => d.datacenterId);
            items = by(items, req.query, "hostClusterId", (d) => d.hostClusterIds);
            items = by(items, req.query, "hostId", (d) => d.hostClusterIds.flatMap((c) => clusterOf(c)?.hostIds ?? []));
            items = by(items, req.query, "datastoreClusterId", (d) => d.datastoreClusterId);
            return items.map((d) => views.datastoreView(store, d));
        },
    );
    app.get(`${base}/datastores/:id`, byId, async (req) =>
        views.datastoreView(store, one<Datastore>("datastore", req.params.id, "Datastore", "Datastore")),
    );
    app.get(
        `${base}/datastore_clusters`,
        { schema: { querystring: query("name", "machineManagerId", "datacenterId", "hostClusterId") } },
        async (req) => {
            let items = store.list<DatastoreCluster>("datastoreCluster");
            items = by(items, req.query, "name", (d) => d.name);
            items = by(items, req.query, "machineManagerId", (d) => d.machineManagerId);
            items = by(items, req.query, "datacenterId", (d) => d.datacenterId);
            items = by(items, req.query, "hostClusterId", (d) =>
                d.datastoreIds.flatMap((id) => store.get<Datastore>("datastore", id)?.hostClusterIds ?? []),
            );
            return items.map((d) => views.datastoreClusterView(store, d));
        },
    );
    app.get(`${base}/datastore_clusters/:id`, byId, async (req) =>
        views.datastoreClusterView(
            store,
            one<DatastoreCluster>("datastoreCluster", req.params.id, "Datastore cluster", "Cluster de datastores"),
        ),
    );

    // networks
    app.get(
        `${base}/networks`,
        { schema: { querystring: query("name", "machineManagerId", "datacenterId", "hostClusterId", "virtualMachineId") } },
        async (req) => {
            let items = store.list<Network>("network");
            items = by(items, req.query, "name", (n) => n.name);
            items = by(items, req.query, "machineManagerId", (n) => n.machineManagerId);
            items = by(items, req.query, "datacenterId", (n) => n.datacenterId);
            items = by(items, req.query, "hostClusterId", (n) => n.hostClusterIds);
            items = by(items, req.query, "virtualMachineId", (n) =>
                store.where<NetworkAdapter>("adapter", "networkId", n.id).map((a) => a.virtualMachineId),
            );
            return items.map((n) => views.networkView(store, n));
        },
    );
    app.get(`${base}/networks/:id`, byId, async (req) =>
        views.networkView(store, one<Network>("network", req.params.id, "Network", "Réseau")),
    );
}

/** The vCenter's own objects: folders, resource pools, distributed switches. */
function registerVcenterObjectRoutes(app: App, ctx: ApiContext): void {
    const { vcenter } = ctx;

    // folders, resource pools and distributed switches: the vCenter's own objects
    app.get(`${base}/folders`, { schema: { querystring: query("name", "machineManagerId", "datacenterId") } }, async (req) => {
        let items = vcenter.folders();
        items = by(items, req.query, "name", (f) => f.name);
        items = by(items, req.query, "machineManagerId", (f) => f.machineManagerId);
        items = by(items, req.query, "datacenterId", (f) => f.datacenterId);
        return items.map((f) => vcenter.folderView(f));
    });
    app.get(`${base}/folders/:id`, byId, async (req) => {
        const f = vcenter.folders().find((x) => x.id === req.params.id);
        if (!f) {
            throw notFound("Folder", "Dossier", req.params.id);
        }
        return vcenter.folderView(f);
    });
    app.get(
        `${base}/resource_pools`,
        { schema: { querystring: query("name", "machineManagerId", "datacenterId", "hostClusterId") } },
        async (req) => {
            let items = vcenter.resourcePools();
            items = by(items, req.query, "name", (p) => p.name);
            items = by(items, req.query, "machineManagerId", (p) => p.machineManagerId);
            items = by(items, req.query, "datacenterId", (p) => p.datacenterId);
            items = by(items, req.query, "hostClusterId", (p) => p.hostClusterId);
            return items.map((p) => vcenter.resourcePoolView(p));
        },
    );
    app.get(`${base}/resource_pools/:id`, byId, async (req) => {
        const p = vcenter.resourcePools().find((x) => x.id === req.params.id);
        if (!p) {
            throw notFound("Resource pool", "Pool de ressources", req.params.id);
        }
        return vcenter.resourcePoolView(p);
    });
    app.get(
        `${base}/virtual_switchs`,
        { schema: { querystring: query("name", "machineManagerId", "datacenterId", "hostClusterId") } },
        async (req) => {
            let items = vcenter.virtualSwitches();
            items = by(items, req.query, "name", (v) => v.name);
            items = by(items, req.query, "machineManagerId", (v) => v.machineManagerId);
            items = by(items, req.query, "datacenterId", (v) => v.datacenterId);
            items = by(items, req.query, "hostClusterId", (v) => v.hostClusterId);
            return items.map((v) => vcenter.virtualSwitchView(v));
        },
    );
    app.get(`${base}/virtual_switchs/:id`, byId, async (req) => {
        const v = vcenter.virtualSwitches().find((x) => x.id === req.params.id);
        if (!v) {
            throw notFound("Virtual switch", "Commutateur virtuel", req.params.id);
        }
        return vcenter.virtualSwitchView(v);
    });
}

/** Guest operating systems, content libraries and deployments from them. */
function registerLibraryRoutes(app: App, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const one = finder(store);
    const { compute } = ctx;

    // guest operating systems: a moref the cluster does not know is a 500 on the real API (the clients read it as "not found")
    app.get(
        `${base}/guest_operating_systems`,
        { schema: { querystring: query("hostClusterId", "hostId", "osFamily", "version") } },
        async (req) => by(store.list<GuestOs>("guestOs"), req.query, "osFamily", (g) => g.family).map(views.guestOsView),
    );
    app.get(`${base}/guest_operating_systems/:moref`, { schema: { params: params("moref") } }, async (req, reply) => {
        const g = store.get<GuestOs>("guestOs", req.params.moref);
        if (!g) {
            return reply.code(500).send({
                error: {
                    status: "500 Internal Server Error",
                    message: `système invité inconnu / unknown guest operating system ${req.params.moref}`,
                },
            });
        }
        return views.guestOsView(g);
    });

    // content libraries
    app.get(`${base}/content_libraries`, { schema: { querystring: query("name", "machineManagerId") } }, async (req) => {
        let items = store.list<ContentLibrary>("contentLibrary");
        items = by(items, req.query, "name", (l) => l.name);
        items = by(items, req.query, "machineManagerId", (l) => l.machineManagerId);
        return items.map((l) => views.contentLibraryView(store, l));
    });
    const library = (id: string) => one<ContentLibrary>("contentLibrary", id, "Content library", "Bibliothèque de contenu");
    app.get(`${base}/content_libraries/:id`, byId, async (req) => views.contentLibraryView(store, library(req.params.id)));
    app.get(`${base}/content_libraries/:id/items`, { schema: { params: params("id"), querystring: query("name") } }, async (req) => {
        const lib = library(req.params.id);
        const items = by(
            store.where<ContentLibraryItem>("contentLibraryItem", "contentLibraryId", lib.id),
            req.query,
            "name",
            (i) => i.name,
        );
        return items.map(views.contentLibraryItemView);
    });
    app.get(`${base}/content_libraries/:id/items/:itemId`, { schema: { params: params("id", "itemId") } }, async (req) => {
        const item = store.get<ContentLibraryItem>("contentLibraryItem", req.params.itemId);
        if (!item || item.contentLibraryId !== req.params.id) {
            throw notFound("Content library item", "Élément de bibliothèque", req.params.itemId);
        }
        return views.contentLibraryItemView(item);
    });
    app.post(`${base}/content_libraries/:id/items`, { schema: { params: params("id"), body: LibraryDeploy } }, async (req, reply) =>
        accepted(reply, compute.deploy(library(req.params.id).id, req.body)),
    );
}

/** Virtual machines: lifecycle, power, moves. */
function registerVmRoutes(app: App, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const { compute, relocation } = ctx;

    // virtual machines
    const vmQuery = query("name", "machineManagerId", "datacenters", "hostClusters", "hosts", "datastores", "networks");
    app.get(`${base}/virtual_machines`, { schema: { querystring: vmQuery } }, async (req) => {
        const q = req.query;
        let items = store.list<VirtualMachine>("vm");
        items = by(items, q, "name", (v) => v.name);
        items = by(items, q, "machineManagerId", (v) => store.get<Datacenter>("datacenter", v.datacenterId)?.machineManagerId);
        items = by(items, q, "datacenters", (v) => v.datacenterId);
        items = by(items, q, "hostClusters", (v) => v.hostClusterId);
        items = by(items, q, "hosts", (v) => v.hostId);
        items = by(items, q, "datastores", (v) => v.datastoreId);
        items = by(items, q, "networks", (v) => store.where<NetworkAdapter>("adapter", "virtualMachineId", v.id).map((a) => a.networkId));
        return items.map((v) => views.vmView(store, v));
    });
    app.post(`${base}/virtual_machines`, { schema: { body: VmCreate } }, async (req, reply) => accepted(reply, compute.create(req.body)));
    app.patch(`${base}/virtual_machines`, { schema: { body: VmUpdate } }, async (req, reply) => accepted(reply, compute.update(req.body)));
    app.patch(`${base}/virtual_machines/power`, { schema: { body: VmPower } }, async (req, reply) =>
        accepted(reply, compute.power(req.body)),
    );
    app.get(
        `${base}/virtual_machines/power/recommendations`,
        { schema: { querystring: query("virtualMachineId", "hostClusterId", "datacenterId") } },
        async (req, reply) => {
            const recs = relocation.recommendations({
                virtualMachineId: queryValue(req.query, "virtualMachineId"),
                hostClusterId: queryValue(req.query, "hostClusterId"),
            });
            return recs.length === 0
                ? reply.code(404).send({ error: { status: "404 Not Found", message: "aucune recommandation / no recommendation" } })
                : recs;
        },
    );
    app.post(`${base}/virtual_machines/relocate`, { schema: { body: VmRelocate } }, async (req, reply) =>
        accepted(reply, relocation.relocate(req.body)),
    );
    app.patch(`${base}/virtual_machines/rename`, { schema: { body: VmRename } }, async (req, reply) =>
        accepted(reply, compute.rename(req.body.id, req.body.name)),
    );
    app.get(`${base}/virtual_machines/:id`, byId, async (req) => views.vmView(store, compute.vm(req.params.id)));
    app.delete(`${base}/virtual_machines/:id`, byId, async (req, reply) => accepted(reply, compute.remove(req.params.id)));
    app.post(`${base}/virtual_machines/:id/clone`, { schema: { params: params("id"), body: VmClone } }, async (req, reply) =>
        accepted(reply, compute.clone(req.params.id, req.body)),
    );
    app.patch(`${base}/virtual_machines/:id/guest`, { schema: { params: params("id"), body: VmGuest } }, async (req, reply) =>
        accepted(reply, compute.guest(req.params.id, req.body.guestOperatingSystemMoref)),
    );
    app.patch(`${base}/virtual_machines/:id/guest/customize`, byId, async (req, reply) =>
        accepted(reply, compute.acknowledge(req.params.id, "Personnalisation de l'invité / Guest customisation of")),
    );
    app.patch(`${base}/virtual_machines/:id/extra_config`, byId, async (req, reply) =>
        accepted(reply, compute.acknowledge(req.params.id, "Configuration avancée / Extra configuration of")),
    );
}

/** Virtual disks. */
function registerDiskRoutes(app: App, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const { disks } = ctx;

    // virtual disks
    app.get(`${base}/virtual_disks`, { schema: { querystring: query("virtualMachineId", "name") } }, async (req) => {
        let items = store.list<VirtualDisk>("disk");
        items = by(items, req.query, "virtualMachineId", (d) => d.virtualMachineId);
        items = by(items, req.query, "name", (d) => d.name);
        return items.map((d) => views.diskView(store, d));
    });
    app.post(`${base}/virtual_disks`, { schema: { body: DiskCreate } }, async (req, reply) => accepted(reply, disks.createDisk(req.body)));
    app.patch(`${base}/virtual_disks`, { schema: { body: DiskUpdate } }, async (req, reply) => accepted(reply, disks.updateDisk(req.body)));
    app.get(`${base}/virtual_disks/:id`, byId, async (req) => views.diskView(store, disks.disk(req.params.id)));
    app.delete(`${base}/virtual_disks/:id`, byId, async (req, reply) => accepted(reply, disks.removeDisk(req.params.id)));
}

/** Network adapters. */
function registerAdapterRoutes(app: App, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const { adapters } = ctx;

    // network adapters
    app.get(`${base}/network_adapters`, { schema: { querystring: query("virtualMachineId") } }, async (req) =>
        by(store.list<NetworkAdapter>("adapter"), req.query, "virtualMachineId", (a) => a.virtualMachineId).map((a) =>
            views.adapterView(store, a),
        ),
    );
    app.post(`${base}/network_adapters`, { schema: { body: AdapterCreate } }, async (req, reply) =>
        accepted(reply, adapters.createAdapter(req.body)),
    );
    app.patch(`${base}/network_adapters`, { schema: { body: AdapterUpdate } }, async (req, reply) =>
        accepted(reply, adapters.updateAdapter(req.body)),
    );
    app.patch(`${base}/network_adapters/connect`, { schema: { body: AdapterConnect } }, async (req, reply) =>
        accepted(reply, adapters.connect(req.body.id, true)),
    );
    app.patch(`${base}/network_adapters/disconnect`, { schema: { body: AdapterConnect } }, async (req, reply) =>
        accepted(reply, adapters.connect(req.body.id, false)),
    );
    app.get(`${base}/network_adapters/:id`, byId, async (req) => views.adapterView(store, adapters.adapter(req.params.id)));
    app.delete(`${base}/network_adapters/:id`, byId, async (req, reply) => accepted(reply, adapters.removeAdapter(req.params.id)));
}
