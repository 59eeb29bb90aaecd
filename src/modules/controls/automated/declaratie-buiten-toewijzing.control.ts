import { sql } from 'kysely';
import { standardsOf, type AutomatedControl } from './automated-control.js';

/**
 * Every approved declaration line (a debit not reversed by an approved credit) lies within the
 * toewijzing it was matched to: its ProductPeriode within the segment's period, and the volume
 * approved for the segment in a calendar month (for frequency 'total': over the whole toewijzing, so
 * also the lines of that toewijzing before and after the tested period) not above what the segment
 * allows — counted as the exchange does (iWmo/iJw 9307/9308 and 9321/9322), in the order the lines
 * were received. The part of a line above the volume is the amount in error; only lines whose
 * ProductPeriode begins in the period are exceptions (a line before it belongs to an earlier run).
 */
export const declaratieBuitenToewijzing: AutomatedControl = {
  id: 'declaratie-buiten-toewijzing',
  title: 'Goedgekeurde declaratie buiten de toewijzing (periode of volume)',
  explanation:
    'Een goedgekeurde declaratieregel moet binnen de periode van de toewijzing vallen, en het goedgekeurde volume per maand (of per toewijzing bij frequentie totaal) mag niet boven het toegewezen volume uitkomen.',
  norm: 'Wmo 2015 art. 2.3.5 en Jeugdwet art. 2.3 (zorg binnen de beschikking/toewijzing); iWmo/iJw 323 retourcodes 9307, 9308, 9321, 9322',
  processes: ['wmo', 'jeugd'],
  impact: 'fout',
  reads: ['declaration_lines', 'declaration_messages', 'allocation_segments', 'allocations'],
  test: ({ start, end, laws }) => sql`
    with total_segments as materialized (
      -- the toewijzingen with frequency 'total' that ran in the period: their volume counts over their whole period
      select s.id, s.tenant_id from allocation_segments s
      where s.frequency = 'total' and s.start_date <= ${end}::date and s.end_date >= ${start}::date
    ),
    candidates as (
      -- the lines tested: approved debits with their ProductPeriode beginning in the period
      select l.*, true as tested
      from declaration_lines l
      where l.status = 'approved' and l.debit_credit = 'D'
        and l.period_start between ${start}::date and ${end}::date
        and l.standard = any(${standardsOf(laws)}::text[])
      union all
      -- and, for the volume only, the other lines of those toewijzingen (by the index on segment_id)
      select l.*, false
      from total_segments t
      join declaration_lines l on l.segment_id = t.id and l.tenant_id = t.tenant_id
      where l.status = 'approved' and l.debit_credit = 'D'
        and not (l.period_start between ${start}::date and ${end}::date)
        and l.standard = any(${standardsOf(laws)}::text[])
    ),
    credited as (
      select c.credits_line_id as id from declaration_lines c
      where c.status = 'approved' and c.debit_credit = 'C' and c.credits_line_id is not null
    ),
    lines as (
      select l.id, l.tested, l.resident_id, l.segment_id, l.reference, l.period_start, l.period_end, l.volume, l.unit_code, l.approved_cents,
        m.received_at, l.position, s.start_date, s.end_date, s.frequency,
        l.id in (select id from credited) as credited,
        case a.unit when 'hour' then case when s.volume <> trunc(s.volume) then '01' else '04' end
          when 'minute' then '01' when 'day_part' then '16' when 'day' then '14' when 'piece' then '82' when 'euro' then '83' end as allocated_unit,
        case when a.unit = 'hour' and s.volume <> trunc(s.volume) then round(s.volume * 60) else round(s.volume) end as amount
      from candidates l
      join declaration_messages m on m.id = l.declaration_id and m.tenant_id = l.tenant_id
      left join allocation_segments s on s.id = l.segment_id and s.tenant_id = l.tenant_id
      left join allocations a on a.id = s.allocation_id and a.tenant_id = s.tenant_id
    ),
    bucketed as (
      select l.*, l.segment_id is null or l.period_start < l.start_date or l.period_end > l.end_date as outside,
        case when l.frequency = 'total' then l.start_date else date_trunc('month', l.period_start)::date end as bucket
      from lines l
    ),
    -- The volume approved before and with each line in its bucket (a month, or the whole toewijzing for
    -- 'total'), in the order received; a credited line or one in another unit does not count.
    counted as (
      select b.*, not b.credited and not b.outside and b.unit_code = b.allocated_unit as counts,
        sum(b.volume) filter (where not b.credited and not b.outside and b.unit_code = b.allocated_unit)
          over (partition by b.segment_id, b.bucket order by b.received_at, b.id, b.position rows unbounded preceding) as used,
        case b.frequency
          when 'per_day' then b.amount * (least(b.end_date, (b.bucket + interval '1 month - 1 day')::date) - greatest(b.start_date, b.bucket) + 1)
          when 'per_week' then b.amount * ceil((least(b.end_date, (b.bucket + interval '1 month - 1 day')::date) - greatest(b.start_date, b.bucket) + 1) / 7.0)
          else b.amount end as allowed
      from bucketed b
    ),
    judged as (
      select c.*,
        case when c.credited then null
          when c.outside then 'buiten de periode van de toewijzing'
          when c.counts and c.used > c.allowed then 'boven het toegewezen volume' end as finding
      from counted c
      where c.tested
    )
    select 'declaration_line' as subject_type, j.id as subject_id, j.resident_id,
      case when j.finding is not null then
        jsonb_build_object('bevinding', j.finding, 'referentie', j.reference, 'periode_van', j.period_start, 'periode_tot', j.period_end,
          'volume', j.volume, 'toegestaan_volume', case when not j.outside then j.allowed end, 'toewijzing_van', j.start_date, 'toewijzing_tot', j.end_date,
          'goedgekeurd_cent', j.approved_cents) end as facts,
      case when j.outside then j.approved_cents
        when j.finding is not null then round(j.approved_cents * least(j.volume, j.used - j.allowed) / nullif(j.volume, 0)) end::bigint as amount_cents
    from judged j
  `,
};
