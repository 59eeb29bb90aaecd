import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';

/** Payments for months that begin after the benefit's end date: paid without a right (onverschuldigd). */
export const pwPaidAfterEndRule: SignalRule = {
  id: 'pw-betaald-na-einddatum',
  title: 'Bijstand betaald na de einddatum',
  explanation: 'Er is bijstand betaald over een maand die na de einddatum van de uitkering begint. Dat bedrag is onverschuldigd betaald.',
  law: 'Participatiewet art. 58 (terugvordering) en art. 54',
  domain: 'participatiewet',
  severity: 'kritiek',
  owner: { teamKind: 'area_team', role: 'consultant' },
  suggestedAction: 'Stop verdere betalingen en start de terugvordering van het onverschuldigd betaalde bedrag.',
  dueInDays: 3,
  schedule: 'nachtelijk',
  subjectType: 'benefit',
  assignTeam: 'area',
  reads: ['pw_benefits', 'pw_payments', 'residents', 'team_areas'],
  // Only ended benefits, each with its payments after the end date by index (benefit, period).
  query: () => sql`
    select 'benefit' as subject_type, b.id as subject_id, b.resident_id, b.consultant_id as assignee_user_id,
           jsonb_build_object('uitkering', b.reference, 'einddatum', b.end_date, 'betalingen', l.payments, 'bedrag_cent', l.cents, 'eerste_maand', to_char(l.first_period, 'YYYY-MM')) as facts
    from pw_benefits b
    cross join lateral (
      select count(*)::int as payments, sum(p.cents)::bigint as cents, min(p.period) as first_period
      from pw_payments p
      where p.benefit_id = b.id and p.period > b.end_date
    ) l
    where b.end_date is not null and l.payments > 0
  `,
};
