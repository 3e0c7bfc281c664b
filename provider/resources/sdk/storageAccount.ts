// SDK class of securetemple:objectstorage:StorageAccount.
import * as pulumi from "@pulumi/pulumi";
import { StorageAccountArgs } from "../args";
import { resourceTokens } from "../tokens";
import { InputsOf, propertyBag } from "./inputs";

export type StorageAccountInputs = InputsOf<StorageAccountArgs>;

const outputKeys = ["name", "accessKeyId", "secretAccessKey", "arn", "createDate"] as const;

/** An object-storage account; its secret key is given once, at creation, and kept as a Pulumi secret. */
export class StorageAccount extends pulumi.CustomResource {
    static readonly __pulumiType = resourceTokens.storageAccount;

    static isInstance(obj: unknown): obj is StorageAccount {
        return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === StorageAccount.__pulumiType;
    }

    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): StorageAccount {
        return new StorageAccount(name, undefined, { ...opts, id });
    }

    declare readonly name: pulumi.Output<string>;
    declare readonly accessKeyId: pulumi.Output<string>;
    /** A secret output. */
    declare readonly secretAccessKey: pulumi.Output<string>;
    declare readonly arn: pulumi.Output<string>;
    declare readonly createDate: pulumi.Output<string>;

    constructor(name: string, args: StorageAccountInputs | undefined, opts?: pulumi.CustomResourceOptions) {
        if (!opts?.id && !args) {
            throw new Error(`FR : StorageAccount « ${name} » : les arguments sont obligatoires / EN: StorageAccount "${name}": args are required`);
        }
        // The key is secret on the provider side too; saying it here keeps it secret even in a preview.
        super(StorageAccount.__pulumiType, name, propertyBag(opts?.id ? undefined : args, outputKeys), pulumi.mergeOptions(opts, { additionalSecretOutputs: ["secretAccessKey"] }));
    }
}
