// The provider's pure parts, without the network: property (un)wrapping of secrets and unknowns,
// check failures (FR then EN, field and allowed values), update-versus-replace diffs, config.
import * as assert from "assert";
import { configProblems, resolveConfig } from "../../../provider/resources/handlers/config";
import { secret, unknownValue, unwrap, wrapOutputs } from "../../../provider/resources/handlers/properties";
import { bucketHandler } from "../../../provider/resources/handlers/bucket";
import { networkAdapterHandler } from "../../../provider/resources/handlers/networkAdapter";
import { storageAccountHandler } from "../../../provider/resources/handlers/storageAccount";
import { virtualDiskHandler } from "../../../provider/resources/handlers/virtualDisk";
import { virtualMachineHandler } from "../../../provider/resources/handlers/virtualMachine";
import { typeOfUrn } from "../../../provider/resources/nativeProvider";
import { checkInputs, diffInputs, dispatched } from "../../../provider/resources/handlers/handler";
import type { ResourceDecl } from "../../../provider/schema/types";
import type { ResourceHandler } from "../../../provider/resources/handlers/handler";

const check = <D extends ResourceDecl>(handler: ResourceHandler<D>, news: Record<string, unknown>) =>
    checkInputs(dispatched(handler), news);
const diff = <D extends ResourceDecl>(handler: ResourceHandler<D>, olds: Record<string, unknown>, news: Record<string, unknown>) =>
    diffInputs(dispatched(handler), olds, news);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const vm = {
    name: "web-1",
    datacenterId: uuid(1),
    hostClusterId: uuid(2),
    datastoreId: uuid(3),
    memory: 2 * 1024 ** 3,
    cpu: 2,
    guestOperatingSystemMoref: "ubuntu64Guest",
    backupPolicies: [uuid(9)],
    powerState: "on",
};

describe("provider properties", () => {
    it("unwraps secrets, remembers which properties held one, and wraps them again", () => {
        const { values, secretKeys } = unwrap({ name: "a", secretId: secret("s3cr3t"), nested: [secret("x")] });
        assert.deepStrictEqual(values, { name: "a", secretId: "s3cr3t", nested: ["x"] });
        assert.deepStrictEqual([...secretKeys].sort(), ["nested", "secretId"]);
        const out = wrapOutputs({ name: "a", secretId: "s3cr3t", dropped: undefined }, secretKeys);
        assert.deepStrictEqual(out, { name: "a", secretId: secret("s3cr3t") });
    });

    it("names the type of a URN, parent types left out", () => {
        assert.strictEqual(
            typeOfUrn("urn:pulumi:dev::p::securetemple:compute:Workload$securetemple:compute:VirtualMachine::web"),
            "securetemple:compute:VirtualMachine",
        );
    });
});

