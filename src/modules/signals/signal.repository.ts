import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { hasRelationWith } from '../residents/resident.access.js';
import type { RunTrigger, SignalJob, SignalStatus } from './signal.tables.js';

export const UNRELATED_RESIDENT = 'inwoner (geen relatie)';

export interface SignalFilter {
  /** Whose list: assigned to this employee, or to this team. */
  scope: { kind: 'mine'; userId: string } | { kind: 'team'; teamId: string };
  ruleIds?: readonly string[];
  areaCode?: string;
  statuses: readonly SignalStatus[];
  /** Signals due on or before this date. */
  dueOnOrBefore?: string;
}

const signalsFrom = (tx: Tx) => tx.selectFrom('signals as s');
type SignalQuery = ReturnType<typeof signalsFrom>;

function filtered(tx: Tx, filter: SignalFilter, withRules: boolean): SignalQuery {
  let q = signalsFrom(tx);
  q = filter.scope.kind === 'mine' ? q.where('s.assignee_user_id', '=', filter.scope.userId) : q.where('s.assignee_team_id', '=', filter.scope.teamId);
  q = q.where('s.status', 'in', filter.statuses);
  if (withRules && filter.ruleIds) q = q.where('s.rule_id', 'in', filter.ruleIds.length ? filter.ruleIds : ['-']);
  if (filter.areaCode) q = q.where('s.area_code', '=', filter.areaCode);
  if (filter.dueOnOrBefore) q = q.where('s.due_on', '<=', filter.dueOnOrBefore);
  return q;
}

/** The resident's name only when the employee has a relation with them (DESIGN.md §5). */
function residentName(userId: string): RawBuilder<string | null> {
  const related = hasRelationWith(userId, sql<string>`s.resident_id`);
  return sql<string | null>`case when s.resident_id is null then null
    when ${related} then concat_ws(' ', r.given_name, r.surname_prefix, r.family_name) else ${UNRELATED_RESIDENT} end`;
}

function withDetails(userId: string, base: SignalQuery) {
  return base
    .leftJoin('residents as r', 'r.id', 's.resident_id')
    .leftJoin('areas as ar', 'ar.code', 's.area_code')
    .leftJoin('teams as t', 't.id', 's.assignee_team_id')
    .leftJoin('users as u', 'u.id', 's.assignee_user_id')
    .select([
      's.id',
      's.rule_id',
      's.subject_type',
      's.subject_id',
      's.resident_id',
      's.area_code',
      'ar.name as area_name',
      's.facts',
      's.status',
      's.due_on',
      's.opened_at',
      's.closed_at',
      's.closed_note',
      's.assignee_team_id',
      't.name as team_name',
      's.assignee_user_id',
      'u.display_name as user_name',
    ])
    .select(residentName(userId).as('resident_name'));
}

export type SignalRow = NonNullable<Awaited<ReturnType<typeof findVisibleSignalRow>>>;

