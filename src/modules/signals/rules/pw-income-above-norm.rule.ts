import { sql } from 'kysely';
import { addMonths } from '../../../platform/calendar.js';
import type { SignalRule } from '../signal.rule.js';

/** How many months back a statement still raises the signal (the statement months before this one). */
export const INCOME_ABOVE_NORM_MONTHS = 3;

/**
 * A running benefit whose latest recent income statement offsets income at or above the norm incl.
 * vakantietoeslag of the benefit's rekenbasis for that month: there may be no right to bijstand any more.
 */
export const pwIncomeAboveNormRule: SignalRule = {
  id: 'pw-inkomsten-boven-norm',
  title: 'Inkomsten boven de bijstandsnorm',
  explanation:
    'Volgens een recente inkomstenopgave is het inkomen dat wordt verrekend even hoog als of hoger dan de bijstandsnorm (inclusief vakantietoeslag). Dan is er voor die maand geen bijstand, en mogelijk geen recht meer: de uitkering kan misschien worden beëindigd.',
  law: 'Participatiewet art. 19 lid 1 sub a (geen recht als het inkomen niet lager is dan de norm) en art. 54 lid 3 (intrekking)',
  domain: 'participatiewet',
  severity: 'middel',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Beoordeel of het inkomen blijvend is; zo ja, beëindig de bijstand via een heronderzoek, zo nee, laat de uitkering doorlopen.',
  dueInDays: 10,
  schedule: 'nachtelijk',
  subjectType: 'benefit',
  assignTeam: 'area',
  reads: ['pw_benefits', 'pw_income_statements', 'pw_benefit_bases', 'residents', 'team_areas'],
  query: ({ today }) => {
    const from = addMonths(`${today.slice(0, 8)}01`, -INCOME_ABOVE_NORM_MONTHS);
    // Per running benefit its latest statement of the recent months, and the basis of that month
    // (the latest valid_from <= the month, the newest recorded).
    return sql`
      select 'benefit' as subject_type, b.id as subject_id, b.resident_id, b.consultant_id as assignee_user_id,
             jsonb_build_object('uitkering', b.reference, 'maand', to_char(s.period, 'YYYY-MM'),
               'te_verrekenen_inkomen_cent', s.offset_cents, 'norm_incl_vt_cent', x.norm_incl_vt_cents) as facts
      from pw_benefits b
      cross join lateral (
        select s.period, s.offset_cents from pw_income_statements s
        where s.benefit_id = b.id and s.period >= ${from}::date
        order by s.period desc limit 1
      ) s
      cross join lateral (
        select bb.norm_incl_vt_cents from pw_benefit_bases bb
        where bb.benefit_id = b.id and bb.valid_from <= s.period
        order by bb.valid_from desc, bb.recorded_at desc limit 1
      ) x
      where (b.end_date is null or b.end_date >= ${today}::date)
        and s.offset_cents >= x.norm_incl_vt_cents
    `;
  },
};
