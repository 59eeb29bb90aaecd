import type { Tx } from '../../db/tenancy.js';
import { recordProcessing } from '../../platform/audit/audit.service.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { groupBy } from '../../platform/collections.js';
import { fullName } from '../residents/resident.names.js';
import { countPendingApprovalRows, listPendingChangeQueueRows, listPendingDecisionQueueRows, listProductNamesOfDecisions } from './decision.repository.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';
const DAY = 24 * 3600_000;
const ageInDays = (at: Date | string, now: Date) => Math.max(0, Math.floor((now.getTime() - new Date(at).getTime()) / DAY));

/**
 * Read: the four-eyes queue of the municipality (row-level security keeps it to the tenant):
 * decisions and allocation changes waiting for a team lead, oldest first, with amount and age.
 * Audited once per resident shown (`goedkeuringen.raadplegen`). `ownRequest` marks what this
 * employee drafted or asked for: four eyes means someone else approves it.
 */
export async function approvalQueue(tx: Tx, ctx: Actor, now = new Date()) {
  const startTime = new Date();
  const [decisionRows, changeRows] = await Promise.all([listPendingDecisionQueueRows(tx), listPendingChangeQueueRows(tx)]);
  const products = groupBy(await listProductNamesOfDecisions(tx, decisionRows.map((d) => d.id)), (p) => p.decision_id);
  const residents = new Set([...decisionRows.map((d) => d.resident_id), ...changeRows.map((c) => c.resident_id)]);
  if (residents.size > 0) {
    await recordProcessing(tx, ctx, { name: 'goedkeuringen.raadplegen', activity: ACTIVITY, subjects: [...residents].map((id) => ({ type: 'resident' as const, id })), startTime });
  }
  return {
    decisions: decisionRows.map((d) => ({
      id: d.id,
      caseId: d.case_id,
      caseReference: d.reference,
      resident: { id: d.resident_id, fullName: fullName(d.given_name, d.surname_prefix, d.family_name) },
      products: (products.get(d.id) ?? []).filter((p) => p.outcome === 'granted').map((p) => p.name),
      deliveryForm: d.delivery_form,
      expectedAnnualCents: Number(d.expected_annual_cents),
      createdBy: d.created_by_name,
      createdAt: new Date(d.created_at).toISOString(),
      ageDays: ageInDays(d.created_at, now),
      ownRequest: d.created_by === ctx.actorId,
    })),
    allocationChanges: changeRows.map((c) => ({
      id: c.id,
      allocationId: c.allocation_id,
      caseId: c.case_id,
      resident: { id: c.resident_id, fullName: fullName(c.given_name, c.surname_prefix, c.family_name) },
      product: c.product_name,
      effectiveFrom: c.effective_from,
      reason: c.reason,
      expectedAnnualCents: Number(c.expected_annual_cents),
      increaseCents: Number(c.increase_cents),
      requestedBy: c.requested_by_name,
      requestedAt: new Date(c.requested_at).toISOString(),
      ageDays: ageInDays(c.requested_at, now),
      ownRequest: c.requested_by === ctx.actorId,
    })),
  };
}

/** How many decisions and allocation changes wait for approval (a count: not audited). */
export function countPendingApprovals(tx: Tx): Promise<number> {
  return countPendingApprovalRows(tx);
}
