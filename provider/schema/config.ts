// The provider's configuration: `securetemple:<key>` in the stack, or the arguments of an explicit
// Provider. Unset keys fall back to the environment variables of the public Terraform provider
// (read by the plugin, never by the SDKs, so a secret in the environment is not copied into the state).
import type { Properties } from "./types";

export const providerConfig = {
    endpoint: {
        type: "string",
        description: {
            en: "Base URL of the customer API, or host[:port]; default https://shiva.cloud-temple.com (environment: CLOUDTEMPLE_HTTP_ADDR, CLOUDTEMPLE_HTTP_SCHEME).",
            fr: "URL de base de l'API client, ou hôte[:port] ; par défaut https://shiva.cloud-temple.com (environnement : CLOUDTEMPLE_HTTP_ADDR, CLOUDTEMPLE_HTTP_SCHEME).",
        },
    },
    clientId: {
        type: "string",
        description: {
            en: "Id of the personal access token (environment: CLOUDTEMPLE_CLIENT_ID).",
            fr: "Id du jeton d'accès personnel (environnement : CLOUDTEMPLE_CLIENT_ID).",
        },
    },
    secretId: {
        type: "string",
        secret: true,
        description: {
            en: "Secret of the personal access token (environment: CLOUDTEMPLE_SECRET_ID).",
            fr: "Secret du jeton d'accès personnel (environnement : CLOUDTEMPLE_SECRET_ID).",
        },
    },
    s3Endpoint: {
        type: "string",
        description: {
            en: "Overrides the S3 endpoint the API gives for buckets (environment: CLOUDTEMPLE_S3_ENDPOINT).",
            fr: "Remplace le point d'accès S3 que l'API donne pour les buckets (environnement : CLOUDTEMPLE_S3_ENDPOINT).",
        },
    },
    s3AccessKeyId: {
        type: "string",
        description: {
            en: "The namespace's global access key id, for lifecycle rules and emptying buckets (environment: CLOUDTEMPLE_S3_ACCESS_KEY_ID).",
            fr: "Id de la clé d'accès globale de l'espace de noms, pour les règles de cycle de vie et le vidage des buckets (environnement : CLOUDTEMPLE_S3_ACCESS_KEY_ID).",
        },
    },
    s3SecretAccessKey: {
        type: "string",
        secret: true,
        description: {
            en: "The global access key's secret (environment: CLOUDTEMPLE_S3_SECRET_ACCESS_KEY).",
            fr: "Secret de la clé d'accès globale (environnement : CLOUDTEMPLE_S3_SECRET_ACCESS_KEY).",
        },
    },
} as const satisfies Properties;

export type ProviderConfigKey = keyof typeof providerConfig;
