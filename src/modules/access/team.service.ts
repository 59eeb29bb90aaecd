// Teams, their areas and their members as the administrator (beheerder) changes them. The admin
// module calls these and logs each change with its before and after values.
import type { Tx } from '../../db/tenancy.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { listAreas } from '../tenants/tenant.service.js';
import {
  deleteMemberships,
  deleteTeamAreas,
  findTeamRow,
  insertMembership,
  insertTeam,
  insertTeamAreas,
  listMembershipRows,
  listTeamAreaRows,
  teamNameTaken,
  updateTeamName,
} from './access.repository.js';
import type { TeamTable } from './access.tables.js';

export type TeamKind = TeamTable['kind'];

const nameTaken = (name: string) => new AppError('CONFLICT', `Er is al een team met de naam ‘${name}’.`);

export async function createTeam(tx: Tx, input: { tenantId: string; name: string; kind: TeamKind }) {
  if (await teamNameTaken(tx, input.name)) throw nameTaken(input.name);
  return insertTeam(tx, { tenant_id: input.tenantId, name: input.name, kind: input.kind });
}

/** Renames a team; answers the name before and after. */
export async function renameTeam(tx: Tx, input: { id: string; name: string }): Promise<{ before: string; after: string }> {
  const team = await findTeamRow(tx, input.id);
  if (!team) throw notFound('Het team');
  if (await teamNameTaken(tx, input.name, input.id)) throw nameTaken(input.name);
  await updateTeamName(tx, input.id, input.name);
  return { before: team.name, after: input.name };
}

/**
 * Makes `areaCodes` the areas of a team. An area belongs to one team at most: an area that another
 * team had moves to this one. Answers the team's name and its areas before and after, and the moves.
 */
export async function setTeamAreas(tx: Tx, input: { tenantId: string; teamId: string; areaCodes: string[] }) {
  const team = await findTeamRow(tx, input.teamId);
  if (!team) throw notFound('Het team');
  const known = new Set((await listAreas(tx)).map((a) => a.code));
  const unknown = input.areaCodes.filter((c) => !known.has(c));
  if (unknown.length) throw invalid('areaCodes', `Deze wijk bestaat niet: ${unknown.join(', ')}.`);
  const areaCodes = [...new Set(input.areaCodes)].sort();
  const current = await listTeamAreaRows(tx);
  const before = current.filter((r) => r.team_id === team.id).map((r) => r.area_code).sort();
  const movedFrom = current.filter((r) => r.team_id !== team.id && areaCodes.includes(r.area_code));
  await deleteTeamAreas(tx, { teamId: team.id });
  await deleteTeamAreas(tx, { areaCodes: movedFrom.map((r) => r.area_code) });
  await insertTeamAreas(tx, areaCodes.map((code) => ({ tenant_id: input.tenantId, team_id: team.id, area_code: code })));
  return { team: team.name, before, after: areaCodes, moved: movedFrom.map((r) => ({ areaCode: r.area_code, fromTeamId: r.team_id })) };
}

/** The team of each employee who is in one (the first by name when someone is in several). */
export async function teamsOfUsers(tx: Tx): Promise<Map<string, { id: string; name: string }>> {
  const teams = new Map<string, { id: string; name: string }>();
  for (const row of await listMembershipRows(tx)) if (!teams.has(row.user_id)) teams.set(row.user_id, { id: row.team_id, name: row.team_name });
  return teams;
}

/** Puts an employee in one team (or none); answers the team's name, or null. */
export async function setUserTeam(tx: Tx, input: { tenantId: string; userId: string; teamId: string | null }): Promise<string | null> {
  let name: string | null = null;
  if (input.teamId) {
    const team = await findTeamRow(tx, input.teamId);
    if (!team) throw invalid('teamId', 'Kies een bestaand team.');
    name = team.name;
  }
  await deleteMemberships(tx, input.userId);
  if (input.teamId) await insertMembership(tx, { tenant_id: input.tenantId, team_id: input.teamId, user_id: input.userId });
  return name;
}
