// The `compute` module of the package, as Pulumi's Node.js code generator names it: code that
// `pulumi import` or `pulumi convert` writes (securetemple.compute.VirtualMachine,
// securetemple.compute.PowerState.Off...) compiles against this package.
import { adapterTypeEnum, diskModeEnum, powerStateEnum, provisioningTypeEnum } from "../schema/compute";
import { enumObject } from "../resources/sdk/declared";

export { VirtualMachine, VirtualMachineInputs } from "../resources/sdk/virtualMachine";
export { VirtualDisk, VirtualDiskInputs } from "../resources/sdk/virtualDisk";
export { NetworkAdapter, NetworkAdapterInputs } from "../resources/sdk/networkAdapter";
export {
    getContentLibraryItem,
    getContentLibraryItemOutput,
    getDatastore,
    getDatastoreOutput,
    getGuestOperatingSystem,
    getGuestOperatingSystemOutput,
    getHostCluster,
    getHostClusterOutput,
    getNetwork,
    getNetworkOutput,
} from "../resources/sdk/functions";
export { Cluster, ClusterArgs } from "../components/cluster";
export { Workload, WorkloadArgs } from "../components/workload";

export const PowerState = enumObject(powerStateEnum);
export type PowerState = (typeof PowerState)[keyof typeof PowerState];
export const ProvisioningType = enumObject(provisioningTypeEnum);
export type ProvisioningType = (typeof ProvisioningType)[keyof typeof ProvisioningType];
export const DiskMode = enumObject(diskModeEnum);
export type DiskMode = (typeof DiskMode)[keyof typeof DiskMode];
export const AdapterType = enumObject(adapterTypeEnum);
export type AdapterType = (typeof AdapterType)[keyof typeof AdapterType];
