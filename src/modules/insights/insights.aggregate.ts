// Monthly KPI aggregates: one set-based INSERT … SELECT per KPI over a range of months, summing the
// catalogue's unit rows per month, breakdown and area and in total (grouping sets). Raw sums are
// stored; small counts are suppressed when the figures are read (insights.privacy.ts).

import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { KpiDefinition } from './insights.kpis.js';

/** A month as 'yyyy-mm-01'. */
export type MonthStart = string;

const emptyUnits = sql`select null::date as month, null::text as area_code, null::text as breakdown, 0::numeric as value, null::uuid as subject where false`;

/** Recomputes one KPI for the months first..last (inclusive, 'yyyy-mm-01'): delete, then one INSERT … SELECT. */
export async function recomputeKpi(tx: Tx, kpi: KpiDefinition, first: MonthStart, last: MonthStart): Promise<void> {
  await sql`delete from kpi_values where kpi_id = ${kpi.id} and month between ${first}::date and ${last}::date`.execute(tx);
  const sets = kpi.breakdown
    ? sql`grouping sets ((month, breakdown, area), (month, breakdown), (month, area), (month))`
    : sql`grouping sets ((month, breakdown, area), (month, breakdown))`;
  const ownDenominator = kpi.denominator !== null && kpi.denominator !== 'subjects' && !kpi.sharedDenominator;
  const denominatorUnits = kpi.denominator !== null && kpi.denominator !== 'subjects' ? kpi.denominator : emptyUnits;
  const denominatorOf = kpi.denominator === 'subjects' ? sql`agg.subjects` : kpi.sharedDenominator ? sql`coalesce(dens.d, 0)` : sql`agg.d`;
  await sql`
    insert into kpi_values (tenant_id, kpi_id, month, breakdown, scope, numerator, denominator, subjects)
    with months as (
      select m::date as month, (m + interval '1 month')::date as month_end
      from generate_series(${first}::date, ${last}::date, interval '1 month') m),
    num as (${kpi.numerator}),
    den as (${denominatorUnits}),
    parts as (
      select month, coalesce(area_code, '-') as area, breakdown, value as n, 0::numeric as d, subject from num
      ${ownDenominator ? sql`union all select month, coalesce(area_code, '-'), breakdown, 0::numeric, value, subject from den` : sql``}),
    agg as (
      select month,
        case when grouping(breakdown) = 1 then '' else breakdown end as breakdown,
        case when grouping(area) = 1 then 'total' else area end as scope,
        sum(n) as n, sum(d) as d, count(distinct subject)::int as subjects
      from parts group by ${sets}),
    dens as (
      select month, case when grouping(breakdown) = 1 then '' else breakdown end as breakdown, sum(value) as d
      from den group by ${kpi.breakdown ? sql`grouping sets ((month, breakdown), (month))` : sql`month, breakdown`}),
    rows as (
      select agg.month, agg.breakdown, agg.scope, agg.n, ${denominatorOf} as d, agg.subjects
      from agg left join dens on dens.month = agg.month and dens.breakdown = agg.breakdown
      ${kpi.sharedDenominator ? sql`
      union all
      select dens.month, dens.breakdown, 'total', 0, dens.d, 0 from dens
      where not exists (select 1 from agg where agg.month = dens.month and agg.breakdown = dens.breakdown and agg.scope = 'total')` : sql``})
    select current_setting('koers.tenant_id', true), ${kpi.id}, month, breakdown, scope, n, d, subjects
    from rows where month between ${first}::date and ${last}::date
  `.execute(tx);
}
