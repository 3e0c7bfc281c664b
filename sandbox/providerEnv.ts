// The environment variables that point the provider (ours, or the public Terraform provider for
// the CLOUDTEMPLE_* ones) at a running sandbox: the API address and personal access token, and the
// S3 endpoint with the namespace's global access key, which bucket lifecycle rules need.

export interface SandboxAddress {
    /** "http://127.0.0.1:PORT" */
    endpoint: string;
    clientId: string;
    secretId: string;
    minio: { endpoint: string; accessKey: string; secretKey: string };
}

export function providerEnv(sandbox: SandboxAddress): Record<string, string> {
    return {
        CLOUDTEMPLE_HTTP_ADDR: sandbox.endpoint.replace(/^https?:\/\//, ""),
        CLOUDTEMPLE_HTTP_SCHEME: "http",
        CLOUDTEMPLE_CLIENT_ID: sandbox.clientId,
        CLOUDTEMPLE_SECRET_ID: sandbox.secretId,
        CLOUDTEMPLE_S3_ENDPOINT: sandbox.minio.endpoint,
        CLOUDTEMPLE_S3_ACCESS_KEY_ID: sandbox.minio.accessKey,
        CLOUDTEMPLE_S3_SECRET_ACCESS_KEY: sandbox.minio.secretKey,
    };
}
