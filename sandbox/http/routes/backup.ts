// Backup (SPP) under /api/backup/v1/spp.
import { notFound } from "../../domain/errors";
import { AssignDisk, AssignVm, params, query, RunJob } from "../../domain/requests";
import { policyView } from "../../domain/views";
import { queryValue } from "../../domain/validate";
import { accepted, ApiContext, App } from "../context";

const base = "/api/backup/v1/spp";
const byId = { schema: { params: params("id") } };

export function registerBackupRoutes(app: App, ctx: ApiContext): void {
    const { backup } = ctx;

    // With ?virtualMachineId= (or ?virtualDiskId=) the list holds exactly the assigned policies.
    app.get(`${base}/policies`, { schema: { querystring: query("virtualMachineId", "virtualDiskId") } }, async (req) =>
        backup
            .policies({
                virtualMachineId: queryValue(req.query, "virtualMachineId"),
                virtualDiskId: queryValue(req.query, "virtualDiskId"),
            })
            .map(policyView),
    );
    app.get(`${base}/policies/:id`, byId, async (req) => policyView(backup.policy(req.params.id)));
    app.post(`${base}/policies/assign/virtual_machine`, { schema: { body: AssignVm } }, async (req, reply) =>
        accepted(reply, backup.assignVm(req.body)),
    );
    app.post(`${base}/policies/assign/virtual_disk`, { schema: { body: AssignDisk } }, async (req, reply) =>
        accepted(reply, backup.assignDisk(req.body)),
    );

    app.get(`${base}/jobs`, { schema: { querystring: query("type") } }, async (req) =>
        backup.jobs(queryValue(req.query, "type")).map((j) => backup.jobView(j)),
    );
    app.get(`${base}/jobs/:id`, byId, async (req) => backup.jobView(backup.job(req.params.id)));
    app.post(`${base}/jobs/run`, { schema: { body: RunJob } }, async (req, reply) => accepted(reply, backup.runJob(req.body.jobId)));

    app.get(`${base}/virtual_machines/:id`, byId, async (req) => backup.inventoryVm(req.params.id));
    app.get(`${base}/virtual_disks/:id`, byId, async (req) => backup.inventoryDisk(req.params.id));
    app.get(`${base}/sites`, async () => backup.sites());

    // The backup platform itself: the tenant's SPP server, the vCenters it protects, its vSnap storages.
    app.get(`${base}/servers`, { schema: { querystring: query("tenantId") } }, async (req) => {
        const tenantId = queryValue(req.query, "tenantId");
        return tenantId && tenantId !== ctx.platform.tenant().id ? [] : backup.sppServers();
    });
    app.get(`${base}/servers/:id`, byId, async (req) => {
        const server = backup.sppServers().find((s) => s.id === req.params.id);
        if (!server) {
            throw notFound("SPP server", "Serveur SPP", req.params.id);
        }
        return server;
    });
    app.get(`${base}/vcenters`, { schema: { querystring: query("sppServerId") } }, async (req) =>
        backup.sppVcenters(queryValue(req.query, "sppServerId")),
    );
    app.get(`${base}/storages`, async () => backup.storages());
}
