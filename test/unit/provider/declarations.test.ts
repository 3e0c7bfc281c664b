// One declaration, every consumer: the package schema, the diff, the SDK classes and modules, the
// provider's handlers and the components all follow provider/schema. These tests fail when one
// of them lists a property, a token or an enum member the declarations do not (or the reverse).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as st from "../../../provider";
import { componentClasses, constructedTypes } from "../../../provider/components/construct";
import type { BackupPolicyArgs } from "../../../provider/components/backupPolicy";
import type { BackupVaultArgs } from "../../../provider/components/backupVault";
import type { ClusterArgs } from "../../../provider/components/cluster";
import type { LunArgs } from "../../../provider/components/lun";
import type { SecurityGroupArgs } from "../../../provider/components/securityGroup";
import type { TenantArgs } from "../../../provider/components/tenant";
import type { WorkloadArgs } from "../../../provider/components/workload";
import { handlers } from "../../../provider/resources/handlers/index";
import { functions } from "../../../provider/resources/handlers/functions";
import { diffInputs } from "../../../provider/resources/handlers/handler";
import { componentTokens, functionTokens, resourceTokens } from "../../../provider/resources/tokens";
import * as components from "../../../provider/schema/components";
import {
    componentDecls,
    functionDecls,
    inputNames,
    providerConfig,
    resourceDecls,
    storageAccount,
    virtualMachine,
} from "../../../provider/schema/index";
import { enumMemberName, packageSchema } from "../../../provider/schema/schema";
import type { PropertyDecl, RequiredKeys } from "../../../provider/schema/types";
import { value, registered, reset } from "../components/mocks";

type Spec = Record<string, unknown>;
const isOutput = (v: unknown) => pulumi.Output.isInstance(v);
const schema = packageSchema("1.2.3") as unknown as {
    version: string;
    config: { variables: Record<string, Spec> };
    provider: { inputProperties: Record<string, Spec> };
    types: Record<string, { type: string; enum?: { name: string; value: string }[] }>;
    resources: Record<
        string,
        {
            isComponent?: boolean;
            properties: Record<string, Spec>;
            required?: string[];
            inputProperties: Record<string, Spec>;
            requiredInputs?: string[];
        }
    >;
    functions: Record<
        string,
        { inputs?: { properties: Record<string, Spec>; required?: string[] }; outputs: { properties: Record<string, Spec> } }
    >;
};

// ---- The components' TypeScript arguments are the declared inputs (checked by the compiler).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
type RequiredOf<T> = Exclude<keyof T, OptionalKeys<T>>;
type Same<Args, Inputs> = [Equal<keyof Args, keyof Inputs>, Equal<RequiredOf<Args>, RequiredKeys<Inputs>>];
const componentArgsMatch: [
    Same<TenantArgs, typeof components.tenant.inputs>,
    Same<ClusterArgs, typeof components.cluster.inputs>,
    Same<LunArgs, typeof components.lun.inputs>,
    Same<BackupPolicyArgs, typeof components.backupPolicy.inputs>,
    Same<WorkloadArgs, typeof components.workload.inputs>,
    Same<SecurityGroupArgs, typeof components.securityGroup.inputs>,
    Same<BackupVaultArgs, typeof components.backupVault.inputs>,
] = [
    [true, true],
    [true, true],
    [true, true],
    [true, true],
    [true, true],
    [true, true],
    [true, true],
];

const entries = (props: Readonly<Record<string, PropertyDecl>>) => Object.entries(props) as [string, PropertyDecl][];

