// SDK class of securetemple:compute:VirtualDisk.
import * as pulumi from "@pulumi/pulumi";
import { VirtualDiskArgs } from "../args";
import { resourceTokens } from "../tokens";
import { InputsOf, propertyBag } from "./inputs";

export type VirtualDiskInputs = InputsOf<VirtualDiskArgs>;

const outputKeys = ["virtualMachineId", "capacity", "datastoreId", "provisioningType", "diskMode", "backupPolicies", "name"] as const;

/** An extra disk of a VM (capacity in bytes; it only grows in place). */
export class VirtualDisk extends pulumi.CustomResource {
    static readonly __pulumiType = resourceTokens.virtualDisk;

    static isInstance(obj: unknown): obj is VirtualDisk {
        return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === VirtualDisk.__pulumiType;
    }

    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): VirtualDisk {
        return new VirtualDisk(name, undefined, { ...opts, id });
    }

    declare readonly virtualMachineId: pulumi.Output<string>;
    declare readonly capacity: pulumi.Output<number>;
    declare readonly datastoreId: pulumi.Output<string>;
    declare readonly provisioningType: pulumi.Output<string>;
    declare readonly diskMode: pulumi.Output<string>;
    declare readonly backupPolicies: pulumi.Output<string[] | undefined>;
    /** The name vCenter gave the disk, e.g. "Hard disk 2". */
    declare readonly name: pulumi.Output<string>;

    constructor(name: string, args: VirtualDiskInputs | undefined, opts?: pulumi.CustomResourceOptions) {
        if (!opts?.id && !args) {
            throw new Error(`FR : VirtualDisk « ${name} » : les arguments sont obligatoires / EN: VirtualDisk "${name}": args are required`);
        }
        super(VirtualDisk.__pulumiType, name, propertyBag(opts?.id ? undefined : args, outputKeys), opts);
    }
}
