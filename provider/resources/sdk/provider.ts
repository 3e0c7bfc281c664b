// SDK class of the provider itself, for explicit provider instances (several tenants or
// endpoints in one program). Unset arguments fall back to stack config and environment.
import * as pulumi from "@pulumi/pulumi";
import { packageName } from "../tokens";

export interface ProviderArgs {
    /** API base URL or host[:port]; default https://shiva.cloud-temple.com (env CLOUDTEMPLE_HTTP_ADDR). */
    endpoint?: pulumi.Input<string>;
    /** Personal access token id (env CLOUDTEMPLE_CLIENT_ID). */
    clientId?: pulumi.Input<string>;
    /** Personal access token secret, kept as a Pulumi secret (env CLOUDTEMPLE_SECRET_ID). */
    secretId?: pulumi.Input<string>;
    /** Overrides the S3 endpoint of buckets. */
    s3Endpoint?: pulumi.Input<string>;
    /** Global access key of the namespace, for lifecycle rules and forced bucket deletes. */
    s3AccessKeyId?: pulumi.Input<string>;
    s3SecretAccessKey?: pulumi.Input<string>;
}

export class Provider extends pulumi.ProviderResource {
    static readonly __pulumiType = packageName;

    static isInstance(obj: unknown): obj is Provider {
        return pulumi.ProviderResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === packageName;
    }

    constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
        const props: pulumi.Inputs = {
            endpoint: args.endpoint,
            clientId: args.clientId,
            secretId: args.secretId === undefined ? undefined : pulumi.secret(args.secretId),
            s3Endpoint: args.s3Endpoint,
            s3AccessKeyId: args.s3AccessKeyId,
            s3SecretAccessKey: args.s3SecretAccessKey === undefined ? undefined : pulumi.secret(args.s3SecretAccessKey),
        };
        super(packageName, name, props, opts);
    }
}
