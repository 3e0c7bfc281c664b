// Query strings as the API's own Go client writes them, so that identical reads have identical
// URLs (the one-per-second rule and read reuse compare them).

export type Query = Record<string, string | number | boolean | string[] | undefined>;

/** Encodes a query string as the Go client does: keys sorted, arrays as `key[]=v`, empty values left out. */
export function encodeQuery(query: Query | undefined): string {
    if (!query) {
        return "";
    }
    const params = new URLSearchParams();
    for (const key of Object.keys(query).sort()) {
        const value = query[key];
        if (value === undefined || value === "") {
            continue;
        }
        if (Array.isArray(value)) {
            for (const v of value) {
                params.append(`${key}[]`, v);
            }
        } else {
            params.append(key, String(value));
        }
    }
    const text = params.toString();
    return text ? `?${text}` : "";
}
