import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, forbidden, invalid, notFound, validationFailed } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { addDays } from '../../platform/calendar.js';
import { findRule, signalRules } from './rules/index.js';
import type { SignalRule } from './signal.rule.js';
import {
  assignSignalRows,
  changeSignalStatus,
  countSignalsPerArea,
  countSignalsPerRule,
  findActiveStaff,
  findTeam,
  findVisibleSignalRow,
  isTeamMember,
  listMyTeamRows,
  listOpenSignalRowsOfResident,
  listSignalEventRows,
  listSignalRows,
  lockVisibleSignals,
  UNRELATED_RESIDENT,
  type SignalFilter,
  type SignalRow,
} from './signal.repository.js';
import type { AssignInput, WorklistQuery } from './signal.schema.js';
import { openStatuses, type SignalStatus } from './signal.tables.js';
import type { Actor } from '../../platform/unit-of-work.js';

const ACTIVITY = 'signalering-sociaal-domein';
const iso = (d: Date | string) => new Date(d).toISOString();

function ruleRef(rule: SignalRule) {
  return { id: rule.id, title: rule.title, severity: rule.severity, domain: rule.domain };
}

/** The rule a stored signal came from; a rule is never removed while signals of it exist. */
function ruleOf(id: string): SignalRule {
  const rule = findRule(id);
  if (!rule) throw new Error(`Signal of unknown rule '${id}'`);
  return rule;
}

export function signalRowToSignal(row: SignalRow, today = todayInAmsterdam()) {
  const open = openStatuses.includes(row.status);
  return {
    id: row.id,
    rule: ruleRef(ruleOf(row.rule_id)),
    status: row.status,
    subject: { type: row.subject_type, id: row.subject_id },
    resident: row.resident_id ? { id: row.resident_id, name: row.resident_name ?? '', related: row.resident_name !== null && row.resident_name !== UNRELATED_RESIDENT } : null,
    area: row.area_code ? { code: row.area_code, name: row.area_name ?? row.area_code } : null,
    facts: row.facts,
    dueOn: row.due_on,
    overdue: open && row.due_on < today,
    openedAt: iso(row.opened_at),
    closedAt: row.closed_at ? iso(row.closed_at) : null,
    closedNote: row.closed_note,
    assignee: {
      team: row.assignee_team_id ? { id: row.assignee_team_id, name: row.team_name ?? '' } : null,
      user: row.assignee_user_id ? { id: row.assignee_user_id, name: row.user_name ?? '' } : null,
    },
  };
}

export function listRules() {
  return signalRules.map((r) => ({
    id: r.id,
    title: r.title,
    explanation: r.explanation,
    law: r.law,
    domain: r.domain,
    severity: r.severity,
    owner: r.owner,
    suggestedAction: r.suggestedAction,
    dueInDays: r.dueInDays,
    schedule: r.schedule,
  }));
}

/** Turns the query parameters into a repository filter; the team must be the employee's own. */
async function toFilter(tx: Tx, actorId: string, query: Omit<WorklistQuery, 'limit' | 'offset'>, today: string): Promise<SignalFilter> {
  let scope: SignalFilter['scope'] = { kind: 'mine', userId: actorId };
  if (query.scope === 'team') {
    if (!query.teamId) throw validationFailed([{ field: 'teamId', message: 'Kies een team.' }]);
    if (!(await isTeamMember(tx, query.teamId, actorId))) throw forbidden();
    scope = { kind: 'team', teamId: query.teamId };
  }
  const byRule = signalRules.filter(
    (r) => (!query.rule || r.id === query.rule) && (!query.severity || r.severity === query.severity) && (!query.domain || r.domain === query.domain),
  );
  const narrowed = query.rule !== undefined || query.severity !== undefined || query.domain !== undefined;
  const dueOnOrBefore = query.due === 'verlopen' ? addDays(today, -1) : query.due === 'vandaag' ? today : query.due === 'week' ? addDays(today, 7) : undefined;
  return {
    scope,
    statuses: query.status === 'open' ? openStatuses : [query.status],
    ...(narrowed ? { ruleIds: byRule.map((r) => r.id) } : {}),
    ...(query.area ? { areaCode: query.area } : {}),
    ...(dueOnOrBefore ? { dueOnOrBefore } : {}),
  };
}

