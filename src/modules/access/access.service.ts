import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import { startOfDayInAmsterdam, todayInAmsterdam } from '../../platform/time.js';
import { residentArea, residentExists, residentNames } from '../residents/resident.service.js';
import { addWorkingDays } from '../../platform/calendar.js';
import { productExists } from '../catalogue/product.service.js';
import {
  completeCallbackRow,
  endContactPerson,
  findConsultant,
  findCurrentContactPerson,
  findOpenCallback,
  findTeamForArea,
  insertCallback,
  insertContact,
  insertContactPerson,
  listConsultants,
  listContactPersonHistory,
  listContactRows,
  listOpenCallbackRows,
  listTeamMateRows,
  listTeamRows,
} from './access.repository.js';
import type { RegisterContactInput } from './access.schema.js';
import { groupBy } from '../../platform/collections.js';

const CONTACT = 'klantcontact-kcc';
const CASEWORK = 'zaakbehandeling-sociaal-domein';
const iso = (d: Date | string) => new Date(d).toISOString();

export async function listTeams(tx: Tx) {
  const rows = await listTeamRows(tx);
  return [...groupBy(rows, (r) => r.id).values()].map((g) => ({
    id: g[0]!.id,
    name: g[0]!.name,
    kind: g[0]!.kind,
    areas: g.map((r) => r.area_code).filter((a): a is string => a !== null),
  }));
}

export async function consultants(tx: Tx) {
  return (await listConsultants(tx)).map((u) => ({ id: u.id, username: u.username, displayName: u.display_name }));
}

async function requireResident(tx: Tx, residentId: string): Promise<void> {
  if (!(await residentExists(tx, residentId))) throw notFound('Inwoner');
}

/** Whether this user may be a contact person (or handle a case): an active consultant or team lead. */
export async function isEligibleConsultant(tx: Tx, userId: string): Promise<boolean> {
  const consultant = await findConsultant(tx, userId);
  return !!consultant && consultant.roles.some((r) => r === 'consultant' || r === 'team_lead');
}

/** Whether the resident has a current contact person (no audit: nothing about the person is shown). */
export async function hasContactPerson(tx: Tx, residentId: string): Promise<boolean> {
  return !!(await findCurrentContactPerson(tx, residentId));
}

export async function getContactPerson(tx: Tx, ctx: AuditContext, residentId: string) {
  const startTime = new Date();
  await requireResident(tx, residentId);
  const [current, history] = await Promise.all([findCurrentContactPerson(tx, residentId), listContactPersonHistory(tx, residentId)]);
  await recordProcessing(tx, ctx, { name: 'contactpersoon.raadplegen', activity: CASEWORK, subjects: [{ type: 'resident', id: residentId }], startTime });
  return {
    current: current ? { consultantId: current.consultant_id, username: current.username, displayName: current.display_name, since: iso(current.assigned_at), reason: current.reason } : null,
    history: history.map((h) => ({ consultant: h.consultant, assignedBy: h.assigned_by, assignedAt: iso(h.assigned_at), endedAt: h.ended_at ? iso(h.ended_at) : null, reason: h.reason })),
  };
}

/**
 * Command: makes `consultantId` the resident's one contact person; the previous assignment ends,
 * nothing is deleted. Audits the write only; the caller reads back what it shows (`getContactPerson`).
 */
export async function assignContactPerson(tx: Tx, ctx: Actor, input: { residentId: string; consultantId: string; reason: string }): Promise<void> {
  const startTime = new Date();
  await requireResident(tx, input.residentId);
  const consultant = await findConsultant(tx, input.consultantId);
  if (!consultant || !consultant.roles.some((r) => r === 'consultant' || r === 'team_lead')) {
    throw validationFailed([
      { field: 'consultantId', message: 'Alleen een consulent of teamleider kan contactpersoon zijn.' },
    ]);
  }
  const current = await findCurrentContactPerson(tx, input.residentId);
  if (current?.consultant_id === input.consultantId) {
    throw new AppError('CONFLICT', `${consultant.display_name} is al de contactpersoon van deze inwoner.`);
  }
  const now = new Date();
  await endContactPerson(tx, input.residentId, now);
  await insertContactPerson(tx, { tenant_id: ctx.tenantId, resident_id: input.residentId, consultant_id: input.consultantId, assigned_by: ctx.actorId, assigned_at: now, reason: input.reason });
  await recordProcessing(tx, ctx, {
    name: current ? 'contactpersoon.wisselen' : 'contactpersoon.toewijzen',
    activity: CASEWORK,
    subjects: [{ type: 'resident', id: input.residentId }],
    startTime,
  });
}

