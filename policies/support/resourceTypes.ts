// The type tokens the policies recognise. Our own tokens come from the shared contract; the
// Terraform-bridged Cloud Temple provider and the vSphere provider are not installed, so their
// resources are known by their tokens alone (see policies/README.md for how each token and property
// name was checked). Policies compare `args.type` with these strings, the one way the pack tests a
// type: definePolicy skips any resource outside a policy's `appliesTo` before its body runs.
import { componentTokens, resourceTokens } from "../../provider/resources/tokens";

/** Tokens of the providers this kit does not install, as their Pulumi SDKs spell them. */
export const foreignTokens = {
    /** `cloudtemple_compute_virtual_machine` through pulumi-terraform-bridge (single module "index"). */
    ctVm: "cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine",
    /** `cloudtemple_compute_iaas_opensource_virtual_machine` (OpenIaaS), same naming rules. */
    ctOpenIaasVm: "cloudtemple:index/computeIaasOpensourceVirtualMachine:ComputeIaasOpensourceVirtualMachine",
    /** `cloudtemple_object_storage_bucket`, same naming rules. */
    ctBucket: "cloudtemple:index/objectStorageBucket:ObjectStorageBucket",
    /** Raw vSphere virtual machine, tag and tag category (pulumi-vsphere). */
    vsphereVm: "vsphere:index/virtualMachine:VirtualMachine",
    vsphereTag: "vsphere:index/tag:Tag",
    vsphereTagCategory: "vsphere:index/tagCategory:TagCategory",
} as const;

export const types = {
    vm: resourceTokens.virtualMachine,
    bucket: resourceTokens.bucket,
    tenant: componentTokens.tenant,
    cluster: componentTokens.cluster,
    lun: componentTokens.lun,
    backupPolicy: componentTokens.backupPolicy,
    workload: componentTokens.workload,
    securityGroup: componentTokens.securityGroup,
    backupVault: componentTokens.backupVault,
    ...foreignTokens,
} as const;

/** Every token that denotes a virtual machine, whatever provisioned it. */
export const virtualMachineTypes: readonly string[] = [types.vm, types.ctVm, types.ctOpenIaasVm, types.vsphereVm];

/** Every token that denotes an S3 bucket. */
export const bucketTypes: readonly string[] = [types.bucket, types.ctBucket];

/** How a virtual machine's backup assignment and power state are spelled, per provider. */
export interface VmShape {
    /** Property holding the backup policy ids, or undefined when backup is a vSphere tag. */
    backupProperty?: string;
    /** Power state property and its value when the property is absent. */
    powerProperty?: string;
    defaultPower: "on" | "off" | "unknown";
    /** Property that names the VM's AZ, when the provider has one as an input. */
    availabilityZoneProperty?: string;
}

export const vmShapes: Record<string, VmShape> = {
    // Our provider: powerState defaults to "on" (provider/resources/args.ts).
    [types.vm]: {
        backupProperty: "backupPolicies",
        powerProperty: "powerState",
        defaultPower: "on",
        availabilityZoneProperty: "availabilityZone",
    },
    // terraform-provider-cloudtemple: power_state defaults to "off"; backup_sla_policies is a set of ids.
    [types.ctVm]: { backupProperty: "backupSlaPolicies", powerProperty: "powerState", defaultPower: "off" },
    // OpenIaaS: power_state is required.
    [types.ctOpenIaasVm]: { backupProperty: "backupSlaPolicies", powerProperty: "powerState", defaultPower: "unknown" },
    // vSphere powers a VM on at creation; backup is a tag from a backup category.
    [types.vsphereVm]: { defaultPower: "on" },
};