describe("provider check", () => {
    it("accepts a complete VM and defaults its power state to on", () => {
        const { inputs, failures } = check(virtualMachineHandler, { ...vm, powerState: undefined });
        assert.deepStrictEqual(failures, []);
        assert.strictEqual(inputs.powerState, "on");
    });

    it("names the field, the value and the allowed values, in French then English", () => {
        const { failures } = check(virtualMachineHandler, { ...vm, powerState: "standby" });
        assert.deepStrictEqual(
            failures.map(({ property, reason }) => ({ property, reason })),
            [
                {
                    property: "powerState",
                    reason: 'FR « powerState » vaut "standby" ; valeurs permises : on, off / EN "powerState" is "standby"; allowed values: on, off',
                },
            ],
        );
    });

    it("requires exactly one source, and a backup policy before power-on", () => {
        const both = check(virtualMachineHandler, { ...vm, cloneFromVirtualMachineId: uuid(5) });
        assert.ok(
            both.failures.some(
                (f) =>
                    f.property === "guestOperatingSystemMoref" &&
                    /exactement une source/.test(f.reason) &&
                    /exactly one source/.test(f.reason),
            ),
        );
        const noPolicy = check(virtualMachineHandler, { ...vm, backupPolicies: [] });
        assert.ok(noPolicy.failures.some((f) => f.property === "backupPolicies" && /8\.5/.test(f.reason)));
        assert.deepStrictEqual(check(virtualMachineHandler, { ...vm, backupPolicies: [], powerState: "off" }).failures, []);
    });

    it("leaves values unknown at preview unchecked", () => {
        const { failures } = check(virtualMachineHandler, { ...vm, hostClusterId: unknownValue, backupPolicies: unknownValue });
        assert.deepStrictEqual(failures, []);
    });

    it("checks buckets: name characters, CIDRs, roles and lifecycle rules", () => {
        const { failures } = check(bucketHandler, {
            name: "bad name!",
            accessType: "custom",
            whitelist: ["10.0.0.0/8", "300.1.1.1/32"],
            aclEntries: [{ storageAccount: "ro", role: "owner" }],
            lifecycleRules: [{ id: "r1" }, { id: "r1", expirationDays: 0 }],
        });
        const properties = failures.map((f) => f.property).sort();
        assert.deepStrictEqual(properties, [
            "aclEntries[0].role",
            "lifecycleRules[0].expirationDays",
            "lifecycleRules[1].expirationDays",
            "lifecycleRules[1].id",
            "name",
            "whitelist[1]",
        ]);
        assert.match(
            failures.find((f) => f.property === "aclEntries[0].role")?.reason ?? "",
            /read_only, read_write, write_only, maintainer/,
        );
        assert.strictEqual(
            check(bucketHandler, { name: "ok", accessType: "private" }).inputs.forceDestroy,
            false,
            "forceDestroy is off by default",
        );
    });

    it("defaults disk and adapter settings", () => {
        assert.deepStrictEqual(check(virtualDiskHandler, { virtualMachineId: uuid(1), capacity: 1024 ** 3 }).inputs, {
            virtualMachineId: uuid(1),
            capacity: 1024 ** 3,
            provisioningType: "dynamic",
            diskMode: "persistent",
        });
        const nic = check(networkAdapterHandler, { virtualMachineId: uuid(1), networkId: uuid(2), macAddress: "zz" });
        assert.deepStrictEqual(
            nic.failures.map((f) => f.property),
            ["macAddress"],
        );
        assert.strictEqual(nic.inputs.type, "VMXNET3");
    });
});

