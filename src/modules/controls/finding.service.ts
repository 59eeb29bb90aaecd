// Findings and their follow-up (issue #13 §3): a finding from an automated exception, a sampled item or
// a manual observation gets an assessment (fout / onzekerheid / geen bevinding, with a reason), an
// amount, an owner and follow-up actions with a due date. Whoever holds `findings:own` (budget holders,
// team leads, ...) sees only the findings and actions they own and reports their own actions done.
// Every write about a finding that names a resident, and every read of such a finding, is logged.
import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { permissionsOf, type Permission } from '../../platform/auth/roles.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { automatedControls } from './automated/index.js';
import type { ControlProcess as AutomatedProcess } from './automated/automated-control.js';
import {
  activeUser,
  activeUsers,
  findException,
  findFinding,
  findingAggregates,
  findingOfException,
  findingOfSampleItem,
  findSampleItem,
  insertAction,
  insertFinding,
  listActions,
  listFindings,
  changeAction as storeActionChange,
  lockAction,
  lockFindingNumbers,
  lockFinding,
  markActionDone,
  updateAssessment,
  type ActionRow,
  type FindingFilter,
  type FindingRow,
} from './finding.repository.js';
import type { CreateFindingInput, FindingAction, FindingDetail, FindingSummary } from './finding.schema.js';
import type { Assessment, ControlProcess } from './findings.tables.js';

const ACTIVITY = 'controle-rechtmatigheid';
const scopeProcesses: Record<string, readonly AutomatedProcess[]> = { alle: ['wmo', 'jeugd', 'participatiewet'], wmo: ['wmo'], jeugd: ['jeugd'], participatiewet: ['participatiewet'] };
const processNames: Record<ControlProcess, string> = { wmo: 'Wmo', jeugd: 'Jeugd', participatiewet: 'Participatiewet', 'beschermd-wonen': 'Beschermd wonen', 'wsw-mtb': 'Wsw/mtb' };

/** Who may see every finding, and who may record and assess them. */
export interface Viewer {
  userId: string;
  permissions: readonly Permission[];
}
const readsAll = (v: Viewer) => v.permissions.includes('controls:read');
const writes = (v: Viewer) => v.permissions.includes('controls:write');

async function logResident(tx: Tx, ctx: AuditContext, name: string, residentId: string | null, startTime: Date, attributes: Record<string, string | number>): Promise<void> {
  if (!residentId) return;
  await recordProcessing(tx, ctx, { name, activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes });
}

/** The owner of a finding or an action: an active user of the tenant who may follow findings up. */
async function checkOwner(tx: Tx, field: string, ownerId: string): Promise<void> {
  const user = await activeUser(tx, ownerId);
  if (!user) throw invalid(field, 'Deze medewerker bestaat niet of is niet actief.');
  const granted = permissionsOf(user.roles);
  if (!granted.includes('findings:own') && !granted.includes('controls:write')) throw invalid(field, 'Deze medewerker kan geen eigenaar van een bevinding zijn: kies een budgethouder, teamleider of controller.');
}

/** The users that can own a finding or an action (for the form's list). */
export async function ownerOptions(tx: Tx) {
  return (await activeUsers(tx))
    .filter((u) => {
      const granted = permissionsOf(u.roles);
      return granted.includes('findings:own') || granted.includes('controls:write');
    })
    .map((u) => ({ id: u.id, name: u.display_name }));
}

function amountFor(assessment: Assessment | null | undefined, given: number | undefined, fallback: number): number {
  if (assessment === 'geen-bevinding') return 0;
  return given ?? fallback;
}

