// `npm run demo:pulumi -- <args>`: the Pulumi CLI on the demo's stack, with the demo's environment.
import { demoEnv } from "./environment";
import { pulumi } from "./run";
import { readSandboxInfo } from "./sandboxProcess";

const sandbox = readSandboxInfo();
if (!sandbox) {
    console.error("[demo] The demo's sandbox is not running: run `npm run demo` first.");
    process.exit(1);
}
pulumi(process.argv.slice(2), demoEnv(sandbox)).then((r) => process.exit(r.code));
