import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';
import { currentPeriodOf, FROM_REQUEST } from './allocation-period.js';

/**
 * An allocation whose period started more than 4 weeks ago and is still running, without a start of
 * care from the provider (iWmo/iJw 305, or recorded by hand): the resident may be waiting for care.
 * Only products exchanged with providers (an iWmo/iJw category): a benefit such as bijzondere
 * bijstand has no start of care to report.
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
  // Allocations without a start of care first (a hashed NOT IN over the not-null key: a small share
  // of all allocations); only for those is the period computed, by index.
  query: ({ today }) => sql`
    with waiting as materialized (
      select a.id, a.resident_id, a.product_id, a.provider_id, a.case_id, pe.start_on, pe.end_on
      from allocations a
      ${currentPeriodOf('a.id')}
      where a.id not in (select cs.allocation_id from allocation_care_starts cs)
        and a.product_id in (select ep.id from products ep where ep.category_code is not null)
        and pe.start_on < ${today}::date - 28
        and pe.end_on >= ${today}::date
    )
    select 'allocation' as subject_type, x.id as subject_id, x.resident_id, c.consultant_id as assignee_user_id,
           jsonb_strip_nulls(jsonb_build_object('product', p.name, 'aanbieder', v.name, 'zaak', c.reference, 'herkomst', case when c.id is null then ${FROM_REQUEST} end, 'ingang', x.start_on, 'einde', x.end_on)) as facts
    from waiting x
    join products p on p.id = x.product_id
    join providers v on v.id = x.provider_id
    left join cases c on c.id = x.case_id
  `,
};
