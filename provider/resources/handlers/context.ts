// What a resource handler gets for one operation: the API client, the S3 access of the
// provider, the shared backup-inventory runner and the operation's deadline.
import { AsyncLocalStorage } from "async_hooks";
import { S3Client } from "@aws-sdk/client-s3";
import { ApiClient } from "../../api/client";
import { AssignmentBatches, InventoryRuns } from "../../api/backup";

/** Per-call facts the gRPC layer knows and the Provider interface does not carry (the custom timeout). */
export interface OperationFacts {
    timeoutSeconds?: number;
}

export const operationFacts = new AsyncLocalStorage<OperationFacts>();

export interface HandlerContext {
    client: ApiClient;
    /** The resource's URN, on a create: what its creation marker holds (see api/creationMarker.ts). */
    urn?: string;
    inventory: InventoryRuns;
    /** Policy assignments grouped into one request per policy set. */
    assignments: AssignmentBatches;
    /** An S3 client for a bucket endpoint; throws a clear error when no S3 credentials are configured. */
    s3(endpointFromApi: string | undefined): S3Client;
    /** True when S3 credentials are configured (lifecycle rules, emptying buckets). */
    s3Configured: boolean;
    /** Deadline of this operation in ms (custom timeout, else a default per operation). */
    timeoutMs: number;
    /** First interval when polling things other than activities (inventory). */
    pollMs: number;
    log: (message: string) => void;
}

/** Raised by a create or update that left an object behind: the engine keeps it in the state. */
export class ResourceInitError extends Error {
    constructor(
        message: string,
        readonly id: string,
        readonly properties: Record<string, unknown>,
        readonly reasons: string[] = [message],
    ) {
        super(message);
        this.name = "ResourceInitError";
    }
}
