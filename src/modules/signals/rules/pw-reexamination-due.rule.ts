import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';

/** A running benefit's periodic re-examination (heronderzoek) is due within 4 weeks or overdue. */
export const pwReexaminationDueRule: SignalRule = {
  id: 'pw-heronderzoek',
  title: 'Heronderzoek bijstand binnen 4 weken of verlopen',
  explanation:
    'Het periodieke heronderzoek naar het recht op bijstand moet binnen 4 weken plaatsvinden of is al te laat. Zonder heronderzoek kan onterecht bijstand doorlopen.',
  law: 'Participatiewet art. 53a lid 1 en 4 (onderzoek naar de rechtmatigheid); gemeentelijk beleid heronderzoeken',
  domain: 'participatiewet',
  severity: 'middel',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Plan het heronderzoek met de inwoner en vraag de benodigde gegevens op.',
  dueInDays: 14,
  schedule: 'nachtelijk',
  subjectType: 'benefit',
  assignTeam: 'area',
  reads: ['pw_benefits', 'residents', 'team_areas'],
  query: ({ today }) => sql`
    select 'benefit' as subject_type, b.id as subject_id, b.resident_id, b.consultant_id as assignee_user_id,
           jsonb_build_object('uitkering', b.reference, 'laatste_heronderzoek', b.last_reexamination_on, 'heronderzoek_uiterlijk', b.next_reexamination_on) as facts
    from pw_benefits b
    where (b.end_date is null or b.end_date >= ${today}::date)
      and b.next_reexamination_on <= ${today}::date + 28
  `,
};
