// Identifiers: random v4 UUIDs for what the API creates, name-derived UUIDs for what the seed
// describes (the same seed gives the same ids, so docs and tests can rely on them), vCenter-like
// morefs and MAC addresses.
import * as crypto from "crypto";

export function newId(): string {
    return crypto.randomUUID();
}

/** A UUID (version 5 layout, SHA-1) derived from the tenant, the kind and the name. */
export function nameId(scope: string, kind: string, name: string): string {
    const hash = crypto.createHash("sha1").update(`securetemple-sandbox\u0000${scope}\u0000${kind}\u0000${name}`).digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A generated MAC in VMware's 00:50:56 range. */
export function newMac(): string {
    const b = crypto.randomBytes(3);
    return `00:50:56:${(b[0] & 0x3f).toString(16).padStart(2, "0")}:${b[1].toString(16).padStart(2, "0")}:${b[2].toString(16).padStart(2, "0")}`;
}
