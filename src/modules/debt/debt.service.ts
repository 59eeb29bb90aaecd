// Debt help (schuldhulpverlening, Wgs): registration, first conversation within its term, plan of
// action, decision. Every read of a resident's data is audited once; every write audits itself.
// Early signals (vroegsignalering) are in debt.signals.service.ts. See docs/debt-help.md.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { residentNames } from '../residents/resident.service.js';
import { findDebtCaseBySubmissionKey, findDebtCaseResidentId, findDebtCaseRow, insertDebtCase, listDebtCaseRows, listDebtCaseRowsOfResident, lockDebtCaseRow, lockDebtRegistrationOf, openDebtCaseOf, runningDebtCaseOf, updateDebtCase, type DebtCaseRow } from './debt.repository.js';
import type { DebtChannel, DebtContactBy, DebtContactTime, DebtDecision, DebtEndResult } from './debt.tables.js';
import { debtTerms, firstConversationTerm, termDueDate, termStatus, type CrisisFlags } from './debt.terms.js';

export const ACTIVITY = 'schuldhulpverlening' as const;

/** For the access guard: a route's `:id` that names a debt-help registration. */
export const debtCaseSubject: ResidentSubject = { label: 'Aanmelding schuldhulp', residentOf: findDebtCaseResidentId, residentOfQuery: (id) => residentIdColumnOf('debt_cases', id) };

function debtCaseRowToView(r: DebtCaseRow, residentName: string | null, today: string) {
  const term = debtTerms[r.term_code];
  return {
    id: r.id,
    residentId: r.resident_id,
    residentName,
    registeredOn: r.registered_on,
    channel: r.channel,
    helpQuestion: r.help_question,
    crisis: { threatEviction: r.threat_eviction, threatUtilityCutoff: r.threat_utility_cutoff, threatInsuranceTermination: r.threat_insurance_termination },
    firstConversation: {
      termCode: r.term_code,
      term: term.label,
      termSource: term.source,
      due: r.first_conversation_due,
      heldOn: r.first_conversation_on,
      status: termStatus(r.first_conversation_due, r.first_conversation_on, today),
    },
    plan: r.plan_on ? { on: r.plan_on, summary: r.plan_summary! } : null,
    decision: r.decision ? { decision: r.decision, on: r.decision_on!, reason: r.decision_reason } : null,
    ended: r.ended_on ? { on: r.ended_on, result: r.end_result! } : null,
    contact: r.contact_by ? { by: r.contact_by, phone: r.contact_phone, email: r.contact_email, time: r.contact_time } : null,
    stage: r.ended_on ? ('afgesloten' as const) : r.decision ? ('besluit' as const) : r.plan_on ? ('plan-van-aanpak' as const) : r.first_conversation_on ? ('eerste-gesprek' as const) : ('aanmelding' as const),
  };
}

export type DebtCaseView = ReturnType<typeof debtCaseRowToView>;

export interface RegisterDebtCaseInput extends CrisisFlags {
  residentId: string;
  registeredOn: string;
  helpQuestion: string;
  channel: DebtChannel;
  /** The employee who registered it; null when the resident registered online (the portal). */
  registeredBy: string | null;
  /** Online only: the form's key (posted twice = one registration) and how to reach the resident. */
  submissionKey?: string | undefined;
  contact?: { by: DebtContactBy; phone: string | null; email: string | null; time: DebtContactTime } | undefined;
}

/**
 * Command: a registration for debt help. The term of the first conversation follows from the crisis
 * flags (debt.terms.ts) and its last day is kept with the registration. One open registration per
 * resident (409 otherwise). A later portal route calls this with channel `inwoner` and no employee.
 */
export async function registerDebtCase(tx: Tx, ctx: AuditContext, input: RegisterDebtCaseInput, today = todayInAmsterdam()): Promise<{ id: string }> {
  const startTime = new Date();
  if (input.registeredOn > today) throw invalid('registeredOn', 'De datum van aanmelding ligt in de toekomst.');
  if (await openDebtCaseOf(tx, input.residentId)) throw new AppError('CONFLICT', 'Deze inwoner heeft al een lopende aanmelding voor schuldhulp. Werk die bij in plaats van een nieuwe te maken.');
  const term = firstConversationTerm(input);
  const row = await insertDebtCase(tx, {
    tenant_id: ctx.tenantId,
    resident_id: input.residentId,
    registered_on: input.registeredOn,
    channel: input.channel,
    help_question: input.helpQuestion,
    threat_eviction: input.threatEviction,
    threat_utility_cutoff: input.threatUtilityCutoff,
    threat_insurance_termination: input.threatInsuranceTermination,
    term_code: term.code as DebtCaseRow['term_code'],
    first_conversation_due: termDueDate(term.spec, input.registeredOn),
    registered_by: input.registeredBy,
    submission_key: input.submissionKey ?? null,
    contact_by: input.contact?.by ?? null,
    contact_phone: input.contact?.phone ?? null,
    contact_email: input.contact?.email ?? null,
    contact_time: input.contact?.time ?? null,
  });
  await recordProcessing(tx, ctx, { name: 'schuldhulp.aanmelden', activity: ACTIVITY, subjects: [{ type: 'resident', id: input.residentId }], startTime, attributes: { kanaal: input.channel, crisis: term.code === 'eerste-gesprek-crisis' } });
  return row;
}

