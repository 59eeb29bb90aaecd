import { sql } from 'kysely';
import { addWorkingDays } from '../../../platform/calendar.js';
import type { SignalRule } from '../signal.rule.js';

/**
 * A registration for debt help (schuldhulpverlening) still waits for its first conversation and the
 * term's last day (kept with the registration, see src/modules/debt/debt.terms.ts) is near or has
 * passed: within 1 working day for the crisis term of 3 working days, within 5 working days for the
 * 4-week term. A registration with a decision or a first conversation is left out. The subject is the
 * resident: a resident has at most one open registration (unique index in 0047).
 */
export const debtFirstConversationRule: SignalRule = {
  id: 'schuldhulp-eerste-gesprek',
  title: 'Eerste gesprek schuldhulp: termijn loopt af of is verstreken',
  explanation:
    'Na een hulpvraag om schuldhulp moet het eerste gesprek binnen 4 weken plaatsvinden, en binnen 3 werkdagen als er een ontruiming, afsluiting van energie of water of opzegging van de zorgverzekering dreigt. Deze termijn loopt bijna af of is verstreken en er is nog geen eerste gesprek vastgelegd.',
  law: 'Wet gemeentelijke schuldhulpverlening (Wgs) art. 4 (artikelnummer niet geverifieerd); Algemene termijnenwet',
  domain: 'schuldhulp',
  severity: 'kritiek',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Plan het eerste gesprek vandaag nog in en leg het vast bij de aanmelding.',
  dueInDays: 0,
  schedule: 'termijn',
  subjectType: 'resident',
  assignTeam: 'area',
  reads: ['debt_cases'],
  query: ({ today }) => sql`
    select 'resident' as subject_type, d.resident_id as subject_id, d.resident_id, d.registered_by as assignee_user_id,
           jsonb_build_object('aangemeld', d.registered_on, 'termijn', case when d.term_code = 'eerste-gesprek-crisis' then '3 werkdagen (crisis)' else '4 weken' end,
                              'uiterlijk', d.first_conversation_due,
                              'stand', case when d.first_conversation_due < ${today}::date then 'verstreken' else 'loopt af' end) as facts
    from debt_cases d
    where d.first_conversation_on is null and d.decision is null
      and d.first_conversation_due <= case when d.term_code = 'eerste-gesprek-crisis' then ${addWorkingDays(today, 1)}::date else ${addWorkingDays(today, 5)}::date end
  `,
};
