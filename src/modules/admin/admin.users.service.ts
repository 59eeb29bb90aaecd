// Employee accounts as the administrator (beheerder) manages them: create with a one-time password,
// change name, job title, roles and team, deactivate (sessions end) and reactivate, reset the password.
import { randomInt } from 'node:crypto';
import type { Tx } from '../../db/tenancy.js';
import { hashPassword } from '../../platform/auth/password.js';
import { roleLabels, type Role } from '../../platform/auth/roles.js';
import { deleteSessionsOfUser } from '../../platform/auth/session.repository.js';
import { insertUser, listStaffRows, lockActiveUsersWithRole, lockUser, setJobTitle, updateUser, upsertPassword, usernameTaken } from '../../platform/auth/user.repository.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { setUserTeam, teamsOfUsers } from '../access/access.service.js';
import { recordChange } from './admin.changes.js';

const ADMIN_ROLE: Role = 'admin';
// No 0/O, 1/l/I: the password is read from a screen and typed or passed on.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password of 16 random characters in groups of four (about 92 bits). */
export function generateOneTimePassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

const roleNames = (roles: string[]) => roles.map((r) => roleLabels[r as Role] ?? r).join(', ');

export async function listStaff(tx: Tx) {
  const rows = await listStaffRows(tx);
  const teams = await teamsOfUsers(tx);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    jobTitle: r.job_title ?? '',
    roles: r.roles,
    active: r.active,
    team: teams.get(r.id) ?? null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

async function staffUser(tx: Tx, id: string) {
  const user = (await listStaff(tx)).find((u) => u.id === id);
  if (!user) throw notFound('De medewerker');
  return user;
}

export async function createStaffUser(tx: Tx, ctx: Actor, input: { username: string; displayName: string; jobTitle: string; roles: string[]; teamId: string | null }) {
  if (await usernameTaken(tx, input.username)) throw new AppError('CONFLICT', `De gebruikersnaam ‘${input.username}’ is al in gebruik.`);
  const oneTimePassword = generateOneTimePassword();
  const row = await insertUser(tx, { tenantId: ctx.tenantId, username: input.username, displayName: input.displayName, roles: input.roles, passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true });
  if (input.jobTitle) await setJobTitle(tx, row.id, input.jobTitle);
  const team = await setUserTeam(tx, { tenantId: ctx.tenantId, userId: row.id, teamId: input.teamId });
  await recordChange(tx, ctx, {
    section: 'users',
    subject: `${input.displayName} (${input.username})`,
    action: `Medewerker aangemaakt met rollen ${roleNames(input.roles)}${team ? ` in team ${team}` : ''}; eenmalig wachtwoord uitgegeven.`,
    before: null,
    after: { username: input.username, displayName: input.displayName, jobTitle: input.jobTitle, roles: input.roles, team, active: true },
  });
  return { user: await staffUser(tx, row.id), oneTimePassword };
}

/** Refuses to leave the municipality without an active administrator. */
async function keepOneAdministrator(tx: Tx, userId: string): Promise<void> {
  const admins = await lockActiveUsersWithRole(tx, ADMIN_ROLE);
  if (admins.length === 1 && admins[0] === userId) {
    throw new AppError('CONFLICT', 'Dit is de laatste actieve beheerder. Geef eerst iemand anders de rol Functioneel beheerder.');
  }
}

async function lockStaff(tx: Tx, id: string) {
  const user = await lockUser(tx, id);
  if (!user || user.roles.includes('resident')) throw notFound('De medewerker');
  return user;
}

export async function updateStaffUser(tx: Tx, ctx: Actor, id: string, input: { displayName?: string; jobTitle?: string; roles?: string[]; teamId?: string | null }) {
  const user = await lockStaff(tx, id);
  const before = (await teamsOfUsers(tx)).get(id)?.name ?? null;
  if (input.roles && user.active && user.roles.includes(ADMIN_ROLE) && !input.roles.includes(ADMIN_ROLE)) await keepOneAdministrator(tx, id);
  await updateUser(tx, id, {
    ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
    ...(input.jobTitle !== undefined ? { job_title: input.jobTitle.trim() || null } : {}),
    ...(input.roles !== undefined ? { roles: input.roles } : {}),
  });
  const team = input.teamId !== undefined ? await setUserTeam(tx, { tenantId: ctx.tenantId, userId: id, teamId: input.teamId }) : before;
  const was = { displayName: user.display_name, jobTitle: user.job_title ?? '', roles: user.roles, team: before };
  const now = { displayName: input.displayName ?? user.display_name, jobTitle: input.jobTitle ?? user.job_title ?? '', roles: input.roles ?? user.roles, team };
  const changed = (Object.keys(was) as (keyof typeof was)[]).filter((k) => JSON.stringify(was[k]) !== JSON.stringify(now[k]));
  const labels = { displayName: 'naam', jobTitle: 'functie', roles: `rollen (${roleNames(now.roles)})`, team: `team (${team ?? 'geen'})` };
  await recordChange(tx, ctx, {
    section: 'users',
    subject: `${now.displayName} (${user.username})`,
    action: changed.length ? `Gewijzigd: ${changed.map((k) => labels[k]).join(', ')}.` : 'Opgeslagen zonder wijziging.',
    before: Object.fromEntries(changed.map((k) => [k, was[k]])),
    after: Object.fromEntries(changed.map((k) => [k, now[k]])),
  });
  return staffUser(tx, id);
}

export async function setUserActive(tx: Tx, ctx: Actor, id: string, active: boolean) {
  const user = await lockStaff(tx, id);
  if (!active && id === ctx.actorId) throw new AppError('CONFLICT', 'U kunt uw eigen account niet uitschakelen.');
  if (user.active !== active) {
    if (!active && user.roles.includes(ADMIN_ROLE)) await keepOneAdministrator(tx, id);
    await updateUser(tx, id, { active });
    const ended = active ? 0 : await deleteSessionsOfUser(tx, id);
    await recordChange(tx, ctx, {
      section: 'users',
      subject: `${user.display_name} (${user.username})`,
      action: active ? 'Account weer actief gemaakt.' : `Account uitgeschakeld${ended ? `; ${ended === 1 ? '1 sessie' : `${ended} sessies`} beëindigd` : ''}.`,
      before: { active: user.active },
      after: { active },
    });
  }
  return staffUser(tx, id);
}

/** A new one-time password; the account's sessions end, so whoever had the old one is out. */
export async function resetPassword(tx: Tx, ctx: Actor, id: string) {
  const user = await lockStaff(tx, id);
  const oneTimePassword = generateOneTimePassword();
  await upsertPassword(tx, ctx.tenantId, id, await hashPassword(oneTimePassword), true);
  const ended = id === ctx.actorId ? 0 : await deleteSessionsOfUser(tx, id);
  await recordChange(tx, ctx, {
    section: 'users',
    subject: `${user.display_name} (${user.username})`,
    action: `Wachtwoord opnieuw ingesteld; eenmalig wachtwoord uitgegeven${ended ? `, ${ended === 1 ? '1 sessie' : `${ended} sessies`} beëindigd` : ''}.`,
    before: null,
    after: null,
  });
  return { user: await staffUser(tx, id), oneTimePassword };
}
