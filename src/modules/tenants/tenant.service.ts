import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { listAreaRows, listTenantRows, upsertTenant } from './tenant.repository.js';

export interface Tenant {
  id: string;
  name: string;
  region: string | null;
}

// The list is tiny and changes only by deployment: cache it per database handle.
const cache = new WeakMap<Kysely<DB>, Promise<Tenant[]>>();

/** Municipalities served by this installation (public facts: code and name). */
export function listTenants(db: Kysely<DB>): Promise<Tenant[]> {
  let tenants = cache.get(db);
  if (!tenants) {
    // Read as the application role like every other query; any valid tenant id will do for a public table.
    tenants = withTenant(db, 'GM0000', (tx) => listTenantRows(tx));
    tenants.catch(() => cache.delete(db));
    cache.set(db, tenants);
  }
  return tenants;
}

export function forgetTenants(db: Kysely<DB>): void {
  cache.delete(db);
}

export async function findTenantName(db: Kysely<DB>, tenantId: string): Promise<string | undefined> {
  return (await listTenants(db)).find((t) => t.id === tenantId)?.name;
}

/** Adds a municipality to this installation, or renames it (set-up, demo and tests). */
export async function registerTenant(db: Kysely<DB>, tenant: Tenant): Promise<void> {
  await upsertTenant(db, tenant);
  forgetTenants(db);
}

/** The municipality's areas (wijken), by name. */
export async function listAreas(tx: Tx): Promise<{ code: string; name: string }[]> {
  return listAreaRows(tx);
}
