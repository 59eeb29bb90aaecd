import { sql } from 'kysely';
import type { Tx } from './tenancy.js';

/**
 * For the set-based analytical statements (signal rules, KPI aggregates): no JIT compilation in
 * this transaction. With table statistics present (autovacuum, ANALYZE) PostgreSQL's cost estimates
 * for these joins pass `jit_above_cost`, and compiling each statement then costs far more than it
 * runs: measured on maastricht-size data, a full KPI recompute took 18.7 s with JIT and 3.9 s
 * without. PGlite has no JIT; the setting is accepted and changes nothing there.
 */
export async function withoutJit(tx: Tx): Promise<void> {
  await sql`set local jit = off`.execute(tx);
}
