// The conformance tally: one operation per address and step (apply, plan, destroy), plus one
// inventory check per group, each passed or failed with its reason. Printed at the end of the run
// so that a change to the sandbox shows as "N of M operations passed".
import { TofuResult } from "../support/opentofu";

export interface Operation {
    group: string;
    step: string;
    address: string;
    ok: boolean;
    why?: string;
}

export class Tally {
    readonly operations: Operation[] = [];

    record(op: Operation): Operation {
        this.operations.push(op);
        return op;
    }

    failures(group?: string, step?: string): Operation[] {
        return this.operations.filter((o) => !o.ok && (!group || o.group === group) && (!step || o.step === step));
    }

    summary(): string {
        const passed = this.operations.filter((o) => o.ok).length;
        const lines = [`Conformance: ${passed} of ${this.operations.length} operations passed`];
        for (const group of [...new Set(this.operations.map((o) => o.group))]) {
            const ops = this.operations.filter((o) => o.group === group);
            lines.push(`  ${group}: ${ops.filter((o) => o.ok).length} of ${ops.length}`);
        }
        for (const f of this.failures()) {
            lines.push(`  FAIL ${f.group} ${f.step} ${f.address}: ${(f.why ?? "").slice(0, 240)}`);
        }
        return lines.join("\n");
    }
}

function errorFor(result: TofuResult, address: string): string | undefined {
    return result.events
        .filter((e) => e.type === "diagnostic" && e.diagnostic?.severity === "error" && e.diagnostic.address === address)
        .map((e) => e.diagnostic?.summary)[0];
}

/** The first error no address claims (a failure of the whole run), or the exit code when there is none. */
function runFailure(result: TofuResult): string {
    return result.errors[0] ?? `exit code ${result.code}: ${result.stderr.trim().split("\n").slice(-3).join(" ")}`;
}

const completed = (result: TofuResult, address: string, actions: string[]) =>
    result.events.some((e) => e.type === "apply_complete" && e.hook?.resource.addr === address && actions.includes(e.hook.action));

/** Apply (or destroy) outcome per address: completed with one of `actions`, else its error, else the run's. */
export function perAddress(result: TofuResult, addresses: string[], actions: string[]): { address: string; ok: boolean; why?: string }[] {
    return addresses.map((address) => {
        const own = errorFor(result, address);
        if (own) {
            return { address, ok: false, why: own };
        }
        if (completed(result, address, actions)) {
            return { address, ok: true };
        }
        return { address, ok: false, why: result.code === 0 ? "never completed" : `not reached: ${runFailure(result)}` };
    });
}

/**
 * Plan outcome per address, as `-detailed-exitcode` judges it: exit code 0 is no change anywhere, 2
 * names the addresses that would change. Changes made outside Terraform that need no action
 * (`resource_drift`, such as a disk resource showing on its VM) are not counted.
 */
export function planPerAddress(result: TofuResult, addresses: string[]): { address: string; ok: boolean; why?: string }[] {
    const changing = new Map<string, string>();
    for (const e of result.events) {
        if (e.type === "planned_change" && e.change && e.change.action !== "noop") {
            changing.set(e.change.resource.addr, `change: ${e.change.action}`);
        }
    }
    return addresses.map((address) => {
        const own = errorFor(result, address);
        if (own) {
            return { address, ok: false, why: own };
        }
        if (result.code === 1) {
            return { address, ok: false, why: `plan failed: ${runFailure(result)}` };
        }
        const change = changing.get(address);
        return change ? { address, ok: false, why: change } : { address, ok: true };
    });
}
