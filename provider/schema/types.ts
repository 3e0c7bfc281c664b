// The vocabulary of the package's declarations: every resource, function, component and the
// provider configuration is declared once, as data (`as const`), in this folder. From that one
// declaration come the Pulumi package schema (schema.ts), the TypeScript types of the SDK and of
// the handlers (the mapped types below), the provider's input keys, its diff (diff.ts) and the
// shape checks of `check` (validate.ts). A property is added by one edit here plus its behaviour.
import type { Bilingual } from "../catalog/errors";

/** A shape a string must have, and what it means for a user in both languages (the regex alone is not shown). */
export interface PatternDecl {
    readonly test: RegExp | ((value: string) => boolean);
    readonly text: Bilingual;
}

/** A closed set of strings, with its own type token so that SDKs get an enum type. */
export interface EnumDecl {
    readonly token: string;
    readonly description: Bilingual;
    readonly values: readonly string[];
}

/** A nested object type (lifecycle rules, ACL entries, lookup results...). */
export interface ObjectDecl {
    readonly token: string;
    readonly description: Bilingual;
    readonly properties: Readonly<Record<string, PropertyDecl>>;
}

export interface StringType {
    readonly type: "string";
    readonly pattern?: PatternDecl;
    readonly minLength?: number;
    readonly maxLength?: number;
}

export interface IntegerType {
    readonly type: "integer";
    readonly min?: number;
    readonly max?: number;
    /** The value must be a multiple of `value`, e.g. memory in whole MiB. */
    readonly multipleOf?: { readonly value: number; readonly text: Bilingual };
}

export interface NumberType {
    readonly type: "number";
    readonly min?: number;
    readonly max?: number;
}

export interface BooleanType {
    readonly type: "boolean";
}

export interface ArrayType {
    readonly type: "array";
    readonly items: TypeDecl;
    readonly minItems?: number;
    /** Compared as a set by the diff: order does not matter (backup policies, whitelists...). */
    readonly set?: boolean;
}

/** An object with string keys, e.g. tags. */
export interface MapType {
    readonly type: "map";
    readonly values: TypeDecl;
}

export interface ObjectType {
    readonly type: "object";
    readonly object: ObjectDecl;
}

export interface EnumType {
    readonly type: "enum";
    readonly enum: EnumDecl;
}

/** A reference to another resource of the package (component inputs and outputs). */
export interface ResourceType {
    readonly type: "resource";
    readonly token: string;
}

export type TypeDecl = StringType | IntegerType | NumberType | BooleanType | ArrayType | MapType | ObjectType | EnumType | ResourceType;

/** What a property is besides its type. */
export interface PropertyFacts {
    readonly description: Bilingual;
    /** The section of the service convention the property serves, e.g. "8.5, 9.5". */
    readonly convention?: string;
    /** Must be given (inputs) or is always there (outputs of an object type). */
    readonly required?: boolean;
    /** Kept as a Pulumi secret, in the state and in every SDK. */
    readonly secret?: boolean;
    /** A change needs a new object (the diff replaces). */
    readonly replaceOnChange?: boolean;
    /** Filled in by `check` when absent. */
    readonly default?: string | number | boolean;
    /** An output only: the provider sets it, a program cannot. */
    readonly output?: boolean;
    /** An output that may be absent (output-only properties are otherwise always set). */
    readonly optional?: boolean;
    /** An optional input the API fills in when absent: always an output, compared only when the program sets it. */
    readonly computed?: boolean;
    /** Part of the object's unique name: a replacement that keeps every unique property deletes first. */
    readonly unique?: boolean;
    /** Only for component inputs: must be known when the component is built (not an Output). */
    readonly plain?: boolean;
}

export type PropertyDecl = TypeDecl & PropertyFacts;

export type Properties = Readonly<Record<string, PropertyDecl>>;

export interface ResourceDecl {
    readonly token: string;
    readonly description: Bilingual;
    readonly convention?: string;
    readonly properties: Properties;
}

