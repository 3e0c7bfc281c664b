// Measures `securetemple check` on synthetic state exports of 1 000 and 10 000 resources (the
// policy benchmark's resource mix, written as a `pulumi stack export` document): the whole
// in-process check (read, evaluate, report) per output format, and how much of it the report
// formatting itself costs. Prints medians and ratios; asserts nothing.
// Usage: node -r ts-node/register/transpile-only bench/cli-reports.ts [runs]
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildCheckReport } from "../cli/commands/check";
import { CliIo } from "../cli/io";
import { formatReport, reportFormats } from "../cli/report";
import { syntheticStack } from "./policies-scale";

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const quietIo: CliIo = { stdout: () => undefined, stderr: () => undefined, readStdin: () => Promise.resolve("") };

/** A state export document holding the synthetic stack (inputs as registered, no outputs). */
function exportDocument(size: number): string {
    const resources = syntheticStack(size).map((r) => ({
        urn: r.urn,
        custom: !r.type.startsWith("securetemple:index:") && r.type !== "securetemple:compute:Workload",
        type: r.type,
        inputs: r.props,
        ...(r.parent ? { parent: r.parent } : {}),
        dependencies: r.dependencies ?? [],
        propertyDependencies: r.propertyDependencies ?? {},
    }));
    return JSON.stringify({ version: 3, deployment: { manifest: { version: "v3.248.0" }, resources } });
}

async function main(): Promise<void> {
    const runs = Number(process.argv[2] ?? 5);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "securetemple-bench-cli-"));
    try {
        console.log(`securetemple check, median of ${runs} runs`);
        console.log("resources  findings  check+text ms  format ms: text / json / sarif / junit  (formatting share of the text check)");
        for (const size of [1_000, 10_000]) {
            const file = path.join(dir, `export-${size}.json`);
            fs.writeFileSync(file, exportDocument(size));
            const checks: number[] = [];
            const formats: Record<string, number[]> = Object.fromEntries(reportFormats.map((f) => [f, []]));
            let findings = 0;
            for (let i = 0; i < runs; i++) {
                const t0 = process.hrtime.bigint();
                const report = await buildCheckReport({ stateExport: file, format: "text", lang: "fr" }, quietIo);
                const t1 = process.hrtime.bigint();
                findings = report.findings.length;
                for (const f of reportFormats) {
                    const s = process.hrtime.bigint();
                    await formatReport(report, f, "fr");
                    formats[f].push(Number(process.hrtime.bigint() - s) / 1e6);
                }
                checks.push(Number(t1 - t0) / 1e6 + formats.text[formats.text.length - 1]);
            }
            const m = Object.fromEntries(reportFormats.map((f) => [f, median(formats[f])]));
            const check = median(checks);
            console.log(
                `${String(size).padStart(9)}  ${String(findings).padStart(8)}  ${check.toFixed(1).padStart(13)}  ` +
                    `${reportFormats
                        .map((f) => m[f].toFixed(1))
                        .join(" / ")
                        .padStart(39)}  (${((m.text / check) * 100).toFixed(1)} %)`,
            );
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main().catch((e: unknown) => {
        console.error(e);
        process.exit(1);
    });
}
