import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SignalRule } from './signal.rule.js';
import { signalRules } from './rules/index.js';

/**
 * Refreshes the planner statistics of the tables the rules read. PostgreSQL's autovacuum does this
 * by itself; PGlite has no autovacuum, and without statistics the planner may pick nested loops
 * that make a set-based rule quadratic. Runs on the owner connection (not in a tenant transaction:
 * the application role may not analyse), so the nightly job and the CLI call it before evaluating.
 */
export async function refreshRuleStatistics(db: Kysely<DB>, rules: readonly SignalRule[] = signalRules): Promise<void> {
  const tables = [...new Set(rules.flatMap((r) => r.reads))].sort();
  await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
}
