// The S3 side of a bucket, through @aws-sdk/client-s3 as on the real service: lifecycle rules
// (the customer API has none) and the object listing used to refuse or perform a forced delete.
import {
    DeleteBucketLifecycleCommand,
    DeleteObjectsCommand,
    GetBucketLifecycleConfigurationCommand,
    LifecycleRule,
    ListObjectVersionsCommand,
    PutBucketLifecycleConfigurationCommand,
    S3Client,
} from "@aws-sdk/client-s3";
import { BucketLifecycleRule } from "../args";

function toS3(rule: BucketLifecycleRule): LifecycleRule {
    return {
        ID: rule.id,
        Status: "Enabled",
        Filter: { Prefix: rule.prefix ?? "" },
        Expiration: rule.expirationDays ? { Days: rule.expirationDays } : undefined,
        NoncurrentVersionExpiration: rule.noncurrentVersionExpirationDays
            ? { NoncurrentDays: rule.noncurrentVersionExpirationDays }
            : undefined,
        AbortIncompleteMultipartUpload: rule.abortIncompleteMultipartUploadDays
            ? { DaysAfterInitiation: rule.abortIncompleteMultipartUploadDays }
            : undefined,
    };
}

function fromS3(rule: LifecycleRule): BucketLifecycleRule {
    const out: BucketLifecycleRule = { id: rule.ID ?? "" };
    const prefix = rule.Filter?.Prefix ?? rule.Prefix;
    if (prefix) {
        out.prefix = prefix;
    }
    if (rule.Expiration?.Days) {
        out.expirationDays = rule.Expiration.Days;
    }
    if (rule.NoncurrentVersionExpiration?.NoncurrentDays) {
        out.noncurrentVersionExpirationDays = rule.NoncurrentVersionExpiration.NoncurrentDays;
    }
    if (rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation) {
        out.abortIncompleteMultipartUploadDays = rule.AbortIncompleteMultipartUpload.DaysAfterInitiation;
    }
    return out;
}

export async function putLifecycle(s3: S3Client, bucket: string, rules: BucketLifecycleRule[]): Promise<void> {
    if (rules.length === 0) {
        await s3.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
        return;
    }
    await s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules.map(toS3) } }));
}

export async function getLifecycle(s3: S3Client, bucket: string): Promise<BucketLifecycleRule[]> {
    try {
        const result = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
        return (result.Rules ?? []).map(fromS3);
    } catch (err) {
        if ((err as { name?: string }).name === "NoSuchLifecycleConfiguration") {
            return [];
        }
        throw err;
    }
}

/** Number of objects and versions (up to one page), to refuse deleting a non-empty bucket. */
export async function countObjects(s3: S3Client, bucket: string): Promise<number> {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }));
    return (page.Versions?.length ?? 0) + (page.DeleteMarkers?.length ?? 0);
}

/** Deletes every object version and delete marker (forceDestroy). */
export async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
    let removed = 0;
    for (;;) {
        const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }));
        const keys = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
            Key: v.Key as string,
            VersionId: v.VersionId,
        }));
        if (keys.length === 0) {
            return removed;
        }
        await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys, Quiet: true } }));
        removed += keys.length;
    }
}
