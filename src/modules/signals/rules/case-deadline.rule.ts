import { sql } from 'kysely';
import { addWorkingDays } from '../../../platform/calendar.js';
import { nonWorkingDates, type SignalRule } from '../signal.rule.js';

/**
 * The legal deadline of an open case (research after the melding, then the decision after the
 * aanvraag) falls within 5 working days or has passed. The due date is computed as the cases module
 * does (case.rules.ts): the phase's term, plus closed suspensions, plus extensions, then Atw art. 1
 * (a last day on a weekend or holiday moves to the next working day) for terms the Atw covers.
 * A case with an open suspension has no running deadline and is left out.
 */
export const caseDeadlineRule: SignalRule = {
  id: 'zaak-termijn',
  title: 'Wettelijke termijn binnen 5 werkdagen of verstreken',
  explanation:
    'De wettelijke termijn van een open zaak (onderzoek na de melding of beschikking na de aanvraag) eindigt binnen 5 werkdagen of is al verstreken. Na het verstrijken kan de inwoner de gemeente in gebreke stellen en een dwangsom vragen.',
  law: 'Wmo 2015 art. 2.3.2 en 2.3.5; Jeugdwet art. 2.3; Awb art. 4:13–4:17; Algemene termijnenwet',
  domain: 'wmo-jeugd',
  severity: 'kritiek',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Rond het onderzoek of de beschikking af, of verdaag de termijn met een brief aan de inwoner.',
  dueInDays: 1,
  schedule: 'termijn',
  subjectType: 'case',
  assignTeam: 'area',
  reads: ['cases', 'case_types', 'case_events', 'residents', 'team_areas'],
  query: ({ today }) => caseDeadlineQuery(today, addWorkingDays(today, 5)),
};

/** The open cases whose running deadline is on or before `horizon`, with that deadline (exported for the cross-check test). */
export function caseDeadlineQuery(today: string, horizon: string) {
  return sql`
    with phase as (
      select c.id, c.reference, c.resident_id, c.consultant_id, ct.name as type_name,
             case when c.applied_on is null then 'onderzoek' else 'beschikking' end as kind,
             coalesce(c.applied_on, c.notified_on) as start_on,
             case when c.applied_on is null then ct.research_term else ct.decision_term end as term
      from cases c
      join case_types ct on ct.code = c.case_type_code
      where c.status in ('melding', 'onderzoek', 'aanvraag')
    ),
    running as (select * from phase where term is not null),
    marks as (
      select e.case_id, e.kind, e.on_date, e.term, r.start_on,
             lead(e.kind) over w as next_kind, lead(e.on_date) over w as next_on
      from case_events e
      join running r on r.id = e.case_id
      where e.kind in ('suspension_start', 'suspension_end', 'extension') and e.on_date >= r.start_on
      window w as (partition by e.case_id, (e.kind = 'extension') order by e.on_date, e.recorded_at)
    ),
    adjustments as (
      select case_id,
             bool_or(kind = 'suspension_start' and next_kind is distinct from 'suspension_end') as suspended,
             coalesce(sum(case when kind = 'suspension_start' and next_kind = 'suspension_end'
                               then greatest(0, greatest(next_on - 1, on_date) - greatest(on_date, start_on + 1) + 1) end), 0) as suspended_days,
             coalesce(sum(term::interval) filter (where kind = 'extension' and term is not null), interval '0') as extension
      from marks
      group by case_id
    ),
    due as (
      select r.*, (r.start_on + r.term::interval)::date + coalesce(a.suspended_days, 0)::int + coalesce(a.extension, interval '0') as extended,
             case when r.term ~ '^P[0-9]+W$' then substring(r.term from '^P([0-9]+)W$')::int <= 12
                  when r.term ~ '^P([0-9]+W)?([0-9]+D)?$' then (r.start_on + r.term::interval)::date - r.start_on <= 90
                  else (r.start_on + r.term::interval)::date <= (r.start_on + interval '3 months')::date end as atw
      from running r
      left join adjustments a on a.case_id = r.id
      where not coalesce(a.suspended, false)
    ),
    final as (
      select d.*, case when d.atw
        then (select min(day)::date from generate_series(d.extended, d.extended + interval '14 days', interval '1 day') day
              where extract(isodow from day) < 6 and day::date <> all(${nonWorkingDates(today)}::date[]))
        else d.extended::date end as due_on
      from due d
    )
    select 'case' as subject_type, f.id as subject_id, f.resident_id, f.consultant_id as assignee_user_id,
           jsonb_build_object('zaak', f.reference, 'zaaktype', f.type_name, 'termijn', f.kind, 'uiterlijk', f.due_on,
                              'stand', case when f.due_on < ${today}::date then 'verstreken' else 'binnen 5 werkdagen' end) as facts
    from final f
    where f.due_on <= ${horizon}::date
  `;
}