/** Command: records a finding; year and process follow from its source. Answers its id and number (B-<number>). */
export async function createFinding(tx: Tx, ctx: Actor, input: CreateFindingInput): Promise<{ id: string; number: number }> {
  const startTime = new Date();
  if (input.assessment && !input.reason) throw invalid('reason', 'Geef de reden van de beoordeling.');
  if (input.ownerId) await checkOwner(tx, 'ownerId', input.ownerId);
  await lockFindingNumbers(tx, ctx.tenantId);
  let source: Omit<Parameters<typeof insertFinding>[1], 'tenantId' | 'assessment' | 'reason' | 'ownerId' | 'createdBy' | 'amountCents'> & { defaultAmount: number };
  if (input.source === 'uitzondering') {
    if (!input.exceptionId) throw invalid('exceptionId', 'Kies de uitzondering waar de bevinding over gaat.');
    const exception = await findException(tx, input.exceptionId);
    if (!exception) throw notFound('De uitzondering');
    const existing = await findingOfException(tx, exception.id);
    if (existing) throw new AppError('CONFLICT', `Voor deze uitzondering is al bevinding B-${existing.number} vastgelegd.`);
    const control = automatedControls.find((c) => c.id === exception.control_id);
    const candidates = (control?.processes ?? []).filter((p) => (scopeProcesses[exception.scope] ?? []).includes(p));
    let process: ControlProcess;
    if (candidates.length === 1) process = candidates[0]!;
    else if (input.process && (candidates as string[]).includes(input.process)) process = input.process;
    else throw invalid('process', `Deze controle geldt voor ${candidates.map((p) => processNames[p]).join(' en ')}: kies het proces van deze uitzondering.`);
    source = {
      process,
      year: exception.year,
      source: 'uitzondering',
      exceptionId: exception.id,
      sampleId: null,
      samplePosition: null,
      controlId: exception.control_id,
      subjectType: exception.subject_type,
      subjectId: exception.subject_id,
      residentId: exception.resident_id,
      title: (control?.title ?? exception.control_id).slice(0, 200),
      defaultAmount: Number(exception.amount_cents),
    };
  } else if (input.source === 'steekproef') {
    if (!input.sampleId) throw invalid('sampleId', 'Kies de steekproef waar de bevinding over gaat.');
    if (input.position === undefined) throw invalid('position', 'Geef het volgnummer van het item.');
    const item = await findSampleItem(tx, input.sampleId, input.position);
    if (!item) throw notFound('Het item van de steekproef');
    const existing = await findingOfSampleItem(tx, input.sampleId, input.position);
    if (existing) throw new AppError('CONFLICT', `Voor dit item van de steekproef is al bevinding B-${existing.number} vastgelegd.`);
    source = {
      process: item.process,
      year: item.year,
      source: 'steekproef',
      exceptionId: null,
      sampleId: input.sampleId,
      samplePosition: input.position,
      controlId: item.control_code ?? `steekproef-${item.number}`,
      subjectType: item.subject_type,
      subjectId: item.subject_id,
      residentId: item.resident_id,
      title: `${item.title}, item ${input.position}`.slice(0, 200),
      defaultAmount: Math.max(0, Number(item.amount_cents)),
    };
  } else {
    const missing = [
      input.process ? null : { field: 'process', message: 'Kies het proces.' },
      input.year !== undefined ? null : { field: 'year', message: 'Geef het boekjaar.' },
      input.controlId ? null : { field: 'controlId', message: 'Geef de controle of beheersmaatregel.' },
      input.title ? null : { field: 'title', message: 'Geef een korte omschrijving.' },
    ].filter((m) => m !== null);
    if (missing.length) throw new AppError('VALIDATION_FAILED', 'De invoer is niet geldig. Controleer de gemarkeerde velden.', missing);
    source = {
      process: input.process!,
      year: input.year!,
      source: 'waarneming',
      exceptionId: null,
      sampleId: null,
      samplePosition: null,
      controlId: input.controlId!,
      subjectType: null,
      subjectId: null,
      residentId: null,
      title: input.title!,
      defaultAmount: 0,
    };
  }
  const { defaultAmount, ...fields } = source;
  const created = await insertFinding(tx, {
    ...fields,
    tenantId: ctx.tenantId,
    assessment: input.assessment ?? null,
    reason: input.assessment ? input.reason! : null,
    amountCents: amountFor(input.assessment, input.amountCents, defaultAmount),
    ownerId: input.ownerId ?? null,
    createdBy: ctx.actorId,
  });
  await logResident(tx, ctx, 'controlbevinding.vastleggen', fields.residentId, startTime, { bevinding: `B-${created.number}` });
  return created;
}

