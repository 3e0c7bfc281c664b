// An object-storage bucket for backups: versioned, never public, non-current versions expired by a
// lifecycle rule, tagged { purpose: "backup" }, optionally with a read-only storage account.
// Convention 8.4 (S3 object storage); service facts: buckets filtered by a source-IP whitelist,
// "private" adds the tenant's CIDRs, "custom" takes an explicit list; lifecycle goes through S3.
import * as pulumi from "@pulumi/pulumi";
import { CatalogError, parseCidr } from "../catalog";
import { Bucket, StorageAccount } from "../resources";
import { BucketArgs } from "../resources/args";
import { componentTokens } from "../resources/tokens";
import { ComponentReporter, requireArray, requireBoolean, requireInteger, requireOneOf, requireString, validated } from "./internal/errors";

export interface BackupVaultArgs {
    /** Bucket name: 1-255 characters of [a-zA-Z0-9_-]; default: the component name. */
    bucketName?: string;
    /** "private" (the tenant's own CIDRs) or "custom" (the whitelist below). Never "public". Default "private". */
    accessType?: "private" | "custom";
    /** CIDRs allowed with "custom" (include the /32 network and broadcast addresses of a range). */
    whitelist?: string[];
    /** Days before a non-current version is deleted. Default 30. */
    noncurrentVersionExpirationDays?: number;
    /** Also creates a storage account with the read_only role on the bucket (e.g. for restore tests). */
    readOnlyAccount?: { name: string };
    /**
     * Lets `pulumi destroy` empty the bucket (every object and version) before deleting it. Default
     * false: a vault that holds backups is not deleted, and the error names this input. Set it to
     * true and run `pulumi up` before the `destroy` that should empty the vault.
     */
    forceDestroy?: boolean;
    tags?: Record<string, string>;
}

export interface BackupVaultProps {
    bucketName: string;
    accessType: "private" | "custom";
    whitelist: string[];
    noncurrentVersionExpirationDays: number;
    readOnlyAccount?: { name: string };
    forceDestroy: boolean;
}

const bucketNamePattern = /^[a-zA-Z0-9_-]{1,255}$/;

export function validateBackupVaultArgs(name: string, args: BackupVaultArgs): BackupVaultProps {
    const bucketName = args.bucketName === undefined ? name : requireString(args.bucketName, "bucketName");
    if (!bucketNamePattern.test(bucketName)) {
        throw new CatalogError("bucketName", {
            fr: `nom de bucket invalide « ${bucketName} » : 1 à 255 caractères parmi [a-zA-Z0-9_-].`,
            en: `invalid bucket name "${bucketName}": 1 to 255 characters of [a-zA-Z0-9_-].`,
        });
    }
    const accessType = requireOneOf(args.accessType ?? "private", "accessType", ["private", "custom"] as const);
    const whitelist = requireArray(args.whitelist ?? [], "whitelist").map((c, i) => parseCidr(c, `whitelist[${i}]`));
    if (accessType === "custom" && whitelist.length === 0) {
        throw new CatalogError("whitelist", {
            fr: `accessType « custom » exige au moins un CIDR.`,
            en: `accessType "custom" needs at least one CIDR.`,
        });
    }
    if (accessType === "private" && whitelist.length > 0) {
        throw new CatalogError(
            "whitelist",
            { fr: `n'a de sens qu'avec accessType « custom ».`, en: `only makes sense with accessType "custom".` },
            ["custom"],
        );
    }
    const open = whitelist.find((c) => c.prefix === 0);
    if (open) {
        throw new CatalogError("whitelist", {
            fr: `${open.text} rendrait le bucket public.`,
            en: `${open.text} would make the bucket public.`,
        });
    }
    const noncurrentVersionExpirationDays = requireInteger(
        args.noncurrentVersionExpirationDays ?? 30,
        "noncurrentVersionExpirationDays",
        1,
        3650,
    );
    const readOnlyAccount =
        args.readOnlyAccount === undefined ? undefined : { name: requireString(args.readOnlyAccount?.name, "readOnlyAccount.name") };
    const forceDestroy = requireBoolean(args.forceDestroy ?? false, "forceDestroy");
    return {
        bucketName,
        accessType,
        whitelist: whitelist.map((c) => c.text),
        noncurrentVersionExpirationDays,
        ...(readOnlyAccount ? { readOnlyAccount } : {}),
        forceDestroy,
    };
}

/**
 * A bucket for backups: versioned, private or whitelisted, non-current versions expired, tagged
 * { purpose: "backup" }, with an optional read-only storage account (its secret key is a Pulumi secret).
 *
 * @example
 * ```ts
 * const vault = new BackupVault("db-dumps", {
 *     accessType: "custom", whitelist: ["203.0.113.8/29", "203.0.113.8/32", "203.0.113.15/32"],
 *     noncurrentVersionExpirationDays: 90, readOnlyAccount: { name: "restore-check" },
 * });
 * ```
 */
export class BackupVault extends pulumi.ComponentResource {
    readonly bucket: Bucket;
    readonly readOnlyAccount?: StorageAccount;
    declare readonly bucketName: pulumi.Output<string>;

    constructor(name: string, args: BackupVaultArgs, opts?: pulumi.ComponentResourceOptions) {
        // Errors are filed under this component's URN, not its parent's.
        const props = validated("BackupVault", name, new ComponentReporter(componentTokens.backupVault, name, opts).subject, () =>
            validateBackupVaultArgs(name, args),
        );
        const tags = { ...(args.tags ?? {}), purpose: "backup" };
        // Registered with the bucket's versioning and tags, so the policy pack judges the vault itself.
        super(componentTokens.backupVault, name, { ...props, versioning: "Enabled", tags }, opts);
        if (props.readOnlyAccount) {
            this.readOnlyAccount = new StorageAccount(
                `${name}-${props.readOnlyAccount.name}`,
                { name: props.readOnlyAccount.name },
                { parent: this },
            );
        }
        const bucketArgs: BucketArgs = {
            name: props.bucketName,
            accessType: props.accessType,
            ...(props.accessType === "custom" ? { whitelist: props.whitelist } : {}),
            versioning: "Enabled",
            lifecycleRules: [{ id: "expire-noncurrent-versions", noncurrentVersionExpirationDays: props.noncurrentVersionExpirationDays }],
            ...(props.readOnlyAccount ? { aclEntries: [{ storageAccount: props.readOnlyAccount.name, role: "read_only" }] } : {}),
            forceDestroy: props.forceDestroy,
            tags,
        };
        this.bucket = new Bucket(name, bucketArgs, {
            parent: this,
            ...(this.readOnlyAccount ? { dependsOn: [this.readOnlyAccount] } : {}),
        });
        this.bucketName = pulumi.output(props.bucketName);
        this.registerOutputs({ bucketName: this.bucketName });
    }
}
