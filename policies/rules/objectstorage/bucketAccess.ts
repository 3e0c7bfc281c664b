// securetemple-objectstorage-bucket-access: buckets are filtered by a source-IP whitelist; a
// public bucket has no filter at all, and a custom bucket without a whitelist (or with
// 0.0.0.0/0 in it) is public in all but name. Sections 8.4 (object storage) and 7.5 (data kept
// under the tenant's control in the qualified perimeter).
import { CatalogError, parseCidr } from "../../../provider/catalog";
import { configOf, definePolicy, quoted, report } from "../../support/policy";
import { bucketTypes, types } from "../../support/resourceTypes";
import { isText, plain, readString, readStrings, UNKNOWN } from "../../support/values";

export interface BucketAccessConfig {
    allowedPublicBuckets: string[];
}

const defaults: BucketAccessConfig = { allowedPublicBuckets: [] };

export const objectstorageBucketAccess = definePolicy(
    {
        name: "securetemple-objectstorage-bucket-access",
        sections: ["8.4", "7.5"],
        severity: "critical",
        enforcementLevel: "mandatory",
        levelRationale:
            "An unfiltered bucket exposes the tenant's data to the whole Internet; a bucket that must be public (static assets) is listed by name in the configuration.",
        description: {
            fr: "Vérifie qu'aucun bucket n'est public et qu'un bucket en accès personnalisé a une liste blanche d'adresses sans 0.0.0.0/0.",
            en: "Checks that no bucket is public and that a bucket with custom access has an address whitelist without 0.0.0.0/0.",
        },
        remediation: {
            fr: "Passer le bucket en accès private, ou en custom avec une liste blanche des adresses clientes ; nommer dans allowedPublicBuckets un bucket qui doit rester public.",
            en: "Set the bucket to private access, or to custom with a whitelist of client addresses; name a bucket that must stay public in allowedPublicBuckets.",
        },
        appliesTo: [...bucketTypes, types.backupVault],
        configSchema: {
            properties: {
                allowedPublicBuckets: {
                    type: "array",
                    items: { type: "string", minLength: 1 },
                    default: [],
                    description: "Bucket names allowed to be public.",
                },
            },
        },
    },
    {
        validateResource: (args, reportViolation) => {
            const config = configOf(args, defaults);
            const props = plain(args.props);
            // A BackupVault registers its bucket's settings under bucketName, accessType, whitelist.
            const nameProp = readString(props, args.type === types.backupVault ? "bucketName" : "name");
            const bucketName = isText(nameProp) ? nameProp : args.name;
            const who = quoted(bucketName);
            const accessValue = readString(props, "accessType");
            if (!isText(accessValue)) {
                return;
            }
            const access = accessValue.trim().toLowerCase();
            if (access === "public") {
                if (!config.allowedPublicBuckets.includes(bucketName)) {
                    report(reportViolation, {
                        fr: `Le bucket ${who.fr} est public : son contenu est accessible depuis tout Internet sans filtrage d'adresse.`,
                        en: `The bucket ${who.en} is public: its content is reachable from the whole Internet without address filtering.`,
                    });
                }
                return;
            }
            if (access !== "custom") {
                return;
            }
            const whitelist = readStrings(props, "whitelist");
            if (whitelist === UNKNOWN) {
                return;
            }
            if (whitelist === undefined || whitelist.length === 0) {
                report(reportViolation, {
                    fr: `Le bucket ${who.fr} est en accès personnalisé (custom) sans liste blanche d'adresses.`,
                    en: `The bucket ${who.en} has custom access without an address whitelist.`,
                });
                return;
            }
            for (const entry of whitelist) {
                if (entry === UNKNOWN) {
                    continue;
                }
                try {
                    const cidr = parseCidr(entry, "whitelist");
                    if (cidr.prefix === 0) {
                        report(reportViolation, {
                            fr: `Le bucket ${who.fr} met ${cidr.text} dans sa liste blanche, ce qui le rend public.`,
                            en: `The bucket ${who.en} puts ${cidr.text} in its whitelist, which makes it public.`,
                        });
                    }
                } catch (e) {
                    const err = e as CatalogError;
                    report(reportViolation, {
                        fr: `Le bucket ${who.fr} : ${err.fr ?? err.message}`,
                        en: `The bucket ${who.en}: ${err.en ?? err.message}`,
                    });
                }
            }
        },
    },
);
