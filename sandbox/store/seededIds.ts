// The seeded objects' ids by kind, then name -> id: what tests and docs look up by name. Served by
// `Sandbox.ids()` in process and by `GET /_admin/ids` to a sandbox in another process.
import { Kind, Store } from "./database";

const seededKinds: Kind[] = [
    "machineManager",
    "datacenter",
    "hostCluster",
    "host",
    "datastore",
    "datastoreCluster",
    "network",
    "contentLibrary",
    "contentLibraryItem",
    "policy",
    "job",
    "role",
];

export function seededIds(store: Store): Record<string, Record<string, string>> {
    return Object.fromEntries(
        seededKinds.map((k) => [k, Object.fromEntries(store.list<{ id: string; name: string }>(k).map((o) => [o.name, o.id]))]),
    );
}
