// Requests checked by their route schemas over real HTTP: the 400 names the field (nested and array
// fields by path), says what it accepts, in French then English; no coercion of "1" into 1 (a Go
// client would refuse the answer to such a request anyway); the guards answer before validation;
// an over-long URL gets the API's bilingual error body.
import * as assert from "assert";
import { Sandbox } from "../../../sandbox";
import { ApiClient, vmBody, vmPath } from "./client";
import { startSandbox } from "../../support/sandbox";

describe("sandbox: request validation", function () {
    let sandbox: Sandbox;
    let api: ApiClient;

    before(async () => {
        sandbox = await startSandbox({ dedupe: false, rateLimits: false });
        api = new ApiClient(sandbox);
    });
    after(async () => {
        await sandbox?.stop();
    });

    it("names a missing field and what it accepts", async () => {
        const body = vmBody(sandbox, "no-os");
        delete body.guestOperatingSystemMoref;
        const r = await api.rejects("POST", vmPath, body, "guestOperatingSystemMoref", "VALIDATION");
        assert.strictEqual(
            r.json.error.message,
            'le champ « guestOperatingSystemMoref » est obligatoire (une chaîne non vide) / field "guestOperatingSystemMoref" is required (a non-empty string)',
        );
        assert.strictEqual(r.json.error.allowed, "a non-empty string");
    });

    it("refuses a number sent as a string instead of coercing it", async () => {
        const r = await api.rejects("POST", vmPath, vmBody(sandbox, "str-mem", { memory: "1073741824" }), "memory");
        assert.match(r.json.error.message, /got "1073741824"/);
        assert.match(r.json.error.message, /^le champ « memory » doit être un nombre d'octets \(entier\)/);
    });

    it("names nested and array fields by their path, with the allowed values", async () => {
        const vmId = await api.run("POST", vmPath, vmBody(sandbox, "boot"));
        const r = await api.rejects("PATCH", vmPath, { id: vmId, bootOptions: { firmware: "uefi" } }, "bootOptions.firmware");
        assert.strictEqual(r.json.error.allowed, "bios, efi");
        await api.rejects(
            "POST",
            "/api/storage/object/v1/buckets",
            { name: "val-bucket", accessType: "custom", whitelist: ["10.0.0.0/8", 7] },
            "whitelist[1]",
        );
        await api.rejects("POST", "/api/storage/object/v1/buckets", { name: "Not_S3", accessType: "private" }, "name");
        await api.rejects(
            "POST",
            "/api/compute/v1/vcenters/content_libraries/" + sandbox.ids().contentLibrary["lib-az05-templates"] + "/items",
            {
                contentLibraryItemId: sandbox.ids().contentLibraryItem["ubuntu-24.04-cloudimg"],
                name: "lib",
                networkData: [{ networkId: "x" }],
            },
            "networkData[0].networkId",
        );
    });

    it("refuses a body that is not a JSON object", async () => {
        const r = await api.rejects("POST", vmPath, [1, 2], "(body)");
        assert.match(r.json.error.message, /un objet JSON .* a JSON object/);
    });

    it("answers 401 to an unauthenticated request before looking at its body", async () => {
        const r = await api.raw("POST", vmPath, { name: 42 }, false);
        assert.strictEqual(r.status, 401);
    });

    it("answers an over-long path parameter with 414 and the API's bilingual error body", async () => {
        const r = await api.get(`${vmPath}/${"a".repeat(300)}`);
        assert.strictEqual(r.status, 414);
        assert.strictEqual(r.json.error.status, "414 URI Too Long");
        assert.match(r.json.error.message, /^URI trop longue : .* \/ URI too long: /);
    });
});
