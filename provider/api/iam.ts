// Identity lookups: the tenant the personal access token belongs to.
import { ApiClient } from "./client";

export interface TenantWire {
    id: string;
    name: string;
    snc?: boolean;
    companyId?: string;
}

export function listTenants(client: ApiClient): Promise<TenantWire[]> {
    return client.list<TenantWire>("/iam/v2/tenants", undefined, { operation: "list tenants" });
}
