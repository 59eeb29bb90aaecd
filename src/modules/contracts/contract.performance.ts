// Provider performance for contract management: per provider and product, for one year, from the
// messages and the money. Aggregates only; per-client figures for fewer than SMALL_COUNT clients are
// suppressed, as on the dashboards ("<10").
//
//   allocations        allocations whose period overlaps the year
//   clients            distinct residents among them
//   days to start      per allocation with a reported start of care (305, or recorded by hand): days
//                      from the moment the provider could start — the later of the toewijzing's
//                      ingangsdatum and the dagtekening of the first 301 that carried it — to the
//                      reported start (never negative); the median over the allocations
//   never started      of the allocations whose period began more than 28 days before the reference
//                      date (today, or the year's end for a past year), the share without any start
//                      of care — the signal "zorg niet gestart" uses the same 4 weeks
//   realisation        approved declarations for months of the year
//   commitment         the allocations' commitments for the year
//   utilisation        realisation / commitment (uitnutting)
//   cost per client    realisation / the clients with realisation in the year
//   duration           for allocations whose period ended in the year up to the reference date: the
//                      mean length of the period in days
//   refused lines      declaration lines for months of the year on these allocations, the refused ones
//                      and their retour codes (a line may carry several)

import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { retourCodeTexts } from '../exchange/exchange.retour.js';

export const SMALL_COUNT = 10;

export interface PerformanceRow {
  providerId: string;
  providerName: string;
  agbCode: string;
  productId: string;
  productCode: string;
  productName: string;
  law: string;
  /** Suppressed (fewer than SMALL_COUNT clients): counts and per-client figures are null. */
  suppressed: boolean;
  allocations: number | null;
  clients: number | null;
  medianDaysToStart: number | null;
  neverStartedShare: number | null;
  realisationCents: number;
  commitmentCents: number;
  utilisation: number | null;
  averageCostPerClientCents: number | null;
  averageDurationDays: number | null;
  /** Declaration lines for months of the year on these allocations, and those refused with their retour codes. */
  declaredLines: number | null;
  refusedLines: number | null;
  refusalReasons: { code: string; text: string; lines: number }[];
}

export interface ProviderPerformance {
  year: number;
  referenceDate: string;
  threshold: number;
  rows: PerformanceRow[];
}

interface RawRow {
  provider_id: string;
  provider_name: string;
  agb_code: string;
  product_id: string;
  product_code: string;
  product_name: string;
  law: string;
  allocations: string;
  clients: string;
  median_days: string | null;
  due: string;
  due_not_started: string;
  realisation: string | null;
  commitment: string | null;
  realised_clients: string;
  mean_duration: string | null;
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));

/** Turns the raw aggregate row into what may be shown: counts below the threshold are suppressed. */
export function presentRow(r: RawRow, threshold = SMALL_COUNT): PerformanceRow {
  const clients = Number(r.clients);
  const suppressed = clients < threshold;
  const realisationCents = Number(r.realisation ?? 0);
  const commitmentCents = Number(r.commitment ?? 0);
  const realisedClients = Number(r.realised_clients);
  const due = Number(r.due);
  return {
    providerId: r.provider_id,
    providerName: r.provider_name,
    agbCode: r.agb_code,
    productId: r.product_id,
    productCode: r.product_code,
    productName: r.product_name,
    law: r.law,
    suppressed,
    allocations: suppressed ? null : Number(r.allocations),
    clients: suppressed ? null : clients,
    medianDaysToStart: suppressed ? null : num(r.median_days),
    neverStartedShare: suppressed || due === 0 ? null : Number(r.due_not_started) / due,
    realisationCents,
    commitmentCents,
    utilisation: commitmentCents > 0 ? realisationCents / commitmentCents : null,
    averageCostPerClientCents: suppressed || realisedClients === 0 ? null : Math.round(realisationCents / realisedClients),
    averageDurationDays: suppressed ? null : num(r.mean_duration) === null ? null : Math.round(Number(r.mean_duration) * 10) / 10,
    declaredLines: null,
    refusedLines: null,
    refusalReasons: [],
  };
}

