// `npm run demo`: starts the sandbox and MinIO, provisions the demo tenant of Pulumi.sandbox.yaml
// with `pulumi up` under the policy pack, and prints what was built. Running it again converges
// with no change. `npm run demo:stop` undoes everything.
import * as fs from "fs";
import { requireToolchain } from "../toolchain/env";
import { demoEnv } from "./environment";
import { demoPaths } from "./paths";
import { pulumi, pulumiOk } from "./run";
import { ensureSandbox } from "./sandboxProcess";
import { formatSummary, readPolicyResults } from "./summary";

const log = (line: string) => console.log(`[demo] ${line}`);

async function main(): Promise<void> {
    const started = Date.now();
    requireToolchain("demo");
    if (!fs.existsSync(demoPaths.policyPack)) {
        throw new Error(`The policy pack is not built (${demoPaths.policyPack}): run \`npm run build\` first.`);
    }
    log("1/4 Sandbox of the Secure Temple API, with MinIO for object storage");
    const sandbox = await ensureSandbox(log);
    const env = demoEnv(sandbox);

    log(`2/4 Stack "${demoPaths.stack}" (state in ${demoPaths.stateDir})`);
    await pulumiOk(["stack", "select", "--create", demoPaths.stack], env);

    log("3/4 pulumi up, checked by the Secure Temple policy pack");
    fs.rmSync(demoPaths.eventLog, { force: true });
    const up = await pulumi(["up", "--yes", "--policy-pack", demoPaths.policyPack, "--event-log", demoPaths.eventLog], env);
    const policies = readPolicyResults(demoPaths.eventLog);

    log("4/4 Summary");
    const outputs = JSON.parse(await pulumiOk(["stack", "output", "--json"], env, true)) as Record<string, unknown>;
    console.log("");
    for (const line of formatSummary(outputs, policies)) {
        console.log(line);
    }
    console.log("");
    console.log("Next / Ensuite:");
    console.log("  npm run demo:pulumi -- stack --show-urns     inspect the stack / inspecter la pile");
    console.log(`  npm run demo:pulumi -- destroy --yes          destroy the tenant's resources / détruire les ressources`);
    console.log("  npm run demo:stop                             stop the sandbox and remove the demo's state / arrêter et nettoyer");
    console.log(`  sandbox credentials: ${demoPaths.sandboxInfo}`);
    log(`Done in ${Math.round((Date.now() - started) / 1000)} s`);
    if (up.code !== 0) {
        throw new Error(`pulumi up failed (exit code ${up.code}); see its output above.`);
    }
}

main().catch((err: Error) => {
    console.error(`[demo] ${err.message}`);
    process.exit(1);
});
