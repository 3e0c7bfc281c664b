// Backup (SPP) under /api/backup/v1/spp.
import { FastifyInstance } from "fastify";
import { policyView } from "../../domain/views";
import { queryValue } from "../../domain/validate";
import { accepted, ApiContext, Params } from "../context";

const base = "/api/backup/v1/spp";

export function registerBackupRoutes(app: FastifyInstance, ctx: ApiContext): void {
    const { backup } = ctx;

    // With ?virtualMachineId= (or ?virtualDiskId=) the list holds exactly the assigned policies.
    app.get(`${base}/policies`, async (req) =>
        backup.policies({ virtualMachineId: queryValue(req.query, "virtualMachineId"), virtualDiskId: queryValue(req.query, "virtualDiskId") }).map(policyView));
    app.get(`${base}/policies/:id`, async (req) => policyView(backup.policy((req.params as Params).id)));
    app.post(`${base}/policies/assign/virtual_machine`, async (req, reply) => accepted(reply, backup.assignVm(req.body)));
    app.post(`${base}/policies/assign/virtual_disk`, async (req, reply) => accepted(reply, backup.assignDisk(req.body)));

    app.get(`${base}/jobs`, async (req) => backup.jobs(queryValue(req.query, "type")).map((j) => backup.jobView(j)));
    app.get(`${base}/jobs/:id`, async (req) => backup.jobView(backup.job((req.params as Params).id)));
    app.post(`${base}/jobs/run`, async (req, reply) => accepted(reply, backup.runJob(req.body)));

    app.get(`${base}/virtual_machines/:id`, async (req) => backup.inventoryVm((req.params as Params).id));
    app.get(`${base}/virtual_disks/:id`, async (req) => backup.inventoryDisk((req.params as Params).id));
    app.get(`${base}/sites`, async () => backup.sites());
}
