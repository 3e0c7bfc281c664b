// The `securetemple` command line: argument parsing with commander, each command in
// cli/commands/, one exit-code policy: 0 all mandatory policies pass, 1 a mandatory policy failed
// (for adopt: nothing to adopt), 2 bad input (file, flag or value), with a bilingual message naming
// it, 3 an internal error, 4 the API unreachable or failing (adopt). A command's module is
// loaded when the command runs, so `--help` and each command load only what they use.
import { Command, CommanderError, Option } from "commander";
import { parseMilliseconds, parsePort } from "./commands/sandboxOptions";
import { parseSlaFormat, SlaFormat } from "./commands/slaFormat";
import { bilingual } from "../provider/catalog";
import { AdoptKindName, NamedUrn, collectGlob, parseKinds, parseNamedUrn, parseZones } from "./adopt/options";
import type { AvailabilityZoneId } from "../provider/catalog/region";
import { ApiUnavailableError, CliInputError, exitCodes } from "./errors";
import { CliIo, processIo } from "./io";
import { Lang, parseLang } from "./language";
import { parseFormat, ReportFormat, reportFormats } from "./report/formats";
import { toolName, toolVersion } from "./version";

// French for commander's own usage errors; the English is commander's message itself.
const usageFr: Record<string, string> = {
    "commander.unknownOption": "option inconnue",
    "commander.unknownCommand": "commande inconnue (commandes : check, sla, adopt, sandbox, env, plugin)",
    "commander.missingArgument": "argument obligatoire manquant",
    "commander.optionMissingArgument": "l'option attend une valeur",
    "commander.missingMandatoryOptionValue": "option obligatoire manquante",
    "commander.excessArguments": "trop d'arguments",
    "commander.invalidArgument": "valeur invalide",
};

function usageError(err: CommanderError): CliInputError {
    const en = err.message.replace(/^error: /, "");
    const quoted = /'([^']+)'/.exec(en)?.[1];
    const fr = `${usageFr[err.code] ?? "ligne de commande invalide"} ; voir \`${toolName} --help\`.`;
    return new CliInputError(quoted ?? toolName, { fr, en: `${en}; see \`${toolName} --help\`.` });
}

const langOption = () =>
    new Option("--lang <lang>", "langue du rapport / report language (fr|en)").argParser((v) => parseLang(v)).default("fr" as Lang);

type SetExitCode = (code: number) => void;

function addCheck(program: Command, io: CliIo, setExitCode: SetExitCode): void {
    program
        .command("check")
        .description(
            bilingual({
                fr: "Évalue le pack de politiques sans exécuter le programme, sur un export d'état (`pulumi stack export`) ou le journal d'événements d'une prévisualisation.",
                en: "Evaluates the policy pack without running the program, on a state export (`pulumi stack export`) or a preview's event log.",
            }),
        )
        .argument(
            "[state-export]",
            "export d'état Pulumi, ou plan/état OpenTofu/Terraform (`tofu show -json`), ou - pour l'entrée standard / Pulumi state export, or OpenTofu/Terraform plan or state (`tofu show -json`), or - for standard input",
        )
        .option(
            "--event-log <file>",
            "journal de `PULUMI_DEBUG_COMMANDS=true pulumi preview --event-log <file>` / a preview's engine event log",
        )
        .addOption(
            new Option("--format <format>", `format du rapport / report format (${reportFormats.join("|")})`)
                .argParser((v) => parseFormat(v))
                .default("text" as ReportFormat),
        )
        .addOption(langOption())
        .option("--output <file>", "écrit le rapport dans ce fichier / write the report to this file")
        .option(
            "--policy-config <file>",
            "configuration du pack, format de --policy-pack-config / pack configuration, --policy-pack-config format",
        )
        .exitOverride()
        .action(
            async (
                stateExport: string | undefined,
                o: { eventLog?: string; format: ReportFormat; lang: Lang; output?: string; policyConfig?: string },
            ) => {
                const { runCheck } = await import("./commands/check");
                setExitCode(
                    await runCheck(
                        {
                            ...(stateExport !== undefined ? { stateExport } : {}),
                            ...(o.eventLog !== undefined ? { eventLog: o.eventLog } : {}),
                            format: o.format,
                            lang: o.lang,
                            ...(o.output !== undefined ? { output: o.output } : {}),
                            ...(o.policyConfig !== undefined ? { policyConfig: o.policyConfig } : {}),
                        },
                        io,
                    ),
                );
            },
        );
}

