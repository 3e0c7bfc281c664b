// What `check` asks the API, for the checks a declaration cannot make (what a backup policy id
// names, the host cluster's datacenter, AZ and blades, whether a guest OS exists). One provider
// process answers each distinct id once: a preview of fifty VMs on two clusters with three
// policies asks five or six questions, not a hundred and fifty, and stays far inside the API's
// budget. A question the API could not answer (unreachable, refused) is "unavailable": the check
// is then left to the create, which asks again, rather than failing the preview.
import { ApiClient } from "../../api/client";
import * as backup from "../../api/backup";
import * as compute from "../../api/compute";

/** What a lookup found: the object, "absent" (the API says there is none) or "unavailable" (no answer). */
export type Found<T> = T | "absent" | "unavailable";

export class CheckLookups {
    private readonly answers = new Map<string, Promise<unknown>>();

    constructor(
        private readonly client: ApiClient,
        private readonly log: (message: string) => void = () => undefined,
    ) {}

    /** How many distinct questions were asked (tests and the provider log read it). */
    get asked(): number {
        return this.answers.size;
    }

    private once<T>(key: string, ask: () => Promise<T | undefined>): Promise<Found<T>> {
        let answer = this.answers.get(key) as Promise<Found<T>> | undefined;
        if (!answer) {
            answer = ask().then(
                (value) => (value === undefined ? "absent" : value),
                (err: unknown) => {
                    this.log(`check: ${key} could not be looked up (${(err as Error).message}); left to the create`);
                    return "unavailable" as const;
                },
            );
            this.answers.set(key, answer);
        }
        return answer;
    }

    backupPolicy(id: string): Promise<Found<backup.BackupPolicyWire>> {
        return this.once(`backup policy ${id}`, () => backup.readBackupPolicy(this.client, id));
    }

    hostCluster(id: string): Promise<Found<compute.HostClusterWire>> {
        return this.once(`host cluster ${id}`, () => compute.readHostCluster(this.client, id));
    }

    guestOs(moref: string): Promise<Found<compute.GuestOsWire>> {
        return this.once(`guest operating system ${moref}`, () => compute.readGuestOs(this.client, moref));
    }

    /** The guest OS morefs the tenant offers, to name them when one is unknown. */
    guestOsMorefs(): Promise<Found<string[]>> {
        return this.once("guest operating systems", async () => (await compute.listGuestOs(this.client)).map((g) => g.moref));
    }
}

/** The value of a lookup, if it found one. */
export function found<T>(answer: Found<T>): T | undefined {
    return answer === "absent" || answer === "unavailable" ? undefined : answer;
}
