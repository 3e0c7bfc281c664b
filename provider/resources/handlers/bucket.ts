// securetemple:objectstorage:Bucket. Access type, whitelist, versioning and grants go through
// the customer API; lifecycle rules through S3. A non-empty bucket is deleted only with
// forceDestroy, never emptied silently.
import * as net from "net";
import { createAdopting } from "../../api/adoption";
import { ApiError } from "../../api/errors";
import * as storage from "../../api/objectStorage";
import { accessTypeEnum, bucket as bucketDecl, bucketRoleEnum, versioningEnum } from "../../schema/objectStorage";
import type { CheckedOf, StateOf } from "../../schema/types";
import { BucketAclEntry, BucketLifecycleRule } from "../args";
import { countObjects, emptyBucket, getLifecycle, putLifecycle } from "./bucketS3";
import { HandlerContext, ResourceInitError } from "./context";
import { ResourceHandler, inputsOf, oneOf } from "./handler";
import { EarlierCreate, createOrAdoptEarlier, earlyMarker, findEarlierCreate } from "./interruptedCreate";
import { isUnknown, sameSet } from "./properties";

type Inputs = CheckedOf<typeof bucketDecl>;
type State = StateOf<typeof bucketDecl>;

function validCidr(value: string): boolean {
    const [address, bits, extra] = value.split("/");
    const family = net.isIP(address);
    const n = Number(bits);
    return extra === undefined && family !== 0 && bits !== undefined && /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/** Grants as the API lists them; a role this provider does not know is left out rather than mistyped. */
function grantsOf(grants: { name: string; role: string }[]): BucketAclEntry[] {
    return grants.flatMap((g) => {
        const role = oneOf(bucketRoleEnum.values, g.role);
        return role ? [{ storageAccount: g.name, role }] : [];
    });
}

async function liveState(ctx: HandlerContext, name: string, previous: Partial<State>): Promise<State | undefined> {
    const bucket = await storage.readBucket(ctx.client, name);
    if (!bucket) {
        return undefined;
    }
    const aclEntries = grantsOf(await storage.listBucketGrants(ctx.client, name));
    let lifecycleRules = previous.lifecycleRules;
    if (ctx.s3Configured && (lifecycleRules !== undefined || previous.name === undefined)) {
        const live = await getLifecycle(ctx.s3(bucket.endpoint), name);
        lifecycleRules =
            lifecycleRules && sameSet(live, lifecycleRules) ? lifecycleRules : live.length > 0 || lifecycleRules ? live : undefined;
    }
    const previousAcl = previous.aclEntries;
    return {
        name: bucket.name,
        // The API does not always echo these two: keep what was set when it does not.
        accessType: oneOf(accessTypeEnum.values, bucket.accessType) ?? previous.accessType ?? "private",
        whitelist: bucket.accessType ? (bucket.whitelist?.length ? bucket.whitelist : previous.whitelist) : previous.whitelist,
        versioning: oneOf(versioningEnum.values, bucket.versioning) ?? previous.versioning,
        aclEntries:
            previousAcl && sameSet(previousAcl, aclEntries) ? previousAcl : aclEntries.length > 0 || previousAcl ? aclEntries : undefined,
        lifecycleRules,
        forceDestroy: previous.forceDestroy ?? false,
        tags: previous.tags,
        endpoint: bucket.endpoint ?? "",
        namespace: bucket.namespace ?? "",
    };
}

async function applyGrants(
    ctx: HandlerContext,
    name: string,
    wanted: BucketAclEntry[],
    current: { storageAccount: string; role: string }[],
): Promise<void> {
    const key = (e: { storageAccount: string; role: string }) => `${e.storageAccount}\u0000${e.role}`;
    const want = new Set(wanted.map(key));
    const have = new Set(current.map(key));
    for (const entry of current.filter((e) => !want.has(key(e)))) {
        await storage.revokeBucketRole(ctx.client, name, entry.role, entry.storageAccount, {
            operation: `revoke ${entry.role} on bucket "${name}" from "${entry.storageAccount}"`,
            timeoutMs: ctx.timeoutMs,
        });
    }
    for (const entry of wanted.filter((e) => !have.has(key(e)))) {
        await storage.grantBucketRole(ctx.client, name, entry.role, entry.storageAccount, {
            operation: `grant ${entry.role} on bucket "${name}" to "${entry.storageAccount}"`,
            timeoutMs: ctx.timeoutMs,
        });
    }
}

async function converge(ctx: HandlerContext, name: string, wanted: Inputs, olds: State | undefined): Promise<void> {
    const options = (what: string) => ({ operation: `${what} of bucket "${name}"`, timeoutMs: ctx.timeoutMs });
    if (olds && (olds.accessType !== wanted.accessType || !sameSet(olds.whitelist ?? [], wanted.whitelist ?? []))) {
        await storage.setBucketAccess(ctx.client, name, wanted.accessType, wanted.whitelist, options("set access"));
    }
    if (wanted.versioning !== undefined && wanted.versioning !== olds?.versioning) {
        await storage.setBucketVersioning(ctx.client, name, wanted.versioning, options("set versioning"));
    }
    if (wanted.aclEntries !== undefined || olds?.aclEntries !== undefined) {
        // Every grant the API lists, known role or not, so that an unwanted one is revoked.
        const current = (await storage.listBucketGrants(ctx.client, name)).map((g) => ({ storageAccount: g.name, role: g.role }));
        await applyGrants(ctx, name, wanted.aclEntries ?? [], current);
    }
    if (wanted.lifecycleRules !== undefined || olds?.lifecycleRules !== undefined) {
        const rules: BucketLifecycleRule[] = wanted.lifecycleRules ?? [];
        if (!olds || !sameSet(olds.lifecycleRules ?? [], rules)) {
            const bucket = await storage.readBucket(ctx.client, name);
            await putLifecycle(ctx.s3(bucket?.endpoint), name, rules);
        }
    }
}

export const bucketHandler: ResourceHandler<typeof bucketDecl> = {
    declaration: bucketDecl,

    rules(known, fail, news) {
        const whitelist = news.whitelist;
        if (Array.isArray(whitelist)) {
            whitelist.forEach((cidr, i) => {
                if (typeof cidr === "string" && !isUnknown(cidr) && !validCidr(cidr)) {
                    fail(`whitelist[${i}]`, {
                        fr: `« whitelist[${i}] » vaut « ${cidr} », qui n'est pas un bloc CIDR (p. ex. 203.0.113.8/29)`,
                        en: `"whitelist[${i}]" is "${cidr}", which is not a CIDR block (e.g. 203.0.113.8/29)`,
                    });
                }
            });
        }
        if (known.accessType === "custom" && known.whitelist?.length === 0) {
            fail("whitelist", {
                fr: "l'accès « custom » exige au moins un bloc CIDR",
                en: 'accessType "custom" needs at least one CIDR block',
            });
        }
        if (known.accessType === "custom" && (news.whitelist === undefined || news.whitelist === null)) {
            fail("whitelist", { fr: "l'accès « custom » exige « whitelist »", en: 'accessType "custom" needs "whitelist"' });
        }
        const rules = news.lifecycleRules;
        if (Array.isArray(rules)) {
            const ids = new Set<string>();
            rules.forEach((rule: Record<string, unknown> | undefined, i) => {
                if (!rule || typeof rule !== "object") {
                    return;
                }
                if (
                    rule.expirationDays === undefined &&
                    rule.noncurrentVersionExpirationDays === undefined &&
                    rule.abortIncompleteMultipartUploadDays === undefined
                ) {
                    fail(`lifecycleRules[${i}].expirationDays`, {
                        fr: "une règle doit avoir au moins une action (expirationDays, noncurrentVersionExpirationDays ou abortIncompleteMultipartUploadDays)",
                        en: "a rule needs at least one action (expirationDays, noncurrentVersionExpirationDays or abortIncompleteMultipartUploadDays)",
                    });
                }
                if (typeof rule.id === "string" && !isUnknown(rule.id)) {
                    if (ids.has(rule.id)) {
                        fail(`lifecycleRules[${i}].id`, {
                            fr: `l'identifiant « ${rule.id} » est en double`,
                            en: `id "${rule.id}" is used twice`,
                        });
                    }
                    ids.add(rule.id);
                }
            });
        }
    },

    async create(inputs, ctx) {
        const name = inputs.name;
        if (inputs.lifecycleRules && !ctx.s3Configured) {
            // Fail before creating anything rather than leave a bucket without its rules.
            ctx.s3(undefined);
        }
        const operation = `create bucket "${name}"`;
        const earlier: EarlierCreate = {
            urn: ctx.urn,
            kind: "bucket",
            // Bucket names are unique: only the bucket of this name can be this resource's.
            candidates: async () => {
                const found = await storage.readBucket(ctx.client, name);
                return found ? [found.id ?? name] : [];
            },
            log: ctx.log,
        };
        const marker = earlyMarker(ctx.client, "bucket", ctx.urn, ctx.log);
        if (!(await findEarlierCreate(ctx.client, earlier))) {
            await createOrAdoptEarlier(ctx, earlier, () =>
                createAdopting({
                    operation,
                    start: () =>
                        storage.startCreateBucket(ctx.client, { name, accessType: inputs.accessType, whitelist: inputs.whitelist }),
                    wait: (activityId) =>
                        ctx.client.waitForActivity(activityId, {
                            operation,
                            timeoutMs: ctx.timeoutMs,
                            kind: "create bucket",
                            onItems: marker.onItems,
                        }),
                    idFrom: () => name,
                    // Only a bucket this resource made: another stack's or a person's of the same name is never taken.
                    lookup: async () => ((await findEarlierCreate(ctx.client, earlier)) ? name : undefined),
                    log: ctx.log,
                }),
            );
        }
        try {
            await marker.ensure((await storage.readBucket(ctx.client, name))?.id ?? name);
            await converge(ctx, name, inputs, undefined);
            const outs = await liveState(ctx, name, inputs);
            if (!outs) {
                throw new ApiError({ operation, apiMessage: "the new bucket cannot be read", status: 404 });
            }
            return { id: name, outs };
        } catch (err) {
            throw new ResourceInitError(
                (err as Error).message,
                name,
                (await liveState(ctx, name, inputs).catch(() => undefined)) ?? inputs,
            );
        }
    },

    async read(id, props, ctx) {
        const outs = await liveState(ctx, id, props);
        return outs ? { props: outs, inputs: inputsOf(bucketDecl, outs) } : {};
    },

    async update(id, olds, news, ctx) {
        await converge(ctx, id, news, olds);
        const outs = await liveState(ctx, id, news);
        if (!outs) {
            throw new ApiError({
                operation: `update bucket "${id}"`,
                apiMessage: "the bucket no longer exists; run `pulumi refresh`",
                status: 404,
            });
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
            throw new ApiError({
                operation: `delete bucket "${id}"`,
                apiMessage: `the bucket still holds ${bucket.totalObjects} object(s); empty it or set forceDestroy: true`,
            });
        } else if ((bucket.totalObjects ?? 0) > 0) {
            ctx.s3(bucket.endpoint);
        }
        try {
            await storage.deleteBucket(ctx.client, id, { operation: `delete bucket "${id}"`, timeoutMs: ctx.timeoutMs });
        } catch (err) {
            if (
                err instanceof ApiError &&
                (err.status === 404 || err.status === 403 || (err.ambiguous && !(await storage.readBucket(ctx.client, id))))
            ) {
                return;
            }
            throw err;
        }
    },
};
