// Backup (IBM Spectrum Protect Plus as exposed by the customer API): SLA policies, their
// assignment to VMs and disks under the SecNumCloud rules, the inventory job that makes new VMs
// known to the backup side.
import { StoredActivity } from "../store/database";
import { invalidField, notFound, ruleViolation } from "./errors";
import { nameId } from "../store/ids";
import {
    BackupJob,
    BackupPolicy,
    Datacenter,
    Datastore,
    GiB,
    MachineManager,
    Site,
    siteOfZone,
    VirtualDisk,
    VirtualMachine,
} from "./model";
import { Platform } from "./platform";
import { AssignDisk, AssignVm } from "./requests";

export class Backup {
    /**
     * @param inventoryFromStartRate share of inventory runs that catalogue only what existed when
     * they started (fault injection); the others catalogue what exists when they end.
     */
    constructor(
        private readonly p: Platform,
        private readonly inventoryFromStartRate: () => number = () => 0,
    ) {
        p.activities.register("backup.assignVm", (args) => this.applyAssignVm(args.ids as string[], args.policyIds as string[]));
        p.activities.register("backup.assignDisk", (args) => this.applyAssignDisk(args.id as string, args.policyIds as string[]));
        p.activities.register("backup.runJob", (args) => this.applyInventory(args.only as string[] | undefined));
    }

    private get store() {
        return this.p.store;
    }

    policy(id: string): BackupPolicy {
        const p = this.store.get<BackupPolicy>("policy", id);
        if (!p) {
            throw notFound("SLA policy", "Politique de sauvegarde", id);
        }
        return p;
    }

    policies(filter: { virtualMachineId?: string; virtualDiskId?: string }): BackupPolicy[] {
        const all = this.store.list<BackupPolicy>("policy");
        if (filter.virtualMachineId) {
            const vm = this.store.get<VirtualMachine>("vm", filter.virtualMachineId);
            return vm ? all.filter((p) => vm.policyIds.includes(p.id)) : [];
        }
        if (filter.virtualDiskId) {
            const d = this.store.get<VirtualDisk>("disk", filter.virtualDiskId);
            return d ? all.filter((p) => d.policyIds.includes(p.id)) : [];
        }
        return all;
    }

    /** Policies named in a request: each must exist and none may be HELD. */
    private assignable(ids: string[]): BackupPolicy[] {
        return ids.map((id) => {
            const policy = this.store.get<BackupPolicy>("policy", id);
            if (!policy) {
                throw invalidField(
                    "slaPolicies",
                    "ids of the tenant's SLA policies",
                    `politique de sauvegarde inconnue : ${id}`,
                    `unknown SLA policy: ${id}`,
                );
            }
            if (policy.status === "HELD") {
                throw ruleViolation(
                    "POLICY_HELD",
                    "slaPolicies",
                    `la politique ${policy.name} est suspendue (HELD) et ne peut pas être affectée`,
                    `policy ${policy.name} is HELD and cannot be assigned`,
                );
            }
            return policy;
        });
    }

    assignVm(body: AssignVm): StoredActivity {
        const vmIds = body.virtualMachineIds;
        const policyIds = body.slaPolicies;
        this.assignable(policyIds);
        for (const id of vmIds) {
            const vm = this.store.get<VirtualMachine>("vm", id);
            if (!vm) {
                throw invalidField(
                    "virtualMachineIds",
                    "ids of existing virtual machines",
                    `aucune machine virtuelle ${id}`,
                    `no virtual machine ${id}`,
                );
            }
            if (!vm.inventoried) {
                throw ruleViolation(
                    "NOT_IN_BACKUP_INVENTORY",
                    "virtualMachineIds",
                    `la machine ${vm.name} n'est pas encore dans l'inventaire de sauvegarde : lancez le job « Hypervisor Inventory »`,
                    `virtual machine ${vm.name} is not in the backup inventory yet: run the "Hypervisor Inventory" job`,
                );
            }
            if (policyIds.length === 0 && vm.policyIds.length > 0 && vm.powerState === "running") {
                throw ruleViolation(
                    "LAST_POLICY_ON_RUNNING_VM",
                    "slaPolicies",
                    `la dernière politique de ${vm.name} ne peut être retirée que machine arrêtée`,
                    `the last policy of ${vm.name} can only be removed while it is powered off`,
                );
            }
        }
        return this.p.activities.start({
            type: "BackupActivity",
            description: `Affectation de politiques de sauvegarde / Assign SLA policies`,
            concernedItems: vmIds.map((id) => ({ id, type: "virtual_machine" })),
            effect: { op: "backup.assignVm", args: { ids: vmIds, policyIds } },
        });
    }