describe("provider diff", () => {
    it("updates a VM in place for size, power, policies and a move within its datacenter; replaces it for another datacenter (AZ) or source", () => {
        assert.deepStrictEqual(diff(virtualMachineHandler, vm, { ...vm, cpu: 4, backupPolicies: [uuid(8)] }).replaces, []);
        assert.strictEqual(diff(virtualMachineHandler, vm, { ...vm, cpu: 4 }).changes, true);
        // Another host cluster or datastore of the same datacenter: a relocation, not a new VM.
        const moved = diff(virtualMachineHandler, vm, { ...vm, hostClusterId: uuid(5), datastoreId: uuid(4) });
        assert.deepStrictEqual([moved.changes, moved.replaces], [true, []]);
        const otherAz = diff(virtualMachineHandler, vm, { ...vm, datacenterId: uuid(6), hostClusterId: uuid(5), datastoreId: uuid(4) });
        assert.deepStrictEqual(otherAz.replaces, ["datacenterId"]);
        assert.strictEqual(otherAz.deleteBeforeReplace, false, "the datacenter is part of the unique name: both VMs may exist at once");
        const sameName = diff(virtualMachineHandler, vm, { ...vm, guestOperatingSystemMoref: "debian12_64Guest" });
        assert.strictEqual(sameName.deleteBeforeReplace, true, "the name and datacenter stay: the old VM goes first");
        assert.strictEqual(
            diff(virtualMachineHandler, vm, { ...vm, name: "web-2", guestOperatingSystemMoref: "debian12_64Guest" }).deleteBeforeReplace,
            false,
        );
        assert.strictEqual(diff(virtualMachineHandler, vm, { ...vm }).changes, false);
    });

    it("moves a disk to another datastore in place rather than replacing it (its data stays)", () => {
        const disk = { virtualMachineId: uuid(1), capacity: 10, datastoreId: uuid(3), provisioningType: "dynamic", diskMode: "persistent" };
        assert.deepStrictEqual(diff(virtualDiskHandler, disk, { ...disk, datastoreId: uuid(4) }).replaces, []);
        assert.strictEqual(diff(virtualDiskHandler, disk, { ...disk, datastoreId: uuid(4) }).changes, true);
    });

    it("ignores policy order, and optional values the API computes when the program leaves them out", () => {
        const two = { ...vm, backupPolicies: [uuid(9), uuid(8)], numCoresPerSocket: 1, availabilityZone: "AZ05" };
        assert.strictEqual(diff(virtualMachineHandler, two, { ...vm, backupPolicies: [uuid(8), uuid(9)] }).changes, false);
    });

    it("treats a value unknown at preview as a change, and a replacement when it is a replace field", () => {
        const unknown = diff(virtualMachineHandler, vm, { ...vm, datacenterId: unknownValue });
        assert.deepStrictEqual(unknown.replaces, ["datacenterId"]);
        const moving = diff(virtualMachineHandler, vm, { ...vm, hostClusterId: unknownValue });
        assert.deepStrictEqual([moving.changes, moving.replaces], [true, []]);
    });

    it("replaces a disk that would shrink, grows it in place otherwise", () => {
        const disk = { virtualMachineId: uuid(1), capacity: 10, provisioningType: "dynamic", diskMode: "persistent" };
        assert.deepStrictEqual(diff(virtualDiskHandler, disk, { ...disk, capacity: 20 }).replaces, []);
        assert.deepStrictEqual(diff(virtualDiskHandler, disk, { ...disk, capacity: 5 }).replaces, ["capacity"]);
    });

    it("replaces buckets and storage accounts on a new name only", () => {
        const bucket = { name: "b", accessType: "private", forceDestroy: false };
        assert.deepStrictEqual(diff(bucketHandler, bucket, { ...bucket, accessType: "public" }).replaces, []);
        assert.deepStrictEqual(diff(bucketHandler, bucket, { ...bucket, name: "c" }).replaces, ["name"]);
        assert.deepStrictEqual(diff(storageAccountHandler, { name: "a", secretAccessKey: "k" }, { name: "b" }).replaces, ["name"]);
        assert.strictEqual(diff(storageAccountHandler, { name: "a", secretAccessKey: "k" }, { name: "a" }).changes, false);
    });
});

describe("provider configuration", () => {
    it("takes stack config first, then the Terraform provider's variables", () => {
        const fromEnv = resolveConfig(
            {},
            {
                CLOUDTEMPLE_HTTP_ADDR: "127.0.0.1:8443",
                CLOUDTEMPLE_HTTP_SCHEME: "http",
                CLOUDTEMPLE_CLIENT_ID: "id",
                CLOUDTEMPLE_SECRET_ID: "s",
            },
        );
        assert.deepStrictEqual([fromEnv.endpoint, fromEnv.clientId, fromEnv.secretId], ["http://127.0.0.1:8443", "id", "s"]);
        const fromConfig = resolveConfig(
            { "securetemple:config:endpoint": "https://api.example/api", "securetemple:config:clientId": "cfg" },
            { CLOUDTEMPLE_CLIENT_ID: "env" },
        );
        assert.deepStrictEqual([fromConfig.endpoint, fromConfig.clientId], ["https://api.example", "cfg"]);
        assert.strictEqual(resolveConfig({}).endpoint, "https://shiva.cloud-temple.com");
    });

    it("reports missing credentials by key and variable, in French and English", () => {
        const problems = configProblems(resolveConfig({}, {}));
        assert.deepStrictEqual(
            problems.map((p) => p.property),
            ["clientId", "secretId"],
        );
        assert.match(problems[0].reason, /^FR « .*CLOUDTEMPLE_CLIENT_ID.* \/ EN "securetemple:clientId" is not set/);
    });
});
