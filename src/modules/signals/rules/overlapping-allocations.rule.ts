import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';
import { currentPeriodOf, FROM_REQUEST } from './allocation-period.js';

/**
 * Two allocations of the same product for the same resident run at the same time: care may be
 * delivered (and paid) twice. The signal is on the later allocation and names the earlier ones.
 */
export const overlappingAllocationsRule: SignalRule = {
  id: 'dubbele-toewijzing',
  title: 'Twee toewijzingen van hetzelfde product overlappen',
  explanation:
    'Voor dezelfde inwoner lopen twee toewijzingen van hetzelfde product in dezelfde periode. Dat kan dubbele zorg of dubbele declaraties betekenen.',
  law: 'Wmo 2015 art. 2.3.5; Gemeentewet art. 212 (rechtmatige besteding)',
  domain: 'wmo-jeugd',
  severity: 'hoog',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Beëindig of corrigeer een van de toewijzingen en informeer de aanbieder(s).',
  dueInDays: 10,
  schedule: 'nachtelijk',
  subjectType: 'allocation',
  assignTeam: 'area',
  reads: ['allocations', 'allocation_segments', 'products', 'cases', 'residents', 'team_areas'],
  // Per resident and product, in order of start: an allocation overlaps an earlier one when it starts
  // on or before the latest end before it. Window functions keep it one pass over the candidates.
  query: () => sql`
    with candidates as (
      -- Only a resident with more than one allocation of a product can have overlapping ones
      -- (a few per hundred): their periods are the only ones computed.
      select a.id, a.resident_id, a.product_id, a.case_id
      from allocations a
      where (a.resident_id, a.product_id) in (
        select m.resident_id, m.product_id from allocations m group by m.resident_id, m.product_id having count(*) > 1
      )
    ),
    spans as (
      select x.id, x.resident_id, x.product_id, x.case_id, pe.start_on, pe.end_on
      from candidates x
      ${currentPeriodOf('x.id')}
    ),
    ordered as (
      select sp.*,
             max(sp.end_on) over earlier as earlier_end,
             jsonb_agg(jsonb_build_object('toewijzing', sp.id, 'ingang', sp.start_on, 'einde', sp.end_on)) over earlier as earlier_spans
      from spans sp
      window earlier as (partition by sp.resident_id, sp.product_id order by sp.start_on, sp.id rows between unbounded preceding and 1 preceding)
    )
    select 'allocation' as subject_type, x.id as subject_id, x.resident_id, c.consultant_id as assignee_user_id,
           jsonb_strip_nulls(jsonb_build_object('product', p.name, 'zaak', c.reference, 'herkomst', case when c.id is null then ${FROM_REQUEST} end,
             'ingang', x.start_on, 'einde', x.end_on,
             'overlapt_met', (select jsonb_agg(e order by e->>'ingang', e->>'toewijzing') from jsonb_array_elements(x.earlier_spans) e
                              where (e->>'einde')::date >= x.start_on))) as facts
    from ordered x
    join products p on p.id = x.product_id
    left join cases c on c.id = x.case_id
    where x.earlier_end >= x.start_on
  `,
};
