// securetemple-objectstorage-backup-versioning: a bucket that holds backups keeps earlier object
// versions, so that an overwrite or a ransomware encryption of the copies can be undone. The
// convention leaves the tenant responsible for its own backup strategy outside VMs (7.3.3) and for
// its S3 data (8.4).
// Remediable: a pipeline that sets the policy to "remediate" gets versioning switched to Enabled on
// the backup-tagged buckets it creates or updates (turning versioning on loses nothing).
import { configOf, definePolicy, quoted, report } from "../../support/policy";
import { propsOf } from "../../support/observed";
import { bucketTypes, types } from "../../support/resourceTypes";
import { stackView } from "../../support/stack";
import { isText, plain, Props, readObject, readString, UNKNOWN } from "../../support/values";

export interface VersioningConfig {
    backupTagKey: string;
    backupTagValues: string[];
}

const defaults: VersioningConfig = { backupTagKey: "purpose", backupTagValues: ["backup"] };

function isTaggedBackup(props: Props, config: VersioningConfig): boolean {
    const tags = readObject(props, "tags");
    if (tags === UNKNOWN || tags === undefined) {
        return false;
    }
    const v = readString(tags, config.backupTagKey);
    return isText(v) && config.backupTagValues.some((b) => b.toLowerCase() === v.toLowerCase());
}

function versioningOff(props: Props): boolean {
    const v = readString(props, "versioning");
    return v !== UNKNOWN && (v === undefined || v.toLowerCase() !== "enabled");
}

function message(name: string, why: { fr: string; en: string }, props: Props) {
    const who = quoted(name);
    const v = readString(props, "versioning");
    const state = typeof v === "string" ? v : "absent";
    return {
        fr: `Le bucket ${who.fr} contient des sauvegardes (${why.fr}) mais son versionnage est ${state} au lieu de Enabled.`,
        en: `The bucket ${who.en} holds backups (${why.en}) but its versioning is ${state} instead of Enabled.`,
    };
}

export const objectstorageBackupVersioning = definePolicy(
    {
        name: "securetemple-objectstorage-backup-versioning",
        sections: ["7.3.3", "8.4"],
        severity: "medium",
        enforcementLevel: "advisory",
        levelRationale:
            "The convention does not require versioning itself; it is strong advice for backup buckets, and the tenant may protect them another way (delete protection set in the console).",
        description: {
            fr: "Vérifie que les buckets qui contiennent des sauvegardes (étiquette purpose=backup ou enfants d'un coffre de sauvegarde) ont le versionnage activé.",
            en: "Checks that the buckets holding backups (tag purpose=backup or children of a backup vault) have versioning enabled.",
        },
        remediation: {
            fr: "Mettre versioning à Enabled sur le bucket et ajouter une règle de cycle de vie qui expire les anciennes versions.",
            en: "Set versioning to Enabled on the bucket and add a lifecycle rule that expires non-current versions.",
        },
        appliesTo: [...bucketTypes, types.backupVault],
        configSchema: {
            properties: {
                backupTagKey: { type: "string", minLength: 1, default: "purpose", description: "Tag key that marks a backup bucket." },
                backupTagValues: {
                    type: "array",
                    items: { type: "string", minLength: 1 },
                    default: ["backup"],
                    description: "Tag values that mark a backup bucket.",
                },
            },
        },
    },
    {
        validateResource: (args, reportViolation) => {
            const props = plain(args.props);
            const config = configOf(args, defaults);
            if (args.type === types.backupVault) {
                const v = readString(props, "versioning");
                if (typeof v === "string" && v.toLowerCase() !== "enabled") {
                    report(reportViolation, message(args.name, { fr: "coffre de sauvegarde", en: "backup vault" }, props));
                }
                return;
            }
            if (isTaggedBackup(props, config) && versioningOff(props)) {
                const nameProp = readString(props, "name");
                report(
                    reportViolation,
                    message(
                        isText(nameProp) ? nameProp : args.name,
                        { fr: `étiquette ${config.backupTagKey}`, en: `tag ${config.backupTagKey}` },
                        props,
                    ),
                );
            }
        },
        remediateResource: (args) => {
            const props = plain(args.props);
            if (args.type === types.backupVault || !isTaggedBackup(props, configOf(args, defaults)) || !versioningOff(props)) {
                return undefined;
            }
            // Written through the library's proxies, which keep secret properties secret (a copy would not).
            const remediated = args.props as Record<string, unknown>;
            remediated.versioning = "Enabled";
            return remediated;
        },
        // Cross-resource: a bucket created inside a BackupVault component (its parent chain).
        validateStack: (args, reportViolation) => {
            const config = configOf(args, defaults);
            const view = stackView(args.resources);
            for (const bucket of view.ofType(...bucketTypes)) {
                const props = propsOf(bucket);
                if (isTaggedBackup(props, config) || !view.ancestor(bucket, [types.backupVault]) || !versioningOff(props)) {
                    continue;
                }
                const nameProp = readString(props, "name");
                report(
                    reportViolation,
                    message(
                        isText(nameProp) ? nameProp : bucket.name,
                        { fr: "enfant d'un coffre de sauvegarde", en: "child of a backup vault" },
                        props,
                    ),
                    bucket.urn,
                );
            }
        },
    },
);
