import { sql } from 'kysely';
import { careLaws, type AutomatedControl } from './automated-control.js';

/**
 * Every allocation that ran in the period goes to a provider with a contract for its product in every
 * year it ran within the period: a tariff (provider, product code, year), the tenant's own or the
 * region's. The allocation's commitment for a year without a contract is the amount uncertain.
 */
export const toewijzingZonderContract: AutomatedControl = {
  id: 'toewijzing-zonder-contract',
  title: 'Toewijzing aan een aanbieder zonder contract voor dat jaar',
  explanation:
    'Een toewijzing mag alleen naar een aanbieder die voor dat product in dat jaar gecontracteerd is (een tarief heeft). Per jaar zonder contract is de verplichting van dat jaar onzeker.',
  norm: 'Aanbestedingswet 2012 en inkoopbeleid; Wmo 2015 art. 2.6.4–2.6.6; Jeugdwet art. 2.12',
  processes: ['wmo', 'jeugd'],
  impact: 'onzekerheid',
  reads: ['allocation_segments', 'allocations', 'products', 'provider_tariffs', 'providers', 'allocation_commitments'],
  test: ({ start, end, laws }) => sql`
    with years as (
      select distinct s.allocation_id, y::int as year
      from allocation_segments s
      cross join lateral generate_series(extract(year from greatest(s.start_date, ${start}::date))::int,
                                         extract(year from least(s.end_date, ${end}::date))::int) y
      where s.superseded_at is null and s.start_date <= ${end}::date and s.end_date >= ${start}::date
    ),
    judged as (
      select a.id, a.resident_id, a.provider_id, p.code as product, y.year,
        not exists (select 1 from provider_tariffs tf where tf.provider_id = a.provider_id and tf.product_code = p.code and tf.year = y.year) as missing
      from years y
      join allocations a on a.id = y.allocation_id
      join products p on p.id = a.product_id and p.tenant_id = a.tenant_id
      where p.law = any(${careLaws(laws)}::text[])
    )
    select 'allocation' as subject_type, j.id as subject_id, j.resident_id,
      case when bool_or(j.missing) then
        jsonb_build_object('product', j.product, 'aanbieder', pr.agb_code, 'aanbieder_naam', pr.name,
          'jaren_zonder_contract', jsonb_agg(j.year order by j.year) filter (where j.missing)) end as facts,
      case when bool_or(j.missing) then coalesce(sum(c.cents), 0) end::bigint as amount_cents
    from judged j
    left join providers pr on pr.id = j.provider_id
    left join allocation_commitments c on j.missing and c.allocation_id = j.id and c.year = j.year
    group by j.id, j.resident_id, j.product, pr.agb_code, pr.name
  `,
};
