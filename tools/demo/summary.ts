// What the demo prints after `pulumi up`: the resources per AZ, the tenant's SLA eligibility and
// the policy results, read from the stack outputs and from the engine's event log.
import * as fs from "fs";
import { SlaEligibility, slas } from "../../provider/catalog";

export interface PolicyResults {
    passed: Set<string>;
    violations: { policy: string; level: string; urn: string; message: string }[];
}

/** Policy results of the last run, from the engine event log (`--event-log`). */
export function readPolicyResults(eventLog: string): PolicyResults {
    const results: PolicyResults = { passed: new Set(), violations: [] };
    if (!fs.existsSync(eventLog)) {
        return results;
    }
    for (const line of fs.readFileSync(eventLog, "utf8").split("\n")) {
        if (!line.trim()) {
            continue;
        }
        const event = JSON.parse(line) as {
            policyEvent?: { policyName: string; enforcementLevel: string; resourceUrn?: string; message: string };
            policyAnalyzeSummaryEvent?: { passed?: string[] };
            policyAnalyzeStackSummaryEvent?: { passed?: string[] };
        };
        for (const name of [...(event.policyAnalyzeSummaryEvent?.passed ?? []), ...(event.policyAnalyzeStackSummaryEvent?.passed ?? [])]) {
            results.passed.add(name);
        }
        const v = event.policyEvent;
        if (v) {
            results.violations.push({
                policy: v.policyName,
                level: v.enforcementLevel,
                urn: v.resourceUrn ?? "(stack)",
                message: v.message.trim(),
            });
        }
    }
    for (const v of results.violations) {
        results.passed.delete(v.policy);
    }
    return results;
}

interface Placement {
    vm: string;
    cluster: string;
    lun: string;
    backupSites: string[];
}

export function formatSummary(outputs: Record<string, unknown>, policies: PolicyResults): string[] {
    const lines: string[] = [];
    const tenant = outputs.tenant as { name: string; region: string; availabilityZones: string[]; snc: boolean } | undefined;
    if (tenant) {
        lines.push(
            `Tenant ${tenant.name}: region ${tenant.region}, AZs ${tenant.availabilityZones.join(", ")}, SecNumCloud ${tenant.snc ? "yes" : "no"}`,
        );
    }
    lines.push("", "Resources per availability zone / Ressources par zone de disponibilité:");
    const byAz = (outputs.resourcesByAz ?? {}) as Record<string, Placement[]>;
    for (const az of Object.keys(byAz).sort()) {
        lines.push(`  ${az}`);
        for (const p of byAz[az]) {
            lines.push(
                `    VM ${p.vm.padEnd(10)} cluster ${p.cluster}, LUN ${p.lun}, backups kept in ${p.backupSites.join(", ") || "(none)"}`,
            );
        }
    }
    const buckets = (outputs.buckets ?? []) as string[];
    if (buckets.length > 0) {
        lines.push(`  Object storage (multi-AZ): ${buckets.join(", ")}`);
    }
    lines.push("", "SLA eligibility / Éligibilité aux SLA:");
    for (const s of (outputs.slaEligibility ?? []) as SlaEligibility[]) {
        const title = slas[s.sla]?.title.en ?? s.code;
        lines.push(
            `  SLA ${String(s.sla).padEnd(3)} ${(s.eligible ? "eligible" : "NOT eligible").padEnd(13)} ${title}${s.reason ? ` (${s.reason.en})` : ""}`,
        );
    }
    lines.push("", "Policy pack / Politiques:");
    lines.push(`  ${policies.passed.size} policies passed, ${policies.violations.length} violation(s)`);
    for (const v of policies.violations) {
        lines.push(`  [${v.level}] ${v.policy} on ${v.urn.split("::").pop()}: ${v.message.split("\n").join(" ")}`);
    }
    return lines;
}
