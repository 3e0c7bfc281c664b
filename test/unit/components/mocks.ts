// Pulumi mocks for component tests: every registered resource is recorded, and the provider's
// lookup functions answer with data shaped like the sandbox seed (sandbox/seed/default.yaml).
import * as pulumi from "@pulumi/pulumi";
import * as settingsModule from "@pulumi/pulumi/runtime/settings";
import { functionTokens } from "../../../provider/resources/tokens";
import { BackupPolicyInfo, DatastoreInfo, HostClusterInfo } from "../../../provider/resources/args";

const gib = 1024 ** 3;

export const hostClusters: HostClusterInfo[] = [
    {
        id: "hc-az05-std",
        name: "clu001-az05-standard",
        availabilityZone: "AZ05",
        bladeModel: "STANDARD_V3",
        hostCount: 3,
        datacenterId: "dc-az05",
        totalMemory: 3 * 384 * gib,
        freeMemory: 3 * 384 * gib,
    },
    {
        id: "hc-az05-perf2",
        name: "clu002-az05-perf2",
        availabilityZone: "AZ05",
        bladeModel: "PERF2_V3",
        hostCount: 3,
        datacenterId: "dc-az05",
        totalMemory: 3 * 768 * gib,
        freeMemory: 3 * 768 * gib,
    },
    {
        id: "hc-az06-std",
        name: "clu001-az06-standard",
        availabilityZone: "AZ06",
        bladeModel: "STANDARD_V3",
        hostCount: 3,
        datacenterId: "dc-az06",
        totalMemory: 3 * 384 * gib,
        freeMemory: 3 * 384 * gib,
    },
    {
        id: "hc-az07-adv",
        name: "clu001-az07-advance",
        availabilityZone: "AZ07",
        bladeModel: "ADVANCE_V3",
        hostCount: 3,
        datacenterId: "dc-az07",
        totalMemory: 3 * 768 * gib,
        freeMemory: 3 * 768 * gib,
    },
    {
        id: "hc-az07-eco",
        name: "clu002-az07-eco-single",
        availabilityZone: "AZ07",
        bladeModel: "ECO_V3",
        hostCount: 1,
        datacenterId: "dc-az07",
        totalMemory: 384 * gib,
        freeMemory: 384 * gib,
    },
];

export const datastores: DatastoreInfo[] = [
    {
        id: "ds-05-ess",
        name: "ds-az05-essential-01",
        availabilityZone: "AZ05",
        tier: "ESSENTIAL",
        capacity: 2048 * gib,
        freeCapacity: 2048 * gib,
        datacenterId: "dc-az05",
    },
    {
        id: "ds-05-std",
        name: "ds-az05-standard-01",
        availabilityZone: "AZ05",
        tier: "STANDARD",
        capacity: 2048 * gib,
        freeCapacity: 2048 * gib,
        datacenterId: "dc-az05",
    },
    {
        id: "ds-05-std2",
        name: "ds-az05-standard-02",
        availabilityZone: "AZ05",
        tier: "STANDARD",
        capacity: 2048 * gib,
        freeCapacity: 100 * gib,
        datacenterId: "dc-az05",
    },
    {
        id: "ds-06-std",
        name: "ds-az06-standard-01",
        availabilityZone: "AZ06",
        tier: "STANDARD",
        capacity: 2048 * gib,
        freeCapacity: 2048 * gib,
        datacenterId: "dc-az06",
    },
    {
        id: "ds-07-std",
        name: "ds-az07-standard-01",
        availabilityZone: "AZ07",
        tier: "STANDARD",
        capacity: 2048 * gib,
        freeCapacity: 2048 * gib,
        datacenterId: "dc-az07",
    },
    {
        id: "ds-07-ult",
        name: "ds-az07-ultra-01",
        availabilityZone: "AZ07",
        tier: "ULTRA",
        capacity: 512 * gib,
        freeCapacity: 512 * gib,
        datacenterId: "dc-az07",
    },
];

export const backupPolicies: BackupPolicyInfo[] = [
    { id: "bp-daily-par7s", name: "sla001-daily-par7s", site: "PAR7S", availabilityZone: "AZ05", status: "ACTIVE" },
    { id: "bp-daily-th3s", name: "sla001-daily-th3s", site: "TH3S", availabilityZone: "AZ06", status: "ACTIVE" },
    { id: "bp-daily-data4", name: "sla001-daily-data4", site: "DATA4", availabilityZone: "AZ07", status: "ACTIVE" },
    { id: "bp-weekly-th3s", name: "sla001-weekly-th3s", site: "TH3S", availabilityZone: "AZ06", status: "ACTIVE" },
    { id: "bp-nobackup", name: "nobackup", site: "", availabilityZone: "", status: "ACTIVE" },
    { id: "bp-held-th3s", name: "sla002-held-th3s", site: "TH3S", availabilityZone: "AZ06", status: "HELD" },
];

