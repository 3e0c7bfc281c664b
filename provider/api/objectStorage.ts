// The object-storage part of the API: buckets (addressed by name), their access rules,
// versioning and grants, and storage accounts (whose create is synchronous and returns the keys).
import { Activity, ApiClient, WriteOptions } from "./client";

const base = "/storage/object/v1";

export interface BucketWire {
    id?: string;
    name: string;
    namespace?: string;
    endpoint?: string;
    versioning?: string;
    totalObjects?: number;
    totalSize?: string;
    accessType?: string;
    whitelist?: string[];
}

export interface BucketGrantWire {
    id?: string;
    name: string;
    role: string;
}

export interface StorageAccountWire {
    id?: string;
    name: string;
    accessKeyId?: string;
    arn?: string;
    createDate?: string;
}

export interface StorageAccountKeys {
    accessKeyId: string;
    secretAccessKey: string;
}

const bucketPath = (name: string) => `${base}/buckets/${encodeURIComponent(name)}`;
const accountPath = (name: string) => `${base}/storage_accounts/${encodeURIComponent(name)}`;

export function readBucket(client: ApiClient, name: string): Promise<BucketWire | undefined> {
    // 403 and 404 both mean "absent" for buckets (api-contract.md i).
    return client.get<BucketWire>(bucketPath(name), undefined, { operation: `read bucket "${name}"`, absentOn: [403, 404] });
}

export function listBuckets(client: ApiClient): Promise<BucketWire[]> {
    return client.list<BucketWire>(`${base}/buckets`, undefined, { operation: "list buckets", absentOn: [404] });
}

export function listStorageAccounts(client: ApiClient): Promise<StorageAccountWire[]> {
    return client.list<StorageAccountWire>(`${base}/storage_accounts`, undefined, { operation: "list storage accounts", absentOn: [404] });
}

export function listBucketGrants(client: ApiClient, name: string): Promise<BucketGrantWire[]> {
    return client.list<BucketGrantWire>(`${bucketPath(name)}/storage_accounts`, undefined, {
        operation: `list grants of bucket "${name}"`,
        absentOn: [],
    });
}

export function startCreateBucket(client: ApiClient, body: { name: string; accessType: string; whitelist?: string[] }): Promise<string> {
    const payload: Record<string, unknown> = { name: body.name, accessType: body.accessType };
    if (body.whitelist && body.whitelist.length > 0) {
        payload.whitelist = body.whitelist;
    }
    return client.startWrite("POST", `${base}/buckets`, payload, `create bucket "${body.name}"`);
}

export function setBucketVersioning(client: ApiClient, name: string, status: string, options: WriteOptions): Promise<Activity> {
    return client.run("PUT", `${bucketPath(name)}/versioning`, { status }, options);
}

export function setBucketAccess(
    client: ApiClient,
    name: string,
    accessType: string,
    whitelist: string[] | undefined,
    options: WriteOptions,
): Promise<Activity> {
    const payload: Record<string, unknown> = { accessType };
    if (whitelist && whitelist.length > 0) {
        payload.whitelist = whitelist;
    }
    return client.run("PUT", `${bucketPath(name)}/whitelist`, payload, options);
}

export function grantBucketRole(
    client: ApiClient,
    bucket: string,
    role: string,
    account: string,
    options: WriteOptions,
): Promise<Activity> {
    return client.run(
        "POST",
        `${bucketPath(bucket)}/grant/${encodeURIComponent(role)}/to/${encodeURIComponent(account)}`,
        undefined,
        options,
    );
}

export function revokeBucketRole(
    client: ApiClient,
    bucket: string,
    role: string,
    account: string,
    options: WriteOptions,
): Promise<Activity> {
    return client.run(
        "DELETE",
        `${bucketPath(bucket)}/revoke/${encodeURIComponent(role)}/to/${encodeURIComponent(account)}`,
        undefined,
        options,
    );
}

export function deleteBucket(client: ApiClient, name: string, options: WriteOptions): Promise<Activity> {
    return client.run("DELETE", bucketPath(name), undefined, options);
}

export function createStorageAccount(client: ApiClient, name: string): Promise<StorageAccountKeys> {
    return client.writeSync<StorageAccountKeys>("POST", `${base}/storage_accounts`, { name }, `create storage account "${name}"`);
}

export function readStorageAccount(client: ApiClient, name: string): Promise<StorageAccountWire | undefined> {
    return client.get<StorageAccountWire>(accountPath(name), undefined, {
        operation: `read storage account "${name}"`,
        absentOn: [403, 404],
    });
}

export function deleteStorageAccount(client: ApiClient, name: string, options: WriteOptions): Promise<Activity> {
    return client.run("DELETE", accountPath(name), undefined, options);
}

export function listRoles(client: ApiClient): Promise<{ id: string; name: string }[]> {
    return client.list<{ id: string; name: string }>(`${base}/roles`, undefined, { operation: "list object-storage roles" });
}
