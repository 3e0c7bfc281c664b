// A failed lookup function ends a program with the provider's sentence as a pulumi.RunError (which
// the SDK prints without a stack), naming the function, in both its Promise and Output forms.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { bilingual } from "../../../provider/catalog/errors";
import { getHostCluster, getHostClusterOutput, getTenant } from "../../../provider/resources/sdk/functions";
import { functionTokens } from "../../../provider/resources/tokens";
import { lookupFailure } from "../../../provider/resources/sdk/lookupErrors";

// What the provider answers for an unknown name, and for two bad arguments at once.
const unknownCluster = bilingual({
    fr: "aucun(e) cluster d'hôtes « nope » (name) dans ce tenant ; valeurs disponibles : clu001",
    en: 'no host cluster "nope" (name) in this tenant; available values: clu001',
});

// The SDK reads a failed invoke's message from the gRPC error's `details`, as the engine sends it.
const grpcError = (message: string) => Object.assign(new Error(message), { details: message });

const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call(args) {
        if (args.token === functionTokens.getHostCluster && args.inputs.name === "nope") {
            throw grpcError(unknownCluster);
        }
        if (args.token === functionTokens.getTenant) {
            // A failure in one language only, as a transport error would be.
            throw grpcError("socket hang up");
        }
        return { id: "hc-1", name: String(args.inputs.name) };
    },
};

const settledValue = <T>(output: pulumi.Output<T>) => (output as unknown as { promise(): Promise<T> }).promise();

function assertClean(err: unknown, expected: RegExp): true {
    assert.ok(pulumi.RunError.isInstance(err), `a RunError, got ${String(err)}`);
    const message = (err as Error).message;
    assert.match(message, expected);
    assert.doesNotMatch(message, /\n\s+at /, "no stack in the message");
    return true;
}

describe("lookup function errors", () => {
    before(() => pulumi.runtime.setMocks(mocks, "lookups", "unit", false));

    it("fail the Promise form with the provider's sentence, naming the function", async () => {
        await assert.rejects(getHostCluster({ name: "nope" }), (err) =>
            assertClean(
                err,
                /^FR getHostCluster : aucun\(e\) cluster d'hôtes « nope » .* \/ EN getHostCluster: no host cluster "nope" \(name\) in this tenant; available values: clu001$/,
            ),
        );
        assert.strictEqual((await getHostCluster({ name: "clu001" })).id, "hc-1", "a found name still answers");
    });

    it("fail the Output form the same way", async () => {
        await assert.rejects(settledValue(getHostClusterOutput({ name: pulumi.output("nope") })), (err) =>
            assertClean(err, /^FR getHostCluster : aucun\(e\) .* \/ EN getHostCluster: no host cluster "nope"/),
        );
        assert.strictEqual((await settledValue(getHostClusterOutput({ name: pulumi.output("clu001") }))).name, "clu001");
    });

    it("keep a message in one language inside both halves", async () => {
        await assert.rejects(getTenant(), (err) =>
            assertClean(err, /^FR getTenant a échoué : socket hang up \/ EN getTenant failed: socket hang up$/),
        );
    });

    it("give one bilingual line per mistake, behind the SDK's invoke prefix", () => {
        const two = `Invoke of '${functionTokens.getDatastore}' failed: ${bilingual({ fr: "a", en: "b" })}\n${bilingual({ fr: "c", en: "d" })}`;
        assert.strictEqual(
            lookupFailure(functionTokens.getDatastore, new Error(two)).message,
            "FR getDatastore : a / EN getDatastore: b\nFR getDatastore : c / EN getDatastore: d",
        );
    });
});
