// Budgets on the scale of the demo's own casework. The assumed Maastricht budgets (seed-catalogue.ts)
// belong to a city of 125,000 with a full caseload; the 'demo' size has a fraction of both, and
// not in the same proportion per taakveld. So for every budget line with allocations, the budget
// of the current year is set to what the allocations commit for it divided by 0.75–0.95 (per line,
// from a hash of its code): the dashboards then show a plausible exhaustion. The year before and
// the year after follow the 3 % indexation of seed-catalogue.ts. Lines without allocations
// (subsidies, toegang) keep their population-scaled budget. One set-based UPDATE.

import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';

export async function fitBudgetsToCommitments(db: Kysely<DB>, input: { tenantId: string; today: string }): Promise<number> {
  const year = Number(input.today.slice(0, 4));
  return withTenant(db, input.tenantId, async (tx) => {
    const result = await sql`
      update budget_line_years y
      set budget_cents = round(c.cents / (0.75 + 0.2 * (('x' || substr(md5(y.code), 1, 4))::bit(16)::int / 65535.0)) * power(1.03, y.year - ${year}::int))::bigint
      from (
        select a.budget_line_code as code, sum(ac.cents) as cents
        from allocation_commitments ac join allocations a on a.tenant_id = ac.tenant_id and a.id = ac.allocation_id
        where ac.year = ${year}::int group by 1 having sum(ac.cents) > 0) c
      where c.code = y.code
    `.execute(tx);
    return Number(result.numAffectedRows ?? 0);
  });
}
