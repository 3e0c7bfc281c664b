// `securetemple adopt`: lists what the tenant's API holds (VMs, disks, adapters, buckets, storage
// accounts) and writes a Pulumi bulk-import file, so that `pulumi import --file` brings a tenant
// made in the console under code and writes the program in the stack's language. Credentials come
// as the provider's do: a stack's `securetemple:*` config (--stack), else the environment variables
// of the public Terraform provider (CLOUDTEMPLE_CLIENT_ID, CLOUDTEMPLE_SECRET_ID, CLOUDTEMPLE_HTTP_ADDR).
import { execFile } from "child_process";
import * as fs from "fs";
import { promisify } from "util";
import { ApiClient, ClientOptions } from "../../provider/api/client";
import { ApiError } from "../../provider/api/errors";
import { Bilingual, bilingual } from "../../provider/catalog/errors";
import type { AvailabilityZoneId } from "../../provider/catalog/region";
import { ProviderConfig, configProblems, resolveConfig } from "../../provider/resources/handlers/config";
import { readInventory } from "../adopt/inventory";
import { AdoptKindName, NamedUrn, adoptKindNames } from "../adopt/options";
import { AdoptPlan, AdoptSelection, kindTokens, managedKey, planAdoption } from "../adopt/plan";
import { ApiUnavailableError, CliInputError, exitCodes } from "../errors";
import { readSource } from "../input/source";
import { parseStateExport } from "../input/stateExport";
import { CliIo } from "../io";
import { toolVersion } from "../version";

export interface AdoptOptions {
    output: string;
    types?: AdoptKindName[];
    names?: string[];
    excludes?: string[];
    zones?: AvailabilityZoneId[];
    skipManaged?: string;
    nestDevices?: boolean;
    namePrefix?: string;
    parent?: NamedUrn;
    provider?: NamedUrn;
    endpoint?: string;
    stack?: string;
    cwd?: string;
}

/** The `securetemple:*` values of a stack's config, secrets included, as `pulumi config --json --show-secrets` prints them. */
async function stackConfig(stack: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
    let stdout: string;
    try {
        ({ stdout } = await promisify(execFile)("pulumi", ["config", "--json", "--show-secrets", "--stack", stack], {
            cwd,
            env: { ...env, PULUMI_SKIP_UPDATE_CHECK: "true" },
            maxBuffer: 16 * 1024 * 1024,
        }));
    } catch (err) {
        const e = err as NodeJS.ErrnoException & { stderr?: string };
        const detail =
            e.code === "ENOENT"
                ? 'pulumi: command not found (eval "$(npx securetemple env)")'
                : (e.stderr ?? e.message).trim().split("\n").slice(-1)[0];
        throw new CliInputError("--stack", {
            fr: `la configuration de la pile « ${stack} » est illisible dans ${cwd} (${detail}).`,
            en: `cannot read the config of stack "${stack}" in ${cwd} (${detail}).`,
        });
    }
    let doc: Record<string, { value?: unknown } | null>;
    try {
        doc = JSON.parse(stdout) as Record<string, { value?: unknown } | null>;
    } catch {
        throw new CliInputError("--stack", {
            fr: `\`pulumi config --json\` de la pile « ${stack} » n'a pas écrit de JSON.`,
            en: `\`pulumi config --json\` of stack "${stack}" wrote no JSON.`,
        });
    }
    const values: Record<string, string> = {};
    for (const [key, entry] of Object.entries(doc ?? {})) {
        if (key.startsWith("securetemple:") && typeof entry?.value === "string") {
            values[key] = entry.value;
        }
    }
    return values;
}