/**
 * Command for a new case: when the resident has no contact person yet, the case's consultant becomes
 * it (the caller checked the resident and the consultant). Audits the assignment when there was one.
 */
export async function assignFirstContactPerson(tx: Tx, ctx: Actor, input: { residentId: string; consultantId: string; reason: string }): Promise<void> {
  const startTime = new Date();
  if (await findCurrentContactPerson(tx, input.residentId)) return;
  await insertContactPerson(tx, { tenant_id: ctx.tenantId, resident_id: input.residentId, consultant_id: input.consultantId, assigned_by: ctx.actorId, assigned_at: new Date(), reason: input.reason });
  await recordProcessing(tx, ctx, { name: 'contactpersoon.toewijzen', activity: CASEWORK, subjects: [{ type: 'resident', id: input.residentId }], startTime });
}

/** Next working day, 17:00 Amsterdam time: the default promise to call back. */
export function defaultCallbackDue(now = new Date()): Date {
  const day = addWorkingDays(todayInAmsterdam(now), 1);
  return new Date(startOfDayInAmsterdam(day).getTime() + 17 * 3600_000);
}

/** Command: registers a contact (and its callback task when routed); audits the write and returns the contact's id. */
export async function registerContact(tx: Tx, ctx: Actor, input: RegisterContactInput & { residentId: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const area = await residentArea(tx, input.residentId);
  if (!area) throw notFound('Inwoner');
  if (input.productId && !(await productExists(tx, input.productId))) {
    throw validationFailed([
      { field: 'productId', message: 'Dit product bestaat niet in de catalogus van deze gemeente.' },
    ]);
  }
  let teamId: string | null = null;
  let userId: string | null = null;
  if (input.outcome === 'routed') {
    if (input.routeTo === 'contact_person') {
      const person = await findCurrentContactPerson(tx, input.residentId);
      if (!person) {
        throw validationFailed([
          { field: 'routeTo', message: 'Deze inwoner heeft nog geen contactpersoon; zet door naar het gebiedsteam.' },
        ]);
      }
      userId = person.consultant_id;
    } else {
      const team = area.code ? await findTeamForArea(tx, area.code) : undefined;
      if (!team) throw new AppError('VALIDATION_FAILED', 'Geen gebiedsteam voor de wijk van deze inwoner.', [{ field: 'routeTo', message: 'Er is geen gebiedsteam voor deze wijk.' }]);
      teamId = team.id;
    }
  }
  const contact = await insertContact(tx, {
    tenant_id: ctx.tenantId,
    resident_id: input.residentId,
    channel: input.channel,
    subject: input.subject,
    note: input.note,
    product_id: input.productId ?? null,
    outcome: input.outcome,
    routed_to_team_id: teamId,
    routed_to_user_id: userId,
    registered_by: ctx.actorId,
  });
  if (input.outcome === 'routed') {
    const due = input.callbackDueAt ? new Date(input.callbackDueAt) : defaultCallbackDue();
    if (due.getTime() < Date.now() - 60_000) {
      throw validationFailed([{ field: 'callbackDueAt', message: 'Het terugbelmoment ligt in het verleden.' }]);
    }
    await insertCallback(tx, { tenant_id: ctx.tenantId, contact_id: contact.id, resident_id: input.residentId, team_id: teamId, user_id: userId, due_at: due });
  }
  await recordProcessing(tx, ctx, { name: 'klantcontact.registreren', activity: CONTACT, subjects: [{ type: 'resident', id: input.residentId }], startTime });
  return { id: contact.id };
}

/** Read: one contact of the resident, as the employee receives it (audited as a read). */
export async function getContact(tx: Tx, ctx: AuditContext, residentId: string, contactId: string) {
  const startTime = new Date();
  const contact = (await listContactRows(tx, residentId)).find((c) => c.id === contactId);
  if (!contact) throw notFound('Klantcontact');
  await recordProcessing(tx, ctx, { name: 'klantcontact.raadplegen', activity: CONTACT, subjects: [{ type: 'resident', id: residentId }], startTime });
  return toContact(contact);
}

export async function listContacts(tx: Tx, ctx: AuditContext, residentId: string) {
  const startTime = new Date();
  await requireResident(tx, residentId);
  const rows = await listContactRows(tx, residentId);
  await recordProcessing(tx, ctx, { name: 'klantcontact.raadplegen', activity: CONTACT, subjects: [{ type: 'resident', id: residentId }], startTime });
  return rows.map(toContact);
}

function toContact(r: Awaited<ReturnType<typeof listContactRows>>[number]) {
  return {
    id: r.id,
    channel: r.channel,
    subject: r.subject,
    note: r.note,
    outcome: r.outcome,
    registeredAt: iso(r.registered_at),
    registeredBy: r.registered_by,
    routedTo: r.routed_user ?? r.routed_team ?? null,
    callback: r.callback_id && r.due_at ? { id: r.callback_id, dueAt: iso(r.due_at), doneAt: r.done_at ? iso(r.done_at) : null } : null,
  };
}

export async function myOpenCallbacks(tx: Tx, ctx: Actor, now = new Date()) {
  const startTime = new Date();
  const rows = await listOpenCallbackRows(tx, ctx.actorId);
  await recordProcessing(tx, ctx, {
    name: 'terugbelverzoeken.raadplegen',
    activity: CONTACT,
    subjects: rows.filter((r) => r.resident_id).map((r) => ({ type: 'resident' as const, id: r.resident_id! })),
    startTime,
  });
  const names = await residentNames(
    tx,
    rows.map((r) => r.resident_id).filter((id): id is string => id !== null),
  );
  return rows.map((r) => ({
    id: r.id,
    dueAt: iso(r.due_at),
    residentId: r.resident_id,
    residentName: r.resident_id ? (names.get(r.resident_id) ?? null) : null,
    subject: r.subject,
    channel: r.channel,
    note: r.note,
    registeredAt: iso(r.registered_at),
    registeredBy: r.registered_by,
    team: r.team,
    overdue: new Date(r.due_at).getTime() < now.getTime(),
  }));
}

/** How many callbacks wait for me or my teams (a count: no one's data, not audited). */
export async function countMyOpenCallbacks(tx: Tx, userId: string): Promise<{ open: number; overdue: number }> {
  const rows = await listOpenCallbackRows(tx, userId);
  const now = Date.now();
  return { open: rows.length, overdue: rows.filter((r) => new Date(r.due_at).getTime() < now).length };
}

/** The members of the teams this user belongs to, per team (no resident data). */
export async function teamMates(tx: Tx, userId: string) {
  return (await listTeamMateRows(tx, userId)).map((r) => ({ teamId: r.team_id, team: r.team, userId: r.id, displayName: r.display_name }));
}

export async function completeCallback(tx: Tx, ctx: Actor, input: { id: string; note: string }) {
  const startTime = new Date();
  const task = await findOpenCallback(tx, input.id);
  if (!task) throw notFound('Terugbelverzoek');
  if (task.done_at) throw new AppError('CONFLICT', 'Dit terugbelverzoek is al afgehandeld.');
  await completeCallbackRow(tx, input.id, ctx.actorId, input.note, new Date());
  if (task.resident_id) {
    await recordProcessing(tx, ctx, { name: 'terugbelverzoek.afhandelen', activity: CONTACT, subjects: [{ type: 'resident', id: task.resident_id }], startTime });
  }
}

export { createTeam, renameTeam, setTeamAreas, setUserTeam, teamsOfUsers, type TeamKind } from './team.service.js';

/** The area team of a wijk (for work that goes to the team of the resident's area), or undefined. */
export async function teamForArea(tx: Tx, areaCode: string): Promise<{ id: string; name: string } | undefined> {
  return findTeamForArea(tx, areaCode);
}
