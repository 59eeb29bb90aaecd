import { sql } from 'kysely';
import type { SignalRule } from '../signal.rule.js';

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
  assignTeam: 'area',
  reads: ['allocation_commitments', 'allocations', 'budget_line_years', 'budget_lines', 'residents', 'team_areas'],
  query: ({ today }) => sql`
    with c as materialized (
      -- The commitments from this budget year on, with their line and order: joined once, read twice.
      select ac.allocation_id, ac.year, ac.cents, a.budget_line_code, a.resident_id, a.created_at
      from allocation_commitments ac
      join allocations a on a.id = ac.allocation_id
      where ac.year >= ${Number(today.slice(0, 4))}
    ),
    over_lines as (
      -- Only line-years whose commitments exceed the budget can hold a signal (totals first: a
      -- handful of groups, then their budgets).
      select t.budget_line_code, t.year, y.budget_cents
      from (select c.budget_line_code, c.year, sum(c.cents) as total from c group by c.budget_line_code, c.year) t
      join budget_line_years y on y.code = t.budget_line_code and y.year = t.year
      where t.total > y.budget_cents
    ),
    running as (
      select c.allocation_id, c.year, c.cents, c.budget_line_code, c.resident_id, t.budget_cents,
             sum(c.cents) over (partition by c.budget_line_code, c.year order by c.created_at, c.allocation_id rows unbounded preceding) as cumulative
      from c
      join over_lines t on t.budget_line_code = c.budget_line_code and t.year = c.year
    ),
    over as (
      select x.allocation_id, x.resident_id, x.budget_line_code,
             jsonb_agg(jsonb_build_object('jaar', x.year, 'verplichting_cent', x.cents, 'restant_voor_cent', x.budget_cents - (x.cumulative - x.cents)) order by x.year) as years
      from running x
      where x.cents > 0 and x.cumulative > x.budget_cents
      group by x.allocation_id, x.resident_id, x.budget_line_code
    )
    select 'allocation' as subject_type, o.allocation_id as subject_id, o.resident_id, null::uuid as assignee_user_id,
           jsonb_build_object('begrotingspost', o.budget_line_code || ' ' || b.name, 'jaren', o.years) as facts
    from over o
    join budget_lines b on b.code = o.budget_line_code
  `,
};