    private applyAssignVm(ids: string[], policyIds: string[]): string {
        for (const p of policyIds) {
            if (this.store.get<BackupPolicy>("policy", p)?.status === "HELD") {
                throw new Error(`politique suspendue (HELD) / policy is HELD: ${p}`);
            }
        }
        this.store.transaction(() => {
            for (const id of ids) {
                const vm = this.store.get<VirtualMachine>("vm", id);
                if (!vm) {
                    throw new Error(`machine virtuelle supprimée / virtual machine gone: ${id}`);
                }
                if (policyIds.length === 0 && vm.powerState === "running") {
                    throw new Error(`machine démarrée / virtual machine is running: ${vm.name}`);
                }
                this.store.put("vm", { ...vm, policyIds: [...policyIds] });
            }
        });
        return ids[0];
    }

    assignDisk(body: AssignDisk): StoredActivity {
        const id = body.virtualDiskId;
        const policyIds = body.slaPolicies;
        const disk = this.store.get<VirtualDisk>("disk", id);
        if (!disk) {
            throw invalidField(
                "virtualDiskId",
                "the id of an existing virtual disk",
                `aucun disque virtuel ${id}`,
                `no virtual disk ${id}`,
            );
        }
        this.assignable(policyIds);
        if (!disk.inventoried) {
            throw ruleViolation(
                "NOT_IN_BACKUP_INVENTORY",
                "virtualDiskId",
                "le disque n'est pas encore dans l'inventaire de sauvegarde : lancez le job « Hypervisor Inventory »",
                `the disk is not in the backup inventory yet: run the "Hypervisor Inventory" job`,
            );
        }
        return this.p.activities.start({
            type: "BackupActivity",
            description: `Affectation de politiques au disque ${disk.name} / Assign SLA policies to disk ${disk.name}`,
            concernedItems: [{ id, type: "virtual_disk" }],
            effect: { op: "backup.assignDisk", args: { id, policyIds } },
        });
    }

    private applyAssignDisk(id: string, policyIds: string[]): string {
        const disk = this.store.get<VirtualDisk>("disk", id);
        if (!disk) {
            throw new Error(`disque supprimé / disk gone: ${id}`);
        }
        this.store.put("disk", { ...disk, policyIds: [...policyIds] });
        return id;
    }

    jobs(type?: string): BackupJob[] {
        return this.store.list<BackupJob>("job").filter((j) => !type || j.type === type);
    }

    jobView(job: BackupJob) {
        const running = this.p.pendingEffects("backup.runJob").some((a) => a.jobId === job.id);
        return {
            id: job.id,
            name: job.name,
            displayName: job.displayName,
            type: job.type,
            status: running ? "RUNNING" : "IDLE",
            policyId: job.policyId,
        };
    }

    job(id: string): BackupJob {
        const j = this.store.get<BackupJob>("job", id);
        if (!j) {
            throw notFound("Backup job", "Job de sauvegarde", id);
        }
        return j;
    }

    runJob(jobId: string): StoredActivity {
        const job = this.store.get<BackupJob>("job", jobId);
        if (!job) {
            const allowed = this.jobs()
                .map((j) => `${j.id} (${j.name})`)
                .join(", ");
            throw invalidField("jobId", allowed, `job de sauvegarde inconnu : ${jobId}`, `unknown backup job: ${jobId}`);
        }
        const fromStart = Math.random() < this.inventoryFromStartRate();
        const existing = fromStart
            ? [...this.store.list<VirtualMachine>("vm"), ...this.store.list<VirtualDisk>("disk")].map((o) => o.id)
            : undefined;
        return this.p.activities.start({
            type: "BackupActivity",
            description: `Exécution du job ${job.name} / Run job ${job.name}`,
            concernedItems: [{ id: job.id, type: "backup_job" }],
            effect: { op: "backup.runJob", args: { jobId: job.id, ...(existing ? { only: existing } : {}) } },
        });
    }

    /**
     * The inventory job: every VM and disk that exists now becomes known to the backup side, or
     * only those in `only` (what existed when the run started).
     */
    private applyInventory(only?: string[]): void {
        const caught = (o: { id: string; inventoried?: boolean }) => !o.inventoried && (!only || only.includes(o.id));
        this.store.transaction(() => {
            for (const vm of this.store.list<VirtualMachine>("vm").filter(caught)) {
                this.store.put("vm", { ...vm, inventoried: true });
            }
            for (const d of this.store.list<VirtualDisk>("disk").filter(caught)) {
                this.store.put("disk", { ...d, inventoried: true });
            }
        });
    }

