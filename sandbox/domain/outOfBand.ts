// Changes made outside the API client, for tests through the admin endpoint: a VM created at once
// (import tests), changed at once (drift), deleted at once. No activity, no client request.
import { Compute, minMemory } from "./compute";
import { invalidField } from "./errors";
import { BackupPolicy, GiB, VirtualMachine } from "./model";
import { PlacementRules, Where, within } from "./placement";
import { Platform } from "./platform";
import { Drift, OutOfBandVm } from "./requests";

export class OutOfBand {
    constructor(
        private readonly p: Platform,
        private readonly compute: Compute,
    ) {}

    private get store() {
        return this.p.store;
    }

    private get placement(): PlacementRules {
        return this.compute.placement;
    }

    private vm(id: string): VirtualMachine {
        return this.compute.vm(id);
    }

    private checkName(name: string, datacenterId: string): void {
        this.compute.checkName(name, datacenterId);
    }

    private newVm(spec: Pick<VirtualMachine, "name" | "memory" | "cpu" | "guestOperatingSystemMoref">, where: Where): VirtualMachine {
        return this.compute.newVm(spec, where);
    }

    private setPower(vm: VirtualMachine, powerState: VirtualMachine["powerState"]): VirtualMachine {
        return this.compute.setPower(vm, powerState);
    }

    private applyDelete(id: string): string {
        return this.compute.applyDelete(id);
    }

    /** Creates a VM at once, without an activity: a VM made outside the API client (for import tests). */
    createOutOfBand(body: OutOfBandVm): VirtualMachine {
        const where = this.placement.resolve(body);
        this.checkName(body.name, where.dc.id);
        const memory = within("memory", body.memory ?? 2 * GiB, minMemory, this.placement.bladeMemory(where.cluster), " bytes");
        const cpu = within("cpu", body.cpu ?? 2, 1, this.placement.bladeThreads(where.cluster));
        const policyIds = body.slaPolicies ?? [];
        for (const id of policyIds) {
            if (!this.store.get<BackupPolicy>("policy", id)) {
                throw invalidField(
                    "slaPolicies",
                    "ids of the tenant's backup policies",
                    `politique inconnue : ${id}`,
                    `unknown policy: ${id}`,
                );
            }
        }
        const moref = body.guestOperatingSystemMoref ?? "ubuntu64Guest";
        const vm: VirtualMachine = {
            ...this.newVm({ name: body.name, memory, cpu, guestOperatingSystemMoref: moref }, where),
            policyIds,
            inventoried: true,
            powerState: body.powerState ?? "stopped",
        };
        this.store.put("vm", vm);
        return vm;
    }

    /** Changes a VM at once (drift): memory, cpu, name, powerState. */
    driftOutOfBand(id: string, body: Drift): VirtualMachine {
        const vm = this.vm(id);
        const changed = {
            ...vm,
            ...(body.memory !== undefined ? { memory: body.memory } : {}),
            ...(body.cpu !== undefined ? { cpu: body.cpu } : {}),
            ...(body.name !== undefined ? { name: body.name } : {}),
        };
        return this.setPower(changed, body.powerState ?? vm.powerState);
    }

    deleteOutOfBand(id: string): void {
        const vm = this.vm(id);
        this.store.put("vm", { ...vm, powerState: "stopped" });
        this.applyDelete(id);
    }
}