async function auditView(tx: Tx, ctx: AuditContext, name: string, residentIds: (string | null)[], startTime: Date) {
  const subjects = [...new Set(residentIds.filter((id): id is string => id !== null))].map((id) => ({ type: 'resident' as const, id }));
  if (subjects.length > 0) await recordProcessing(tx, ctx, { name, activity: ACTIVITY, subjects, startTime });
}

/** The worklist of the employee or one of their teams: a page of signals, the total, and counts per rule. */
export async function listWorklist(tx: Tx, ctx: Actor, query: WorklistQuery, today = todayInAmsterdam()) {
  const startTime = new Date();
  const filter = await toFilter(tx, ctx.actorId, query, today);
  const rows = await listSignalRows(tx, ctx.actorId, filter, query);
  const perRule = await countSignalsPerRule(tx, filter);
  const perArea = await countSignalsPerArea(tx, filter);
  await auditView(tx, ctx, 'signalen.raadplegen', rows.map((r) => r.resident_id), startTime);
  const counts = new Map(perRule.map((c) => [c.rule_id, Number(c.n)]));
  return {
    items: rows.map((r) => signalRowToSignal(r, today)),
    total: rows.length > 0 ? Number(rows[0]!.total) : 0,
    countsPerRule: signalRules.filter((r) => counts.has(r.id)).map((r) => ({ rule: ruleRef(r), count: counts.get(r.id)! })),
    countsPerArea: perArea.map((a) => ({ area: { code: a.area_code!, name: a.name }, count: Number(a.n) })),
  };
}

