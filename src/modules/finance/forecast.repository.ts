// The facts the year-end forecast needs (forecast.ts), gathered set-based: one statement for the
// allocations of the year, one for the new allocations of the 12 months before the first open
// month. Commitments and validity are taken as they stood at `knownAt` (commitment_changes and
// the segments recorded by then), so the monthly steering report can ask "as at the end of the
// report month" with the same query the budget page uses for "now".

import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { hasRelationWith } from '../residents/resident.access.js';

const AMS = sql.lit('Europe/Amsterdam');

export interface ForecastScope {
  year: number;
  /** 'yyyy-mm': months before it have passed (their cost is what was declared). */
  firstOpenMonth: string;
  /** Commitments and terms as known at the start of this civil day ('yyyy-mm-dd', Amsterdam); default: now. */
  knownOn?: string;
  lineCodes?: readonly string[];
  providerId?: string;
}

export interface AllocationFactsRow {
  allocation_id: string;
  budget_line_code: string;
  provider_id: string;
  resident_id: string;
  commitment: string | number;
  realised_passed: string | number;
  realised_open: string | number;
  valid_days: string | number;
  valid_open_days: string | number;
}

export interface NewAllocationRow {
  budget_line_code: string;
  provider_id: string;
  commitment: string | number;
  valid_days: string | number;
}

function params(scope: ForecastScope): RawBuilder<unknown> {
  return sql`select ${scope.year}::int as year,
      make_date(${scope.year}::int, 1, 1) as ys, make_date(${scope.year}::int + 1, 1, 1) as ye,
      least(greatest(${`${scope.firstOpenMonth}-01`}::date, make_date(${scope.year}::int, 1, 1)), make_date(${scope.year}::int + 1, 1, 1)) as m0,
      ${`${scope.firstOpenMonth}-01`}::date as window_end,
      ${scope.knownOn ? sql`(${scope.knownOn}::date::timestamp at time zone ${AMS})` : sql`now()`} as k`;
}

function allocationFilter(scope: ForecastScope): RawBuilder<unknown> {
  const lines = scope.lineCodes ? sql`and a.budget_line_code in (${sql.join(scope.lineCodes.length ? [...scope.lineCodes] : [''])})` : sql``;
  const provider = scope.providerId ? sql`and a.provider_id = ${scope.providerId}` : sql``;
  return sql`${lines} ${provider}`;
}

// Both statements avoid joining aggregates to allocations: every source contributes rows to one
// UNION ALL that is grouped once by allocation. Without planner statistics (PGlite has no
// autovacuum, and the application role may not ANALYZE) a join between aggregates is planned as
// a nested loop that recomputes the inner aggregate per allocation (measured: 15 s on the demo
// population; bench/finance.bench.ts); a single GROUP BY has no such plan.

/** Per allocation with a commitment or a declaration in the year: the facts of `AllocationYearFacts`. */
export async function findAllocationYearFacts(tx: Tx, scope: ForecastScope): Promise<AllocationFactsRow[]> {
  return (await allocationYearFactsQuery(scope).execute(tx)).rows;
}

export function allocationYearFactsQuery(scope: ForecastScope): RawBuilder<AllocationFactsRow> {
  return sql<AllocationFactsRow>`
    with p as materialized (${params(scope)}),
    parts as (
      select a.id as allocation_id, a.budget_line_code, a.provider_id::text as provider_id, a.resident_id::text as resident_id, a.created_at,
             0::bigint as commitment, false as booked, 0::bigint as passed, 0::bigint as open, 0 as days, 0 as open_days
      from allocations a where true ${allocationFilter(scope)}
      union all
      select ch.allocation_id, null, null, null, null, ch.delta_cents, true, 0, 0, 0, 0
      from commitment_changes ch, p where ch.year = p.year and ch.recorded_at <= p.k
      union all
      select d.allocation_id, null, null, null, null, 0, true,
             case when d.month < p.m0 then d.cents else 0 end,
             case when d.month >= p.m0 and d.received_at <= p.k then d.cents else 0 end, 0, 0
      from declarations d, p where d.month >= p.ys and d.month < p.ye
      union all
      select s.allocation_id, null, null, null, null, 0, false, 0, 0,
             greatest(0, least(s.end_date + 1, p.ye) - greatest(s.start_date, p.ys)),
             greatest(0, least(s.end_date + 1, p.ye) - greatest(s.start_date, p.m0))
      from allocation_segments s, p
      where s.recorded_at <= p.k and (s.superseded_at is null or s.superseded_at > p.k)
        and s.start_date < p.ye and s.end_date >= p.ys)
    select allocation_id, max(budget_line_code) as budget_line_code, max(provider_id) as provider_id, max(resident_id) as resident_id,
           sum(commitment) as commitment, sum(passed) as realised_passed, sum(open) as realised_open,
           sum(days) as valid_days, sum(open_days) as valid_open_days
    from parts
    group by allocation_id
    having max(budget_line_code) is not null and bool_or(booked)
    order by max(budget_line_code), max(provider_id), max(created_at), allocation_id
  `;
}

