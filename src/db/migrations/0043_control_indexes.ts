import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Indexes for the automated controls (issue #13 §2, performance):
// - the declaration controls test the approved debit lines whose ProductPeriode begins in the run's
//   period: a month or quarter reads its lines by `period_start` instead of scanning every line;
// - both ask whether a debit line was reversed by an approved credit: the few credit lines, by the
//   line they credit, instead of a pass over the reference index of every approved line.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index declaration_lines_approved_debit_period on declaration_lines (tenant_id, period_start) where status = 'approved' and debit_credit = 'D'`.execute(db);
  await sql`create index declaration_lines_credits on declaration_lines (credits_line_id) where status = 'approved' and debit_credit = 'C' and credits_line_id is not null`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
