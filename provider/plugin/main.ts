// Entry point of the plugin `pulumi-resource-securetemple`: the engine starts it through the
// Node.js language host (PulumiPlugin.yaml next to package.json in this folder), which loads
// this compiled file and passes the engine's address as argument.
import * as fs from "fs";
import * as provider from "@pulumi/pulumi/provider";
import { constructComponent } from "../components/construct";
import { SecureTempleProvider } from "../resources/nativeProvider";
import { packageVersion } from "../resources/version";
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

export async function serve(args: string[]): Promise<void> {
    const implementation = new SecureTempleProvider({ version: packageVersion(), log: fileLog(), construct: constructComponent });
    installGrpcHooks(implementation);
    await provider.main(implementation, args);
}

void serve(process.argv.slice(2));
