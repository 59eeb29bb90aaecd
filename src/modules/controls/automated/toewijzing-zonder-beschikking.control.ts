import { sql } from 'kysely';
import { careLaws, type AutomatedControl } from './automated-control.js';

/**
 * Every allocation that ran in the period rests on a granted line of an approved (not withdrawn)
 * decision whose period covers the allocation's current segments. The one exception the law makes: a
 * Jeugdwet allocation on a provider's request after a referral by a huisarts, jeugdarts or medisch
 * specialist (Jeugdwet art. 2.6 lid 1 onder g), which has no beschikking by design.
 */
export const toewijzingZonderBeschikking: AutomatedControl = {
  id: 'toewijzing-zonder-beschikking',
  title: 'Toewijzing zonder geldige beschikking',
  explanation:
    'Elke toewijzing die in de periode liep, moet berusten op een toegekende regel van een goedgekeurde, niet ingetrokken beschikking waarvan de periode de toewijzing dekt. Alleen een jeugdhulptoewijzing op verwijzing (huisarts, jeugdarts, medisch specialist) heeft geen beschikking.',
  norm: 'Wmo 2015 art. 2.3.5 lid 3 (maatwerkvoorziening bij beschikking); Jeugdwet art. 2.3 en 2.6 lid 1 onder g; Awb art. 1:3',
  processes: ['wmo', 'jeugd'],
  impact: 'fout',
  reads: ['allocation_segments', 'allocations', 'products', 'decision_lines', 'decisions', 'allocation_commitments'],
  test: ({ start, end, laws }) => sql`
    with running as (
      select s.allocation_id, min(s.start_date) as first_day, max(s.end_date) as last_day
      from allocation_segments s
      where s.superseded_at is null and s.start_date <= ${end}::date and s.end_date >= ${start}::date
      group by s.allocation_id
    ),
    judged as (
      select a.id, a.resident_id, a.source, p.code as product, p.law, r.first_day, r.last_day,
        d.id as decision_id, d.status as decision_status, dl.outcome, dl.period_start, dl.period_end,
        case
          when a.source = 'verzoek' and p.law = 'jeugdwet' then null
          when a.source = 'verzoek' then 'toewijzing op verzoek van de aanbieder zonder beschikking'
          when dl.id is null then 'geen beschikkingsregel'
          when dl.outcome <> 'granted' then 'beschikkingsregel is afgewezen'
          when d.status = 'pending_approval' then 'beschikking nog niet goedgekeurd'
          when d.status = 'withdrawn' then 'beschikking ingetrokken'
          when r.first_day < dl.period_start or r.last_day > dl.period_end then 'toewijzing buiten de periode van de beschikking'
        end as finding
      from running r
      join allocations a on a.id = r.allocation_id
      join products p on p.id = a.product_id and p.tenant_id = a.tenant_id
      left join decision_lines dl on dl.id = a.decision_line_id and dl.tenant_id = a.tenant_id
      left join decisions d on d.id = dl.decision_id and d.tenant_id = dl.tenant_id
      where p.law = any(${careLaws(laws)}::text[])
    )
    select 'allocation' as subject_type, j.id as subject_id, j.resident_id,
      case when j.finding is not null then
        jsonb_build_object('bevinding', j.finding, 'product', j.product, 'wet', j.law, 'toewijzing_van', j.first_day, 'toewijzing_tot', j.last_day,
          'beschikking_van', j.period_start, 'beschikking_tot', j.period_end) end as facts,
      case when j.finding is not null then
        coalesce((select sum(c.cents) from allocation_commitments c
          where c.allocation_id = j.id and c.year between extract(year from ${start}::date) and extract(year from ${end}::date)), 0) end::bigint as amount_cents
    from judged j
  `,
};