describe("declarations: the schema", () => {
    it("lists every declared property of every resource, as input, output, required and secret as declared", () => {
        for (const decl of resourceDecls) {
            const spec = schema.resources[decl.token];
            assert.deepStrictEqual(Object.keys(spec.properties).sort(), Object.keys(decl.properties).sort(), decl.token);
            assert.deepStrictEqual(Object.keys(spec.inputProperties).sort(), inputNames(decl).sort(), decl.token);
            assert.deepStrictEqual(
                spec.requiredInputs ?? [],
                entries(decl.properties)
                    .filter(([, p]) => p.required)
                    .map(([k]) => k),
                decl.token,
            );
            for (const [key, p] of entries(decl.properties)) {
                assert.strictEqual(spec.properties[key].secret, p.secret || undefined, `${decl.token}.${key} secret`);
                if (!p.output) {
                    assert.strictEqual(
                        spec.inputProperties[key].replaceOnChanges,
                        p.replaceOnChange || undefined,
                        `${decl.token}.${key} replaceOnChanges`,
                    );
                    assert.strictEqual(spec.inputProperties[key].default, p.default, `${decl.token}.${key} default`);
                }
                assert.match(
                    String(spec.properties[key].description),
                    /\n\nFR : /,
                    `${decl.token}.${key} described in English then French`,
                );
            }
        }
    });

    it("describes the components with plain inputs and references to the components they take", () => {
        for (const decl of componentDecls) {
            const spec = schema.resources[decl.token];
            assert.strictEqual(spec.isComponent, true);
            assert.deepStrictEqual(Object.keys(spec.inputProperties).sort(), Object.keys(decl.inputs).sort());
            assert.deepStrictEqual(Object.keys(spec.properties).sort(), Object.keys(decl.outputs).sort());
            assert.ok(
                Object.values(spec.inputProperties).every((p) => p.plain === true),
                `${decl.token}: inputs are known at construction`,
            );
        }
        assert.deepStrictEqual(schema.resources[componentTokens.workload].inputProperties.luns.items, {
            $ref: `#/resources/${componentTokens.lun}`,
        });
        assert.deepStrictEqual(componentArgsMatch.flat(), new Array(14).fill(true));
    });

    it("lists every function with its arguments, and the provider configuration with its secrets", () => {
        assert.deepStrictEqual(Object.keys(schema.functions).sort(), Object.values(functionTokens).sort());
        assert.deepStrictEqual(Object.keys(schema.functions[functionTokens.getHostCluster].inputs?.properties ?? {}), ["name"]);
        assert.strictEqual(schema.functions[functionTokens.getTenant].inputs, undefined);
        assert.deepStrictEqual(Object.keys(schema.config.variables), Object.keys(providerConfig));
        assert.deepStrictEqual(
            Object.entries(schema.provider.inputProperties)
                .filter(([, p]) => p.secret)
                .map(([k]) => k),
            ["secretId", "s3SecretAccessKey"],
        );
        assert.strictEqual(schema.version, "1.2.3");
    });

    it("names every object and enum type it refers to", () => {
        const refs = JSON.stringify(schema).match(/#\/types\/[^"]+/g) ?? [];
        for (const ref of new Set(refs)) {
            assert.ok(schema.types[ref.slice("#/types/".length)], `${ref} is defined`);
        }
        assert.deepStrictEqual(schema.types["securetemple:compute:PowerState"].enum, [
            { name: "On", value: "on" },
            { name: "Off", value: "off" },
        ]);
    });
});

describe("declarations: the provider", () => {
    it("has a handler for every resource and a lookup for every function, each with its declaration", () => {
        assert.deepStrictEqual(Object.keys(handlers).sort(), resourceDecls.map((d) => d.token).sort());
        for (const decl of resourceDecls) {
            assert.strictEqual(handlers[decl.token].declaration, decl);
        }
        assert.deepStrictEqual(Object.keys(functions).sort(), functionDecls.map((d) => d.token).sort());
        assert.deepStrictEqual(constructedTypes.sort(), componentDecls.map((d) => d.token).sort());
        assert.deepStrictEqual(Object.keys(componentClasses).sort(), Object.values(componentTokens).sort());
    });

    it("diffs as declared: replace-on-change properties replace, other inputs update, outputs never count", () => {
        const sample = (p: PropertyDecl): [unknown, unknown] => {
            switch (p.type) {
                case "enum":
                    return [p.enum.values[0], p.enum.values[1]];
                case "integer":
                case "number":
                    return [p.min ?? 1, (p.min ?? 1) * 2];
                case "boolean":
                    return [true, false];
                case "array":
                    return [[], [{ x: 1 }]];
                case "map":
                    return [{}, { a: "b" }];
                default:
                    return ["a", "b"];
            }
        };
        for (const decl of resourceDecls) {
            for (const [key, p] of entries(decl.properties)) {
                const [before, after] = sample(p);
                const diff = diffInputs(handlers[decl.token], { [key]: before }, { [key]: after });
                if (p.output) {
                    assert.strictEqual(diff.changes, false, `${decl.token}.${key} is an output`);
                } else {
                    assert.strictEqual(diff.changes, true, `${decl.token}.${key} changed`);
                    assert.deepStrictEqual(
                        diff.replaces.includes(key),
                        p.replaceOnChange === true,
                        `${decl.token}.${key} replaces: ${p.replaceOnChange === true}`,
                    );
                }
            }
        }
    });
});

describe("declarations: the TypeScript SDK", () => {
    before(() => reset());

    it("registers every declared property of a resource, given or not, each an Output of the class", async () => {
        const vmResource = new st.VirtualMachine("vm", {
            name: "vm",
            datacenterId: "d",
            hostClusterId: "h",
            datastoreId: "s",
            memory: 1024 ** 3,
            cpu: 1,
            guestOperatingSystemMoref: "ubuntu64Guest",
            backupPolicies: [],
            powerState: "off",
        });
        const account = new st.StorageAccount("acct", { name: "acct" });
        for (const [resource, decl] of [
            [vmResource, virtualMachine],
            [account, storageAccount],
        ] as const) {
            const fields = resource as unknown as Record<string, unknown>;
            for (const key of Object.keys(decl.properties)) {
                assert.ok(isOutput(fields[key]), `${decl.token}.${key} is an Output of the class`);
            }
        }
        assert.strictEqual(await value(vmResource.name), "vm");
        assert.strictEqual(await value(account.secretAccessKey), "mock-secret");
        const [vm] = registered(resourceTokens.virtualMachine);
        assert.strictEqual(vm.inputs.powerState, "off");
    });

    it("exports every resource, component, function and enum under the module Pulumi's code generators name", () => {
        const pkg = st as unknown as Record<string, Record<string, unknown> | undefined>;
        const member = (token: string): unknown => {
            const [, mod, name] = token.split(":");
            const scope = mod === "index" ? pkg : pkg[mod];
            return scope?.[name];
        };
        for (const token of Object.keys(schema.resources)) {
            assert.strictEqual(typeof member(token), "function", `${token} is a class of the package`);
        }
        for (const token of Object.keys(schema.functions)) {
            assert.strictEqual(typeof member(token), "function", `${token} is a function of the package`);
            assert.strictEqual(typeof member(`${token}Output`), "function", `${token}Output is a function of the package`);
        }
        for (const [token, type] of Object.entries(schema.types)) {
            if (type.enum) {
                const object = member(token) as Record<string, string>;
                assert.deepStrictEqual(
                    Object.entries(object ?? {}),
                    type.enum.map((e) => [e.name, e.value]),
                    `${token} members`,
                );
                assert.ok(type.enum.every((e) => e.name === enumMemberName(e.value)));
            }
        }
        assert.strictEqual(st.compute.VirtualMachine, st.VirtualMachine, "the flat export is the same class");
        assert.strictEqual(st.backup.Policy, st.BackupPolicy);
    });

    it("reads the outputs of a component from the declared output names", async () => {
        const sg = new st.SecurityGroup("sg", { ingress: [{ protocol: "tcp", fromPort: 443, cidrs: ["0.0.0.0/0"] }] });
        const fields = sg as unknown as Record<string, unknown>;
        for (const key of Object.keys(components.securityGroup.outputs)) {
            assert.ok(fields[key] !== undefined, `SecurityGroup.${key}`);
        }
        assert.deepStrictEqual(await value(sg.ingress), [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"] }]);
    });
});
