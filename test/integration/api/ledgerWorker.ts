// One process of the shared-ledger test: reserves `count` slots on one rate key of the SQLite
// ledger at `file`, as fast as it can, and prints the send times it was given (JSON).
import { SqliteLedger } from "../../../provider/api/slotLedger";

const [file, count] = process.argv.slice(2);
const ledger = new SqliteLedger(file);
const slots: number[] = [];
for (let i = 0; i < Number(count); i++) {
    const reservation = ledger.reserve({ rates: [{ key: "http://api.test|compute", intervalMs: 20 }] }, Date.now());
    if ("at" in reservation) {
        slots.push(reservation.at);
    }
}
ledger.close();
process.stdout.write(JSON.stringify(slots));
