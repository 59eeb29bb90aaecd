import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';

// The stored versions of the municipality's norm table (pw_norm_tables, migration 0026). Rows are only
// added: the application role has no update or delete on the table.

export async function latestVersionRow(tx: Tx) {
  return tx.selectFrom('pw_norm_tables').select(['version', 'data']).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The version a stored calculation names (its `tableVersion`, the `version` inside the document). */
export async function versionRowByTableVersion(tx: Tx, tableVersion: string) {
  return tx.selectFrom('pw_norm_tables').select(['version', 'data']).where(sql<string>`data->>'version'`, '=', tableVersion).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** Every version, newest first, with who imported it (no one for the shipped table). */
export async function listVersionRows(tx: Tx) {
  return tx
    .selectFrom('pw_norm_tables as n')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'n.imported_by').onRef('u.tenant_id', '=', 'n.tenant_id'))
    .select(['n.version', 'n.note', 'n.imported_by', 'n.imported_at', 'u.display_name', sql<string>`n.data->>'version'`.as('table_version'), sql<string[]>`array(select p->>'id' from jsonb_array_elements(n.data->'periods') p)`.as('period_ids')])
    .orderBy('n.version', 'desc')
    .execute();
}

/**
 * Stores a version. `onlyIfFirst` stores the shipped table without failing when another request stored
 * it first; a new version otherwise fails on the primary key when a concurrent one took its number (409).
 */
export async function insertVersionRow(tx: Tx, row: { tenantId: string; version: number; data: unknown; importedBy: string | null; note: string }, onlyIfFirst = false): Promise<void> {
  let query = tx.insertInto('pw_norm_tables').values({ tenant_id: row.tenantId, version: row.version, data: JSON.stringify(row.data), imported_by: row.importedBy, note: row.note });
  if (onlyIfFirst) query = query.onConflict((oc) => oc.columns(['tenant_id', 'version']).doNothing());
  await query.execute();
}
