// Findings and follow-up actions in the database (tables of migration 0038).
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { Assessment, ControlProcess, FindingSource } from './findings.tables.js';

export interface FindingRow {
  id: string;
  number: number;
  process: ControlProcess;
  year: number;
  source: FindingSource;
  exception_id: string | null;
  run_id: string | null;
  sample_id: string | null;
  sample_position: number | null;
  control_id: string;
  subject_type: string | null;
  subject_id: string | null;
  resident_id: string | null;
  facts: Record<string, unknown> | null;
  title: string;
  assessment: Assessment | null;
  reason: string | null;
  amount_cents: string;
  owner_id: string | null;
  owner_name: string | null;
  created_by_name: string;
  created_at: Date;
  assessed_by_name: string | null;
  assessed_at: Date | null;
  open_actions: number;
  overdue_actions: number;
}

const findingSelect = (today: string) => sql`
  select f.id, f.number, f.process, f.year, f.source, f.exception_id, e.run_id, f.sample_id, f.sample_position, f.control_id,
    f.subject_type, f.subject_id, f.resident_id, coalesce(e.facts, i.facts) as facts, f.title, f.assessment, f.reason,
    f.amount_cents::text as amount_cents, f.owner_id, o.display_name as owner_name, c.display_name as created_by_name, f.created_at,
    a.display_name as assessed_by_name, f.assessed_at,
    (select count(*)::int from control_finding_actions x where x.finding_id = f.id and x.tenant_id = f.tenant_id and x.status = 'open') as open_actions,
    (select count(*)::int from control_finding_actions x where x.finding_id = f.id and x.tenant_id = f.tenant_id and x.status = 'open' and x.due_date < ${today}::date) as overdue_actions
  from control_findings f
  join users c on c.id = f.created_by and c.tenant_id = f.tenant_id
  left join users o on o.id = f.owner_id and o.tenant_id = f.tenant_id
  left join users a on a.id = f.assessed_by and a.tenant_id = f.tenant_id
  left join control_run_exceptions e on e.id = f.exception_id and e.tenant_id = f.tenant_id
  left join control_sample_items i on i.sample_id = f.sample_id and i.position = f.sample_position and i.tenant_id = f.tenant_id
`;

export async function findFinding(tx: Tx, id: string, today: string): Promise<FindingRow | undefined> {
  const { rows } = await sql<FindingRow>`${findingSelect(today)} where f.id = ${id}::uuid`.execute(tx);
  return rows[0];
}

export interface FindingFilter {
  year?: number | undefined;
  process?: ControlProcess | undefined;
  assessment?: Assessment | 'geen' | undefined;
  status?: 'te-beoordelen' | 'opvolging-open' | 'afgerond' | undefined;
  /** Only the findings this user owns or holds an action of. */
  ownerOrActionOf?: string | undefined;
}

export async function listFindings(tx: Tx, filter: FindingFilter, today: string): Promise<FindingRow[]> {
  const open = sql`exists (select 1 from control_finding_actions x where x.finding_id = f.id and x.tenant_id = f.tenant_id and x.status = 'open')`;
  const conditions = [
    filter.year !== undefined ? sql`f.year = ${filter.year}` : null,
    filter.process ? sql`f.process = ${filter.process}` : null,
    filter.assessment === 'geen' ? sql`f.assessment is null` : filter.assessment ? sql`f.assessment = ${filter.assessment}` : null,
    filter.status === 'te-beoordelen' ? sql`f.assessment is null` : null,
    filter.status === 'opvolging-open' ? open : null,
    filter.status === 'afgerond' ? sql`f.assessment is not null and not ${open}` : null,
    filter.ownerOrActionOf
      ? sql`(f.owner_id = ${filter.ownerOrActionOf}::uuid or exists (select 1 from control_finding_actions x where x.finding_id = f.id and x.tenant_id = f.tenant_id and x.owner_id = ${filter.ownerOrActionOf}::uuid))`
      : null,
  ].filter((c) => c !== null);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const { rows } = await sql<FindingRow>`${findingSelect(today)} ${where} order by f.number desc limit 500`.execute(tx);
  return rows;
}

/**
 * Serialises the recording of findings per tenant (advisory lock until the transaction ends): the next
 * number, and the check that an exception or sample item has no finding yet, see the other's commit.
 */
