// SDK class of securetemple:compute:NetworkAdapter.
import * as pulumi from "@pulumi/pulumi";
import { NetworkAdapterArgs } from "../args";
import { resourceTokens } from "../tokens";
import { InputsOf, propertyBag } from "./inputs";

export type NetworkAdapterInputs = InputsOf<NetworkAdapterArgs>;

const outputKeys = ["virtualMachineId", "networkId", "type", "macAddress", "connected", "name", "macType"] as const;

/** A network adapter of a VM on one of the tenant's networks. */
export class NetworkAdapter extends pulumi.CustomResource {
    static readonly __pulumiType = resourceTokens.networkAdapter;

    static isInstance(obj: unknown): obj is NetworkAdapter {
        return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === NetworkAdapter.__pulumiType;
    }

    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): NetworkAdapter {
        return new NetworkAdapter(name, undefined, { ...opts, id });
    }

    declare readonly virtualMachineId: pulumi.Output<string>;
    declare readonly networkId: pulumi.Output<string>;
    declare readonly type: pulumi.Output<string>;
    declare readonly macAddress: pulumi.Output<string>;
    declare readonly connected: pulumi.Output<boolean>;
    declare readonly name: pulumi.Output<string>;
    declare readonly macType: pulumi.Output<string>;

    constructor(name: string, args: NetworkAdapterInputs | undefined, opts?: pulumi.CustomResourceOptions) {
        if (!opts?.id && !args) {
            throw new Error(`FR : NetworkAdapter « ${name} » : les arguments sont obligatoires / EN: NetworkAdapter "${name}": args are required`);
        }
        super(NetworkAdapter.__pulumiType, name, propertyBag(opts?.id ? undefined : args, outputKeys), opts);
    }
}
