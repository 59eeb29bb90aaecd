import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import type { Actor } from '../../platform/unit-of-work.js';
import type { ResidentSubject } from '../residents/resident.guard.js';
import { relationGrants, type ResidentRelation } from '../residents/resident.access.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { assignFirstContactPerson, isEligibleConsultant } from '../access/access.service.js';
import { productDirectAccess } from '../catalogue/product.service.js';
import { residentExists } from '../residents/resident.service.js';
import { assignCaseRetention } from '../retention/retention.service.js';
import { fullName } from '../residents/resident.names.js';
import { allowedTransitions, computeCaseDeadlines, isOpen, statusLabels } from './case.rules.js';
import {
  caseResidentIdSubquery,
  findCaseResidentId,
  findCaseRow,
  findCaseType,
  insertCase,
  insertEvent,
  listCaseRowsForResident,
  listCaseTypes,
  listOpenCaseRowsForConsultant,
  listResidentIdsWithOpenCases,
  listOpenCaseRowsForConsultants,
  lockCase,
  lockCaseType,
  lockCaseWithLaw,
  nextReference,
  updateCaseStatus,
  updateCaseTypeTerms,
  type TermEventJson,
} from './case.repository.js';
import type { CaseSummary, CaseView } from './case.schema.js';
import type { CaseStatus } from './case.tables.js';
import type { Law } from '../../db/column-types.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';
type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseRow>>>;
type OpenCaseRow = Awaited<ReturnType<typeof listOpenCaseRowsForConsultant>>[number];

/** For the access guard: a route's `:id` that names a case. */
export const caseSubject: ResidentSubject = { label: 'Zaak', residentOf: findCaseResidentId, residentOfQuery: caseResidentIdSubquery };

/** For other modules: the resident of a case, or undefined when there is no such case (here). */
export function residentOfCase(tx: Tx, id: string): Promise<string | undefined> {
  return findCaseResidentId(tx, id);
}

/** For a letter about a case (the request for documents): its reference, type and dates; shows the caller nothing else, so not audited here (the letter's storage is). */
export async function caseForLetter(tx: Tx, id: string): Promise<{ reference: string; typeName: string; residentId: string; notifiedOn: string; appliedOn: string | null } | undefined> {
  const row = await findCaseRow(tx, id);
  return row ? { reference: row.reference, typeName: row.type_name, residentId: row.resident_id, notifiedOn: row.notified_on, appliedOn: row.applied_on } : undefined;
}

/** For the portal's DigiD-simulatie (never in production): residents with an open case, newest first; shows nothing, so not audited. */
export function residentsWithOpenCases(tx: Tx, limit: number): Promise<string[]> {
  return listResidentIdsWithOpenCases(tx, limit);
}

/** For other modules: locks the case for a change (a decision on it) and returns its status, resident and the law of its case type. */
export async function lockCaseForChange(tx: Tx, id: string): Promise<{ id: string; residentId: string; status: CaseStatus; law: Law } | undefined> {
  const row = await lockCaseWithLaw(tx, id);
  return row ? { id: row.id, residentId: row.resident_id, status: row.status, law: row.law } : undefined;
}

/** The case's legal terms on `asOf`, from its row and its events (at least those that move a term). */
function deadlinesOf(row: Omit<CaseRow, 'events'>, events: TermEventJson[], asOf: string): CaseView['deadlines'] {
  return computeCaseDeadlines(
    {
      status: row.status,
      notifiedOn: row.notified_on,
      appliedOn: row.applied_on,
      researchTerm: row.research_term,
      decisionTerm: row.decision_term,
      events: events.map((e) => ({ kind: e.kind, onDate: e.on_date, term: e.term, reason: e.reason })),
      directAccess: row.direct_access_start ? { start: row.direct_access_start, maxWeeks: row.direct_access_max_weeks ?? 13 } : null,
    },
    asOf,
  );
}

function caseRowToView(row: CaseRow, asOf: string): CaseView {
  const deadlines = deadlinesOf(row, row.events, asOf);
  return {
    id: row.id,
    reference: row.reference,
    resident: { id: row.resident_id, fullName: fullName(row.given_name, row.surname_prefix, row.family_name) },
    caseType: { code: row.case_type_code, name: row.type_name, law: row.type_law, legalBasis: row.legal_basis },
    status: row.status,
    notifiedOn: row.notified_on,
    appliedOn: row.applied_on,
    decidedOn: row.decided_on,
    closedOn: row.closed_on,
    consultant: row.consultant_id ? { id: row.consultant_id, displayName: row.consultant_name ?? '' } : null,
    allowedTransitions: [...allowedTransitions(row.status)],
    deadlines,
    events: row.events.map((e) => ({ kind: e.kind, onDate: e.on_date, term: e.term, fromStatus: e.from_status, toStatus: e.to_status, reason: e.reason, recordedBy: e.recorded_by_name })),
    careAccess: true,
  };
}

