// Asynchronous activities. A write is checked at once, then returns an activity; the change itself
// is applied when the activity ends (waiting, then running, then completed or failed), as on the
// real platform where an object appears only once its task has run. The timing lives in the store
// (start and end instants), so a restarted sandbox carries on with the activities it had.
import { ActivityData, ActivityEffect, Store, StoredActivity } from "../store/database";
import { newId } from "../store/ids";
import { SandboxClock, systemClock } from "../clock";

export type EffectHandler = (args: Record<string, unknown>) => Promise<string | void> | string | void;

export interface StartActivity {
    type: "ComputeActivity" | "BackupActivity" | "IAMActivity" | "TagActivity" | "StorageActivity";
    description: string;
    concernedItems?: { id: string; type: string }[];
    effect: ActivityEffect;
    /** A create: subject to the injected "fail after create" fault. */
    creates?: boolean;
}

export interface ActivityTiming {
    latencyMs(): number;
    slowMs(): number;
    failAfterCreateRate(): number;
}

/** Share of an activity's time spent waiting before it runs. */
const waitingShare = 0.2;

export class ActivityEngine {
    private readonly effects = new Map<string, EffectHandler>();
    private settling: Promise<void> = Promise.resolve();
    private readonly timers = new Set<unknown>();
    private closed = false;

    constructor(
        private readonly store: Store,
        private readonly tenantId: () => string,
        private readonly initiator: () => string,
        private readonly timing: ActivityTiming,
        private readonly clock: SandboxClock = systemClock,
    ) {}

    register(op: string, handler: EffectHandler): void {
        this.effects.set(op, handler);
    }

    start(spec: StartActivity): StoredActivity {
        const now = this.clock.now();
        const duration = Math.max(0, this.timing.latencyMs()) + Math.max(0, this.timing.slowMs());
        const data: ActivityData = {
            tenantId: this.tenantId(),
            description: spec.description,
            type: spec.type,
            tags: [],
            initiator: this.initiator(),
            creationDate: new Date(now).toISOString(),
            operationType: "write",
            concernedItems: spec.concernedItems ?? [],
            effect: spec.effect,
        };
        if (spec.creates && Math.random() < this.timing.failAfterCreateRate()) {
            data.failAfterEffect =
                "Échec de la tâche après la création de l'objet (panne injectée) / Task failed after the object was created (injected fault)";
        }
        const activity = this.store.insertActivity({
            id: newId(),
            startMs: now + Math.round(duration * waitingShare),
            endMs: now + duration,
            applied: false,
            data,
        });
        this.schedule(activity.endMs);
        return activity;
    }

    /** Applies, in order, the effects of every activity whose end has passed. Safe to call often. */
    settle(): Promise<void> {
        this.settling = this.settling.then(() => this.settleDue()).catch(() => undefined);
        return this.settling;
    }

    /** Re-arms the timers of activities still pending (after a restart). */
    resume(): void {
        for (const a of this.store.pendingActivities()) {
            this.schedule(a.endMs);
        }
    }

    close(): void {
        this.closed = true;
        for (const t of this.timers) {
            this.clock.clearTimeout(t);
        }
        this.timers.clear();
    }

    /** Waits for the settling in progress (used before closing the store). */
    async drain(): Promise<void> {
        await this.settling;
    }

    view(a: StoredActivity, nowMs = this.clock.now()): Record<string, unknown> {
        const startDate = new Date(a.startMs).toISOString();
        let state: Record<string, unknown>;
        if (a.applied) {
            const stopDate = new Date(a.endMs).toISOString();
            state =
                a.data.reason !== undefined
                    ? { failed: { startDate, stopDate, reason: a.data.reason } }
                    : { completed: { startDate, stopDate, result: a.data.result ?? "" } };
        } else if (nowMs < a.startMs) {
            state = { waiting: {} };
        } else {
            const span = Math.max(1, a.endMs - a.startMs);
            const progression = Math.min(99, Math.floor(((nowMs - a.startMs) / span) * 100));
            state = { running: { status: "running", startDate, progression } };
        }
        return {
            id: a.id,
            tenantId: a.data.tenantId,
            description: a.data.description,
            type: a.data.type,
            tags: a.data.tags,
            initiator: a.data.initiator,
            creationDate: a.data.creationDate,
            concernedItems: a.data.concernedItems,
            state,
            operationType: a.data.operationType,
        };
    }

    private schedule(endMs: number): void {
        if (this.closed) {
            return;
        }
        const timer = this.clock.setTimeout(
            () => {
                this.timers.delete(timer);
                void this.settle();
            },
            Math.max(0, endMs - this.clock.now()),
        );
        this.timers.add(timer);
    }

    private async settleDue(): Promise<void> {
        for (const a of this.closed ? [] : this.store.dueActivities(this.clock.now())) {
            const handler = this.effects.get(a.data.effect.op);
            try {
                if (!handler) {
                    throw new Error(`opération inconnue / unknown operation ${a.data.effect.op}`);
                }
                const result = await handler(a.data.effect.args);
                a.data.result = typeof result === "string" ? result : "";
                if (a.data.failAfterEffect) {
                    a.data.reason = a.data.failAfterEffect;
                }
            } catch (err) {
                a.data.reason = err instanceof Error ? err.message : String(err);
            }
            a.applied = true;
            this.store.updateActivity(a);
        }
    }
}
