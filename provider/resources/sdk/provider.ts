// SDK class of the provider itself, for explicit provider instances (several tenants or
// endpoints in one program). Unset arguments fall back to stack config and environment; the keys
// and which are secrets come from provider/schema/config.ts.
import * as pulumi from "@pulumi/pulumi";
import { providerConfig } from "../../schema/config";
import { secretNames } from "../../schema/index";
import { packageName } from "../tokens";
import { sdkVersion } from "../version";

export type ProviderArgs = { [K in keyof typeof providerConfig]?: pulumi.Input<string> };

const secrets = new Set(secretNames({ properties: providerConfig }));

export class Provider extends pulumi.ProviderResource {
    static readonly __pulumiType = packageName;

    static isInstance(obj: unknown): obj is Provider {
        return pulumi.ProviderResource.isInstance(obj) && (obj as unknown as { __pulumiType?: string }).__pulumiType === packageName;
    }

    constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
        const props: pulumi.Inputs = {};
        for (const key of Object.keys(providerConfig) as (keyof ProviderArgs)[]) {
            const value = args[key];
            // Secret keys are secrets from the program on, so neither state nor logs show them.
            props[key] = value === undefined ? undefined : secrets.has(key) ? pulumi.secret(value) : value;
        }
        super(packageName, name, props, pulumi.mergeOptions({ version: sdkVersion }, opts));
    }
}
