import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { groupBy } from '../../platform/collections.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { addDays } from '../../platform/calendar.js';
import { addTerm } from '../cases/deadline.js';
import { changeStatus, lockCaseForChange, residentOfCase } from '../cases/case.service.js';
import { residentExists } from '../residents/resident.service.js';
import { lawLabels } from '../catalogue/product.schema.js';
import { fullName } from '../residents/resident.names.js';
import { computeCommitment, MissingTariffError, type AllocationTerms, type Frequency, type Tariff, type Unit } from '../allocations/commitment.js';
import {
  approveDecisionRow,
  findAllocationResidentId,
  findDecisionResidentId,
  findAllocationForLine,
  findDecisionRow,
  findProductForDecision,
  findSetting,
  insertAllocation,
  insertCommitmentChanges,
  insertDecision,
  insertDecisionLines,
  insertSegments,
  listAllocationDetails,
  listAllocationRowsForResident,
  listCommitments,
  listDecisionIdsForCase,
  listDecisionLineRows,
  listCareFacts,
  listPendingChanges,
  listTariffs,
  lockDecision,
  replaceCommitments,
  withdrawDecisionRow,
} from './decision.repository.js';
import { checkVolumeBound } from './volume-bounds.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';
/** For the access guard: a route's `:id` that names a decision. */
export const decisionSubject: ResidentSubject = { label: 'Beschikking', residentOf: findDecisionResidentId, residentOfQuery: (id) => residentIdColumnOf('decisions', id) };
/** For the access guard: a route's `:id` that names an allocation. */
export const allocationSubject: ResidentSubject = { label: 'Toewijzing', residentOf: findAllocationResidentId, residentOfQuery: (id) => residentIdColumnOf('allocations', id) };

/** Four-eyes threshold when a municipality has not set one: € 5.000 expected cost per year. */
export const DEFAULT_APPROVAL_THRESHOLD_CENTS = 500_000;


export interface DecisionLineInput {
  productId: string;
  outcome: 'granted' | 'refused';
  periodStart: string;
  periodEnd: string;
  volume?: number;
  frequency?: Frequency;
  refusalReason?: string;
}

/** The highest contracted tariff per year: the expected cost is estimated on the safe side. */
function highestTariffs(rows: { year: number; unit: Unit; cents_per_unit: string }[]): Tariff[] {
  const byYear = new Map<number, Tariff>();
  for (const r of rows) {
    const cents = Number(r.cents_per_unit);
    const known = byYear.get(r.year);
    if (!known || cents > known.centsPerUnit) byYear.set(r.year, { year: r.year, unit: r.unit, centsPerUnit: cents });
  }
  return [...byYear.values()];
}

/** Expected cost of the first twelve months of a granted line, at the highest contracted tariff. */
async function expectedAnnualCents(tx: Tx, line: DecisionLineInput, product: { code: string; unit: Unit }): Promise<number> {
  if (line.outcome !== 'granted' || line.volume === undefined || !line.frequency) return 0;
  const yearEnd = addDays(addTerm(line.periodStart, 'P1Y'), -1);
  const terms: AllocationTerms = { volume: line.volume, unit: product.unit, frequency: line.frequency, start: line.periodStart, end: line.periodEnd < yearEnd ? line.periodEnd : yearEnd };
  try {
    return computeCommitment({ terms, tariffs: highestTariffs(await listTariffs(tx, product.code)), horizon: terms.end! }).totalCents;
  } catch (error) {
    if (error instanceof MissingTariffError) throw invalid('lines', `Er is geen gecontracteerd tarief voor dit product in ${error.year}.`);
    throw error;
  }
}

/**
 * Command: drafts a decision on a case; below the four-eyes threshold it is approved at once and the
 * case moves to `besluit`. Audits its writes and returns the decision's id.
 */
