// securetemple:objectstorage:Bucket. Access type, whitelist, versioning and grants go through
// the customer API; lifecycle rules through S3. A non-empty bucket is deleted only with
// forceDestroy, never emptied silently.
import * as net from "net";
import { createAdopting } from "../../api/adoption";
import { ApiError } from "../../api/errors";
import * as storage from "../../api/objectStorage";
import { BucketAclEntry, BucketLifecycleRule } from "../args";
import { countObjects, emptyBucket, getLifecycle, putLifecycle } from "./bucketS3";
import { HandlerContext, ResourceInitError } from "./context";
import { ResourceHandler, pick, tableDiff } from "./handler";
import { Props, isUnknown, sameSet } from "./properties";
import { Checker } from "./validation";

const inputKeys = ["name", "accessType", "whitelist", "versioning", "aclEntries", "lifecycleRules", "forceDestroy", "tags"] as const;
export const accessTypes = ["private", "public", "custom"] as const;
export const bucketRoles = ["read_only", "read_write", "write_only", "maintainer"] as const;

function validCidr(value: string): boolean {
    const [address, bits, extra] = value.split("/");
    const family = net.isIP(address);
    const n = Number(bits);
    return extra === undefined && family !== 0 && bits !== undefined && /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

async function liveState(ctx: HandlerContext, name: string, previous: Props): Promise<Props | undefined> {
    const bucket = await storage.readBucket(ctx.client, name);
    if (!bucket) {
        return undefined;
    }
    const grants = await storage.listBucketGrants(ctx.client, name);
    const aclEntries: BucketAclEntry[] = grants.map((g) => ({ storageAccount: g.name, role: g.role }));
    let lifecycleRules = previous.lifecycleRules as BucketLifecycleRule[] | undefined;
    if (ctx.s3Configured && (lifecycleRules !== undefined || previous.name === undefined)) {
        const live = await getLifecycle(ctx.s3(bucket.endpoint), name);
        lifecycleRules = lifecycleRules && sameSet(live, lifecycleRules) ? lifecycleRules : live.length > 0 || lifecycleRules ? live : undefined;
    }
    const previousAcl = previous.aclEntries as BucketAclEntry[] | undefined;
    return {
        name: bucket.name,
        // The API does not always echo these two: keep what was set when it does not.
        accessType: bucket.accessType ?? previous.accessType ?? "private",
        whitelist: bucket.accessType ? (bucket.whitelist?.length ? bucket.whitelist : previous.whitelist) : previous.whitelist,
        versioning: bucket.versioning && bucket.versioning !== "Disabled" ? bucket.versioning : previous.versioning,
        aclEntries: previousAcl && sameSet(previousAcl, aclEntries) ? previousAcl : aclEntries.length > 0 || previousAcl ? aclEntries : undefined,
        lifecycleRules,
        forceDestroy: previous.forceDestroy ?? false,
        tags: previous.tags,
        endpoint: bucket.endpoint ?? "",
        namespace: bucket.namespace ?? "",
    };
}

async function applyGrants(ctx: HandlerContext, name: string, wanted: BucketAclEntry[], current: BucketAclEntry[]): Promise<void> {
    const key = (e: BucketAclEntry) => `${e.storageAccount}\u0000${e.role}`;
    const want = new Set(wanted.map(key));
    const have = new Set(current.map(key));
    for (const entry of current.filter((e) => !want.has(key(e)))) {
        await storage.revokeBucketRole(ctx.client, name, entry.role, entry.storageAccount, { operation: `revoke ${entry.role} on bucket "${name}" from "${entry.storageAccount}"`, timeoutMs: ctx.timeoutMs });
    }
    for (const entry of wanted.filter((e) => !have.has(key(e)))) {
        await storage.grantBucketRole(ctx.client, name, entry.role, entry.storageAccount, { operation: `grant ${entry.role} on bucket "${name}" to "${entry.storageAccount}"`, timeoutMs: ctx.timeoutMs });
    }
}

async function converge(ctx: HandlerContext, name: string, wanted: Props, olds: Props | undefined): Promise<void> {
    const options = (what: string) => ({ operation: `${what} of bucket "${name}"`, timeoutMs: ctx.timeoutMs });
    if (olds && (olds.accessType !== wanted.accessType || !sameSet(olds.whitelist ?? [], wanted.whitelist ?? []))) {
        await storage.setBucketAccess(ctx.client, name, wanted.accessType as string, wanted.whitelist as string[] | undefined, options("set access"));
    }
    if (wanted.versioning !== undefined && wanted.versioning !== olds?.versioning) {
        await storage.setBucketVersioning(ctx.client, name, wanted.versioning as string, options("set versioning"));
    }
    if (wanted.aclEntries !== undefined || olds?.aclEntries !== undefined) {
        const current = (await storage.listBucketGrants(ctx.client, name)).map((g) => ({ storageAccount: g.name, role: g.role }));
        await applyGrants(ctx, name, (wanted.aclEntries as BucketAclEntry[]) ?? [], current);
    }
    if (wanted.lifecycleRules !== undefined || olds?.lifecycleRules !== undefined) {
        const rules = (wanted.lifecycleRules as BucketLifecycleRule[]) ?? [];
        if (!olds || !sameSet(olds.lifecycleRules ?? [], rules)) {
            const bucket = await storage.readBucket(ctx.client, name);
            await putLifecycle(ctx.s3(bucket?.endpoint), name, rules);
        }
    }
}

export const bucketHandler: ResourceHandler = {
    check(news) {
        const c = new Checker(news);
        c.string("name", { required: true, maxLength: 255, pattern: /^[a-zA-Z0-9_-]+$/, patternText: "1 à 255 caractères [a-zA-Z0-9_-] / 1-255 characters of [a-zA-Z0-9_-]" });
        c.oneOf("accessType", accessTypes, true);
        const whitelist = c.stringList("whitelist", { item: /./, itemText: "un bloc CIDR / a CIDR block" });
        whitelist?.forEach((cidr, i) => {
            if (typeof cidr === "string" && !isUnknown(cidr) && !validCidr(cidr)) {
                c.fail(`whitelist[${i}]`, `« ${cidr} » n'est pas un bloc CIDR (ex. 203.0.113.8/29)`, `"${cidr}" is not a CIDR block (e.g. 203.0.113.8/29)`);
            }
        });
        if (news.accessType === "custom" && Array.isArray(news.whitelist) && news.whitelist.length === 0) {
            c.fail("whitelist", "l'accès « custom » exige au moins un bloc CIDR", 'accessType "custom" needs at least one CIDR block');
        }
        if (news.accessType === "custom" && !c.isSet("whitelist")) {
            c.fail("whitelist", "l'accès « custom » exige « whitelist »", 'accessType "custom" needs "whitelist"');
        }
        c.oneOf("versioning", ["Enabled", "Suspended"]);
        c.boolean("forceDestroy");
        c.stringMap("tags");
        const acl = news.aclEntries;
        if (acl !== undefined && !isUnknown(acl)) {
            if (!Array.isArray(acl)) {
                c.fail("aclEntries", "« aclEntries » doit être une liste de {storageAccount, role}", '"aclEntries" must be a list of {storageAccount, role}');
            } else {
                acl.forEach((entry: Record<string, unknown>, i) => {
                    const sub = new Checker(entry ?? {});
                    sub.string("storageAccount", { required: true });
                    sub.oneOf("role", bucketRoles, true);
                    sub.failures.forEach((f) => c.failures.push({ property: `aclEntries[${i}].${f.property}`, reason: f.reason }));
                });
            }
        }
        const rules = news.lifecycleRules;
        if (rules !== undefined && !isUnknown(rules)) {
            if (!Array.isArray(rules)) {
                c.fail("lifecycleRules", "« lifecycleRules » doit être une liste", '"lifecycleRules" must be a list');
            } else {
                const ids = new Set<string>();
                rules.forEach((rule: Record<string, unknown>, i) => {
                    const sub = new Checker(rule ?? {});
                    sub.string("id", { required: true, maxLength: 255 });
                    sub.string("prefix");
                    for (const days of ["expirationDays", "noncurrentVersionExpirationDays", "abortIncompleteMultipartUploadDays"]) {
                        sub.integer(days, { min: 1, max: 36500 });
                    }
                    if (rule?.expirationDays === undefined && rule?.noncurrentVersionExpirationDays === undefined && rule?.abortIncompleteMultipartUploadDays === undefined) {
                        sub.fail("expirationDays", "une règle doit avoir au moins une action (expirationDays, noncurrentVersionExpirationDays ou abortIncompleteMultipartUploadDays)", "a rule needs at least one action (expirationDays, noncurrentVersionExpirationDays or abortIncompleteMultipartUploadDays)");
                    }
                    if (typeof rule?.id === "string") {
                        if (ids.has(rule.id)) {
                            sub.fail("id", `l'identifiant « ${rule.id} » est en double`, `id "${rule.id}" is used twice`);
                        }
                        ids.add(rule.id);
                    }
                    sub.failures.forEach((f) => c.failures.push({ property: `lifecycleRules[${i}].${f.property}`, reason: f.reason }));
                });
            }
        }
        return { inputs: { forceDestroy: false, ...news }, failures: c.failures };
    },

    diff(olds, news) {
        return tableDiff(olds, news, {
            replaceOn: ["name"],
            updateOn: ["accessType", "whitelist", "versioning", "aclEntries", "lifecycleRules", "forceDestroy", "tags"],
            sets: ["whitelist", "aclEntries", "lifecycleRules"],
            computedWhenAbsent: ["versioning"],
            uniqueKeys: ["name"],
        });
    },

    async create(inputs, ctx) {
        const name = inputs.name as string;
        if (inputs.lifecycleRules && !ctx.s3Configured) {
            // Fail before creating anything rather than leave a bucket without its rules.
            ctx.s3(undefined);
        }
        const operation = `create bucket "${name}"`;
        await createAdopting({
            operation,
            start: () => storage.startCreateBucket(ctx.client, { name, accessType: inputs.accessType as string, whitelist: inputs.whitelist as string[] | undefined }),
            wait: (activityId) => ctx.client.waitForActivity(activityId, { operation, timeoutMs: ctx.timeoutMs, kind: "create bucket" }),
            idFrom: () => name,
            lookup: async () => ((await storage.readBucket(ctx.client, name)) ? name : undefined),
            log: ctx.log,
        });
        try {
            await converge(ctx, name, inputs, undefined);
            const outs = await liveState(ctx, name, inputs);
            if (!outs) {
                throw new ApiError({ operation, apiMessage: "the new bucket cannot be read", status: 404 });
            }
            return { id: name, outs };
        } catch (err) {
            throw new ResourceInitError((err as Error).message, name, (await liveState(ctx, name, inputs).catch(() => undefined)) ?? inputs);
        }
    },

    async read(id, props, ctx) {
        const outs = await liveState(ctx, id, props);
        return outs ? { props: outs, inputs: pick(outs, inputKeys) } : {};
    },

    async update(id, olds, news, ctx) {
        await converge(ctx, id, news, olds);
        const outs = await liveState(ctx, id, news);
        if (!outs) {
            throw new ApiError({ operation: `update bucket "${id}"`, apiMessage: "the bucket no longer exists; run `pulumi refresh`", status: 404 });
        }
        return outs;
    },

    async delete(id, props, ctx) {
        const bucket = await storage.readBucket(ctx.client, id);
        if (!bucket) {
            return;
        }
        if (ctx.s3Configured) {
            const s3 = ctx.s3(bucket.endpoint);
            const count = await countObjects(s3, id);
            if (count > 0 && props.forceDestroy !== true) {
                throw new ApiError({
                    operation: `delete bucket "${id}"`,
                    apiMessage: `the bucket still holds ${count >= 1000 ? "1000 or more" : count} object(s) or version(s); empty it yourself or set forceDestroy: true (FR : le bucket n'est pas vide ; videz-le ou mettez forceDestroy: true)`,
                });
            }
            if (count > 0) {
                ctx.log(`bucket "${id}": forceDestroy removed ${await emptyBucket(s3, id)} object version(s)`);
            }
        } else if ((bucket.totalObjects ?? 0) > 0 && props.forceDestroy !== true) {
            throw new ApiError({ operation: `delete bucket "${id}"`, apiMessage: `the bucket still holds ${bucket.totalObjects} object(s); empty it or set forceDestroy: true` });
        } else if ((bucket.totalObjects ?? 0) > 0) {
            ctx.s3(bucket.endpoint);
        }
        try {
            await storage.deleteBucket(ctx.client, id, { operation: `delete bucket "${id}"`, timeoutMs: ctx.timeoutMs });
        } catch (err) {
            if (err instanceof ApiError && (err.status === 404 || err.status === 403 || (err.ambiguous && !(await storage.readBucket(ctx.client, id))))) {
                return;
            }
            throw err;
        }
    },
};
