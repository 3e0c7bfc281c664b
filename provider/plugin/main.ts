// Entry point of the plugin `pulumi-resource-securetemple`: the engine starts it through the
// Node.js language host (PulumiPlugin.yaml next to package.json in this folder), which loads
// this compiled file and passes the engine's address as argument.
import * as fs from "fs";
import * as provider from "@pulumi/pulumi/provider";
import type { ConstructComponent } from "../resources/nativeProvider";
import { SecureTempleProvider } from "../resources/nativeProvider";
import { packageVersion } from "../resources/version";
import { watchEngine } from "./engineWatch";
import { installFatalHandlers } from "./fatal";
import { installGrpcHooks } from "./grpcHooks";

export { packageVersion };

/** Diagnostics go to a file only when SECURETEMPLE_PROVIDER_LOG names one (stdout belongs to the gRPC handshake). */
function fileLog(): (message: string) => void {
    const file = process.env.SECURETEMPLE_PROVIDER_LOG;
    if (!file) {
        return () => undefined;
    }
    return (message) => fs.appendFileSync(file, `${new Date().toISOString()} [${process.pid}] ${message}\n`);
}

/**
 * The components are loaded on the first Construct only: a program of custom resources alone
 * starts the plugin without them (and without the catalogue's dependencies).
 */
const construct: ConstructComponent = async (...args) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
    const { constructComponent } = require("../components/construct") as typeof import("../components/construct");
    return constructComponent(...args);
};

export async function serve(args: string[]): Promise<void> {
    const log = fileLog();
    // First, so that an error nothing catches (start-up included) is reported before the SDK's handlers run.
    installFatalHandlers({ log });
    const implementation = new SecureTempleProvider({ version: packageVersion(), log, construct });
    installGrpcHooks(implementation);
    // The engine's address is the one argument that is not a flag.
    const engine = args.find((a) => !a.startsWith("-") && /:\d+$/.test(a));
    watchEngine(engine, () => {
        log("the engine is gone (pulumi was killed): stopping before any further write");
        process.exit(1);
    });
    await provider.main(implementation, args);
}

void serve(process.argv.slice(2));