export async function createDecision(tx: Tx, ctx: Actor, input: { caseId: string; deliveryForm: 'zin' | 'pgb'; lines: DecisionLineInput[] }): Promise<{ id: string }> {
  const startTime = new Date();
  const kase = await lockCaseForChange(tx, input.caseId);
  if (!kase) throw notFound('Zaak');
  if (kase.status !== 'aanvraag') throw new AppError('CONFLICT', 'Een beschikking volgt op een aanvraag: zet de zaak eerst op aanvraag.');
  let expected = 0;
  for (const [i, line] of input.lines.entries()) {
    const product = await findProductForDecision(tx, line.productId);
    if (!product) throw invalid(`lines.${i}.productId`, 'Dit product bestaat niet.');
    if (!product.requires_decision) throw invalid(`lines.${i}.productId`, `${product.name} is vrij toegankelijk: daarvoor is geen beschikking nodig.`);
    if (product.law !== kase.law) throw invalid(`lines.${i}.productId`, `${product.name} valt onder de ${lawLabels[product.law]}, deze zaak onder de ${lawLabels[kase.law]}: kies een product van de ${lawLabels[kase.law]}.`);
    if (line.outcome === 'granted' && line.volume !== undefined && line.frequency) await checkVolumeBound(tx, { unit: product.unit, frequency: line.frequency, volume: line.volume, field: `lines.${i}.volume` });
    expected += await expectedAnnualCents(tx, line, product);
  }
  const requiresApproval = expected > (await approvalThresholdCents(tx));
  const { id } = await insertDecision(tx, {
    tenant_id: ctx.tenantId,
    case_id: kase.id,
    resident_id: kase.residentId,
    delivery_form: input.deliveryForm,
    status: requiresApproval ? 'pending_approval' : 'approved',
    expected_annual_cents: expected,
    requires_approval: requiresApproval,
    created_by: ctx.actorId,
    approved_by: null,
    approved_at: null,
  });
  await insertDecisionLines(
    tx,
    input.lines.map((l) => ({
      tenant_id: ctx.tenantId,
      decision_id: id,
      product_id: l.productId,
      outcome: l.outcome,
      period_start: l.periodStart,
      period_end: l.periodEnd,
      volume: l.outcome === 'granted' ? (l.volume ?? null) : null,
      frequency: l.outcome === 'granted' ? (l.frequency ?? null) : null,
      refusal_reason: l.outcome === 'refused' ? (l.refusalReason ?? null) : null,
    })),
  );
  await recordProcessing(tx, ctx, { name: 'beschikking.opstellen', activity: ACTIVITY, subjects: [{ type: 'resident', id: kase.residentId }], startTime });
  if (!requiresApproval) await changeStatus(tx, ctx, { id: kase.id, to: 'besluit', reason: 'Beschikking afgegeven' });
  return { id };
}

/** Command: a team lead other than the author approves (four eyes); audits the approval. */
export async function approveDecision(tx: Tx, ctx: Actor, id: string): Promise<{ id: string }> {
  const startTime = new Date();
  const decision = await lockDecision(tx, id);
  if (!decision) throw notFound('Beschikking');
  if (decision.status === 'withdrawn') throw new AppError('CONFLICT', 'Deze beschikking is ingetrokken en kan niet meer worden goedgekeurd.');
  if (decision.status !== 'pending_approval') throw new AppError('CONFLICT', 'Deze beschikking wacht niet op goedkeuring.');
  if (decision.created_by === ctx.actorId) throw new AppError('FORBIDDEN', 'Vier ogen: wie de beschikking opstelde, keurt haar niet zelf goed.');
  // Several decisions can wait in one case: the first approved one decides the case, the others follow it.
  const kase = (await lockCaseForChange(tx, decision.case_id))!;
  if (kase.status !== 'aanvraag' && kase.status !== 'besluit') throw new AppError('CONFLICT', 'De zaak is niet meer in behandeling: trek deze beschikking in.');
  await approveDecisionRow(tx, id, ctx.actorId, new Date());
  await recordProcessing(tx, ctx, { name: 'beschikking.goedkeuren', activity: ACTIVITY, subjects: [{ type: 'resident', id: decision.resident_id }], startTime });
  if (kase.status === 'aanvraag') await changeStatus(tx, ctx, { id: decision.case_id, to: 'besluit', reason: 'Beschikking goedgekeurd (vier ogen)' });
  return { id };
}

/** A decision that waits for approval is withdrawn by its author or by a team lead (who may approve). */
export async function withdrawDecision(tx: Tx, ctx: Actor & { mayApprove: boolean }, id: string): Promise<{ id: string }> {
  const startTime = new Date();
  const decision = await lockDecision(tx, id);
  if (!decision) throw notFound('Beschikking');
  if (decision.status === 'withdrawn') throw new AppError('CONFLICT', 'Deze beschikking is al ingetrokken.');
  if (decision.status !== 'pending_approval') throw new AppError('CONFLICT', 'Alleen een beschikking die op goedkeuring wacht, kan worden ingetrokken.');
  if (decision.created_by !== ctx.actorId && !ctx.mayApprove) throw new AppError('FORBIDDEN', 'Alleen wie de beschikking opstelde of een teamleider trekt haar in.');
  await withdrawDecisionRow(tx, id, ctx.actorId, new Date());
  await recordProcessing(tx, ctx, { name: 'beschikking.intrekken', activity: ACTIVITY, subjects: [{ type: 'resident', id: decision.resident_id }], startTime });
  return { id };
}

