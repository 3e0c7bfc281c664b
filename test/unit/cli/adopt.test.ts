// `securetemple adopt` without a network: the names it gives (variables valid in every language,
// Pulumi names unique per type), the filters, what it leaves out and why, and the whole command
// against a scripted API (what it asks, the file it writes, exit codes of bad input and of an API
// that refuses or cannot be reached). The real CLI, sandbox and `pulumi import` are in test/e2e/cli/adopt.test.ts.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deviceNumber, identifierOf, logicalNameOf, NameScope } from "../../../cli/adopt/naming";
import { AdoptSelection, ImportSpec, Inventory, managedKey, planAdoption } from "../../../cli/adopt/plan";
import { apiFailure, runAdopt } from "../../../cli/commands/adopt";
import { ApiUnavailableError, CliInputError } from "../../../cli/errors";
import { run } from "../../../cli/program";
import { ApiError } from "../../../provider/api/errors";
import { resourceTokens } from "../../../provider/resources/tokens";
import { FakeApi, fastClientOptions, json } from "../api/fakeTransport";
import { captureIo } from "./fixtures";

const all: AdoptSelection = {
    kinds: ["vm", "disk", "adapter", "bucket", "storage-account"],
    kindsGiven: false,
    names: [],
    excludes: [],
    zones: [],
    managed: new Set(),
    nestDevices: false,
    namePrefix: "",
};

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function tenant(): Inventory {
    return {
        vms: [
            { id: id(2), name: "db-01", availabilityZone: "AZ06", powerState: "stopped" },
            { id: id(1), name: "web-01", availabilityZone: "AZ05", powerState: "running", backupPolicies: 1 },
        ],
        disks: [
            { id: id(12), name: "Hard disk 2", virtualMachineId: id(1) },
            { id: id(11), name: "Hard disk 1", virtualMachineId: id(1) },
            { id: id(21), name: "Hard disk 1", virtualMachineId: id(2) },
        ],
        adapters: [{ id: id(31), name: "Network adapter 1", virtualMachineId: id(1) }],
        buckets: [{ name: "archives" }],
        storageAccounts: [{ name: "backup-writer" }],
    };
}

const summary = (specs: ImportSpec[]) =>
    specs.map((s) => `${s.type.split(":").pop()} ${s.logicalName} ${s.name}${s.parent ? ` <${s.parent}` : ""}`);

