// The MinIO side of object storage accounts: S3 key pairs, and each account's MinIO policy, which
// holds one statement per grant of a role on a bucket.
import * as crypto from "crypto";
import { Grant, Role, StorageAccount } from "./model";
import { Platform } from "./platform";

/** An S3 key pair: a 20-character access key id (prefix + hex) and a 40-character secret. */
export function newKeys(prefix: string): { accessKeyId: string; secret: string } {
    return {
        accessKeyId: `${prefix}${crypto.randomBytes(9).toString("hex").toUpperCase()}`,
        secret: crypto.randomBytes(30).toString("base64url"),
    };
}

/** Named after the account's access key id, unique even when several sandboxes share one MinIO. */
export const policyName = (account: StorageAccount) => `securetemple-sa-${account.accessKeyId.toLowerCase()}`;

/** Rewrites the account's MinIO policy from its grants: each role's permissions on its bucket and objects. */
export async function syncAccountPolicy(p: Platform, accountName: string): Promise<void> {
    const store = p.store;
    const account = store.byName<StorageAccount>("storageAccount", accountName);
    if (!account) {
        return;
    }
    const admin = p.minioAdmin;
    const policy = policyName(account);
    const statements = store
        .where<Grant>("grant", "storageAccount", accountName)
        .map((g) => ({
            Effect: "Allow",
            Action: store.byName<Role>("role", g.role)?.permissions ?? [],
            Resource: [`arn:aws:s3:::${g.bucket}`, `arn:aws:s3:::${g.bucket}/*`],
        }))
        .filter((st) => st.Action.length > 0);
    if (statements.length > 0) {
        await admin.putPolicy(policy, { Version: "2012-10-17", Statement: statements });
        if (!account.policyAttached) {
            await admin.attach(account.accessKeyId, policy);
            store.put<StorageAccount>("storageAccount", { ...account, policyAttached: true });
        }
    } else if (account.policyAttached) {
        await admin.detach(account.accessKeyId, policy);
        await admin.removePolicy(policy);
        store.put<StorageAccount>("storageAccount", { ...account, policyAttached: false });
    }
}