export async function lockFindingNumbers(tx: Tx, tenantId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`control-finding:${tenantId}`}))`.execute(tx);
}

/** Inserts a finding with the next number of the tenant (call lockFindingNumbers first). */
export async function insertFinding(
  tx: Tx,
  f: {
    tenantId: string;
    process: ControlProcess;
    year: number;
    source: FindingSource;
    exceptionId: string | null;
    sampleId: string | null;
    samplePosition: number | null;
    controlId: string;
    subjectType: string | null;
    subjectId: string | null;
    residentId: string | null;
    title: string;
    assessment: Assessment | null;
    reason: string | null;
    amountCents: number;
    ownerId: string | null;
    createdBy: string;
  },
): Promise<{ id: string; number: number }> {
  const assessed = f.assessment !== null;
  const { rows } = await sql<{ id: string; number: number }>`
    insert into control_findings (tenant_id, number, process, year, source, exception_id, sample_id, sample_position, control_id, subject_type, subject_id,
      resident_id, title, assessment, reason, amount_cents, owner_id, created_by, assessed_by, assessed_at)
    select ${f.tenantId}, coalesce(max(x.number), 0) + 1, ${f.process}, ${f.year}, ${f.source}, ${f.exceptionId}::uuid, ${f.sampleId}::uuid, ${f.samplePosition}::int,
      ${f.controlId}, ${f.subjectType}, ${f.subjectId}::uuid, ${f.residentId}::uuid, ${f.title}, ${f.assessment}, ${f.reason}, ${f.amountCents}::bigint,
      ${f.ownerId}::uuid, ${f.createdBy}::uuid, ${assessed ? f.createdBy : null}::uuid, ${assessed ? sql`now()` : sql`null`}
    from control_findings x
    returning id, number
  `.execute(tx);
  return rows[0]!;
}

export async function findingOfException(tx: Tx, exceptionId: string) {
  return tx.selectFrom('control_findings').select(['id', 'number']).where('exception_id', '=', exceptionId).executeTakeFirst();
}

export async function findingOfSampleItem(tx: Tx, sampleId: string, position: number) {
  return tx.selectFrom('control_findings').select(['id', 'number']).where('sample_id', '=', sampleId).where('sample_position', '=', position).executeTakeFirst();
}

export async function findException(tx: Tx, id: string) {
  const { rows } = await sql<{ id: string; control_id: string; subject_type: string; subject_id: string; resident_id: string | null; amount_cents: string; year: number; scope: string }>`
    select e.id, e.control_id, e.subject_type, e.subject_id, e.resident_id, e.amount_cents::text as amount_cents,
      extract(year from r.period_start)::int as year, r.scope
    from control_run_exceptions e join control_runs r on r.id = e.run_id and r.tenant_id = e.tenant_id
    where e.id = ${id}::uuid
  `.execute(tx);
  return rows[0];
}

export async function findSampleItem(tx: Tx, sampleId: string, position: number) {
  const { rows } = await sql<{ subject_type: string; subject_id: string; resident_id: string | null; amount_cents: string; process: ControlProcess; year: number; control_code: string | null; number: number; title: string }>`
    select i.subject_type, i.subject_id, i.resident_id, i.amount_cents::text as amount_cents, s.process, extract(year from s.period_start)::int as year,
      s.control_code, s.number, s.title
    from control_sample_items i join control_samples s on s.id = i.sample_id and s.tenant_id = i.tenant_id
    where i.sample_id = ${sampleId}::uuid and i.position = ${position}
  `.execute(tx);
  return rows[0];
}

export async function lockFinding(tx: Tx, id: string) {
  const { rows } = await sql<{ id: string; number: number; resident_id: string | null; owner_id: string | null; amount_cents: string }>`
    select id, number, resident_id, owner_id, amount_cents::text as amount_cents from control_findings where id = ${id}::uuid for update
  `.execute(tx);
  return rows[0];
}

export async function updateAssessment(tx: Tx, id: string, a: { assessment: Assessment; reason: string; amountCents: number; ownerId: string | null | undefined; by: string }) {
  await tx
    .updateTable('control_findings')
    .set({ assessment: a.assessment, reason: a.reason, amount_cents: a.amountCents, assessed_by: a.by, assessed_at: new Date(), ...(a.ownerId !== undefined ? { owner_id: a.ownerId } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function activeUser(tx: Tx, id: string) {
  return tx.selectFrom('users').select(['id', 'display_name', 'roles']).where('id', '=', id).where('active', '=', true).executeTakeFirst();
}

export async function activeUsers(tx: Tx) {
  return tx.selectFrom('users').select(['id', 'display_name', 'roles']).where('active', '=', true).orderBy('display_name').execute();
}

export async function insertAction(tx: Tx, a: { tenantId: string; findingId: string; description: string; ownerId: string; dueDate: string; createdBy: string }): Promise<string> {
  const row = await tx
    .insertInto('control_finding_actions')
    .values({ tenant_id: a.tenantId, finding_id: a.findingId, description: a.description, owner_id: a.ownerId, due_date: a.dueDate, created_by: a.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ActionRow {
  id: string;
  finding_id: string;
  finding_number: number;
  finding_title: string;
  finding_resident_id: string | null;
  description: string;
  owner_id: string;
  owner_name: string;
  due_date: string;
  status: 'open' | 'afgerond';
  result: string | null;
  done_by_name: string | null;
  done_at: Date | null;
  /** The changes of owner or due date, oldest first. */
  changes: ActionChange[];
}

export interface ActionChange {
  at: string;
  by: string;
  reason: string;
  fromOwner: string;
  toOwner: string;
  fromDueDate: string;
  toDueDate: string;
}

const actionSelect = sql`
  select x.id, x.finding_id, f.number as finding_number, f.title as finding_title, f.resident_id as finding_resident_id, x.description, x.owner_id,
    o.display_name as owner_name, to_char(x.due_date, 'YYYY-MM-DD') as due_date, x.status, x.result, d.display_name as done_by_name, x.done_at,
    (select coalesce(jsonb_agg(jsonb_build_object(
        'at', to_char(c.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'by', cb.display_name, 'reason', c.reason,
        'fromOwner', fo.display_name, 'toOwner', t.display_name,
        'fromDueDate', to_char(c.from_due_date, 'YYYY-MM-DD'), 'toDueDate', to_char(c.to_due_date, 'YYYY-MM-DD')) order by c.changed_at, c.id), '[]'::jsonb)
      from control_finding_action_changes c
      join users cb on cb.id = c.changed_by and cb.tenant_id = c.tenant_id
      join users fo on fo.id = c.from_owner_id and fo.tenant_id = c.tenant_id
      join users t on t.id = c.to_owner_id and t.tenant_id = c.tenant_id
      where c.action_id = x.id and c.tenant_id = x.tenant_id) as changes
  from control_finding_actions x
  join control_findings f on f.id = x.finding_id and f.tenant_id = x.tenant_id
  join users o on o.id = x.owner_id and o.tenant_id = x.tenant_id
  left join users d on d.id = x.done_by and d.tenant_id = x.tenant_id
`;

export async function listActions(tx: Tx, filter: { findingId?: string; ownerId?: string }): Promise<ActionRow[]> {
  const conditions = [filter.findingId ? sql`x.finding_id = ${filter.findingId}::uuid` : null, filter.ownerId ? sql`x.owner_id = ${filter.ownerId}::uuid` : null].filter((c) => c !== null);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const { rows } = await sql<ActionRow>`${actionSelect} ${where} order by x.status, x.due_date, x.created_at limit 500`.execute(tx);
  return rows;
}

export async function lockAction(tx: Tx, id: string) {
  const { rows } = await sql<{ id: string; finding_id: string; owner_id: string; due_date: string; status: 'open' | 'afgerond'; resident_id: string | null; number: number }>`
    select x.id, x.finding_id, x.owner_id, to_char(x.due_date, 'YYYY-MM-DD') as due_date, x.status, f.resident_id, f.number
    from control_finding_actions x join control_findings f on f.id = x.finding_id and f.tenant_id = x.tenant_id
    where x.id = ${id}::uuid for update of x
  `.execute(tx);
  return rows[0];
}

/** Gives an open action another owner and/or due date and keeps the change with its reason, in one go. */
export async function changeAction(
  tx: Tx,
  a: { tenantId: string; id: string; fromOwnerId: string; toOwnerId: string; fromDueDate: string; toDueDate: string; reason: string; by: string },
): Promise<void> {
  await tx.updateTable('control_finding_actions').set({ owner_id: a.toOwnerId, due_date: a.toDueDate }).where('id', '=', a.id).execute();
  await tx
    .insertInto('control_finding_action_changes')
    .values({ tenant_id: a.tenantId, action_id: a.id, from_owner_id: a.fromOwnerId, to_owner_id: a.toOwnerId, from_due_date: a.fromDueDate, to_due_date: a.toDueDate, reason: a.reason, changed_by: a.by })
    .execute();
}

export async function markActionDone(tx: Tx, id: string, result: string, by: string): Promise<void> {
  await tx.updateTable('control_finding_actions').set({ status: 'afgerond', result, done_by: by, done_at: new Date() }).where('id', '=', id).execute();
}

/** Aggregates per process for the steering report: findings by assessment with their amounts, open and overdue actions. */
export async function findingAggregates(tx: Tx, input: { process: ControlProcess; year: number; today: string }) {
  const byAssessment = await sql<{ assessment: Assessment | null; findings: number; amount_cents: string }>`
    select f.assessment, count(*)::int as findings, coalesce(sum(f.amount_cents), 0)::text as amount_cents
    from control_findings f where f.process = ${input.process} and f.year = ${input.year} group by f.assessment
  `.execute(tx);
  const actions = await sql<{ open: number; overdue: number }>`
    select count(*)::int as open, count(*) filter (where x.due_date < ${input.today}::date)::int as overdue
    from control_finding_actions x join control_findings f on f.id = x.finding_id and f.tenant_id = x.tenant_id
    where x.status = 'open' and f.process = ${input.process}
  `.execute(tx);
  return { byAssessment: byAssessment.rows, actions: actions.rows[0]! };
}
