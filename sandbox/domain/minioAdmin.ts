// The few MinIO admin calls the sandbox needs to make storage accounts real S3 users: add and
// remove a user, write and remove a policy, attach and detach it. MinIO's admin API sits beside
// S3 (under /minio/admin/v3), is signed with SigV4 like S3 (@smithy/signature-v4, the signer of
// the AWS SDK already used here), and wants secrets in its "madmin" envelope (see seal()).
import * as crypto from "crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { MinioServer } from "../minio";

/** SHA-256 and HMAC-SHA-256 from Node's crypto, in the shape the signer expects. */
type SourceData = string | ArrayBuffer | ArrayBufferView;

const toBuffer = (data: SourceData): Buffer =>
    typeof data === "string"
        ? Buffer.from(data)
        : ArrayBuffer.isView(data)
          ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
          : Buffer.from(data);

class NodeSha256 {
    private readonly hash: crypto.Hash | crypto.Hmac;

    constructor(secret?: SourceData) {
        this.hash = secret === undefined ? crypto.createHash("sha256") : crypto.createHmac("sha256", toBuffer(secret));
    }

    update(data: SourceData): void {
        this.hash.update(toBuffer(data));
    }

    async digest(): Promise<Uint8Array> {
        return new Uint8Array(this.hash.digest());
    }

    reset(): void {
        // One instance per digest: the signer never reuses one after digest().
    }
}

const u32le = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
};

/**
 * The madmin envelope with its PBKDF2 variant (id 0x02), which every MinIO server decrypts:
 * salt(32) | 0x02 | nonce(8) | one sealed fragment of a DARE stream (AES-256-GCM). The key is
 * PBKDF2-SHA256(caller's secret key, salt, 8192 rounds); the stream's header tag is the GCM tag of
 * an empty message under nonce||0, and the final fragment is sealed under nonce||1 with
 * 0x80||header-tag as associated data. Payloads here are far below the 16 KiB fragment size.
 */
export function seal(password: string, data: Buffer): Buffer {
    if (data.length >= 16 * 1024) {
        throw new Error("madmin payload too large for a single fragment");
    }
    const salt = crypto.randomBytes(32);
    const key = crypto.pbkdf2Sync(password, salt, 8192, 32, "sha256");
    const nonce = crypto.randomBytes(8);
    const header = crypto.createCipheriv("aes-256-gcm", key, Buffer.concat([nonce, u32le(0)]));
    header.final();
    const associated = Buffer.concat([Buffer.from([0x80]), header.getAuthTag()]);
    const body = crypto.createCipheriv("aes-256-gcm", key, Buffer.concat([nonce, u32le(1)]));
    body.setAAD(associated);
    const sealed = Buffer.concat([body.update(data), body.final(), body.getAuthTag()]);
    return Buffer.concat([salt, Buffer.from([0x02]), nonce, sealed]);
}

export class MinioAdmin {
    private readonly signer: SignatureV4;

    constructor(private readonly minio: MinioServer) {
        this.signer = new SignatureV4({
            credentials: { accessKeyId: minio.accessKey, secretAccessKey: minio.secretKey },
            region: "fr1",
            service: "s3",
            sha256: NodeSha256,
        });
    }

    private async call(method: string, path: string, query: Record<string, string>, body?: Buffer): Promise<Buffer> {
        const url = new URL(this.minio.endpoint);
        const payload = body ?? Buffer.alloc(0);
        const signed = await this.signer.sign({
            method,
            protocol: url.protocol,
            hostname: url.hostname,
            port: Number(url.port),
            path: `/minio/admin/v3${path}`,
            query,
            headers: {
                host: url.host,
                "content-type": "application/octet-stream",
                "x-amz-content-sha256": crypto.createHash("sha256").update(payload).digest("hex"),
            },
            body: payload,
        });
        const qs = new URLSearchParams(query).toString();
        const res = await fetch(`${this.minio.endpoint}/minio/admin/v3${path}${qs ? `?${qs}` : ""}`, {
            method,
            headers: signed.headers,
            body: body ? new Uint8Array(body) : undefined,
        });
        const out = Buffer.from(await res.arrayBuffer());
        if (!res.ok) {
            throw new Error(`MinIO admin ${method} ${path}: ${res.status} ${out.toString("utf8").slice(0, 300)}`);
        }
        return out;
    }

    async addUser(accessKey: string, secretKey: string): Promise<void> {
        await this.call(
            "PUT",
            "/add-user",
            { accessKey },
            seal(this.minio.secretKey, Buffer.from(JSON.stringify({ secretKey, status: "enabled" }))),
        );
    }

    async removeUser(accessKey: string): Promise<void> {
        await this.call("DELETE", "/remove-user", { accessKey });
    }

    async putPolicy(name: string, document: object): Promise<void> {
        await this.call("PUT", "/add-canned-policy", { name }, Buffer.from(JSON.stringify(document)));
    }

    async removePolicy(name: string): Promise<void> {
        await this.call("DELETE", "/remove-canned-policy", { name });
    }

    async attach(user: string, policy: string): Promise<void> {
        await this.call(
            "POST",
            "/idp/builtin/policy/attach",
            {},
            seal(this.minio.secretKey, Buffer.from(JSON.stringify({ policies: [policy], user }))),
        );
    }

    async detach(user: string, policy: string): Promise<void> {
        await this.call(
            "POST",
            "/idp/builtin/policy/detach",
            {},
            seal(this.minio.secretKey, Buffer.from(JSON.stringify({ policies: [policy], user }))),
        );
    }
}
