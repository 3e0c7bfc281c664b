// SDK class of securetemple:compute:NetworkAdapter: a network adapter of a VM on one of the
// tenant's networks. Inputs, outputs and token come from provider/schema/compute.ts.
import { networkAdapter } from "../../schema/compute";
import { DeclaredResource, SdkInputs, declaredResource } from "./declared";

export type NetworkAdapterInputs = SdkInputs<typeof networkAdapter>;
export const NetworkAdapter = declaredResource(networkAdapter, "NetworkAdapter");
export type NetworkAdapter = DeclaredResource<typeof networkAdapter>;
