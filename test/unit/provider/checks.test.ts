// The shape checks of `check`, read from the declarations: every message is "FR … / EN …" as
// bilingual() joins it (the CLI keeps one half with pickLanguage), each half in its own language,
// the value shown as given, one failure per mistake; nested paths are named in the reason while
// the engine is told the top-level property (the one it can show the value of).
import * as assert from "assert";
import { pickLanguage } from "../../../cli/language";
import { SecureTempleProvider } from "../../../provider/resources/nativeProvider";
import { checkInputs, dispatched } from "../../../provider/resources/handlers/handler";
import { bucketHandler } from "../../../provider/resources/handlers/bucket";
import { networkAdapterHandler } from "../../../provider/resources/handlers/networkAdapter";
import { virtualMachineHandler } from "../../../provider/resources/handlers/virtualMachine";
import { configProblems, resolveConfig } from "../../../provider/resources/handlers/config";
import { unknownValue } from "../../../provider/resources/handlers/properties";
import { resourceTokens } from "../../../provider/resources/tokens";
import { Failures, checkProperties, checkValue } from "../../../provider/schema/validate";
import { virtualMachine } from "../../../provider/schema/compute";

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
};
const vmCheck = (news: Record<string, unknown>) => checkInputs(dispatched(virtualMachineHandler), news).failures;
const reasonsOf = (failures: { property: string; reason: string }[], property: string) =>
    failures.filter((f) => f.property === property).map((f) => f.reason);

