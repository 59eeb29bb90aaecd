import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { KccContactTable, TeamTable } from './access.tables.js';

export async function listTeamRows(tx: Tx) {
  return tx
    .selectFrom('teams as t')
    .leftJoin('team_areas as ta', (j) => j.onRef('ta.team_id', '=', 't.id').onRef('ta.tenant_id', '=', 't.tenant_id'))
    .select(['t.id', 't.name', 't.kind', 'ta.area_code'])
    .orderBy('t.name')
    .execute();
}

export async function findTeamForArea(tx: Tx, areaCode: string) {
  return tx
    .selectFrom('team_areas as ta')
    .innerJoin('teams as t', (j) => j.onRef('t.id', '=', 'ta.team_id').onRef('t.tenant_id', '=', 'ta.tenant_id'))
    .select(['t.id', 't.name'])
    .where('ta.area_code', '=', areaCode)
    .executeTakeFirst();
}

export async function findCurrentContactPerson(tx: Tx, residentId: string) {
  return tx
    .selectFrom('contact_person_assignments as c')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'c.consultant_id').onRef('u.tenant_id', '=', 'c.tenant_id'))
    .select(['c.id', 'c.consultant_id', 'u.username', 'u.display_name', 'c.assigned_at', 'c.reason'])
    .where('c.resident_id', '=', residentId)
    .where('c.ended_at', 'is', null)
    .executeTakeFirst();
}

export async function listContactPersonHistory(tx: Tx, residentId: string) {
  return tx
    .selectFrom('contact_person_assignments as c')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'c.consultant_id').onRef('u.tenant_id', '=', 'c.tenant_id'))
    .innerJoin('users as b', (j) => j.onRef('b.id', '=', 'c.assigned_by').onRef('b.tenant_id', '=', 'c.tenant_id'))
    .select(['c.id', 'u.display_name as consultant', 'b.display_name as assigned_by', 'c.assigned_at', 'c.ended_at', 'c.reason'])
    .where('c.resident_id', '=', residentId)
    .orderBy('c.assigned_at', 'desc')
    .execute();
}

export async function endContactPerson(tx: Tx, residentId: string, at: Date) {
  await tx.updateTable('contact_person_assignments').set({ ended_at: at }).where('resident_id', '=', residentId).where('ended_at', 'is', null).execute();
}

export async function insertContactPerson(tx: Tx, row: { tenant_id: string; resident_id: string; consultant_id: string; assigned_by: string; assigned_at: Date; reason: string }) {
  await tx.insertInto('contact_person_assignments').values(row).execute();
}

export async function findConsultant(tx: Tx, userId: string) {
  return tx.selectFrom('users').select(['id', 'username', 'display_name', 'roles']).where('id', '=', userId).where('active', '=', true).executeTakeFirst();
}

export async function listConsultants(tx: Tx) {
  return tx
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('active', '=', true)
    .where((eb) => eb.or([eb(eb.val('consultant'), '=', eb.fn.any('roles')), eb(eb.val('team_lead'), '=', eb.fn.any('roles'))]))
    .orderBy('display_name')
    .execute();
}

export async function insertContact(tx: Tx, row: Insertable<KccContactTable>) {
  return tx.insertInto('kcc_contacts').values(row).returning(['id', 'registered_at']).executeTakeFirstOrThrow();
}

export async function insertCallback(tx: Tx, row: { tenant_id: string; contact_id: string; resident_id: string | null; team_id: string | null; user_id: string | null; due_at: Date }) {
  return tx.insertInto('callback_tasks').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function listContactRows(tx: Tx, residentId: string) {
  return tx
    .selectFrom('kcc_contacts as k')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'k.registered_by').onRef('u.tenant_id', '=', 'k.tenant_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.id', '=', 'k.routed_to_team_id').onRef('t.tenant_id', '=', 'k.tenant_id'))
    .leftJoin('users as r', (j) => j.onRef('r.id', '=', 'k.routed_to_user_id').onRef('r.tenant_id', '=', 'k.tenant_id'))
    .leftJoin('callback_tasks as c', (j) => j.onRef('c.contact_id', '=', 'k.id').onRef('c.tenant_id', '=', 'k.tenant_id'))
    .select([
      'k.id',
      'k.channel',
      'k.subject',
      'k.note',
      'k.outcome',
      'k.registered_at',
      'u.display_name as registered_by',
      't.name as routed_team',
      'r.display_name as routed_user',
      'c.id as callback_id',
      'c.due_at',
      'c.done_at',
    ])
    .where('k.resident_id', '=', residentId)
    .orderBy('k.registered_at', 'desc')
    .execute();
}

