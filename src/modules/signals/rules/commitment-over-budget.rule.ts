import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';
import { areaOf, areaTeamOf } from './resident-area.js';

/**
 * An allocation's commitment for the current or a later budget year was larger than what remained
 * on its budget line when it was made: commitments are taken in the order the allocations were
 * created, and each sees the budget minus the commitments before it (one window function, run only
 * over the line-years whose total exceeds the budget).
 */
export const commitmentOverBudgetRule: SignalRule = {
  id: 'verplichting-boven-budget',
  title: 'Verplichting groter dan het restant op de begrotingspost',
  explanation:
    'De verplichting van deze toewijzing past niet meer in wat er op de begrotingspost over was toen de toewijzing werd gemaakt. De post raakt daardoor overschreden.',
  law: 'Gemeentewet art. 189 en 212 (budgetrecht raad, financiële verordening); BBV',
  domain: 'wmo-jeugd',
  severity: 'middel',
  owner: { teamKind: 'area_team', role: 'team_lead' },
  suggestedAction: 'Meld de overschrijding aan de budgethouder; beoordeel met de teamleider of de toewijzing past of anders kan.',
  dueInDays: 10,
  schedule: 'nachtelijk',
  subjectType: 'allocation',
  reads: ['allocation_commitments', 'allocations', 'budget_line_years', 'budget_lines', 'residents', 'team_areas'],
  query: ({ today }) => sql`
    with totals as (
      -- One aggregate first: only line-years whose commitments exceed the budget can hold a signal.
      select a.budget_line_code, ac.year
      from allocation_commitments ac
      join allocations a on a.id = ac.allocation_id
      join budget_line_years y on y.code = a.budget_line_code and y.year = ac.year
      where ac.year >= ${Number(today.slice(0, 4))}
      group by a.budget_line_code, ac.year, y.budget_cents
      having sum(ac.cents) > y.budget_cents
    ),
    running as (
      select ac.allocation_id, ac.year, ac.cents, a.budget_line_code, a.resident_id,
             sum(ac.cents) over (partition by a.budget_line_code, ac.year order by a.created_at, a.id rows unbounded preceding) as cumulative
      from allocation_commitments ac
      join allocations a on a.id = ac.allocation_id
      join totals t on t.budget_line_code = a.budget_line_code and t.year = ac.year
    ),
    over as (
      select x.allocation_id, x.resident_id, x.budget_line_code, min(b.name) as line_name,
             jsonb_agg(jsonb_build_object('jaar', x.year, 'verplichting_cent', x.cents, 'restant_voor_cent', y.budget_cents - (x.cumulative - x.cents)) order by x.year) as years
      from running x
      join budget_line_years y on y.code = x.budget_line_code and y.year = x.year
      join budget_lines b on b.code = x.budget_line_code
      where x.cents > 0 and x.cumulative > y.budget_cents
      group by x.allocation_id, x.resident_id, x.budget_line_code
    )
    select 'allocation' as subject_type, o.allocation_id as subject_id, o.resident_id, ${areaOf('o.resident_id')} as area_code, ${areaTeamOf('o.resident_id')} as assignee_team_id, null::uuid as assignee_user_id,
           jsonb_build_object('begrotingspost', o.budget_line_code || ' ' || o.line_name, 'jaren', o.years) as facts
    from over o
  `,
};
