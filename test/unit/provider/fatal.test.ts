// What the plugin does with an error nothing caught: one bilingual sentence on stderr, the stack
// in the diagnostics log only, then exit code 1, once.
import * as assert from "assert";
import { EventEmitter } from "events";
import { installFatalHandlers } from "../../../provider/plugin/fatal";

function harness() {
    const target = new EventEmitter();
    const written: string[] = [];
    const logged: string[] = [];
    const exits: number[] = [];
    let exited: () => void = () => undefined;
    const exitedOnce = new Promise<void>((resolve) => (exited = resolve));
    installFatalHandlers(
        {
            write: (text, done) => {
                written.push(text);
                done();
            },
            log: (message) => logged.push(message),
            exit: (code) => {
                exits.push(code);
                exited();
            },
        },
        target,
    );
    return { target, written, logged, exits, exitedOnce };
}

describe("plugin fatal errors", () => {
    it("report an unhandled rejection with its message, then exit 1", async () => {
        const h = harness();
        h.target.emit("unhandledRejection", new Error("token exchange refused (HTTP 429)"));
        assert.deepStrictEqual(h.exits, [], "not before the sentence is written");
        await h.exitedOnce;
        assert.deepStrictEqual(h.written, [
            "FR le fournisseur securetemple s'arrête (promesse rejetée sans traitement) : token exchange refused (HTTP 429) / EN the securetemple provider stops (unhandled promise rejection): token exchange refused (HTTP 429)\n",
        ]);
        assert.deepStrictEqual(h.exits, [1]);
        assert.match(h.logged[0], /\n\s+at /, "the stack goes to the diagnostics log");
        assert.doesNotMatch(h.written[0], /\n\s+at /, "and not to stderr");
    });

    it("report an uncaught exception, and a value that is no Error, once", async () => {
        const h = harness();
        h.target.emit("uncaughtException", "not an error");
        h.target.emit("uncaughtException", new Error("second"));
        await h.exitedOnce;
        assert.deepStrictEqual(h.written, [
            "FR le fournisseur securetemple s'arrête (exception non interceptée) : not an error / EN the securetemple provider stops (uncaught exception): not an error\n",
        ]);
        assert.deepStrictEqual(h.exits, [1]);
    });

    it("never stays silent on an empty message", async () => {
        const h = harness();
        h.target.emit("unhandledRejection", new TypeError(""));
        await h.exitedOnce;
        assert.match(h.written[0], /\(unhandled promise rejection\): TypeError\n$/);
    });
});