export interface RegisterOnlineInput extends CrisisFlags {
  residentId: string;
  helpQuestion: string;
  submissionKey: string;
  contact: { by: DebtContactBy; phone: string | null; email: string | null; time: DebtContactTime };
}

/**
 * Command: the resident asks for debt help online (the portal). The same registration as at the desk
 * (channel `inwoner`, no employee: the area team sees it through its relation with the resident, the
 * signal rule puts it on the team's list), registered today. Posted twice with the same key: the first
 * registration, `replayed`. One running registration per resident (not decided, or admitted and the
 * help not ended): a second answers 409 naming the running one.
 */
export async function registerDebtCaseOnline(tx: Tx, ctx: AuditContext, input: RegisterOnlineInput, today = todayInAmsterdam()): Promise<{ id: string; replayed: boolean }> {
  await lockDebtRegistrationOf(tx, input.residentId);
  const earlier = await findDebtCaseBySubmissionKey(tx, input.residentId, input.submissionKey);
  if (earlier) return { id: earlier.id, replayed: true };
  const running = await runningDebtCaseOf(tx, input.residentId);
  if (running) {
    const [y, m, d] = running.registered_on.split('-');
    throw new AppError('CONFLICT', `U heeft al een aanvraag voor hulp bij geldzaken (van ${d}-${m}-${y}). Die loopt nog, dus u hoeft niet opnieuw te vragen. U ziet de aanvraag op de pagina Mijn aanvragen.`);
  }
  const { id } = await registerDebtCase(tx, ctx, { ...input, registeredOn: today, channel: 'inwoner', registeredBy: null }, today);
  return { id, replayed: false };
}

