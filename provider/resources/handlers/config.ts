// Provider configuration: `securetemple:*` keys (stack config or an explicit Provider's
// arguments), with the environment variables of the public Terraform provider as fallbacks.
import { bilingual } from "../../catalog/errors";
import { providerConfig } from "../../schema/config";
import { secretNames } from "../../schema/index";
import { packageName } from "../tokens";

export interface ProviderConfig {
    /** Base URL without `/api`. */
    endpoint: string;
    clientId?: string;
    secretId?: string;
    /** Overrides the S3 endpoint the API gives for buckets (e.g. a local MinIO). */
    s3Endpoint?: string;
    /** The tenant's global access key, used for lifecycle rules and emptying buckets through S3. */
    s3AccessKeyId?: string;
    s3SecretAccessKey?: string;
    /** First activity-poll interval (1 s on the real service; tests shorten it). */
    pollInitialMs?: number;
}

export const defaultEndpoint = "https://shiva.cloud-temple.com";

/** Config keys the provider reads, as `securetemple:<key>` (declared in provider/schema/config.ts). */
export const configKeys = Object.keys(providerConfig) as (keyof typeof providerConfig)[];
export const secretConfigKeys = secretNames({ properties: providerConfig });

/** An address as CLOUDTEMPLE_HTTP_ADDR gives it (`host[:port]`, maybe with a scheme) as a base URL. */
export function endpointUrl(address: string, scheme = "https"): string {
    const trimmed = address
        .trim()
        .replace(/\/+$/, "")
        .replace(/\/api$/, "");
    return /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `${scheme}://${trimmed}`;
}

/**
 * Reads the configuration from the variables the engine passes to Configure (keys
 * `securetemple:config:<key>` or `securetemple:<key>`), falling back to the environment.
 */
export function resolveConfig(variables: Record<string, string>, env: NodeJS.ProcessEnv = process.env): ProviderConfig {
    const get = (key: string): string | undefined => {
        const value = variables[`${packageName}:config:${key}`] ?? variables[`${packageName}:${key}`] ?? variables[key];
        return value === undefined || value === "" ? undefined : value;
    };
    const scheme = env.CLOUDTEMPLE_HTTP_SCHEME || "https";
    const configured = get("endpoint");
    const endpoint = configured
        ? endpointUrl(configured, scheme)
        : env.CLOUDTEMPLE_HTTP_ADDR
          ? endpointUrl(env.CLOUDTEMPLE_HTTP_ADDR, scheme)
          : defaultEndpoint;
    const poll = Number(env.SECURETEMPLE_ACTIVITY_POLL_MS);
    return {
        endpoint,
        clientId: get("clientId") ?? env.CLOUDTEMPLE_CLIENT_ID,
        secretId: get("secretId") ?? env.CLOUDTEMPLE_SECRET_ID,
        s3Endpoint: get("s3Endpoint") ?? env.CLOUDTEMPLE_S3_ENDPOINT,
        s3AccessKeyId: get("s3AccessKeyId") ?? env.CLOUDTEMPLE_S3_ACCESS_KEY_ID,
        s3SecretAccessKey: get("s3SecretAccessKey") ?? env.CLOUDTEMPLE_S3_SECRET_ACCESS_KEY,
        pollInitialMs: Number.isFinite(poll) && poll > 0 ? poll : undefined,
    };
}

/** What is wrong with a configuration, as FR / EN sentences; empty when it can be used. */
export function configProblems(config: ProviderConfig): { property: string; reason: string }[] {
    const problems: { property: string; reason: string }[] = [];
    try {
        const url = new URL(config.endpoint);
        if (url.protocol !== "https:" && url.protocol !== "http:") {
            throw new Error("scheme");
        }
    } catch {
        problems.push({
            property: "endpoint",
            reason: bilingual({
                fr: `« endpoint » vaut "${config.endpoint}" ; valeur attendue : une URL http(s) ou un hôte[:port]`,
                en: `"endpoint" is "${config.endpoint}"; expected an http(s) URL or host[:port]`,
            }),
        });
    }
    for (const [key, env] of [
        ["clientId", "CLOUDTEMPLE_CLIENT_ID"],
        ["secretId", "CLOUDTEMPLE_SECRET_ID"],
    ] as const) {
        if (!config[key]) {
            problems.push({
                property: key,
                reason: bilingual({
                    fr: `« ${packageName}:${key} » n'est pas défini (ni la variable ${env})`,
                    en: `"${packageName}:${key}" is not set (nor the ${env} variable)`,
                }),
            });
        }
    }
    return problems;
}
