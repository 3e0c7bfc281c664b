// The official SARIF 2.1.0 schema (shipped in cli/schemas, from @microsoft/jest-sarif), compiled
// with ajv. The schema is draft-04, hence ajv-draft-04; one of its patterns is not valid under the
// `u` flag, hence unicodeRegExp: false.
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import * as fs from "fs";
import * as path from "path";

const schemaPath = path.join(__dirname, "..", "..", "..", "cli", "schemas", "sarif-2.1.0-rtm.5.json");

let validate: ReturnType<Ajv["compile"]> | undefined;

/** Validation errors of `log` against the SARIF schema, as text; empty when valid. */
export function sarifErrors(log: unknown): string[] {
    if (!validate) {
        const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")) as object);
    }
    return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
