// The object-storage resources: buckets (access, versioning, grants through the customer API,
// lifecycle rules through S3) and storage accounts (whose secret key is given once).
import { resourceTokens } from "../resources/tokens";
import { tags } from "./common";
import type { EnumDecl, ObjectDecl, PatternDecl, ResourceDecl } from "./types";

export const accessTypeEnum = {
    token: "securetemple:objectstorage:AccessType",
    description: {
        en: 'Who may reach the bucket: "private" (the tenant\'s own addresses), "public" (anyone) or "custom" (the whitelist).',
        fr: "Qui atteint le bucket : « private » (les adresses du tenant), « public » (tout le monde) ou « custom » (la liste blanche).",
    },
    values: ["private", "public", "custom"],
} as const satisfies EnumDecl;

export const versioningEnum = {
    token: "securetemple:objectstorage:Versioning",
    description: { en: "Object versioning of the bucket.", fr: "Versionnage des objets du bucket." },
    values: ["Enabled", "Suspended"],
} as const satisfies EnumDecl;

export const bucketRoleEnum = {
    token: "securetemple:objectstorage:BucketRole",
    description: { en: "A role a storage account gets on a bucket.", fr: "Un rôle qu'un compte de stockage reçoit sur un bucket." },
    values: ["read_only", "read_write", "write_only", "maintainer"],
} as const satisfies EnumDecl;

const days = { type: "integer", min: 1, max: 36500 } as const;

export const lifecycleRule = {
    token: "securetemple:objectstorage:BucketLifecycleRule",
    description: {
        en: "An S3 lifecycle rule of the bucket; it needs at least one action.",
        fr: "Une règle de cycle de vie S3 du bucket ; elle exige au moins une action.",
    },
    properties: {
        id: {
            type: "string",
            maxLength: 255,
            required: true,
            description: { en: "Rule id, unique in the bucket.", fr: "Identifiant de la règle, unique dans le bucket." },
        },
        prefix: {
            type: "string",
            description: {
                en: "Only objects whose key starts with this prefix.",
                fr: "Seulement les objets dont la clé commence par ce préfixe.",
            },
        },
        noncurrentVersionExpirationDays: {
            ...days,
            description: {
                en: "Days before a non-current version is deleted.",
                fr: "Jours avant la suppression d'une version non courante.",
            },
        },
        expirationDays: {
            ...days,
            description: { en: "Days before a current object expires.", fr: "Jours avant l'expiration d'un objet courant." },
        },
        abortIncompleteMultipartUploadDays: {
            ...days,
            description: {
                en: "Days before an unfinished multipart upload is aborted.",
                fr: "Jours avant l'abandon d'un envoi en plusieurs parties inachevé.",
            },
        },
    },
} as const satisfies ObjectDecl;

export const aclEntry = {
    token: "securetemple:objectstorage:BucketAclEntry",
    description: { en: "A role of a storage account on the bucket.", fr: "Un rôle d'un compte de stockage sur le bucket." },
    properties: {
        storageAccount: {
            type: "string",
            required: true,
            description: { en: "Name of the storage account.", fr: "Nom du compte de stockage." },
        },
        role: { type: "enum", enum: bucketRoleEnum, required: true, description: { en: "The role granted.", fr: "Le rôle accordé." } },
    },
} as const satisfies ObjectDecl;

/** Bucket and account names: the service addresses buckets by name. */
const namePattern = (max: number) =>
    ({
        test: /^[a-zA-Z0-9_-]+$/,
        text: { fr: `1 à ${max} caractères parmi [a-zA-Z0-9_-]`, en: `1 to ${max} characters of [a-zA-Z0-9_-]` },
    }) as const satisfies PatternDecl;

export const bucket = {
    token: resourceTokens.bucket,
    description: {
        en: "An S3 bucket of the tenant's object storage; its id is its name. A bucket that holds objects is deleted only with forceDestroy.",
        fr: "Un bucket S3 du stockage objet du tenant ; son id est son nom. Un bucket qui contient des objets n'est supprimé qu'avec forceDestroy.",
    },
    convention: "8.4",
    properties: {
        name: {
            type: "string",
            maxLength: 255,
            pattern: namePattern(255),
            required: true,
            replaceOnChange: true,
            unique: true,
            description: { en: "Bucket name, unique in the namespace.", fr: "Nom du bucket, unique dans l'espace de noms." },
        },
        accessType: { type: "enum", enum: accessTypeEnum, required: true, description: accessTypeEnum.description },
        whitelist: {
            type: "array",
            items: { type: "string" },
            set: true,
            description: { en: 'CIDR blocks allowed with accessType "custom".', fr: "Blocs CIDR autorisés avec accessType « custom »." },
        },
        versioning: { type: "enum", enum: versioningEnum, computed: true, optional: true, description: versioningEnum.description },
        aclEntries: {
            type: "array",
            items: { type: "object", object: aclEntry },
            set: true,
            description: { en: "Roles of storage accounts on the bucket.", fr: "Rôles des comptes de stockage sur le bucket." },
        },
        lifecycleRules: {
            type: "array",
            items: { type: "object", object: lifecycleRule },
            set: true,
            description: {
                en: "Lifecycle rules, applied through S3 (needs securetemple:s3AccessKeyId).",
                fr: "Règles de cycle de vie, appliquées par S3 (exige securetemple:s3AccessKeyId).",
            },
        },
        forceDestroy: {
            type: "boolean",
            default: false,
            description: {
                en: "Empty a non-empty bucket when deleting it; off, data is never removed silently.",
                fr: "Vider un bucket non vide à sa suppression ; désactivé, aucune donnée n'est effacée en silence.",
            },
        },
        tags,
        endpoint: {
            type: "string",
            output: true,
            description: { en: "S3 endpoint of the bucket's namespace.", fr: "Point d'accès S3 de l'espace de noms du bucket." },
        },
        namespace: { type: "string", output: true, description: { en: "Namespace of the bucket.", fr: "Espace de noms du bucket." } },
    },
} as const satisfies ResourceDecl;

export const storageAccount = {
    token: resourceTokens.storageAccount,
    description: {
        en: "An object-storage account; its secret key is given once, at creation, and kept as a Pulumi secret.",
        fr: "Un compte de stockage objet ; sa clé secrète n'est donnée qu'une fois, à la création, et gardée comme secret Pulumi.",
    },
    properties: {
        name: {
            type: "string",
            maxLength: 64,
            pattern: namePattern(64),
            required: true,
            replaceOnChange: true,
            unique: true,
            description: { en: "Account name, unique in the tenant.", fr: "Nom du compte, unique dans le tenant." },
        },
        accessKeyId: { type: "string", output: true, description: { en: "S3 access key id.", fr: "Identifiant de la clé d'accès S3." } },
        secretAccessKey: {
            type: "string",
            output: true,
            secret: true,
            optional: true,
            description: {
                en: "S3 secret key (a secret); absent for an imported account, whose key the API no longer gives.",
                fr: "Clé secrète S3 (un secret) ; absente pour un compte importé, dont l'API ne donne plus la clé.",
            },
        },
        arn: { type: "string", output: true, description: { en: "ARN of the account.", fr: "ARN du compte." } },
        createDate: {
            type: "string",
            output: true,
            description: { en: "When the account was created.", fr: "Date de création du compte." },
        },
    },
} as const satisfies ResourceDecl;