/** The open signals about one resident, for the summary of the dossier; audited like a view. */
export async function listOpenSignalsOfResident(tx: Tx, ctx: Actor, residentId: string, today = todayInAmsterdam()) {
  const startTime = new Date();
  const rows = await listOpenSignalRowsOfResident(tx, ctx.actorId, residentId, openStatuses);
  await recordProcessing(tx, ctx, { name: 'signalen.inwoner.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes: { signalen: rows.length } });
  return rows.map((r) => signalRowToSignal(r, today));
}

/** Every signal matching the filters (at most `max`), for a CSV export; audited like a view. */
export async function exportWorklist(tx: Tx, ctx: Actor, query: Omit<WorklistQuery, 'limit' | 'offset'>, max = 10_000, today = todayInAmsterdam()) {
  const startTime = new Date();
  const filter = await toFilter(tx, ctx.actorId, query, today);
  const rows = await listSignalRows(tx, ctx.actorId, filter, { limit: max, offset: 0 });
  await auditView(tx, ctx, 'signalen.exporteren', rows.map((r) => r.resident_id), startTime);
  return rows.map((r) => signalRowToSignal(r, today));
}

/** How many open signals are mine (a count: not audited). */
export async function countMyOpenSignals(tx: Tx, actorId: string, today = todayInAmsterdam()): Promise<number> {
  const filter = await toFilter(tx, actorId, { scope: 'mine', status: 'open' }, today);
  return (await countSignalsPerRule(tx, filter)).reduce((sum, r) => sum + Number(r.n), 0);
}

export async function myTeams(tx: Tx, ctx: Actor) {
  return (await listMyTeamRows(tx, ctx.actorId)).map((t) => ({ id: t.id, name: t.name, open: Number(t.open) }));
}

export async function getSignal(tx: Tx, ctx: Actor, id: string) {
  const startTime = new Date();
  const row = await findVisibleSignalRow(tx, ctx.actorId, id);
  if (!row) throw notFound('Signaal');
  const events = await listSignalEventRows(tx, id);
  await auditView(tx, ctx, 'signaal.raadplegen', [row.resident_id], startTime);
  const rule = ruleOf(row.rule_id);
  return {
    ...signalRowToSignal(row),
    explanation: rule.explanation,
    law: rule.law,
    suggestedAction: rule.suggestedAction,
    history: events.map((e) => ({
      kind: e.kind,
      at: iso(e.at),
      actor: e.actor,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      assignee: e.assignee_user ?? e.assignee_team ?? null,
      note: e.note,
    })),
  };
}


/** Assigns open signals (all visible to the employee) to a colleague and/or a team, in one go. */
export async function assignSignals(tx: Tx, ctx: Actor, input: AssignInput) {
  const startTime = new Date();
  const ids = [...new Set(input.ids)];
  const userId = input.userId ?? null;
  const teamId = input.teamId ?? null;
  if (userId) {
    const user = await findActiveStaff(tx, userId);
    if (!user || !user.roles.some((r) => r === 'consultant' || r === 'team_lead')) throw invalid('userId', 'Alleen een consulent of teamleider kan een signaal oppakken.');
  }
  if (teamId && !(await findTeam(tx, teamId))) throw invalid('teamId', 'Dit team bestaat niet.');
  const locked = await lockVisibleSignals(tx, ctx.actorId, ids);
  if (locked.length !== ids.length) throw notFound('Signaal');
  if (locked.some((s) => !openStatuses.includes(s.status))) throw new AppError('CONFLICT', 'Een of meer signalen zijn al gesloten en kunnen niet meer worden toegewezen.');
  await assignSignalRows(tx, { ids, teamId, userId, actorId: ctx.actorId, tenantId: ctx.tenantId });
  await auditView(tx, ctx, 'signaal.toewijzen', locked.map((s) => s.resident_id), startTime);
  return { assigned: ids.length };
}

/** Command: moves a signal to another status; audits the change and returns the id (the caller reads back with `getSignal`). */
async function moveSignal(tx: Tx, ctx: Actor, input: { id: string; to: SignalStatus; note: string | null; name: string; takeOver?: boolean }): Promise<{ id: string }> {
  const startTime = new Date();
  const [signal] = await lockVisibleSignals(tx, ctx.actorId, [input.id]);
  if (!signal) throw notFound('Signaal');
  if (!openStatuses.includes(signal.status)) throw new AppError('CONFLICT', 'Dit signaal is al gesloten.');
  if (signal.status === input.to) throw new AppError('CONFLICT', 'Dit signaal is al in behandeling.');
  await changeSignalStatus(tx, {
    id: input.id,
    from: signal.status,
    to: input.to,
    note: input.note,
    actorId: ctx.actorId,
    tenantId: ctx.tenantId,
    ...(input.takeOver ? { assignUserId: ctx.actorId } : {}),
  });
  await auditView(tx, ctx, input.name, [signal.resident_id], startTime);
  return { id: input.id };
}

/** "Ik pak het op": the signal becomes the employee's and in behandeling. */
export function pickUpSignal(tx: Tx, ctx: Actor, id: string) {
  return moveSignal(tx, ctx, { id, to: 'in_behandeling', note: null, name: 'signaal.oppakken', takeOver: true });
}

/** Closed as handled, with what was done; the same facts do not open a new signal. */
export function handleSignal(tx: Tx, ctx: Actor, input: { id: string; note: string }) {
  return moveSignal(tx, ctx, { id: input.id, to: 'afgehandeld', note: input.note, name: 'signaal.afhandelen' });
}

/** Closed as a false positive, with the reason; it stays closed for this subject until its facts change. */
export function rejectSignal(tx: Tx, ctx: Actor, input: { id: string; reason: string }) {
  return moveSignal(tx, ctx, { id: input.id, to: 'onterecht', note: input.reason, name: 'signaal.onterecht' });
}
