// The native provider: what the engine calls through gRPC (getSchema, check, diff, create, read,
// update, delete, invoke, construct), dispatched by type token to the resource handlers, the
// lookup functions and the components. One instance per plugin process; the engine starts one
// process per provider (default or explicit).
import { S3Client } from "@aws-sdk/client-s3";
import type * as pulumi from "@pulumi/pulumi";
import * as provider from "@pulumi/pulumi/provider";
import { ApiClient } from "../api/client";
import { AssignmentBatches, InventoryRuns } from "../api/backup";
import { bilingual } from "../catalog/errors";
import { secretNames } from "../schema/index";
import { packageSchema } from "../schema/schema";
import { topLevelProperty } from "../schema/validate";
import { ProviderConfig, configProblems, resolveConfig } from "./handlers/config";
import { HandlerContext, ResourceInitError, operationFacts } from "./handlers/context";
import { invokeFunction } from "./handlers/functions";
import { markOnRefresh } from "./handlers/interruptedCreate";
import { AnyHandler, checkInputsWithApi, diffInputs } from "./handlers/handler";
import { handlers } from "./handlers/index";
import { CheckLookups } from "./handlers/lookups";
import { Props, isUnknown, unwrap, wrapOutputs } from "./handlers/properties";

/** The type token of a URN (`urn:pulumi:stack::project::parent$type::name`). */
export function typeOfUrn(urn: string): string {
    const qualified = urn.split("::")[2] ?? "";
    return qualified.split("$").pop() ?? qualified;
}

const defaultTimeoutMs = { create: 30 * 60_000, update: 30 * 60_000, delete: 20 * 60_000, read: 5 * 60_000 };

/** Builds a component the engine asks for (`Construct`); provider/components/construct.ts serves them. */
export type ConstructComponent = (
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
) => Promise<provider.ConstructResult>;

export interface NativeProviderOptions {
    version: string;
    /** Serves the component resources; without it, `construct` refuses every type. */
    construct?: ConstructComponent;
    /** Client options tests set (transport, budget, retry speed). */
    clientOverrides?: Partial<ConstructorParameters<typeof ApiClient>[0]>;
    log?: (message: string) => void;
}

export class SecureTempleProvider implements provider.Provider {
    readonly version: string;
    private config: ProviderConfig = resolveConfig({});
    /** Whether the engine configured this provider with values still unknown (an explicit provider at preview). */
    private configUnknown = false;
    private apiClient?: ApiClient;
    private lookups?: CheckLookups;
    private inventory?: InventoryRuns;
    private assignments?: AssignmentBatches;
    private readonly s3Clients = new Map<string, S3Client>();
    private readonly log: (message: string) => void;

    constructor(private readonly options: NativeProviderOptions) {
        this.version = options.version;
        this.log = options.log ?? (() => undefined);
    }

    /** The package schema (GetSchema): what `pulumi package get-schema`, gen-sdk, YAML and import read. */
    async getSchema(): Promise<string> {
        return JSON.stringify(packageSchema(this.version));
    }

    /** Takes the configuration the engine sends (stack config or an explicit provider's arguments). */
    configure(variables: Record<string, string>, env: NodeJS.ProcessEnv = process.env): void {
        this.config = resolveConfig(variables, env);
        this.configUnknown = Object.values(variables).some(isUnknown);
        void this.apiClient?.close();
        this.apiClient = undefined;
        this.lookups = undefined;
        this.inventory = undefined;
        this.assignments = undefined;
    }

    /** Configuration problems (CheckConfig), as property/reason pairs. */
    checkConfig(variables: Record<string, string>, env: NodeJS.ProcessEnv = process.env): { property: string; reason: string }[] {
        return configProblems(resolveConfig(variables, env));
    }

    get client(): ApiClient {
        if (!this.apiClient) {
            const problems = configProblems(this.config);
            if (problems.length > 0) {
                throw new Error(problems.map((p) => p.reason).join("; "));
            }
            this.apiClient = new ApiClient({
                endpoint: this.config.endpoint,
                clientId: this.config.clientId as string,
                secretId: this.config.secretId as string,
                poll: this.config.pollInitialMs ? { initialMs: this.config.pollInitialMs } : undefined,
                log: this.log,
                userAgent: `pulumi-resource-securetemple/${this.version}`,
                ...this.options.clientOverrides,
            });
            this.inventory = new InventoryRuns(this.apiClient, Math.min(200, this.config.pollInitialMs ?? 200));
            this.assignments = new AssignmentBatches(this.apiClient, Math.min(100, this.config.pollInitialMs ?? 100));
        }
        return this.apiClient;
    }

    private context(operation: keyof typeof defaultTimeoutMs, urn?: string): HandlerContext {
        const client = this.client;
        const timeoutSeconds = operationFacts.getStore()?.timeoutSeconds;
        const config = this.config;
        return {
            client,
            urn,
            inventory: this.inventory as InventoryRuns,
            assignments: this.assignments as AssignmentBatches,
            s3Configured: Boolean(config.s3AccessKeyId && config.s3SecretAccessKey),
            s3: (endpointFromApi) => {
                const endpoint = config.s3Endpoint ?? endpointFromApi;
                if (!config.s3AccessKeyId || !config.s3SecretAccessKey || !endpoint) {
                    throw new Error(
                        bilingual({
                            fr: "les règles de cycle de vie et le vidage d'un bucket passent par S3 : définissez securetemple:s3AccessKeyId et securetemple:s3SecretAccessKey (la clé d'accès globale)",
                            en: "lifecycle rules and emptying a bucket go through S3: set securetemple:s3AccessKeyId and securetemple:s3SecretAccessKey (the global access key)",
                        }),
                    );
                }
                let s3 = this.s3Clients.get(endpoint);
                if (!s3) {
                    // Path-style addressing and region fr1, as the service documents.
                    s3 = new S3Client({
                        endpoint,
                        region: "fr1",
                        forcePathStyle: true,
                        credentials: { accessKeyId: config.s3AccessKeyId, secretAccessKey: config.s3SecretAccessKey },
                    });
                    this.s3Clients.set(endpoint, s3);
                }
                return s3;
            },
            timeoutMs: timeoutSeconds && timeoutSeconds > 0 ? timeoutSeconds * 1000 : defaultTimeoutMs[operation],
            pollMs: Math.min(1_000, this.config.pollInitialMs ?? 1_000),
            log: this.log,
        };
    }

