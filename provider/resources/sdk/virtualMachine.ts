// SDK class of securetemple:compute:VirtualMachine: a VMware virtual machine, its backup policies
// assigned before it is powered on. Inputs, outputs and token come from provider/schema/compute.ts.
import { virtualMachine } from "../../schema/compute";
import { DeclaredResource, SdkInputs, declaredResource } from "./declared";

export type VirtualMachineInputs = SdkInputs<typeof virtualMachine>;
export const VirtualMachine = declaredResource(virtualMachine, "VirtualMachine");
export type VirtualMachine = DeclaredResource<typeof virtualMachine>;
