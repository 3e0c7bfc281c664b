// Writes to one VM never overlap: the API refuses (or worse, interleaves) a power change while a
// disk or adapter change of the same VM runs. One mutex per VM id, dropped when nobody holds it.
import { Mutex } from "async-mutex";

export class VmLocks {
    private readonly locks = new Map<string, { mutex: Mutex; users: number }>();

    /** Runs `fn` while holding the write lock of one VM. */
    async run<T>(vmId: string, fn: () => Promise<T>): Promise<T> {
        let entry = this.locks.get(vmId);
        if (!entry) {
            entry = { mutex: new Mutex(), users: 0 };
            this.locks.set(vmId, entry);
        }
        entry.users += 1;
        try {
            return await entry.mutex.runExclusive(fn);
        } finally {
            entry.users -= 1;
            if (entry.users === 0) {
                this.locks.delete(vmId);
            }
        }
    }
}
