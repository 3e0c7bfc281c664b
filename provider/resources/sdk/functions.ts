// The lookup functions, as invokes served by the provider. Each has a Promise form and an
// Output form (for arguments that are Outputs, and to chain without `apply`).
import * as pulumi from "@pulumi/pulumi";
import {
    AvailabilityZonesInfo, BackupPolicyInfo, ContentLibraryItemInfo, DatastoreInfo, GuestOperatingSystemInfo, HostClusterInfo, NetworkInfo, TenantInfo,
} from "../args";
import { functionTokens } from "../tokens";

const invoke = <T>(token: string, args: pulumi.Inputs, opts?: pulumi.InvokeOptions): Promise<T> => pulumi.runtime.invoke(token, args, opts) as Promise<T>;
const invokeOutput = <T>(token: string, args: pulumi.Inputs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<T> => pulumi.runtime.invokeOutput<T>(token, args, opts);

export interface NameArgs {
    name: string;
}
export interface NameInputArgs {
    name: pulumi.Input<string>;
}

export const getTenant = (opts?: pulumi.InvokeOptions) => invoke<TenantInfo>(functionTokens.getTenant, {}, opts);
export const getTenantOutput = (opts?: pulumi.InvokeOutputOptions) => invokeOutput<TenantInfo>(functionTokens.getTenant, {}, opts);

export const getAvailabilityZones = (opts?: pulumi.InvokeOptions) => invoke<AvailabilityZonesInfo>(functionTokens.getAvailabilityZones, {}, opts);
export const getAvailabilityZonesOutput = (opts?: pulumi.InvokeOutputOptions) => invokeOutput<AvailabilityZonesInfo>(functionTokens.getAvailabilityZones, {}, opts);

export const getHostCluster = (args: NameArgs, opts?: pulumi.InvokeOptions) => invoke<HostClusterInfo>(functionTokens.getHostCluster, { name: args.name }, opts);
export const getHostClusterOutput = (args: NameInputArgs, opts?: pulumi.InvokeOutputOptions) =>
    invokeOutput<HostClusterInfo>(functionTokens.getHostCluster, { name: args.name }, opts);

export const getDatastore = (args: NameArgs, opts?: pulumi.InvokeOptions) => invoke<DatastoreInfo>(functionTokens.getDatastore, { name: args.name }, opts);
export const getDatastoreOutput = (args: NameInputArgs, opts?: pulumi.InvokeOutputOptions) => invokeOutput<DatastoreInfo>(functionTokens.getDatastore, { name: args.name }, opts);

export const getNetwork = (args: NameArgs, opts?: pulumi.InvokeOptions) => invoke<NetworkInfo>(functionTokens.getNetwork, { name: args.name }, opts);
export const getNetworkOutput = (args: NameInputArgs, opts?: pulumi.InvokeOutputOptions) => invokeOutput<NetworkInfo>(functionTokens.getNetwork, { name: args.name }, opts);

export const getGuestOperatingSystem = (args: { moref: string }, opts?: pulumi.InvokeOptions) =>
    invoke<GuestOperatingSystemInfo>(functionTokens.getGuestOperatingSystem, { moref: args.moref }, opts);
export const getGuestOperatingSystemOutput = (args: { moref: pulumi.Input<string> }, opts?: pulumi.InvokeOutputOptions) =>
    invokeOutput<GuestOperatingSystemInfo>(functionTokens.getGuestOperatingSystem, { moref: args.moref }, opts);

export const getContentLibraryItem = (args: NameArgs, opts?: pulumi.InvokeOptions) =>
    invoke<ContentLibraryItemInfo>(functionTokens.getContentLibraryItem, { name: args.name }, opts);
export const getContentLibraryItemOutput = (args: NameInputArgs, opts?: pulumi.InvokeOutputOptions) =>
    invokeOutput<ContentLibraryItemInfo>(functionTokens.getContentLibraryItem, { name: args.name }, opts);

export const getBackupPolicy = (args: NameArgs, opts?: pulumi.InvokeOptions) => invoke<BackupPolicyInfo>(functionTokens.getBackupPolicy, { name: args.name }, opts);
export const getBackupPolicyOutput = (args: NameInputArgs, opts?: pulumi.InvokeOutputOptions) =>
    invokeOutput<BackupPolicyInfo>(functionTokens.getBackupPolicy, { name: args.name }, opts);
