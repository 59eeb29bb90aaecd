import { sql } from 'kysely';
import { careLaws, from, until, type AutomatedControl } from './automated-control.js';

/**
 * After every change of an allocation's terms the commitment per budget year is recomputed and the
 * difference recorded (decision.service: `replaceCommitments` and `commitment_changes` in one unit of
 * work). The control tests, for each allocation whose segments were recorded or superseded in the
 * period, that the commitment per year equals the sum of its recorded changes (the ledger), and that
 * an allocation with current segments has a commitment at all. A difference is uncertain: the budget
 * figures (finance) do not rest on the allocation's terms.
 */
export const verplichtingNietHerrekend: AutomatedControl = {
  id: 'verplichting-niet-herrekend',
  title: 'Verplichting niet herrekend na een wijziging van de toewijzing',
  explanation:
    'Na elke wijziging van een toewijzing moet de verplichting per begrotingsjaar opnieuw berekend en het verschil vastgelegd zijn. De verplichting per jaar moet gelijk zijn aan de som van de vastgelegde mutaties; een toewijzing met lopende segmenten moet een verplichting hebben.',
  norm: 'BBV art. 28 en 60 (verplichtingenadministratie); Gemeentewet art. 212 (financiële verordening)',
  processes: ['wmo', 'jeugd'],
  impact: 'onzekerheid',
  reads: ['allocation_segments', 'allocations', 'products', 'allocation_commitments', 'commitment_changes'],
  test: ({ start, end, laws }) => sql`
    with changed as (
      -- the allocations with a segment recorded or superseded in the period, and whether they still run (a current segment)
      select a.id, a.resident_id, p.code as product, x.current
      from (select s.allocation_id, bool_or(s.superseded_at is null) as current
            from allocation_segments s
            group by s.allocation_id
            having bool_or((s.recorded_at >= ${from(start)} and s.recorded_at < ${until(end)})
                        or (s.superseded_at >= ${from(start)} and s.superseded_at < ${until(end)}))) x
      join allocations a on a.id = x.allocation_id
      join products p on p.id = a.product_id and p.tenant_id = a.tenant_id
      where p.law = any(${careLaws(laws)}::text[])
    ),
    stored as (
      select c.allocation_id, c.year, c.cents from allocation_commitments c where c.allocation_id in (select id from changed)
    ),
    ledger as (
      select ch.allocation_id, ch.year, sum(ch.delta_cents) as cents
      from commitment_changes ch where ch.allocation_id in (select id from changed)
      group by ch.allocation_id, ch.year
    ),
    differences as (
      select coalesce(s.allocation_id, l.allocation_id) as allocation_id, coalesce(s.year, l.year) as year,
        coalesce(s.cents, 0) as stored, coalesce(l.cents, 0) as recorded
      from stored s full join ledger l on l.allocation_id = s.allocation_id and l.year = s.year
      where coalesce(s.cents, 0) <> coalesce(l.cents, 0)
    ),
    per_allocation as (
      select d.allocation_id, jsonb_agg(jsonb_build_object('jaar', d.year, 'verplichting_cent', d.stored, 'mutaties_cent', d.recorded) order by d.year) as years,
        sum(abs(d.stored - d.recorded)) as amount
      from differences d group by d.allocation_id
    ),
    uncomputed as (
      select c.id as allocation_id from changed c
      where c.current and c.id not in (select allocation_id from stored)
    )
    select 'allocation' as subject_type, c.id as subject_id, c.resident_id,
      case when pa.allocation_id is not null or u.allocation_id is not null then
        jsonb_build_object('product', c.product,
          'bevinding', case when pa.allocation_id is not null then 'verplichting wijkt af van de vastgelegde mutaties' else 'geen verplichting berekend' end,
          'jaren', coalesce(pa.years, '[]'::jsonb)) end as facts,
      coalesce(pa.amount, 0)::bigint as amount_cents
    from changed c
    left join per_allocation pa on pa.allocation_id = c.id
    left join uncomputed u on u.allocation_id = c.id
  `,
};
