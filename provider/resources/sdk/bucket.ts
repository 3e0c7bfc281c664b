// SDK class of securetemple:objectstorage:Bucket.
import * as pulumi from "@pulumi/pulumi";
import { BucketAclEntry, BucketArgs, BucketLifecycleRule } from "../args";
import { resourceTokens } from "../tokens";
import { InputsOf, propertyBag } from "./inputs";

export type BucketInputs = InputsOf<BucketArgs>;

const outputKeys = ["name", "accessType", "whitelist", "versioning", "aclEntries", "lifecycleRules", "forceDestroy", "tags", "endpoint", "namespace"] as const;

/** An S3 bucket of the tenant's object storage; its id is its name. */
export class Bucket extends pulumi.CustomResource {
    static readonly __pulumiType = resourceTokens.bucket;

    static isInstance(obj: unknown): obj is Bucket {
        return pulumi.CustomResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === Bucket.__pulumiType;
    }

    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Bucket {
        return new Bucket(name, undefined, { ...opts, id });
    }

    declare readonly name: pulumi.Output<string>;
    declare readonly accessType: pulumi.Output<string>;
    declare readonly whitelist: pulumi.Output<string[] | undefined>;
    declare readonly versioning: pulumi.Output<string | undefined>;
    declare readonly aclEntries: pulumi.Output<BucketAclEntry[] | undefined>;
    declare readonly lifecycleRules: pulumi.Output<BucketLifecycleRule[] | undefined>;
    declare readonly forceDestroy: pulumi.Output<boolean>;
    declare readonly tags: pulumi.Output<Record<string, string> | undefined>;
    /** S3 endpoint of the bucket's namespace. */
    declare readonly endpoint: pulumi.Output<string>;
    declare readonly namespace: pulumi.Output<string>;

    constructor(name: string, args: BucketInputs | undefined, opts?: pulumi.CustomResourceOptions) {
        if (!opts?.id && !args) {
            throw new Error(`FR : Bucket « ${name} » : les arguments sont obligatoires / EN: Bucket "${name}": args are required`);
        }
        super(Bucket.__pulumiType, name, propertyBag(opts?.id ? undefined : args, outputKeys), opts);
    }
}
