// SDK class of securetemple:compute:VirtualDisk: an extra disk of a VM (capacity in bytes; it only
// grows in place). Inputs, outputs and token come from provider/schema/compute.ts.
import { virtualDisk } from "../../schema/compute";
import { DeclaredResource, SdkInputs, declaredResource } from "./declared";

export type VirtualDiskInputs = SdkInputs<typeof virtualDisk>;
export const VirtualDisk = declaredResource(virtualDisk, "VirtualDisk");
export type VirtualDisk = DeclaredResource<typeof virtualDisk>;
