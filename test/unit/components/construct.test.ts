// What the plugin does when the engine asks it to build a component (Construct), under mocks:
// inputs that arrive as Outputs are resolved and validated like plain values, a value still
// unknown is refused by name, a reference to a component built earlier is that component, and
// one built elsewhere is refused by name. The real path (CLI, plugin, sandbox) is in
// test/e2e/provider/construct.test.ts.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { constructComponent } from "../../../provider/components/construct";
import { Tenant } from "../../../provider/components/tenant";
import { componentTokens } from "../../../provider/resources/tokens";
import { reset, value } from "./mocks";

const known = <T>(v: T) => pulumi.output(v);
/** An Output whose value is not known, as an output of a resource not created yet is at preview. */
const unknown = () => pulumi.output(pulumi.unknown);
/** A resource reference as the engine sends it, deserialized by the SDK with the plugin's resource modules. */
const reference = (urn: string) =>
    pulumi.runtime.deserializeProperty({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialResourceSig, urn });

const tenantInputs = {
    region: "FR1",
    availabilityZones: known(["AZ05", "AZ06"]),
    snc: true,
    consoleAuthorizedIps: ["203.0.113.8/29"],
    contacts: [{ name: known("Platform"), email: "platform@demo.example" }],
    verify: false,
};

describe("components built for the engine (construct)", () => {
    beforeEach(() => reset());

    it("resolves Outputs in the inputs and builds the component with the same validation", async () => {
        const built = await constructComponent("demo", componentTokens.tenant, tenantInputs, {});
        assert.deepStrictEqual(await value(built.state.availabilityZones as pulumi.Output<string[]>), ["AZ05", "AZ06"]);
        assert.deepStrictEqual(await value(built.state.contacts as pulumi.Output<unknown>), [
            { name: "Platform", email: "platform@demo.example" },
        ]);
        await assert.rejects(
            constructComponent("bad", componentTokens.tenant, { ...tenantInputs, consoleAuthorizedIps: known(["0.0.0.0/0"]) }, {}),
            /^Error: FR Tenant « bad », consoleAuthorizedIps\[0\] : 0\.0\.0\.0\/0 ouvrirait la console à tout Internet.* \/ EN Tenant "bad", consoleAuthorizedIps\[0\]: 0\.0\.0\.0\/0 would open the console/,
        );
    });

    it("refuses, by property path, an input still unknown when the component is built", async () => {
        await assert.rejects(
            constructComponent(
                "demo",
                componentTokens.tenant,
                { ...tenantInputs, contacts: [{ name: unknown(), email: "a@b.example" }] },
                {},
            ),
            (err: Error) => {
                assert.ok(pulumi.InputPropertyError.isInstance(err));
                assert.strictEqual(err.propertyPath, "contacts[0].name");
                assert.match(
                    err.reason,
                    /^FR « contacts\[0\]\.name » doit être connu à la construction du composant .* \/ EN "contacts\[0\]\.name" must be known when the component is built/,
                );
                return true;
            },
        );
    });

    it("gives a component the live component a reference names, and refuses one it did not build", async () => {
        const built = await constructComponent("demo", componentTokens.tenant, tenantInputs, {});
        const urn = await value(built.urn as pulumi.Output<string>);
        const live = reference(urn);
        assert.ok(live instanceof Tenant, "the reference is the Tenant built above");
        assert.deepStrictEqual(live.props.availabilityZones, ["AZ05", "AZ06"]);
        const foreign = `urn:pulumi:unit::components::${componentTokens.cluster}::elsewhere`;
        await assert.rejects(
            constructComponent(
                "web",
                componentTokens.workload,
                {
                    replicas: 2,
                    cpu: 1,
                    memoryGib: 1,
                    diskGib: 10,
                    guestOperatingSystemMoref: "x",
                    tenant: live,
                    clusters: [reference(foreign)],
                    luns: [],
                },
                {},
            ),
            (err: Error) => pulumi.InputPropertyError.isInstance(err) && err.propertyPath === "clusters[0]" && err.reason.includes(foreign),
        );
        await assert.rejects(constructComponent("x", "securetemple:index:Nothing", {}, {}), /unknown component securetemple:index:Nothing/);
    });
});
