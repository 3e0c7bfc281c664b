// The backup part of the API (IBM Spectrum Protect Plus behind it): SLA policies, the inventory
// job that makes a new VM known to the backup side, and the assignment of policies to a VM or disk.
import { sleep } from "./backoff";
import { ApiClient, WriteOptions } from "./client";
import { ApiError } from "./errors";

export interface SubPolicyWire {
    type?: string;
    site?: string;
    retention?: { age?: number };
}

export interface BackupPolicyWire {
    id: string;
    name: string;
    subPolicies?: SubPolicyWire[];
    /** Sandbox extension (and console notion): "ACTIVE" | "HELD". */
    status?: string;
}

interface JobWire {
    id: string;
    name: string;
    status?: string;
}

const base = "/backup/v1/spp";

export function listBackupPolicies(
    client: ApiClient,
    filter: { virtualMachineId?: string; virtualDiskId?: string } = {},
): Promise<BackupPolicyWire[]> {
    return client.list<BackupPolicyWire>(`${base}/policies`, filter, { operation: "list backup policies", absentOn: [] });
}

export function readBackupPolicy(client: ApiClient, id: string): Promise<BackupPolicyWire | undefined> {
    return client.get<BackupPolicyWire>(`${base}/policies/${encodeURIComponent(id)}`, undefined, { operation: `read backup policy ${id}` });
}

export function assignVmPolicies(client: ApiClient, vmId: string, policyIds: string[], options: WriteOptions) {
    return client.run("POST", `${base}/policies/assign/virtual_machine`, { virtualMachineIds: [vmId], slaPolicies: policyIds }, options);
}

export function assignDiskPolicies(client: ApiClient, diskId: string, policyIds: string[], options: WriteOptions) {
    return client.run("POST", `${base}/policies/assign/virtual_disk`, { virtualDiskId: diskId, slaPolicies: policyIds }, options);
}

async function backupVmKnown(client: ApiClient, vmId: string): Promise<boolean> {
    const found = await client.get<{ id: string }>(`${base}/virtual_machines/${encodeURIComponent(vmId)}`, undefined, {
        operation: `read backup inventory entry of virtual machine ${vmId}`,
        fresh: true,
    });
    return found !== undefined;
}

/**
 * Runs of the "Hypervisor Inventory" catalog job, shared between the VMs that need one: a VM
 * created while no run is waiting to start triggers a new run; VMs that arrive before that run
 * starts join it. Fifty VMs created together therefore cost one or two job runs, not fifty
 * identical requests a second apart.
 */
export class InventoryRuns {
    private waiting?: Promise<void>;
    private current: Promise<void> = Promise.resolve();
    private running?: { startedAt: number; done: Promise<void> };

    constructor(
        private readonly client: ApiClient,
        private readonly gatherMs = 200,
    ) {}

    /**
     * Resolves after a run that started at or after `since` (when the VM was known to exist)
     * has finished: joins the run in progress if it started late enough, else the next one.
     * With `joinRunning`, any run in progress is joined: a VM that appeared while the job was
     * walking the hypervisor is most often caught by it, a whole run sooner.
     */
    request(options: WriteOptions, since: number = Date.now(), joinRunning = false): Promise<void> {
        if (this.running && (joinRunning || this.running.startedAt >= since)) {
            return this.running.done;
        }
        if (!this.waiting) {
            const previous = this.current;
            const run: Promise<void> = (async () => {
                await previous.catch(() => undefined);
                await sleep(this.gatherMs);
                this.waiting = undefined;
                const done = this.runOnce(options);
                this.running = { startedAt: Date.now(), done };
                try {
                    await done;
                } finally {
                    if (this.running?.done === done) {
                        this.running = undefined;
                    }
                }
            })();
            this.waiting = run;
            this.current = run;
        }
        return this.waiting;
    }

    /** Id of the "Hypervisor Inventory" catalog job, looked up once ("" when the tenant has none, as the Terraform provider sends). */
    private jobId?: Promise<string>;

