import { sql } from 'kysely';
import { careLaws, from, until, type AutomatedControl } from './automated-control.js';

/**
 * A decision expected to cost more a year than the municipality's four-eyes threshold
 * (setting `decision_approval_threshold_cents`, default € 5.000, as decision.service applies it) is
 * approved by a second person: approved_by set and not its author. Tested over the decisions that
 * took effect (approved) with their creation in the period; the expected annual cost is uncertain.
 */
export const beschikkingZonderVierOgen: AutomatedControl = {
  id: 'beschikking-zonder-vier-ogen',
  title: 'Beschikking boven de drempel zonder vier ogen',
  explanation:
    'Een beschikking met verwachte jaarkosten boven de vier-ogendrempel van de gemeente moet door een tweede medewerker (niet de opsteller) zijn goedgekeurd.',
  norm: 'Mandaatbesluit en AO/IC-norm van de gemeente: vier-ogenprincipe boven de drempel (instelling beschikking-goedkeuringsdrempel, standaard € 5.000 per jaar)',
  processes: ['wmo', 'jeugd'],
  impact: 'onzekerheid',
  reads: ['decisions', 'cases', 'case_types', 'settings'],
  test: ({ start, end, laws }) => sql`
    with threshold as (
      select coalesce((select s.value::bigint from settings s where s.key = 'decision_approval_threshold_cents'), 500000) as cents
    )
    select 'decision' as subject_type, d.id as subject_id, d.resident_id,
      case when d.expected_annual_cents > t.cents and (d.approved_by is null or d.approved_by = d.created_by) then
        jsonb_build_object('zaak', c.reference, 'verwachte_jaarkosten_cent', d.expected_annual_cents, 'drempel_cent', t.cents,
          'opgesteld_door', d.created_by, 'goedgekeurd_door', d.approved_by,
          'bevinding', case when d.approved_by is null then 'niet door een tweede medewerker goedgekeurd' else 'goedgekeurd door de opsteller zelf' end) end as facts,
      d.expected_annual_cents::bigint as amount_cents
    from decisions d
    cross join threshold t
    join cases c on c.id = d.case_id and c.tenant_id = d.tenant_id
    join case_types ct on ct.code = c.case_type_code and ct.tenant_id = c.tenant_id
    where d.status = 'approved' and d.created_at >= ${from(start)} and d.created_at < ${until(end)}
      and ct.law = any(${careLaws(laws)}::text[])
  `,
};
