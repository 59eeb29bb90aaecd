// KCC contacts and callbacks: meldingen that came in through the KCC, follow-up questions of
// clients and general questions of other residents (now and then anonymous). Routed contacts go
// to the client's contact person or else the area team, with a callback due the next working day
// at 17:00 (as the app does); a few callbacks are left overdue.

import type { Insertable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addWorkingDays } from '../../platform/calendar.js';
import type { SeedCalendar } from './calendar.js';
import type { Catalogue } from './context.js';
import { CHANNELS, CONTACTS_PER_CLIENT, PRODUCT_NEED } from './distributions.js';
import { poisson, workTime } from './helpers.js';
import { productWeightsFor } from './market.js';
import type { Caseload } from './plan.js';
import type { StaffContext } from './staff.js';
import { CALLBACK_NOTES, FOLLOW_UP_SUBJECTS, GENERAL_SUBJECTS } from './texts.js';
import type { ProductInfo, ResidentInfo, SeedRun, Staff } from './types.js';

export interface ContactContext {
  run: SeedRun;
  calendar: SeedCalendar;
  catalogue: Catalogue;
  staff: StaffContext;
  clients: ResidentInfo[];
  caseload: Caseload;
}

export interface ContactRows {
  contactRows: Insertable<DB['kcc_contacts']>[];
  callbackRows: Insertable<DB['callback_tasks']>[];
}

interface ContactInput {
  resident: ResidentInfo | null;
  clientIndex: number | null;
  day: string;
  minutes?: number;
  subject: string;
  note: string;
  product: ProductInfo | undefined;
  answered: boolean;
  preferTeam?: boolean;
  doneBy?: Staff;
}

type AddContact = (input: ContactInput) => void;

export function kccContacts(ctx: ContactContext): ContactRows {
  const rows: ContactRows = { contactRows: [], callbackRows: [] };
  const addContact = contactDesk(ctx, rows);
  const total = Math.round(ctx.clients.length * CONTACTS_PER_CLIENT);
  meldingContacts(ctx, addContact);
  followUpContacts(ctx, addContact, rows, total);
  generalContacts(ctx, addContact, rows, total);
  leaveCallbacksOverdue(ctx, rows.callbackRows);
  return rows;
}

/** Registers a contact as the KCC does, routing it (and a callback) when the first line cannot answer. */
function contactDesk(ctx: ContactContext, rows: ContactRows): AddContact {
  const { tenantId, random, newId, at } = ctx.run;
  const { staff } = ctx;
  const assignmentsByClient = new Map<number, Caseload['assignments']>();
  for (const a of ctx.caseload.assignments) assignmentsByClient.set(a.clientIndex, [...(assignmentsByClient.get(a.clientIndex) ?? []), a]);
  const contactPersonAt = (clientIndex: number, instant: Date): Staff | null => {
    let found: Staff | null = null;
    for (const a of assignmentsByClient.get(clientIndex) ?? []) if (a.at <= instant && (a.endedAt === null || a.endedAt > instant)) found = a.consultant;
    return found;
  };
  return (input) => {
    const channel = random.weighted(CHANNELS);
    const registeredAt = at(input.day, input.minutes ?? workTime(random));
    let outcome: 'answered' | 'routed' = input.answered || !input.resident ? 'answered' : 'routed';
    let teamId: string | null = null;
    let user: Staff | null = null;
    if (outcome === 'routed' && input.resident) {
      const person = input.clientIndex !== null && !input.preferTeam ? contactPersonAt(input.clientIndex, registeredAt) : null;
      if (person) user = person;
      else teamId = staff.teamOf(input.resident);
    }
    if (outcome === 'routed' && !user && !teamId) outcome = 'answered';
    const id = newId();
    rows.contactRows.push({
      tenant_id: tenantId,
      id,
      resident_id: input.resident?.id ?? null,
      channel,
      subject: input.subject,
      note: input.note,
      product_id: input.product?.id ?? null,
      outcome,
      routed_to_team_id: teamId,
      routed_to_user_id: user?.id ?? null,
      registered_by: random.pick(staff.kccStaff).id,
      registered_at: registeredAt,
    });
    if (outcome === 'routed') rows.callbackRows.push(callbackRow(ctx, { contactId: id, input, registeredAt, teamId, user }));
  };
}

