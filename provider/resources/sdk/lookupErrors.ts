// A lookup that fails (no such object in the tenant, a bad argument, the API refusing) ends the
// program with the provider's sentence, not with a JavaScript stack: the SDK prints a
// pulumi.RunError as its message alone. The function is named so the user knows which lookup.
import * as pulumi from "@pulumi/pulumi";
import { bilingual, bilingualHalves } from "../../catalog/errors";

/** The RunError a failed lookup `token` ends the program with; one bilingual line per mistake. */
export function lookupFailure(token: string, error: unknown): pulumi.RunError {
    if (pulumi.RunError.isInstance(error)) {
        return error;
    }
    const name = token.split(":").pop() ?? token;
    const message = (error instanceof Error ? error.message : String(error)).trim();
    const lines = message.split("\n").filter((line) => line.trim() !== "");
    const halves = lines.map(bilingualHalves);
    if (lines.length > 0 && halves.every((h) => h !== undefined)) {
        return new pulumi.RunError(halves.map((h) => bilingual({ fr: `${name} : ${h.fr}`, en: `${name}: ${h.en}` })).join("\n"));
    }
    // A message in one language only (a transport error, say): kept as it is, inside both halves.
    return new pulumi.RunError(bilingual({ fr: `${name} a échoué : ${message}`, en: `${name} failed: ${message}` }));
}
