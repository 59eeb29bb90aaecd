import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Indexes for the monthly payment run (issue #11, performance): the
// run reads the payments already made for its month and the income statements of that month and the
// months that decide blocking. The existing indexes lead with the benefit, so both lookups by month
// scanned the whole of two tables that grow by a month of rows every month.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index pw_payments_period on pw_payments (tenant_id, period, benefit_id)`.execute(db);
  await sql`create index pw_income_statements_period on pw_income_statements (tenant_id, period, benefit_id)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
