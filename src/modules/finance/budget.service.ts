import type { Law } from '../../db/column-types.js';
import type { Tx } from '../../db/tenancy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { findLines } from './forecast.repository.js';

/** Every budget line with its budget for a year (0 when none is set). */
export async function listBudgetsForYear(tx: Tx, year: number): Promise<{ code: string; name: string; year: number; budgetCents: number }[]> {
  return (await findLines(tx, year)).map((l) => ({ code: l.code, name: l.name, year, budgetCents: Number(l.budget ?? 0) }));
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
