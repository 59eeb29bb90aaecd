import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { addDays } from '../../platform/calendar.js';
import type { RuleContext, SignalRule } from './signal.rule.js';

export interface RuleOutcome {
  ruleId: string;
  /** Subjects for which the situation holds now. */
  found: number;
  opened: number;
  /** Open signals whose facts changed. */
  changed: number;
  /** Open signals closed as `opgelost` because the situation no longer holds. */
  solved: number;
}

const AUDIT_BATCH = 2_000;

/**
 * Evaluates one rule in ONE statement (data-modifying CTEs over the rule's set-based query):
 * - a subject with an open signal keeps it; when its facts changed they are updated (event);
 * - a subject without one gets a new signal, unless a signal for the same subject with the same
 *   facts was closed as `onterecht` or `afgehandeld` (it stays closed until the facts change);
 * - an open signal whose subject is no longer found is closed as `opgelost`.
 * The partial unique index on open signals makes a concurrent duplicate impossible.
 */
export async function evaluateRule(tx: Tx, auditCtx: AuditContext, rule: SignalRule, ctx: RuleContext): Promise<RuleOutcome> {
  const startTime = new Date();
  const dueOn = addDays(ctx.today, rule.dueInDays);
  const { rows } = await sql<{ found: number; opened: number; changed: number; solved: number; residents: string[] | null }>`
    with found as materialized (${rule.query(ctx)}),
    -- The resident's area and its social team: one primary-key lookup per subject (a lateral with
    -- LIMIT is never flattened into a join that would scan every resident).
    f as materialized (
      select distinct on (x.subject_type, x.subject_id) x.subject_type::text, x.subject_id::uuid, x.resident_id::uuid, home.area_code::text,
             ${rule.assignTeam === 'area' ? sql`home.team_id` : sql`x.assignee_team_id`}::uuid as assignee_team_id,
             x.assignee_user_id::uuid, x.facts::jsonb, md5(x.facts::jsonb::text) as fingerprint
      from found x
      left join lateral (
        select r.area_code, ta.team_id
        from residents r left join team_areas ta on ta.area_code = r.area_code
        where r.id = x.resident_id
        limit 1
      ) home on true
      order by x.subject_type, x.subject_id
    ),
    open as (
      select s.id, s.subject_type, s.subject_id, s.fingerprint, s.status, s.resident_id
      from signals s
      where s.rule_id = ${rule.id} and s.status in ('nieuw', 'in_behandeling')
    ),
    -- One FULL JOIN of what holds now with what is open (a full join is always a hash or merge join,
    -- never a nested loop, so the diff stays linear whatever the planner estimates).
    diff as materialized (
      select f.*, o.id as open_id, o.fingerprint as open_fingerprint, o.status as open_status
      from f full join open o on o.subject_type = f.subject_type and o.subject_id = f.subject_id
    ),
    solved as (
      update signals s set status = 'opgelost', closed_at = now(), updated_at = now(), closed_note = 'De situatie doet zich niet meer voor.'
      from diff d
      where s.id = d.open_id and d.subject_id is null
      returning s.id, s.resident_id, d.open_status as from_status
    ),
    changed as (
      update signals s set facts = d.facts, fingerprint = d.fingerprint, area_code = d.area_code, updated_at = now()
      from diff d
      where s.id = d.open_id and d.subject_id is not null and d.open_fingerprint <> d.fingerprint
      returning s.id
    ),
    opened as (
      insert into signals (tenant_id, rule_id, subject_type, subject_id, resident_id, area_code, facts, fingerprint, assignee_team_id, assignee_user_id, due_on)
      select current_setting('koers.tenant_id'), ${rule.id}, d.subject_type, d.subject_id, d.resident_id, d.area_code, d.facts, d.fingerprint,
             d.assignee_team_id, d.assignee_user_id, ${dueOn}::date
      from diff d
      where d.open_id is null
        and not exists (
          select 1 from signals c
          where c.rule_id = ${rule.id} and c.subject_id = d.subject_id and c.subject_type = d.subject_type
            and c.fingerprint = d.fingerprint and c.status in ('onterecht', 'afgehandeld')
        )
      on conflict do nothing
      returning id, resident_id
    ),
    events as (
      insert into signal_events (tenant_id, signal_id, kind, from_status, to_status, note)
      select current_setting('koers.tenant_id'), id, 'geopend', null, 'nieuw', null from opened
      union all
      select current_setting('koers.tenant_id'), id, 'opgelost', from_status, 'opgelost', 'De situatie doet zich niet meer voor.' from solved
      union all
      select current_setting('koers.tenant_id'), id, 'feiten_gewijzigd', null, null, null from changed
    )
    select (select count(*) from f)::int as found,
           (select count(*) from opened)::int as opened,
           (select count(*) from changed)::int as changed,
           (select count(*) from solved)::int as solved,
           (select array_agg(distinct x.resident_id::text) from (select resident_id from opened union all select resident_id from solved) x
             where x.resident_id is not null) as residents
  `.execute(tx);
  const outcome = rows[0]!;
  const residents = outcome.residents ?? [];
  for (let i = 0; i < residents.length; i += AUDIT_BATCH) {
    await recordProcessing(tx, auditCtx, {
      name: 'signaal.evalueren',
      activity: 'signalering-sociaal-domein',
      subjects: residents.slice(i, i + AUDIT_BATCH).map((id) => ({ type: 'resident' as const, id })),
      startTime,
      attributes: { regel: rule.id },
    });
  }
  return { ruleId: rule.id, found: outcome.found, opened: outcome.opened, changed: outcome.changed, solved: outcome.solved };
}