/** The callback of a routed contact: most done the same or next day, a few late, a few still open. */
function callbackRow(
  ctx: ContactContext,
  routed: { contactId: string; input: ContactInput; registeredAt: Date; teamId: string | null; user: Staff | null },
): Insertable<DB['callback_tasks']> {
  const { tenantId, random, newId, at } = ctx.run;
  const { contactId, input, registeredAt, teamId, user } = routed;
  const teamMembersOf = (id: string) => ctx.staff.teamConsultants.get(id)?.map((c) => c.staff) ?? [];
  const due = at(addWorkingDays(input.day, 1), 17 * 60);
  const roll = random.next();
  let done: Date;
  if (roll < 0.65) done = new Date(registeredAt.getTime() + random.int(30, 240) * 60_000);
  else if (roll < 0.93) done = at(addWorkingDays(input.day, 1), random.int(9 * 60, 16 * 60 + 30));
  else done = at(addWorkingDays(input.day, random.int(2, 4)), random.int(9 * 60, 16 * 60));
  const open = done >= ctx.calendar.startOfToday;
  const doneBy = user ?? input.doneBy ?? random.pick(teamMembersOf(teamId!).length > 0 ? teamMembersOf(teamId!) : ctx.staff.allConsultants.map((c) => c.staff));
  return {
    tenant_id: tenantId,
    id: newId(),
    contact_id: contactId,
    resident_id: input.resident?.id ?? null,
    team_id: teamId,
    user_id: user?.id ?? null,
    due_at: due,
    done_at: open ? null : done,
    done_by: open ? null : doneBy.id,
    done_note: open ? null : random.pick(CALLBACK_NOTES),
  };
}

/** 1. Most meldingen come in through the KCC (the rest via huisarts, ziekenhuis or the consultant). */
function meldingContacts(ctx: ContactContext, addContact: AddContact): void {
  const { random, today } = ctx.run;
  for (const plan of ctx.caseload.plans) {
    if (!random.chance(0.8)) continue;
    const client = ctx.clients[plan.clientIndex]!;
    const product = plan.direct?.product ?? plan.lines[0]?.product ?? random.weighted(productWeightsFor(ctx.catalogue, client.age));
    const day = ctx.calendar.workingDayOnOrAfter(plan.notifiedOn);
    if (day >= today) continue;
    addContact({
      resident: client,
      clientIndex: plan.clientIndex,
      day,
      minutes: random.int(8 * 60 + 30, 11 * 60),
      subject: `Melding Wmo: ${product.name.toLowerCase()}`,
      note: 'Inwoner vraagt ondersteuning; doorgezet voor een keukentafelgesprek.',
      product,
      answered: false,
      doneBy: plan.consultant,
    });
  }
}

/** 2. Follow-up questions of clients. */
function followUpContacts(ctx: ContactContext, addContact: AddContact, rows: ContactRows, total: number): void {
  const { random } = ctx.run;
  const { workingDays } = ctx.calendar;
  for (const [clientIndex, cases] of ctx.caseload.clientCases.entries()) {
    const first = cases[0];
    if (!first) continue;
    const n = poisson(random, 1.0);
    for (let k = 0; k < n && rows.contactRows.length < total; k += 1) {
      const from = workingDays.findIndex((d) => d > first.notifiedOn);
      if (from < 0) break;
      const day = workingDays[random.int(from, workingDays.length - 1)]!;
      const topic = random.pick(FOLLOW_UP_SUBJECTS);
      const product = cases.find((c) => c.lines.length > 0)?.lines[0]?.product;
      addContact({ resident: ctx.clients[clientIndex]!, clientIndex, day, subject: topic.subject, note: '', product, answered: random.chance(topic.answered) });
    }
  }
}

/** 3. General questions from other residents, now and then anonymous, up to the total. */
function generalContacts(ctx: ContactContext, addContact: AddContact, rows: ContactRows, total: number): void {
  const { random } = ctx.run;
  const { products, residents } = ctx.catalogue;
  const community = [...products.values()].filter((p) => !PRODUCT_NEED[p.code] && p.code.startsWith('WMO-'));
  const others = residents.filter((r) => r.age >= 18);
  while (rows.contactRows.length < total && others.length > 0) {
    const anonymous = random.chance(0.12);
    const resident = anonymous ? null : random.pick(others);
    const topic = random.pick(GENERAL_SUBJECTS);
    const centres = community.filter((p) => p.code.startsWith('WMO-BC-'));
    const product = topic.code === null ? undefined : topic.code === 'WMO-BC-0' ? (centres.length > 0 ? random.pick(centres) : undefined) : products.get(topic.code);
    addContact({ resident, clientIndex: null, day: random.pick(ctx.calendar.workingDays), subject: topic.subject, note: '', product, answered: random.chance(0.92), preferTeam: true });
  }
}

/** A few callbacks are overdue: due before today and still not done. */
function leaveCallbacksOverdue(ctx: ContactContext, callbackRows: ContactRows['callbackRows']): void {
  const { random, size, tenantId } = ctx.run;
  const { startOfToday } = ctx.calendar;
  const overdueTarget = size === 'small' ? 1 : tenantId === 'GM0935' ? 12 : 3;
  let overdue = callbackRows.filter((c) => c.done_at === null && (c.due_at as Date) < startOfToday).length;
  const recent = callbackRows
    .filter((c) => c.done_at !== null && (c.due_at as Date) < startOfToday)
    .sort((a, b) => (b.due_at as Date).getTime() - (a.due_at as Date).getTime())
    .slice(0, overdueTarget * 4);
  while (overdue < overdueTarget && recent.length > 0) {
    const row = recent.splice(random.int(0, recent.length - 1), 1)[0]!;
    row.done_at = null;
    row.done_by = null;
    row.done_note = null;
    overdue += 1;
  }
}