/** The provider's configuration for this run, or bad input naming what is missing. */
export async function adoptConfig(
    options: Pick<AdoptOptions, "endpoint" | "stack" | "cwd">,
    env: NodeJS.ProcessEnv = process.env,
): Promise<ProviderConfig> {
    const variables = options.stack ? await stackConfig(options.stack, options.cwd ?? process.cwd(), env) : {};
    if (options.endpoint) {
        variables["securetemple:endpoint"] = options.endpoint;
    }
    const config = resolveConfig(variables, env);
    const problems = configProblems(config);
    if (problems.some((p) => p.property === "endpoint")) {
        throw new CliInputError("--endpoint", {
            fr: `« ${config.endpoint} » n'est ni une URL http(s) ni un hôte[:port].`,
            en: `"${config.endpoint}" is neither an http(s) URL nor a host[:port].`,
        });
    }
    const missing = problems.map((p) =>
        p.property === "clientId" ? "CLOUDTEMPLE_CLIENT_ID (securetemple:clientId)" : "CLOUDTEMPLE_SECRET_ID (securetemple:secretId)",
    );
    if (missing.length > 0) {
        throw new CliInputError("credentials", {
            fr: `${missing.join(" et ")} : non défini ; exportez la variable, ou passez --stack <pile> pour lire la configuration d'une pile.`,
            en: `${missing.join(" and ")}: not set; export the variable, or pass --stack <stack> to read a stack's config.`,
        });
    }
    return config;
}

/** What an API failure means for the user: wrong credentials are bad input (2), the rest says the API is unavailable (4). */
export function apiFailure(err: ApiError, endpoint: string): Error {
    if (err.operation.startsWith("authentication") && err.status !== undefined && err.status >= 400 && err.status < 500) {
        return new CliInputError("credentials", {
            fr: `l'API ${endpoint} refuse les identifiants (HTTP ${err.status} : ${err.apiMessage}) ; vérifiez CLOUDTEMPLE_CLIENT_ID et CLOUDTEMPLE_SECRET_ID (ou securetemple:clientId et securetemple:secretId de la pile).`,
            en: `the API at ${endpoint} refuses the credentials (HTTP ${err.status}: ${err.apiMessage}); check CLOUDTEMPLE_CLIENT_ID and CLOUDTEMPLE_SECRET_ID (or the stack's securetemple:clientId and securetemple:secretId).`,
        });
    }
    if (err.status === undefined) {
        return new ApiUnavailableError({
            fr: `l'API ${endpoint} est injoignable (${err.apiMessage}) ; vérifiez l'adresse (--endpoint, securetemple:endpoint, CLOUDTEMPLE_HTTP_ADDR) et le réseau, puis relancez.`,
            en: `the API at ${endpoint} cannot be reached (${err.apiMessage}); check the address (--endpoint, securetemple:endpoint, CLOUDTEMPLE_HTTP_ADDR) and the network, then run again.`,
        });
    }
    return new ApiUnavailableError({
        fr: `l'API ${endpoint} a répondu HTTP ${err.status} à « ${err.operation} » : ${err.apiMessage} ; rien n'a été écrit.`,
        en: `the API at ${endpoint} answered HTTP ${err.status} to "${err.operation}": ${err.apiMessage}; nothing was written.`,
    });
}

/** `type id` of every resource a stack export holds. */
async function managedIn(path: string, io: CliIo): Promise<Set<string>> {
    const exported = parseStateExport(await readSource(path, io.readStdin), path);
    const keys = new Set<string>();
    for (const r of exported.resources as { type: string; id?: unknown; delete?: boolean }[]) {
        if (typeof r.id === "string" && r.id && !r.delete) {
            keys.add(managedKey(r.type, r.id));
        }
    }
    return keys;
}

const kindLabels: Record<AdoptKindName, Bilingual> = {
    vm: { fr: "machine(s) virtuelle(s)", en: "virtual machine(s)" },
    disk: { fr: "disque(s)", en: "disk(s)" },
    adapter: { fr: "carte(s) réseau", en: "network adapter(s)" },
    bucket: { fr: "bucket(s)", en: "bucket(s)" },
    "storage-account": { fr: "compte(s) de stockage", en: "storage account(s)" },
};

