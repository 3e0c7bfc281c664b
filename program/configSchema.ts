// The JSON schema of the tenant description (stack configuration `securetemple-tenant:tenant`),
// checked by ajv before any component is built. Each node carries `expected`, the bilingual
// sentence a refusal of that node prints, so that a mistake reads as a sentence that names the
// field and, for a closed set, the allowed values (the declared enums of the package schema). Values that only the catalogue can judge
// (blade models, tiers, AZ names, sizes) are left to the components, which list the allowed ones.
import type { Bilingual } from "../provider/catalog/errors";
import { vaultAccessTypeEnum } from "../provider/schema/components";
import { powerStateEnum } from "../provider/schema/compute";
import { accessTypeEnum, versioningEnum } from "../provider/schema/objectStorage";

/** A schema node with the sentence its refusal prints. */
export interface ExpectedNode {
    expected: Bilingual;
    [keyword: string]: unknown;
}

const string = (): ExpectedNode => ({ type: "string", expected: { fr: "une chaîne est attendue", en: "a string is expected" } });
const boolean = (): ExpectedNode => ({ type: "boolean", expected: { fr: "true ou false est attendu", en: "true or false is expected" } });

/** A whole number; its range is the catalogue's, which the components check and state. */
const integer = (): ExpectedNode => ({
    type: "integer",
    expected: { fr: "un nombre entier est attendu", en: "a whole number is expected" },
});

function enumOf(values: readonly string[]): ExpectedNode {
    const allowed = values.join(", ");
    return { type: "string", enum: values, expected: { fr: `valeurs autorisées : ${allowed}`, en: `allowed values: ${allowed}` } };
}

function stringList(what: Bilingual = { fr: "une liste de chaînes est attendue", en: "a list of strings is expected" }): ExpectedNode {
    return { type: "array", items: string(), expected: what };
}

function object(properties: Record<string, ExpectedNode>, required: string[] = []): ExpectedNode {
    return { type: "object", properties, required, expected: { fr: "un objet est attendu", en: "an object is expected" } };
}

/** References to the names of another list: the names themselves are checked against that list afterwards. */
const names = (): ExpectedNode => stringList({ fr: "une liste de noms est attendue", en: "a list of names is expected" });

const name = (): ExpectedNode => ({
    type: "string",
    pattern: "\\S",
    expected: { fr: "un nom non vide est attendu", en: "a non-empty name is expected" },
});

/** A list of named objects; `name` is required first, so that an unnamed item is reported by its name. */
function namedList(properties: Record<string, ExpectedNode>, required: boolean, otherRequired: string[] = []): ExpectedNode {
    return {
        type: "array",
        ...(required ? { minItems: 1 } : {}),
        items: object({ name: name(), ...properties }, ["name", ...otherRequired]),
        expected: required
            ? { fr: "une liste non vide est attendue", en: "a non-empty list is expected" }
            : { fr: "une liste est attendue", en: "a list is expected" },
    };
}

const tags = (): ExpectedNode => ({
    type: "object",
    additionalProperties: string(),
    expected: { fr: "un dictionnaire de chaînes est attendu", en: "a map of strings is expected" },
});

const securityGroupRule = (): ExpectedNode =>
    object(
        {
            protocol: string(),
            fromPort: integer(),
            toPort: integer(),
            cidrs: stringList(),
            description: string(),
            exception: object({ reason: string() }, ["reason"]),
        },
        ["protocol", "cidrs"],
    );

const ruleList = (): ExpectedNode => ({
    type: "array",
    items: securityGroupRule(),
    expected: { fr: "une liste de règles est attendue", en: "a list of rules is expected" },
});

/** The tenant description. Required: the name and at least one cluster, LUN and backup policy. */
export const tenantConfigSchema: ExpectedNode = {
    type: "object",
    required: ["name", "clusters", "luns", "backupPolicies"],
    expected: {
        fr: "un objet décrivant le tenant est attendu (voir Pulumi.sandbox.yaml)",
        en: "an object describing the tenant is expected (see Pulumi.sandbox.yaml)",
    },
    properties: {
        name: name(),
        region: string(),
        availabilityZones: stringList(),
        snc: boolean(),
        consoleAuthorizedIps: stringList(),
        maxConsoleIpPrefix: integer(),
        contacts: {
            type: "array",
            items: object({ name: string(), email: string(), role: string(), phone: string() }, ["name", "email"]),
            expected: { fr: "une liste de contacts est attendue", en: "a list of contacts is expected" },
        },
        clusters: namedList({ availabilityZone: string(), bladeModel: string(), hostCount: integer() }, true),
        luns: namedList(
            {
                availabilityZone: string(),
                tier: string(),
                sizeGib: integer(),
                globalMirror: object({ targetAvailabilityZone: string() }, ["targetAvailabilityZone"]),
            },
            true,
        ),
        backupPolicies: namedList({ policyName: string(), noBackupAcknowledgement: object({ reason: string() }, ["reason"]) }, true),
        workloads: namedList(
            {
                replicas: integer(),
                cpu: integer(),
                memoryGib: integer(),
                diskGib: integer(),
                guestOperatingSystemMoref: string(),
                contentLibraryItemId: string(),
                powerState: enumOf(powerStateEnum.values),
                availabilityZones: stringList(),
                singleAz: boolean(),
                clusters: names(),
                luns: names(),
                backupPolicies: names(),
                backupPolicyCandidates: names(),
            },
            false,
        ),
        securityGroups: namedList({ description: string(), ingress: ruleList(), egress: ruleList() }, false),
        buckets: namedList(
            { accessType: enumOf(accessTypeEnum.values), whitelist: stringList(), versioning: enumOf(versioningEnum.values), tags: tags() },
            false,
        ),
        backupVaults: namedList(
            {
                bucketName: string(),
                accessType: enumOf(vaultAccessTypeEnum.values),
                whitelist: stringList(),
                noncurrentVersionExpirationDays: integer(),
                readOnlyAccount: object({ name: name() }, ["name"]),
                forceDestroy: boolean(),
                tags: tags(),
            },
            false,
        ),
    },
};