function addSla(program: Command, io: CliIo, setExitCode: SetExitCode): void {
    program
        .command("sla")
        .description(
            bilingual({
                fr: "Éligibilité aux SLA du ou des tenants d'un export d'état (zones souscrites, répartition des charges de travail).",
                en: "SLA eligibility of the tenant(s) of a state export (subscribed zones, workload spread).",
            }),
        )
        .argument("<state-export>", "export d'état, ou - pour l'entrée standard / state export file, or - for standard input")
        .addOption(
            new Option("--format <format>", "format / output format (text|json)")
                .argParser((v) => parseSlaFormat(v))
                .default("text" as SlaFormat),
        )
        .addOption(langOption())
        .exitOverride()
        .action(async (stateExport: string, o: { format: SlaFormat; lang: Lang }) => {
            const { runSla } = await import("./commands/sla");
            setExitCode(await runSla({ stateExport, format: o.format, lang: o.lang }, io));
        });
}

interface AdoptFlags {
    output: string;
    type?: AdoptKindName[];
    name?: string[];
    exclude?: string[];
    az?: AvailabilityZoneId[];
    skipManaged?: string;
    nestDevices?: boolean;
    namePrefix?: string;
    parent?: NamedUrn;
    provider?: NamedUrn;
    endpoint?: string;
    stack?: string;
    cwd?: string;
}

function addAdopt(program: Command, io: CliIo, setExitCode: SetExitCode): void {
    program
        .command("adopt")
        .description(
            bilingual({
                fr: "Liste ce que l'API du tenant détient (VM, disques, cartes réseau, buckets, comptes de stockage) et écrit un fichier d'import en masse pour `pulumi import --file`, qui écrit le programme dans le langage de la pile.",
                en: "Lists what the tenant's API holds (VMs, disks, network adapters, buckets, storage accounts) and writes a bulk-import file for `pulumi import --file`, which writes the program in the stack's language.",
            }),
        )
        .option("--output <file>", "fichier d'import, ou - pour la sortie standard / import file, or - for standard output", "adopt.json")
        .addOption(
            new Option(
                "--type <kinds>",
                "types à adopter, répétable ou séparés par des virgules / kinds to adopt, repeatable or comma-separated (vm|disk|adapter|bucket|storage-account)",
            ).argParser(parseKinds),
        )
        .addOption(
            new Option(
                "--name <glob>",
                "garde les noms qui correspondent, répétable / keep the names that match, repeatable (e.g. 'web-*')",
            ).argParser(collectGlob),
        )
        .addOption(
            new Option(
                "--exclude <glob>",
                "écarte les noms qui correspondent, répétable / leave out the names that match, repeatable",
            ).argParser(collectGlob),
        )
        .addOption(
            new Option(
                "--az <zone>",
                "garde les VM de ces zones, répétable / keep the VMs of these AZs, repeatable (AZ05|AZ06|AZ07)",
            ).argParser(parseZones),
        )
        .option(
            "--skip-managed <state-export>",
            "écarte ce que gère déjà cet export de pile (`pulumi stack export`, ou -) / leave out what this stack export already manages (or -)",
        )
        .option("--nest-devices", "disques et cartes enfants de leur VM (parent) / disks and adapters as children of their VM (parent)")
        .option("--name-prefix <prefix>", "préfixe des noms Pulumi / prefix of the Pulumi names")
        .addOption(
            new Option(
                "--parent <variable=urn>",
                "parent de tout objet adopté, une ressource de la pile / parent of every adopted object, a resource of the stack",
            ).argParser(parseNamedUrn("--parent")),
        )
        .addOption(
            new Option(
                "--provider <variable=urn>",
                "fournisseur explicite de la pile à utiliser / explicit provider of the stack to use",
            ).argParser(parseNamedUrn("--provider")),
        )
        .option("--endpoint <url>", "adresse de l'API / API address (default: securetemple:endpoint, CLOUDTEMPLE_HTTP_ADDR)")
        .option("--stack <stack>", "lit securetemple:* dans la configuration de cette pile / read securetemple:* from this stack's config")
        .option("--cwd <dir>", "dossier du projet Pulumi pour --stack / Pulumi project folder for --stack")
        .exitOverride()
        .action(async (o: AdoptFlags) => {
            const { runAdopt } = await import("./commands/adopt");
            setExitCode(
                await runAdopt(
                    {
                        output: o.output,
                        types: o.type,
                        names: o.name,
                        excludes: o.exclude,
                        zones: o.az,
                        skipManaged: o.skipManaged,
                        nestDevices: o.nestDevices,
                        namePrefix: o.namePrefix,
                        parent: o.parent,
                        provider: o.provider,
                        endpoint: o.endpoint,
                        stack: o.stack,
                        cwd: o.cwd,
                    },
                    io,
                ),
            );
        });
}

