// securetemple-storage-lun-catalogue: convention section 7.2.4 (SAN LUNs per subscribed volume,
// several performance tiers) with the catalogue's rules: a known tier, at least 500 GiB (Mass
// Storage by the TiB), and Global Mirror only on the 500, 1500 and 3000 IOPS/TB tiers towards
// another AZ.
import { assertGlobalMirror, assertLunSize, CatalogError, parseSanTier, sanTierIds } from "../../../provider/catalog";
import { definePolicy, quoted, report } from "../../support/policy";
import { types } from "../../support/resourceTypes";
import { isText, plain, read, readNumber, readString, UNKNOWN } from "../../support/values";

export const storageLunCatalogue = definePolicy(
    {
        name: "securetemple-storage-lun-catalogue",
        sections: ["7.2.4"],
        severity: "medium",
        enforcementLevel: "mandatory",
        levelRationale: "A LUN outside the catalogue cannot be ordered; failing at preview is cheaper than a rejected order.",
        description: {
            fr: "Vérifie qu'un LUN a un niveau de performance du catalogue, au moins 500 Gio, et un Global Mirror seulement sur un niveau compatible vers une autre zone.",
            en: "Checks that a LUN has a catalogue performance tier, at least 500 GiB, and Global Mirror only on a compatible tier towards another zone.",
        },
        remediation: {
            fr: "Choisir un niveau du catalogue (ESSENTIAL, STANDARD, PREMIUM, ENTERPRISE, ULTRA, MASS_STORAGE), au moins 500 Gio, et réserver le Global Mirror à ESSENTIAL, STANDARD ou PREMIUM vers une autre zone.",
            en: "Choose a catalogue tier (ESSENTIAL, STANDARD, PREMIUM, ENTERPRISE, ULTRA, MASS_STORAGE), at least 500 GiB, and keep Global Mirror to ESSENTIAL, STANDARD or PREMIUM towards another zone.",
        },
        appliesTo: [types.lun],
    },
    {
        validateResource: (args, reportViolation) => {
            const props = plain(args.props);
            const who = quoted(args.name);
            const fail = (e: unknown) => {
                const err = e as CatalogError;
                report(reportViolation, {
                    fr: `Le LUN ${who.fr} : ${err.fr ?? err.message}`,
                    en: `The LUN ${who.en}: ${err.en ?? err.message}`,
                });
            };
            const tierText = readString(props, "tier");
            if (!isText(tierText)) {
                return;
            }
            const tier = parseSanTier(tierText);
            if (!tier) {
                fail(
                    new CatalogError(
                        "tier",
                        { fr: `niveau de performance SAN inconnu « ${tierText} ».`, en: `unknown SAN performance tier "${tierText}".` },
                        sanTierIds,
                    ),
                );
                return;
            }
            const size = readNumber(props, "sizeGib");
            if (typeof size === "number") {
                try {
                    assertLunSize(size, tier);
                } catch (e) {
                    fail(e);
                }
            }
            const gm = read(props, "globalMirror");
            if (gm === UNKNOWN || gm === undefined || gm === null || typeof gm !== "object") {
                return;
            }
            const source = readString(props, "availabilityZone");
            const target = readString(gm, "targetAvailabilityZone");
            if (!isText(source) || !isText(target)) {
                return;
            }
            try {
                assertGlobalMirror(tier, source.trim().toUpperCase(), target.trim().toUpperCase());
            } catch (e) {
                fail(e);
            }
        },
    },
);
