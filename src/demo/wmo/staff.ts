// The staff of the Wmo demo seed: the area teams, a team lead, consultants per area team (in
// proportion to its residents) and KCC employees. New staff have no password (see the header of
// distributions.ts), so only the standard demo users can log in.

import type { Insertable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenancy.js';
import { addDays } from '../../platform/calendar.js';
import type { Random } from '../random.js';
import { CONSULTANTS, KCC_STAFF } from './distributions.js';
import { ascii } from './helpers.js';
import { GIVEN_NAMES, SURNAMES } from './texts.js';
import type { ResidentInfo, SeedRun, Staff } from './types.js';

export interface Teams {
  /** Area code → area team id. */
  areaTeam: Map<string, string>;
  areaTeamIds: string[];
  kccTeamId: string | null;
}

interface WeightedStaff {
  staff: Staff;
  weight: number;
}
interface Membership {
  team_id: string;
  user_id: string;
}
type UserRow = Staff & { display_name: string; roles: string[] };

export interface StaffContext {
  teamLead: Staff;
  /** The standard demo user `consulent`, when present. */
  standardConsultant: Staff | undefined;
  /** Team memberships that existed before this run. */
  members: Membership[];
  /** Consultants per area team; weight 0 means no new cases. */
  teamConsultants: Map<string, WeightedStaff[]>;
  allConsultants: WeightedStaff[];
  kccStaff: Staff[];
  newUsers: Insertable<DB['users']>[];
  newMembers: Insertable<DB['team_members']>[];
  teamOf: (resident: ResidentInfo) => string;
  pickConsultant: (teamId: string) => Staff;
}

export async function loadTeams(tx: Tx): Promise<Teams> {
  const teams = await tx.selectFrom('teams').select(['id', 'name', 'kind']).orderBy('name').execute();
  const teamAreas = await tx.selectFrom('team_areas').select(['team_id', 'area_code']).execute();
  return {
    areaTeam: new Map(teamAreas.map((t) => [t.area_code, t.team_id])),
    areaTeamIds: teams.filter((t) => t.kind === 'area_team').map((t) => t.id),
    kccTeamId: teams.find((t) => t.kind === 'kcc')?.id ?? null,
  };
}

/** Loads the existing users and adds the team lead, consultants and KCC staff this size needs. */
export async function recruitStaff(tx: Tx, run: SeedRun, teams: Teams, residents: ResidentInfo[]): Promise<StaffContext> {
  const { random } = run;
  const users: UserRow[] = await tx.selectFrom('users').select(['id', 'username', 'display_name', 'roles']).orderBy('username').execute();
  const members: Membership[] = await tx
    .selectFrom('team_members as m')
    .innerJoin('teams as t', 't.id', 'm.team_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'm.user_id'])
    .orderBy('t.name')
    .orderBy('u.username')
    .execute();
  const roster = createRoster(run, users, members);

  let teamLead: Staff | undefined = users.find((u) => u.username === 'teamleider') ?? users.find((u) => u.roles.includes('team_lead'));
  if (!teamLead) teamLead = roster.addUser('Hanneke Wetzels (teamleider)', 'hanneke.wetzels', ['team_lead']);
  for (const teamId of teams.areaTeamIds) roster.join(teamId, teamLead.id);
  const standardConsultant = users.find((u) => u.username === 'consulent');

  const teamOf = (r: ResidentInfo) => (r.areaCode && teams.areaTeam.get(r.areaCode)) || teams.areaTeamIds[0]!;
  const teamConsultants = existingConsultants(run, teams, users, members);
  const nextName = nameSequence(random);
  const allConsultants = hireConsultants(run, roster, teams, teamConsultants, residents, nextName);
  const kccStaff = hireKccStaff(run, roster, teams, users, nextName);
  const pickConsultant = (teamId: string): Staff => {
    const pool = (teamConsultants.get(teamId) ?? []).filter((c) => c.weight > 0);
    const from = pool.length > 0 ? pool : allConsultants;
    return random.weighted(from.map((c) => ({ value: c.staff, weight: c.weight })));
  };
  return { teamLead, standardConsultant, members, teamConsultants, allConsultants, kccStaff, newUsers: roster.newUsers, newMembers: roster.newMembers, teamOf, pickConsultant };
}

interface Roster {
  newUsers: Insertable<DB['users']>[];
  newMembers: Insertable<DB['team_members']>[];
  addUser: (displayName: string, base: string, roles: string[]) => Staff;
  join: (teamId: string, userId: string) => void;
}

/** New users (unique usernames) and team memberships, collected for one insert. */
function createRoster(run: SeedRun, users: UserRow[], members: Membership[]): Roster {
  const { tenantId, newId, at, today } = run;
  const usernames = new Set(users.map((u) => u.username));
  const newUsers: Insertable<DB['users']>[] = [];
  const newMembers: Insertable<DB['team_members']>[] = [];
  const createdAt = at(addDays(today, -400), 8 * 60);
  const addUser = (displayName: string, base: string, roles: string[]): Staff => {
    let username = base;
    for (let n = 2; usernames.has(username); n += 1) username = `${base}${n}`;
    usernames.add(username);
    const id = newId();
    newUsers.push({ tenant_id: tenantId, id, username, display_name: displayName, roles, created_at: createdAt });
    return { id, username };
  };
  const isMember = (teamId: string, userId: string) => members.some((m) => m.team_id === teamId && m.user_id === userId) || newMembers.some((m) => m.team_id === teamId && m.user_id === userId);
  const join = (teamId: string, userId: string) => {
    if (!isMember(teamId, userId)) newMembers.push({ tenant_id: tenantId, team_id: teamId, user_id: userId });
  };
  return { newUsers, newMembers, addUser, join };
}

/** Existing consultants keep their teams (the standard `consulent` works in the first area team). */
function existingConsultants(run: SeedRun, teams: Teams, users: UserRow[], members: Membership[]): Map<string, WeightedStaff[]> {
  const teamConsultants = new Map<string, WeightedStaff[]>(teams.areaTeamIds.map((id) => [id, []]));
  for (const m of members) {
    const user = users.find((u) => u.id === m.user_id);
    if (user?.roles.includes('consultant')) teamConsultants.get(m.team_id)?.push({ staff: user, weight: user.username === 'consulent' ? (run.size === 'small' ? 0 : 0.5) : 1 });
  }
  return teamConsultants;
}

type NameSequence = () => { given: string; surname: string };

/** Staff names, from a random start through the given names and (stepping by 7) the surnames. */
function nameSequence(random: Random): NameSequence {
  let nameIndex = Math.floor(random.next() * GIVEN_NAMES.length);
  return () => {
    const given = GIVEN_NAMES[nameIndex % GIVEN_NAMES.length]!;
    const surname = SURNAMES[(nameIndex * 7 + 3) % SURNAMES.length]!;
    nameIndex += 1;
    return { given, surname };
  };
}

/** Consultants per area team, in proportion to the team's residents; returns all who take cases. */
function hireConsultants(run: SeedRun, roster: Roster, teams: Teams, teamConsultants: Map<string, WeightedStaff[]>, residents: ResidentInfo[], nextName: NameSequence): WeightedStaff[] {
  const { areaTeam, areaTeamIds } = teams;
  const residentsPerTeam = new Map<string, number>();
  for (const r of residents) {
    const team = (r.areaCode && areaTeam.get(r.areaCode)) || areaTeamIds[0]!;
    residentsPerTeam.set(team, (residentsPerTeam.get(team) ?? 0) + 1);
  }
  const consultantTotal = CONSULTANTS[run.size][run.tenantId];
  const order = [...areaTeamIds].sort((a, b) => (residentsPerTeam.get(b) ?? 0) - (residentsPerTeam.get(a) ?? 0));
  const hire = (teamId: string) => {
    const { given, surname } = nextName();
    const staff = roster.addUser(`${given} ${surname} (consulent Wmo)`, `${ascii(given)}.${ascii(surname)}`, ['consultant']);
    roster.join(teamId, staff.id);
    teamConsultants.get(teamId)!.push({ staff, weight: 1 });
    return staff;
  };
  for (let i = 0; i < consultantTotal; i += 1) {
    // Largest remainder: the next consultant goes to the team with most residents per consultant.
    const teamId = order.reduce((best, id) => {
      const load = (residentsPerTeam.get(id) ?? 0) / (teamConsultants.get(id)!.filter((c) => c.weight > 0).length + 1);
      const bestLoad = (residentsPerTeam.get(best) ?? 0) / (teamConsultants.get(best)!.filter((c) => c.weight > 0).length + 1);
      return load > bestLoad ? id : best;
    }, order[0]!);
    hire(teamId);
  }
  const allConsultants = [...teamConsultants.values()].flat().filter((c) => c.weight > 0);
  if (allConsultants.length === 0) allConsultants.push({ staff: hire(areaTeamIds[0]!), weight: 1 });
  return allConsultants;
}

function hireKccStaff(run: SeedRun, roster: Roster, teams: Teams, users: UserRow[], nextName: NameSequence): Staff[] {
  const { kccTeamId } = teams;
  const kccStaff: Staff[] = users.filter((u) => u.roles.includes('kcc'));
  for (let i = 0; i < KCC_STAFF[run.size][run.tenantId]; i += 1) {
    const { given, surname } = nextName();
    const staff = roster.addUser(`${given} ${surname} (KCC)`, `${ascii(given)}.${ascii(surname)}`, ['kcc']);
    if (kccTeamId) roster.join(kccTeamId, staff.id);
    kccStaff.push(staff);
  }
  if (kccStaff.length === 0) {
    const staff = roster.addUser('Lieke Brouns (KCC)', 'lieke.brouns', ['kcc']);
    if (kccTeamId) roster.join(kccTeamId, staff.id);
    kccStaff.push(staff);
  }
  return kccStaff;
}
