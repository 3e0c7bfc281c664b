// The Pulumi package schema, generated from the declarations: what the provider serves through
// GetSchema, what `pulumi package gen-sdk` turns into the Python and Go SDKs, what Pulumi YAML and
// `pulumi import` read. Descriptions are English, then French, with the convention section and
// the constraints check enforces (the schema format has no place for ranges or patterns).
import type { Bilingual } from "../catalog/errors";
import { packageName } from "../resources/tokens";
import { componentDecls, functionDecls, providerConfig, resourceDecls } from "./index";
import type { ComponentDecl, EnumDecl, FunctionDecl, ObjectDecl, Properties, PropertyDecl, ResourceDecl, TypeDecl } from "./types";

/** The npm package, the Python package and the Go module the SDKs are published as. */
export const sdkNames = {
    nodejs: "@securetemple/pulumi",
    python: "pulumi_securetemple",
    goModule: "github.com/securetemple/pulumi-securetemple/sdk/go",
    goImportBasePath: "github.com/securetemple/pulumi-securetemple/sdk/go/securetemple",
} as const;

/** The lowest Pulumi SDK the generated SDKs need: the one this provider is built with. */
export const pulumiSdkVersion = "3.248.0";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };
type Spec = { [key: string]: Json | undefined };

/** The member name of an enum value in every SDK, e.g. "on" -> "On" (kept in step with sdk/enums.ts). */
export function enumMemberName(value: string): string {
    return value.charAt(0).toUpperCase() + value.slice(1);
}

function describe(text: Bilingual, convention?: string, constraints: Bilingual[] = []): string {
    const half = (lang: "en" | "fr") =>
        [text[lang], ...constraints.map((c) => c[lang]), ...(convention ? [`Convention, section ${convention}.`] : [])].join(" ");
    return `${half("en")}\n\nFR : ${half("fr")}`;
}

/** The constraints of a type that `check` enforces, as sentences. */
function constraintsOf(type: TypeDecl): Bilingual[] {
    const out: Bilingual[] = [];
    if (type.type === "string") {
        if (type.pattern) {
            out.push({ en: `Format: ${type.pattern.text.en}.`, fr: `Format : ${type.pattern.text.fr}.` });
        }
        if (type.maxLength !== undefined) {
            out.push({ en: `At most ${type.maxLength} characters.`, fr: `Au plus ${type.maxLength} caractères.` });
        }
    }
    if (type.type === "integer" || type.type === "number") {
        if (type.min !== undefined && type.max !== undefined) {
            out.push({ en: `From ${type.min} to ${type.max}.`, fr: `De ${type.min} à ${type.max}.` });
        } else if (type.min !== undefined) {
            out.push({ en: `At least ${type.min}.`, fr: `Au moins ${type.min}.` });
        } else if (type.max !== undefined) {
            out.push({ en: `At most ${type.max}.`, fr: `Au plus ${type.max}.` });
        }
        if (type.type === "integer" && type.multipleOf) {
            out.push({ en: `A multiple of ${type.multipleOf.text.en}.`, fr: `Un multiple de ${type.multipleOf.text.fr}.` });
        }
    }
    if (type.type === "array") {
        if (type.set) {
            out.push({ en: "Order does not matter.", fr: "L'ordre ne compte pas." });
        }
        if (type.items.type === "string" && type.items.pattern) {
            out.push({ en: `Each item: ${type.items.pattern.text.en}.`, fr: `Chaque élément : ${type.items.pattern.text.fr}.` });
        }
    }
    return out;
}

/** Walks the declarations and keeps every named type they use. */
class TypeTable {
    readonly objects = new Map<string, ObjectDecl>();
    readonly enums = new Map<string, EnumDecl>();

    typeSpec(type: TypeDecl): Spec {
        switch (type.type) {
            case "string":
            case "integer":
            case "number":
            case "boolean":
                return { type: type.type };
            case "enum":
                this.enums.set(type.enum.token, type.enum);
                return { $ref: `#/types/${type.enum.token}` };
            case "array":
                return { type: "array", items: this.typeSpec(type.items) };
            case "map":
                return { type: "object", additionalProperties: this.typeSpec(type.values) };
            case "object":
                if (!this.objects.has(type.object.token)) {
                    this.objects.set(type.object.token, type.object);
                    // Walk nested types now, so that every type they name is in the table.
                    this.properties(type.object.properties, "output");
                }
                return { $ref: `#/types/${type.object.token}` };
            case "resource":
                return { $ref: `#/resources/${type.token}` };
        }
    }

    property(decl: PropertyDecl, side: "input" | "output"): Spec {
        const spec: Spec = { ...this.typeSpec(decl), description: describe(decl.description, decl.convention, constraintsOf(decl)) };
        if (decl.secret) {
            spec.secret = true;
        }
        if (side === "input") {
            if (decl.replaceOnChange) {
                spec.replaceOnChanges = true;
            }
            if (decl.default !== undefined) {
                spec.default = decl.default;
            }
            // Plain at the top only: Go's generator has no plain form of an object type used in a list.
            if (decl.plain) {
                spec.plain = true;
            }
        }
        return spec;
    }

    properties(properties: Properties, side: "input" | "output"): { [key: string]: Spec } {
        const entries = (Object.entries(properties) as [string, PropertyDecl][]).filter(([, p]) => side === "output" || !p.output);
        return Object.fromEntries(entries.map(([key, p]) => [key, this.property(p, side)]));
    }
}