/** Command: assesses (or re-assesses) a finding; 'geen-bevinding' sets the amount to 0. */
export async function assessFinding(tx: Tx, ctx: Actor, id: string, input: { assessment: Assessment; reason: string; amountCents?: number | undefined; ownerId?: string | null | undefined }): Promise<void> {
  const startTime = new Date();
  const finding = await lockFinding(tx, id);
  if (!finding) throw notFound('De bevinding');
  if (input.ownerId) await checkOwner(tx, 'ownerId', input.ownerId);
  const amountCents = amountFor(input.assessment, input.amountCents, Number(finding.amount_cents));
  await updateAssessment(tx, id, { assessment: input.assessment, reason: input.reason, amountCents, ownerId: input.ownerId, by: ctx.actorId });
  await logResident(tx, ctx, 'controlbevinding.beoordelen', finding.resident_id, startTime, { bevinding: `B-${finding.number}`, beoordeling: input.assessment });
}

/** Command: adds a follow-up action with its owner and due date (not in the past). */
export async function addAction(tx: Tx, ctx: Actor, findingId: string, input: { description: string; ownerId: string; dueDate: string }, today: string): Promise<{ id: string }> {
  const startTime = new Date();
  const finding = await lockFinding(tx, findingId);
  if (!finding) throw notFound('De bevinding');
  if (input.dueDate < today) throw invalid('dueDate', 'De einddatum ligt in het verleden: kies vandaag of later.');
  await checkOwner(tx, 'ownerId', input.ownerId);
  const actionId = await insertAction(tx, { tenantId: ctx.tenantId, findingId, description: input.description, ownerId: input.ownerId, dueDate: input.dueDate, createdBy: ctx.actorId });
  await logResident(tx, ctx, 'controlbevinding.opvolging.vastleggen', finding.resident_id, startTime, { bevinding: `B-${finding.number}` });
  return { id: actionId };
}

/**
 * Command: gives an open action another owner and/or due date (not in the past), with the reason; the
 * change is kept beside the action. Nothing to change, or a done action: refused.
 */
export async function changeAction(tx: Tx, ctx: Actor, actionId: string, input: { ownerId?: string | undefined; dueDate?: string | undefined; reason: string }, today: string): Promise<void> {
  const startTime = new Date();
  const action = await lockAction(tx, actionId);
  if (!action) throw notFound('De actie');
  if (action.status === 'afgerond') throw new AppError('CONFLICT', 'Deze actie is al afgerond en kan niet meer worden gewijzigd.');
  const toOwnerId = input.ownerId ?? action.owner_id;
  const toDueDate = input.dueDate ?? action.due_date;
  if (toOwnerId === action.owner_id && toDueDate === action.due_date) throw invalid('ownerId', 'Kies een andere eigenaar of een andere einddatum: er is niets gewijzigd.');
  if (toDueDate !== action.due_date && toDueDate < today) throw invalid('dueDate', 'De einddatum ligt in het verleden: kies vandaag of later.');
  if (toOwnerId !== action.owner_id) await checkOwner(tx, 'ownerId', toOwnerId);
  await storeActionChange(tx, { tenantId: ctx.tenantId, id: actionId, fromOwnerId: action.owner_id, toOwnerId, fromDueDate: action.due_date, toDueDate, reason: input.reason, by: ctx.actorId });
  await logResident(tx, ctx, 'controlbevinding.opvolging.wijzigen', action.resident_id, startTime, { bevinding: `B-${action.number}` });
}

/** Command: the owner of an action (or the controller) reports it done, once. */
export async function completeAction(tx: Tx, ctx: Actor, viewer: Viewer, actionId: string, result: string): Promise<void> {
  const startTime = new Date();
  const action = await lockAction(tx, actionId);
  if (!action) throw notFound('De actie');
  if (action.owner_id !== viewer.userId && !writes(viewer)) throw forbidden();
  if (action.status === 'afgerond') throw new AppError('CONFLICT', 'Deze actie is al afgerond.');
  await markActionDone(tx, actionId, result, ctx.actorId);
  await logResident(tx, ctx, 'controlbevinding.opvolging.afronden', action.resident_id, startTime, { bevinding: `B-${action.number}` });
}

function summary(r: FindingRow): FindingSummary {
  return {
    id: r.id,
    number: r.number,
    process: r.process,
    year: r.year,
    source: r.source,
    controlId: r.control_id,
    title: r.title,
    assessment: r.assessment,
    amountCents: Number(r.amount_cents),
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    openActions: r.open_actions,
    overdueActions: r.overdue_actions,
    createdAt: r.created_at.toISOString(),
  };
}