/** The summary on standard error: what was written, left out and what to do next. */
function summary(plan: AdoptPlan, output: string): string[] {
    const listed = adoptKindNames.filter((k) => plan.counts[k] > 0);
    const lines = [
        bilingual({
            fr: `${plan.file.resources.length} objet(s) à adopter${listed.length ? ` : ${listed.map((k) => `${plan.counts[k]} ${kindLabels[k].fr}`).join(", ")}` : ""}${output === "-" ? "" : `, écrits dans ${output}`}.`,
            en: `${plan.file.resources.length} object(s) to adopt${listed.length ? `: ${listed.map((k) => `${plan.counts[k]} ${kindLabels[k].en}`).join(", ")}` : ""}${output === "-" ? "" : `, written to ${output}`}.`,
        }),
    ];
    if (plan.alreadyManaged > 0) {
        lines.push(
            bilingual({
                fr: `${plan.alreadyManaged} objet(s) déjà gérés par la pile exportée, laissés de côté.`,
                en: `${plan.alreadyManaged} object(s) already managed by the exported stack, left out.`,
            }),
        );
    }
    for (const s of plan.skipped) {
        lines.push(
            bilingual({
                fr: `ignoré : ${kindTokens[s.kind]} « ${s.name} » (${s.id}) : ${s.reason.fr}.`,
                en: `skipped: ${kindTokens[s.kind]} "${s.name}" (${s.id}): ${s.reason.en}.`,
            }),
        );
    }
    for (const note of plan.notes) {
        lines.push(bilingual({ fr: `à savoir : ${note.fr}.`, en: `note: ${note.en}.` }));
    }
    if (plan.file.resources.length > 0) {
        const file = output === "-" ? "<file>" : output;
        lines.push(
            bilingual({
                fr: `ensuite, dans le projet Pulumi : pulumi import --file ${file} --out <fichier du programme> (le code est écrit dans le langage du projet).`,
                en: `next, in the Pulumi project: pulumi import --file ${file} --out <program file> (the code is written in the project's language).`,
            }),
        );
    }
    return lines;
}

/** Runs the command; `env` and `clientOverrides` (a transport, a budget) are for tests. */
export async function runAdopt(
    options: AdoptOptions,
    io: CliIo,
    env: NodeJS.ProcessEnv = process.env,
    clientOverrides: Partial<ClientOptions> = {},
): Promise<number> {
    const managed = options.skipManaged ? await managedIn(options.skipManaged, io) : new Set<string>();
    const selection: AdoptSelection = {
        kinds: options.types && options.types.length > 0 ? options.types : adoptKindNames,
        kindsGiven: Boolean(options.types && options.types.length > 0),
        names: options.names ?? [],
        excludes: options.excludes ?? [],
        zones: options.zones ?? [],
        managed,
        nestDevices: options.nestDevices ?? false,
        namePrefix: options.namePrefix ?? "",
        ...(options.parent ? { parent: options.parent } : {}),
        ...(options.provider ? { provider: options.provider } : {}),
    };
    const config = await adoptConfig(options, env);
    const client = new ApiClient({
        endpoint: config.endpoint,
        clientId: config.clientId as string,
        secretId: config.secretId as string,
        // A command someone waits for: three tries of each read, not the provider's five.
        retry: { attempts: 3 },
        userAgent: `securetemple-cli/${toolVersion()}`,
        ...clientOverrides,
    });
    let plan: AdoptPlan;
    try {
        plan = planAdoption(await readInventory(client, selection), selection);
    } catch (err) {
        throw err instanceof ApiError ? apiFailure(err, config.endpoint) : err;
    } finally {
        await client.close();
    }
    for (const line of summary(plan, options.output)) {
        io.stderr(`${line}\n`);
    }
    if (plan.file.resources.length === 0) {
        io.stderr(
            `${bilingual({ fr: "rien à adopter avec ces filtres : aucun fichier écrit.", en: "nothing to adopt with these filters: no file written." })}\n`,
        );
        return exitCodes.nothingAdopted;
    }
    const text = `${JSON.stringify(plan.file, null, 2)}\n`;
    if (options.output === "-") {
        io.stdout(text);
    } else {
        try {
            fs.writeFileSync(options.output, text);
        } catch (err) {
            const code = (err as NodeJS.ErrnoException).code ?? String(err);
            throw new CliInputError(options.output, { fr: `écriture impossible (${code}).`, en: `cannot be written (${code}).` });
        }
    }
    return exitCodes.ok;
}
