import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';

/** A resident with at least one open case has no fixed contact person (vaste contactpersoon). */
export const openCaseWithoutContactPersonRule: SignalRule = {
  id: 'zaak-zonder-contactpersoon',
  title: 'Open zaak zonder vaste contactpersoon',
  explanation: 'De inwoner heeft een lopende zaak maar geen vaste contactpersoon. Vragen van de inwoner komen dan niet bij één persoon terecht.',
  law: 'Wmo 2015 art. 2.3.2 lid 1 en de verordening (één vast aanspreekpunt)',
  domain: 'wmo-jeugd',
  severity: 'middel',
  owner: { teamKind: 'area_team', role: 'team_lead' },
  suggestedAction: 'Wijs een consulent uit het gebiedsteam aan als vaste contactpersoon.',
  dueInDays: 5,
  schedule: 'nachtelijk',
  subjectType: 'resident',
  assignTeam: 'area',
  reads: ['cases', 'contact_person_assignments', 'residents', 'team_areas'],
  query: () => sql`
    with open_cases as (
      select c.resident_id, jsonb_agg(c.reference order by c.reference) as refs
      from cases c
      where c.status not in ('afgesloten', 'ingetrokken')
      group by c.resident_id
    )
    select 'resident' as subject_type, o.resident_id as subject_id, o.resident_id, null::uuid as assignee_user_id,
           jsonb_build_object('zaken', o.refs) as facts
    from open_cases o
    where not exists (select 1 from contact_person_assignments cp where cp.resident_id = o.resident_id and cp.ended_at is null)
  `,
};
