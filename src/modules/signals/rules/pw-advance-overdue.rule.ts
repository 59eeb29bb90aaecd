import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';

/**
 * An application for bijstand (levensonderhoud) is undecided more than 4 weeks after it was made and
 * no advance (voorschot) was paid: art. 52 lid 1 Pw requires one within 4 weeks when the right cannot
 * yet be established. The 4 weeks count as a term does (the last day is the application date + 28).
 */
export const pwAdvanceOverdueRule: SignalRule = {
  id: 'pw-voorschot-te-laat',
  title: 'Voorschot bijstand niet binnen 4 weken betaald',
  explanation:
    'Op de aanvraag om bijstand is na 4 weken nog niet besloten en er is geen voorschot betaald. Als het recht nog niet kan worden vastgesteld, moet de gemeente binnen 4 weken na de aanvraag een voorschot verlenen.',
  law: 'Participatiewet art. 52 lid 1 (voorschot binnen 4 weken na de aanvraag)',
  domain: 'participatiewet',
  severity: 'kritiek',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Beslis op de aanvraag of betaal een voorschot (ten hoogste de verwachte bijstand per maand) en leg het vast bij de aanvraag.',
  dueInDays: 1,
  schedule: 'nachtelijk',
  subjectType: 'case',
  assignTeam: 'area',
  reads: ['pw_applications', 'cases'],
  query: ({ today }) => sql`
    select 'case' as subject_type, c.id as subject_id, c.resident_id, c.consultant_id as assignee_user_id,
           jsonb_build_object('zaak', c.reference, 'aanvraag', c.applied_on, 'voorschot_uiterlijk', c.applied_on + 28) as facts
    from pw_applications a
    join cases c on c.id = a.case_id
    where c.status = 'aanvraag'
      and a.decision_status in ('open', 'voorgesteld')
      and a.advance_cents is null
      and c.applied_on + 28 < ${today}::date
  `,
};
