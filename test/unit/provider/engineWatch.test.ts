// The plugin stops when its engine is gone: two refused connections in a row, never one alone.
import * as assert from "assert";
import * as net from "net";
import { reachable, watchEngine } from "../../../provider/plugin/engineWatch";
import { useFakeClock } from "../api/fakeClock";

describe("plugin: watching the engine", () => {
    describe("with a scripted probe", () => {
        const clock = useFakeClock();

        it("calls onGone once, after two refused probes in a row", async () => {
            const answers = [true, false, true, false, false, false];
            let gone = 0;
            watchEngine(
                "127.0.0.1:1234",
                () => gone++,
                1_000,
                async () => answers.shift() ?? false,
            );
            for (let i = 0; i < 4; i++) {
                await clock().tickAsync(1_000);
            }
            assert.strictEqual(gone, 0, "a refusal followed by an answer is not the engine gone");
            await clock().tickAsync(1_000);
            assert.strictEqual(gone, 1);
            await clock().tickAsync(5_000);
            assert.strictEqual(gone, 1, "called once");
        });

        it("does nothing without an address", async () => {
            let gone = 0;
            watchEngine(
                undefined,
                () => gone++,
                1_000,
                async () => false,
            );
            await clock().tickAsync(10_000);
            assert.strictEqual(gone, 0);
        });
    });

    it("a listening port is reachable; once closed, it is refused", async () => {
        const server = net.createServer((s) => s.end());
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
        assert.strictEqual(await reachable(address), true);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        assert.strictEqual(await reachable(address), false);
    });
});