function actionView(a: ActionRow, today: string, userId: string): FindingAction {
  return {
    id: a.id,
    findingId: a.finding_id,
    findingNumber: a.finding_number,
    findingTitle: a.finding_title,
    description: a.description,
    owner: { id: a.owner_id, name: a.owner_name },
    dueDate: a.due_date,
    overdue: a.status === 'open' && a.due_date < today,
    status: a.status,
    result: a.result,
    doneBy: a.done_by_name,
    doneAt: a.done_at ? a.done_at.toISOString() : null,
    mine: a.owner_id === userId,
    changes: a.changes,
  };
}

/** Read: the findings (no resident in the list: not logged). */
export async function getFindings(tx: Tx, filter: FindingFilter, today: string) {
  return { items: (await listFindings(tx, filter, today)).map(summary) };
}

/** Read: the findings and actions of the signed-in owner (findings:own). */
export async function getMyFindings(tx: Tx, userId: string, today: string) {
  const [findings, actions] = await Promise.all([listFindings(tx, { ownerOrActionOf: userId }, today), listActions(tx, { ownerId: userId })]);
  return { findings: findings.map(summary), actions: actions.map((a) => actionView(a, today, userId)) };
}

/**
 * Read: one finding with its actions. Without controls:read only the owner of the finding or of one of
 * its actions sees it (others: 404), and an action's owner sees only their own actions. The resident it
 * names is logged.
 */
export async function getFinding(tx: Tx, ctx: AuditContext, viewer: Viewer, id: string, today: string): Promise<FindingDetail> {
  const startTime = new Date();
  const row = await findFinding(tx, id, today);
  if (!row) throw notFound('De bevinding');
  let actions = await listActions(tx, { findingId: id });
  if (!readsAll(viewer)) {
    const ownsFinding = row.owner_id === viewer.userId;
    if (!ownsFinding) actions = actions.filter((a) => a.owner_id === viewer.userId);
    if (!ownsFinding && actions.length === 0) throw notFound('De bevinding');
  }
  await logResident(tx, ctx, 'controlbevinding.raadplegen', row.resident_id, startTime, { bevinding: `B-${row.number}` });
  return {
    ...summary(row),
    exceptionId: row.exception_id,
    runId: row.run_id,
    sampleId: row.sample_id,
    samplePosition: row.sample_position,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    residentId: row.resident_id,
    facts: row.facts,
    reason: row.reason,
    createdBy: row.created_by_name,
    assessedBy: row.assessed_by_name,
    assessedAt: row.assessed_at ? row.assessed_at.toISOString() : null,
    actions: actions.map((a) => actionView(a, today, viewer.userId)),
    canWrite: writes(viewer),
  };
}

const smallCount = (n: number) => (n < 10 ? '<10' : String(n));

export interface FindingsSteeringSummary {
  process: ControlProcess;
  processName: string;
  year: number;
  byAssessment: { assessment: Assessment | 'te-beoordelen'; label: string; findings: string; amountCents: number }[];
  openActions: number;
  overdueActions: number;
}

const assessmentLabels: Record<Assessment | 'te-beoordelen', string> = { fout: 'Fout', onzekerheid: 'Onzekerheid', 'geen-bevinding': 'Geen bevinding', 'te-beoordelen': 'Nog te beoordelen' };

/**
 * Aggregates for the monthly steering report: per assessment the number of findings of the year (under 10
 * shown as "<10", as the report does) and their amount, and the open and overdue follow-up actions. No
 * personal data.
 */
export async function findingsSteeringSummary(tx: Tx, input: { process: ControlProcess; year: number; today: string }): Promise<FindingsSteeringSummary> {
  const { byAssessment, actions } = await findingAggregates(tx, input);
  const order: (Assessment | 'te-beoordelen')[] = ['fout', 'onzekerheid', 'geen-bevinding', 'te-beoordelen'];
  return {
    process: input.process,
    processName: processNames[input.process],
    year: input.year,
    byAssessment: order.map((key) => {
      const row = byAssessment.find((r) => (r.assessment ?? 'te-beoordelen') === key);
      return { assessment: key, label: assessmentLabels[key], findings: smallCount(row?.findings ?? 0), amountCents: Number(row?.amount_cents ?? 0) };
    }),
    openActions: actions.open,
    overdueActions: actions.overdue,
  };
}