    private handler(urn: string): AnyHandler {
        const type = typeOfUrn(urn);
        const found = handlers[type];
        if (!found) {
            const known = Object.keys(handlers).join(", ");
            throw new Error(
                bilingual({
                    fr: `type de ressource inconnu ${type} ; types connus : ${known}`,
                    en: `unknown resource type ${type}; known types: ${known}`,
                }),
            );
        }
        return found;
    }

    /** Outputs with the secrets of the inputs and the properties declared secret wrapped again. */
    private outputs(handler: AnyHandler, values: Props, secretKeys: Set<string>): Props {
        return wrapOutputs(values, [...secretKeys, ...secretNames(handler.declaration)]);
    }

    /**
     * The lookups of `check`, one set per provider process (and configuration); undefined when the
     * provider cannot call the API (not configured, or configured with values unknown at preview),
     * in which case `check` makes only the checks that need no API.
     */
    private checkLookups(): CheckLookups | undefined {
        if (this.configUnknown || configProblems(this.config).length > 0) {
            return undefined;
        }
        this.lookups ??= new CheckLookups(this.client, this.log);
        return this.lookups;
    }

    async check(urn: string, olds: Props, news: Props): Promise<provider.CheckResult> {
        const handler = this.handler(urn);
        const { values, secretKeys } = unwrap(news);
        const { inputs, failures } = await checkInputsWithApi(handler, values, handler.checkWithApi ? this.checkLookups() : undefined);
        // The engine shows the value of the failure's property: name the top-level property (it
        // has a value), the reason names the path inside it.
        return {
            inputs: wrapOutputs(inputs, secretKeys),
            failures: failures.map((f) => ({ property: topLevelProperty(f.property), reason: f.reason })),
        };
    }

    async diff(id: string, urn: string, olds: Props, news: Props): Promise<provider.DiffResult> {
        const result = diffInputs(this.handler(urn), unwrap(olds).values, unwrap(news).values);
        return { changes: result.changes, replaces: result.replaces, deleteBeforeReplace: result.deleteBeforeReplace };
    }

    async create(urn: string, inputs: Props): Promise<provider.CreateResult> {
        const handler = this.handler(urn);
        this.log(`create ${urn}`);
        const { values, secretKeys } = unwrap(inputs);
        try {
            const { id, outs } = await handler.create(values, this.context("create", urn));
            return { id, outs: this.outputs(handler, outs, secretKeys) };
        } catch (err) {
            throw this.initFailure(handler, err, secretKeys);
        }
    }

    async read(id: string, urn: string, props?: Props): Promise<provider.ReadResult> {
        const handler = this.handler(urn);
        const { values, secretKeys } = unwrap(props);
        const outcome = await handler.read(id, values, this.context("read"));
        if (!outcome.props) {
            return { id: "", props: {} };
        }
        if (Object.keys(values).length > 0) {
            // A refresh of what the state holds (not an import): an object made before markers existed gets its own.
            await markOnRefresh(this.client, typeOfUrn(urn), id, urn, (m) => this.log(m));
        }
        return { id, props: this.outputs(handler, outcome.props, secretKeys), inputs: wrapOutputs(outcome.inputs ?? {}, secretKeys) };
    }

    async update(id: string, urn: string, olds: Props, news: Props): Promise<provider.UpdateResult> {
        const handler = this.handler(urn);
        const { values, secretKeys } = unwrap(news);
        const old = unwrap(olds);
        try {
            const outs = await handler.update(id, old.values, values, this.context("update"));
            return { outs: this.outputs(handler, outs, new Set([...secretKeys, ...old.secretKeys])) };
        } catch (err) {
            throw this.initFailure(handler, err, secretKeys);
        }
    }

    async delete(id: string, urn: string, props: Props): Promise<void> {
        await this.handler(urn).delete(id, unwrap(props).values, this.context("delete"));
    }

    async invoke(token: string, inputs: Props): Promise<provider.InvokeResult> {
        return { outputs: await invokeFunction(token, () => this.client, unwrap(inputs).values) };
    }

    /** A component for a program in any language, built by the same TypeScript classes. */
    async construct(
        name: string,
        type: string,
        inputs: pulumi.Inputs,
        options: pulumi.ComponentResourceOptions,
    ): Promise<provider.ConstructResult> {
        if (!this.options.construct) {
            throw new Error(
                bilingual({
                    fr: `ce fournisseur ne construit pas de composant (${type})`,
                    en: `this provider builds no component (${type})`,
                }),
            );
        }
        return this.options.construct(name, type, inputs, options);
    }

    /** A partial failure keeps the object in the state: the gRPC layer reads `id` and `properties`. */
    private initFailure(handler: AnyHandler, err: unknown, secretKeys: Set<string>): unknown {
        if (err instanceof ResourceInitError) {
            return Object.assign(new Error(err.message), {
                id: err.id,
                properties: this.outputs(handler, err.properties, secretKeys),
                reasons: err.reasons,
            });
        }
        return err;
    }

    async close(): Promise<void> {
        await this.apiClient?.close();
        this.s3Clients.forEach((s3) => s3.destroy());
    }
}
