// SDK class of securetemple:objectstorage:Bucket: an S3 bucket of the tenant's object storage;
// its id is its name. Inputs, outputs and token come from provider/schema/objectStorage.ts.
import { bucket } from "../../schema/objectStorage";
import { DeclaredResource, SdkInputs, declaredResource } from "./declared";

export type BucketInputs = SdkInputs<typeof bucket>;
export const Bucket = declaredResource(bucket, "Bucket");
export type Bucket = DeclaredResource<typeof bucket>;