describe("provider check messages", () => {
    it("are bilingual() sentences whose halves the CLI splits, with no French in the English half", () => {
        const failures = vmCheck({ ...vm, hostClusterId: "nope", memory: 3.5, powerState: "maybe", name: "a/b", numCoresPerSocket: 0 });
        assert.deepStrictEqual(failures.map((f) => f.property).sort(), [
            "hostClusterId",
            "memory",
            "name",
            "numCoresPerSocket",
            "powerState",
        ]);
        for (const { reason } of failures) {
            assert.match(reason, /^FR .+ \/ EN .+$/, reason);
            const en = pickLanguage(reason, "en");
            const fr = pickLanguage(reason, "fr");
            assert.ok(en !== reason && fr !== reason, `the CLI splits ${reason}`);
            assert.doesNotMatch(en, /«|»| un | une | doit | vaut | attendue? /, `French in the English half: ${en}`);
            assert.doesNotMatch(fr, /\bmust\b|\bexpected\b|\bgot\b|\ballowed\b/, `English in the French half: ${fr}`);
        }
        const [hostCluster] = reasonsOf(failures, "hostClusterId");
        assert.strictEqual(pickLanguage(hostCluster, "en"), '"hostClusterId" is "nope"; expected a UUID (8-4-4-4-12 hexadecimal digits)');
        assert.strictEqual(
            pickLanguage(hostCluster, "fr"),
            '« hostClusterId » vaut "nope" ; valeur attendue : un UUID (8-4-4-4-12 chiffres hexadécimaux)',
        );
    });

    it("show NaN and infinities as they are, not as null", () => {
        for (const [value, text] of [
            [NaN, "NaN"],
            [Infinity, "Infinity"],
        ] as const) {
            const [reason] = reasonsOf(vmCheck({ ...vm, cpu: value }), "cpu");
            assert.ok(reason.includes(`(reçu : ${text})`) && reason.includes(`(got ${text})`), reason);
            assert.doesNotMatch(reason, /null/);
        }
    });

    it("report a value once, whatever rules it breaks: memory -1 is one failure", () => {
        assert.deepStrictEqual(reasonsOf(vmCheck({ ...vm, memory: -1 }), "memory"), [
            'FR « memory » doit être un entier ≥ 134217728 (reçu : -1) / EN "memory" must be an integer ≥ 134217728 (got -1)',
        ]);
        assert.deepStrictEqual(reasonsOf(vmCheck({ ...vm, memory: 200 * 1024 ** 2 + 1 }), "memory"), [
            'FR « memory » doit être un multiple de 1 Mio (1048576 octets) (reçu : 209715201) / EN "memory" must be a multiple of 1 MiB (1048576 bytes) (got 209715201)',
        ]);
        // A cross-property rule reads only valid values: an invalid cpu gives no "multiple of" failure.
        assert.deepStrictEqual(
            vmCheck({ ...vm, cpu: 0, numCoresPerSocket: 2 }).map((f) => f.property),
            ["cpu"],
        );
        assert.deepStrictEqual(
            vmCheck({ ...vm, cpu: 3, numCoresPerSocket: 2 }).map((f) => f.property),
            ["numCoresPerSocket"],
        );
    });

    it("agree in gender in French: « valeur attendue », whatever the expected value is", () => {
        const endpoint =
            configProblems(resolveConfig({ "securetemple:endpoint": "ftp://x" }, {})).find((p) => p.property === "endpoint")?.reason ?? "";
        assert.match(pickLanguage(endpoint, "fr"), /valeur attendue : une URL http\(s\)/);
        const mac = checkInputs(dispatched(networkAdapterHandler), { virtualMachineId: uuid(1), networkId: uuid(2), macAddress: "zz" })
            .failures[0].reason;
        assert.match(pickLanguage(mac, "fr"), /« macAddress » vaut "zz" ; valeur attendue : une adresse MAC aa:bb:cc:dd:ee:ff/);
        assert.doesNotMatch(mac, /attendu :/);
    });

    it("name a nested path in the reason, and the top-level property (which has a value) to the engine", async () => {
        const provider = new SecureTempleProvider({ version: "0.0.0-test" });
        const news = {
            name: "logs",
            accessType: "custom",
            whitelist: ["10.0.0.0/8", "300.1.1.1/32"],
            lifecycleRules: [{ id: "r1", expirationDays: "ten" }],
        };
        const { failures } = await provider.check(`urn:pulumi:s::p::${resourceTokens.bucket}::logs`, {}, news);
        assert.deepStrictEqual(failures?.map((f) => f.property).sort(), ["lifecycleRules", "whitelist"]);
        for (const f of failures ?? []) {
            assert.ok(f.property in news, `${f.property} is a property the engine can show the value of`);
        }
        assert.match(failures?.find((f) => f.property === "whitelist")?.reason ?? "", /« whitelist\[1\] » vaut « 300\.1\.1\.1\/32 »/);
        assert.match(
            failures?.find((f) => f.property === "lifecycleRules")?.reason ?? "",
            /"lifecycleRules\[0\]\.expirationDays" must be an integer from 1 to 36500 \(got "ten"\)/,
        );
        // The handler-level failures keep the whole path.
        assert.deepStrictEqual(
            checkInputs(dispatched(bucketHandler), news)
                .failures.map((f) => f.property)
                .sort(),
            ["lifecycleRules[0].expirationDays", "whitelist[1]"],
        );
        await provider.close();
    });
});

