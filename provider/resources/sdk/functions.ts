// The lookup functions, as invokes served by the provider. Each has a Promise form and an
// Output form (for arguments that are Outputs, and to chain without `apply`); arguments and
// results come from provider/schema/functions.ts.
import type * as pulumi from "@pulumi/pulumi";
import * as decls from "../../schema/functions";
import { declaredFunction } from "./declared";

export interface NameArgs {
    name: string;
}
export interface NameInputArgs {
    name: pulumi.Input<string>;
}

const tenant = declaredFunction(decls.getTenant);
const zones = declaredFunction(decls.getAvailabilityZones);
const hostCluster = declaredFunction(decls.getHostCluster);
const datastore = declaredFunction(decls.getDatastore);
const network = declaredFunction(decls.getNetwork);
const guestOs = declaredFunction(decls.getGuestOperatingSystem);
const libraryItem = declaredFunction(decls.getContentLibraryItem);
const backupPolicy = declaredFunction(decls.getBackupPolicy);

export const getTenant = (opts?: pulumi.InvokeOptions) => tenant.promise({}, opts);
export const getTenantOutput = (opts?: pulumi.InvokeOutputOptions) => tenant.output({}, opts);

export const getAvailabilityZones = (opts?: pulumi.InvokeOptions) => zones.promise({}, opts);
export const getAvailabilityZonesOutput = (opts?: pulumi.InvokeOutputOptions) => zones.output({}, opts);

export const getHostCluster = hostCluster.promise;
export const getHostClusterOutput = hostCluster.output;

export const getDatastore = datastore.promise;
export const getDatastoreOutput = datastore.output;

export const getNetwork = network.promise;
export const getNetworkOutput = network.output;

export const getGuestOperatingSystem = guestOs.promise;
export const getGuestOperatingSystemOutput = guestOs.output;

export const getContentLibraryItem = libraryItem.promise;
export const getContentLibraryItemOutput = libraryItem.output;

export const getBackupPolicy = backupPolicy.promise;
export const getBackupPolicyOutput = backupPolicy.output;
