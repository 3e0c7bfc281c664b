// Entry point of the plugin `pulumi-resource-securetemple`: the engine starts it through the
// Node.js language host (PulumiPlugin.yaml next to package.json in this folder), which loads
// this compiled file and passes the engine's address as argument.
import * as fs from "fs";
import * as path from "path";
import * as provider from "@pulumi/pulumi/provider";
import { SecureTempleProvider } from "../resources/nativeProvider";
import { installGrpcHooks } from "./grpcHooks";

/** The package version, found from this file whether it runs from the source tree or from dist/. */
export function packageVersion(from: string = __dirname): string {
    for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
            if (pkg.name === "@securetemple/pulumi" && pkg.version) {
                return pkg.version;
            }
        }
    }
    return "0.0.0";
}

/** Diagnostics go to a file only when SECURETEMPLE_PROVIDER_LOG names one (stdout belongs to the gRPC handshake). */
function fileLog(): (message: string) => void {
    const file = process.env.SECURETEMPLE_PROVIDER_LOG;
    if (!file) {
        return () => undefined;
    }
    return (message) => fs.appendFileSync(file, `${new Date().toISOString()} [${process.pid}] ${message}\n`);
}

export async function serve(args: string[]): Promise<void> {
    const implementation = new SecureTempleProvider({ version: packageVersion(), log: fileLog() });
    installGrpcHooks(implementation);
    await provider.main(implementation, args);
}

void serve(process.argv.slice(2));
