// An error no handler caught ends the plugin with a sentence, never silently. Without this, an
// uncaught exception or a rejected promise outside any gRPC call was only logged by the SDK (at
// best as a stack, at worst nowhere when the engine was not attached yet) while the plugin went on
// or died without a word. The sentence goes to stderr, which the engine shows with the plugin's
// name; the stack goes to the diagnostics file (SECURETEMPLE_PROVIDER_LOG) only.
import { bilingual } from "../catalog/errors";

export interface FatalIo {
    /** Writes to stderr, calling `done` once written. */
    write(text: string, done: () => void): void;
    /** The diagnostics log (a file, or nothing). */
    log(message: string): void;
    exit(code: number): void;
}

const processIo: FatalIo = {
    write: (text, done) => void process.stderr.write(text, () => done()),
    log: () => undefined,
    exit: (code) => process.exit(code),
};

/** The sentence for an error nothing caught: what happened and the error's own message. */
export function fatalSentence(kind: "exception" | "rejection", error: unknown): string {
    const detail = (error instanceof Error ? error.message : String(error)).trim() || (error instanceof Error ? error.name : "—");
    const what =
        kind === "exception"
            ? { fr: "exception non interceptée", en: "uncaught exception" }
            : { fr: "promesse rejetée sans traitement", en: "unhandled promise rejection" };
    return bilingual({
        fr: `le fournisseur securetemple s'arrête (${what.fr}) : ${detail}`,
        en: `the securetemple provider stops (${what.en}): ${detail}`,
    });
}

/**
 * Reports the first error nothing caught and ends the process with code 1 once the sentence is
 * written. Installed before the SDK's own handlers, which still run (they answer the calls in
 * flight with the error) before the process ends on the next turn of the event loop.
 */
export function installFatalHandlers(io: Partial<FatalIo> = {}, target: NodeJS.EventEmitter = process): void {
    const { write, log, exit } = { ...processIo, ...io };
    let reported = false;
    const report = (kind: "exception" | "rejection") => (error: unknown) => {
        if (reported) {
            return;
        }
        reported = true;
        const sentence = fatalSentence(kind, error);
        log(`${sentence}${error instanceof Error && error.stack ? `\n${error.stack}` : ""}`);
        write(`${sentence}\n`, () => setImmediate(() => exit(1)));
    };
    target.on("uncaughtException", report("exception"));
    target.on("unhandledRejection", report("rejection"));
}
