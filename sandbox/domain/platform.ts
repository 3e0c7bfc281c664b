// The emulated platform: the store, the activity engine, the tenant and the S3 side, shared by the
// compute, backup and object-storage modules.
import { S3Client } from "@aws-sdk/client-s3";
import type { MinioServer } from "../minio";
import { Store } from "../store/database";
import { ActivityEngine } from "./activities";
import { MinioAdmin } from "./minioAdmin";
import { Tenant } from "./model";

export class Platform {
    readonly s3: S3Client;
    readonly minioAdmin: MinioAdmin;

    constructor(
        readonly store: Store,
        readonly activities: ActivityEngine,
        readonly minio: MinioServer,
    ) {
        // Path-style, region fr1: how the real object storage is addressed.
        this.s3 = new S3Client({
            endpoint: minio.endpoint,
            region: "fr1",
            forcePathStyle: true,
            credentials: { accessKeyId: minio.accessKey, secretAccessKey: minio.secretKey },
        });
        this.minioAdmin = new MinioAdmin(minio);
    }

    tenant(): Tenant {
        const t = this.store.list<Tenant>("tenant")[0];
        if (!t) {
            throw new Error("Aucun tenant dans l'état / No tenant in the state");
        }
        return t;
    }

    /** Next vCenter managed-object number, for morefs such as "vm-1042". */
    nextMoref(prefix: string): string {
        const next = Number(this.store.getMeta("moref") ?? "5000") + 1;
        this.store.setMeta("moref", String(next));
        return `${prefix}-${next}`;
    }

    /** Effect arguments of activities not yet applied, for checks that must count work in flight. */
    pendingEffects(op: string): Record<string, unknown>[] {
        return this.store
            .pendingActivities()
            .filter((a) => a.data.effect.op === op)
            .map((a) => a.data.effect.args);
    }

    close(): void {
        this.s3.destroy();
    }
}
