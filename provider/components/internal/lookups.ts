// Looks the tenant's ordered inventory up by name through the provider's functions. The lookup runs
// at preview too, so a program that names a cluster, LUN or policy the tenant does not have fails early.
// Lookups run before the component registers (its looked-up facts are part of its registered
// properties), so they take the provider from the component's own options or from its parent.
import * as pulumi from "@pulumi/pulumi";
import { functionTokens, packageName } from "../../resources/tokens";
import { sdkVersion } from "../../resources/version";
import { AvailabilityZonesInfo, BackupPolicyInfo, DatastoreInfo, HostClusterInfo, NetworkInfo, TenantInfo } from "../../resources/args";

/** The invoke options a child of a component with options `opts` would get. */
export function invokeOptionsFrom(opts: pulumi.ComponentResourceOptions | undefined): pulumi.InvokeOptions {
    const providers = opts?.providers;
    const fromMap =
        providers && !Array.isArray(providers) ? (providers as Record<string, pulumi.ProviderResource>)[packageName] : undefined;
    const fromList = Array.isArray(providers)
        ? providers.find((p) => (p as unknown as { getPackage?: () => string }).getPackage?.() === packageName)
        : undefined;
    const provider = opts?.provider ?? fromMap ?? fromList;
    // The version, as the SDK classes give it: the lookups reach the same default provider as the resources.
    return { version: sdkVersion, ...(opts?.parent ? { parent: opts.parent } : {}), ...(provider ? { provider } : {}) };
}

function lookup<T>(token: string, name: string, opts: pulumi.ComponentResourceOptions | undefined): pulumi.Output<T> {
    return pulumi.runtime.invokeOutput<T>(token, { name }, invokeOptionsFrom(opts));
}

/** The tenant the provider's credentials belong to, and the AZs it has. */
export function lookupTenant(opts: pulumi.ComponentResourceOptions | undefined): pulumi.Output<[TenantInfo, AvailabilityZonesInfo]> {
    const invokeOpts = invokeOptionsFrom(opts);
    return pulumi.all([
        pulumi.runtime.invokeOutput<TenantInfo>(functionTokens.getTenant, {}, invokeOpts),
        pulumi.runtime.invokeOutput<AvailabilityZonesInfo>(functionTokens.getAvailabilityZones, {}, invokeOpts),
    ]);
}

export function lookupHostCluster(name: string, opts: pulumi.ComponentResourceOptions | undefined): pulumi.Output<HostClusterInfo> {
    return lookup(functionTokens.getHostCluster, name, opts);
}

export function lookupDatastore(name: string, opts: pulumi.ComponentResourceOptions | undefined): pulumi.Output<DatastoreInfo> {
    return lookup(functionTokens.getDatastore, name, opts);
}

export function lookupBackupPolicy(name: string, opts: pulumi.ComponentResourceOptions | undefined): pulumi.Output<BackupPolicyInfo> {
    return lookup(functionTokens.getBackupPolicy, name, opts);
}

export function lookupNetwork(name: string, opts: pulumi.ComponentResourceOptions | undefined): pulumi.Output<NetworkInfo> {
    return lookup(functionTokens.getNetwork, name, opts);
}

export const gib = 1024 ** 3;
