import { sql } from 'kysely';
import { addMonths } from '../../../platform/calendar.js';
import type { SignalRule } from '../signal.rule.js';

/**
 * The month whose income statement should be in by `today`: statements are due on the 10th of the
 * following month, so from the 11th the previous month counts, before that the month before it.
 */
export function statementMonth(today: string): string {
  const firstOfMonth = `${today.slice(0, 8)}01`;
  return addMonths(firstOfMonth, Number(today.slice(8, 10)) > 10 ? -1 : -2);
}

/** A benefit that ran in the month due has no income statement (inkomstenopgave) for that month. */
export const pwIncomeStatementMissingRule: SignalRule = {
  id: 'pw-inkomstenopgave-ontbreekt',
  title: 'Inkomstenopgave ontbreekt',
  explanation:
    'Voor een maand waarin de bijstand liep is geen inkomstenopgave ontvangen, terwijl de termijn (de 10e van de volgende maand) verstreken is. Zonder opgave kan de bijstand niet juist worden vastgesteld.',
  law: 'Participatiewet art. 17 (inlichtingenplicht) en art. 54 (opschorten bij niet nakomen)',
  domain: 'participatiewet',
  severity: 'hoog',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Herinner de inwoner aan de inkomstenopgave; schort bij uitblijven de betaling op (art. 54).',
  dueInDays: 5,
  schedule: 'nachtelijk',
  subjectType: 'benefit',
  assignTeam: 'area',
  reads: ['pw_benefits', 'pw_income_statements', 'residents', 'team_areas'],
  query: ({ today }) => {
    const month = statementMonth(today);
    // The running benefits without this month's statement (an anti-join on the primary key); only
    // for those is the last statement looked up.
    return sql`
      select 'benefit' as subject_type, b.id as subject_id, b.resident_id, b.consultant_id as assignee_user_id,
             jsonb_build_object('uitkering', b.reference, 'maand', to_char(${month}::date, 'YYYY-MM'),
               'laatste_opgave', to_char((select max(s.period) from pw_income_statements s where s.benefit_id = b.id), 'YYYY-MM')) as facts
      from pw_benefits b
      where b.start_date < ${month}::date + interval '1 month'
        and (b.end_date is null or b.end_date >= ${month}::date)
        and not exists (select 1 from pw_income_statements s where s.benefit_id = b.id and s.period = ${month}::date)
    `;
  },
};
