// Provider declarations (iWmo 303-like) for the demo: for every allocation, one declaration per
// month of its current segments that has passed, each month an equal share of the allocation's
// commitment for that year. Providers declare after the month: for the last complete month about
// 80 % has come in (chosen by a hash of the allocation id, so the seed stays reproducible).
// One set-based INSERT … SELECT; skipped when the municipality already has declarations.

import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';

export async function seedDeclarations(db: Kysely<DB>, input: { tenantId: string; today: string }): Promise<number> {
  return withTenant(db, input.tenantId, async (tx) => {
    const present = await tx.selectFrom('declarations').select('id').limit(1).executeTakeFirst();
    if (present) return 0;
    const result = await sql`
      insert into declarations (tenant_id, allocation_id, month, cents, received_at)
      with covered as (
        select distinct s.tenant_id, s.allocation_id, gs::date as month
        from allocation_segments s
        cross join lateral generate_series(date_trunc('month', s.start_date), date_trunc('month', s.end_date), interval '1 month') gs
        where s.superseded_at is null),
      per_year as (
        select allocation_id, extract(year from month)::int as year, count(*) as months from covered group by 1, 2)
      select c.tenant_id, c.allocation_id, c.month, round(ac.cents::numeric / py.months)::bigint,
        ((c.month + interval '1 month' + interval '9 days')::timestamp + time '12:00') at time zone 'Europe/Amsterdam'
      from covered c
      join per_year py on py.allocation_id = c.allocation_id and py.year = extract(year from c.month)::int
      join allocation_commitments ac on ac.tenant_id = c.tenant_id and ac.allocation_id = c.allocation_id and ac.year = py.year
      where ac.cents > 0
        and c.month < date_trunc('month', ${input.today}::date)
        and (c.month < date_trunc('month', ${input.today}::date) - interval '1 month'
             or ('x' || substr(md5(c.allocation_id::text), 1, 4))::bit(16)::int % 10 < 8)
    `.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  });
}
