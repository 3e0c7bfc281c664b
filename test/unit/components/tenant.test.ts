import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Tenant, TenantArgs } from "../../../provider/components";
import { calls, captureWarnings, realTenant, registered, reset, settle, value } from "./mocks";

const base: TenantArgs = {
    region: "FR1",
    availabilityZones: ["AZ05", "AZ06"],
    snc: true,
    consoleAuthorizedIps: ["203.0.113.8/29", "2001:db8:10::/56"],
    maxConsoleIpPrefix: 24,
    contacts: [{ name: "Platform", email: "platform@acme.example", role: "technical" }],
};

function expectError(args: Partial<TenantArgs> & Record<string, unknown>, pattern: RegExp): void {
    assert.throws(
        () => new Tenant("t", { ...base, ...args } as TenantArgs),
        (e: unknown) => pulumi.ResourceError.isInstance(e) && pattern.test((e as Error).message),
    );
}

describe("Tenant", () => {
    beforeEach(reset);

    it("registers its validated inputs under the agreed names", async () => {
        const tenant = new Tenant("acme", base);
        await settle();
        const [component] = registered("securetemple:index:Tenant", "acme");
        assert.ok(component, "component registered");
        assert.equal(component.inputs.region, "FR1");
        assert.deepEqual(component.inputs.availabilityZones, ["AZ05", "AZ06"]);
        assert.equal(component.inputs.snc, true);
        assert.deepEqual(component.inputs.consoleAuthorizedIps, ["203.0.113.8/29", "2001:db8:10::/56"]);
        assert.equal(component.inputs.maxConsoleIpPrefix, 24);
        assert.deepEqual(component.inputs.contacts, base.contacts);
        assert.deepEqual(await value(tenant.availabilityZones), ["AZ05", "AZ06"]);
        assert.deepEqual(tenant.props.availabilityZones, ["AZ05", "AZ06"]);
    });

    it("exposes SLA eligibility: all ten with two AZs", async () => {
        const tenant = new Tenant("acme", base);
        const slas = await value(tenant.slaEligibility);
        assert.equal(slas.length, 10);
        assert.ok(slas.every((s) => s.eligible));
    });

    it("withholds SLAs 1, 2 and 4 from a single-AZ tenant and warns", async () => {
        let tenant!: Tenant;
        const warnings = await captureWarnings(() => {
            tenant = new Tenant("solo", { ...base, availabilityZones: ["AZ07"] });
        });
        const slas = await value(tenant.slaEligibility);
        assert.deepEqual(
            slas.filter((s) => !s.eligible).map((s) => s.sla),
            [1, 2, 4],
        );
        assert.match(slas[0].reason!.en, /two availability zones/);
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /^FR .*SLA 1, 2 et 4.* \/ EN .*SLAs 1, 2 and 4/);
    });

    it("files its errors under its own URN, not under its parent", async () => {
        const parent = new pulumi.ComponentResource("acme:index:Org", "org", {});
        let error: unknown;
        try {
            new Tenant("t", { ...base, region: "FR2" } as TenantArgs, { parent });
        } catch (e) {
            error = e;
        }
        assert.ok(pulumi.ResourceError.isInstance(error));
        const resource = (error as pulumi.ResourceError).resource;
        assert.ok(resource && resource !== parent);
        assert.match(await value(resource.urn), /::acme:index:Org\$securetemple:index:Tenant::t$/);
    });

    it("refuses bad regions, zones and flags, naming the field and allowed values", () => {
        expectError({ region: "FR2" }, /region.*FR1/);
        expectError(
            { availabilityZones: ["AZ05", "AZ01"] },
            /Tenant « t », availabilityZones\[1\].*Allowed values: AZ05 \(PAR7S\), AZ06 \(TH3S\), AZ07 \(DATA4\)/,
        );
        expectError({ availabilityZones: [] }, /availabilityZones.*at least 1/);
        expectError({ availabilityZones: ["AZ05", "AZ05"] }, /twice/);
        expectError({ snc: "yes" as unknown as boolean }, /snc.*boolean/);
    });

    it("refuses an empty, open or too-wide console allow-list", () => {
        expectError({ consoleAuthorizedIps: [] }, /consoleAuthorizedIps.*at least 1/);
        expectError({ consoleAuthorizedIps: ["0.0.0.0/0"] }, /consoleAuthorizedIps\[0\].*whole Internet/);
        expectError({ consoleAuthorizedIps: ["::/0"] }, /consoleAuthorizedIps\[0\].*whole Internet/);
        expectError({ consoleAuthorizedIps: ["198.51.0.0/16"] }, /consoleAuthorizedIps\[0\].*wider than the accepted \/24/);
        expectError({ consoleAuthorizedIps: ["198.51.100.0/24"], maxConsoleIpPrefix: 28 }, /wider than the accepted \/28/);
        expectError({ consoleAuthorizedIps: ["2001:db8::/32"] }, /wider than the accepted \/56/);
        expectError({ consoleAuthorizedIps: ["203.0.113.300/32"] }, /consoleAuthorizedIps\[0\].*malformed CIDR/);
        expectError({ consoleAuthorizedIps: ["203.0.113.8/29", "203.0.113.8/29"] }, /appears twice/);
        expectError({ maxConsoleIpPrefix: 4 }, /maxConsoleIpPrefix.*8\.\.32/);
    });

    it("requires contacts with a name and a valid e-mail", () => {
        expectError({ contacts: [] }, /contacts.*at least 1/);
        expectError({ contacts: [{ name: "x", email: "nope" }] }, /contacts\[0\]\.email.*invalid e-mail/);
        expectError({ contacts: [{ name: "", email: "a@b.fr" }] }, /contacts\[0\]\.name/);
    });

    it("verifies the declaration against the real tenant: SNC flag and subscribed AZs", async () => {
        const ok = new Tenant("ok", base);
        assert.equal(await value(ok.tenantId), "tenant-1");
        assert.deepEqual(calls.map((c) => c.token).sort(), ["securetemple:index:getAvailabilityZones", "securetemple:index:getTenant"]);
        await assert.rejects(
            value(new Tenant("not-snc", { ...base, snc: false }).tenantId),
            /Tenant "not-snc", snc: declared false, but tenant "secure-temple-demo" has snc = true/,
        );
        const zones = realTenant.zones;
        realTenant.zones = ["AZ05", "AZ06"];
        try {
            await assert.rejects(
                value(new Tenant("az07", { ...base, availabilityZones: ["AZ06", "AZ07"] }).tenantId),
                /availabilityZones: tenant "secure-temple-demo" did not subscribe to AZ07\. Allowed values: AZ05, AZ06/,
            );
        } finally {
            realTenant.zones = zones;
        }
    });

    it("skips the verification with verify: false", async () => {
        const declared = new Tenant("declared", { ...base, snc: false, verify: false });
        assert.equal(await value(declared.tenantId), undefined);
        assert.equal(calls.length, 0);
        expectError({ verify: "no" as unknown as boolean }, /verify.*boolean/);
    });

    it("errors read French first, then English", () => {
        try {
            new Tenant("t", { ...base, region: "FR2" });
            assert.fail("no error");
        } catch (e) {
            assert.match(
                (e as Error).message,
                /^FR Tenant « t », region : région inconnue "FR2"\. Valeurs autorisées : FR1\. \/ EN Tenant "t", region: unknown region "FR2"\. Allowed values: FR1\.$/,
            );
        }
    });
});
