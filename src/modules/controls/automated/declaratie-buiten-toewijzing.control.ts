import { sql } from 'kysely';
import { standardsOf, type AutomatedControl } from './automated-control.js';

/**
 * Every approved declaration line (a debit not reversed by an approved credit) lies within the
 * toewijzing it was matched to: its ProductPeriode within the segment's period, and the volume
 * approved for the segment in a calendar month (for frequency 'total': over the whole segment) not
 * above what the segment allows — counted as the exchange does (iWmo/iJw 9307/9308 and 9321/9322),
 * in the order the lines were received. The part of a line above the volume is the amount in error.
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
  population: ({ start, end, laws }) => sql`
    select count(*) as population from declaration_lines l
    where l.status = 'approved' and l.debit_credit = 'D'
      and l.period_start between ${start}::date and ${end}::date
      and l.standard = any(${standardsOf(laws)}::text[])
  `,
  exceptions: ({ start, end, laws }) => sql`
    with lines as (
      select l.id, l.resident_id, l.segment_id, l.reference, l.period_start, l.period_end, l.volume, l.unit_code, l.approved_cents,
        m.received_at, l.position, s.start_date, s.end_date, s.frequency,
        case a.unit when 'hour' then case when s.volume <> trunc(s.volume) then '01' else '04' end
          when 'minute' then '01' when 'day_part' then '16' when 'day' then '14' when 'piece' then '82' when 'euro' then '83' end as allocated_unit,
        case when a.unit = 'hour' and s.volume <> trunc(s.volume) then round(s.volume * 60) else round(s.volume) end as amount
      from declaration_lines l
      join declaration_messages m on m.id = l.declaration_id and m.tenant_id = l.tenant_id
      left join allocation_segments s on s.id = l.segment_id and s.tenant_id = l.tenant_id
      left join allocations a on a.id = s.allocation_id and a.tenant_id = s.tenant_id
      where l.status = 'approved' and l.debit_credit = 'D'
        and l.period_start between ${start}::date and ${end}::date
        and l.standard = any(${standardsOf(laws)}::text[])
        and l.id not in (select c.credits_line_id from declaration_lines c
                         where c.status = 'approved' and c.debit_credit = 'C' and c.credits_line_id is not null)
    ),
    bucketed as (
      select l.*, l.segment_id is null or l.period_start < l.start_date or l.period_end > l.end_date as outside,
        case when l.frequency = 'total' then l.start_date else date_trunc('month', l.period_start)::date end as bucket
      from lines l
    ),
    counted as (
      select b.*,
        sum(b.volume) over (partition by b.segment_id, b.bucket order by b.received_at, b.id, b.position rows unbounded preceding) as used,
        case b.frequency
          when 'per_day' then b.amount * (least(b.end_date, (b.bucket + interval '1 month - 1 day')::date) - greatest(b.start_date, b.bucket) + 1)
          when 'per_week' then b.amount * ceil((least(b.end_date, (b.bucket + interval '1 month - 1 day')::date) - greatest(b.start_date, b.bucket) + 1) / 7.0)
          else b.amount end as allowed
      from bucketed b
      where not b.outside and b.unit_code = b.allocated_unit
    ),
    found as (
      select b.id, b.resident_id, b.reference, b.period_start, b.period_end, b.volume, b.approved_cents, b.start_date, b.end_date,
        'buiten de periode van de toewijzing' as finding, null::numeric as allowed, b.approved_cents as amount
      from bucketed b where b.outside
      union all
      select c.id, c.resident_id, c.reference, c.period_start, c.period_end, c.volume, c.approved_cents, c.start_date, c.end_date,
        'boven het toegewezen volume', c.allowed,
        round(c.approved_cents * least(c.volume, c.used - c.allowed) / nullif(c.volume, 0))
      from counted c where c.used > c.allowed
    )
    select 'declaration_line' as subject_type, f.id as subject_id, f.resident_id,
      jsonb_build_object('bevinding', f.finding, 'referentie', f.reference, 'periode_van', f.period_start, 'periode_tot', f.period_end,
        'volume', f.volume, 'toegestaan_volume', f.allowed, 'toewijzing_van', f.start_date, 'toewijzing_tot', f.end_date,
        'goedgekeurd_cent', f.approved_cents) as facts,
      coalesce(f.amount, 0)::bigint as amount_cents
    from found f
  `,
};
