// `securetemple plugin`: writes the provider plugin as a tarball for
// `pulumi plugin install resource securetemple <version> --file <tarball>`, built from the package
// as installed (provider/plugin/pack.ts), and prints that command. Once installed, a program needs
// no `plugins:` entry in its Pulumi.yaml.
import { bilingual } from "../../provider/catalog/errors";
import { CliIo } from "../io";

export interface PluginCommandOptions {
    output?: string;
}

export async function runPlugin(options: PluginCommandOptions, io: CliIo): Promise<number> {
    const { installCommand, packPlugin } = await import("../../provider/plugin/pack");
    const file = packPlugin(options.output);
    io.stderr(
        `${bilingual({
            fr: "Greffon écrit, avec ses dépendances ; installez-le avec :",
            en: "Plugin written, with its dependencies; install it with:",
        })}\n`,
    );
    io.stdout(`${installCommand(file)}\n`);
    return 0;
}
