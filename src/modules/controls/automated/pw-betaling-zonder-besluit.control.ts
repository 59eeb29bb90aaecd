import { sql } from 'kysely';
import type { AutomatedControl } from './automated-control.js';

/**
 * A regular or correcting payment for a month in the period rests on the granted benefit for that
 * month: the month does not begin before the benefit's first month, and a rekenbasis (the decision's
 * amounts, pw_benefit_bases) applies from that month or earlier. The whole payment is in error.
 */
export const pwBetalingZonderBesluit: AutomatedControl = {
  id: 'pw-betaling-zonder-besluit',
  title: 'Bijstand betaald zonder besluit of rekenbasis voor die maand',
  explanation:
    'Elke betaling van bijstand over een maand moet berusten op een toekenning die in die maand liep en op een rekenbasis (het bedrag uit het besluit) die vanaf die maand of eerder geldt.',
  norm: 'Participatiewet art. 43–45 (besluit op de aanvraag, betaling per maand); BBV art. 28',
  processes: ['participatiewet'],
  impact: 'fout',
  reads: ['pw_payments', 'pw_benefits', 'pw_benefit_bases'],
  test: ({ start, end }) => sql`
    select 'payment' as subject_type, p.id as subject_id, b.resident_id,
      case when p.period < date_trunc('month', b.start_date)::date or f.valid_from is null or f.valid_from > p.period then
        jsonb_build_object('uitkering', b.reference, 'maand', to_char(p.period, 'YYYY-MM'), 'soort', p.kind, 'ingangsdatum', b.start_date,
          'bevinding', case when p.period < date_trunc('month', b.start_date)::date then 'betaald over een maand vóór de ingangsdatum'
                            else 'geen rekenbasis voor deze maand' end,
          'bedrag_cent', p.cents) end as facts,
      p.cents::bigint as amount_cents
    from pw_payments p
    join pw_benefits b on b.id = p.benefit_id and b.tenant_id = p.tenant_id
    -- a rekenbasis applies from that month or earlier: the benefit's first basis does
    left join (select x.benefit_id, min(x.valid_from) as valid_from from pw_benefit_bases x group by x.benefit_id) f on f.benefit_id = p.benefit_id
    where p.period between ${start}::date and ${end}::date and p.kind <> 'vakantietoeslag'
  `,
};