/** Read: one decision as the employee receives it; audited as a read (`beschikking.raadplegen`). */
export async function getDecision(tx: Tx, ctx: AuditContext, id: string) {
  const startTime = new Date();
  const view = await loadDecision(tx, id);
  await recordProcessing(tx, ctx, { name: 'beschikking.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: view.resident.id }], startTime });
  return view;
}

/** A decision for a command's checks or a letter (whose caller audits): not audited here. */
export async function loadDecision(tx: Tx, id: string) {
  const row = await findDecisionRow(tx, id);
  if (!row) throw notFound('Beschikking');
  const lines = await listDecisionLineRows(tx, id);
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.reference,
    appliedOn: row.applied_on,
    resident: {
      id: row.resident_id,
      fullName: fullName(row.given_name, row.surname_prefix, row.family_name),
      address: `${row.street} ${row.house_number}${row.house_letter ?? ''}`,
      postcodeCity: `${row.postcode} ${row.city}`,
    },
    deliveryForm: row.delivery_form,
    status: row.status,
    expectedAnnualCents: Number(row.expected_annual_cents),
    requiresApproval: row.requires_approval,
    createdBy: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    approvedBy: row.approved_by_name,
    withdrawnBy: row.withdrawn_by_name,
    lines: lines.map((l) => ({
      id: l.id,
      productId: l.product_id,
      productName: l.product_name,
      outcome: l.outcome,
      periodStart: l.period_start,
      periodEnd: l.period_end,
      volume: l.volume,
      unit: l.unit,
      frequency: l.frequency,
      refusalReason: l.refusal_reason,
    })),
  };
}

export type DecisionView = Awaited<ReturnType<typeof getDecision>>;

export async function listCaseDecisions(tx: Tx, ctx: AuditContext, caseId: string): Promise<DecisionView[]> {
  const startTime = new Date();
  const residentId = await residentOfCase(tx, caseId);
  if (!residentId) throw notFound('Zaak');
  const out: DecisionView[] = [];
  for (const id of await listDecisionIdsForCase(tx, caseId)) out.push(await loadDecision(tx, id));
  // Reading the list is a processing of the resident's data even when it is empty.
  await recordProcessing(tx, ctx, { name: 'beschikkingen.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes: { beschikkingen: out.length } });
  return out;
}

export function segmentTerms(s: { volume: string; frequency: Frequency; start_date: string; end_date: string }, unit: Unit): AllocationTerms {
  return { volume: Number(s.volume), unit, frequency: s.frequency, start: s.start_date, end: s.end_date };
}

/** Sum of the commitments of the segments, per year; a missing tariff is a clear 400. */
export function commitmentOf(segments: AllocationTerms[], tariffs: Tariff[]): { year: number; cents: number }[] {
  const perYear = new Map<number, number>();
  try {
    for (const terms of segments) {
      for (const y of computeCommitment({ terms, tariffs, horizon: terms.end! }).perYear) perYear.set(y.year, (perYear.get(y.year) ?? 0) + y.cents);
    }
  } catch (error) {
    if (error instanceof MissingTariffError) throw invalid('providerId', `Deze aanbieder heeft geen tarief voor ${error.year}.`);
    throw error;
  }
  return [...perYear.entries()].sort(([a], [b]) => a - b).map(([year, cents]) => ({ year, cents }));
}

export async function providerTariffs(tx: Tx, productCode: string, providerId: string): Promise<Tariff[]> {
  return (await listTariffs(tx, productCode, providerId)).map((t) => ({ year: t.year, unit: t.unit, centsPerUnit: Number(t.cents_per_unit) }));
}

export async function bookCommitment(tx: Tx, ctx: Actor, allocationId: string, next: { year: number; cents: number }[], reason: string) {
  const before = new Map((await listCommitments(tx, allocationId)).map((c) => [c.year, Number(c.cents)]));
  await replaceCommitments(tx, ctx.tenantId, allocationId, next);
  const years = new Set([...before.keys(), ...next.map((n) => n.year)]);
  await insertCommitmentChanges(
    tx,
    [...years]
      .map((year) => ({ year, delta: (next.find((n) => n.year === year)?.cents ?? 0) - (before.get(year) ?? 0) }))
      .filter((d) => d.delta !== 0)
      .map((d) => ({ tenant_id: ctx.tenantId, allocation_id: allocationId, year: d.year, delta_cents: d.delta, reason, recorded_by: ctx.actorId })),
  );
}

/**
 * Command: a granted line goes to a contracted provider; the commitment is computed and booked per
 * budget year. Audits the write and returns the allocation's id.
 */
export async function allocate(tx: Tx, ctx: Actor, input: { decisionId: string; lineId: string; providerId: string }): Promise<{ id: string }> {
  const startTime = new Date();
  const decision = await loadDecision(tx, input.decisionId);
  if (decision.status !== 'approved') throw new AppError('CONFLICT', 'De beschikking is nog niet goedgekeurd.');
  const line = decision.lines.find((l) => l.id === input.lineId);
  if (!line) throw invalid('lineId', 'Deze regel hoort niet bij de beschikking.');
  if (line.outcome !== 'granted' || line.volume === null || !line.frequency) throw invalid('lineId', 'Alleen een toegekend product wordt toegewezen.');
  if (await findAllocationForLine(tx, line.id)) throw new AppError('CONFLICT', 'Dit product is al toegewezen.');
  const product = (await findProductForDecision(tx, line.productId))!;
  await checkVolumeBound(tx, { unit: product.unit, frequency: line.frequency, volume: line.volume, field: 'lineId' });
  const tariffs = await providerTariffs(tx, product.code, input.providerId);
  if (tariffs.length === 0) throw invalid('providerId', 'Deze aanbieder is niet gecontracteerd voor dit product.');
  const terms: AllocationTerms = { volume: line.volume, unit: product.unit, frequency: line.frequency, start: line.periodStart, end: line.periodEnd };
  const commitment = commitmentOf([terms], tariffs);
  const { id } = await insertAllocation(tx, {
    tenant_id: ctx.tenantId,
    decision_line_id: line.id,
    case_id: decision.caseId,
    resident_id: decision.resident.id,
    product_id: product.id,
    provider_id: input.providerId,
    unit: product.unit,
    budget_line_code: product.budget_line_code,
    created_by: ctx.actorId,
  });
  await insertSegments(tx, [{ tenant_id: ctx.tenantId, allocation_id: id, volume: line.volume, frequency: line.frequency, start_date: line.periodStart, end_date: line.periodEnd, reason: 'Toewijzing', recorded_by: ctx.actorId }]);
  await bookCommitment(tx, ctx, id, commitment, 'Toewijzing');
  await recordProcessing(tx, ctx, { name: 'toewijzing.maken', activity: ACTIVITY, subjects: [{ type: 'resident', id: decision.resident.id }], startTime });
  return { id };
}

/** The four-eyes threshold: the expected cost per year above which a second person approves. */
export async function approvalThresholdCents(tx: Tx): Promise<number> {
  return Number((await findSetting(tx, 'decision_approval_threshold_cents')) ?? DEFAULT_APPROVAL_THRESHOLD_CENTS);
}

/** Expected cost of the first twelve months of an allocation a provider asked for (315), at its contract tariffs. */
export async function expectedAnnualCentsOfRequest(
  tx: Tx,
  input: { productId: string; providerId: string; volume: number; frequency: Frequency; start: string; end: string },
): Promise<number> {
  const product = await findProductForDecision(tx, input.productId);
  if (!product) throw notFound('Product');
  const tariffs = await providerTariffs(tx, product.code, input.providerId);
  if (tariffs.length === 0) throw invalid('providerId', 'Deze aanbieder is niet gecontracteerd voor dit product.');
  const yearEnd = addDays(addTerm(input.start, 'P1Y'), -1);
  const terms: AllocationTerms = { volume: input.volume, unit: product.unit, frequency: input.frequency, start: input.start, end: input.end < yearEnd ? input.end : yearEnd };
  return commitmentOf([terms], tariffs).reduce((sum, c) => sum + c.cents, 0);
}

/**
 * Command: a provider's granted request (iWmo/iJw 315) becomes an allocation without a decision, e.g.
 * jeugdhulp on a huisarts' referral. The same bookkeeping as `allocate`: volume bound, contracted
 * tariff, commitment per budget year on the product's budget line. The segment carries the
 * provider's ReferentieAanbieder, which the first 301 repeats. The caller audits.
 */
export async function allocateForRequest(
  tx: Tx,
  ctx: Actor,
  input: { residentId: string; productId: string; providerId: string; volume: number; frequency: Frequency; start: string; end: string; providerReference: string },
): Promise<{ id: string; commitment: { year: number; cents: number }[] }> {
  const product = await findProductForDecision(tx, input.productId);
  if (!product) throw notFound('Product');
  await checkVolumeBound(tx, { unit: product.unit, frequency: input.frequency, volume: input.volume, field: 'volume' });
  const tariffs = await providerTariffs(tx, product.code, input.providerId);
  if (tariffs.length === 0) throw invalid('providerId', 'Deze aanbieder is niet gecontracteerd voor dit product.');
  const commitment = commitmentOf([{ volume: input.volume, unit: product.unit, frequency: input.frequency, start: input.start, end: input.end }], tariffs);
  const { id } = await insertAllocation(tx, {
    tenant_id: ctx.tenantId,
    decision_line_id: null,
    case_id: null,
    source: 'verzoek',
    resident_id: input.residentId,
    product_id: product.id,
    provider_id: input.providerId,
    unit: product.unit,
    budget_line_code: product.budget_line_code,
    created_by: ctx.actorId,
  });
  await insertSegments(tx, [
    { tenant_id: ctx.tenantId, allocation_id: id, volume: input.volume, frequency: input.frequency, start_date: input.start, end_date: input.end, reason: 'Toewijzing op verzoek van de aanbieder', recorded_by: ctx.actorId, provider_reference: input.providerReference },
  ]);
  await bookCommitment(tx, ctx, id, commitment, 'Toewijzing op verzoek van de aanbieder');
  return { id, commitment };
}

/** Read: one allocation as the employee receives it (audited like the resident's allocations). */
export async function getAllocation(tx: Tx, ctx: AuditContext, id: string) {
  const allocation = await tx.selectFrom('allocations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!allocation) throw notFound('Toewijzing');
  return (await listResidentAllocations(tx, ctx, allocation.resident_id)).find((a) => a.id === id)!;
}

export async function listResidentAllocations(tx: Tx, ctx: AuditContext, residentId: string) {
  const startTime = new Date();
  if (!(await residentExists(tx, residentId))) throw notFound('Inwoner');
  const rows = await listAllocationRowsForResident(tx, residentId);
  const details = await listAllocationDetails(tx, rows.map((r) => r.id));
  const segments = groupBy(details.segments, (s) => s.allocation_id);
  const commitments = groupBy(details.commitments, (c) => c.allocation_id);
  const changes = groupBy(details.changes, (c) => c.allocation_id);
  const pending = new Map((await listPendingChanges(tx, rows.map((r) => r.id))).map((c) => [c.allocation_id, c]));
  const care = new Map((await listCareFacts(tx, rows.map((r) => r.id))).map((c) => [c.allocation_id, c]));
  // Reading the list is a processing of the resident's data even when it is empty.
  await recordProcessing(tx, ctx, { name: 'toewijzingen.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes: { toewijzingen: rows.length } });
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    productName: r.product_name,
    provider: { name: r.provider_name, agbCode: r.agb_code },
    unit: r.unit,
    budgetLine: r.budget_line_code,
    segments: (segments.get(r.id) ?? []).map((s) => ({ volume: Number(s.volume), frequency: s.frequency, start: s.start_date, end: s.end_date, reason: s.reason })),
    commitment: (commitments.get(r.id) ?? []).map((c) => ({ year: c.year, cents: Number(c.cents) })),
    commitmentChanges: (changes.get(r.id) ?? []).map((h) => ({ year: h.year, deltaCents: Number(h.delta_cents), reason: h.reason, recordedAt: new Date(h.recorded_at).toISOString() })),
    care: { startedOn: care.get(r.id)?.started_on ?? null, stoppedOn: care.get(r.id)?.stopped_on ?? null, stopReason: care.get(r.id)?.stop_reason ?? null },
    realisedCents: Number(care.get(r.id)?.realised ?? 0),
    pendingChange: pendingChangeView(pending.get(r.id)),
  }));
}

function pendingChangeView(c: Awaited<ReturnType<typeof listPendingChanges>>[number] | undefined) {
  if (!c) return null;
  return {
    id: c.id,
    effectiveFrom: c.effective_from,
    volume: c.volume === null ? null : Number(c.volume),
    end: c.end_date,
    reason: c.reason,
    expectedAnnualCents: Number(c.expected_annual_cents),
    increaseCents: Number(c.increase_cents),
    requestedBy: c.requested_by_name,
    requestedAt: new Date(c.requested_at).toISOString(),
  };
}
