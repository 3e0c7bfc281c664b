// The checks `check` makes with the API (backup policies, guest OS, host cluster), under a scripted
// transport: what each refusal says and names, one lookup per distinct id per provider process,
// and no failure (nor any request) when the provider cannot or should not ask. The same refusals
// against the real sandbox are in test/integration/provider/checks.test.ts.
import * as assert from "assert";
import { pickLanguage } from "../../../cli/language";
import { SecureTempleProvider } from "../../../provider/resources/nativeProvider";
import { unknownValue } from "../../../provider/resources/handlers/properties";
import { resourceTokens } from "../../../provider/resources/tokens";
import { FakeApi, fastClientOptions, json } from "../api/fakeTransport";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const gib = 1024 ** 3;
const dc = uuid(1);
const cluster = uuid(2);
const policies = { daily: uuid(10), held: uuid(11), none: uuid(12) };
const urn = (name: string) => `urn:pulumi:s::p::${resourceTokens.virtualMachine}::${name}`;
const vm = (extra: Record<string, unknown> = {}) => ({
    name: "web-1",
    datacenterId: dc,
    hostClusterId: cluster,
    datastoreId: uuid(3),
    availabilityZone: "AZ05",
    memory: 2 * gib,
    cpu: 2,
    guestOperatingSystemMoref: "ubuntu64Guest",
    backupPolicies: [policies.daily],
    ...extra,
});

/** The tenant as the API shows it: one STANDARD cluster in AZ05, three policies, two guest OSes. */
function tenantApi(): FakeApi {
    const api = new FakeApi();
    const policy = (id: string, name: string, status = "ACTIVE") => ({ id, name, status, subPolicies: [] });
    const byId: Record<string, unknown> = {
        [policies.daily]: policy(policies.daily, "sla001-daily-th3s"),
        [policies.held]: policy(policies.held, "sla002-held-th3s", "HELD"),
        [policies.none]: policy(policies.none, "nobackup"),
    };
    api.on("GET /api/backup/v1/spp/policies", (_req, path) => {
        const found = byId[path.split("/").pop() ?? ""];
        return found ? json(200, found) : json(404, { error: { message: "not found" } });
    });
    api.on("GET /api/compute/v1/vcenters/host_clusters", (_req, path) =>
        path.endsWith(cluster)
            ? json(200, {
                  id: cluster,
                  name: "clu001-az05-standard",
                  datacenter: { id: dc, name: "dc-az05-par7s" },
                  availabilityZone: "AZ05",
                  bladeModel: "STANDARD_V3",
              })
            : json(404, { error: { message: "not found" } }),
    );
    const oses = ["ubuntu64Guest", "debian12_64Guest"];
    api.on("GET /api/compute/v1/vcenters/guest_operating_systems", (_req, path) => {
        const moref = path.split("/").pop() ?? "";
        if (moref === "guest_operating_systems") {
            return json(
                200,
                oses.map((m) => ({ moref: m })),
            );
        }
        // The real API answers 500 for an unknown moref.
        return oses.includes(moref) ? json(200, { moref }) : json(500, { error: { message: "unknown" } });
    });
    return api;
}

function configured(api: FakeApi): SecureTempleProvider {
    const provider = new SecureTempleProvider({
        version: "0.0.0-test",
        clientOverrides: { ...fastClientOptions, transport: api.transport },
    });
    provider.configure(
        {
            "securetemple:config:endpoint": fastClientOptions.endpoint,
            "securetemple:config:clientId": "id",
            "securetemple:config:secretId": "s",
        },
        {},
    );
    return provider;
}

async function failuresOf(provider: SecureTempleProvider, news: Record<string, unknown>) {
    return (await provider.check(urn("v"), {}, news)).failures ?? [];
}

