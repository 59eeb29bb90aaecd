import { sql } from 'kysely';
import { standardsOf, type AutomatedControl } from './automated-control.js';

/**
 * Every approved declaration line (a debit not reversed by an approved credit) is paid at no more than
 * the provider's contract tariff of its product for the year of its ProductPeriode (an hourly tariff
 * declared in minutes: per minute). Lines in euros (Eenheid 83) have no tariff and are left out.
 */
export const declaratieBovenTarief: AutomatedControl = {
  id: 'declaratie-boven-tarief',
  title: 'Goedgekeurde declaratie boven het contracttarief',
  explanation:
    'Een goedgekeurde declaratieregel mag niet meer kosten dan volume maal het gecontracteerde tarief van de aanbieder voor dat product en jaar. Een regel zonder contracttarief voor dat jaar is ook een uitzondering.',
  norm: 'Inkoopcontract (tarief per product per jaar); Wmo 2015 art. 2.6.6; Jeugdwet art. 2.12; BBV art. 28 (rechtmatigheid)',
  processes: ['wmo', 'jeugd'],
  impact: 'fout',
  reads: ['declaration_lines', 'allocations', 'products', 'provider_tariffs'],
  test: ({ start, end, laws }) => sql`
    with lines as (
      select l.id, l.resident_id, l.allocation_id, l.provider_id, l.reference, l.period_start, l.volume, l.unit_code, l.approved_cents,
        l.id in (select c.credits_line_id from declaration_lines c
                 where c.status = 'approved' and c.debit_credit = 'C' and c.credits_line_id is not null) as credited
      from declaration_lines l
      where l.status = 'approved' and l.debit_credit = 'D' and l.unit_code <> '83'
        and l.period_start between ${start}::date and ${end}::date
        and l.standard = any(${standardsOf(laws)}::text[])
    ),
    -- One contract tariff per (provider, product, year), the tenant's own before the region's, hash-joined to the lines.
    tariffs as (
      select distinct on (tf.provider_id, tf.product_code, tf.year) tf.provider_id, tf.product_code, tf.year, tf.unit, tf.cents_per_unit
      from provider_tariffs tf
      order by tf.provider_id, tf.product_code, tf.year, tf.tenant_id = current_setting('koers.tenant_id', true) desc
    ),
    priced as (
      select l.*, p.code as product,
        case when tf.unit = 'hour' and l.unit_code = '01' then tf.cents_per_unit / 60.0 else tf.cents_per_unit::numeric end as tariff
      from lines l
      join allocations a on a.id = l.allocation_id
      join products p on p.id = a.product_id and p.tenant_id = a.tenant_id
      left join tariffs tf on tf.provider_id = l.provider_id and tf.product_code = p.code and tf.year = extract(year from l.period_start)::int
    )
    select 'declaration_line' as subject_type, x.id as subject_id, x.resident_id,
      case when not x.credited and (x.tariff is null or x.approved_cents > round(x.volume * x.tariff)) then
        jsonb_build_object('referentie', x.reference, 'product', x.product, 'periode_van', x.period_start, 'volume', x.volume,
          'eenheid', x.unit_code, 'contracttarief_cent', x.tariff, 'goedgekeurd_cent', x.approved_cents,
          'maximaal_cent', round(x.volume * x.tariff)) end as facts,
      case when x.tariff is null then x.approved_cents else x.approved_cents - round(x.volume * x.tariff) end::bigint as amount_cents
    from priced x
  `,
};
