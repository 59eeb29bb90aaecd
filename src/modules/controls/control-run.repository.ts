// Control runs in the database: a run's controls are evaluated and stored by one statement per control
// (one pass of the control's test: the population counted, the exceptions inserted, the result aggregated).
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { AutomatedControl, ControlContext } from './automated/automated-control.js';
import type { PeriodKind, RunScope } from './control-run.tables.js';

export interface NewRun {
  tenantId: string;
  periodKind: PeriodKind;
  periodStart: string;
  periodEnd: string;
  scope: RunScope;
  controlsVersion: string;
  runBy: string;
}

/**
 * Memory for the run's sorts and hashes in this transaction: the volume count of a year of declaration
 * lines (a window over ~50,000 rows at maastricht size) spilled to disk at PostgreSQL's default 4 MB.
 * Transaction-local, like withoutJit; PGlite accepts it.
 */
export async function runSettings(tx: Tx): Promise<void> {
  await sql`set local work_mem = '64MB'`.execute(tx);
}

/** Inserts the run with the next version of its period and scope (serialised per period by an advisory lock). */
export async function insertRun(tx: Tx, run: NewRun): Promise<{ id: string; version: number }> {
  await sql`select pg_advisory_xact_lock(hashtext(${`control-run:${run.tenantId}:${run.periodKind}:${run.periodStart}:${run.scope}`}))`.execute(tx);
  const { rows } = await sql<{ id: string; version: number }>`
    insert into control_runs (tenant_id, period_kind, period_start, period_end, scope, version, controls_version, run_by)
    select ${run.tenantId}, ${run.periodKind}, ${run.periodStart}::date, ${run.periodEnd}::date, ${run.scope},
      coalesce(max(r.version), 0) + 1, ${run.controlsVersion}, ${run.runBy}::uuid
    from control_runs r
    where r.period_kind = ${run.periodKind} and r.period_start = ${run.periodStart}::date and r.scope = ${run.scope}
    returning id, version
  `.execute(tx);
  return rows[0]!;
}

/**
 * Evaluates one control and stores its exceptions and result, in one statement over one pass of the
 * control's test: the tested items are counted (population) and those with facts inserted.
 */
export async function evaluateControl(tx: Tx, tenantId: string, runId: string, position: number, control: AutomatedControl, ctx: ControlContext): Promise<void> {
  await sql`
    with tested as materialized (select * from (${control.test(ctx)}) q),
    stored as (
      insert into control_run_exceptions (tenant_id, run_id, control_id, subject_type, subject_id, resident_id, facts, amount_cents)
      select ${tenantId}, ${runId}::uuid, ${control.id}, t.subject_type, t.subject_id, t.resident_id, t.facts, coalesce(t.amount_cents, 0)
      from tested t where t.facts is not null
      returning amount_cents
    )
    insert into control_run_results (tenant_id, run_id, control_id, position, impact, population, exceptions, amount_error_cents, amount_uncertain_cents)
    select ${tenantId}, ${runId}::uuid, ${control.id}, ${position}, ${control.impact},
      (select count(*) from tested), count(*)::int,
      case when ${control.impact} = 'fout' then coalesce(sum(s.amount_cents), 0) else 0 end,
      case when ${control.impact} = 'onzekerheid' then coalesce(sum(s.amount_cents), 0) else 0 end
    from stored s
  `.execute(tx);
}

export interface RunRow {
  id: string;
  period_kind: PeriodKind;
  period_start: string;
  period_end: string;
  scope: RunScope;
  version: number;
  controls_version: string;
  run_by_name: string;
  run_at: Date;
  signed_off_by_name: string | null;
  signed_off_at: Date | null;
  controls: number;
  population: string;
  exceptions: string;
  amount_error_cents: string;
  amount_uncertain_cents: string;
}

