// The mini-BRAP (budget report) of a domain for a month, per budget line, as one set-based query:
//   budget      the line's budget for the year
//   realised    declarations for the months January … the report month
//   committed   commitments for the year as they stood at the end of the report month
//   forecast    per allocation the larger of committed and realised, plus new allocations at the
//               pace of the last three months: c × R(R+1)/2, where c is the monthly cost those new
//               allocations added per month and R the months left in the year (an allocation made
//               k months from now runs for R+1−k months of this year)
//   deviation   budget − forecast (negative: overspending)

import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { Law } from '../../db/column-types.js';

export interface BrapLine {
  code: string;
  name: string;
  budgetCents: number;
  realisedCents: number;
  committedCents: number;
  forecastCents: number;
  deviationCents: number;
}

const AMS = sql.lit('Europe/Amsterdam');

/** Months left in the year after `month` ('yyyy-mm'). */
export function monthsLeft(month: string): number {
  return 12 - Number(month.slice(5, 7));
}

export function forecastGrowth(monthlyCostAddedPerMonth: number, remaining: number): number {
  return Math.round((monthlyCostAddedPerMonth * remaining * (remaining + 1)) / 2);
}

export async function computeBrap(tx: Tx, input: { law: Law; month: string }): Promise<BrapLine[]> {
  const monthStart = `${input.month}-01`;
  const rows = await sql<{ code: string; name: string; budget: string | null; realised: string | null; committed: string | null; known: string | null; added: string | null }>`
    with params as (
      select ${monthStart}::date as month, (${monthStart}::date + interval '1 month')::date as month_end,
             date_trunc('year', ${monthStart}::date)::date as year_start, extract(year from ${monthStart}::date)::int as year),
    lines as (
      select b.code, b.name from budget_lines b
      where b.law = ${input.law} or exists (select 1 from products p where p.tenant_id = b.tenant_id and p.budget_line_code = b.code and p.law = ${input.law})),
    comm as (
      select ch.allocation_id, sum(ch.delta_cents) as cents
      from commitment_changes ch, params
      where ch.year = params.year and ch.recorded_at < (params.month_end::timestamp at time zone ${AMS})
      group by ch.allocation_id),
    real as (
      select d.allocation_id, sum(d.cents) as cents
      from declarations d, params where d.month >= params.year_start and d.month <= params.month
      group by d.allocation_id),
    per as (
      select a.budget_line_code as code, a.created_at, coalesce(comm.cents, 0) as committed, coalesce(real.cents, 0) as realised
      from allocations a
      left join comm on comm.allocation_id = a.id
      left join real on real.allocation_id = a.id
      where comm.allocation_id is not null or real.allocation_id is not null),
    recent as (
      -- Allocations made in the report month and the two before it: their monthly cost this year.
      select per.code, sum(per.committed::numeric / (13 - extract(month from (per.created_at at time zone ${AMS})))) / 3 as added
      from per, params
      where (per.created_at at time zone ${AMS})::date >= (params.month - interval '2 months')::date
        and (per.created_at at time zone ${AMS})::date < params.month_end
        and (per.created_at at time zone ${AMS})::date >= params.year_start
      group by per.code)
    select l.code, l.name, y.budget_cents as budget,
      (select sum(realised) from per where per.code = l.code) as realised,
      (select sum(committed) from per where per.code = l.code) as committed,
      (select sum(greatest(committed, realised)) from per where per.code = l.code) as known,
      (select added from recent where recent.code = l.code) as added
    from lines l
    left join budget_line_years y on y.code = l.code and y.year = (select year from params)
    order by l.code
  `.execute(tx);
  const remaining = monthsLeft(input.month);
  return rows.rows.map((r) => {
    const budgetCents = Number(r.budget ?? 0);
    const forecastCents = Number(r.known ?? 0) + forecastGrowth(Number(r.added ?? 0), remaining);
    return {
      code: r.code,
      name: r.name,
      budgetCents,
      realisedCents: Number(r.realised ?? 0),
      committedCents: Number(r.committed ?? 0),
      forecastCents,
      deviationCents: budgetCents - forecastCents,
    };
  });
}
