// Storage accounts and their rights on buckets. Accounts are real MinIO users (made through
// MinIO's admin API): the keys returned once at creation work against S3, and each grant of a role
// on a bucket becomes a statement of the account's MinIO policy, so `read_only` on a bucket really
// lets the account read it and nothing more. The sandbox never keeps the secret.
import { StoredActivity } from "../store/database";
import { newId } from "../store/ids";
import { invalidField, notFound } from "./errors";
import { Bucket, Grant, Role, StorageAccount } from "./model";
import { newKeys, policyName, syncAccountPolicy } from "./minioUsers";
import { ObjectStorage } from "./objectstorage";
import { Platform } from "./platform";

export class StorageAccounts {
    constructor(
        private readonly p: Platform,
        private readonly buckets: ObjectStorage,
    ) {
        const a = p.activities;
        a.register("bucket.grant", (args) => this.applyGrant(args.grant as Grant));
        a.register("bucket.revoke", (args) => this.applyRevoke(args.id as string));
        a.register("account.delete", (args) => this.applyAccountDelete(args.name as string));
    }

    private get store() {
        return this.p.store;
    }

    private bucket(name: string): Bucket {
        return this.buckets.bucket(name);
    }

    private namespace() {
        return this.buckets.namespace();
    }

    // ---- grants ----------------------------------------------------------------------------

    bucketAccounts(name: string) {
        const b = this.bucket(name);
        return this.store
            .list<Grant>("grant")
            .filter((g) => g.bucket === b.name)
            .map((g) => ({
                id: this.store.byName<StorageAccount>("storageAccount", g.storageAccount)?.id ?? "",
                name: g.storageAccount,
                role: g.role,
            }));
    }

    grant(bucketName: string, roleName: string, account: string): StoredActivity {
        const b = this.bucket(bucketName);
        const roles = this.store.list<Role>("role");
        if (!roles.some((r) => r.name === roleName)) {
            const allowed = roles.map((r) => r.name).join(", ");
            throw invalidField(
                "role",
                allowed,
                `rôle inconnu « ${roleName} » (valeurs : ${allowed})`,
                `unknown role "${roleName}" (allowed: ${allowed})`,
            );
        }
        if (!this.store.byName<StorageAccount>("storageAccount", account)) {
            throw invalidField(
                "storageAccount",
                "the name of an existing storage account",
                `compte de stockage inconnu « ${account} »`,
                `unknown storage account "${account}"`,
            );
        }
        const grant: Grant = { id: `${bucketName}/${roleName}/${account}`, bucket: bucketName, role: roleName, storageAccount: account };
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Rôle ${roleName} sur ${bucketName} pour ${account} / Grant ${roleName} on ${bucketName} to ${account}`,
            concernedItems: [{ id: b.id, type: "bucket" }],
            effect: { op: "bucket.grant", args: { grant } },
        });
    }

    revoke(bucketName: string, roleName: string, account: string): StoredActivity {
        const b = this.bucket(bucketName);
        const id = `${bucketName}/${roleName}/${account}`;
        if (!this.store.get<Grant>("grant", id)) {
            throw notFound("Grant", "Droit", id);
        }
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Retrait du rôle ${roleName} sur ${bucketName} à ${account} / Revoke ${roleName} on ${bucketName} from ${account}`,
            concernedItems: [{ id: b.id, type: "bucket" }],
            effect: { op: "bucket.revoke", args: { id } },
        });
    }

    private async applyGrant(grant: Grant): Promise<string> {
        if (
            !this.store.byName<Bucket>("bucket", grant.bucket) ||
            !this.store.byName<StorageAccount>("storageAccount", grant.storageAccount)
        ) {
            throw new Error(`bucket ou compte supprimé / bucket or storage account gone: ${grant.id}`);
        }
        this.store.put<Grant>("grant", grant);
        await syncAccountPolicy(this.p, grant.storageAccount);
        return grant.id;
    }

    private async applyRevoke(id: string): Promise<string> {
        const grant = this.store.get<Grant>("grant", id);
        if (!grant) {
            throw new Error(`droit déjà retiré / grant already revoked: ${id}`);
        }
        this.store.delete("grant", id);
        await syncAccountPolicy(this.p, grant.storageAccount);
        return id;
    }

    // ---- storage accounts ------------------------------------------------------------------

    account(name: string): StorageAccount {
        const a = this.store.byName<StorageAccount>("storageAccount", name);
        if (!a) {
            throw notFound("Storage account", "Compte de stockage", name);
        }
        return a;
    }

    accountView(a: StorageAccount) {
        const ns = this.namespace();
        return {
            id: a.id,
            name: a.name,
            accessKeyId: a.accessKeyId,
            arn: `urn:ecs:iam::${ns.name}:user/${a.name}`,
            createDate: a.createDate,
            path: "/",
            tags: [] as { key: string; value: string }[],
        };
    }

    /** Synchronous, as on the real API (no activity): the secret is in this response and nowhere else. */
    async createAccount(name: string): Promise<{ accessKeyId: string; secretAccessKey: string }> {
        if (this.store.byName<StorageAccount>("storageAccount", name)) {
            throw invalidField(
                "name",
                "a storage account name not in use",
                `le compte « ${name} » existe déjà`,
                `storage account "${name}" already exists`,
            );
        }
        const keys = newKeys("SA");
        // Recorded first, so that a concurrent create of the same name is refused while MinIO answers.
        const account: StorageAccount = { id: newId(), name, accessKeyId: keys.accessKeyId, createDate: new Date().toISOString() };
        this.store.put<StorageAccount>("storageAccount", account);
        try {
            await this.p.minioAdmin.addUser(keys.accessKeyId, keys.secret);
        } catch (err) {
            this.store.delete("storageAccount", account.id);
            throw err;
        }
        return { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secret };
    }

    removeAccount(name: string): StoredActivity {
        const a = this.account(name);
        return this.p.activities.start({
            type: "StorageActivity",
            description: `Suppression du compte ${name} / Delete storage account ${name}`,
            concernedItems: [{ id: a.id, type: "storage_account" }],
            effect: { op: "account.delete", args: { name } },
        });
    }

    private async applyAccountDelete(name: string): Promise<string> {
        const a = this.store.byName<StorageAccount>("storageAccount", name);
        if (!a) {
            throw new Error(`compte déjà supprimé / storage account already gone: ${name}`);
        }
        const admin = this.p.minioAdmin;
        if (a.policyAttached) {
            await admin.detach(a.accessKeyId, policyName(a));
            await admin.removePolicy(policyName(a));
        }
        await admin.removeUser(a.accessKeyId);
        this.store.transaction(() => {
            this.store
                .list<Grant>("grant")
                .filter((g) => g.storageAccount === name)
                .forEach((g) => this.store.delete("grant", g.id));
            this.store.delete("storageAccount", a.id);
        });
        return a.id;
    }

    accountBuckets(name: string) {
        this.account(name);
        return this.store
            .list<Grant>("grant")
            .filter((g) => g.storageAccount === name)
            .map((g) => ({
                id: this.store.byName<Bucket>("bucket", g.bucket)?.id ?? "",
                name: g.bucket,
                role: g.role,
            }));
    }

    roles(): Role[] {
        return this.store.list<Role>("role");
    }
}
