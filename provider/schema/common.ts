// Types several declarations share: the API's UUID pattern for every id, tags, the AZ enum.
import { uuidRegExp } from "../catalog/ids";
import { availabilityZoneIds } from "../catalog/region";
import type { EnumDecl, PatternDecl } from "./types";

/** The one pattern of an API id. */
export const uuidPattern = {
    test: uuidRegExp,
    text: { fr: "un UUID (8-4-4-4-12 chiffres hexadécimaux)", en: "a UUID (8-4-4-4-12 hexadecimal digits)" },
} as const satisfies PatternDecl;

/** An id of the customer API. */
export const uuid = { type: "string", pattern: uuidPattern } as const;

/** Free-form labels. */
export const tags = {
    type: "map",
    values: { type: "string" },
    description: {
        en: "Free-form labels, kept in the state; the policy pack reads some of them (e.g. purpose).",
        fr: "Étiquettes libres, gardées dans l'état ; le pack de politiques en lit certaines (p. ex. purpose).",
    },
} as const;

/**
 * In module index, which imports no other module: Go packages must not import each other in a
 * cycle, and the compute, storage and backup modules all name an AZ. "Name" keeps it apart from
 * the catalogue's AvailabilityZone type at the root of the TypeScript package.
 */
export const availabilityZoneEnum = {
    token: "securetemple:index:AvailabilityZoneName",
    description: { en: "An availability zone of region FR1.", fr: "Une zone de disponibilité de la région FR1." },
    values: availabilityZoneIds,
} as const satisfies EnumDecl;

/** Bytes in a MiB and a GiB, for sizes on the wire. */
export const mib = 1024 * 1024;
export const gib = 1024 * mib;
