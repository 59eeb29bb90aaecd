import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

export interface Settled {
  tables: number;
  ms: number;
}

/**
 * What autovacuum would do after a bulk load, done now: VACUUM (ANALYZE) of every table in the schema
 * that this connection owns. PGlite has no autovacuum, and a server's may be off or not there yet.
 * - ANALYZE gives the planner the new row counts and value distributions.
 * - VACUUM sets the visibility map, so an index-only scan (the name search on resident_search_terms,
 *   migration 0056) reads no table pages; and it sets the hint bits, so the first reads do not write.
 * Runs outside a transaction (VACUUM refuses one). Tables of another owner are left to that owner.
 */
export async function settleAfterBulkLoad(db: Kysely<DB>): Promise<Settled> {
  const started = performance.now();
  const { rows } = await sql<{ name: string }>`
    select quote_ident(tablename) as name from pg_tables
    where schemaname = current_schema() and tableowner = current_user order by tablename`.execute(db);
  if (rows.length > 0) await sql.raw(`vacuum (analyze) ${rows.map((r) => r.name).join(', ')}`).execute(db);
  return { tables: rows.length, ms: performance.now() - started };
}
