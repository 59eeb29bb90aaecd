import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';

/**
 * Support started through direct access (taakgerichte uitvoeringsvariant) may run for the product's
 * maximum number of weeks (default 13) before a decision; the window ends within 2 weeks (or has
 * ended) while the case is still open without a decision. Same end as case.rules.ts: start + weeks − 1 day.
 */
export const directAccessEndingRule: SignalRule = {
  id: 'directe-toegang-loopt-af',
  title: 'Directe toegang loopt binnen 2 weken af zonder beschikking',
  explanation:
    'De ondersteuning via directe toegang mag maar een beperkte periode lopen zonder beschikking. Die periode eindigt binnen 2 weken (of is al geëindigd) terwijl de zaak nog geen besluit heeft.',
  law: 'Wmo 2015 art. 2.3.5 en de verordening maatschappelijke ondersteuning (taakgerichte uitvoeringsvariant)',
  domain: 'wmo-jeugd',
  severity: 'hoog',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Neem een besluit over voortzetting (aanvraag en beschikking) of laat de ondersteuning netjes afbouwen.',
  dueInDays: 3,
  schedule: 'termijn',
  subjectType: 'case',
  assignTeam: 'area',
  reads: ['cases', 'products', 'residents', 'team_areas'],
  query: ({ today }) => sql`
    select 'case' as subject_type, c.id as subject_id, c.resident_id, c.consultant_id as assignee_user_id,
           jsonb_build_object('zaak', c.reference, 'product', p.name, 'gestart', c.direct_access_start,
                              'eindigt', c.direct_access_start + 7 * coalesce(p.direct_access_max_weeks, 13) - 1) as facts
    from cases c
    join products p on p.id = c.direct_access_product_id
    where c.status in ('melding', 'onderzoek', 'aanvraag')
      and c.direct_access_start is not null
      and c.direct_access_start + 7 * coalesce(p.direct_access_max_weeks, 13) - 1 <= ${today}::date + 14
  `,
};
