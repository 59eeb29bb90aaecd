import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';

export interface BudgetLineView {
  code: string;
  name: string;
  year: number;
  budgetCents: number;
  committedCents: number;
  remainingCents: number;
  allocations: number;
}

/** Per budget line for one year: budget, commitments booked by allocations, and what remains. Aggregates only. */
export async function listBudgetLines(tx: Tx, year: number): Promise<BudgetLineView[]> {
  const rows = await sql<{ code: string; name: string; budget: string | null; committed: string | null; allocations: string }>`
    select b.code, b.name, y.budget_cents as budget,
           (select sum(c.cents) from allocation_commitments c join allocations a on a.id = c.allocation_id and a.tenant_id = c.tenant_id
             where a.budget_line_code = b.code and c.year = ${year}) as committed,
           (select count(distinct a.id) from allocation_commitments c join allocations a on a.id = c.allocation_id and a.tenant_id = c.tenant_id
             where a.budget_line_code = b.code and c.year = ${year}) as allocations
    from budget_lines b
    left join budget_line_years y on y.code = b.code and y.tenant_id = b.tenant_id and y.year = ${year}
    order by b.code
  `.execute(tx);
  return rows.rows.map((r) => {
    const budgetCents = Number(r.budget ?? 0);
    const committedCents = Number(r.committed ?? 0);
    return { code: r.code, name: r.name, year, budgetCents, committedCents, remainingCents: budgetCents - committedCents, allocations: Number(r.allocations) };
  });
}