const runSelect = sql`
  select r.id, r.period_kind, to_char(r.period_start, 'YYYY-MM-DD') as period_start, to_char(r.period_end, 'YYYY-MM-DD') as period_end,
    r.scope, r.version, r.controls_version, u.display_name as run_by_name, r.run_at, s.display_name as signed_off_by_name, r.signed_off_at,
    coalesce(t.controls, 0)::int as controls, coalesce(t.population, 0)::text as population, coalesce(t.exceptions, 0)::text as exceptions,
    coalesce(t.amount_error_cents, 0)::text as amount_error_cents, coalesce(t.amount_uncertain_cents, 0)::text as amount_uncertain_cents
  from control_runs r
  join users u on u.id = r.run_by and u.tenant_id = r.tenant_id
  left join users s on s.id = r.signed_off_by and s.tenant_id = r.tenant_id
  left join lateral (select count(*) as controls, sum(x.population) as population, sum(x.exceptions) as exceptions,
    sum(x.amount_error_cents) as amount_error_cents, sum(x.amount_uncertain_cents) as amount_uncertain_cents
    from control_run_results x where x.run_id = r.id and x.tenant_id = r.tenant_id) t on true
`;

export async function listRuns(tx: Tx, page: { offset: number; limit: number }) {
  const { rows } = await sql<RunRow>`${runSelect} order by r.run_at desc, r.version desc offset ${page.offset} limit ${page.limit}`.execute(tx);
  const total = await sql<{ n: number }>`select count(*)::int as n from control_runs`.execute(tx);
  return { rows, total: total.rows[0]!.n };
}

export async function findRun(tx: Tx, id: string): Promise<RunRow | undefined> {
  const { rows } = await sql<RunRow>`${runSelect} where r.id = ${id}::uuid`.execute(tx);
  return rows[0];
}

export async function listResults(tx: Tx, runId: string) {
  return tx
    .selectFrom('control_run_results')
    .select(['control_id', 'impact', 'population', 'exceptions', 'amount_error_cents', 'amount_uncertain_cents'])
    .where('run_id', '=', runId)
    .orderBy('position')
    .execute();
}

/** A page of a run's exceptions in a fixed order (control, subject, facts): the same run always pages the same. */
export async function listExceptions(tx: Tx, runId: string, filter: { controlId?: string | undefined; offset: number; limit: number }) {
  const { rows } = await sql<{ id: string; control_id: string; subject_type: string; subject_id: string; resident_id: string | null; facts: Record<string, unknown>; amount_cents: string; finding_id: string | null; finding_number: number | null }>`
    select e.id, e.control_id, e.subject_type, e.subject_id, e.resident_id, e.facts, e.amount_cents::text as amount_cents, f.id as finding_id, f.number as finding_number
    from control_run_exceptions e
    join control_run_results x on x.run_id = e.run_id and x.control_id = e.control_id and x.tenant_id = e.tenant_id
    left join control_findings f on f.exception_id = e.id and f.tenant_id = e.tenant_id
    where e.run_id = ${runId}::uuid ${filter.controlId ? sql`and e.control_id = ${filter.controlId}` : sql``}
    order by x.position, e.subject_type, e.subject_id, e.facts::text
    offset ${filter.offset} limit ${filter.limit}
  `.execute(tx);
  const total = await sql<{ n: number }>`select count(*)::int as n from control_run_exceptions e
    where e.run_id = ${runId}::uuid ${filter.controlId ? sql`and e.control_id = ${filter.controlId}` : sql``}`.execute(tx);
  return { rows, total: total.rows[0]!.n };
}

/** Signs the run off once; answers false when it was already signed off (or does not exist). */
export async function signOff(tx: Tx, runId: string, userId: string, at: Date): Promise<boolean> {
  const result = await tx.updateTable('control_runs').set({ signed_off_by: userId, signed_off_at: at }).where('id', '=', runId).where('signed_off_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The residents named by a run's exceptions, for the processing log (one statement). */
export const residentsOfRun = (runId: string) => sql<{ type: 'resident'; id: string }>`
  select distinct 'resident' as type, e.resident_id as id from control_run_exceptions e where e.run_id = ${runId}::uuid and e.resident_id is not null
`;