/** A list the schema leaves out when empty, as Pulumi writes schemas. */
const listOrNothing = (list: string[]): string[] | undefined => (list.length > 0 ? list : undefined);

const requiredInputs = (properties: Properties) =>
    listOrNothing((Object.entries(properties) as [string, PropertyDecl][]).filter(([, p]) => !p.output && p.required).map(([key]) => key));

/** Outputs always set: required or defaulted inputs, and outputs or computed inputs not marked optional. */
const requiredOutputs = (properties: Properties) =>
    listOrNothing(
        (Object.entries(properties) as [string, PropertyDecl][])
            .filter(([, p]) => p.required || p.default !== undefined || ((p.output || p.computed) && !p.optional))
            .map(([key]) => key),
    );

function resourceSpec(types: TypeTable, decl: ResourceDecl): Spec {
    return {
        description: describe(decl.description, decl.convention),
        properties: types.properties(decl.properties, "output"),
        required: requiredOutputs(decl.properties),
        inputProperties: types.properties(decl.properties, "input"),
        requiredInputs: requiredInputs(decl.properties),
    };
}

function componentSpec(types: TypeTable, decl: ComponentDecl): Spec {
    return {
        isComponent: true,
        description: describe(decl.description, decl.convention),
        properties: types.properties(decl.outputs, "output"),
        required: requiredOutputs(decl.outputs),
        inputProperties: types.properties(decl.inputs, "input"),
        requiredInputs: requiredInputs(decl.inputs),
    };
}

function functionSpec(types: TypeTable, decl: FunctionDecl): Spec {
    const inputs =
        Object.keys(decl.inputs).length > 0
            ? { properties: types.properties(decl.inputs, "input"), required: requiredInputs(decl.inputs) }
            : undefined;
    return {
        description: describe(decl.description),
        ...(inputs ? { inputs } : {}),
        outputs: {
            description: describe(decl.outputs.description),
            properties: types.properties(decl.outputs.properties, "output"),
            required: requiredOutputs(decl.outputs.properties),
        },
    };
}

function objectSpec(types: TypeTable, decl: ObjectDecl): Spec {
    return {
        type: "object",
        description: describe(decl.description),
        properties: types.properties(decl.properties, "output"),
        required: requiredOutputs(decl.properties),
    };
}

function enumSpec(decl: EnumDecl): Spec {
    return {
        type: "string",
        description: describe(decl.description),
        enum: decl.values.map((value) => ({ name: enumMemberName(value), value })),
    };
}

/** The Pulumi package schema of this version of the package. */
export function packageSchema(version: string): Spec {
    const types = new TypeTable();
    const resources: { [token: string]: Spec } = {};
    for (const decl of resourceDecls) {
        resources[decl.token] = resourceSpec(types, decl);
    }
    for (const decl of componentDecls) {
        resources[decl.token] = componentSpec(types, decl);
    }
    const functions: { [token: string]: Spec } = {};
    for (const decl of functionDecls) {
        functions[decl.token] = functionSpec(types, decl);
    }
    const config = types.properties(providerConfig, "input");
    const typeSpecs: { [token: string]: Spec } = {};
    // Every object was walked when first named, so the table is complete here.
    for (const [token, decl] of types.objects) {
        typeSpecs[token] = objectSpec(types, decl);
    }
    for (const [token, decl] of types.enums) {
        typeSpecs[token] = enumSpec(decl);
    }
    const sortedTypes = Object.fromEntries(
        Object.keys(typeSpecs)
            .sort()
            .map((token) => [token, typeSpecs[token]]),
    );
    return {
        name: packageName,
        displayName: "Secure Temple",
        version,
        description:
            "Secure Temple, Cloud Temple's SecNumCloud IaaS: virtual machines with their backup policies, disks, network adapters, buckets and storage accounts, and components that follow the service convention by construction.",
        keywords: ["pulumi", "securetemple", "cloud-temple", "secnumcloud", "category/cloud", "kind/native"],
        license: "Apache-2.0",
        publisher: "Secure Temple",
        meta: { moduleFormat: "(.*)", supportPack: true },
        config: { variables: config },
        provider: {
            description: describe({
                en: "The provider of the Secure Temple customer API. Unset arguments fall back to the stack configuration, then to the environment variables of the public Terraform provider.",
                fr: "Le fournisseur de l'API client Secure Temple. Les arguments absents viennent de la configuration de la pile, puis des variables d'environnement du fournisseur Terraform public.",
            }),
            inputProperties: config,
            properties: types.properties(providerConfig, "output"),
        },
        types: sortedTypes,
        resources,
        functions,
        language: {
            nodejs: {
                packageName: sdkNames.nodejs,
                packageDescription: "Infrastructure as code for Secure Temple, Cloud Temple's SecNumCloud IaaS.",
                respectSchemaVersion: true,
                dependencies: { "@pulumi/pulumi": `^${pulumiSdkVersion}` },
            },
            python: {
                packageName: sdkNames.python,
                respectSchemaVersion: true,
                requires: { pulumi: `>=${pulumiSdkVersion},<4.0.0` },
                pyproject: { enabled: true },
            },
            go: {
                importBasePath: sdkNames.goImportBasePath,
                modulePath: sdkNames.goModule,
                generateResourceContainerTypes: true,
                respectSchemaVersion: true,
            },
        },
    };
}
