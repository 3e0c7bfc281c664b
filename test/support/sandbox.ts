// The sandbox and MinIO as tests start them: with the MinIO binary of the toolchain (or on PATH),
// which the sandbox itself does not know (it takes the binary from its caller).
import { Sandbox, SandboxOptions, startSandbox as start } from "../../sandbox";
import { MinioOptions, MinioServer, startMinio as startMinioAt } from "../../sandbox/minio";
import { minioPath } from "../../tools/toolchain/env";

type WithoutMinio<T> = T extends unknown ? Omit<T, "minio" | "minioBinary"> : never;

/** startSandbox, starting its own MinIO from the toolchain unless `minio` is given. */
export function startSandbox(options: WithoutMinio<SandboxOptions> & { minio?: MinioServer } = {}): Promise<Sandbox> {
    const { minio, ...rest } = options;
    return minio ? start({ ...rest, minio }) : start({ ...rest, minioBinary: minioPath() });
}

export function startMinio(options: Omit<MinioOptions, "binary"> = {}): Promise<MinioServer> {
    return startMinioAt({ binary: minioPath(), ...options });
}
