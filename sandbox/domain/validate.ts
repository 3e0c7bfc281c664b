// Query values as clients send them: request bodies and path parameters are checked by their route
// schemas (requests.ts); a query key may come once, repeated, or as `key[]` (Go's slices).

export function queryValues(query: unknown, key: string): string[] {
    const q = (query ?? {}) as Record<string, unknown>;
    const out: string[] = [];
    for (const k of [key, `${key}[]`]) {
        const v = q[k];
        if (Array.isArray(v)) {
            out.push(...v.map(String));
        } else if (v !== undefined && v !== "") {
            out.push(String(v));
        }
    }
    return out;
}

export function queryValue(query: unknown, key: string): string | undefined {
    return queryValues(query, key)[0];
}
