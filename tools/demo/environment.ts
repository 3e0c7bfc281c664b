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
        scope: "demo",
        extra: { PULUMI_BACKEND_URL: `file://${demoPaths.stateDir}`, ...sandbox.env },
    });
}
