// The flags of `securetemple adopt` that take a closed set, parsed where commander reads them, so
// that a wrong value is bad input (exit code 2) before any API call. Apart from the command so
// that `securetemple --help` loads no API client.
import { availabilityZoneIds, type AvailabilityZoneId } from "../../provider/catalog/region";
import { CliInputError, invalidChoice } from "../errors";

/** The kinds of object `adopt` lists, as `--type` names them. */
export const adoptKindNames = ["vm", "disk", "adapter", "bucket", "storage-account"] as const;
export type AdoptKindName = (typeof adoptKindNames)[number];

/** Values of a repeatable flag that also takes comma-separated lists ("--type vm,disk --type bucket"). */
function listValues(value: string): string[] {
    return value
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v.length > 0);
}

/** `--type`: accumulates kinds; each must be one of adoptKindNames. */
export function parseKinds(value: string, previous: AdoptKindName[] = []): AdoptKindName[] {
    const kinds = listValues(value).map((v) => v.toLowerCase());
    if (kinds.length === 0) {
        throw invalidChoice("--type", value, adoptKindNames);
    }
    for (const kind of kinds) {
        if (!(adoptKindNames as readonly string[]).includes(kind)) {
            throw invalidChoice("--type", kind, adoptKindNames);
        }
    }
    return [...new Set([...previous, ...(kinds as AdoptKindName[])])];
}

/** `--az`: accumulates AZs; each must be one of the region's. */
export function parseZones(value: string, previous: AvailabilityZoneId[] = []): AvailabilityZoneId[] {
    const zones = listValues(value).map((v) => v.toUpperCase());
    if (zones.length === 0) {
        throw invalidChoice("--az", value, availabilityZoneIds);
    }
    for (const zone of zones) {
        if (!(availabilityZoneIds as readonly string[]).includes(zone)) {
            throw invalidChoice("--az", zone, availabilityZoneIds);
        }
    }
    return [...new Set([...previous, ...(zones as AvailabilityZoneId[])])];
}

/** A repeatable glob flag (--name, --exclude); never split on commas, which brace lists use ("{web,db}-*"). */
export function collectGlob(value: string, previous: string[] = []): string[] {
    return value.trim() ? [...previous, value.trim()] : previous;
}

/** A program variable bound to a resource already in the stack: `--parent` and `--provider` take `name=urn`. */
export interface NamedUrn {
    name: string;
    urn: string;
}

/** `name=urn`, the name a variable of the user's program, the URN one of the stack (`pulumi stack --show-urns`). */
export function parseNamedUrn(flag: string): (value: string) => NamedUrn {
    return (value) => {
        const at = value.indexOf("=");
        const name = value.slice(0, at).trim();
        const urn = value.slice(at + 1).trim();
        if (at < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || !/^urn:pulumi:[^:]+::[^:]+::.+::.+$/.test(urn)) {
            throw new CliInputError(flag, {
                fr: `valeur ${JSON.stringify(value)} invalide ; attendu : <variable>=<urn>, la variable du programme qui tient la ressource et son URN dans la pile (pulumi stack --show-urns), p. ex. tenant=urn:pulumi:prod::infra::securetemple:index:Tenant::acme.`,
                en: `invalid value ${JSON.stringify(value)}; expected <variable>=<urn>, the program variable holding the resource and its URN in the stack (pulumi stack --show-urns), e.g. tenant=urn:pulumi:prod::infra::securetemple:index:Tenant::acme.`,
            });
        }
        return { name, urn };
    };
}