/** The tenant behind the credentials (getTenant / getAvailabilityZones); tests may change the zones. */
export const realTenant = {
    id: "tenant-1",
    name: "secure-temple-demo",
    snc: true,
    companyId: "company-1",
    zones: ["AZ05", "AZ06", "AZ07"],
};

export const networks = [
    { id: "net-az05-app", name: "vlan-az05-app", moref: "dvportgroup-105" },
    { id: "net-az06-app", name: "vlan-az06-app", moref: "dvportgroup-106" },
    { id: "net-az07-app", name: "vlan-az07-app", moref: "dvportgroup-107" },
];

export interface RecordedResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    custom: boolean;
}

/** Every resource registered since the last `reset()`. */
export const recorded: RecordedResource[] = [];
/** Every lookup made since the last `reset()`. */
export const calls: { token: string; inputs: Record<string, unknown> }[] = [];

/** Clears the records and (re)installs these mocks, in case another test file installed its own. */
export function reset(): void {
    recorded.length = 0;
    calls.length = 0;
    install();
}

function find<T extends { name: string }>(table: T[], kind: string, inputs: { name?: string }): T {
    const hit = table.find((row) => row.name === inputs.name);
    if (!hit) {
        throw new Error(`${kind} "${inputs.name}" not found`);
    }
    return hit;
}

const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
        recorded.push({ type: args.type, name: args.name, inputs: args.inputs, custom: args.custom ?? false });
        const state: Record<string, unknown> = { ...args.inputs };
        if (args.type === "securetemple:objectstorage:StorageAccount") {
            state.accessKeyId = `AK-${args.inputs.name}`;
            state.secretAccessKey = "mock-secret";
        }
        return { id: args.custom ? `${args.name}-id` : undefined, state };
    },
    call(args) {
        calls.push({ token: args.token, inputs: args.inputs });
        switch (args.token) {
            case functionTokens.getHostCluster:
                return { ...find(hostClusters, "host cluster", args.inputs) };
            case functionTokens.getDatastore:
                return { ...find(datastores, "datastore", args.inputs) };
            case functionTokens.getTenant:
                return { id: realTenant.id, name: realTenant.name, snc: realTenant.snc, companyId: realTenant.companyId };
            case functionTokens.getAvailabilityZones:
                return {
                    names: [...realTenant.zones],
                    zones: realTenant.zones.map((z) => ({
                        name: z,
                        datacenterId: `dc-${z.toLowerCase()}`,
                        datacenterName: `dc-${z.toLowerCase()}`,
                    })),
                };
            case functionTokens.getNetwork:
                return { ...find(networks, "network", args.inputs) };
            case functionTokens.getBackupPolicy:
                return { ...find(backupPolicies, "backup policy", args.inputs) };
            default:
                throw new Error(`unexpected call ${args.token}`);
        }
    },
};

function install(): void {
    void pulumi.runtime.setMocks(mocks, "components", "unit", false);
}

install();

/** The value of an output, or its error. */
export function value<T>(output: pulumi.Output<T>): Promise<T> {
    return (output as unknown as { promise(): Promise<T> }).promise();
}

// The runtime's own count of calls in flight (registrations, invokes): internal to the SDK, so
// typed here. Waiting on it, not on a timer, is what makes `settle` independent of the load.
const runtimeSettings = settingsModule as unknown as { waitForRPCs(): Promise<void> };

/**
 * Lets pending registrations reach the mocks: waits until the runtime has no call in flight and
 * one turn of the event loop (where an apply may start the next registration) records nothing new.
 */
export async function settle(): Promise<void> {
    for (;;) {
        const before = recorded.length + calls.length;
        await runtimeSettings.waitForRPCs();
        await new Promise((resolve) => setImmediate(resolve));
        if (recorded.length + calls.length === before) {
            await runtimeSettings.waitForRPCs();
            return;
        }
    }
}

/** Captures pulumi.log.warn messages while `fn` runs. */
export async function captureWarnings(fn: () => void | Promise<void>): Promise<string[]> {
    const warnings: string[] = [];
    const log = pulumi.log as { warn: typeof pulumi.log.warn };
    const original = log.warn;
    log.warn = async (msg: string) => {
        warnings.push(msg);
    };
    try {
        await fn();
    } finally {
        log.warn = original;
    }
    return warnings;
}

export function registered(type: string, name?: string): RecordedResource[] {
    return recorded.filter((r) => r.type === type && (name === undefined || r.name === name));
}