describe("securetemple adopt", () => {
    describe("names", () => {
        it("makes variables that every generated language accepts", () => {
            assert.strictEqual(identifierOf("web-01", "vm"), "web01");
            assert.strictEqual(identifierOf("web-01-disk-1", "disk"), "web01Disk1");
            assert.strictEqual(identifierOf("APP_Front.v2", "vm"), "aPPFrontV2");
            assert.strictEqual(identifierOf("01-edge", "vm"), "vm01Edge");
            assert.strictEqual(identifierOf("class", "vm"), "classVm");
            assert.strictEqual(identifierOf("securetemple", "bucket"), "securetempleBucket");
            assert.strictEqual(identifierOf("pulumi", "account"), "pulumiAccount");
            assert.strictEqual(identifierOf("---", "nic"), "nic");
        });

        it("keeps API names as Pulumi names, with the characters a URN keeps", () => {
            assert.strictEqual(logicalNameOf("web-01"), "web-01");
            assert.strictEqual(logicalNameOf("web 01::x"), "web-01-x");
            assert.strictEqual(logicalNameOf("  "), "unnamed");
        });

        it("hands out names unique in a scope, whatever their case", () => {
            const scope = new NameScope();
            assert.strictEqual(scope.claim("web"), "web");
            assert.strictEqual(scope.claim("Web", ["webBucket"]), "webBucket");
            assert.strictEqual(scope.claim("web", ["webBucket"], "-"), "web-2");
            assert.strictEqual(scope.claim("web", [], "-"), "web-3");
        });

        it("reads vCenter's device numbers", () => {
            assert.strictEqual(deviceNumber("Hard disk 12"), 12);
            assert.strictEqual(deviceNumber("Network adapter 1"), 1);
            assert.strictEqual(deviceNumber("boot"), undefined);
            assert.strictEqual(deviceNumber(undefined), undefined);
        });
    });

    describe("the bulk-import file", () => {
        it("lists each VM followed by its disks and adapters in device order, then buckets and storage accounts", () => {
            const plan = planAdoption(tenant(), all);
            assert.deepStrictEqual(summary(plan.file.resources), [
                "VirtualMachine db-01 db01",
                "VirtualDisk db-01-disk-1 db01Disk1",
                "VirtualMachine web-01 web01",
                "VirtualDisk web-01-disk-1 web01Disk1",
                "VirtualDisk web-01-disk-2 web01Disk2",
                "NetworkAdapter web-01-nic-1 web01Nic1",
                "Bucket archives archives",
                "StorageAccount backup-writer backupWriter",
            ]);
            const web = plan.file.resources.find((r) => r.name === "web01");
            assert.deepStrictEqual(web, { type: resourceTokens.virtualMachine, name: "web01", logicalName: "web-01", id: id(1) });
            assert.strictEqual(plan.file.resources.find((r) => r.name === "web01Disk2")?.id, id(12));
            assert.strictEqual(plan.file.resources.find((r) => r.name === "archives")?.id, "archives", "a bucket is imported by its name");
            assert.deepStrictEqual(plan.counts, { vm: 2, disk: 3, adapter: 1, bucket: 1, "storage-account": 1 });
        });

        it("tells apart same-named VMs of two AZs, and a bucket that shares a VM's name", () => {
            const inventory: Inventory = {
                ...tenant(),
                vms: [
                    { id: id(1), name: "web", availabilityZone: "AZ05" },
                    { id: id(2), name: "web", availabilityZone: "AZ06" },
                    { id: id(3), name: "web", availabilityZone: "AZ06" },
                ],
                disks: [],
                adapters: [],
                buckets: [{ name: "web" }],
                storageAccounts: [],
            };
            const plan = planAdoption(inventory, all);
            assert.deepStrictEqual(summary(plan.file.resources), [
                "VirtualMachine web web",
                "VirtualMachine web-az06 webAz06",
                `VirtualMachine web-${id(3).slice(0, 8)} web00000000`,
                "Bucket web webBucket",
            ]);
            const variables = plan.file.resources.map((r) => r.name);
            assert.strictEqual(new Set(variables).size, variables.length);
        });

        it("puts disks and adapters under their VM with --nest-devices, and the prefix before every name", () => {
            const plan = planAdoption(tenant(), { ...all, nestDevices: true, namePrefix: "legacy-", kinds: ["vm", "disk", "adapter"] });
            assert.deepStrictEqual(summary(plan.file.resources).slice(2), [
                "VirtualMachine legacy-web-01 legacyWeb01",
                "VirtualDisk legacy-web-01-disk-1 legacyWeb01Disk1 <legacyWeb01",
                "VirtualDisk legacy-web-01-disk-2 legacyWeb01Disk2 <legacyWeb01",
                "NetworkAdapter legacy-web-01-nic-1 legacyWeb01Nic1 <legacyWeb01",
            ]);
        });

        it("points every object at a parent and a provider of the stack through the name table, and keeps their variables free", () => {
            const tenantUrn = "urn:pulumi:prod::infra::securetemple:index:Tenant::acme";
            const providerUrn = "urn:pulumi:prod::infra::pulumi:providers:securetemple::acme";
            const inventory: Inventory = { ...tenant(), buckets: [{ name: "acme" }], storageAccounts: [] };
            const plan = planAdoption(inventory, {
                ...all,
                nestDevices: true,
                kinds: ["vm", "disk", "bucket"],
                parent: { name: "acme", urn: tenantUrn },
                provider: { name: "acmeProvider", urn: providerUrn },
            });
            assert.deepStrictEqual(plan.file.nameTable, { acme: tenantUrn, acmeProvider: providerUrn });
            assert.deepStrictEqual(summary(plan.file.resources).slice(2, 5), [
                "VirtualMachine web-01 web01 <acme",
                "VirtualDisk web-01-disk-1 web01Disk1 <web01",
                "VirtualDisk web-01-disk-2 web01Disk2 <web01",
            ]);
            assert.ok(plan.file.resources.every((r) => r.provider === "acmeProvider"));
            assert.strictEqual(
                plan.file.resources.find((r) => r.type === resourceTokens.bucket)?.name,
                "acmeBucket",
                "the bucket named like the parent's variable gets another",
            );
            assert.strictEqual(planAdoption(tenant(), all).file.nameTable, undefined);
        });

        it("filters by name glob, exclusion and kind; a device follows its VM", () => {
            const plan = planAdoption(tenant(), {
                ...all,
                names: ["web-*", "arch*"],
                excludes: ["*-02"],
                kinds: ["vm", "disk", "bucket"],
                kindsGiven: true,
            });
            assert.deepStrictEqual(summary(plan.file.resources), [
                "VirtualMachine web-01 web01",
                "VirtualDisk web-01-disk-1 web01Disk1",
                "VirtualDisk web-01-disk-2 web01Disk2",
                "Bucket archives archives",
            ]);
            const braces = planAdoption(tenant(), { ...all, names: ["{web,db}-0[1-9]"], kinds: ["vm"], kindsGiven: true });
            assert.deepStrictEqual(summary(braces.file.resources), ["VirtualMachine db-01 db01", "VirtualMachine web-01 web01"]);
        });

        it("with --az keeps that AZ's VMs, and objects without an AZ only when their kind is named", () => {
            const zoneOnly = planAdoption(tenant(), { ...all, zones: ["AZ06"] });
            assert.deepStrictEqual(summary(zoneOnly.file.resources), ["VirtualMachine db-01 db01", "VirtualDisk db-01-disk-1 db01Disk1"]);
            const named = planAdoption(tenant(), { ...all, zones: ["AZ06"], kinds: ["vm", "bucket"], kindsGiven: true });
            assert.deepStrictEqual(summary(named.file.resources), ["VirtualMachine db-01 db01", "Bucket archives archives"]);
        });

        it("leaves out what the stack export already manages, and counts it", () => {
            const managed = new Set([managedKey(resourceTokens.virtualMachine, id(1)), managedKey(resourceTokens.bucket, "archives")]);
            const plan = planAdoption(tenant(), { ...all, managed });
            assert.ok(!plan.file.resources.some((r) => r.id === id(1) || r.id === "archives"));
            assert.ok(
                plan.file.resources.some((r) => r.id === id(11)),
                "the disks of a managed VM are still adopted",
            );
            assert.strictEqual(plan.alreadyManaged, 2);
        });

        it("skips, with the rule, objects whose name the kit refuses, and their devices", () => {
            const inventory: Inventory = { ...tenant(), vms: [{ id: id(1), name: "web 01" }], buckets: [{ name: "bad.bucket" }] };
            const plan = planAdoption(inventory, all);
            assert.deepStrictEqual(summary(plan.file.resources), ["StorageAccount backup-writer backupWriter"]);
            assert.deepStrictEqual(
                plan.skipped.map((s) => `${s.kind} ${s.name}`),
                ["vm web 01", "bucket bad.bucket"],
            );
            assert.match(
                plan.skipped[0].reason.en,
                /\^\[A-Za-z0-9\]\[A-Za-z0-9\._-\]\*\$.*80 characters at most\); rename it in the console/,
            );
            assert.match(plan.skipped[0].reason.fr, /renommez-le dans la console/);
        });

        it("warns of running VMs without a backup policy and of storage accounts' lost secret keys", () => {
            const inventory: Inventory = { ...tenant(), vms: [{ id: id(1), name: "web-01", powerState: "running", backupPolicies: 0 }] };
            const notes = planAdoption(inventory, all).notes.map((n) => n.en);
            assert.strictEqual(notes.length, 2);
            assert.match(notes[0], /^web-01: running without a backup policy.*noBackupReason/);
            assert.match(notes[1], /secretAccessKey stays empty/);
            assert.deepStrictEqual(
                planAdoption(tenant(), { ...all, kinds: ["vm"] }).notes,
                [],
                "a running VM with a policy and no account: nothing to say",
            );
        });
    });

    describe("the command", () => {
        let dir: string;
        const env = {
            CLOUDTEMPLE_CLIENT_ID: "client-id",
            CLOUDTEMPLE_SECRET_ID: "very-secret-value",
            CLOUDTEMPLE_HTTP_ADDR: "http://sandbox.test",
        };

        function scriptedApi(): FakeApi {
            const base = "/api/compute/v1/vcenters";
            return new FakeApi()
                .on(`GET ${base}/virtual_machines`, () =>
                    json(200, [
                        { id: id(1), name: "web-01", hostCluster: { id: "c5" }, powerState: "running" },
                        { id: id(2), name: "db-01", hostCluster: { id: "c6" }, powerState: "stopped" },
                    ]),
                )
                .on(`GET ${base}/host_clusters`, () =>
                    json(200, [
                        { id: "c5", name: "clu-az05", availabilityZone: "AZ05" },
                        { id: "c6", name: "clu-az06", availabilityZone: "AZ06" },
                    ]),
                )
                .on(`GET ${base}/virtual_disks`, (req) =>
                    json(200, req.url.includes(id(1)) ? [{ id: id(11), name: "Hard disk 1", virtualMachineId: id(1) }] : []),
                )
                .on(`GET ${base}/network_adapters`, () => json(200, []))
                .on("GET /api/backup/v1/spp/policies", () => json(200, []))
                .on("GET /api/storage/object/v1/buckets", () => json(200, [{ name: "archives" }]))
                .on("GET /api/storage/object/v1/storage_accounts", () => json(200, []));
        }

        before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-adopt-"))));
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("asks for the devices of the VMs the filters keep only, and writes the file", async () => {
            const api = scriptedApi();
            const io = captureIo();
            const output = path.join(dir, "adopt.json");
            const code = await runAdopt({ output, zones: ["AZ05"] }, io, env, { ...fastClientOptions, transport: api.transport });
            assert.strictEqual(code, 0, io.err);
            const file = JSON.parse(fs.readFileSync(output, "utf8")) as { resources: ImportSpec[] };
            assert.deepStrictEqual(summary(file.resources), ["VirtualMachine web-01 web01", "VirtualDisk web-01-disk-1 web01Disk1"]);
            const diskLists = api.requests
                .filter((r) => r.path.endsWith("/virtual_disks"))
                .map((r) => new URL(r.url).searchParams.get("virtualMachineId"));
            assert.deepStrictEqual(diskLists, [id(1)], "db-01 (AZ06) is never asked about");
            assert.strictEqual(api.requests.filter((r) => r.path.includes("/storage/object/")).length, 0, "--az alone lists no bucket");
            assert.match(io.err, /web-01: running without a backup policy/);
            assert.match(io.err, /pulumi import --file .*adopt\.json/);
            assert.ok(!io.err.includes("very-secret-value") && !io.out.includes("very-secret-value"));
        });

        it("writes the file to standard output with --output -, and exits 1 when nothing matches", async () => {
            const io = captureIo();
            assert.strictEqual(
                await runAdopt({ output: "-", types: ["bucket"] }, io, env, { ...fastClientOptions, transport: scriptedApi().transport }),
                0,
                io.err,
            );
            assert.deepStrictEqual(JSON.parse(io.out), {
                resources: [{ type: resourceTokens.bucket, name: "archives", logicalName: "archives", id: "archives" }],
            });
            const none = captureIo();
            const output = path.join(dir, "none.json");
            assert.strictEqual(
                await runAdopt({ output, names: ["nothing-*"] }, none, env, { ...fastClientOptions, transport: scriptedApi().transport }),
                1,
            );
            assert.match(none.err, /nothing to adopt with these filters: no file written/);
            assert.ok(!fs.existsSync(output));
        });

        it("leaves out what a stack export manages (--skip-managed, from standard input)", async () => {
            const exported = {
                version: 3,
                deployment: {
                    resources: [
                        {
                            urn: "urn:pulumi:s::p::securetemple:objectstorage:Bucket::archives",
                            type: resourceTokens.bucket,
                            id: "archives",
                        },
                    ],
                },
            };
            const io = captureIo(JSON.stringify(exported));
            assert.strictEqual(
                await runAdopt({ output: "-", types: ["bucket", "vm"], skipManaged: "-" }, io, env, {
                    ...fastClientOptions,
                    transport: scriptedApi().transport,
                }),
                0,
                io.err,
            );
            assert.ok(!(JSON.parse(io.out) as { resources: ImportSpec[] }).resources.some((r) => r.id === "archives"));
            assert.match(io.err, /1 object\(s\) already managed by the exported stack, left out/);
        });

        it("is bad input, before any API call, without credentials or with a wrong flag value", async () => {
            const api = scriptedApi();
            await assert.rejects(
                runAdopt(
                    { output: "-" },
                    captureIo(),
                    { CLOUDTEMPLE_HTTP_ADDR: "http://sandbox.test" },
                    { ...fastClientOptions, transport: api.transport },
                ),
                (e: unknown) =>
                    e instanceof CliInputError &&
                    /CLOUDTEMPLE_CLIENT_ID.*CLOUDTEMPLE_SECRET_ID.*not set/.test(e.en) &&
                    /non défini/.test(e.fr),
            );
            await assert.rejects(
                runAdopt(
                    { output: "-", stack: "dev", cwd: dir },
                    captureIo(),
                    { PATH: path.join(dir, "no-such-bin") },
                    { ...fastClientOptions, transport: api.transport },
                ),
                (e: unknown) =>
                    e instanceof CliInputError &&
                    e.subject === "--stack" &&
                    /cannot read the config of stack "dev".*pulumi: command not found/.test(e.en),
            );
            assert.strictEqual(api.requests.length, 0);
            for (const [args, flag, allowed] of [
                [["--type", "vm,vpc"], "--type", "vm, disk, adapter, bucket, storage-account"],
                [["--az", "AZ09"], "--az", "AZ05, AZ06, AZ07"],
                [["--parent", "tenant"], "--parent", "<variable>=<urn>"],
                [["--provider", "1p=urn:pulumi:s::p::pulumi:providers:securetemple::x"], "--provider", "<variable>=<urn>"],
            ] as const) {
                const io = captureIo();
                assert.strictEqual(await run(["adopt", ...args], io), 2, io.err);
                assert.ok(io.err.startsWith(`FR ${flag} : valeur`), io.err);
                assert.ok(io.err.includes(`Allowed values: ${allowed}.`) || io.err.includes(`expected ${allowed}`), io.err);
            }
        });

        it("names the credentials when the API refuses them (2), and says the API is unavailable otherwise (4)", async () => {
            const refused = scriptedApi().on("POST /api/iam/v2/auth/personal_access_token", () =>
                json(401, { error: { message: "invalid credentials" } }),
            );
            await assert.rejects(
                runAdopt({ output: "-" }, captureIo(), env, { ...fastClientOptions, transport: refused.transport }),
                (e: unknown) =>
                    e instanceof CliInputError &&
                    e.subject === "credentials" &&
                    /HTTP 401: invalid credentials.*CLOUDTEMPLE_SECRET_ID/.test(e.en),
            );
            const failing = scriptedApi().on("GET /api/compute/v1/vcenters/virtual_machines", () =>
                json(503, { error: { message: "maintenance" } }),
            );
            await assert.rejects(
                runAdopt({ output: "-" }, captureIo(), env, { ...fastClientOptions, transport: failing.transport }),
                (e: unknown) =>
                    e instanceof ApiUnavailableError &&
                    /answered HTTP 503 to "list virtual machines": maintenance; nothing was written/.test(e.message),
            );
            const unreachable = apiFailure(
                new ApiError({
                    operation: "authentication (personal access token exchange)",
                    apiMessage: "connect ECONNREFUSED",
                    ambiguous: true,
                }),
                "http://127.0.0.1:9",
            );
            assert.ok(unreachable instanceof ApiUnavailableError);
            assert.match(
                unreachable.message,
                /^FR l'API http:\/\/127\.0\.0\.1:9 est injoignable .* \/ EN the API at http:\/\/127\.0\.0\.1:9 cannot be reached \(connect ECONNREFUSED\); check the address/,
            );
        });
    });
});