describe("provider shape checks from the declarations", () => {
    it("check types, required properties, enums, ranges and patterns, and fill in the defaults", () => {
        const { inputs, failures } = checkInputs(dispatched(virtualMachineHandler), { ...vm, cpu: "2", backupPolicies: "x" });
        assert.deepStrictEqual(
            failures.map((f) => f.property),
            ["cpu", "backupPolicies"],
        );
        assert.strictEqual(inputs.powerState, "on");
        const missing = checkInputs(dispatched(virtualMachineHandler), {
            guestOperatingSystemMoref: "ubuntu64Guest",
            powerState: "off",
        }).failures;
        assert.deepStrictEqual(
            missing.map((f) => f.property),
            ["name", "datacenterId", "hostClusterId", "datastoreId", "memory", "cpu", "backupPolicies"],
        );
        assert.strictEqual(
            reasonsOf(missing, "backupPolicies")[0],
            'FR « backupPolicies » est obligatoire (une liste) / EN "backupPolicies" is required (a list)',
        );
        const bucket = checkInputs(dispatched(bucketHandler), { name: "b" }).failures;
        assert.strictEqual(
            bucket[0].reason,
            'FR « accessType » est obligatoire ; valeurs permises : private, public, custom / EN "accessType" is required; allowed values: private, public, custom',
        );
    });

    it("check every item of a list, every value of a map and every field of an object", () => {
        const out = new Failures();
        const valid = checkValue(
            {
                type: "array",
                items: {
                    type: "object",
                    object: {
                        token: "t",
                        description: { fr: "", en: "" },
                        properties: { id: { type: "string", required: true, description: { fr: "", en: "" } } },
                    },
                },
            },
            [{ id: "a" }, {}, "x", { id: 3 }],
            "rules",
            out,
        );
        assert.strictEqual(valid, false);
        assert.deepStrictEqual(
            out.list.map((f) => f.property),
            ["rules[1].id", "rules[2]", "rules[3].id"],
        );
        const tags = new Failures();
        checkValue({ type: "map", values: { type: "string" } }, { env: "prod", owner: 7 }, "tags", tags);
        assert.deepStrictEqual(
            tags.list.map((f) => f.property),
            ["tags.owner"],
        );
    });

    it("leave values unknown at preview unchecked, and out of the values rules may read", () => {
        const out = new Failures();
        const { valid, known } = checkProperties(
            virtualMachine.properties,
            { ...vm, cpu: unknownValue, backupPolicies: [unknownValue, "bad"] },
            out,
        );
        assert.strictEqual(valid, false);
        assert.deepStrictEqual(
            out.list.map((f) => f.property),
            ["backupPolicies[1]"],
        );
        assert.ok(!("cpu" in known) && !("backupPolicies" in known) && known.memory === vm.memory);
    });

    it("never check an output: a program cannot set one, and the state may hold it", () => {
        assert.deepStrictEqual(vmCheck({ ...vm, moref: 42, pendingCreateActivityId: false }), []);
    });
});

describe("provider check of VM names", () => {
    const bad: [string, string][] = [
        ["a space", "web 1"],
        ["a trailing space", "web-1 "],
        ["a double quote", 'web"1'],
        ["a single quote", "o'brien"],
        ["unicode letters", "serveur-été"],
        ["an emoji", "web-🚀"],
        ["SQL-like text", "x'; DROP TABLE virtual_machines; --"],
        ["a path separator", "a/b"],
        ["a leading dot", ".hidden"],
        ["a leading hyphen", "-web"],
    ];
    for (const [what, name] of bad) {
        it(`refuses a name with ${what}, showing the allowed pattern in French and English`, () => {
            const [failure, ...rest] = vmCheck({ ...vm, name });
            assert.deepStrictEqual(rest, []);
            assert.strictEqual(failure.property, "name");
            assert.ok(
                pickLanguage(failure.reason, "en").includes(
                    `"name" is ${JSON.stringify(name)}; expected a VM name of ASCII letters, digits, "-", "_" and "."`,
                ),
                failure.reason,
            );
            assert.ok(failure.reason.includes("(^[A-Za-z0-9][A-Za-z0-9._-]*$)"), failure.reason);
            assert.match(pickLanguage(failure.reason, "fr"), /valeur attendue : un nom de VM de lettres ASCII/);
        });
    }

    it("refuses a name longer than vSphere's 80 characters, and takes every allowed shape", () => {
        assert.deepStrictEqual(
            vmCheck({ ...vm, name: "a".repeat(81) }).map((f) => f.property),
            ["name"],
        );
        for (const name of ["a".repeat(80), "web-1", "WEB_01", "db.prod-2", "9lives"]) {
            assert.deepStrictEqual(vmCheck({ ...vm, name }), [], name);
        }
    });
});
