// The resource implementations by type token.
import { resourceTokens } from "../tokens";
import { bucketHandler } from "./bucket";
import { ResourceHandler } from "./handler";
import { networkAdapterHandler } from "./networkAdapter";
import { storageAccountHandler } from "./storageAccount";
import { virtualDiskHandler } from "./virtualDisk";
import { virtualMachineHandler } from "./virtualMachine";

export const handlers: Record<string, ResourceHandler> = {
    [resourceTokens.virtualMachine]: virtualMachineHandler,
    [resourceTokens.virtualDisk]: virtualDiskHandler,
    [resourceTokens.networkAdapter]: networkAdapterHandler,
    [resourceTokens.bucket]: bucketHandler,
    [resourceTokens.storageAccount]: storageAccountHandler,
};
