import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';
import { areaOf, areaTeamOf } from './resident-area.js';
import { allocationPeriods } from './allocation-periods.js';

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
  reads: ['allocations', 'allocation_segments', 'products', 'cases', 'residents', 'team_areas'],
  query: ({ today }) => sql`
    with spans as (
      select a.id, a.resident_id, a.product_id, a.case_id, pe.start_on, pe.end_on,
             max(pe.end_on) over (partition by a.resident_id, a.product_id) as last_end
      from allocations a join (${allocationPeriods}) pe on pe.allocation_id = a.id
    )
    select 'allocation' as subject_type, x.id as subject_id, x.resident_id, ${areaOf('x.resident_id')} as area_code, ${areaTeamOf('x.resident_id')} as assignee_team_id, c.consultant_id as assignee_user_id,
           jsonb_build_object('product', p.name, 'zaak', c.reference, 'ingang', x.start_on, 'einde', x.end_on) as facts
    from spans x
    join products p on p.id = x.product_id
    join cases c on c.id = x.case_id
    where x.end_on between ${today}::date and ${today}::date + 56
      and x.end_on = x.last_end
  `,
};