/** The allocations made in the 12 months before the first open month: their whole commitment and validity. */
export async function findNewAllocations(tx: Tx, scope: ForecastScope): Promise<NewAllocationRow[]> {
  const result = await sql<NewAllocationRow>`
    with p as materialized (${params(scope)}),
    parts as (
      select a.id as allocation_id, a.budget_line_code, a.provider_id::text as provider_id, 0::bigint as commitment, 0 as days
      from allocations a, p
      where a.created_at >= ((p.window_end - interval '12 months')::timestamp at time zone ${AMS})
        and a.created_at < (p.window_end::timestamp at time zone ${AMS})
        and a.created_at <= p.k ${allocationFilter(scope)}
      union all
      select ch.allocation_id, null, null, ch.delta_cents, 0
      from commitment_changes ch, p where ch.recorded_at <= p.k
      union all
      select s.allocation_id, null, null, 0, s.end_date - s.start_date + 1
      from allocation_segments s, p
      where s.recorded_at <= p.k and (s.superseded_at is null or s.superseded_at > p.k))
    select max(budget_line_code) as budget_line_code, max(provider_id) as provider_id, sum(commitment) as commitment, sum(days) as valid_days
    from parts
    group by allocation_id
    having max(budget_line_code) is not null
  `.execute(tx);
  return result.rows;
}

export interface LineRow {
  code: string;
  name: string;
  budget: string | number | null;
}

export async function findLines(tx: Tx, year: number, codes?: readonly string[]): Promise<LineRow[]> {
  let q = tx
    .selectFrom('budget_lines as b')
    .leftJoin('budget_line_years as y', (join) => join.onRef('y.code', '=', 'b.code').on('y.year', '=', year))
    .select(['b.code', 'b.name', 'y.budget_cents as budget'])
    .orderBy('b.code');
  if (codes) q = q.where('b.code', 'in', codes.length ? [...codes] : ['']);
  return q.execute();
}

export async function findProviderNames(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.selectFrom('providers').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface AllocationDetailRow {
  id: string;
  product: string;
  start_date: string | null;
  end_date: string | null;
  /** Null unless the reader has a relation with the resident that opens the care scope. */
  resident_name: string | null;
}

/**
 * Product, period and (only for a reader with a care relation, DESIGN.md §5) the resident's name of
 * allocations. Four plain statements stitched by id, not one with per-row subqueries: without
 * planner statistics the latter was planned as an index scan per allocation (1.3 s for 261).
 */
export async function findAllocationDetails(tx: Tx, userId: string, ids: readonly string[]): Promise<AllocationDetailRow[]> {
  if (ids.length === 0) return [];
  const allocations = await tx.selectFrom('allocations').select(['id', 'product_id', 'resident_id']).where('id', 'in', [...ids]).execute();
  const periods = await tx
    .selectFrom('allocation_segments')
    .select(['allocation_id', sql<string>`to_char(min(start_date), 'YYYY-MM-DD')`.as('start_date'), sql<string>`to_char(max(end_date), 'YYYY-MM-DD')`.as('end_date')])
    .where('allocation_id', 'in', [...ids])
    .where('superseded_at', 'is', null)
    .groupBy('allocation_id')
    .execute();
  const productIds = [...new Set(allocations.map((a) => a.product_id))];
  const products = productIds.length ? await tx.selectFrom('products').select(['id', 'name']).where('id', 'in', productIds).execute() : [];
  const residentIds = [...new Set(allocations.map((a) => a.resident_id))];
  // Not aliased `r`: the relation conditions use that alias inside their own subqueries.
  const related = hasRelationWith(userId, sql<string>`named.id`, new Date(), 'care');
  const names = await sql<{ id: string; name: string | null }>`
    select named.id, case when ${related} then concat_ws(' ', named.given_name, named.surname_prefix, named.family_name) end as name
    from residents named where named.id in (${sql.join(residentIds)})
  `.execute(tx);
  const period = new Map(periods.map((p) => [p.allocation_id, p]));
  const product = new Map(products.map((p) => [p.id, p.name]));
  const name = new Map(names.rows.map((r) => [r.id, r.name]));
  return allocations.map((a) => ({
    id: a.id,
    product: product.get(a.product_id) ?? '',
    start_date: period.get(a.id)?.start_date ?? null,
    end_date: period.get(a.id)?.end_date ?? null,
    resident_name: name.get(a.resident_id) ?? null,
  }));
}
