import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';

/** A callback promised by the KCC is past its due moment and not done. */
export const callbackOverdueRule: SignalRule = {
  id: 'terugbelverzoek-verlopen',
  title: 'Terugbelverzoek verlopen',
  explanation: 'Het KCC heeft de inwoner beloofd dat hij wordt teruggebeld. Dat moment is verstreken en het terugbelverzoek is nog niet afgehandeld.',
  law: 'Wmo 2015 art. 2.3.2 lid 1 (melding in behandeling nemen); servicenormen dienstverlening',
  domain: 'wmo-jeugd',
  severity: 'hoog',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Bel de inwoner vandaag terug en handel het terugbelverzoek af.',
  dueInDays: 0,
  schedule: 'termijn',
  subjectType: 'callback',
  assignTeam: 'query',
  reads: ['callback_tasks', 'kcc_contacts', 'residents'],
  query: ({ now }) => sql`
    select 'callback' as subject_type, t.id as subject_id, t.resident_id, t.team_id as assignee_team_id, t.user_id as assignee_user_id,
           jsonb_build_object('onderwerp', k.subject, 'kanaal', k.channel, 'terugbellen_uiterlijk', t.due_at) as facts
    from callback_tasks t
    join kcc_contacts k on k.id = t.contact_id
    where t.done_at is null and t.due_at < ${now}
  `,
};
