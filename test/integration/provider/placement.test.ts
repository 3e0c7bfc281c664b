// Against the sandbox over HTTP: what `check` now refuses with the API's help (each refusal before
// any write), a VM and a disk moved in place by relocate (same ids, no create or delete), and
// adapters of a powered-off VM that read as the program declares them.
import * as assert from "assert";
import { pickLanguage } from "../../../cli/language";
import { Sandbox } from "../../../sandbox";
import { SecureTempleProvider } from "../../../provider/resources/nativeProvider";
import { resourceTokens } from "../../../provider/resources/tokens";
import { unwrap } from "../../../provider/resources/handlers/properties";
import { startSandbox } from "../../support/sandbox";

const urn = (type: string, name: string) => `urn:pulumi:it::proj::${type}::${name}`;
const gib = 1024 ** 3;

interface SandboxVm {
    id: string;
    name: string;
    powerState: string;
    hostCluster?: { id: string };
    datastore?: { id: string };
    memory: number;
}

describe("provider integration: checks with the API, relocation and adapter connection", function () {
    this.timeout(120_000);
    let sandbox: Sandbox;
    let provider: SecureTempleProvider;
    let ids: Record<string, Record<string, string>>;
    const activities = () => (sandbox.listActivities() as { op: string }[]).map((a) => a.op);
    const vmOf = (id: string) => (sandbox.listVirtualMachines() as SandboxVm[]).find((v) => v.id === id);

    before(async () => {
        sandbox = await startSandbox();
        ids = sandbox.ids();
        provider = new SecureTempleProvider({ version: "0.0.0-test" });
        provider.configure(
            {
                "securetemple:config:endpoint": sandbox.endpoint,
                "securetemple:config:clientId": sandbox.clientId,
                "securetemple:config:secretId": sandbox.secretId,
            },
            { SECURETEMPLE_ACTIVITY_POLL_MS: "20" },
        );
    });

    after(async () => {
        await provider?.close();
        await sandbox?.stop();
    });

    const vmInputs = (name: string, extra: Record<string, unknown> = {}) => ({
        name,
        datacenterId: ids.datacenter["dc-az05-par7s"],
        hostClusterId: ids.hostCluster["clu001-az05-standard"],
        datastoreId: ids.datastore["ds-az05-standard-01"],
        availabilityZone: "AZ05",
        memory: 2 * gib,
        cpu: 2,
        guestOperatingSystemMoref: "ubuntu64Guest",
        backupPolicies: [ids.policy["sla001-daily-th3s"]],
        ...extra,
    });
    const checkVm = async (name: string, extra: Record<string, unknown>) =>
        (await provider.check(urn(resourceTokens.virtualMachine, name), {}, vmInputs(name, extra))).failures ?? [];
    const create = async (type: string, name: string, news: Record<string, unknown>) => {
        const u = urn(type, name);
        const checked = await provider.check(u, {}, news);
        assert.deepStrictEqual(checked.failures, [], `${name} passes check`);
        return { urn: u, inputs: checked.inputs, ...(await provider.create(u, checked.inputs)) };
    };

    describe("check refuses at preview what only the API knows, before any write", () => {
        let writesBefore: number;
        before(() => {
            writesBefore = sandbox.listActivities().length;
        });
        after(() => {
            assert.strictEqual(sandbox.listActivities().length, writesBefore, "no check started an activity");
            assert.ok(!(sandbox.listVirtualMachines() as SandboxVm[]).some((v) => v.name.startsWith("chk-")), "no VM was created");
        });

        it("the nobackup policy without noBackupReason, with the component's bilingual sentence", async () => {
            const failures = await checkVm("chk-nobackup", { backupPolicies: [ids.policy.nobackup] });
            assert.deepStrictEqual(
                failures.map((f) => f.property),
                ["noBackupReason"],
            );
            assert.match(
                failures[0].reason,
                /^FR la politique « nobackup » expose à une perte de données définitive \(convention 7\.3\.3\) ; la choisir exige noBackupReason\. \/ EN the "nobackup" policy exposes to permanent data loss/,
            );
            assert.deepStrictEqual(
                await checkVm("chk-nobackup", { backupPolicies: [ids.policy.nobackup], noBackupReason: "rebuilt from its image" }),
                [],
            );
        });

        it("a HELD policy and a policy id the tenant does not have", async () => {
            const failures = await checkVm("chk-held", {
                backupPolicies: [ids.policy["sla002-held-th3s"], "00000000-0000-4000-8000-000000000099"],
            });
            assert.deepStrictEqual(
                failures.map((f) => pickLanguage(f.reason, "en").split(":")[0]),
                ['"backupPolicies[0]"', '"backupPolicies[1]" is "00000000-0000-4000-8000-000000000099"'],
            );
            assert.match(failures[0].reason, /sla002-held-th3s" is HELD/);
        });

        it("a guest OS the tenant does not offer, with the ones it does", async () => {
            const [failure] = await checkVm("chk-os", { guestOperatingSystemMoref: "os2warp4Guest" });
            assert.strictEqual(failure.property, "guestOperatingSystemMoref");
            assert.match(
                pickLanguage(failure.reason, "en"),
                /"os2warp4Guest": a guest OS the tenant does not offer; allowed values: .*ubuntu64Guest/,
            );
        });

        it("memory and vCPUs above one blade of the host cluster", async () => {
            const failures = await checkVm("chk-big", { memory: 400 * gib, cpu: 65 });
            assert.deepStrictEqual(
                failures.map((f) => f.property),
                ["memory", "cpu"],
            );
            assert.match(failures[0].reason, /STANDARD v3 blade of host cluster "clu001-az05-standard" holds \(384 GiB\)/);
            // The same VM fits a PERFORMANCE 2 blade (768 GiB, 72 threads).
            assert.deepStrictEqual(
                await checkVm("chk-big", { memory: 400 * gib, cpu: 65, hostClusterId: ids.hostCluster["clu002-az05-perf2"] }),
                [],
            );
        });

        it("an AZ, or a datacenter, that the host cluster is not in", async () => {
            const az = await checkVm("chk-az", { availabilityZone: "AZ06" });
            assert.deepStrictEqual(
                az.map((f) => [f.property, pickLanguage(f.reason, "en")]),
                [["availabilityZone", '"availabilityZone" is "AZ06" but host cluster "clu001-az05-standard" is in AZ05']],
            );
            const dc = await checkVm("chk-dc", { hostClusterId: ids.hostCluster["clu001-az06-standard"], availabilityZone: undefined });
            assert.deepStrictEqual(
                dc.map((f) => f.property),
                ["hostClusterId"],
            );
            assert.match(
                pickLanguage(dc[0].reason, "en"),
                /host cluster "clu001-az06-standard" is in datacenter dc-az06-th3s .*not in "datacenterId"/,
            );
        });
    });

    it("moves a running VM to another cluster and datastore of its datacenter in place, its disk with it", async () => {
        const vm = await create(resourceTokens.virtualMachine, "mover", vmInputs("it-mover"));
        const disk = await create(resourceTokens.virtualDisk, "mover-data", { virtualMachineId: vm.id, capacity: 10 * gib });
        const target = { hostClusterId: ids.hostCluster["clu002-az05-perf2"], datastoreId: ids.datastore["ds-az05-standard-02"] };
        const news = { ...vm.inputs, ...target };
        const diff = await provider.diff(vm.id, vm.urn, vm.outs, news);
        assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
        const before = activities().length;
        const updated = await provider.update(vm.id, vm.urn, vm.outs, news);
        const ops = activities().slice(before);
        assert.ok(ops.includes("vm.relocate"), ops.join(","));
        assert.ok(
            !ops.some((op) => op === "vm.create" || op === "vm.delete" || op === "vm.power"),
            `moved, not rebuilt nor restarted: ${ops.join(",")}`,
        );
        const live = vmOf(vm.id);
        assert.deepStrictEqual(
            [live?.hostCluster?.id, live?.datastore?.id, live?.powerState],
            [target.hostClusterId, target.datastoreId, "running"],
        );
        const outs = unwrap(updated.outs).values;
        assert.deepStrictEqual(
            [outs.hostClusterId, outs.datastoreId, outs.availabilityZone],
            [target.hostClusterId, target.datastoreId, "AZ05"],
        );
        // The disk on the VM's datastore went with it; the program did not name its datastore, so no diff.
        const diskRead = await provider.read(disk.id, disk.urn, disk.outs);
        assert.strictEqual(diskRead.props.datastoreId, target.datastoreId);
        assert.strictEqual((await provider.diff(disk.id, disk.urn, diskRead.props, disk.inputs)).changes, false);
        // Read back, the VM matches the program.
        const read = await provider.read(vm.id, vm.urn, updated.outs);
        assert.strictEqual((await provider.diff(vm.id, vm.urn, read.props, news)).changes, false);
        await provider.delete(disk.id, disk.urn, diskRead.props);
        await provider.delete(vm.id, vm.urn, read.props);
    });

    it("shrinks a VM before moving it to smaller blades, so that it fits at every step", async () => {
        const big = { memory: 500 * gib, hostClusterId: ids.hostCluster["clu002-az05-perf2"], powerState: "off", backupPolicies: [] };
        const vm = await create(resourceTokens.virtualMachine, "shrinker", vmInputs("it-shrinker", big));
        const news = { ...vm.inputs, memory: 300 * gib, hostClusterId: ids.hostCluster["clu001-az05-standard"] };
        const before = activities().length;
        await provider.update(vm.id, vm.urn, vm.outs, news);
        const ops = activities()
            .slice(before)
            .filter((op) => op === "vm.update" || op === "vm.relocate");
        assert.deepStrictEqual(ops, ["vm.update", "vm.relocate"]);
        assert.deepStrictEqual([vmOf(vm.id)?.memory, vmOf(vm.id)?.hostCluster?.id], [300 * gib, ids.hostCluster["clu001-az05-standard"]]);
        await provider.delete(vm.id, vm.urn, { ...vm.outs, ...news });
    });

    it("moves a disk to another datastore in place, keeping its id", async () => {
        const vm = await create(
            resourceTokens.virtualMachine,
            "disk-host",
            vmInputs("it-disk-host", { powerState: "off", backupPolicies: [] }),
        );
        const disk = await create(resourceTokens.virtualDisk, "moved-data", {
            virtualMachineId: vm.id,
            capacity: 5 * gib,
            datastoreId: ids.datastore["ds-az05-standard-01"],
        });
        const news = { ...disk.inputs, datastoreId: ids.datastore["ds-az05-premium-01"] };
        assert.deepStrictEqual((await provider.diff(disk.id, disk.urn, disk.outs, news)).replaces, []);
        const updated = await provider.update(disk.id, disk.urn, disk.outs, news);
        assert.strictEqual(updated.outs.datastoreId, ids.datastore["ds-az05-premium-01"]);
        const live = (sandbox.listDisks() as { id: string; datastoreId?: string; datastore?: { id: string } }[]).find(
            (d) => d.id === disk.id,
        );
        assert.ok(live, "the same disk");
        assert.strictEqual(live.datastore?.id ?? live.datastoreId, ids.datastore["ds-az05-premium-01"]);
        assert.strictEqual(vmOf(vm.id)?.datastore?.id, ids.datastore["ds-az05-standard-01"], "the VM stayed");
        await provider.delete(disk.id, disk.urn, updated.outs);
        await provider.delete(vm.id, vm.urn, vm.outs);
    });

    it("reads an adapter of a powered-off VM as the program declares it, and connects it when the VM starts", async () => {
        const vm = await create(resourceTokens.virtualMachine, "nic-host", vmInputs("it-nic-host", { powerState: "off" }));
        const network = ids.network["vlan-az05-app"];
        const on = await create(resourceTokens.networkAdapter, "nic-on", { virtualMachineId: vm.id, networkId: network });
        const off = await create(resourceTokens.networkAdapter, "nic-off", {
            virtualMachineId: vm.id,
            networkId: network,
            connected: false,
        });
        const adapters = () => sandbox.listNetworkAdapters() as { id: string; connected: boolean; autoConnect: boolean }[];
        assert.deepStrictEqual(
            adapters()
                .filter((a) => a.id === on.id || a.id === off.id)
                .map((a) => [a.connected, a.autoConnect])
                .sort(),
            [
                [false, false],
                [false, true],
            ],
        );
        for (const nic of [on, off]) {
            assert.strictEqual(nic.outs.connected, nic.inputs.connected);
            const read = await provider.read(nic.id, nic.urn, nic.outs);
            assert.strictEqual(read.props.connected, nic.inputs.connected, "refresh keeps what the program says");
            assert.strictEqual(
                (await provider.diff(nic.id, nic.urn, read.props, nic.inputs)).changes,
                false,
                "no diff on the next preview",
            );
        }
        // Started: the one set to connect is connected, the other is not.
        const started = await provider.update(vm.id, vm.urn, vm.outs, { ...vm.inputs, powerState: "on" });
        assert.strictEqual(started.outs.powerState, "on");
        const live = new Map(adapters().map((a) => [a.id, a.connected]));
        assert.deepStrictEqual([live.get(on.id), live.get(off.id)], [true, false]);
        for (const nic of [on, off]) {
            const read = await provider.read(nic.id, nic.urn, nic.outs);
            assert.strictEqual((await provider.diff(nic.id, nic.urn, read.props, nic.inputs)).changes, false);
        }
        // Disconnected on a running VM, it also stays disconnected after a restart.
        const disconnected = await provider.update(on.id, on.urn, on.outs, { ...on.inputs, connected: false });
        assert.strictEqual(disconnected.outs.connected, false);
        const stopped = await provider.update(vm.id, vm.urn, started.outs, { ...vm.inputs, powerState: "off" });
        await provider.update(vm.id, vm.urn, stopped.outs, { ...vm.inputs, powerState: "on" });
        assert.strictEqual(adapters().find((a) => a.id === on.id)?.connected, false);
        for (const nic of [on, off]) {
            await provider.delete(nic.id, nic.urn, nic.outs);
        }
        await provider.delete(vm.id, vm.urn, vm.outs);
    });
});
