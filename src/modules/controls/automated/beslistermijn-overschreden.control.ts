import { sql } from 'kysely';
import { nonWorkingDatesOfYears } from '../../../platform/calendar.js';
import type { AutomatedControl } from './automated-control.js';

/**
 * A case decided in the period (decided_on) was decided within its legal decision term, counted as the
 * cases module counts it (case.rules.ts, the signal rule zaak-termijn): the case type's decision term
 * from the application, plus closed suspensions (Awb 4:15) and extensions (Awb 4:14) recorded before
 * the decision, then Atw art. 1 for terms the Atw covers. No amount: a late decision is unlawful, the
 * money is not (but it risks a dwangsom, Awb 4:17).
 */
export const beslistermijnOverschreden: AutomatedControl = {
  id: 'beslistermijn-overschreden',
  title: 'Beschikking na de wettelijke beslistermijn',
  explanation:
    'Op een aanvraag moet binnen de wettelijke termijn (met opschortingen en verdagingen) zijn beslist. Een zaak die in de periode na die termijn is besloten, is een uitzondering.',
  norm: 'Wmo 2015 art. 2.3.5 lid 1 (2 weken); Jeugdwet en Participatiewet art. 44 (8 weken, Awb 4:13); Awb art. 4:14, 4:15 en 4:17; Algemene termijnenwet',
  processes: ['wmo', 'jeugd', 'participatiewet'],
  impact: 'fout',
  reads: ['cases', 'case_types', 'case_events'],
  test: ({ start, end, laws }) => sql`
    with decided as (
      select c.id, c.reference, c.resident_id, ct.name as type_name, c.applied_on as start_on, c.decided_on, ct.decision_term as term
      from cases c
      join case_types ct on ct.code = c.case_type_code and ct.tenant_id = c.tenant_id
      where c.decided_on between ${start}::date and ${end}::date and c.applied_on is not null
        and ct.law = any(${[...laws]}::text[])
    ),
    marks as (
      select e.case_id, e.kind, e.on_date, e.term, d.start_on,
             lead(e.kind) over w as next_kind, lead(e.on_date) over w as next_on
      from case_events e
      join decided d on d.id = e.case_id
      where e.kind in ('suspension_start', 'suspension_end', 'extension') and e.on_date >= d.start_on and e.on_date <= d.decided_on
      window w as (partition by e.case_id, (e.kind = 'extension') order by e.on_date, e.recorded_at)
    ),
    adjustments as (
      select case_id,
             coalesce(sum(case when kind = 'suspension_start' and next_kind = 'suspension_end'
                               then greatest(0, greatest(next_on - 1, on_date) - greatest(on_date, start_on + 1) + 1) end), 0) as suspended_days,
             coalesce(sum(term::interval) filter (where kind = 'extension' and term is not null), interval '0') as extension
      from marks
      group by case_id
    ),
    due as (
      select d.*, (d.start_on + d.term::interval)::date + coalesce(a.suspended_days, 0)::int + coalesce(a.extension, interval '0') as extended,
             case when d.term ~ '^P[0-9]+W$' then substring(d.term from '^P([0-9]+)W$')::int <= 12
                  when d.term ~ '^P([0-9]+W)?([0-9]+D)?$' then (d.start_on + d.term::interval)::date - d.start_on <= 90
                  else (d.start_on + d.term::interval)::date <= (d.start_on + interval '3 months')::date end as atw
      from decided d
      left join adjustments a on a.case_id = d.id
    ),
    final as (
      -- Atw art. 1 moves a due day off a weekend or holiday: only worth computing for a case decided after the unmoved day.
      select d.*, case when d.atw and d.decided_on > d.extended::date
        then (select min(day)::date from generate_series(d.extended, d.extended + interval '14 days', interval '1 day') day
              where extract(isodow from day) < 6 and day::date <> all(${nonWorkingDatesOfYears(Number(start.slice(0, 4)) - 2, Number(end.slice(0, 4)) + 1)}::date[]))
        else d.extended::date end as due_on
      from due d
    )
    select 'case' as subject_type, f.id as subject_id, f.resident_id,
      case when f.decided_on > f.due_on then
        jsonb_build_object('zaak', f.reference, 'zaaktype', f.type_name, 'aanvraag', f.start_on, 'uiterlijk', f.due_on,
          'besloten', f.decided_on, 'dagen_te_laat', f.decided_on - f.due_on) end as facts,
      0::bigint as amount_cents
    from final f
  `,
};
