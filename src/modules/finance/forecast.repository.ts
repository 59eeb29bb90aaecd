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

/** Per allocation with a commitment or a declaration in the year: the facts of `AllocationYearFacts`. */
export async function findAllocationYearFacts(tx: Tx, scope: ForecastScope): Promise<AllocationFactsRow[]> {
  const result = await sql<AllocationFactsRow>`
    with p as (${params(scope)}),
    comm as (
      select ch.allocation_id, sum(ch.delta_cents) as cents
      from commitment_changes ch, p where ch.year = p.year and ch.recorded_at <= p.k
      group by ch.allocation_id),
    real as (
      select d.allocation_id,
             coalesce(sum(d.cents) filter (where d.month < p.m0), 0) as passed,
             coalesce(sum(d.cents) filter (where d.month >= p.m0 and d.received_at <= p.k), 0) as open
      from declarations d, p where d.month >= p.ys and d.month < p.ye
      group by d.allocation_id),
    seg as (
      select s.allocation_id,
             sum(greatest(0, least(s.end_date + 1, p.ye) - greatest(s.start_date, p.ys))) as days,
             sum(greatest(0, least(s.end_date + 1, p.ye) - greatest(s.start_date, p.m0))) as open_days
      from allocation_segments s, p
      where s.recorded_at <= p.k and (s.superseded_at is null or s.superseded_at > p.k)
        and s.start_date < p.ye and s.end_date >= p.ys
      group by s.allocation_id)
    select a.id as allocation_id, a.budget_line_code, a.provider_id, a.resident_id,
           coalesce(comm.cents, 0) as commitment, coalesce(real.passed, 0) as realised_passed, coalesce(real.open, 0) as realised_open,
           coalesce(seg.days, 0) as valid_days, coalesce(seg.open_days, 0) as valid_open_days
    from allocations a
    cross join p
    left join comm on comm.allocation_id = a.id
    left join real on real.allocation_id = a.id
    left join seg on seg.allocation_id = a.id
    where (comm.allocation_id is not null or real.allocation_id is not null) ${allocationFilter(scope)}
    order by a.budget_line_code, a.provider_id, a.created_at, a.id
  `.execute(tx);
  return result.rows;
}

/** The allocations made in the 12 months before the first open month: their whole commitment and validity. */
export async function findNewAllocations(tx: Tx, scope: ForecastScope): Promise<NewAllocationRow[]> {
  const result = await sql<NewAllocationRow>`
    with p as (${params(scope)}),
    recent as (
      select a.id, a.budget_line_code, a.provider_id from allocations a, p
      where a.created_at >= ((p.window_end - interval '12 months')::timestamp at time zone ${AMS})
        and a.created_at < (p.window_end::timestamp at time zone ${AMS})
        and a.created_at <= p.k ${allocationFilter(scope)}),
    comm as (
      select ch.allocation_id, sum(ch.delta_cents) as cents
      from commitment_changes ch join recent r on r.id = ch.allocation_id, p
      where ch.recorded_at <= p.k group by ch.allocation_id),
    seg as (
      select s.allocation_id, sum(s.end_date - s.start_date + 1) as days
      from allocation_segments s join recent r on r.id = s.allocation_id, p
      where s.recorded_at <= p.k and (s.superseded_at is null or s.superseded_at > p.k)
      group by s.allocation_id)
    select r.budget_line_code, r.provider_id, coalesce(comm.cents, 0) as commitment, coalesce(seg.days, 0) as valid_days
    from recent r left join comm on comm.allocation_id = r.id left join seg on seg.allocation_id = r.id
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

/** Product, period and (only for a reader with a care relation, DESIGN.md §5) the resident's name of allocations. */
export async function findAllocationDetails(tx: Tx, userId: string, ids: readonly string[]): Promise<AllocationDetailRow[]> {
  if (ids.length === 0) return [];
  const related = hasRelationWith(userId, sql<string>`a.resident_id`, new Date(), 'care');
  const result = await sql<AllocationDetailRow>`
    select a.id, p.name as product,
      (select to_char(min(s.start_date), 'YYYY-MM-DD') from allocation_segments s where s.allocation_id = a.id and s.superseded_at is null) as start_date,
      (select to_char(max(s.end_date), 'YYYY-MM-DD') from allocation_segments s where s.allocation_id = a.id and s.superseded_at is null) as end_date,
      case when ${related} then concat_ws(' ', r.given_name, r.surname_prefix, r.family_name) end as resident_name
    from allocations a
    join products p on p.id = a.product_id
    join residents r on r.id = a.resident_id
    where a.id in (${sql.join([...ids])})
  `.execute(tx);
  return result.rows;
}
