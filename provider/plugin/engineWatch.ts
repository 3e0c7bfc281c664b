// Ends the plugin when the engine that started it is gone. When `pulumi` is killed (SIGKILL, a
// cancelled CI job), the language host and this plugin are in other process groups, which the
// kill does not reach; a plugin that outlived its engine would go on with the create it was doing
// (backup policies, power-on) while the user's recovery run adopts and changes the same VM. The engine's gRPC address is the
// plugin's argument; once it refuses connections twice in a row, the plugin stops writing at once.
// What the API was already doing is found by the next create (creation marker, running activities).
import * as net from "net";

/** True when something accepts a TCP connection at `address` (host:port) within `timeoutMs`. */
export function reachable(address: string, timeoutMs = 2_000): Promise<boolean> {
    const at = address.lastIndexOf(":");
    const host = address.slice(0, at) || "127.0.0.1";
    const port = Number(address.slice(at + 1));
    return new Promise((resolve) => {
        const socket = net.connect({ host, port });
        const done = (up: boolean) => {
            socket.destroy();
            resolve(up);
        };
        socket.setTimeout(timeoutMs, () => done(true));
        socket.once("connect", () => done(true));
        socket.once("error", (err: NodeJS.ErrnoException) => done(err.code !== "ECONNREFUSED"));
    });
}

/**
 * Polls the engine at `address` every `intervalMs`; calls `onGone` once after two refused
 * connections in a row (one could be a momentary backlog). The timer does not keep the process up.
 */
export function watchEngine(address: string | undefined, onGone: () => void, intervalMs = 1_000, probe = reachable): { stop(): void } {
    if (!address || !/:\d+$/.test(address)) {
        return { stop: () => undefined };
    }
    let refused = 0;
    let busy = false;
    const timer = setInterval(() => {
        if (busy) {
            return;
        }
        busy = true;
        void probe(address).then((up) => {
            busy = false;
            refused = up ? 0 : refused + 1;
            if (refused >= 2) {
                clearInterval(timer);
                onGone();
            }
        });
    }, intervalMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
}
