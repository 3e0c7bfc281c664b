// The resource implementations by type token.
import { resourceTokens } from "../tokens";
import { bucketHandler } from "./bucket";
import { AnyHandler, dispatched } from "./handler";
import { networkAdapterHandler } from "./networkAdapter";
import { storageAccountHandler } from "./storageAccount";
import { virtualDiskHandler } from "./virtualDisk";
import { virtualMachineHandler } from "./virtualMachine";

export const handlers: Record<string, AnyHandler> = {
    [resourceTokens.virtualMachine]: dispatched(virtualMachineHandler),
    [resourceTokens.virtualDisk]: dispatched(virtualDiskHandler),
    [resourceTokens.networkAdapter]: dispatched(networkAdapterHandler),
    [resourceTokens.bucket]: dispatched(bucketHandler),
    [resourceTokens.storageAccount]: dispatched(storageAccountHandler),
};