describe("provider check with the API (scripted transport)", () => {
    let api: FakeApi;
    let provider: SecureTempleProvider;

    beforeEach(() => {
        api = tenantApi();
        provider = configured(api);
    });

    afterEach(() => provider.close());

    it("passes a VM whose policies, guest OS and cluster are the tenant's and fit", async () => {
        assert.deepStrictEqual(await failuresOf(provider, vm()), []);
    });

    it("refuses the nobackup policy without noBackupReason, with the BackupPolicy component's sentence", async () => {
        const [failure, ...rest] = await failuresOf(provider, vm({ backupPolicies: [policies.none] }));
        assert.deepStrictEqual(rest, []);
        assert.strictEqual(failure.property, "noBackupReason");
        assert.strictEqual(
            failure.reason,
            'FR la politique « nobackup » expose à une perte de données définitive (convention 7.3.3) ; la choisir exige noBackupReason. / EN the "nobackup" policy exposes to permanent data loss (convention 7.3.3); choosing it requires noBackupReason.',
        );
        assert.deepStrictEqual(
            (await failuresOf(provider, vm({ backupPolicies: [policies.none], noBackupReason: "   " }))).map((f) => f.property),
            ["noBackupReason"],
        );
        assert.deepStrictEqual(
            await failuresOf(provider, vm({ backupPolicies: [policies.none], noBackupReason: "scratch VM rebuilt from its image" })),
            [],
        );
        // A reason still unknown at preview may well be given.
        assert.deepStrictEqual(await failuresOf(provider, vm({ backupPolicies: [policies.none], noBackupReason: unknownValue })), []);
    });

    it("refuses a HELD policy and an id the tenant has no policy of, naming the list item", async () => {
        const failures = await failuresOf(provider, vm({ backupPolicies: [policies.daily, policies.held, uuid(99)] }));
        assert.deepStrictEqual(
            failures.map((f) => f.property),
            ["backupPolicies", "backupPolicies"],
        );
        assert.match(
            pickLanguage(failures[0].reason, "en"),
            /^"backupPolicies\[1\]": policy "sla002-held-th3s" is HELD: it cannot be assigned/,
        );
        assert.match(
            pickLanguage(failures[1].reason, "en"),
            new RegExp(`^"backupPolicies\\[2\\]" is "${uuid(99)}": the tenant has no backup policy of that id`),
        );
        assert.match(pickLanguage(failures[0].reason, "fr"), /est suspendue \(HELD\)/);
    });

    it("refuses a guest OS the tenant does not offer, with the allowed values", async () => {
        const [failure] = await failuresOf(provider, vm({ guestOperatingSystemMoref: "beos5Guest" }));
        assert.strictEqual(failure.property, "guestOperatingSystemMoref");
        assert.strictEqual(
            pickLanguage(failure.reason, "en"),
            '"guestOperatingSystemMoref" is "beos5Guest": a guest OS the tenant does not offer; allowed values: ubuntu64Guest, debian12_64Guest',
        );
    });

    it("refuses memory and vCPUs above one blade of the cluster, an AZ and a datacenter the cluster is not in, an unknown cluster", async () => {
        const big = await failuresOf(provider, vm({ memory: 512 * gib, cpu: 96 }));
        assert.deepStrictEqual(
            big.map((f) => f.property),
            ["memory", "cpu"],
        );
        assert.match(
            pickLanguage(big[0].reason, "en"),
            /"memory" \(549755813888 bytes, 512\.0 GiB\) is more than one STANDARD v3 blade of host cluster "clu001-az05-standard" holds \(384 GiB\)/,
        );
        assert.match(pickLanguage(big[1].reason, "en"), /"cpu" \(96\) is more than the 64 threads of one STANDARD v3 blade/);
        // The largest VM a blade holds passes.
        assert.deepStrictEqual(await failuresOf(provider, vm({ memory: 384 * gib, cpu: 64 })), []);
        const az = await failuresOf(provider, vm({ availabilityZone: "AZ06" }));
        assert.deepStrictEqual(
            az.map((f) => [f.property, pickLanguage(f.reason, "en")]),
            [["availabilityZone", '"availabilityZone" is "AZ06" but host cluster "clu001-az05-standard" is in AZ05']],
        );
        const otherDc = await failuresOf(provider, vm({ datacenterId: uuid(7) }));
        assert.deepStrictEqual(
            otherDc.map((f) => f.property),
            ["hostClusterId"],
        );
        assert.match(pickLanguage(otherDc[0].reason, "en"), /is in datacenter dc-az05-par7s .* not in "datacenterId"/);
        const unknownCluster = await failuresOf(provider, vm({ hostClusterId: uuid(8) }));
        assert.deepStrictEqual(
            unknownCluster.map((f) => f.property),
            ["hostClusterId"],
        );
    });

    it("asks the API once per distinct id in a provider process, whatever the number of VMs", async () => {
        for (let i = 0; i < 5; i++) {
            await failuresOf(provider, vm({ name: `web-${i}`, backupPolicies: [policies.daily, policies.none], noBackupReason: "x" }));
        }
        await failuresOf(provider, vm({ name: "db", backupPolicies: [policies.daily], guestOperatingSystemMoref: "debian12_64Guest" }));
        const gets = api.requests
            .filter((r) => r.method === "GET")
            .map((r) => r.path)
            .sort();
        assert.deepStrictEqual(gets, [
            `/api/backup/v1/spp/policies/${policies.daily}`,
            `/api/backup/v1/spp/policies/${policies.none}`,
            `/api/compute/v1/vcenters/guest_operating_systems/debian12_64Guest`,
            `/api/compute/v1/vcenters/guest_operating_systems/ubuntu64Guest`,
            `/api/compute/v1/vcenters/host_clusters/${cluster}`,
        ]);
    });

    it("looks up no value that is unknown at preview or already invalid", async () => {
        const failures = await failuresOf(
            provider,
            vm({ hostClusterId: unknownValue, backupPolicies: [unknownValue], guestOperatingSystemMoref: "", memory: 512 * gib }),
        );
        assert.deepStrictEqual(
            failures.map((f) => f.property),
            ["guestOperatingSystemMoref"],
            "only the shape check of the empty moref",
        );
        assert.deepStrictEqual(
            api.requests.filter((r) => r.method === "GET"),
            [],
        );
    });

    it("makes no API call and no failure when the provider is not configured, or configured with values unknown at preview", async () => {
        const bare = new SecureTempleProvider({
            version: "0.0.0-test",
            clientOverrides: { ...fastClientOptions, transport: api.transport },
        });
        bare.configure({}, {});
        assert.deepStrictEqual(await failuresOf(bare, vm({ backupPolicies: [policies.none] })), []);
        await bare.close();
        const pending = new SecureTempleProvider({
            version: "0.0.0-test",
            clientOverrides: { ...fastClientOptions, transport: api.transport },
        });
        pending.configure(
            { "securetemple:config:endpoint": unknownValue, "securetemple:config:clientId": "id", "securetemple:config:secretId": "s" },
            {},
        );
        assert.deepStrictEqual(await failuresOf(pending, vm({ backupPolicies: [policies.none] })), []);
        await pending.close();
        assert.deepStrictEqual(api.requests, []);
    });

    it("leaves a check to the create when the API cannot answer, instead of failing the preview", async () => {
        api.on("GET /api/backup/v1/spp/policies", () => "drop");
        api.on("GET /api/compute/v1/vcenters/host_clusters", () => json(503, { error: { message: "down" } }));
        assert.deepStrictEqual(await failuresOf(provider, vm({ backupPolicies: [policies.none] })), []);
        // The guest OS was still looked up and found.
        assert.ok(api.sent("GET /api/compute/v1/vcenters/guest_operating_systems/ubuntu64Guest").length === 1);
    });
});
