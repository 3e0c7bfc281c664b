// Every provider method against a real sandbox over HTTP: check, diff, create, read, update,
// delete and invoke, for each resource type, with the provider object the plugin serves.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { SecureTempleProvider } from "../../../provider/resources/nativeProvider";
import { functionTokens, resourceTokens } from "../../../provider/resources/tokens";
import { unwrap } from "../../../provider/resources/handlers/properties";
import { operationFacts } from "../../../provider/resources/handlers/context";
import { resourceDecls } from "../../../provider/schema/index";
import type { PropertyDecl } from "../../../provider/schema/types";
import { Failures, checkValue } from "../../../provider/schema/validate";
import { VirtualClock, startSandbox, virtualClock } from "../../support/sandbox";

const urn = (type: string, name: string) => `urn:pulumi:it::proj::${type}::${name}`;
const gib = 1024 ** 3;

/**
 * What a handler returned agrees with its declaration: only declared properties, every one that
 * is always set present, each of its declared type.
 */
function assertDeclared(type: string, outs: Record<string, unknown>): void {
    const decl = resourceDecls.find((d) => d.token === type);
    assert.ok(decl, type);
    const { values } = unwrap(outs);
    const properties = Object.entries(decl.properties) as [string, PropertyDecl][];
    assert.deepStrictEqual(
        Object.keys(values).filter((k) => !(k in decl.properties)),
        [],
        `${type} returned undeclared properties`,
    );
    const always = properties
        .filter(([, p]) => p.required || p.default !== undefined || ((p.output || p.computed) && !p.optional))
        .map(([k]) => k);
    assert.deepStrictEqual(
        always.filter((k) => values[k] === undefined),
        [],
        `${type} left out properties its declaration says are always set`,
    );
    const failures = new Failures();
    for (const [key, p] of properties) {
        if (values[key] !== undefined) {
            checkValue(p, values[key], key, failures);
        }
    }
    assert.deepStrictEqual(
        failures.list.map((f) => f.reason),
        [],
        `${type} returned values of another type than declared`,
    );
}

