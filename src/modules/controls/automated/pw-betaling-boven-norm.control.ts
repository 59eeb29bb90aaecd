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
  test: ({ start, end }) => sql`
    with paid as (
      select p.benefit_id, p.period, sum(case when p.run_id is null then p.cents else p.bijstand_cents end) as bijstand, count(*)::int as payments
      from pw_payments p
      where p.period between ${start}::date and ${end}::date and p.kind <> 'vakantietoeslag'
      group by p.benefit_id, p.period
    ),
    -- The rekenbasis per benefit with the day the next one takes over (the newest recorded of a day counts), hash-joined to the months.
    bases as (
      select bb.benefit_id, bb.valid_from, bb.norm_incl_vt_cents, lead(bb.valid_from) over (partition by bb.benefit_id order by bb.valid_from) as valid_until
      from (select distinct on (x.benefit_id, x.valid_from) x.benefit_id, x.valid_from, x.norm_incl_vt_cents
            from pw_benefit_bases x
            where x.benefit_id in (select benefit_id from paid)
            order by x.benefit_id, x.valid_from, x.recorded_at desc) bb
    ),
    normed as (
      select x.*, n.norm_incl_vt_cents as norm, n.valid_from
      from paid x
      left join bases n on n.benefit_id = x.benefit_id and n.valid_from <= x.period and (n.valid_until is null or n.valid_until > x.period)
    )
    select 'benefit' as subject_type, b.id as subject_id, b.resident_id,
      case when n.bijstand > n.norm then
        jsonb_build_object('uitkering', b.reference, 'maand', to_char(n.period, 'YYYY-MM'), 'betaald_bijstand_cent', n.bijstand, 'betalingen', n.payments,
          'norm_cent', n.norm, 'rekenbasis_vanaf', n.valid_from) end as facts,
      (n.bijstand - n.norm)::bigint as amount_cents
    from normed n
    join pw_benefits b on b.id = n.benefit_id
  `,
};
