// What @pulumi/pulumi/provider's gRPC server leaves out and a real provider needs: it answers
// Configure without looking at the configuration, does not implement CheckConfig, and drops the
// custom timeout of Create/Update/Delete. Before `provider.main` registers its service, these
// hooks wrap that service's implementation so that Configure and CheckConfig reach our provider
// and each operation runs with its timeout in an AsyncLocalStorage (see handlers/context.ts).
import { createRequire } from "module";
import type * as grpcTypes from "@grpc/grpc-js";
import { operationFacts } from "../resources/handlers/context";

/** Modules resolved from @pulumi/pulumi's own location, so the hooks patch the instances it uses. */
function fromPulumi<T>(id: string): T {
    const requireFromPulumi = createRequire(require.resolve("@pulumi/pulumi/package.json"));
    return requireFromPulumi(id) as T;
}

export interface ConfigurableProvider {
    configure(variables: Record<string, string>): void;
    checkConfig(variables: Record<string, string>): { property: string; reason: string }[];
}

type Callback = (err: unknown, value?: unknown) => void;
type Call = { request: Record<string, (...args: unknown[]) => unknown> };
type Method = (call: Call, callback: Callback) => unknown;

function variablesOf(map: { forEach(fn: (value: string, key: string) => void): void }): Record<string, string> {
    const out: Record<string, string> = {};
    map.forEach((value, key) => (out[key] = value));
    return out;
}

/** Config values of a CheckConfig request (`news` struct, secrets unwrapped) as strings. */
function newsAsVariables(news: Record<string, unknown>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, raw] of Object.entries(news)) {
        const value = raw && typeof raw === "object" && "value" in (raw as object) ? (raw as { value: unknown }).value : raw;
        if (value !== undefined && value !== null) {
            out[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return out;
}

let installed = false;

export function installGrpcHooks(target: ConfigurableProvider): void {
    if (installed) {
        return;
    }
    installed = true;
    const grpc = fromPulumi<typeof grpcTypes>("@grpc/grpc-js");
    const provrpc = fromPulumi<{ ResourceProviderService: object }>("@pulumi/pulumi/proto/provider_grpc_pb");
    const provproto =
        fromPulumi<Record<string, new () => Record<string, (...args: unknown[]) => unknown>>>("@pulumi/pulumi/proto/provider_pb");
    const structproto = fromPulumi<{ Struct: { fromJavaScript(value: object): unknown } }>("google-protobuf/google/protobuf/struct_pb");
    const addService = grpc.Server.prototype.addService;

    grpc.Server.prototype.addService = function (
        service: grpcTypes.ServiceDefinition,
        implementation: grpcTypes.UntypedServiceImplementation,
    ) {
        if (service !== provrpc.ResourceProviderService) {
            return addService.call(this, service, implementation);
        }
        const base = implementation as unknown as Record<string, Method>;
        const withTimeout =
            (name: string): Method =>
            (call, callback) => {
                const timeout = Number(call.request.getTimeout?.() ?? 0);
                return operationFacts.run({ timeoutSeconds: timeout > 0 ? timeout : undefined }, () =>
                    base[name].call(base, call, callback),
                );
            };
        const wrapped: Record<string, Method> = Object.create(base);
        wrapped.configure = (call, callback) => {
            try {
                target.configure(variablesOf(call.request.getVariablesMap() as never));
                const response = new provproto.ConfigureResponse();
                response.setAcceptsecrets(true);
                response.setAcceptresources(true);
                callback(null, response);
            } catch (err) {
                callback(err);
            }
        };
        wrapped.checkConfig = (call, callback) => {
            try {
                const news = call.request.getNews() as { toJavaScript(): Record<string, unknown> };
                const response = new provproto.CheckResponse();
                response.setInputs(news);
                const failures = target.checkConfig(newsAsVariables(news.toJavaScript())).map((problem) => {
                    const failure = new provproto.CheckFailure();
                    failure.setProperty(problem.property);
                    failure.setReason(problem.reason);
                    return failure;
                });
                response.setFailuresList(failures);
                callback(null, response);
            } catch (err) {
                callback(err);
            }
        };
        // An import reads by id with no properties at all, which the SDK server does not expect.
        wrapped.read = (call, callback) => {
            if (!call.request.getProperties()) {
                call.request.setProperties(structproto.Struct.fromJavaScript({}));
            }
            return base.read.call(base, call, callback);
        };
        wrapped.create = withTimeout("create");
        wrapped.update = withTimeout("update");
        wrapped.delete = withTimeout("delete");
        return addService.call(this, service, wrapped as unknown as grpcTypes.UntypedServiceImplementation);
    };
}