describe("provider integration: every method against the sandbox", function () {
    this.timeout(120_000);
    let sandbox: Sandbox;
    let provider: SecureTempleProvider;
    let ids: Record<string, Record<string, string>>;

    before(async () => {
        sandbox = await startSandbox();
        ids = sandbox.ids();
        provider = new SecureTempleProvider({ version: "0.0.0-test" });
        provider.configure(
            {
                "securetemple:config:endpoint": sandbox.endpoint,
                "securetemple:config:clientId": sandbox.clientId,
                "securetemple:config:secretId": sandbox.secretId,
                "securetemple:config:s3AccessKeyId": sandbox.minio.accessKey,
                "securetemple:config:s3SecretAccessKey": sandbox.minio.secretKey,
            },
            { SECURETEMPLE_ACTIVITY_POLL_MS: "20" },
        );
    });

    after(async () => {
        await provider?.close();
        await sandbox?.stop();
    });

    const vmInputs = (name: string) => ({
        name,
        datacenterId: ids.datacenter["dc-az05-par7s"],
        hostClusterId: ids.hostCluster["clu001-az05-standard"],
        datastoreId: ids.datastore["ds-az05-standard-01"],
        memory: 2 * gib,
        cpu: 2,
        guestOperatingSystemMoref: "ubuntu64Guest",
        backupPolicies: [ids.policy["sla001-daily-th3s"]],
    });

    it("answers the lookup functions, and names the known values for an unknown name", async () => {
        const cluster = (await provider.invoke(functionTokens.getHostCluster, { name: "clu001-az05-standard" })).outputs;
        assert.strictEqual(cluster.id, ids.hostCluster["clu001-az05-standard"]);
        assert.strictEqual(cluster.availabilityZone, "AZ05");
        assert.strictEqual(cluster.bladeModel, "STANDARD_V3");
        assert.strictEqual(cluster.hostCount, 3);
        assert.ok(cluster.datacenterId);
        const datastore = (await provider.invoke(functionTokens.getDatastore, { name: "ds-az06-premium-01" })).outputs;
        assert.deepStrictEqual([datastore.availabilityZone, datastore.tier], ["AZ06", "PREMIUM"]);
        const policy = (await provider.invoke(functionTokens.getBackupPolicy, { name: "sla002-held-th3s" })).outputs;
        assert.deepStrictEqual([policy.site, policy.availabilityZone, policy.status], ["TH3S", "AZ06", "HELD"]);
        const tenant = (await provider.invoke(functionTokens.getTenant, {})).outputs;
        assert.strictEqual(tenant.name, sandbox.tenant.name);
        const zones = (await provider.invoke(functionTokens.getAvailabilityZones, {})).outputs;
        assert.deepStrictEqual(zones.names, ["AZ05", "AZ06", "AZ07"]);
        const network = (await provider.invoke(functionTokens.getNetwork, { name: "vlan-az05-app" })).outputs;
        assert.strictEqual(network.id, ids.network["vlan-az05-app"]);
        const os = (await provider.invoke(functionTokens.getGuestOperatingSystem, { moref: "debian12_64Guest" })).outputs;
        assert.strictEqual(os.family, "LINUX");
        const item = (await provider.invoke(functionTokens.getContentLibraryItem, { name: "ubuntu-24.04-cloudimg" })).outputs;
        assert.strictEqual(item.id, ids.contentLibraryItem["ubuntu-24.04-cloudimg"]);
        await assert.rejects(provider.invoke(functionTokens.getHostCluster, { name: "clu999" }), /clu999.*clu001-az05-standard/);
        await assert.rejects(provider.invoke(functionTokens.getGuestOperatingSystem, { moref: "beos" }), /beos.*ubuntu64Guest/);
        // Arguments are checked against the function's declaration before any API call.
        const before = provider.client.stats.requests;
        await assert.rejects(
            provider.invoke(functionTokens.getHostCluster, { name: 42 }),
            (err: Error) =>
                err.message ===
                'FR securetemple:compute:getHostCluster : « name » doit être une chaîne non vide (reçu : 42) / EN securetemple:compute:getHostCluster: "name" must be a non-empty string (got 42)',
        );
        assert.strictEqual(provider.client.stats.requests, before, "no API call for a bad argument");
    });

    it("checks VM inputs, looking up only valid ids, and names the field and the allowed values", async () => {
        const before = provider.client.stats.requests;
        const bad = await provider.check(
            urn(resourceTokens.virtualMachine, "v"),
            {},
            { ...vmInputs("x"), powerState: "maybe", cpu: 0, hostClusterId: "nope", backupPolicies: ["x"], guestOperatingSystemMoref: "" },
        );
        const props = (bad.failures ?? []).map((f) => f.property).sort();
        assert.deepStrictEqual(props, ["backupPolicies", "cpu", "guestOperatingSystemMoref", "hostClusterId", "powerState"]);
        const power = bad.failures?.find((f) => f.property === "powerState")?.reason ?? "";
        assert.match(power, /^FR .*valeurs permises : on, off \/ EN .*allowed values: on, off$/);
        assert.strictEqual(provider.client.stats.requests, before, "nothing valid to look up: no API call");
        const good = await provider.check(urn(resourceTokens.virtualMachine, "v"), {}, vmInputs("x"));
        assert.deepStrictEqual(good.failures, []);
        assert.strictEqual(good.inputs.powerState, "on", "default power state");
    });

    it("creates, reads, updates and deletes a VM, with its policy assigned before power-on", async () => {
        const u = urn(resourceTokens.virtualMachine, "web");
        const inputs = (await provider.check(u, {}, vmInputs("it-web"))).inputs;
        const created = await provider.create(u, inputs);
        const vm = (sandbox.listVirtualMachines() as { id: string; powerState: string; slaPolicies: string[] }[]).find(
            (v) => v.id === created.id,
        );
        assert.ok(vm);
        assert.strictEqual(vm.powerState, "running");
        assert.deepStrictEqual(vm.slaPolicies, [ids.policy["sla001-daily-th3s"]]);
        assert.strictEqual(created.outs.availabilityZone, "AZ05");
        assert.strictEqual(created.outs.powerState, "on");
        assertDeclared(resourceTokens.virtualMachine, created.outs);
        // The sandbox's activity log shows the order: assignment before power-on.
        const ops = (sandbox.listActivities() as { op: string }[]).map((a) => a.op);
        const assigned = ops.lastIndexOf("backup.assignVm");
        assert.ok(assigned >= 0 && assigned < ops.lastIndexOf("vm.power"), ops.join(","));

        const read = await provider.read(created.id, u, created.outs);
        assert.strictEqual(read.id, created.id);
        assert.strictEqual(read.props.cpu, 2);
        assert.strictEqual(read.inputs.name, "it-web");
        assertDeclared(resourceTokens.virtualMachine, read.props);

        const resized = { ...inputs, cpu: 4, memory: 4 * gib };
        const diff = await provider.diff(created.id, u, created.outs, resized);
        assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
        const moved = await provider.diff(created.id, u, created.outs, { ...inputs, datastoreId: ids.datastore["ds-az05-standard-02"] });
        assert.deepStrictEqual([moved.changes, moved.replaces], [true, []], "a new datastore of the datacenter: moved in place");
        const rebuilt = await provider.diff(created.id, u, created.outs, { ...inputs, guestOperatingSystemMoref: "debian12_64Guest" });
        assert.deepStrictEqual(rebuilt.replaces, ["guestOperatingSystemMoref"]);
        assert.strictEqual(rebuilt.deleteBeforeReplace, true, "same name: delete first");
        const renamed = await provider.diff(created.id, u, created.outs, { ...inputs, name: "it-web-2" });
        assert.strictEqual(renamed.deleteBeforeReplace, false);
        assert.strictEqual((await provider.diff(created.id, u, created.outs, inputs)).changes, false);

        const updated = await provider.update(created.id, u, created.outs, resized);
        assert.deepStrictEqual([updated.outs.cpu, updated.outs.memory, updated.outs.powerState], [4, 4 * gib, "on"]);
        assertDeclared(resourceTokens.virtualMachine, updated.outs);

        await provider.delete(created.id, u, updated.outs);
        assert.ok(!(sandbox.listVirtualMachines() as { id: string }[]).some((v) => v.id === created.id));
        await provider.delete(created.id, u, updated.outs); // already gone: no error
        assert.deepStrictEqual(await provider.read(created.id, u, updated.outs), { id: "", props: {} });
    });

    /**
     * A provider on a sandbox of its own whose activities run on a virtual clock (sharing the
     * MinIO): a slow create stays under way until the test moves time on, so a test can act
     * "while the create still runs" however long the provider's own timeout takes to pass.
     */
    async function withTimedSandbox(
        run: (timed: Sandbox, timedProvider: SecureTempleProvider, time: VirtualClock) => Promise<void>,
    ): Promise<void> {
        const time = virtualClock();
        const timed = await startSandbox({ clock: time.clock, minio: sandbox.minio });
        const timedProvider = new SecureTempleProvider({ version: "0.0.0-test" });
        timedProvider.configure(
            {
                "securetemple:config:endpoint": timed.endpoint,
                "securetemple:config:clientId": timed.clientId,
                "securetemple:config:secretId": timed.secretId,
                "securetemple:config:s3AccessKeyId": timed.minio.accessKey,
                "securetemple:config:s3SecretAccessKey": timed.minio.secretKey,
            },
            { SECURETEMPLE_ACTIVITY_POLL_MS: "20" },
        );
        try {
            await run(timed, timedProvider, time);
        } finally {
            await timedProvider.close();
            await timed.stop();
        }
    }

    /** Moves the virtual clock on by `stepMs` until `done` settles (the provider polls in real time meanwhile). */
    async function advanceUntil<T>(time: VirtualClock, stepMs: number, done: Promise<T>): Promise<T> {
        let settled = false;
        const watched = done.finally(() => {
            settled = true;
        });
        while (!settled) {
            await time.advance(stepMs);
            await new Promise((r) => setTimeout(r, 20));
        }
        return watched;
    }

    it("stops waiting at the resource's custom timeout, keeping the VM in the state, and finishes it on the next update", async () => {
        await withTimedSandbox(async (timed, timedProvider, time) => {
            const u = urn(resourceTokens.virtualMachine, "slow");
            const inputs = (await timedProvider.check(u, {}, vmInputs("it-slow"))).inputs;
            timed.setActivityLatency(2_500);
            let failure: { message: string; id?: string; properties?: Record<string, unknown> } | undefined;
            try {
                await operationFacts.run({ timeoutSeconds: 1 }, () => timedProvider.create(u, inputs));
            } catch (err) {
                failure = err as typeof failure;
            } finally {
                timed.setActivityLatency(0);
            }
            assert.ok(failure, "the create failed");
            assert.match(failure.message, /did not finish before the timeout/);
            assert.ok(failure.id, "the failure carries the VM id, so the engine keeps it in the state");
            assert.ok(
                (timed.listActivities() as { applied: boolean }[]).some((a) => !a.applied),
                "the create still runs",
            );
            // While the create still runs: the update waits for it instead of finding no VM.
            const updated = await advanceUntil(time, 500, timedProvider.update(failure.id, u, failure.properties ?? {}, inputs));
            assert.deepStrictEqual([updated.outs.powerState, updated.outs.backupPolicies], ["on", inputs.backupPolicies]);
            await timedProvider.delete(failure.id, u, updated.outs);
        });
    });

    it("deletes a VM whose create outlasted its timeout only once that create has ended, leaving nothing behind", async () => {
        await withTimedSandbox(async (timed, timedProvider, time) => {
            const u = urn(resourceTokens.virtualMachine, "slow-gone");
            const inputs = (await timedProvider.check(u, {}, vmInputs("it-slow-gone"))).inputs;
            timed.setActivityLatency(3_000);
            let failure: { id?: string; properties?: Record<string, unknown> } | undefined;
            try {
                await operationFacts.run({ timeoutSeconds: 1 }, () => timedProvider.create(u, inputs));
            } catch (err) {
                failure = err as typeof failure;
            } finally {
                timed.setActivityLatency(0);
            }
            assert.ok(failure?.id);
            const named = () => (timed.listVirtualMachines() as { name: string }[]).filter((v) => v.name === "it-slow-gone");
            assert.deepStrictEqual(named(), [], "the create is still running");
            await advanceUntil(time, 500, timedProvider.delete(failure.id, u, failure.properties ?? {}));
            // Every activity has ended, the create included.
            await time.advance(3_000);
            await timed.settle();
            assert.deepStrictEqual(
                (timed.listActivities() as { applied: boolean }[]).filter((a) => !a.applied),
                [],
            );
            assert.deepStrictEqual(named(), [], "no VM appears once the create ends");
        });
    });

    it("assigns the policies of VMs created while an inventory run is under way, even when that run misses them", async () => {
        // Runs catalogue only what existed when they started: VMs that appear during a run are
        // refused at assignment and must wait for a later run.
        await sandbox.setFaults({ inventoryFromStartRate: 1 });
        sandbox.setActivityLatency(300);
        const runsBefore = (sandbox.listActivities() as { op: string }[]).filter((a) => a.op === "backup.runJob").length;
        try {
            const create = async (name: string) => {
                const u = urn(resourceTokens.virtualMachine, name);
                return provider.create(u, (await provider.check(u, {}, vmInputs(name))).inputs);
            };
            const first = create("it-inv-1");
            // The others are created once the first VM's run has started.
            while ((sandbox.listActivities() as { op: string }[]).filter((a) => a.op === "backup.runJob").length === runsBefore) {
                await new Promise((r) => setTimeout(r, 10));
            }
            const created = await Promise.all([first, create("it-inv-2"), create("it-inv-3")]);
            const vms = sandbox.listVirtualMachines() as { id: string; powerState: string; slaPolicies: string[] }[];
            for (const c of created) {
                const vm = vms.find((v) => v.id === c.id);
                assert.deepStrictEqual([vm?.powerState, vm?.slaPolicies], ["running", [ids.policy["sla001-daily-th3s"]]]);
            }
            const runs = (sandbox.listActivities() as { op: string }[]).filter((a) => a.op === "backup.runJob").length - runsBefore;
            assert.ok(runs >= 2, `${runs} inventory run(s): the later VMs needed a run of their own`);
            await Promise.all(created.map((c, i) => provider.delete(c.id, urn(resourceTokens.virtualMachine, `it-inv-${i + 1}`), c.outs)));
        } finally {
            sandbox.setActivityLatency(0);
            await sandbox.setFaults({ inventoryFromStartRate: 0 });
        }
    });

    it("refuses a HELD backup policy before creating anything", async () => {
        const u = urn(resourceTokens.virtualMachine, "held");
        const inputs = (await provider.check(u, {}, { ...vmInputs("it-held"), backupPolicies: [ids.policy["sla002-held-th3s"]] })).inputs;
        await assert.rejects(provider.create(u, inputs), /HELD/);
        assert.ok(!(sandbox.listVirtualMachines() as { name: string }[]).some((v) => v.name === "it-held"));
    });

    it("creates, grows, reads and deletes a disk and a network adapter", async () => {
        const vmUrn = urn(resourceTokens.virtualMachine, "host");
        const vm = await provider.create(
            vmUrn,
            (await provider.check(vmUrn, {}, { ...vmInputs("it-host"), powerState: "off", backupPolicies: [] })).inputs,
        );

        const d = urn(resourceTokens.virtualDisk, "data");
        const diskInputs = (await provider.check(d, {}, { virtualMachineId: vm.id, capacity: 10 * gib })).inputs;
        assert.deepStrictEqual([diskInputs.provisioningType, diskInputs.diskMode], ["dynamic", "persistent"]);
        const disk = await provider.create(d, diskInputs);
        assert.strictEqual(disk.outs.capacity, 10 * gib);
        assertDeclared(resourceTokens.virtualDisk, disk.outs);
        const grow = await provider.diff(disk.id, d, disk.outs, { ...diskInputs, capacity: 20 * gib });
        assert.deepStrictEqual(grow.replaces, []);
        const shrink = await provider.diff(disk.id, d, disk.outs, { ...diskInputs, capacity: 5 * gib });
        assert.deepStrictEqual(shrink.replaces, ["capacity"]);
        const grown = await provider.update(disk.id, d, disk.outs, { ...diskInputs, capacity: 20 * gib });
        assert.strictEqual(grown.outs.capacity, 20 * gib);
        assert.strictEqual((await provider.read(disk.id, d, grown.outs)).props.capacity, 20 * gib);

        const a = urn(resourceTokens.networkAdapter, "nic");
        const nicInputs = (await provider.check(a, {}, { virtualMachineId: vm.id, networkId: ids.network["vlan-az05-app"] })).inputs;
        const nic = await provider.create(a, nicInputs);
        assert.strictEqual(nic.outs.networkId, ids.network["vlan-az05-app"]);
        assert.match(String(nic.outs.macAddress), /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i);
        assertDeclared(resourceTokens.networkAdapter, nic.outs);
        const moved = await provider.update(nic.id, a, nic.outs, { ...nicInputs, networkId: ids.network["vlan-az05-admin"] });
        assert.strictEqual(moved.outs.networkId, ids.network["vlan-az05-admin"]);
        const badNic = await provider.check(a, {}, { virtualMachineId: vm.id, networkId: ids.network["vlan-az05-app"], type: "RTL8139" });
        assert.match(badNic.failures?.[0]?.reason ?? "", /VMXNET3, E1000, E1000E/);

        await provider.delete(nic.id, a, moved.outs);
        await provider.delete(disk.id, d, grown.outs);
        assert.deepStrictEqual(await provider.read(disk.id, d, grown.outs), { id: "", props: {} });
        assert.deepStrictEqual(await provider.read(nic.id, a, moved.outs), { id: "", props: {} });
        await provider.delete(vm.id, vmUrn, vm.outs);
    });

    it("creates a bucket with versioning, a grant and a lifecycle rule, updates and deletes it", async () => {
        const accountUrn = urn(resourceTokens.storageAccount, "acct");
        const account = await provider.create(accountUrn, { name: "it-reader" });
        const { values, secretKeys } = unwrap(account.outs);
        assert.ok(secretKeys.has("secretAccessKey"), "the secret key is a secret output");
        assert.ok(String(values.secretAccessKey).length > 10);
        assertDeclared(resourceTokens.storageAccount, account.outs);

        const b = urn(resourceTokens.bucket, "logs");
        const bad = await provider.check(b, {}, { name: "it-logs", accessType: "custom", whitelist: ["10.0.0.0/33"] });
        // The engine shows the value of the failure's property: the whole list, the reason names the item.
        assert.deepStrictEqual(
            bad.failures?.map((f) => f.property),
            ["whitelist"],
        );
        assert.match(
            bad.failures?.[0]?.reason ?? "",
            /« whitelist\[0\] » vaut « 10\.0\.0\.0\/33 ».* \/ EN "whitelist\[0\]" is "10\.0\.0\.0\/33"/,
        );
        const inputs = (
            await provider.check(
                b,
                {},
                {
                    name: "it-logs",
                    accessType: "private",
                    versioning: "Enabled",
                    aclEntries: [{ storageAccount: "it-reader", role: "read_only" }],
                    lifecycleRules: [{ id: "expire", noncurrentVersionExpirationDays: 30 }],
                },
            )
        ).inputs;
        assert.strictEqual(inputs.forceDestroy, false);
        const bucket = await provider.create(b, inputs);
        assert.strictEqual(bucket.id, "it-logs");
        assert.deepStrictEqual(bucket.outs.aclEntries, [{ storageAccount: "it-reader", role: "read_only" }]);
        assert.deepStrictEqual(bucket.outs.lifecycleRules, [{ id: "expire", noncurrentVersionExpirationDays: 30 }]);
        assert.strictEqual(bucket.outs.versioning, "Enabled");
        assertDeclared(resourceTokens.bucket, bucket.outs);

        const changed = {
            ...inputs,
            aclEntries: [],
            lifecycleRules: [{ id: "expire", noncurrentVersionExpirationDays: 7 }],
            versioning: "Suspended",
        };
        const updated = await provider.update("it-logs", b, bucket.outs, changed);
        assert.deepStrictEqual(updated.outs.aclEntries, []);
        assert.deepStrictEqual(updated.outs.lifecycleRules, [{ id: "expire", noncurrentVersionExpirationDays: 7 }]);
        assert.strictEqual(updated.outs.versioning, "Suspended");
        const read = await provider.read("it-logs", b, updated.outs);
        assert.deepStrictEqual(read.props.lifecycleRules, [{ id: "expire", noncurrentVersionExpirationDays: 7 }]);

        await provider.delete("it-logs", b, updated.outs);
        assert.ok(!(sandbox.listBuckets() as { name: string }[]).some((x) => x.name === "it-logs"));
        await provider.delete("it-reader", accountUrn, account.outs);
        assert.deepStrictEqual(await provider.read("it-reader", accountUrn, account.outs), { id: "", props: {} });
    });

    it("refuses to delete a non-empty bucket unless forceDestroy is set", async () => {
        const b = urn(resourceTokens.bucket, "full");
        const inputs = (await provider.check(b, {}, { name: "it-full", accessType: "private" })).inputs;
        const bucket = await provider.create(b, inputs);
        const { S3Client, PutObjectCommand } = await import("@aws-sdk/client-s3");
        const s3 = new S3Client({
            endpoint: sandbox.minio.endpoint,
            region: "fr1",
            forcePathStyle: true,
            credentials: { accessKeyId: sandbox.minio.accessKey, secretAccessKey: sandbox.minio.secretKey },
        });
        await s3.send(new PutObjectCommand({ Bucket: "it-full", Key: "a.txt", Body: "data" }));
        s3.destroy();
        await assert.rejects(provider.delete("it-full", b, bucket.outs), /forceDestroy/);
        assert.ok(
            (sandbox.listBuckets() as { name: string }[]).some((x) => x.name === "it-full"),
            "the bucket and its data are still there",
        );
        await provider.delete("it-full", b, { ...bucket.outs, forceDestroy: true });
        assert.ok(!(sandbox.listBuckets() as { name: string }[]).some((x) => x.name === "it-full"));
    });
});
