// `npm run demo:stop`: stops the demo's sandbox and MinIO and removes everything the demo made
// (sandbox state, Pulumi state and home), which all lives under .securetemple/demo.
import * as fs from "fs";
import { demoPaths } from "./paths";
import { stopSandbox } from "./sandboxProcess";

const log = (line: string) => console.log(`[demo] ${line}`);

stopSandbox(log)
    .then(() => {
        fs.rmSync(demoPaths.root, { recursive: true, force: true });
        log(`Removed ${demoPaths.root}`);
    })
    .catch((err: Error) => {
        console.error(`[demo] ${err.message}`);
        process.exit(1);
    });
