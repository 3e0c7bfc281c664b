// SDK class of securetemple:compute:VirtualMachine.
import * as pulumi from "@pulumi/pulumi";
import { VirtualMachineArgs } from "../args";
import { resourceTokens } from "../tokens";
import { InputsOf, propertyBag } from "./inputs";

export type VirtualMachineInputs = InputsOf<VirtualMachineArgs>;

const outputKeys = [
    "name", "datacenterId", "hostClusterId", "datastoreId", "availabilityZone", "memory", "cpu", "numCoresPerSocket", "guestOperatingSystemMoref",
    "contentLibraryItemId", "cloneFromVirtualMachineId", "powerState", "backupPolicies", "noBackupReason", "tags", "moref",
] as const;

/** A VMware virtual machine, its backup policies assigned before it is powered on. */
export class VirtualMachine extends pulumi.CustomResource {
    static readonly __pulumiType = resourceTokens.virtualMachine;

    static isInstance(obj: unknown): obj is VirtualMachine {
        return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === VirtualMachine.__pulumiType;
    }

    /** An existing VM by id, read without managing it. */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): VirtualMachine {
        return new VirtualMachine(name, undefined, { ...opts, id });
    }

    declare readonly name: pulumi.Output<string>;
    declare readonly datacenterId: pulumi.Output<string>;
    declare readonly hostClusterId: pulumi.Output<string>;
    declare readonly datastoreId: pulumi.Output<string>;
    /** The AZ of the host cluster, as the API reports it. */
    declare readonly availabilityZone: pulumi.Output<string>;
    declare readonly memory: pulumi.Output<number>;
    declare readonly cpu: pulumi.Output<number>;
    declare readonly numCoresPerSocket: pulumi.Output<number>;
    declare readonly guestOperatingSystemMoref: pulumi.Output<string | undefined>;
    declare readonly contentLibraryItemId: pulumi.Output<string | undefined>;
    declare readonly cloneFromVirtualMachineId: pulumi.Output<string | undefined>;
    declare readonly powerState: pulumi.Output<"on" | "off">;
    declare readonly backupPolicies: pulumi.Output<string[]>;
    declare readonly noBackupReason: pulumi.Output<string | undefined>;
    declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
    declare readonly moref: pulumi.Output<string>;

    constructor(name: string, args: VirtualMachineInputs | undefined, opts?: pulumi.CustomResourceOptions) {
        if (!opts?.id && !args) {
            throw new Error(`FR : VirtualMachine « ${name} » : les arguments sont obligatoires / EN: VirtualMachine "${name}": args are required`);
        }
        super(VirtualMachine.__pulumiType, name, propertyBag(opts?.id ? undefined : args, outputKeys), opts);
    }
}
