import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { BuigStage } from './pw.forecast.tables.js';

// The BUIG forecast's SQL: the monthly figures (set-based, one statement for the whole window), the
// BUIG budgets and the saved scenarios. Row-level security keeps every query inside the tenant.

export interface MonthFiguresRow {
  month: string;
  stock: number;
  inflow: number;
  outflow: number;
  payments: number;
  paid_cents: string;
  recovered_cents: string;
  with_income: number;
  statements: number;
}

/**
 * Per month from `first` to `last` (yyyy-mm-01): benefits running at the end of the month, started and
 * ended in it; payments for the month (benefits paid, cents); repayments on recovery claims booked in
 * it; income statements for the month and how many report income.
 */
export async function monthFigures(tx: Tx, input: { first: string; last: string }): Promise<MonthFiguresRow[]> {
  const { rows } = await sql<MonthFiguresRow>`
    with months as (
      select m::date as month, (m + interval '1 month')::date as next
      from generate_series(${input.first}::date, ${input.last}::date, interval '1 month') m),
    flows as (
      select mm.month,
        count(*) filter (where b.start_date < mm.next and (b.end_date is null or b.end_date >= mm.next)) as stock,
        count(*) filter (where b.start_date >= mm.month and b.start_date < mm.next) as inflow,
        count(*) filter (where b.end_date >= mm.month and b.end_date < mm.next) as outflow
      from months mm join pw_benefits b on b.start_date < mm.next and (b.end_date is null or b.end_date >= mm.month)
      group by mm.month),
    paid as (
      select period as month, count(distinct benefit_id) as payments, sum(cents) as cents
      from pw_payments where period between ${input.first}::date and ${input.last}::date group by period),
    recovered as (
      select date_trunc('month', e.booked_on)::date as month, -sum(e.cents) as cents
      from pw_recovery_entries e
      where e.kind = 'aflossing' and e.booked_on >= ${input.first}::date and e.booked_on < (${input.last}::date + interval '1 month')
      group by 1),
    statements as (
      select period as month, count(*) as statements, count(*) filter (where income_cents > 0) as with_income
      from pw_income_statements where period between ${input.first}::date and ${input.last}::date group by period)
    select mm.month::text as month,
      coalesce(f.stock, 0)::int as stock, coalesce(f.inflow, 0)::int as inflow, coalesce(f.outflow, 0)::int as outflow,
      coalesce(p.payments, 0)::int as payments, coalesce(p.cents, 0)::text as paid_cents,
      coalesce(r.cents, 0)::text as recovered_cents,
      coalesce(s.with_income, 0)::int as with_income, coalesce(s.statements, 0)::int as statements
    from months mm
    left join flows f on f.month = mm.month
    left join paid p on p.month = mm.month
    left join recovered r on r.month = mm.month
    left join statements s on s.month = mm.month
    order by mm.month`.execute(tx);
  return rows;
}

/** The latest month up to `upTo` that has payments, or null. */
export async function latestPaidPeriod(tx: Tx, upTo: string): Promise<string | null> {
  const row = await tx.selectFrom('pw_payments').select(sql<string | null>`max(period)::text`.as('period')).where('period', '<=', upTo).executeTakeFirst();
  return row?.period ?? null;
}

export interface BudgetRow {
  id: string;
  year: number;
  budget_cents: string;
  stage: BuigStage;
  note: string;
  recorded_by_name: string;
  recorded_at: Date;
}

/** The BUIG amounts entered for the years, newest first (the first row of a year counts). */
export async function listBudgets(tx: Tx, years?: readonly number[]): Promise<BudgetRow[]> {
  let query = tx
    .selectFrom('pw_buig_budgets as b')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'b.tenant_id').onRef('u.id', '=', 'b.recorded_by'))
    .select(['b.id', 'b.year', 'b.budget_cents', 'b.stage', 'b.note', 'u.display_name as recorded_by_name', 'b.recorded_at']);
  if (years) query = query.where('b.year', 'in', years.length > 0 ? [...years] : [-1]);
  return query.orderBy('b.year', 'desc').orderBy('b.recorded_at', 'desc').orderBy('b.id').execute();
}

export async function insertBudget(tx: Tx, input: { tenantId: string; userId: string; year: number; budgetCents: number; stage: BuigStage; note: string }): Promise<void> {
  await tx
    .insertInto('pw_buig_budgets')
    .values({ tenant_id: input.tenantId, year: input.year, budget_cents: input.budgetCents, stage: input.stage, note: input.note, recorded_by: input.userId })
    .execute();
}

export interface ScenarioRow {
  id: string;
  month: string;
  name: string;
  inflow_percent: string;
  outflow_percent: string;
  result: unknown;
  created_by_name: string;
  created_at: Date;
}

export async function insertScenario(
  tx: Tx,
  input: { tenantId: string; userId: string; month: string; name: string; inflowPercent: number; outflowPercent: number; result: unknown },
): Promise<string> {
  const row = await tx
    .insertInto('pw_forecast_scenarios')
    .values({
      tenant_id: input.tenantId,
      month: input.month,
      name: input.name,
      inflow_percent: input.inflowPercent,
      outflow_percent: input.outflowPercent,
      result: JSON.stringify(input.result),
      created_by: input.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The scenarios saved for the steering report of `month` (yyyy-mm-01), oldest first. */
export async function listScenarios(tx: Tx, month: string): Promise<ScenarioRow[]> {
  return tx
    .selectFrom('pw_forecast_scenarios as s')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.created_by'))
    .select(['s.id', sql<string>`s.month::text`.as('month'), 's.name', 's.inflow_percent', 's.outflow_percent', 's.result', 'u.display_name as created_by_name', 's.created_at'])
    .where('s.month', '=', month)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
}
