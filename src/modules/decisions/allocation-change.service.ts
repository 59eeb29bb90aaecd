import type { Tx } from '../../db/tenancy.js';
import { recordProcessing } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { addDays } from '../../platform/calendar.js';
import { addTerm } from '../cases/deadline.js';
import { changeAllocation, costInPeriod, MissingTariffError, type AllocationTerms } from '../allocations/commitment.js';
import {
  decideAllocationChange,
  findPendingChangeId,
  findSetting,
  insertAllocationChange,
  insertSegments,
  listCurrentSegments,
  lockAllocation,
  lockAllocationChange,
  supersedeSegment,
} from './decision.repository.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { bookCommitment, commitmentOf, DEFAULT_APPROVAL_THRESHOLD_CENTS, providerTariffs, segmentTerms } from './decision.service.js';
import { checkVolumeBound } from './volume-bounds.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';
/** A raise of more than this per year needs four eyes even below the threshold, when a municipality has not set one: € 1.000. */
export const DEFAULT_CHANGE_STEP_CENTS = 100_000;

type Allocation = NonNullable<Awaited<ReturnType<typeof lockAllocation>>>;
type Terms = { effectiveFrom: string; volume?: number; end?: string };

/**
 * The change computed against the allocation as it stands: the new segments, the commitment per
 * year after it, the expected cost of the twelve months from the change (as for a new decision)
 * and the increase: the larger of the rise in those twelve months and the rise in any budget year
 * (an extension can leave the first twelve months alone and still commit years more).
 */
async function planChange(tx: Tx, allocation: Allocation, terms: Terms) {
  const segments = await listCurrentSegments(tx, allocation.id);
  const last = segments.at(-1)!;
  if (terms.effectiveFrom < last.start_date) throw invalid('effectiveFrom', `Een wijziging gaat in op of na ${last.start_date}.`);
  if (terms.effectiveFrom > addDays(last.end_date, 1)) throw invalid('effectiveFrom', 'De wijziging gaat in na het einde van de toewijzing.');
  const unit = allocation.unit;
  if (terms.volume !== undefined) await checkVolumeBound(tx, { unit, frequency: last.frequency, volume: terms.volume, field: 'volume' });
  const tariffs = await providerTariffs(tx, allocation.product_code, allocation.provider_id);
  const horizon = terms.end && terms.end > last.end_date ? terms.end : last.end_date;
  let newSegments: AllocationTerms[];
  try {
    newSegments = changeAllocation({
      before: segmentTerms(last, unit),
      change: { effectiveFrom: terms.effectiveFrom, ...(terms.volume !== undefined ? { volume: terms.volume } : {}), ...(terms.end ? { end: terms.end } : {}) },
      tariffs,
      horizon,
    }).segments;
  } catch (error) {
    if (error instanceof MissingTariffError) throw invalid('end', `Deze aanbieder heeft geen tarief voor ${error.year}.`);
    throw error;
  }
  const kept = segments.slice(0, -1).map((s) => segmentTerms(s, unit));
  const before = [...kept, segmentTerms(last, unit)];
  const after = [...kept, ...newSegments];
  const commitmentBefore = commitmentOf(before, tariffs);
  const commitmentAfter = commitmentOf(after, tariffs);
  const window = { from: terms.effectiveFrom, to: addDays(addTerm(terms.effectiveFrom, 'P1Y'), -1), horizon, tariffs };
  const expectedBefore = costInPeriod({ ...window, segments: before });
  const expectedAfter = costInPeriod({ ...window, segments: after });
  const yearRise = commitmentAfter.map((y) => y.cents - (commitmentBefore.find((b) => b.year === y.year)?.cents ?? 0));
  const increase = Math.max(expectedAfter - expectedBefore, ...yearRise, 0);
  return { last, newSegments, commitment: commitmentAfter, expectedAnnualCents: expectedAfter, increaseCents: increase };
}

type Plan = Awaited<ReturnType<typeof planChange>>;

async function applyPlan(tx: Tx, ctx: Actor, allocation: Allocation, plan: Plan, change: { reason: string; recordedBy: string; providerReference?: string }) {
  await supersedeSegment(tx, plan.last.id, new Date());
  await insertSegments(
    tx,
    plan.newSegments.map((s) => ({
      tenant_id: ctx.tenantId,
      allocation_id: allocation.id,
      volume: s.volume,
      frequency: s.frequency,
      start_date: s.start,
      end_date: s.end!,
      reason: change.reason,
      recorded_by: change.recordedBy,
      provider_reference: change.providerReference ?? null,
    })),
  );
  await bookCommitment(tx, ctx, allocation.id, plan.commitment, change.reason);
}

/** Four eyes, as for a new decision: a raise that ends above the threshold, or rises by more than the step. */
async function needsApproval(tx: Tx, plan: Plan): Promise<boolean> {
  if (plan.increaseCents <= 0) return false;
  const threshold = Number((await findSetting(tx, 'decision_approval_threshold_cents')) ?? DEFAULT_APPROVAL_THRESHOLD_CENTS);
  const step = Number((await findSetting(tx, 'allocation_change_step_cents')) ?? DEFAULT_CHANGE_STEP_CENTS);
  return plan.expectedAnnualCents > threshold || plan.increaseCents > step;
}

/**
 * Changes volume or end from a date on: the old terms stay as history, the commitment is recomputed.
 * A change that needs four eyes is stored as pending and touches nothing until a team lead approves it.
 */
