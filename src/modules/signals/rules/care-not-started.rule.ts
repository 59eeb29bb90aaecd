import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';
import { allocationPeriods } from './allocation-periods.js';

/**
 * An allocation whose period started more than 4 weeks ago and is still running, without a start of
 * care from the provider (iWmo/iJw 305, or recorded by hand): the resident may be waiting for care.
 */
export const careNotStartedRule: SignalRule = {
  id: 'zorg-niet-gestart',
  title: 'Toewijzing zonder start zorg na 4 weken',
  explanation:
    'De toewijzing is al meer dan 4 weken ingegaan, maar de aanbieder heeft geen start van de zorg gemeld. Mogelijk wacht de inwoner nog op ondersteuning.',
  law: 'Wmo 2015 art. 2.3.5; iWmo-berichtenverkeer (301 toewijzing, 305 start zorg)',
  domain: 'wmo-jeugd',
  severity: 'hoog',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Vraag de aanbieder of de zorg gestart is; zoek zo nodig een andere aanbieder.',
  dueInDays: 5,
  schedule: 'nachtelijk',
  subjectType: 'allocation',
  assignTeam: 'area',
  reads: ['allocations', 'allocation_segments', 'allocation_care_starts', 'products', 'providers', 'cases', 'residents', 'team_areas'],
  query: ({ today }) => sql`
    with period as (${allocationPeriods})
    select 'allocation' as subject_type, a.id as subject_id, a.resident_id, c.consultant_id as assignee_user_id,
           jsonb_build_object('product', p.name, 'aanbieder', v.name, 'zaak', c.reference, 'ingang', pe.start_on, 'einde', pe.end_on) as facts
    from allocations a
    join period pe on pe.allocation_id = a.id
    join products p on p.id = a.product_id
    join providers v on v.id = a.provider_id
    join cases c on c.id = a.case_id
    -- NOT IN over the (not null) key: one hashed lookup per allocation, never a loop of index probes.
    where a.id not in (select cs.allocation_id from allocation_care_starts cs)
      and pe.start_on < ${today}::date - 28
      and pe.end_on >= ${today}::date
  `,
};