export async function listSignalRows(tx: Tx, userId: string, filter: SignalFilter, page: { limit: number; offset: number }) {
  return withDetails(userId, filtered(tx, filter, true))
    .select(sql<string>`count(*) over ()`.as('total'))
    .orderBy('s.due_on')
    .orderBy('s.opened_at')
    .orderBy('s.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countSignalsPerRule(tx: Tx, filter: SignalFilter) {
  return filtered(tx, filter, false)
    .select(['s.rule_id', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('s.rule_id')
    .execute();
}

export async function countSignalsPerArea(tx: Tx, filter: SignalFilter) {
  return filtered(tx, { ...filter, areaCode: undefined }, true)
    .innerJoin('areas as ar', 'ar.code', 's.area_code')
    .select(['s.area_code', 'ar.name', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['s.area_code', 'ar.name'])
    .orderBy('ar.name')
    .execute();
}

/** The open signals about one resident, the earliest due first (the caller has a relation with the resident). */
export async function listOpenSignalRowsOfResident(tx: Tx, userId: string, residentId: string, statuses: readonly SignalStatus[]) {
  return withDetails(userId, signalsFrom(tx))
    .where('s.resident_id', '=', residentId)
    .where('s.status', 'in', statuses)
    .orderBy('s.due_on')
    .orderBy('s.opened_at')
    .orderBy('s.id')
    .limit(100)
    .execute();
}

/**
 * A signal the employee may see: assigned to them or to one of their teams, or about a resident
 * they have a relation with. Anything else does not exist for them (404).
 */
function visibleTo(userId: string): Expression<SqlBool> {
  return sql<SqlBool>`(
    s.assignee_user_id = ${userId}
    or s.assignee_team_id in (select tm.team_id from team_members tm where tm.user_id = ${userId})
    or (s.resident_id is not null and ${hasRelationWith(userId, sql<string>`s.resident_id`)})
  )`;
}

export async function findVisibleSignalRow(tx: Tx, userId: string, id: string) {
  return withDetails(userId, signalsFrom(tx))
    .where('s.id', '=', id)
    .where(visibleTo(userId))
    .executeTakeFirst();
}

/** Locks the visible signals for a change, so two employees cannot close the same one twice. */
export async function lockVisibleSignals(tx: Tx, userId: string, ids: readonly string[]) {
  return tx
    .selectFrom('signals as s')
    .select(['s.id', 's.status', 's.resident_id'])
    .where('s.id', 'in', ids)
    .where(visibleTo(userId))
    .forUpdate()
    .execute();
}

export async function listSignalEventRows(tx: Tx, signalId: string) {
  return tx
    .selectFrom('signal_events as e')
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .leftJoin('users as u', 'u.id', 'e.assignee_user_id')
    .leftJoin('teams as t', 't.id', 'e.assignee_team_id')
    .select(['e.kind', 'e.at', 'a.display_name as actor', 'e.from_status', 'e.to_status', 'u.display_name as assignee_user', 't.name as assignee_team', 'e.note'])
    .where('e.signal_id', '=', signalId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export async function assignSignalRows(tx: Tx, input: { ids: readonly string[]; teamId: string | null; userId: string | null; actorId: string; tenantId: string }) {
  const updated = await tx
    .updateTable('signals')
    // Only what is given changes: assigning a person keeps the signal on its team's list.
    .set({ ...(input.teamId ? { assignee_team_id: input.teamId } : {}), ...(input.userId ? { assignee_user_id: input.userId } : {}), updated_at: new Date() })
    .where('id', 'in', input.ids)
    .returning('id')
    .execute();
  if (updated.length === 0) return;
  await tx
    .insertInto('signal_events')
    .values(updated.map((u) => ({ tenant_id: input.tenantId, signal_id: u.id, kind: 'toegewezen' as const, actor_id: input.actorId, assignee_team_id: input.teamId, assignee_user_id: input.userId })))
    .execute();
}

export async function changeSignalStatus(
  tx: Tx,
  input: { id: string; from: SignalStatus; to: SignalStatus; note: string | null; actorId: string; tenantId: string; assignUserId?: string },
) {
  const closing = input.to !== 'nieuw' && input.to !== 'in_behandeling';
  await tx
    .updateTable('signals')
    .set({
      status: input.to,
      updated_at: new Date(),
      ...(closing ? { closed_at: new Date(), closed_note: input.note } : {}),
      ...(input.assignUserId ? { assignee_user_id: input.assignUserId } : {}),
    })
    .where('id', '=', input.id)
    .execute();
  await tx
    .insertInto('signal_events')
    .values({
      tenant_id: input.tenantId,
      signal_id: input.id,
      kind: 'status',
      actor_id: input.actorId,
      from_status: input.from,
      to_status: input.to,
      assignee_user_id: input.assignUserId ?? null,
      note: input.note,
    })
    .execute();
}

export async function findActiveStaff(tx: Tx, userId: string) {
  return tx.selectFrom('users').select(['id', 'display_name', 'roles']).where('id', '=', userId).where('active', '=', true).executeTakeFirst();
}

export async function findTeam(tx: Tx, teamId: string) {
  return tx.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
}

export async function isTeamMember(tx: Tx, teamId: string, userId: string): Promise<boolean> {
  return (await tx.selectFrom('team_members').select('team_id').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

/** The employee's teams with their number of open signals. */
export async function listMyTeamRows(tx: Tx, userId: string) {
  return tx
    .selectFrom('team_members as tm')
    .innerJoin('teams as t', 't.id', 'tm.team_id')
    .leftJoin('signals as s', (j) => j.onRef('s.assignee_team_id', '=', 't.id').on('s.status', 'in', ['nieuw', 'in_behandeling']))
    .select(['t.id', 't.name', (eb) => eb.fn.count<string>('s.id').as('open')])
    .where('tm.user_id', '=', userId)
    .groupBy(['t.id', 't.name'])
    .orderBy('t.name')
    .execute();
}

export async function insertRun(
  tx: Tx,
  row: { tenant_id: string; trigger: RunTrigger; job: SignalJob | null; actor_id: string | null; rules: string[]; started_at: Date; finished_at: Date; found: number; opened: number; changed: number; solved: number },
) {
  return tx.insertInto('signal_runs').values(row).returning('id').executeTakeFirstOrThrow();
}
