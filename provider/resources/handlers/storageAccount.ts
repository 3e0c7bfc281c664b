// securetemple:objectstorage:StorageAccount. The create is synchronous and is the only moment
// the secret key is given: it becomes a secret output and is kept from then on.
import { ApiError } from "../../api/errors";
import * as storage from "../../api/objectStorage";
import { bilingual } from "../../catalog/errors";
import { storageAccount } from "../../schema/objectStorage";
import { ResourceInitError } from "./context";
import { ResourceHandler, inputsOf } from "./handler";

export const storageAccountHandler: ResourceHandler<typeof storageAccount> = {
    declaration: storageAccount,

    async create(inputs, ctx) {
        const name = inputs.name;
        let keys: storage.StorageAccountKeys;
        try {
            keys = await storage.createStorageAccount(ctx.client, name);
        } catch (err) {
            if (err instanceof ApiError && err.ambiguous) {
                const found = await storage.readStorageAccount(ctx.client, name).catch(() => undefined);
                if (found) {
                    // Created, but its secret key was lost with the answer: keep it in the state and say how to recover.
                    throw new ResourceInitError(
                        bilingual({
                            fr: `le compte de stockage « ${name} » a été créé mais sa clé secrète est perdue ; remplacez-le (pulumi up --replace)`,
                            en: `storage account "${name}" was created but its secret key was lost with the answer; replace it (pulumi up --replace). ${err.message}`,
                        }),
                        name,
                        { name, accessKeyId: found.accessKeyId ?? "", arn: found.arn ?? "", createDate: found.createDate ?? "" },
                    );
                }
            }
            throw err;
        }
        const account = await storage.readStorageAccount(ctx.client, name);
        return {
            id: name,
            outs: {
                name,
                accessKeyId: keys.accessKeyId,
                secretAccessKey: keys.secretAccessKey,
                arn: account?.arn ?? "",
                createDate: account?.createDate ?? "",
            },
        };
    },

    async read(id, props, ctx) {
        const account = await storage.readStorageAccount(ctx.client, id);
        if (!account) {
            return {};
        }
        const outs = {
            name: account.name,
            accessKeyId: account.accessKeyId ?? props.accessKeyId ?? "",
            secretAccessKey: props.secretAccessKey,
            arn: account.arn ?? "",
            createDate: account.createDate ?? "",
        };
        return { props: outs, inputs: inputsOf(storageAccount, outs) };
    },

    async update(id, olds) {
        // Nothing is updatable in place (the name replaces).
        return olds;
    },

    async delete(id, props, ctx) {
        if (!(await storage.readStorageAccount(ctx.client, id))) {
            return;
        }
        try {
            await storage.deleteStorageAccount(ctx.client, id, { operation: `delete storage account "${id}"`, timeoutMs: ctx.timeoutMs });
        } catch (err) {
            if (
                err instanceof ApiError &&
                (err.status === 404 || err.status === 403 || (err.ambiguous && !(await storage.readStorageAccount(ctx.client, id))))
            ) {
                return;
            }
            throw err;
        }
    },
};
