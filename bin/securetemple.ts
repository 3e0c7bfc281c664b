#!/usr/bin/env node
// The `securetemple` command (package.json "bin"): compliance reports, SLA eligibility and the
// local sandbox. Everything lives in cli/; this file only hands over the arguments and exit code.
import { run } from "../cli/program";

run(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (err: unknown) => {
        process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        process.exitCode = 2;
    },
);
