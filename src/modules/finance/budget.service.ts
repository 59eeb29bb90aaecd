import { sql } from 'kysely';
import type { Law } from '../../db/column-types.js';
import type { Tx } from '../../db/tenancy.js';
import { AppError, notFound } from '../../platform/errors.js';

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

/** A new budget line (taakveld); its code is unique in the municipality. */
export async function createBudgetLine(tx: Tx, input: { tenantId: string; code: string; name: string; law: Law | null }): Promise<void> {
  const existing = await tx.selectFrom('budget_lines').select('code').where('code', '=', input.code).executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', `Er is al een begrotingspost met code ${input.code}.`);
  await tx.insertInto('budget_lines').values({ tenant_id: input.tenantId, code: input.code, name: input.name, law: input.law }).execute();
}

/** Sets a budget line's budget for a year; answers the line's name and the amount before (null: none) and after. */
export async function setBudgetForYear(tx: Tx, input: { tenantId: string; code: string; year: number; budgetCents: number }) {
  const line = await tx.selectFrom('budget_lines').select(['code', 'name']).where('code', '=', input.code).forUpdate().executeTakeFirst();
  if (!line) throw notFound('De begrotingspost');
  const current = await tx.selectFrom('budget_line_years').select('budget_cents').where('code', '=', input.code).where('year', '=', input.year).executeTakeFirst();
  await tx
    .insertInto('budget_line_years')
    .values({ tenant_id: input.tenantId, code: input.code, year: input.year, budget_cents: input.budgetCents })
    .onConflict((oc) => oc.columns(['tenant_id', 'code', 'year']).doUpdateSet({ budget_cents: input.budgetCents }))
    .execute();
  return { name: line.name, before: current ? Number(current.budget_cents) : null, after: input.budgetCents };
}