/** Open callbacks for a person: assigned to them, or to a team they belong to. */
export async function listOpenCallbackRows(tx: Tx, userId: string) {
  return tx
    .selectFrom('callback_tasks as c')
    .innerJoin('kcc_contacts as k', (j) => j.onRef('k.id', '=', 'c.contact_id').onRef('k.tenant_id', '=', 'c.tenant_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.id', '=', 'c.team_id').onRef('t.tenant_id', '=', 'c.tenant_id'))
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'k.registered_by').onRef('u.tenant_id', '=', 'k.tenant_id'))
    .select(['c.id', 'c.due_at', 'c.resident_id', 'k.subject', 'k.channel', 'k.note', 'k.registered_at', 'u.display_name as registered_by', 't.name as team'])
    .where('c.done_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('c.user_id', '=', userId),
        eb('c.team_id', 'in', eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId)),
      ]),
    )
    .orderBy('c.due_at')
    .execute();
}

export async function findOpenCallback(tx: Tx, id: string) {
  return tx.selectFrom('callback_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function completeCallbackRow(tx: Tx, id: string, by: string, note: string, at: Date) {
  await tx.updateTable('callback_tasks').set({ done_at: at, done_by: by, done_note: note }).where('id', '=', id).execute();
}

/** Users who share a team with this user (the user included), for a team lead's caseload. */
export async function listTeamMateRows(tx: Tx, userId: string) {
  return tx
    .selectFrom('team_members as m')
    .innerJoin('teams as t', (j) => j.onRef('t.id', '=', 'm.team_id').onRef('t.tenant_id', '=', 'm.tenant_id'))
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'm.user_id').onRef('u.tenant_id', '=', 'm.tenant_id'))
    .select(['t.id as team_id', 't.name as team', 'u.id', 'u.display_name'])
    .where('m.team_id', 'in', (eb) => eb.selectFrom('team_members').select('team_id').where('user_id', '=', userId))
    .orderBy('t.name')
    .orderBy('u.display_name')
    .execute();
}

export async function findTeamRow(tx: Tx, id: string) {
  return tx.selectFrom('teams').select(['id', 'name', 'kind']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function teamNameTaken(tx: Tx, name: string, exceptId?: string): Promise<boolean> {
  let query = tx.selectFrom('teams').select('id').where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertTeam(tx: Tx, row: { tenant_id: string; name: string; kind: TeamTable['kind'] }) {
  return tx.insertInto('teams').values(row).returning(['id', 'name', 'kind']).executeTakeFirstOrThrow();
}

export async function updateTeamName(tx: Tx, id: string, name: string): Promise<void> {
  await tx.updateTable('teams').set({ name }).where('id', '=', id).execute();
}

export async function listTeamAreaRows(tx: Tx) {
  return tx.selectFrom('team_areas').select(['team_id', 'area_code']).execute();
}

export async function deleteTeamAreas(tx: Tx, where: { teamId?: string; areaCodes?: string[] }): Promise<void> {
  let query = tx.deleteFrom('team_areas');
  if (where.teamId) query = query.where('team_id', '=', where.teamId);
  if (where.areaCodes) query = where.areaCodes.length ? query.where('area_code', 'in', where.areaCodes) : query.where(sql<boolean>`false`);
  await query.execute();
}

export async function insertTeamAreas(tx: Tx, rows: { tenant_id: string; team_id: string; area_code: string }[]): Promise<void> {
  if (rows.length) await tx.insertInto('team_areas').values(rows).execute();
}

export async function listMembershipRows(tx: Tx) {
  return tx
    .selectFrom('team_members as m')
    .innerJoin('teams as t', (j) => j.onRef('t.id', '=', 'm.team_id').onRef('t.tenant_id', '=', 'm.tenant_id'))
    .select(['m.user_id', 't.id as team_id', 't.name as team_name'])
    .orderBy('t.name')
    .execute();
}

export async function deleteMemberships(tx: Tx, userId: string): Promise<void> {
  await tx.deleteFrom('team_members').where('user_id', '=', userId).execute();
}

export async function insertMembership(tx: Tx, row: { tenant_id: string; team_id: string; user_id: string }): Promise<void> {
  await tx.insertInto('team_members').values(row).execute();
}
