import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';
import { currentPeriodOf, FROM_REQUEST } from './allocation-period.js';

/**
 * An allocation ends within 8 weeks and no later allocation of the same product for the same
 * resident follows it: time for a re-assessment (herindicatie) so support does not stop unnoticed.
 */
export const allocationEndingRule: SignalRule = {
  id: 'toewijzing-eindigt',
  title: 'Toewijzing eindigt binnen 8 weken (herindicatie)',
  explanation:
    'Een toewijzing eindigt binnen 8 weken en er is geen vervolgtoewijzing voor hetzelfde product. Zonder herbeoordeling stopt de ondersteuning op de einddatum.',
  law: 'Wmo 2015 art. 2.3.5 lid 3 (duur van de maatwerkvoorziening); Jeugdwet art. 2.3',
  domain: 'wmo-jeugd',
  severity: 'middel',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Plan een herbeoordeling met de inwoner: verlengen, aanpassen of beëindigen.',
  dueInDays: 14,
  schedule: 'nachtelijk',
  subjectType: 'allocation',
  assignTeam: 'area',
  reads: ['allocations', 'allocation_segments', 'products', 'cases', 'residents', 'team_areas'],
  // Starts from the current segments that end in the window (an index range: a few per hundred);
  // only for their allocations is the period computed and a later allocation of the same product
  // looked up, by resident through the index.
  query: ({ today }) => sql`
    with ending as materialized (
      select a.id, a.resident_id, a.product_id, a.case_id, pe.start_on, pe.end_on
      from allocations a
      ${currentPeriodOf('a.id')}
      where a.id in (
        select s.allocation_id from allocation_segments s
        where s.superseded_at is null and s.end_date between ${today}::date and ${today}::date + 56
      )
        and pe.end_on between ${today}::date and ${today}::date + 56
    )
    select 'allocation' as subject_type, x.id as subject_id, x.resident_id, c.consultant_id as assignee_user_id,
           jsonb_strip_nulls(jsonb_build_object('product', p.name, 'zaak', c.reference, 'herkomst', case when c.id is null then ${FROM_REQUEST} end, 'ingang', x.start_on, 'einde', x.end_on)) as facts
    from ending x
    join products p on p.id = x.product_id
    left join cases c on c.id = x.case_id
    where not exists (
      select 1
      from allocations later
      join allocation_segments s on s.allocation_id = later.id and s.superseded_at is null
      where later.resident_id = x.resident_id and later.product_id = x.product_id and s.end_date > x.end_on
    )
  `,
};
