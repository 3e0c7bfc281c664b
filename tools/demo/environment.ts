// The environment of every `pulumi` command of the demo: our toolchain, a private home, state in a
// local folder, and the sandbox's endpoint and credentials as the provider's environment variables
// (so that no credential is written into the committed stack file).
import * as fs from "fs";
import type { SandboxInfo } from "../../sandbox/main";
import { toolEnv } from "../toolchain/env";
import { demoPaths } from "./paths";

export function demoEnv(sandbox: SandboxInfo): NodeJS.ProcessEnv {
    fs.mkdirSync(demoPaths.stateDir, { recursive: true });
    return toolEnv({
        pulumiHome: demoPaths.pulumiHome,
        extra: {
            PULUMI_BACKEND_URL: `file://${demoPaths.stateDir}`,
            ...sandbox.env,
            // The sandbox's global S3 access key (what the real service's key renewal returns):
            // bucket lifecycle rules go through the S3 API itself.
            CLOUDTEMPLE_S3_ENDPOINT: sandbox.minio.endpoint,
            CLOUDTEMPLE_S3_ACCESS_KEY_ID: sandbox.minio.accessKey,
            CLOUDTEMPLE_S3_SECRET_ACCESS_KEY: sandbox.minio.secretKey,
        },
    });
}