export async function changeAllocationTerms(tx: Tx, ctx: Actor, input: Terms & { id: string; reason: string }): Promise<{ pending: boolean; id: string }> {
  const startTime = new Date();
  const allocation = await lockAllocation(tx, input.id);
  if (!allocation) throw notFound('Toewijzing');
  if (await findPendingChangeId(tx, allocation.id)) {
    throw new AppError('CONFLICT', 'Er wacht al een wijziging van deze toewijzing op goedkeuring. Laat die eerst goedkeuren of trek haar in.');
  }
  const plan = await planChange(tx, allocation, input);
  const subjects = [{ type: 'resident' as const, id: allocation.resident_id }];
  if (await needsApproval(tx, plan)) {
    await insertAllocationChange(tx, {
      tenant_id: ctx.tenantId,
      allocation_id: allocation.id,
      resident_id: allocation.resident_id,
      effective_from: input.effectiveFrom,
      volume: input.volume ?? null,
      end_date: input.end ?? null,
      reason: input.reason,
      status: 'pending_approval',
      expected_annual_cents: plan.expectedAnnualCents,
      increase_cents: plan.increaseCents,
      requested_by: ctx.actorId,
    });
    await recordProcessing(tx, ctx, { name: 'toewijzing.wijziging-aanvragen', activity: ACTIVITY, subjects, startTime });
    return { pending: true, id: allocation.id };
  }
  await applyPlan(tx, ctx, allocation, plan, { reason: input.reason, recordedBy: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'toewijzing.wijzigen', activity: ACTIVITY, subjects, startTime });
  return { pending: false, id: allocation.id };
}

async function lockPending(tx: Tx, ids: { allocationId: string; changeId: string }) {
  const allocation = await lockAllocation(tx, ids.allocationId);
  if (!allocation) throw notFound('Toewijzing');
  const change = await lockAllocationChange(tx, allocation.id, ids.changeId);
  if (!change) throw notFound('Wijziging');
  if (change.status !== 'pending_approval') throw new AppError('CONFLICT', 'Deze wijziging wacht niet op goedkeuring.');
  return { allocation, change };
}

/** A team lead other than the requester approves: the change takes effect as it would have at once. */
export async function approveAllocationChange(tx: Tx, ctx: Actor, ids: { allocationId: string; changeId: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const { allocation, change } = await lockPending(tx, ids);
  if (change.requested_by === ctx.actorId) throw new AppError('FORBIDDEN', 'Vier ogen: wie de wijziging aanvroeg, keurt haar niet zelf goed.');
  let plan: Plan;
  try {
    plan = await planChange(tx, allocation, { effectiveFrom: change.effective_from, ...(change.volume !== null ? { volume: Number(change.volume) } : {}), ...(change.end_date ? { end: change.end_date } : {}) });
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
      throw new AppError('CONFLICT', `De wijziging past niet meer op de toewijzing: ${error.fields?.[0]?.message ?? error.message} Trek haar in.`);
    }
    throw error;
  }
  await applyPlan(tx, ctx, allocation, plan, { reason: change.reason, recordedBy: change.requested_by });
  await decideAllocationChange(tx, change.id, 'approved', ctx.actorId, new Date());
  await recordProcessing(tx, ctx, { name: 'toewijzing.wijziging-goedkeuren', activity: ACTIVITY, subjects: [{ type: 'resident', id: allocation.resident_id }], startTime });
  return { id: allocation.id };
}

/** The requester withdraws a pending change, or a team lead refuses it; nothing of it takes effect. */
export async function withdrawAllocationChange(tx: Tx, ctx: Actor & { mayApprove: boolean }, ids: { allocationId: string; changeId: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const { allocation, change } = await lockPending(tx, ids);
  if (change.requested_by !== ctx.actorId && !ctx.mayApprove) throw new AppError('FORBIDDEN', 'Alleen wie de wijziging aanvroeg of een teamleider trekt haar in.');
  await decideAllocationChange(tx, change.id, 'withdrawn', ctx.actorId, new Date());
  await recordProcessing(tx, ctx, { name: 'toewijzing.wijziging-intrekken', activity: ACTIVITY, subjects: [{ type: 'resident', id: allocation.resident_id }], startTime });
  return { id: allocation.id };
}

/**
 * Whether a change a provider asked for (317) needs four eyes, by the same rule as a change made
 * here (changeAllocationTerms), with its expected cost over a year. Changes nothing.
 */
export async function requestedChangeApproval(tx: Tx, input: Terms & { id: string }): Promise<{ required: boolean; expectedAnnualCents: number }> {
  const allocation = await lockAllocation(tx, input.id);
  if (!allocation) throw notFound('Toewijzing');
  const plan = await planChange(tx, allocation, input);
  return { required: await needsApproval(tx, plan), expectedAnnualCents: plan.expectedAnnualCents };
}

/**
 * A provider's granted change request (iWmo/iJw 317): the team lead's decision on the request is the
 * change, applied at once as a change without four eyes would be; the new segments carry the
 * provider's ReferentieAanbieder for the 301 that answers it. The caller audits.
 */
export async function changeAllocationForRequest(tx: Tx, ctx: Actor, input: Terms & { id: string; providerReference: string }): Promise<{ id: string }> {
  const allocation = await lockAllocation(tx, input.id);
  if (!allocation) throw notFound('Toewijzing');
  if (await findPendingChangeId(tx, allocation.id)) {
    throw new AppError('CONFLICT', 'Er wacht al een wijziging van deze toewijzing op goedkeuring. Laat die eerst goedkeuren of trek haar in.');
  }
  const plan = await planChange(tx, allocation, input);
  await applyPlan(tx, ctx, allocation, plan, { reason: 'Wijziging op verzoek van de aanbieder', recordedBy: ctx.actorId, providerReference: input.providerReference });
  return { id: allocation.id };
}
