// A tenant made outside Pulumi comes under code in one command: VMs with disks and adapters, a
// bucket and a storage account are made out of band through the sandbox's API, the compiled
// `securetemple adopt` writes the bulk-import file, the real `pulumi import --file` writes the
// TypeScript program into a fresh stack (local backend), that program compiles, previews with no
// change, and `pulumi destroy` leaves nothing of what was adopted, and all of what was not. Then
// bad input: credentials the API refuses, an API nobody answers.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as backup from "../../../provider/api/backup";
import { InventoryRuns } from "../../../provider/api/backup";
import { ApiClient } from "../../../provider/api/client";
import * as compute from "../../../provider/api/compute";
import * as storage from "../../../provider/api/objectStorage";
import type { Sandbox } from "../../../sandbox";
import { requireToolchain } from "../../../tools/toolchain/env";
import { StackRun, openStack, repoRoot } from "../provider/harness";
import { freePort } from "../../support/ports";
import { ProcessResult, runProcess } from "../../support/process";
import { startSandbox } from "../../support/sandbox";
import { binary, ensureBuilt } from "./build";

interface ImportEntry {
    type: string;
    name: string;
    logicalName: string;
    id: string;
    parent?: string;
}

describe("securetemple adopt: a console-made tenant under code with pulumi import --file", function () {
    this.timeout(600_000);
    const prefix = "adopt";
    let sandbox: Sandbox;
    let run: StackRun;
    let api: ApiClient;
    let importFile: string;
    const made: { vms: Record<string, string>; disks: string[]; adapters: string[] } = { vms: {}, disks: [], adapters: [] };

    /** The compiled CLI, with the Terraform provider's variables pointing at the sandbox unless `env` says otherwise. */
    const adopt = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessResult> =>
        runProcess(process.execPath, [binary, "adopt", ...args], {
            cwd: run.dir,
            env: {
                ...process.env,
                CLOUDTEMPLE_HTTP_ADDR: sandbox.endpoint,
                CLOUDTEMPLE_CLIENT_ID: sandbox.clientId,
                CLOUDTEMPLE_SECRET_ID: sandbox.secretId,
                SECURETEMPLE_SHARED_BUDGET: "off",
                ...env,
            },
        });

    async function outOfBandVm(name: string, az: "az05" | "az06", policies: string[]): Promise<string> {
        const ids = sandbox.ids();
        const res = await fetch(`${sandbox.endpoint}/_admin/virtual_machines`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
                name,
                datacenterId: ids.datacenter[`dc-${az}-${az === "az05" ? "par7s" : "th3s"}`],
                hostClusterId: ids.hostCluster[`clu001-${az}-standard`],
                datastoreId: ids.datastore[`ds-${az}-standard-01`],
                memory: 2 * 1024 ** 3,
                cpu: 2,
                powerState: "stopped",
                slaPolicies: policies,
            }),
        });
        const body = await res.text();
        assert.strictEqual(res.status, 201, body);
        return (JSON.parse(body) as { id: string }).id;
    }

    async function addDevices(vmId: string, networkName: string, disks: number): Promise<void> {
        for (let i = 0; i < disks; i++) {
            const activity = await compute.startCreateDisk(api, {
                provisioningType: "dynamic",
                diskMode: "persistent",
                capacity: (10 + i) * 1024 ** 3,
                virtualMachineId: vmId,
            });
            const done = await api.waitForActivity(activity, { operation: "add a disk out of band" });
            made.disks.push(compute.createdId(done, "virtual_disk") as string);
        }
        const activity = await compute.startCreateAdapter(api, {
            virtualMachineId: vmId,
            networkId: sandbox.ids().network[networkName],
            type: "VMXNET3",
        });
        const done = await api.waitForActivity(activity, { operation: "add an adapter out of band" });
        made.adapters.push(compute.createdId(done, "network_adapter") as string);
    }

    before(async () => {
        requireToolchain();
        ensureBuilt();
        sandbox = await startSandbox({ activityLatencyMs: 50 });
        run = await openStack("imported", sandbox, prefix, { linkPackage: true });
        api = new ApiClient({
            endpoint: sandbox.endpoint,
            clientId: sandbox.clientId,
            secretId: sandbox.secretId,
            sharedBudget: false,
            poll: { initialMs: 50 },
        });
        const daily = sandbox.ids().policy["sla001-daily-par7s"];
        made.vms.web = await outOfBandVm(`${prefix}-web`, "az05", [daily]);
        made.vms.db = await outOfBandVm(`${prefix}-db`, "az06", []);
        made.vms.other = await outOfBandVm("other-vm", "az05", []);
        await addDevices(made.vms.web, "vlan-az05-app", 2);
        await addDevices(made.vms.db, "vlan-az06-app", 1);
        // The second disk of web gets a policy of its own, as the console allows: the backup side must know it first.
        await new InventoryRuns(api, 10).request({ operation: "run the backup inventory out of band" });
        await backup.assignDiskPolicies(api, made.disks[1], [sandbox.ids().policy["sla001-weekly-par7s"]], {
            operation: "assign a disk policy out of band",
        });
        await api.waitForActivity(await storage.startCreateBucket(api, { name: `${prefix}-archives`, accessType: "private" }), {
            operation: "create a bucket out of band",
        });
        await storage.createStorageAccount(api, `${prefix}-writer`);
        importFile = path.join(run.dir, "adopt.json");
    });

    after(async () => {
        await api?.close();
        run?.dispose();
        await sandbox?.stop();
    });

    it("writes the bulk-import file of what the filters keep, devices under their VM", async () => {
        const result = await adopt(["--output", importFile, "--name", `${prefix}-*`, "--nest-devices"]);
        assert.strictEqual(result.code, 0, result.stderr);
        const { resources } = JSON.parse(fs.readFileSync(importFile, "utf8")) as { resources: ImportEntry[] };
        assert.deepStrictEqual(
            resources.map((r) => `${r.type} ${r.logicalName} ${r.name}${r.parent ? ` <${r.parent}` : ""}`),
            [
                "securetemple:compute:VirtualMachine adopt-db adoptDb",
                "securetemple:compute:VirtualDisk adopt-db-disk-1 adoptDbDisk1 <adoptDb",
                "securetemple:compute:NetworkAdapter adopt-db-nic-1 adoptDbNic1 <adoptDb",
                "securetemple:compute:VirtualMachine adopt-web adoptWeb",
                "securetemple:compute:VirtualDisk adopt-web-disk-1 adoptWebDisk1 <adoptWeb",
                "securetemple:compute:VirtualDisk adopt-web-disk-2 adoptWebDisk2 <adoptWeb",
                "securetemple:compute:NetworkAdapter adopt-web-nic-1 adoptWebNic1 <adoptWeb",
                "securetemple:objectstorage:Bucket adopt-archives adoptArchives",
                "securetemple:objectstorage:StorageAccount adopt-writer adoptWriter",
            ],
        );
        assert.deepStrictEqual(
            resources
                .filter((r) => r.type.endsWith("VirtualDisk") || r.type.endsWith("NetworkAdapter"))
                .map((r) => r.id)
                .sort(),
            [...made.disks, ...made.adapters].sort(),
        );
        assert.ok(!resources.some((r) => r.id === made.vms.other), "other-vm is outside --name");
        assert.match(
            result.stderr,
            /^FR 9 objet\(s\) à adopter : 2 machine\(s\) virtuelle\(s\), 3 disque\(s\), 2 carte\(s\) réseau, 1 bucket\(s\), 1 compte\(s\) de stockage, écrits dans .*adopt\.json\. \/ EN 9 object\(s\) to adopt/,
        );
        assert.match(result.stderr, /secretAccessKey stays empty/);
        assert.ok(!result.stderr.includes(sandbox.secretId) && !result.stdout.includes(sandbox.secretId), "the secret is never printed");
    });

    it("pulumi import --file writes a TypeScript program that compiles against the package", async () => {
        const code = path.join(run.dir, "index.ts");
        fs.rmSync(code);
        await run.ok(["import", "--file", importFile, "--yes", "--protect=false", "--out", code]);
        const text = fs.readFileSync(code, "utf8");
        assert.match(text, /const adoptWeb = new securetemple\.compute\.VirtualMachine\("adopt-web", \{/, text);
        assert.match(
            text,
            /new securetemple\.compute\.VirtualDisk\("adopt-web-disk-2", \{[^]*?virtualMachineId: adoptWeb\.id,[^]*?\}, \{[^]*?parent: adoptWeb/,
            text,
        );
        const weekly = sandbox.ids().policy["sla001-weekly-par7s"];
        assert.match(
            text,
            new RegExp(`VirtualMachine\\("adopt-web", \\{\\s+backupPolicies: \\["${sandbox.ids().policy["sla001-daily-par7s"]}"\\]`),
            text,
        );
        assert.match(
            text,
            new RegExp(`VirtualDisk\\("adopt-web-disk-2", \\{\\s+backupPolicies: \\["${weekly}"\\]`),
            "the disk's own policy is adopted with it",
        );
        assert.doesNotMatch(
            text,
            /VirtualDisk\("adopt-web-disk-1", \{\s+backupPolicies/,
            "a disk without a policy of its own declares none",
        );
        const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
        try {
            execFileSync(process.execPath, [tsc, "-p", run.dir], { encoding: "utf8", stdio: "pipe" });
        } catch (err) {
            const e = err as { stdout?: string; stderr?: string };
            assert.fail(`tsc failed on the imported code:\n${e.stdout}${e.stderr}\n--- code\n${text}`);
        }
    });

    it("the program previews with no change, and a second adopt with the stack export and its config finds nothing left", async () => {
        await run.ok(["preview", "--expect-no-changes", "--diff"], { PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
        const exported = path.join(run.dir, "state.json");
        fs.writeFileSync(exported, JSON.stringify(await run.exportState()));
        // This time the credentials come from the stack's config (--stack), as the provider's do, not from the environment.
        const again = await adopt(
            ["--output", path.join(run.dir, "again.json"), "--name", `${prefix}-*`, "--skip-managed", exported, "--stack", run.stack],
            {
                ...run.workspace.env,
                CLOUDTEMPLE_HTTP_ADDR: "",
                CLOUDTEMPLE_CLIENT_ID: "",
                CLOUDTEMPLE_SECRET_ID: "",
            },
        );
        assert.strictEqual(again.code, 1, again.stderr);
        assert.match(again.stderr, /9 object\(s\) already managed by the exported stack, left out/);
        assert.match(again.stderr, /nothing to adopt with these filters: no file written/);
    });

    it("pulumi destroy removes what was adopted and nothing else", async () => {
        await run.ok(["destroy", "--yes", "--skip-preview"], { PULUMI_NODEJS_TRANSPILE_ONLY: "true" });
        const vms = (sandbox.listVirtualMachines() as { id: string }[]).map((v) => v.id);
        assert.deepStrictEqual(vms, [made.vms.other]);
        assert.deepStrictEqual(sandbox.listDisks(), []);
        assert.deepStrictEqual(sandbox.listNetworkAdapters(), []);
        assert.deepStrictEqual(
            (sandbox.listBuckets() as { name: string }[]).map((b) => b.name),
            [],
        );
        assert.deepStrictEqual(
            (sandbox.listStorageAccounts() as { name: string }[]).map((a) => a.name),
            [],
        );
    });

    it("names the credentials when the API refuses them: exit code 2, before any file", async () => {
        const output = path.join(run.dir, "refused.json");
        const result = await adopt(["--output", output], { CLOUDTEMPLE_SECRET_ID: "not-the-secret" });
        assert.strictEqual(result.code, 2, result.stderr);
        assert.match(result.stderr, /^FR credentials : l'API .* refuse les identifiants \(HTTP 401/);
        assert.match(
            result.stderr,
            / \/ EN credentials: the API at .* refuses the credentials \(HTTP 401.*check CLOUDTEMPLE_CLIENT_ID and CLOUDTEMPLE_SECRET_ID/,
        );
        assert.ok(!result.stderr.includes("not-the-secret"));
        assert.ok(!fs.existsSync(output));
    });

    it("says the API cannot be reached when nothing answers: exit code 4", async () => {
        const closed = `http://127.0.0.1:${await freePort()}`;
        const result = await adopt(["--output", path.join(run.dir, "unreachable.json"), "--endpoint", closed]);
        assert.strictEqual(result.code, 4, result.stderr);
        assert.match(
            result.stderr,
            new RegExp(
                `^FR l'API ${closed} est injoignable .* / EN the API at ${closed} cannot be reached .*check the address \\(--endpoint`,
            ),
        );
    });
});