export interface FunctionDecl {
    readonly token: string;
    readonly description: Bilingual;
    readonly inputs: Properties;
    readonly outputs: ObjectDecl;
}

export interface ComponentDecl {
    readonly token: string;
    readonly description: Bilingual;
    readonly convention?: string;
    readonly inputs: Properties;
    readonly outputs: Properties;
}

// ---- Types derived from declarations -------------------------------------------------------
// Mapped types rather than TypeScript generated and checked in: the declaration is then the only
// text to edit, the compiler ties every use (SDK, handlers, components) to it at once, and there
// is no generated file to forget; the Python and Go SDKs, which cannot be typed this way, are
// generated (see sdks.ts).

export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript type of a value of a declared type. */
export type ValueOf<T> = T extends { type: "string" }
    ? string
    : T extends { type: "integer" | "number" }
      ? number
      : T extends { type: "boolean" }
        ? boolean
        : T extends { type: "enum"; enum: { values: readonly (infer V)[] } }
          ? V
          : T extends { type: "array"; items: infer I }
            ? ValueOf<I>[]
            : T extends { type: "map"; values: infer I }
              ? Record<string, ValueOf<I>>
              : T extends { type: "object"; object: { properties: infer P } }
                ? PlainObject<P>
                : T extends { type: "resource" }
                  ? unknown
                  : never;

export type InputKeys<P> = { [K in keyof P]: P[K] extends { output: true } ? never : K }[keyof P];
export type RequiredKeys<P> = { [K in keyof P]: P[K] extends { required: true } ? K : never }[keyof P];
type DefaultedKeys<P> = { [K in keyof P]: P[K] extends { default: string | number | boolean } ? K : never }[keyof P];
/** Outputs always set: required or defaulted inputs, and outputs or computed inputs not marked optional (as schema.ts says). */
type AlwaysOutputKeys<P> = {
    [K in keyof P]: P[K] extends { required: true } | { default: string | number | boolean }
        ? K
        : P[K] extends { optional: true }
          ? never
          : P[K] extends { output: true } | { computed: true }
            ? K
            : never;
}[keyof P];

/** The values of an object type: required properties present, the others optional. */
export type PlainObject<P> = Simplify<
    { [K in RequiredKeys<P>]: ValueOf<P[K]> } & { [K in Exclude<keyof P, RequiredKeys<P>>]?: ValueOf<P[K]> }
>;

/** What a program gives: the input properties, the required ones present. */
export type ArgsOf<D extends { properties: Properties }> = PlainObject<Pick<D["properties"], InputKeys<D["properties"]>>>;

/** What a handler gets after `check`: the inputs, with defaults filled in. */
export type CheckedOf<D extends { properties: Properties }> = Simplify<
    {
        [K in Extract<InputKeys<D["properties"]>, RequiredKeys<D["properties"]> | DefaultedKeys<D["properties"]>>]: ValueOf<
            D["properties"][K]
        >;
    } & {
        [K in Exclude<InputKeys<D["properties"]>, RequiredKeys<D["properties"]> | DefaultedKeys<D["properties"]>>]?: ValueOf<
            D["properties"][K]
        >;
    }
>;

/** What a resource holds in the state: inputs and outputs, those always set present. */
export type StateOf<D extends { properties: Properties }> = Simplify<
    { [K in AlwaysOutputKeys<D["properties"]>]: ValueOf<D["properties"][K]> } & {
        [K in Exclude<keyof D["properties"], AlwaysOutputKeys<D["properties"]>>]?: ValueOf<D["properties"][K]>;
    }
>;

/** The arguments of a function. */
export type FunctionArgsOf<F extends FunctionDecl> = PlainObject<F["inputs"]>;

/** The result of a function. */
export type FunctionResultOf<F extends FunctionDecl> = PlainObject<F["outputs"]["properties"]>;