    private async runOnce(options: WriteOptions): Promise<void> {
        this.jobId ??= this.client
            .list<JobWire>(`${base}/jobs`, { type: "catalog" }, { operation: "list backup catalog jobs", absentOn: [] })
            .then((jobs) => jobs.find((j) => j.name === "Hypervisor Inventory")?.id ?? "");
        this.jobId.catch(() => (this.jobId = undefined));
        await this.client.run(
            "POST",
            `${base}/jobs/run`,
            { jobId: await this.jobId },
            { ...options, operation: "run the backup inventory job" },
        );
    }

    /**
     * Makes sure the backup side knows the VM (running the inventory if needed), polling until it
     * does. `knownAbsent` skips the first lookup for a VM created a moment ago; `trustRun` joins
     * the run in progress, if any, and skips the lookups after it: the caller checks the outcome
     * of its next step instead (an assignment refused for a VM not in the inventory), and comes
     * back without `trustRun` to wait for a run that started after the VM existed.
     */
    async ensureKnown(vmId: string, options: WriteOptions & { pollMs?: number; knownAbsent?: boolean; trustRun?: boolean }): Promise<void> {
        const since = Date.now();
        if (!options.knownAbsent && (await backupVmKnown(this.client, vmId))) {
            return;
        }
        await this.request(options, since, options.trustRun);
        if (options.trustRun) {
            return;
        }
        const deadline = Date.now() + (options.timeoutMs ?? 20 * 60_000);
        let wait = options.pollMs ?? 1_000;
        while (!(await backupVmKnown(this.client, vmId))) {
            if (Date.now() > deadline) {
                throw new ApiError({
                    operation: options.operation,
                    apiMessage: `virtual machine ${vmId} never appeared in the backup inventory`,
                });
            }
            await sleep(wait);
            wait = Math.min(wait * 2, 30_000);
        }
    }
}

interface PendingAssignment {
    policyIds: string[];
    options: WriteOptions;
    waiters: { vmId: string; resolve: () => void; reject: (err: unknown) => void }[];
}

/**
 * Policy assignments grouped: the assign call takes a list of VMs, so VMs asking for the same
 * set of policies within a short window (typically all the VMs an inventory run released) share
 * one request and one activity. If the API refuses the group, each VM is assigned on its own, so
 * that one VM's problem does not hold the others back.
 */
export class AssignmentBatches {
    private readonly pending = new Map<string, PendingAssignment>();

    constructor(
        private readonly client: ApiClient,
        private readonly gatherMs = 100,
    ) {}

    assign(vmId: string, policyIds: string[], options: WriteOptions): Promise<void> {
        const key = [...policyIds].sort().join(",");
        let batch = this.pending.get(key);
        if (!batch) {
            const created: PendingAssignment = { policyIds, options, waiters: [] };
            batch = created;
            this.pending.set(key, created);
            setTimeout(() => {
                this.pending.delete(key);
                void this.flush(created);
            }, this.gatherMs);
        }
        const joined = batch;
        return new Promise<void>((resolve, reject) => joined.waiters.push({ vmId, resolve, reject }));
    }

    private async flush(batch: PendingAssignment): Promise<void> {
        const vmIds = batch.waiters.map((w) => w.vmId);
        const operation =
            vmIds.length === 1
                ? batch.options.operation
                : `assign backup policies to ${vmIds.length} virtual machines (${vmIds.join(", ")})`;
        try {
            await this.client.run(
                "POST",
                `${base}/policies/assign/virtual_machine`,
                { virtualMachineIds: vmIds, slaPolicies: batch.policyIds },
                { ...batch.options, operation },
            );
            batch.waiters.forEach((w) => w.resolve());
        } catch (err) {
            if (vmIds.length > 1 && err instanceof ApiError && !err.ambiguous) {
                await Promise.all(
                    batch.waiters.map((w) =>
                        assignVmPolicies(this.client, w.vmId, batch.policyIds, batch.options).then(() => w.resolve(), w.reject),
                    ),
                );
                return;
            }
            batch.waiters.forEach((w) => w.reject(err));
        }
    }
}
