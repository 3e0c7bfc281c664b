// Where the demo keeps what it makes: one git-ignored folder at the repository root, so that
// `npm run demo:stop` can remove all of it and nothing lands in the user's home.
import * as path from "path";
import { repoRoot } from "../toolchain/versions";

/** SECURETEMPLE_DEMO_DIR moves it (tests run the demo in a temporary folder). */
export const demoRoot = process.env.SECURETEMPLE_DEMO_DIR ?? path.join(repoRoot, ".securetemple", "demo");
export const demoPaths = {
    root: demoRoot,
    sandboxDir: path.join(demoRoot, "sandbox"),
    sandboxInfo: path.join(demoRoot, "sandbox", "sandbox.json"),
    sandboxLog: path.join(demoRoot, "sandbox.log"),
    pulumiHome: path.join(demoRoot, "pulumi-home"),
    stateDir: path.join(demoRoot, "state"),
    eventLog: path.join(demoRoot, "last-up-events.jsonl"),
    program: repoRoot,
    policyPack: path.join(repoRoot, "dist", "policy-pack"),
    stack: "sandbox",
};
