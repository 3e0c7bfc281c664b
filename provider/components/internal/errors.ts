// Turns validation failures into pulumi.ResourceErrors that read "FR … / EN …" and name the
// component, so a mistake fails at construction or preview with a sentence that says what to change.
import * as pulumi from "@pulumi/pulumi";
import { bilingual, bilingualHalves, CatalogError, show } from "../../catalog";

/** Runs `validate`; a CatalogError (or any error) becomes a ResourceError naming the component. */
export function validated<T>(kind: string, name: string, parent: pulumi.Resource | undefined, validate: () => T): T {
    try {
        return validate();
    } catch (e) {
        throw componentError(kind, name, e, parent);
    }
}

/** A ResourceError for component `kind` named `name`; keeps the field and allowed values of a CatalogError. */
export function componentError(kind: string, name: string, error: unknown, resource?: pulumi.Resource): pulumi.ResourceError {
    if (pulumi.ResourceError.isInstance(error)) {
        return error;
    }
    if (error instanceof CatalogError) {
        return new pulumi.ResourceError(
            bilingual({ fr: `${kind} « ${name} », ${error.fr}`, en: `${kind} "${name}", ${error.en}` }),
            resource,
            true,
        );
    }
    const message = error instanceof Error ? error.message : String(error);
    return new pulumi.ResourceError(`${kind} "${name}": ${message}`, resource, true);
}

/**
 * Where a component's deferred checks report: the component's URN, computed from its type, name and
 * parent (a component whose registered properties wait on a failed lookup never gets its URN back
 * from the engine), and the component itself once its constructor has registered it.
 */
export class ComponentReporter {
    resource?: pulumi.Resource;
    readonly urn: pulumi.Output<string>;

    constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions | undefined) {
        this.urn = pulumi.createUrn(name, type, opts?.parent);
    }

    /**
     * The resource an error of the component's constructor names: the component once registered,
     * before that a stand-in with its URN (all the SDK reads of a ResourceError's resource), so that
     * the error is shown on the component and not on its parent.
     */
    get subject(): pulumi.Resource {
        return this.resource ?? ({ urn: this.urn } as unknown as pulumi.Resource);
    }
}

/**
 * The error of a component whose declaration does not match the tenant, as unit tests (under
 * mocks) and the plugin's Construct see it: a ResourceError on the component, whose message is read-only, because the SDK
 * prefixes `error serializing property "<name>": ` to the message of any error that reaches a
 * resource's inputs.
 */
class InventoryMismatchError extends pulumi.ResourceError {
    constructor(message: string, resource: pulumi.Resource | undefined) {
        super(message, resource, true);
        Object.defineProperty(this, "message", { get: () => message, set: () => undefined, enumerable: false, configurable: true });
        // In the plugin process (a component built through Construct for a Python, Go or YAML
        // program), the SDK logs the stack of a rejection nobody awaited: the sentence is all it should show.
        Object.defineProperty(this, "stack", { value: message, writable: true, enumerable: false, configurable: true });
    }
}

/** The exit code after which the language host fails the run without a message of its own (the SDK's, after a reported error). */
const exitAfterReportedError = 32;

/**
 * Reports a mismatch in a real run. A rejected output would reach the SDK's handler for unhandled
 * errors, which, once the program's main module has returned (lookups answer after that), prints
 * the JavaScript stack on the stack resource. Instead: the sentence goes to the component's URN,
 * the process ends with the "error already reported" code, and the failed value never settles, so
 * nothing that depends on the wrong declaration is registered.
 */
async function reportAndStop(message: string, reporter: ComponentReporter): Promise<never> {
    await pulumi.log.error(message, { urn: reporter.urn } as unknown as pulumi.Resource);
    process.exitCode = exitAfterReportedError;
    return new Promise<never>(() => undefined);
}

/** Settles with the value of `output`: an Output has no public way to observe a rejection, but each carries its value's promise. */
function settled<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

/**
 * The result of `check` on a lookup of the tenant's inventory. A failed lookup (the provider found
 * no such object) or a failed check becomes one bilingual sentence naming the component, attached
 * to its URN, with no stack.
 */
export function checkedLookup<T, U>(
    kind: string,
    name: string,
    lookup: pulumi.Output<T>,
    check: (found: T) => U,
    reporter: ComponentReporter,
): pulumi.Output<U> {
    // `check` returns plain data (no Output inside), for which Unwrap<U> is U.
    return pulumi.output(
        settled(lookup)
            .then(check)
            .catch((e: unknown) => {
                if (e instanceof InventoryMismatchError) {
                    throw e; // another component's, already attached to it
                }
                const message = e instanceof Error ? e.message : String(e);
                const sentence = pulumi.ResourceError.isInstance(e) ? undefined : bilingualHalves(message);
                const text = pulumi.ResourceError.isInstance(e)
                    ? message
                    : sentence
                      ? bilingual({ fr: `${kind} « ${name} », ${sentence.fr}`, en: `${kind} "${name}", ${sentence.en}` })
                      : `${kind} "${name}": ${message}`;
                if (pulumi.runtime.hasEngine()) {
                    return reportAndStop(text, reporter);
                }
                throw new InventoryMismatchError(text, reporter.resource);
            }),
    ) as pulumi.Output<U>;
}

/** Field checks shared by the components; each throws a CatalogError naming the field. */
export function requireString(value: unknown, field: string): string {
    if (typeof value !== "string" || value.trim() === "") {
        throw new CatalogError(field, {
            fr: `une chaîne non vide est attendue, reçu ${show(value)}.`,
            en: `a non-empty string is expected, got ${show(value)}.`,
        });
    }
    return value.trim();
}

export function requireBoolean(value: unknown, field: string): boolean {
    if (typeof value !== "boolean") {
        throw new CatalogError(
            field,
            { fr: `un booléen est attendu, reçu ${show(value)}.`, en: `a boolean is expected, got ${show(value)}.` },
            ["true", "false"],
        );
    }
    return value;
}

export function requireInteger(value: unknown, field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `${min}..${max}`;
        throw new CatalogError(field, {
            fr: `un entier ${range} est attendu, reçu ${show(value)}.`,
            en: `an integer ${range} is expected, got ${show(value)}.`,
        });
    }
    return value;
}

export function requireArray(value: unknown, field: string, minLength = 0): unknown[] {
    if (!Array.isArray(value) || value.length < minLength) {
        throw new CatalogError(field, {
            fr: `une liste d'au moins ${minLength} élément(s) est attendue, reçu ${show(value)}.`,
            en: `a list of at least ${minLength} item(s) is expected, got ${show(value)}.`,
        });
    }
    return value;
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
        throw new CatalogError(field, { fr: `valeur inconnue ${show(value)}.`, en: `unknown value ${show(value)}.` }, allowed);
    }
    return value as T;
}
