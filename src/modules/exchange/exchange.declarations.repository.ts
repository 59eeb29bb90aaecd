// Declarations (323) in the database, set-based: all lines of a message are staged, matched, checked,
// settled and booked by one statement over the whole set (insertJudgedLines), never per line.
//
// Checks and their retour codes (LDT_RetourCode), per line:
//   9019 no toewijzing with this ToewijzingNummer for this provider under this law
//   8187 the toewijzing belongs to another client (BSN)
//   9384 the toewijzing was removed (superseded: sent with RedenWijziging 13)          [debit only]
//   9339 / 9340 ProductCategorie / ProductCode differ from the toewijzing's
//   9341 Eenheid differs from the toewijzing's (as the 301 carried it)
//   9307 / 9308 ProductPeriode begins / ends outside the toewijzing's period
//   9319 ProductPeriode not within the DeclaratiePeriode
//   9321 GeleverdVolume exceeds what the toewijzing allows for the ProductPeriode          [debit only]
//   9322 with the volume approved before and the earlier lines of this message, the month's
//        (or for frequency 'total' the toewijzing's) allowed volume is exceeded        [debit only]
//   0611 ProductTarief differs from the provider's contract tariff for that year          [debit only]
//   9346 IngediendBedrag ≠ GeleverdVolume × ProductTarief (the contract tariff when none is given; not for Eenheid 83)
//   8021 ProductReferentie already declared (approved before, or earlier in this message)
//   9390 a credit with this ProductReferentie already exists
//   8017 a credit line without an approved debit line with this ProductReferentie
//   9367 a credit line whose amount or volume differs from the debit line it reverses
// A line without codes is approved (8001 in the answer); a credit line reverses its debit line.

import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { Standard } from './exchange.messages.js';

/** The lines of one message as columns (one array per column, same length): staged in one statement. */
export interface StagedLines {
  bsn: string[];
  reference: string[];
  previousReference: (string | null)[];
  allocationNumber: string[];
  category: string[];
  productCode: string[];
  begin: string[];
  end: string[];
  volume: string[];
  unit: string[];
  tariff: (string | null)[];
  amount: string[];
  debitCredit: string[];
}

