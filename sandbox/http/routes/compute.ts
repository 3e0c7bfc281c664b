// Compute (VMware) under /api/compute/v1/vcenters.
import { FastifyInstance } from "fastify";
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
import { queryValue, queryValues } from "../../domain/validate";
import * as views from "../../domain/views";
import { Kind } from "../../store/database";
import { accepted, ApiContext, Params } from "../context";

const base = "/api/compute/v1/vcenters";

export function registerComputeRoutes(app: FastifyInstance, ctx: ApiContext): void {
    const store = ctx.platform.store;
    const { compute } = ctx;

    function one<T>(kind: Kind, id: string, what: string, quoi: string): T {
        const o = store.get<T>(kind, id);
        if (!o) {
            throw notFound(what, quoi, id);
        }
        return o;
    }

    /** Keeps items whose field equals the query value, when the query has one. */
    function by<T>(items: T[], query: unknown, key: string, get: (t: T) => string | string[] | undefined): T[] {
        const wanted = queryValues(query, key);
        if (wanted.length === 0) {
            return items;
        }
        return items.filter((t) => {
            const v = get(t);
            return Array.isArray(v) ? v.some((x) => wanted.includes(x)) : v !== undefined && wanted.includes(v);
        });
    }

    const tenant = () => ctx.platform.tenant();

    // machine managers (vCenters)
    app.get("/api/compute/v1/vcenters", async () => store.list<MachineManager>("machineManager").map((m) => views.machineManagerView(store, m, tenant())));
    app.get(`${base}/:id`, async (req) => {
        const { id } = req.params as Params;
        return views.machineManagerView(store, one<MachineManager>("machineManager", id, "Machine manager", "vCenter"), tenant());
    });

    // virtual datacenters
    app.get(`${base}/virtual_datacenters`, async (req) => {
        let items = store.list<Datacenter>("datacenter");
        items = by(items, req.query, "name", (d) => d.name);
        items = by(items, req.query, "machineManagerId", (d) => d.machineManagerId);
        return items.map((d) => views.datacenterView(store, d, tenant()));
    });
    app.get(`${base}/virtual_datacenters/:id`, async (req) =>
        views.datacenterView(store, one<Datacenter>("datacenter", (req.params as Params).id, "Virtual datacenter", "Datacenter virtuel"), tenant()));

    // host clusters
    app.get(`${base}/host_clusters`, async (req) => {
        let items = store.list<HostCluster>("hostCluster");
        items = by(items, req.query, "name", (c) => c.name);
        items = by(items, req.query, "machineManagerId", (c) => c.machineManagerId);
        items = by(items, req.query, "datacenterId", (c) => c.datacenterId);
        items = by(items, req.query, "datastoreId", (c) => store.list<Datastore>("datastore").filter((d) => d.hostClusterIds.includes(c.id)).map((d) => d.id));
        items = by(items, req.query, "datastoreClusterId", (c) => store.list<Datastore>("datastore").filter((d) => d.hostClusterIds.includes(c.id)).map((d) => d.datastoreClusterId ?? ""));
        return items.map((c) => views.hostClusterView(store, c));
    });
    app.get(`${base}/host_clusters/:id`, async (req) =>
        views.hostClusterView(store, one<HostCluster>("hostCluster", (req.params as Params).id, "Host cluster", "Cluster d'hôtes")));

    // hosts
    app.get(`${base}/hosts`, async (req) => {
        let items = store.list<Host>("host");
        items = by(items, req.query, "name", (h) => h.name);
        items = by(items, req.query, "machineManagerId", (h) => h.machineManagerId);
        items = by(items, req.query, "datacenterId", (h) => h.datacenterId);
        items = by(items, req.query, "hostClusterId", (h) => h.hostClusterId);
        items = by(items, req.query, "datastoreId", (h) => store.list<Datastore>("datastore").filter((d) => d.hostClusterIds.includes(h.hostClusterId)).map((d) => d.id));
        return items.map((h) => views.hostView(store, h));
    });
    app.get(`${base}/hosts/:id`, async (req) => views.hostView(store, one<Host>("host", (req.params as Params).id, "Host", "Hôte")));

    // datastores and datastore clusters
    app.get(`${base}/datastores`, async (req) => {
        let items = store.list<Datastore>("datastore");
        items = by(items, req.query, "name", (d) => d.name);
        items = by(items, req.query, "machineManagerId", (d) => d.machineManagerId);
        items = by(items, req.query, "datacenterId", (d) => d.datacenterId);
        items = by(items, req.query, "hostClusterId", (d) => d.hostClusterIds);
        items = by(items, req.query, "hostId", (d) => d.hostClusterIds.flatMap((c) => store.get<HostCluster>("hostCluster", c)?.hostIds ?? []));
        items = by(items, req.query, "datastoreClusterId", (d) => d.datastoreClusterId);
        return items.map((d) => views.datastoreView(store, d));
    });
    app.get(`${base}/datastores/:id`, async (req) => views.datastoreView(store, one<Datastore>("datastore", (req.params as Params).id, "Datastore", "Datastore")));
    app.get(`${base}/datastore_clusters`, async (req) => {
        let items = store.list<DatastoreCluster>("datastoreCluster");
        items = by(items, req.query, "name", (d) => d.name);
        items = by(items, req.query, "machineManagerId", (d) => d.machineManagerId);
        items = by(items, req.query, "datacenterId", (d) => d.datacenterId);
        items = by(items, req.query, "hostClusterId", (d) => d.datastoreIds.flatMap((id) => store.get<Datastore>("datastore", id)?.hostClusterIds ?? []));
        return items.map((d) => views.datastoreClusterView(store, d));
    });
    app.get(`${base}/datastore_clusters/:id`, async (req) =>
        views.datastoreClusterView(store, one<DatastoreCluster>("datastoreCluster", (req.params as Params).id, "Datastore cluster", "Cluster de datastores")));

    // networks
    app.get(`${base}/networks`, async (req) => {
        let items = store.list<Network>("network");
        items = by(items, req.query, "name", (n) => n.name);
        items = by(items, req.query, "machineManagerId", (n) => n.machineManagerId);
        items = by(items, req.query, "datacenterId", (n) => n.datacenterId);
        items = by(items, req.query, "hostClusterId", (n) => n.hostClusterIds);
        items = by(items, req.query, "virtualMachineId", (n) => store.list<NetworkAdapter>("adapter").filter((a) => a.networkId === n.id).map((a) => a.virtualMachineId));
        return items.map((n) => views.networkView(store, n));
    });
    app.get(`${base}/networks/:id`, async (req) => views.networkView(store, one<Network>("network", (req.params as Params).id, "Network", "Réseau")));

    // guest operating systems: a moref the cluster does not know is a 500 on the real API (the clients read it as "not found")
    app.get(`${base}/guest_operating_systems`, async (req) => {
        let items = store.list<GuestOs>("guestOs");
        items = by(items, req.query, "osFamily", (g) => g.family);
        return items.map(views.guestOsView);
    });
    app.get(`${base}/guest_operating_systems/:moref`, async (req, reply) => {
        const g = store.get<GuestOs>("guestOs", (req.params as Params).moref);
        if (!g) {
            return reply.code(500).send({ error: { status: "500 Internal Server Error", message: `système invité inconnu / unknown guest operating system ${(req.params as Params).moref}` } });
        }
        return views.guestOsView(g);
    });

    // content libraries
    app.get(`${base}/content_libraries`, async (req) => {
        let items = store.list<ContentLibrary>("contentLibrary");
        items = by(items, req.query, "name", (l) => l.name);
        items = by(items, req.query, "machineManagerId", (l) => l.machineManagerId);
        return items.map((l) => views.contentLibraryView(store, l));
    });
    app.get(`${base}/content_libraries/:id`, async (req) =>
        views.contentLibraryView(store, one<ContentLibrary>("contentLibrary", (req.params as Params).id, "Content library", "Bibliothèque de contenu")));
    app.get(`${base}/content_libraries/:id/items`, async (req) => {
        const lib = one<ContentLibrary>("contentLibrary", (req.params as Params).id, "Content library", "Bibliothèque de contenu");
        let items = store.list<ContentLibraryItem>("contentLibraryItem").filter((i) => i.contentLibraryId === lib.id);
        items = by(items, req.query, "name", (i) => i.name);
        return items.map(views.contentLibraryItemView);
    });
    app.get(`${base}/content_libraries/:id/items/:itemId`, async (req) => {
        const { id, itemId } = req.params as Params;
        const item = store.get<ContentLibraryItem>("contentLibraryItem", itemId);
        if (!item || item.contentLibraryId !== id) {
            throw notFound("Content library item", "Élément de bibliothèque", itemId);
        }
        return views.contentLibraryItemView(item);
    });
    app.post(`${base}/content_libraries/:id/items`, async (req, reply) => {
        const lib = one<ContentLibrary>("contentLibrary", (req.params as Params).id, "Content library", "Bibliothèque de contenu");
        return accepted(reply, compute.deploy(lib.id, req.body));
    });

    // virtual machines
    app.get(`${base}/virtual_machines`, async (req) => {
        let items = store.list<VirtualMachine>("vm");
        const q = req.query;
        items = by(items, q, "name", (v) => v.name);
        items = by(items, q, "machineManagerId", (v) => store.get<Datacenter>("datacenter", v.datacenterId)?.machineManagerId);
        items = by(items, q, "datacenters", (v) => v.datacenterId);
        items = by(items, q, "hostClusters", (v) => v.hostClusterId);
        items = by(items, q, "hosts", (v) => v.hostId);
        items = by(items, q, "datastores", (v) => v.datastoreId);
        items = by(items, q, "networks", (v) => store.list<NetworkAdapter>("adapter").filter((a) => a.virtualMachineId === v.id).map((a) => a.networkId));
        return items.map((v) => views.vmView(store, v));
    });
    app.post(`${base}/virtual_machines`, async (req, reply) => accepted(reply, compute.create(req.body)));
    app.patch(`${base}/virtual_machines`, async (req, reply) => accepted(reply, compute.update(req.body)));
    app.patch(`${base}/virtual_machines/power`, async (req, reply) => accepted(reply, compute.power(req.body)));
    app.get(`${base}/virtual_machines/power/recommendations`, async (req, reply) => {
        const recs = compute.recommendations({ virtualMachineId: queryValue(req.query, "virtualMachineId"), hostClusterId: queryValue(req.query, "hostClusterId") });
        return recs.length === 0 ? reply.code(404).send({ error: { status: "404 Not Found", message: "aucune recommandation / no recommendation" } }) : recs;
    });
    app.patch(`${base}/virtual_machines/rename`, async (req, reply) => accepted(reply, compute.rename(req.body)));
    app.get(`${base}/virtual_machines/:id`, async (req) => views.vmView(store, compute.vm((req.params as Params).id)));
    app.delete(`${base}/virtual_machines/:id`, async (req, reply) => accepted(reply, compute.remove((req.params as Params).id)));
    app.post(`${base}/virtual_machines/:id/clone`, async (req, reply) => accepted(reply, compute.clone((req.params as Params).id, req.body)));
    app.patch(`${base}/virtual_machines/:id/guest`, async (req, reply) => accepted(reply, compute.guest((req.params as Params).id, req.body)));
    app.patch(`${base}/virtual_machines/:id/guest/customize`, async (req, reply) =>
        accepted(reply, compute.acknowledge((req.params as Params).id, "Personnalisation de l'invité / Guest customisation of")));
    app.patch(`${base}/virtual_machines/:id/extra_config`, async (req, reply) =>
        accepted(reply, compute.acknowledge((req.params as Params).id, "Configuration avancée / Extra configuration of")));

    // virtual disks
    app.get(`${base}/virtual_disks`, async (req) => {
        let items = store.list<VirtualDisk>("disk");
        items = by(items, req.query, "virtualMachineId", (d) => d.virtualMachineId);
        items = by(items, req.query, "name", (d) => d.name);
        return items.map((d) => views.diskView(store, d));
    });
    app.post(`${base}/virtual_disks`, async (req, reply) => accepted(reply, compute.createDisk(req.body)));
    app.patch(`${base}/virtual_disks`, async (req, reply) => accepted(reply, compute.updateDisk(req.body)));
    app.get(`${base}/virtual_disks/:id`, async (req) => views.diskView(store, compute.disk((req.params as Params).id)));
    app.delete(`${base}/virtual_disks/:id`, async (req, reply) => accepted(reply, compute.removeDisk((req.params as Params).id)));

    // network adapters
    app.get(`${base}/network_adapters`, async (req) => {
        let items = store.list<NetworkAdapter>("adapter");
        items = by(items, req.query, "virtualMachineId", (a) => a.virtualMachineId);
        return items.map((a) => views.adapterView(store, a));
    });
    app.post(`${base}/network_adapters`, async (req, reply) => accepted(reply, compute.createAdapter(req.body)));
    app.patch(`${base}/network_adapters`, async (req, reply) => accepted(reply, compute.updateAdapter(req.body)));
    app.patch(`${base}/network_adapters/connect`, async (req, reply) => accepted(reply, compute.updateAdapter(req.body, true)));
    app.patch(`${base}/network_adapters/disconnect`, async (req, reply) => accepted(reply, compute.updateAdapter(req.body, false)));
    app.get(`${base}/network_adapters/:id`, async (req) => views.adapterView(store, compute.adapter((req.params as Params).id)));
    app.delete(`${base}/network_adapters/:id`, async (req, reply) => accepted(reply, compute.removeAdapter((req.params as Params).id)));
}
