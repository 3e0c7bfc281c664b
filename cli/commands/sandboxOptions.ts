// The parsers of `securetemple sandbox`'s options, apart from the command itself: the program
// registers them at start-up, and the command module loads the toolchain lookup, which `--help`,
// `check` and `sla` must not pay for.
import { CliInputError } from "../errors";

export function parsePort(value: string): number {
    const port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new CliInputError("--port", {
            fr: `${JSON.stringify(value)} n'est pas un port : un entier de 0 à 65535 est attendu (0 : un port libre).`,
            en: `${JSON.stringify(value)} is not a port: an integer from 0 to 65535 is expected (0: a free port).`,
        });
    }
    return port;
}

export function parseMilliseconds(value: string): number {
    const ms = Number(value);
    if (!Number.isInteger(ms) || ms < 0) {
        throw new CliInputError("--activity-latency", {
            fr: `${JSON.stringify(value)} n'est pas une durée : un entier de millisecondes >= 0 est attendu.`,
            en: `${JSON.stringify(value)} is not a duration: an integer number of milliseconds >= 0 is expected.`,
        });
    }
    return ms;
}