    inventoryVm(id: string) {
        const vm = this.store.get<VirtualMachine>("vm", id);
        if (!vm || !vm.inventoried) {
            throw notFound("Backup virtual machine", "Machine virtuelle de sauvegarde", id);
        }
        const dc = this.store.get<Datacenter>("datacenter", vm.datacenterId);
        const ds = this.store.get<Datastore>("datastore", vm.datastoreId);
        const disks = this.store.list<VirtualDisk>("disk").filter((d) => d.virtualMachineId === id);
        return {
            id: vm.id,
            name: vm.name,
            moref: vm.moref,
            internalId: vm.moref,
            internalVCenterId: 1,
            vCenterId: dc?.machineManagerId ?? "",
            href: `/api/spp/hypervisor/vm/${vm.moref}`,
            metadataPath: `/${dc?.name ?? ""}/${vm.name}`,
            storageProfiles: [ds?.name ?? ""],
            datacenterName: dc?.name ?? "",
            volumes: disks.map((d) => ({ name: d.name, key: String(2000 + d.diskUnitNumber), size: d.capacity, configVolume: false })),
        };
    }

    inventoryDisk(id: string) {
        const d = this.store.get<VirtualDisk>("disk", id);
        if (!d || !d.inventoried) {
            throw notFound("Backup virtual disk", "Disque de sauvegarde", id);
        }
        return {
            id: d.id,
            name: d.name,
            internalId: `${d.virtualMachineId}:${2000 + d.diskUnitNumber}`,
            instanceId: d.id,
            sppServerId: this.sppServers()[0]?.id ?? "",
            virtualMachineId: d.virtualMachineId,
        };
    }

    // ---- the backup platform: SPP servers, their vCenters and vSnap storages ----------------

    private sppId(kind: string, name: string): string {
        return nameId(this.p.tenant().name, kind, name);
    }

    /** The tenant's Spectrum Protect Plus server (one per tenant). */
    sppServers(): { id: string; name: string; address: string }[] {
        const tenant = this.p.tenant();
        return [{ id: this.sppId("sppServer", "spp-01"), name: "spp-01", address: `spp-01.${tenant.name}.backup.securetemple.lan` }];
    }

    /** The vCenters (machine managers) registered with an SPP server. */
    sppVcenters(sppServerId?: string) {
        return this.sppServers()
            .filter((s) => !sppServerId || s.id === sppServerId)
            .flatMap((server) =>
                this.store.list<MachineManager>("machineManager").map((m, i) => ({
                    id: this.sppId("sppVcenter", m.name),
                    name: m.name,
                    internalId: i + 1,
                    instanceId: m.id,
                    sppServerId: server.id,
                })),
            );
    }

    /**
     * One vSnap storage per site that keeps copies (a policy's `site`): backups live outside the
     * workload's AZ, so each site holds the others' copies.
     */
    storages() {
        const sites = [...new Set(this.store.list<MachineManager>("machineManager").map((m) => siteOfZone[m.availabilityZone]))] as Site[];
        return sites.map((site) => {
            const total = 64 * 1024 * GiB;
            return {
                id: this.sppId("sppStorage", site),
                resourceType: "storage",
                type: "vsnap",
                site,
                name: `vsnap-${site.toLowerCase()}-01`,
                storageId: String(2000 + sites.indexOf(site) + 1),
                hostAddress: `vsnap-${site.toLowerCase()}-01.backup.securetemple.lan`,
                portNumber: 8900,
                sslConnection: true,
                initializeStatus: "Ready",
                version: "10.1.16",
                isReady: true,
                capacity: { free: Math.floor(total * 0.6), total, updateTime: 1_767_258_000 },
            };
        });
    }

    sites() {
        return [
            { id: "PAR7S", name: "PAR7S" },
            { id: "TH3S", name: "TH3S" },
            { id: "DATA4", name: "DATA4" },
        ];
    }

    /** Admin: set a policy ACTIVE or HELD. */
    setStatus(idOrName: string, status: BackupPolicy["status"]): BackupPolicy {
        const policy = this.store.get<BackupPolicy>("policy", idOrName) ?? this.store.byName<BackupPolicy>("policy", idOrName);
        if (!policy) {
            throw notFound("SLA policy", "Politique de sauvegarde", idOrName);
        }
        const updated = { ...policy, status };
        this.store.put("policy", updated);
        return updated;
    }
}
