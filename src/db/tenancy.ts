import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { HELD_WITH_BEGIN } from './pg-round-trips.js';

export const APP_ROLE = 'koers_app';
const TENANT_ID = /^GM[0-9]{4}$/;

export type Tx = Transaction<DB>;

export function isTenantId(value: string): boolean {
  return TENANT_ID.test(value);
}

/**
 * Runs `work` in one transaction as the unprivileged application role, with the tenant pinned for
 * that transaction only. Row-level security then hides every other tenant's rows, whatever the
 * query says — a missing `where tenant_id = …` cannot leak data.
 */
export async function withTenant<T>(db: Kysely<DB>, tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isTenantId(tenantId)) throw new Error(`Invalid tenant id ${JSON.stringify(tenantId)}`);
  return db.transaction().execute(async (tx) => {
    await pinTenant(tx, tenantId);
    return work(tx);
  });
}

/** In an open transaction: the application role and the tenant, for this transaction only. */
export async function pinTenant(tx: Tx, tenantId: string): Promise<void> {
  if (!isTenantId(tenantId)) throw new Error(`Invalid tenant id ${JSON.stringify(tenantId)}`);
  // Literals, not parameters (the tenant id is checked above, the role is a constant): a statement
  // without parameters travels with the transaction's `begin`, and with the statement after it when
  // that one has none either (db/pg-round-trips.ts).
  await sql`${sql.raw(HELD_WITH_BEGIN)}select set_config('role', ${sql.lit(APP_ROLE)}, true), set_config('koers.tenant_id', ${sql.lit(tenantId)}, true)`.execute(tx);
}

/**
 * Work on the few tables that belong to no municipality (e.g. the rate-limit counters, counted before
 * the municipality is known), as the application role with NO tenant pinned: row-level security then
 * hides every tenant's rows, so a mistake here cannot read or change municipal data.
 */
export async function withoutTenant<T>(db: Kysely<DB>, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('role', ${sql.lit(APP_ROLE)}, true), set_config('koers.tenant_id', '', true)`.execute(tx);
    return work(tx);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `withTenant` for a resident in the portal: besides the tenant, `koers.resident_id` is pinned for
 * the transaction. The restrictive `resident_portal` policies (migration 0048) then hide every other
 * resident's rows in residents, cases, case_events, case_documents, documents and document_requests,
 * whatever the query says (docs/resident-portal.md).
 */
export async function withResident<T>(db: Kysely<DB>, tenantId: string, residentId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(residentId)) throw new Error('Invalid resident id');
  return withTenant(db, tenantId, async (tx) => {
    await sql`select set_config('koers.resident_id', ${residentId}, true)`.execute(tx);
    return work(tx);
  });
}
