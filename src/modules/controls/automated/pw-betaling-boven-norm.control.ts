import { sql } from 'kysely';
import type { AutomatedControl } from './automated-control.js';

/**
 * The bijstand paid for a benefit for a month in the period (regular and correcting payments; a
 * payment from before runs counts as all bijstand, as the payment run counts it) is not above the
 * norm including vakantietoeslag of the rekenbasis that applies to that month (the latest valid_from
 * on or before it, newest recorded). The excess is the amount in error. Months without a rekenbasis
 * are the control pw-betaling-zonder-besluit's.
 */
export const pwBetalingBovenNorm: AutomatedControl = {
  id: 'pw-betaling-boven-norm',
  title: 'Bijstand boven de toepasselijke norm betaald',
  explanation:
    'Per uitkering en maand mag niet meer bijstand betaald zijn dan de norm (inclusief vakantietoeslag) van de rekenbasis die voor die maand geldt. Het meerdere is onverschuldigd betaald.',
  norm: 'Participatiewet art. 19–22a en 31 (normen en middelen); art. 58 (terugvordering)',
  processes: ['participatiewet'],
  impact: 'fout',
  reads: ['pw_payments', 'pw_benefits', 'pw_benefit_bases'],
  population: ({ start, end }) => sql`
    select count(distinct (p.benefit_id, p.period)) as population from pw_payments p
    where p.period between ${start}::date and ${end}::date and p.kind <> 'vakantietoeslag'
  `,
  exceptions: ({ start, end }) => sql`
    with paid as (
      select p.benefit_id, p.period, sum(case when p.run_id is null then p.cents else p.bijstand_cents end) as bijstand, count(*)::int as payments
      from pw_payments p
      where p.period between ${start}::date and ${end}::date and p.kind <> 'vakantietoeslag'
      group by p.benefit_id, p.period
    ),
    normed as (
      select x.*, n.norm_incl_vt_cents as norm, n.valid_from
      from paid x
      cross join lateral (select bb.norm_incl_vt_cents, bb.valid_from from pw_benefit_bases bb
        where bb.benefit_id = x.benefit_id and bb.valid_from <= x.period
        order by bb.valid_from desc, bb.recorded_at desc limit 1) n
    )
    select 'benefit' as subject_type, b.id as subject_id, b.resident_id,
      jsonb_build_object('uitkering', b.reference, 'maand', to_char(n.period, 'YYYY-MM'), 'betaald_bijstand_cent', n.bijstand, 'betalingen', n.payments,
        'norm_cent', n.norm, 'rekenbasis_vanaf', n.valid_from) as facts,
      (n.bijstand - n.norm)::bigint as amount_cents
    from normed n
    join pw_benefits b on b.id = n.benefit_id
    where n.bijstand > n.norm
  `,
};