export async function insertDeclarationMessage(
  tx: Tx,
  d: { tenantId: string; messageId: string; standard: Standard; providerId: string; number: string; periodStart: string; periodEnd: string; datedOn: string; submittedCents: number; headerCodes: string[] },
): Promise<string> {
  const row = await tx
    .insertInto('declaration_messages')
    .values({
      tenant_id: d.tenantId,
      message_id: d.messageId,
      standard: d.standard,
      provider_id: d.providerId,
      declaration_number: d.number,
      period_start: d.periodStart,
      period_end: d.periodEnd,
      dated_on: d.datedOn,
      submitted_cents: d.submittedCents,
      status: d.headerCodes.length ? 'rejected' : 'received',
      header_codes: d.headerCodes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Serialises the provider's declarations under one law: until this transaction ends, another
 * declaration of the same provider waits. Its judgement reads what was approved before (8021, 9322,
 * 9333); two of the provider's messages judged at the same time (two API calls, the folder and an
 * upload) would each miss the other's lines. Messages of other providers go on in parallel.
 */
export async function lockProviderDeclarations(tx: Tx, d: { tenantId: string; providerId: string; standard: Standard }): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`koers.declaraties:${d.tenantId}:${d.providerId}:${d.standard}`}))`.execute(tx);
}

/** Whether the provider sent a declaration with this number before (9333). */
export async function declarationNumberTaken(tx: Tx, d: { providerId: string; standard: Standard; number: string }): Promise<boolean> {
  const row = await tx
    .selectFrom('declaration_messages')
    .select('id')
    .where('provider_id', '=', d.providerId)
    .where('standard', '=', d.standard)
    .where('declaration_number', '=', d.number)
    .where('status', '<>', 'rejected')
    .executeTakeFirst();
  return row !== undefined;
}

export interface LineOutcome {
  position: number;
  codes: string[];
  approved: boolean;
  approvedCents: number;
  residentId: string | null;
}

// The judging statement stages the message's lines (arrays unnested by the database) and passes
// them through CTEs that each read only the one before (no CTE joined to another on id); lookups
// are per-line index probes (lateral or scalar subqueries). Each line is written once, judged: an
// INSERT and a later UPDATE of the same rows cost a second version of every row and, since the rows
// are the transaction's own, a second check of every foreign key.

/**
 * Stages and judges every line of the message in one INSERT: matches it to its toewijzing
 * (ToewijzingNummer + provider + law), gives it the codes that depend on the line and its
 * toewijzing, then those that depend on other lines (ProductReferentie, volume over the month or the
 * toewijzing), and settles the outcome: a line without codes is approved with its signed amount; an
 * approved credit line names the debit line it reverses; approved lines are booked in the ledger in
 * the same statement. Returns the outcome per line in message order.
 */
export async function insertJudgedLines(
  tx: Tx,
  d: { tenantId: string; declarationId: string; standard: Standard; providerId: string; periodStart: string; periodEnd: string },
  l: StagedLines,
): Promise<LineOutcome[]> {
  const { rows } = await sql<{ position: number; retour_codes: string[]; status: string; approved_cents: string | null; resident_id: string | null }>`
    with staged as (
      select ${d.tenantId}::text as tenant_id, ${d.declarationId}::uuid as declaration_id, (t.ord - 1)::int as position, ${d.standard}::text as standard,
        ${d.providerId}::uuid as provider_id, t.bsn, t.reference, t.previous_reference, t.allocation_number, t.category_code, t.product_code,
        t.period_start, t.period_end, t.volume, t.unit_code, t.tariff_cents, t.amount_cents, t.debit_credit
      from unnest(${l.bsn}::text[], ${l.reference}::text[], ${l.previousReference}::text[], ${l.allocationNumber}::bigint[], ${l.category}::text[],
        ${l.productCode}::text[], ${l.begin}::date[], ${l.end}::date[], ${l.volume}::bigint[], ${l.unit}::text[], ${l.tariff}::bigint[],
        ${l.amount}::bigint[], ${l.debitCredit}::text[])
        with ordinality as t(bsn, reference, previous_reference, allocation_number, category_code, product_code, period_start, period_end, volume, unit_code,
          tariff_cents, amount_cents, debit_credit, ord)
    ),
    -- The match, one probe per line: only a toewijzing of this provider under this law (else 9019);
    -- the contract tariff of its product for the year of the ProductPeriode (the tenant's own first).
    facts as (
      select l.*, l.debit_credit = 'D' as debit, m.*,
        case a.unit when 'hour' then case when s.volume <> trunc(s.volume) then '01' else '04' end
          when 'minute' then '01' when 'day_part' then '16' when 'day' then '14' when 'piece' then '82' when 'euro' then '83' end as allocated_unit,
        case when a.unit = 'hour' and s.volume <> trunc(s.volume) then round(s.volume * 60) else round(s.volume) end as amount,
        s.superseded_at, s.start_date, s.end_date, s.frequency, r.bsn as resident_bsn,
        p.category_code as allocated_category, p.product_code as allocated_code, tf.cents_per_unit, tf.unit as tariff_unit,
        greatest(l.period_start, s.start_date) as overlap_start, least(l.period_end, s.end_date) as overlap_end,
        row_number() over (partition by l.reference, l.debit_credit order by l.position) > 1 as repeated
      from staged l
      -- Single-table probes, one after the other: the planner cannot start from the wrong table.
      left join lateral (select s.id, s.allocation_id, s.volume, s.superseded_at, s.start_date, s.end_date, s.frequency from allocation_segments s
        where s.tenant_id = l.tenant_id and s.allocation_number = l.allocation_number limit 1) s on true
      left join lateral (select a.id, a.resident_id, a.product_id, a.unit from allocations a
        where a.tenant_id = l.tenant_id and a.id = s.allocation_id and a.provider_id = l.provider_id limit 1) a on true
      left join lateral (select p.id, p.code, p.category_code, p.product_code from products p
        where p.tenant_id = l.tenant_id and p.id = a.product_id and p.law = case l.standard when 'iwmo' then 'wmo' else 'jeugdwet' end limit 1) p on true
      left join lateral (select r.bsn from residents r where r.tenant_id = l.tenant_id and r.id = a.resident_id limit 1) r on true
      cross join lateral (select case when p.id is not null then s.id end as segment_id, case when p.id is not null then a.id end as allocation_id,
        case when p.id is not null then a.resident_id end as resident_id) m
      left join lateral (
        select tf.cents_per_unit, tf.unit from provider_tariffs tf
        where tf.provider_id = l.provider_id and tf.product_code = p.code and tf.year = extract(year from l.period_start)::int
        order by tf.tenant_id = l.tenant_id desc
        limit 1
      ) tf on true
    ),
    judged as (
      select f.*,
        -- the contract tariff in the declared unit (an hourly tariff declared in minutes: per minute)
        case when f.cents_per_unit is null then null
          when f.tariff_unit = 'hour' and f.unit_code = '01' then f.cents_per_unit / 60.0
          else f.cents_per_unit::numeric end as contract_tariff,
        case f.frequency
          when 'per_day' then f.amount * (f.overlap_end - f.overlap_start + 1)
          when 'per_week' then f.amount * ceil((f.overlap_end - f.overlap_start + 1) / 7.0)
          when 'per_month' then f.amount * ((extract(year from f.overlap_end) * 12 + extract(month from f.overlap_end)) - (extract(year from f.overlap_start) * 12 + extract(month from f.overlap_start)) + 1)
          else f.amount end as allowed
      from facts f
    ),
    coded as (
      select j.*,
        case when j.segment_id is null then array['9019'] else array_remove(array[
          case when j.resident_bsn <> j.bsn then '8187' end,
          case when j.debit and j.superseded_at is not null then '9384' end,
          case when j.category_code <> j.allocated_category then '9339' end,
          case when j.allocated_code is not null and j.product_code <> j.allocated_code then '9340' end,
          case when j.unit_code <> j.allocated_unit then '9341' end,
          case when j.period_start < j.start_date or j.period_start > j.end_date then '9307' end,
          case when j.period_end < j.start_date or j.period_end > j.end_date then '9308' end,
          case when j.period_start < ${d.periodStart}::date or j.period_end > ${d.periodEnd}::date then '9319' end,
          case when j.debit and j.unit_code = j.allocated_unit and j.overlap_end >= j.overlap_start and j.volume > j.allowed then '9321' end,
          case when j.debit and j.unit_code <> '83' and (j.contract_tariff is null or (j.tariff_cents is not null and j.tariff_cents <> round(j.contract_tariff))) then '0611' end,
          case when j.unit_code <> '83' and coalesce(j.tariff_cents, j.contract_tariff) is not null
            and j.amount_cents <> round(j.volume * coalesce(j.tariff_cents, j.contract_tariff)) then '9346' end
        ], null) end as codes
      from judged j
    ),
    referenced as (
      select c.*, ad.id as approved_debit,
        case
          when c.debit_credit = 'D' and (ad.id is not null or c.repeated) then '8021'
          when c.debit_credit = 'C' and (ac.id is not null or c.repeated) then '9390'
          when c.debit_credit = 'C' and ad.id is null then '8017'
          when c.debit_credit = 'C' and (ad.amount_cents <> c.amount_cents or ad.volume <> c.volume or ad.segment_id is distinct from c.segment_id) then '9367'
        end as code
      from coded c
      -- one probe of the unique index of approved references per line (the limit keeps the planner
      -- from turning the probe into a join against every approved line of the provider)
      left join lateral (select e.id, e.amount_cents, e.volume, e.segment_id from declaration_lines e
        where e.provider_id = c.provider_id and e.standard = c.standard and e.reference = c.reference
          and e.debit_credit = 'D' and e.tenant_id = c.tenant_id and e.status = 'approved' limit 1) ad on true
      left join lateral (select e.id from declaration_lines e
        where e.provider_id = c.provider_id and e.standard = c.standard and e.reference = c.reference
          and e.debit_credit = 'C' and e.tenant_id = c.tenant_id and e.status = 'approved' limit 1) ac on true
    ),
    -- Volume per bucket: the calendar month of the line, or the whole toewijzing for frequency 'total'.
    flagged as (
      select r.*, r.debit_credit = 'D' and cardinality(r.codes) = 0 and r.code is null as candidate,
        case when r.frequency = 'total' then null else date_trunc('month', r.period_start)::date end as bucket
      from referenced r
    ),
    running as (
      select f.*,
        sum(f.volume) filter (where f.candidate) over (partition by f.segment_id, f.bucket order by f.position rows unbounded preceding) as running,
        greatest(f.start_date, coalesce(f.bucket, f.start_date)) as b_start,
        least(f.end_date, coalesce((f.bucket + interval '1 month - 1 day')::date, f.end_date)) as b_end
      from flagged f
    ),
    volumes as materialized (
      select r.*,
        case when r.candidate then r.running + coalesce((
          select sum(case e.debit_credit when 'D' then e.volume else -e.volume end) from declaration_lines e
          where e.segment_id = r.segment_id and e.tenant_id = r.tenant_id and e.status = 'approved'
            and (r.bucket is null or date_trunc('month', e.period_start)::date = r.bucket)), 0) end as used,
        case r.frequency
          when 'per_day' then r.amount * (r.b_end - r.b_start + 1)
          when 'per_week' then r.amount * ceil((r.b_end - r.b_start + 1) / 7.0)
          else r.amount end as allowed_in_bucket
      from running r
    ),
    outcome as (
      select v.*, v.codes || array_remove(array[v.code, case when v.used > v.allowed_in_bucket then '9322' end], null) as retour_codes
      from volumes v
    ),
    inserted as (
    insert into declaration_lines (tenant_id, declaration_id, position, standard, provider_id, bsn, reference, previous_reference,
      allocation_number, category_code, product_code, period_start, period_end, volume, unit_code, tariff_cents, amount_cents, debit_credit,
      segment_id, allocation_id, resident_id, credits_line_id, status, retour_codes, approved_cents)
    select o.tenant_id, o.declaration_id, o.position, o.standard, o.provider_id, o.bsn, o.reference, o.previous_reference,
      o.allocation_number, o.category_code, o.product_code, o.period_start, o.period_end, o.volume, o.unit_code, o.tariff_cents, o.amount_cents, o.debit_credit,
      o.segment_id, o.allocation_id, o.resident_id,
      case when cardinality(o.retour_codes) = 0 and o.debit_credit = 'C' then o.approved_debit end,
      case when cardinality(o.retour_codes) = 0 then 'approved' else 'refused' end,
      o.retour_codes,
      case when cardinality(o.retour_codes) = 0 then case o.debit_credit when 'C' then -o.amount_cents else o.amount_cents end end
    from outcome o
    returning id, tenant_id, allocation_id, period_start, period_end, position, retour_codes, status, approved_cents, resident_id
    ),
    -- The realisation ledger (declarations): per approved line one row per calendar month of the
    -- ProductPeriode, the amount shared by days so that the rows add up to the line exactly.
    booked as (
      insert into declarations (tenant_id, allocation_id, month, cents, declaration_line_id)
      select l.tenant_id, l.allocation_id, m.month::date,
        (floor(l.approved_cents::numeric * m.through / m.total) - floor(l.approved_cents::numeric * m.before / m.total))::bigint,
        l.id
      from inserted l
      cross join lateral (
        select gs as month,
          (least(l.period_end, (gs + interval '1 month - 1 day')::date) - l.period_start + 1) as through,
          (greatest(l.period_start, gs::date) - l.period_start) as before,
          (l.period_end - l.period_start + 1) as total
        from generate_series(date_trunc('month', l.period_start)::date, date_trunc('month', l.period_end)::date, interval '1 month') gs
      ) m
      where l.status = 'approved'
    )
    select position, retour_codes, status, approved_cents, resident_id from inserted
  `.execute(tx);
  return rows
    .map((r) => ({ position: r.position, codes: r.retour_codes, approved: r.status === 'approved', approvedCents: Number(r.approved_cents ?? 0), residentId: r.resident_id }))
    .sort((a, b) => a.position - b.position);
}

/** Totals on the declaration, from the outcome of its lines. */
export async function closeDeclaration(tx: Tx, declarationId: string, outcome: LineOutcome[]): Promise<void> {
  const approved = outcome.filter((o) => o.approved);
  await tx
    .updateTable('declaration_messages')
    .set({ status: 'accepted', lines: outcome.length, approved_lines: approved.length, approved_cents: approved.reduce((sum, o) => sum + o.approvedCents, 0) })
    .where('id', '=', declarationId)
    .execute();
}