/** Performance per provider and product for a year; optionally for one provider. One set-based query. */
export async function providerPerformance(tx: Tx, input: { year: number; today: string; providerId?: string }): Promise<ProviderPerformance> {
  const yearStart = `${input.year}-01-01`;
  const yearEnd = `${input.year}-12-31`;
  const referenceDate = input.today < yearEnd ? input.today : yearEnd;
  const rows = await sql<RawRow>`
    with periods as materialized (
      select a.id, a.provider_id, a.product_id, a.resident_id, min(s.start_date) as start_on, max(s.end_date) as end_on
      from allocations a
      join allocation_segments s on s.tenant_id = a.tenant_id and s.allocation_id = a.id and s.superseded_at is null
      ${input.providerId ? sql`where a.provider_id = ${input.providerId}` : sql``}
      group by a.id, a.provider_id, a.product_id, a.resident_id
      having min(s.start_date) <= ${yearEnd}::date and max(s.end_date) >= ${yearStart}::date
    ),
    first_sent as (
      select s.allocation_id, min(m.dated_on) as sent_on
      from exchange_message_segments ms
      join exchange_messages m on m.tenant_id = ms.tenant_id and m.id = ms.message_id and m.direction = 'out' and m.message_number = 301
      join allocation_segments s on s.tenant_id = ms.tenant_id and s.id = ms.segment_id
      where s.allocation_id in (select id from periods)
      group by s.allocation_id
    ),
    realised as (
      select d.allocation_id, sum(d.cents) as cents
      from declarations d
      where d.month between ${yearStart}::date and ${yearEnd}::date and d.allocation_id in (select id from periods)
      group by d.allocation_id
    ),
    per_allocation as (
      select p.*,
        case when cs.started_on is not null
             then greatest(0, cs.started_on - greatest(p.start_on, coalesce(f.sent_on, p.start_on))) end as days_to_start,
        (p.start_on < ${referenceDate}::date - 28) as due,
        cs.started_on is null as not_started,
        r.cents as realised,
        c.cents as committed,
        case when p.end_on between ${yearStart}::date and ${referenceDate}::date then p.end_on - p.start_on + 1 end as duration
      from periods p
      left join allocation_care_starts cs on cs.allocation_id = p.id
      left join first_sent f on f.allocation_id = p.id
      left join realised r on r.allocation_id = p.id
      left join allocation_commitments c on c.allocation_id = p.id and c.year = ${input.year}
    )
    select x.provider_id, v.name as provider_name, v.agb_code, x.product_id, pr.code as product_code, pr.name as product_name, pr.law,
      count(*) as allocations,
      count(distinct x.resident_id) as clients,
      percentile_cont(0.5) within group (order by x.days_to_start) as median_days,
      count(*) filter (where x.due) as due,
      count(*) filter (where x.due and x.not_started) as due_not_started,
      sum(x.realised) as realisation,
      sum(x.committed) as commitment,
      count(distinct x.resident_id) filter (where x.realised > 0) as realised_clients,
      avg(x.duration) as mean_duration
    from per_allocation x
    join providers v on v.id = x.provider_id
    join products pr on pr.id = x.product_id
    group by x.provider_id, v.name, v.agb_code, x.product_id, pr.code, pr.name, pr.law
    order by v.name, pr.code
  `.execute(tx);
  // Declaration lines per provider and product, and the retour codes of the refused ones.
  const lines = await sql<{ provider_id: string; product_id: string; code: string | null; is_total: boolean; declared: string; refused: string }>`
    select a.provider_id, a.product_id, c.code, grouping(c.code) = 1 as is_total,
      count(distinct l.id) as declared,
      count(distinct l.id) filter (where l.status = 'refused') as refused
    from declaration_lines l
    join allocations a on a.id = l.allocation_id
    left join lateral unnest(case when l.status = 'refused' then l.retour_codes else '{}'::text[] end) c(code) on true
    where l.period_start between ${yearStart}::date and ${yearEnd}::date
      ${input.providerId ? sql`and l.provider_id = ${input.providerId}` : sql``}
    group by grouping sets ((a.provider_id, a.product_id), (a.provider_id, a.product_id, c.code))
  `.execute(tx);
  const present = rows.rows.map((r) => presentRow(r));
  for (const row of present) {
    if (row.suppressed) continue;
    const mine = lines.rows.filter((l) => l.provider_id === row.providerId && l.product_id === row.productId);
    const total = mine.find((l) => l.is_total);
    row.declaredLines = Number(total?.declared ?? 0);
    row.refusedLines = Number(total?.refused ?? 0);
    row.refusalReasons = mine
      .filter((l) => !l.is_total && l.code !== null && Number(l.refused) > 0)
      .map((l) => ({ code: l.code!, text: retourCodeTexts[l.code!] ?? '', lines: Number(l.refused) }))
      .sort((a, b) => b.lines - a.lines || a.code.localeCompare(b.code));
  }
  return { year: input.year, referenceDate, threshold: SMALL_COUNT, rows: present };
}