// `securetemple sandbox` runs until stopped: it sets no exit code.
function addSandbox(program: Command): void {
    program
        .command("sandbox")
        .description(
            bilingual({
                fr: "Démarre le bac à sable local de l'API Secure Temple et MinIO.",
                en: "Starts the local Secure Temple API sandbox and MinIO.",
            }),
        )
        .addOption(new Option("--port <n>", "port d'écoute / listening port (default: a free port)").argParser((v) => parsePort(v)))
        .option("--data-dir <dir>", "dossier de l'état / state folder (default ~/.securetemple/sandbox)")
        .option("--seed <file>", "graine YAML du tenant / tenant YAML seed")
        .addOption(
            new Option("--activity-latency <ms>", "durée d'une activité / activity duration in ms").argParser((v) => parseMilliseconds(v)),
        )
        .option("--no-rate-limits", "désactive les limites de débit / disable rate limits")
        .exitOverride()
        .action(async (o: { port?: number; dataDir?: string; seed?: string; activityLatency?: number; rateLimits: boolean }) => {
            const { runSandbox } = await import("./commands/sandbox");
            await runSandbox(o);
        });
}

function addEnv(program: Command, io: CliIo, setExitCode: SetExitCode): void {
    program
        .command("env")
        .description(
            bilingual({
                fr: 'Affiche les lignes `export` (PATH, PULUMI_HOME) qui rendent la CLI Pulumi du kit utilisable : eval "$(npx securetemple env)".',
                en: 'Prints the `export` lines (PATH, PULUMI_HOME) that make the kit\'s Pulumi CLI usable: eval "$(npx securetemple env)".',
            }),
        )
        .option("--pulumi-home <dir>", "PULUMI_HOME (défaut / default ~/.securetemple/pulumi)")
        .exitOverride()
        .action(async (o: { pulumiHome?: string }) => {
            const { runEnv } = await import("./commands/env");
            setExitCode(runEnv(o, io));
        });
}

function addPlugin(program: Command, io: CliIo, setExitCode: SetExitCode): void {
    program
        .command("plugin")
        .description(
            bilingual({
                fr: "Écrit le greffon du fournisseur en archive pour `pulumi plugin install` et affiche cette commande.",
                en: "Writes the provider plugin as a tarball for `pulumi plugin install` and prints that command.",
            }),
        )
        .option("--output <file>", "archive / tarball (défaut / default ./pulumi-resource-securetemple-v<version>.tgz)")
        .exitOverride()
        .action(async (o: { output?: string }) => {
            const { runPlugin } = await import("./commands/plugin");
            setExitCode(await runPlugin(o, io));
        });
}

/** Builds the program; `setExitCode` receives each command's exit code. */
export function buildProgram(io: CliIo, setExitCode: SetExitCode): Command {
    const program = new Command()
        .name(toolName)
        .description(
            bilingual({
                fr: "Rapports de conformité et SLA Secure Temple pour les pipelines et les audits.",
                en: "Secure Temple compliance and SLA reports for pipelines and audits.",
            }),
        )
        .version(toolVersion(), "-V, --version")
        .exitOverride()
        .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: () => undefined })
        .showSuggestionAfterError(false);

    addCheck(program, io, setExitCode);
    addSla(program, io, setExitCode);
    addAdopt(program, io, setExitCode);
    addSandbox(program);
    addEnv(program, io, setExitCode);
    addPlugin(program, io, setExitCode);
    return program;
}

/** Runs the command line `argv` (without node and script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
    let code: number = exitCodes.ok;
    const program = buildProgram(io, (c) => (code = c));
    try {
        await program.parseAsync([...argv], { from: "user" });
        return code;
    } catch (caught) {
        let e = caught;
        if (e instanceof CommanderError) {
            if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") {
                return exitCodes.ok;
            }
            e = usageError(e);
        }
        if (e instanceof CliInputError) {
            io.stderr(`${e.message}\n`);
            return exitCodes.badInput;
        }
        if (e instanceof ApiUnavailableError) {
            io.stderr(`${e.message}\n`);
            return exitCodes.apiUnavailable;
        }
        const message = e instanceof Error ? e.message : String(e);
        io.stderr(`${bilingual({ fr: `Erreur interne : ${message}`, en: `Internal error: ${message}` })}\n`);
        return exitCodes.internalError;
    }
}
