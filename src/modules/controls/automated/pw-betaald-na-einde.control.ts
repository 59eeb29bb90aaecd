import { sql } from 'kysely';
import type { AutomatedControl } from './automated-control.js';

/** A payment for a month in the period that begins after its benefit's end date: paid without a right (onverschuldigd). */
export const pwBetaaldNaEinde: AutomatedControl = {
  id: 'pw-betaald-na-einde',
  title: 'Bijstand betaald na de einddatum van de uitkering',
  explanation: 'Er mag geen bijstand betaald zijn over een maand die na de einddatum van de uitkering begint. Zo’n betaling is onverschuldigd en moet worden teruggevorderd.',
  norm: 'Participatiewet art. 54 lid 1 en 58 (beëindiging en terugvordering); BBV art. 28',
  processes: ['participatiewet'],
  impact: 'fout',
  reads: ['pw_payments', 'pw_benefits'],
  test: ({ start, end }) => sql`
    select 'payment' as subject_type, p.id as subject_id, b.resident_id,
      case when b.end_date is not null and p.period > b.end_date then
        jsonb_build_object('uitkering', b.reference, 'einddatum', b.end_date, 'maand', to_char(p.period, 'YYYY-MM'), 'soort', p.kind,
          'betaald_op', p.paid_on, 'bedrag_cent', p.cents) end as facts,
      p.cents::bigint as amount_cents
    from pw_payments p
    join pw_benefits b on b.id = p.benefit_id and b.tenant_id = p.tenant_id
    where p.period between ${start}::date and ${end}::date
  `,
};