/** Read: the resident's own registrations (the portal); audited when there are any. */
export async function listOwnDebtCases(tx: Tx, ctx: AuditContext, residentId: string, today = todayInAmsterdam()): Promise<DebtCaseView[]> {
  const startTime = new Date();
  const rows = await listDebtCaseRowsOfResident(tx, residentId);
  if (rows.length > 0) await recordProcessing(tx, ctx, { name: 'schuldhulp.eigen-raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes: { aantal: rows.length } });
  return rows.map((r) => debtCaseRowToView(r, null, today));
}

/** Read: one registration; audited. */
export async function getDebtCase(tx: Tx, ctx: AuditContext, id: string, today = todayInAmsterdam()): Promise<DebtCaseView> {
  const startTime = new Date();
  const row = await findDebtCaseRow(tx, id);
  if (!row) throw notFound('Aanmelding schuldhulp');
  const names = await residentNames(tx, [row.resident_id]);
  await recordProcessing(tx, ctx, { name: 'schuldhulp.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return debtCaseRowToView(row, names.get(row.resident_id) ?? null, today);
}

/** Read: the registrations of the residents the employee has a relation with; each resident shown is audited. */
export async function listDebtCases(tx: Tx, ctx: Actor, filter: { open?: boolean }, today = todayInAmsterdam()): Promise<DebtCaseView[]> {
  const startTime = new Date();
  const rows = await listDebtCaseRows(tx, ctx.actorId, filter);
  const names = await residentNames(tx, rows.map((r) => r.resident_id));
  if (rows.length > 0) await recordProcessing(tx, ctx, { name: 'schuldhulp.lijst-raadplegen', activity: ACTIVITY, subjects: rows.map((r) => ({ type: 'resident' as const, id: r.resident_id })), startTime, attributes: { aantal: rows.length } });
  return rows.map((r) => debtCaseRowToView(r, names.get(r.resident_id) ?? null, today));
}

async function lockForStep(tx: Tx, id: string): Promise<DebtCaseRow> {
  const row = await lockDebtCaseRow(tx, id);
  if (!row) throw notFound('Aanmelding schuldhulp');
  if (row.decision) throw new AppError('CONFLICT', 'Over deze aanmelding is al besloten; er kan niets meer aan veranderen.');
  return row;
}

function notInFuture(field: string, on: string, today: string): void {
  if (on > today) throw invalid(field, 'Deze datum ligt in de toekomst.');
}

/** Command: the first conversation took place on `on`. Once. */
export async function recordFirstConversation(tx: Tx, ctx: Actor, input: { id: string; on: string }, today = todayInAmsterdam()): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockForStep(tx, input.id);
  if (row.first_conversation_on) throw new AppError('CONFLICT', `Het eerste gesprek is al vastgelegd (${row.first_conversation_on}).`);
  notInFuture('on', input.on, today);
  if (input.on < row.registered_on) throw invalid('on', `Het eerste gesprek kan niet vóór de aanmelding (${row.registered_on}) zijn.`);
  await updateDebtCase(tx, row.id, { first_conversation_on: input.on });
  await recordProcessing(tx, ctx, { name: 'schuldhulp.eerste-gesprek', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime, attributes: { binnenTermijn: input.on <= row.first_conversation_due } });
  return { id: row.id };
}

/** Command: the plan of action (plan van aanpak) was agreed on `on`. Once, after the first conversation. */
export async function recordPlan(tx: Tx, ctx: Actor, input: { id: string; on: string; summary: string }, today = todayInAmsterdam()): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockForStep(tx, input.id);
  if (!row.first_conversation_on) throw new AppError('CONFLICT', 'Leg eerst het eerste gesprek vast; het plan van aanpak volgt daarop.');
  if (row.plan_on) throw new AppError('CONFLICT', `Het plan van aanpak is al vastgelegd (${row.plan_on}).`);
  notInFuture('on', input.on, today);
  if (input.on < row.first_conversation_on) throw invalid('on', `Het plan van aanpak kan niet vóór het eerste gesprek (${row.first_conversation_on}) zijn.`);
  await updateDebtCase(tx, row.id, { plan_on: input.on, plan_summary: input.summary });
  await recordProcessing(tx, ctx, { name: 'schuldhulp.plan-van-aanpak', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { id: row.id };
}

/**
 * Command: the decision on the registration: admitted (toegelaten, with a plan of action) or refused
 * (afgewezen, with a reason). Needs the first conversation.
 */
export async function decideDebtCase(tx: Tx, ctx: Actor, input: { id: string; decision: DebtDecision; on: string; reason?: string | undefined }, today = todayInAmsterdam()): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockForStep(tx, input.id);
  if (!row.first_conversation_on) throw new AppError('CONFLICT', 'Leg eerst het eerste gesprek vast; een besluit volgt daarop.');
  if (input.decision === 'toegelaten' && !row.plan_on) throw new AppError('CONFLICT', 'Leg eerst het plan van aanpak vast; toelating volgt op het plan.');
  if (input.decision === 'afgewezen' && !input.reason) throw invalid('reason', 'Geef de reden van de afwijzing.');
  notInFuture('on', input.on, today);
  const earliest = row.plan_on ?? row.first_conversation_on;
  if (input.on < earliest) throw invalid('on', `Het besluit kan niet vóór ${earliest} zijn.`);
  await updateDebtCase(tx, row.id, { decision: input.decision, decision_on: input.on, decision_reason: input.reason ?? null });
  await recordProcessing(tx, ctx, { name: 'schuldhulp.besluiten', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime, attributes: { besluit: input.decision } });
  return { id: row.id };
}

/**
 * Command: the help after admission ended on `on`: given to its end (afgerond) or stopped early
 * (voortijdig-beeindigd). Once. The registration then becomes a retention item (Selectielijst 8.1.9 or
 * 8.3.5, five years from this day; retention.repository `assignRetention`).
 */
export async function endDebtHelp(tx: Tx, ctx: Actor, input: { id: string; on: string; result: DebtEndResult }, today = todayInAmsterdam()): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockDebtCaseRow(tx, input.id);
  if (!row) throw notFound('Aanmelding schuldhulp');
  if (row.decision !== 'toegelaten') throw new AppError('CONFLICT', 'Alleen hulp na toelating kan worden afgesloten; een afgewezen of lopende aanmelding niet.');
  if (row.ended_on) throw new AppError('CONFLICT', `Het einde van de hulp is al vastgelegd (${row.ended_on}).`);
  notInFuture('on', input.on, today);
  if (input.on < row.decision_on!) throw invalid('on', `Het einde van de hulp kan niet vóór het besluit (${row.decision_on}) zijn.`);
  await updateDebtCase(tx, row.id, { ended_on: input.on, end_result: input.result });
  await recordProcessing(tx, ctx, { name: 'schuldhulp.afsluiten', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime, attributes: { resultaat: input.result } });
  return { id: row.id };
}

/** The terms as data, for the page that explains them (no personal data). */
export function listDebtTerms() {
  return Object.values(debtTerms).map((t) => ({ code: t.code, label: t.label, kind: t.spec.kind, term: t.spec.kind === 'kalender' ? t.spec.term : `${t.spec.days} werkdagen`, source: t.source, verified: t.verified }));
}
