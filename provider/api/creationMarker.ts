// The creation marker: a tag (`pulumi-urn` = the resource's URN) that the provider sets, through
// the API's tag routes, on every object it creates, as soon as the API names the new object. A
// create interrupted after the API accepted it (pulumi killed, a CI job cancelled) leaves an
// object outside the state; the next create of the same URN finds it by this tag and adopts it
// instead of making a second one or failing on its name.
//
// The URN names the stack, the project and the resource, so an object of another stack carries
// another URN, and an object made by a person carries no marker at all: neither is ever adopted.
// The one moment no marker can exist yet is between the create request and the API's first
// word on the activity; an object made in that moment is recognised by its create activity,
// started by this provider's own credential (see `madeByThisCredential`).
import { Activity, ActivityItem, ApiClient } from "./client";
import { ApiError } from "./errors";

export const markerKey = "pulumi-urn";

/** The kinds of object the provider creates, with the resource type the tag API knows them by. */
export const taggedTypes = {
    virtual_machine: "vcenter_virtual_machine",
    virtual_disk: "vcenter_virtual_disk",
    network_adapter: "vcenter_network_adapter",
    bucket: "object_storage_bucket",
} as const;
export type MarkedKind = keyof typeof taggedTypes;

interface TagWire {
    key: string;
    value?: string;
}

/** The URN an object is marked with; undefined when it has no marker. */
export async function markerOf(client: ApiClient, objectId: string): Promise<string | undefined> {
    const tags = await client.list<TagWire>(`/tag/v1/tags/resources/${encodeURIComponent(objectId)}`, undefined, {
        operation: `read the tags of ${objectId}`,
        fresh: true,
    });
    return tags.find((t) => t.key === markerKey)?.value;
}

/** Sets the marker. Tags are applied at once by the API (no activity). */
export async function setMarker(client: ApiClient, objectId: string, kind: MarkedKind, urn: string): Promise<void> {
    await client
        .writeSync<unknown>(
            "POST",
            "/tag/v1/tags",
            {
                key: markerKey,
                value: urn,
                resources: [{ uuid: objectId, type: taggedTypes[kind], source: kind === "bucket" ? "object_storage" : "vmware" }],
            },
            `mark ${objectId} as created by ${urn}`,
        )
        .catch((err: unknown) => {
            // The API answers 201 with an empty body: "not JSON" with a success status is the success.
            if (!(err instanceof ApiError && err.status !== undefined && err.status < 300)) {
                throw err;
            }
        });
}

interface ActivityWire extends Activity {
    initiator?: string;
}

/**
 * True when the activity that created `objectId` was started by the credential this client
 * uses: the object was made through this API access, not by a person in the console or by
 * another team's access. Reads the activity list once per call.
 */
export async function madeByThisCredential(client: ApiClient, objectId: string): Promise<boolean> {
    await client.tokens.bearer();
    const me = client.tokens.claims.userId;
    if (!me) {
        return false;
    }
    const activities = await client.list<ActivityWire>("/activity/v1/activities", undefined, {
        operation: `find the activity that created ${objectId}`,
        fresh: true,
    });
    const concerns = (a: ActivityWire) =>
        (a.concernedItems ?? []).some((i: ActivityItem) => i.id === objectId) || a.state?.completed?.result === objectId;
    const creation = activities.filter(concerns).sort((a, b) => (a.creationDate ?? "").localeCompare(b.creationDate ?? ""))[0];
    return creation !== undefined && creation.initiator === me;
}

/**
 * Create activities of `kind` on the VM `vmId`, started by this credential and not ended: an
 * interrupted run's disk or adapter still being made. Such an object has no unique name to hold,
 * so a new create must wait for it to appear rather than make a second one.
 */
export async function runningCreatesOn(client: ApiClient, vmId: string, kind: MarkedKind): Promise<string[]> {
    await client.tokens.bearer();
    const me = client.tokens.claims.userId;
    const activities = await client.list<ActivityWire>("/activity/v1/activities", undefined, {
        operation: `find the running creates on ${vmId}`,
        fresh: true,
    });
    return activities
        .filter((a) => a.initiator === me && !a.state?.completed && !a.state?.failed)
        .filter((a) => (a.concernedItems ?? []).some((i) => i.id === vmId) && (a.concernedItems ?? []).some((i) => i.type === kind))
        .map((a) => a.id);
}
