// The SDK a Pulumi program uses: resource classes, the Provider class, the lookup functions,
// and the shared shapes and tokens. The provider implementation (nativeProvider.ts) is not
// exported here, so a program never loads the API client.
export * from "./args";
export * from "./tokens";
export { VirtualMachine, VirtualMachineInputs } from "./sdk/virtualMachine";
export { VirtualDisk, VirtualDiskInputs } from "./sdk/virtualDisk";
export { NetworkAdapter, NetworkAdapterInputs } from "./sdk/networkAdapter";
export { Bucket, BucketInputs } from "./sdk/bucket";
export { StorageAccount, StorageAccountInputs } from "./sdk/storageAccount";
export { Provider, ProviderArgs } from "./sdk/provider";
export * from "./sdk/functions";
