// What a command may touch outside itself: its output streams and standard input. The binary
// passes the process's; tests pass buffers.
import { readProcessStdin, StdinReader } from "./input/source";

export interface CliIo {
    stdout(text: string): void;
    stderr(text: string): void;
    readStdin: StdinReader;
}

export const processIo: CliIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: readProcessStdin,
};
