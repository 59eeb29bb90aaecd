// Turns the case plans into rows: the case with its status history, the Positieve Gezondheid
// conversation and the beschikking with its lines; allocation-rows.ts adds the allocations.
// Everything after `today` is left out, so open cases stay open.

import type { Insertable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { allocateLine, type AllocationRows } from './allocation-rows.js';
import type { Catalogue } from './context.js';
import { conversationRow } from './conversation-rows.js';
import { CASE_TYPE } from './distributions.js';
import { workTime } from './helpers.js';
import type { Assignment, CasePlan, ResidentInfo, SeedRun, Staff } from './types.js';

export interface RowContext {
  run: SeedRun;
  catalogue: Catalogue;
  clients: ResidentInfo[];
  teamLead: Staff;
  references: Map<string, string>;
}

export interface CaseRows extends AllocationRows {
  caseRows: Insertable<DB['cases']>[];
  eventRows: Insertable<DB['case_events']>[];
  conversationRows: Insertable<DB['conversations']>[];
  decisionRows: Insertable<DB['decisions']>[];
  lineRows: Insertable<DB['decision_lines']>[];
}

type CaseStatus = DB['cases']['status'];

/** The events of one case and its status after them. */
interface CaseHistory {
  events: Insertable<DB['case_events']>[];
  status: () => CaseStatus;
  event: (kind: DB['case_events']['kind'], on: string, extra: Partial<Insertable<DB['case_events']>>, recordedBy?: string) => void;
  move: (to: CaseStatus, on: string, reason: string, recordedBy?: string) => void;
}

function caseHistory(run: SeedRun, plan: CasePlan): CaseHistory {
  const { tenantId, newId, at, random } = run;
  const by = plan.consultant.id;
  const events: Insertable<DB['case_events']>[] = [];
  const event: CaseHistory['event'] = (kind, on, extra, recordedBy = by) => {
    events.push({ tenant_id: tenantId, id: newId(), case_id: plan.id, kind, on_date: on, term: null, from_status: null, to_status: null, reason: null, recorded_by: recordedBy, recorded_at: at(on, workTime(random)), ...extra });
  };
  let status: CaseStatus = 'melding';
  const move: CaseHistory['move'] = (to, on, reason, recordedBy = by) => {
    event('status', on, { from_status: status, to_status: to, reason }, recordedBy);
    status = to;
  };
  return { events, status: () => status, event, move };
}

export function caseRows(ctx: RowContext, plans: CasePlan[]): CaseRows {
  const rows: CaseRows = {
    caseRows: [],
    eventRows: [],
    conversationRows: [],
    decisionRows: [],
    lineRows: [],
    allocationRows: [],
    segmentRows: [],
    commitmentRows: [],
    changeRows: [],
  };
  for (const plan of plans) writeCase(ctx, rows, plan);
  return rows;
}

function writeCase(ctx: RowContext, rows: CaseRows, plan: CasePlan): void {
  const { tenantId, today, random, newId, at } = ctx.run;
  const client = ctx.clients[plan.clientIndex]!;
  const history = caseHistory(ctx.run, plan);
  const { event, move } = history;
  event('status', plan.notifiedOn, { to_status: 'melding', reason: 'Melding ontvangen' });
  if (plan.onderzoekOn <= today && (plan.endedOn === null || plan.onderzoekOn <= plan.endedOn)) move('onderzoek', plan.onderzoekOn, 'Onderzoek gestart (keukentafelgesprek)');
  if (plan.suspension && plan.suspension.from <= today) {
    event('suspension_start', plan.suspension.from, { reason: plan.suspension.reason });
    const ended = plan.endedOn !== null && plan.endedOn < plan.suspension.resume;
    if (plan.suspension.resume <= today && !ended) event('suspension_end', plan.suspension.resume, { reason: 'Opschorting beëindigd' });
  }
  let appliedOn: string | null = null;
  let decidedOn: string | null = null;
  let closedOn: string | null = null;
  if (plan.endedOn && plan.endedOn <= today) {
    move(plan.outcome === 'withdrawn' ? 'ingetrokken' : 'afgesloten', plan.endedOn, plan.endedReason);
    closedOn = plan.endedOn;
  }
  if (plan.appliedOn && plan.appliedOn <= today) {
    move('aanvraag', plan.appliedOn, 'Aanvraag ontvangen');
    appliedOn = plan.appliedOn;
    if (plan.extension && plan.extension.on <= today) event('extension', plan.extension.on, { term: plan.extension.term, reason: plan.extension.reason });
  }
  if (plan.decisionOn && plan.decisionOn <= today && plan.approvedOn) {
    const decided = writeDecision(ctx, rows, plan, plan.decisionOn, plan.approvedOn, client, history);
    decidedOn = decided.decidedOn;
    closedOn = decided.closedOn ?? closedOn;
  }
  rows.caseRows.push({
    tenant_id: tenantId,
    id: plan.id,
    reference: ctx.references.get(plan.id)!,
    resident_id: client.id,
    case_type_code: CASE_TYPE,
    status: history.status(),
    notified_on: plan.notifiedOn,
    applied_on: appliedOn,
    decided_on: decidedOn,
    closed_on: closedOn,
    consultant_id: plan.consultant.id,
    direct_access_product_id: plan.direct?.product.id ?? null,
    direct_access_provider_id: plan.direct?.providerId ?? null,
    direct_access_start: plan.direct?.start ?? null,
    created_at: at(plan.notifiedOn, random.int(8 * 60 + 30, 12 * 60)),
  });
  rows.eventRows.push(...history.events);
  if (plan.conversationOn) rows.conversationRows.push(conversationRow(random, tenantId, newId(), plan, client, at(plan.conversationOn, workTime(random))));
}

/** The beschikking (approved or pending four-eyes approval), its lines and their allocations. */
function writeDecision(
  ctx: RowContext,
  rows: CaseRows,
  plan: CasePlan,
  decisionOn: string,
  approvedOn: string,
  client: ResidentInfo,
  history: CaseHistory,
): { decidedOn: string | null; closedOn: string | null } {
  const { tenantId, today, random, newId, at } = ctx.run;
  const { teamLead } = ctx;
  const by = plan.consultant.id;
  let decidedOn: string | null = null;
  let closedOn: string | null = null;
  const decisionId = newId();
  const approved = approvedOn <= today;
  const createdAt = at(decisionOn, random.int(10 * 60, 16 * 60));
  const approvedAt = plan.requiresApproval ? at(approvedOn, random.int(9 * 60, 12 * 60)) : createdAt;
  rows.decisionRows.push({
    tenant_id: tenantId,
    id: decisionId,
    case_id: plan.id,
    resident_id: client.id,
    delivery_form: plan.deliveryForm,
    status: approved ? 'approved' : 'pending_approval',
    expected_annual_cents: plan.expectedCents,
    requires_approval: plan.requiresApproval,
    created_by: by,
    created_at: createdAt,
    approved_by: plan.requiresApproval && approved ? teamLead.id : null,
    approved_at: plan.requiresApproval && approved ? approvedAt : null,
  });
  if (approved) {
    history.move('besluit', approvedOn, plan.requiresApproval ? 'Beschikking goedgekeurd (vier ogen)' : 'Beschikking afgegeven', plan.requiresApproval ? teamLead.id : by);
    decidedOn = approvedOn;
    if (plan.closedOn && plan.closedOn <= today) {
      history.move('afgesloten', plan.closedOn, 'Toewijzing verstuurd; zaak afgerond');
      closedOn = plan.closedOn;
    }
  }
  for (const line of plan.lines) {
    const lineId = newId();
    const frequency = line.product.frequency;
    rows.lineRows.push({
      tenant_id: tenantId,
      id: lineId,
      decision_id: decisionId,
      product_id: line.product.id,
      outcome: line.granted ? 'granted' : 'refused',
      period_start: line.start,
      period_end: line.end,
      volume: line.granted ? line.volume : null,
      frequency: line.granted ? frequency : null,
      refusal_reason: line.refusalReason,
    });
    if (!approved || !line.granted || plan.deliveryForm !== 'zin') continue;
    allocateLine({ run: ctx.run, catalogue: ctx.catalogue }, rows, { plan, client, line, lineId, approvedOn, approvedAt });
  }
  return { decidedOn, closedOn };
}

/** The contact persons (vaste contactpersoon) of the clients. */
export function assignmentRows(run: SeedRun, clients: ResidentInfo[], assignments: Assignment[]): Insertable<DB['contact_person_assignments']>[] {
  return assignments.map((a) => ({
    tenant_id: run.tenantId,
    id: a.id,
    resident_id: clients[a.clientIndex]!.id,
    consultant_id: a.consultant.id,
    assigned_by: a.assignedBy.id,
    assigned_at: a.at,
    reason: a.reason,
    ended_at: a.endedAt,
  }));
}