/** Cases as a worklist shows them (`CaseSummary`), from rows with the events that move a term. */
function summariesOf(rows: OpenCaseRow[], asOf: string): CaseSummary[] {
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    resident: { id: row.resident_id, fullName: fullName(row.given_name, row.surname_prefix, row.family_name) },
    caseType: { code: row.case_type_code, name: row.type_name, law: row.type_law },
    status: row.status,
    notifiedOn: row.notified_on,
    appliedOn: row.applied_on,
    consultant: row.consultant_id ? { id: row.consultant_id, displayName: row.consultant_name ?? '' } : null,
    deadlines: deadlinesOf(row, row.events, asOf),
  }));
}

/** Read: one case as the employee receives it; audited as a read (`zaak.raadplegen`). */
export async function getCase(tx: Tx, ctx: AuditContext, id: string, asOf = todayInAmsterdam()): Promise<CaseView> {
  const startTime = new Date();
  const row = await findCaseRow(tx, id);
  if (!row) throw notFound('Zaak');
  await recordProcessing(tx, ctx, { name: 'zaak.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return caseRowToView(row, asOf);
}

/**
 * Read: every case of a resident the caller has already found: the route's access guard answers 404
 * for an unknown resident in the same transaction, and the portal's resident is the one signed in.
 * So an empty list costs no second look for the resident (one round trip less, issue #17).
 */
export async function listResidentCases(tx: Tx, ctx: AuditContext, residentId: string, asOf = todayInAmsterdam()): Promise<CaseView[]> {
  const startTime = new Date();
  const rows = await listCaseRowsForResident(tx, residentId);
  await recordProcessing(tx, ctx, { name: 'zaken.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime });
  return rows.map((row) => caseRowToView(row, asOf));
}

/** "My cases": the consultant's open cases, the nearest legal deadline first (suspended ones last). */
export async function myCases(tx: Tx, ctx: Actor, asOf = todayInAmsterdam()): Promise<CaseSummary[]> {
  const startTime = new Date();
  const rows = await listOpenCaseRowsForConsultant(tx, ctx.actorId);
  await recordProcessing(tx, ctx, { name: 'mijn-zaken.raadplegen', activity: ACTIVITY, subjects: rows.map((r) => ({ type: 'resident' as const, id: r.resident_id })), startTime });
  const due = (c: CaseSummary) => c.deadlines.current?.result.dueDate ?? c.deadlines.directAccess?.end ?? '9999-12-31';
  return summariesOf(rows, asOf).sort((a, b) => due(a).localeCompare(due(b)) || a.reference.localeCompare(b.reference));
}

/**
 * Counts only (no resident is shown, so not audited): open cases per consultant, how many are past
 * their legal term and how many end within five working days. For "Mijn werk" and a team's caseload.
 */
export async function caseloadOf(tx: Tx, consultantIds: string[], asOf = todayInAmsterdam()): Promise<Map<string, { open: number; overdue: number; dueSoon: number }>> {
  const rows = await listOpenCaseRowsForConsultants(tx, consultantIds);
  const load = new Map(consultantIds.map((id) => [id, { open: 0, overdue: 0, dueSoon: 0 }]));
  for (const view of summariesOf(rows, asOf)) {
    const entry = view.consultant ? load.get(view.consultant.id) : undefined;
    if (!entry) continue;
    entry.open += 1;
    const current = view.deadlines.current?.result;
    if (current?.status === 'overdue') entry.overdue += 1;
    else if (current?.workingDaysLeft !== null && current?.workingDaysLeft !== undefined && current.workingDaysLeft <= 5) entry.dueSoon += 1;
  }
  return load;
}

/**
 * Command: opens a case after a melding (the case's consultant becomes the contact person when the
 * resident has none). Audits the writes (`zaak.starten`, and `contactpersoon.toewijzen` when that
 * happened) and returns the case's id; the caller reads back what it shows (`getCase`).
 */
export async function openCase(
  tx: Tx,
  ctx: Actor,
  input: { residentId: string; caseTypeCode: string; notifiedOn?: string; consultantId?: string; directAccess?: { productId: string; providerId: string; start: string } },
): Promise<{ id: string }> {
  const startTime = new Date();
  if (!(await residentExists(tx, input.residentId))) throw notFound('Inwoner');
  const caseType = await findCaseType(tx, input.caseTypeCode);
  if (!caseType) throw invalid('caseTypeCode', 'Dit zaaktype bestaat niet.');
  const today = todayInAmsterdam();
  const notifiedOn = input.notifiedOn ?? today;
  if (notifiedOn > today) throw invalid('notifiedOn', 'De meldingsdatum ligt in de toekomst.');
  const consultantId = input.consultantId ?? ctx.actorId;
  if (!(await isEligibleConsultant(tx, consultantId))) throw invalid('consultantId', 'Kies een consulent of teamleider.');
  if (input.directAccess) {
    if (!(await productDirectAccess(tx, input.directAccess.productId))) throw invalid('directAccess.productId', 'Dit product kent geen directe toegang.');
    if (input.directAccess.start < notifiedOn) throw invalid('directAccess.start', 'Directe toegang start op of na de meldingsdatum.');
  }
  const year = notifiedOn.slice(0, 4);
  const reference = await nextReference(tx, `${caseType.law.toUpperCase()}-${year}`);
  const { id } = await insertCase(tx, {
    tenant_id: ctx.tenantId,
    reference,
    resident_id: input.residentId,
    case_type_code: caseType.code,
    status: 'melding',
    notified_on: notifiedOn,
    applied_on: null,
    decided_on: null,
    closed_on: null,
    consultant_id: consultantId,
    direct_access_product_id: input.directAccess?.productId ?? null,
    direct_access_provider_id: input.directAccess?.providerId ?? null,
    direct_access_start: input.directAccess?.start ?? null,
  });
  await insertEvent(tx, { tenant_id: ctx.tenantId, case_id: id, kind: 'status', on_date: notifiedOn, term: null, from_status: null, to_status: 'melding', reason: 'Melding ontvangen', recorded_by: ctx.actorId });
  // Every resident with an open case has exactly one contact person: the case's consultant when none yet.
  await assignFirstContactPerson(tx, ctx, { residentId: input.residentId, consultantId, reason: `Vaste contactpersoon bij zaak ${reference}` });
  await recordProcessing(tx, ctx, { name: 'zaak.starten', activity: ACTIVITY, subjects: [{ type: 'resident', id: input.residentId }], startTime });
  return { id };
}

/** Command: moves the case to another status (the transition must be allowed); audits the change. */
export async function changeStatus(tx: Tx, ctx: Actor, input: { id: string; to: CaseStatus; on?: string; reason?: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockCase(tx, input.id);
  if (!row) throw notFound('Zaak');
  if (!allowedTransitions(row.status).includes(input.to)) {
    throw new AppError('CONFLICT', `Van ${statusLabels[row.status]} kan een zaak niet naar ${statusLabels[input.to]}.`);
  }
  const on = input.on ?? todayInAmsterdam();
  if (on < row.notified_on) throw invalid('on', 'De datum ligt vóór de melding.');
  if (on > todayInAmsterdam()) throw invalid('on', 'De datum ligt in de toekomst.');
  await updateCaseStatus(tx, row.id, {
    status: input.to,
    ...(input.to === 'aanvraag' ? { applied_on: on } : {}),
    ...(input.to === 'besluit' ? { decided_on: on } : {}),
    ...(input.to === 'afgesloten' || input.to === 'ingetrokken' ? { closed_on: on } : {}),
  });
  await insertEvent(tx, { tenant_id: ctx.tenantId, case_id: row.id, kind: 'status', on_date: on, term: null, from_status: row.status, to_status: input.to, reason: input.reason ?? null, recorded_by: ctx.actorId });
  // Closed: the case gets its retention rule and destruction date in this same transaction.
  if (input.to === 'afgesloten' || input.to === 'ingetrokken') await assignCaseRetention(tx, row.id, todayInAmsterdam());
  await recordProcessing(tx, ctx, { name: 'zaak.status-wijzigen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { id: row.id };
}

async function lockOpenCase(tx: Tx, id: string) {
  const row = await lockCase(tx, id);
  if (!row) throw notFound('Zaak');
  if (!isOpen(row.status) || row.status === 'besluit') throw new AppError('CONFLICT', 'Deze zaak heeft geen lopende termijn.');
  return row;
}

/** The case's current view for a command's checks: computed, not shown to anyone, so not audited. */
async function currentView(tx: Tx, id: string): Promise<CaseView> {
  const row = await findCaseRow(tx, id);
  if (!row) throw notFound('Zaak');
  return caseRowToView(row, todayInAmsterdam());
}

/**
 * The running term of a case for another module's own view or command: the current deadline and the day
 * the last suspension began. Shows nothing of the case to anyone by itself, so not audited; the caller's
 * read or command is.
 */
export async function caseTermState(tx: Tx, id: string): Promise<{ current: CaseView['deadlines']['current']; lastSuspensionStart: string | null }> {
  const view = await currentView(tx, id);
  return { current: view.deadlines.current, lastSuspensionStart: view.events.filter((e) => e.kind === 'suspension_start').at(-1)?.onDate ?? null };
}

/** Command: suspends the running term (with a reason); audits the change. */
export async function suspendCase(tx: Tx, ctx: Actor, input: { id: string; from: string; reason: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockOpenCase(tx, input.id);
  const view = await currentView(tx, row.id);
  if (view.deadlines.current?.result.status === 'suspended') throw new AppError('CONFLICT', 'De termijn is al opgeschort.');
  if (input.from < (row.applied_on ?? row.notified_on)) throw invalid('from', 'De opschorting begint vóór de start van de termijn.');
  await insertEvent(tx, { tenant_id: ctx.tenantId, case_id: row.id, kind: 'suspension_start', on_date: input.from, term: null, from_status: null, to_status: null, reason: input.reason, recorded_by: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'zaak.opschorten', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { id: row.id };
}

/** Command: ends a suspension; audits the change. */
export async function resumeCase(tx: Tx, ctx: Actor, input: { id: string; on: string; reason?: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockOpenCase(tx, input.id);
  const view = await currentView(tx, row.id);
  if (view.deadlines.current?.result.status !== 'suspended') throw new AppError('CONFLICT', 'De termijn is niet opgeschort.');
  const started = view.events.filter((e) => e.kind === 'suspension_start').at(-1);
  if (started && input.on <= started.onDate) throw invalid('on', 'De opschorting eindigt na de dag waarop zij begon.');
  await insertEvent(tx, { tenant_id: ctx.tenantId, case_id: row.id, kind: 'suspension_end', on_date: input.on, term: null, from_status: null, to_status: null, reason: input.reason ?? null, recorded_by: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'zaak.opschorting-beeindigen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { id: row.id };
}

/** Command: extends the running term (verdagen, with a reason); audits the change. */
export async function extendCase(tx: Tx, ctx: Actor, input: { id: string; term: string; reason: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const row = await lockOpenCase(tx, input.id);
  await insertEvent(tx, { tenant_id: ctx.tenantId, case_id: row.id, kind: 'extension', on_date: todayInAmsterdam(), term: input.term, from_status: null, to_status: null, reason: input.reason, recorded_by: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'zaak.verdagen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { id: row.id };
}

export async function caseTypes(tx: Tx) {
  return (await listCaseTypes(tx)).map((t) => ({
    code: t.code,
    name: t.name,
    law: t.law,
    researchTerm: t.research_term,
    decisionTerm: t.decision_term,
    legalBasis: t.legal_basis,
  }));
}

/**
 * Changes the statutory terms of a case type (ISO 8601 durations, e.g. 'P8W'); the administrator does
 * this when the law or the municipality's regulation changes. A case type without a research term keeps
 * none. Answers the terms before and after. Running cases follow the new term (it is read, not copied).
 */
export async function setCaseTypeTerms(tx: Tx, input: { code: string; researchTerm?: string; decisionTerm?: string }) {
  const type = await lockCaseType(tx, input.code);
  if (!type) throw notFound('Het zaaktype');
  if (input.researchTerm !== undefined && type.research_term === null) throw invalid('researchTerm', 'Dit zaaktype heeft geen onderzoekstermijn.');
  await updateCaseTypeTerms(tx, input.code, {
    ...(input.researchTerm !== undefined ? { research_term: input.researchTerm } : {}),
    ...(input.decisionTerm !== undefined ? { decision_term: input.decisionTerm } : {}),
  });
  return {
    name: type.name,
    before: { researchTerm: type.research_term, decisionTerm: type.decision_term },
    after: { researchTerm: input.researchTerm ?? type.research_term, decisionTerm: input.decisionTerm ?? type.decision_term },
  };
}

/**
 * A case as the employee's relation may see it: the first line (KCC) sees status, dates and legal
 * deadlines, but not the reasons written in the events (casework content, often health-related).
 */
export function caseForRelation(view: CaseView, relation: ResidentRelation | undefined): CaseView {
  if (relationGrants(relation, 'care')) return view;
  return { ...view, careAccess: false, events: view.events.map((e) => ({ ...e, reason: null })) };
}
