// SDK class of securetemple:objectstorage:StorageAccount: its secret key is given once, at
// creation, and kept as a Pulumi secret (declared secret, so the SDK asks for it as a secret
// output too). Inputs, outputs and token come from provider/schema/objectStorage.ts.
import { storageAccount } from "../../schema/objectStorage";
import { DeclaredResource, SdkInputs, declaredResource } from "./declared";

export type StorageAccountInputs = SdkInputs<typeof storageAccount>;
export const StorageAccount = declaredResource(storageAccount, "StorageAccount");
export type StorageAccount = DeclaredResource<typeof storageAccount>;
