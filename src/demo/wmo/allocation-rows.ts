// The allocation (toewijzing) of a granted decision line to a contracted provider: its segments,
// the commitment per budget year and the commitment history, including changes during the year.

import type { Insertable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { changeAllocation, computeCommitment, type AllocationTerms, type Tariff } from '../../modules/allocations/commitment.js';
import { addDays, daysBetween } from '../../platform/calendar.js';
import type { Catalogue } from './context.js';
import { minDate } from './helpers.js';
import { providerFor } from './market.js';
import { ALLOCATION_CHANGES } from './texts.js';
import type { CasePlan, LinePlan, ResidentInfo, SeedRun } from './types.js';

export interface AllocationRows {
  allocationRows: Insertable<DB['allocations']>[];
  segmentRows: Insertable<DB['allocation_segments']>[];
  commitmentRows: Insertable<DB['allocation_commitments']>[];
  changeRows: Insertable<DB['commitment_changes']>[];
}

export interface LineToAllocate {
  plan: CasePlan;
  client: ResidentInfo;
  line: LinePlan;
  lineId: string;
  approvedOn: string;
  /** When the decision was approved; the allocation is booked after it. */
  approvedAt: Date;
}

/** Commitment per year of a set of segments. */
function commit(segments: AllocationTerms[], tariffs: Tariff[]): Map<number, number> {
  const perYear = new Map<number, number>();
  for (const s of segments) for (const y of computeCommitment({ terms: s, tariffs, horizon: s.end! }).perYear) perYear.set(y.year, (perYear.get(y.year) ?? 0) + y.cents);
  return perYear;
}

/** Allocates the line when a provider is contracted for its whole period; does nothing otherwise. */
export function allocateLine(ctx: { run: SeedRun; catalogue: Catalogue }, rows: AllocationRows, input: LineToAllocate): void {
  const { tenantId, today, random, newId, at } = ctx.run;
  const { plan, client, line, lineId, approvedOn, approvedAt } = input;
  const by = plan.consultant.id;
  const frequency = line.product.frequency;
  const option = providerFor(ctx.catalogue, random, line.product, line.start, line.end);
  if (!option) return;
  const allocationId = newId();
  const allocatedOn = addDays(approvedOn, random.int(0, 2));
  let allocatedAt = at(allocatedOn < today ? allocatedOn : approvedOn, random.int(9 * 60, 17 * 60));
  if (allocatedAt <= approvedAt) allocatedAt = new Date(approvedAt.getTime() + 60_000);
  rows.allocationRows.push({
    tenant_id: tenantId,
    id: allocationId,
    decision_line_id: lineId,
    case_id: plan.id,
    resident_id: client.id,
    product_id: line.product.id,
    provider_id: option.providerId,
    unit: line.product.unit,
    budget_line_code: line.product.budgetLine,
    created_by: by,
    created_at: allocatedAt,
  });
  const terms: AllocationTerms = { volume: line.volume, unit: line.product.unit, frequency, start: line.start, end: line.end };
  const initial = commit([terms], option.tariffs);
  const bookedAt = allocatedAt;
  const firstSegment = { tenant_id: tenantId, id: newId(), allocation_id: allocationId, volume: line.volume, frequency, start_date: line.start, end_date: line.end, reason: 'Toewijzing', recorded_by: by, recorded_at: bookedAt, superseded_at: null as Date | null };
  rows.segmentRows.push(firstSegment);
  for (const [year, cents] of initial) if (cents !== 0) rows.changeRows.push({ tenant_id: tenantId, id: newId(), allocation_id: allocationId, year, delta_cents: cents, reason: 'Toewijzing', recorded_by: by, recorded_at: bookedAt });
  let current = initial;
  // Some allocations change during the year: more or fewer hours, or an early end.
  const elapsed = daysBetween(line.start, minDate(today, line.end));
  const changeable = frequency === 'per_week' || frequency === 'per_month';
  const roll = random.next();
  if (changeable && elapsed >= 45 && roll < 0.1) {
    current = changeDuringYear(ctx.run, rows, { allocationId, by, line, terms, tariffs: option.tariffs, bookedAt, firstSegment, current, elapsed, roll });
  }
  for (const [year, cents] of [...current].sort(([a], [b]) => a - b)) rows.commitmentRows.push({ tenant_id: tenantId, allocation_id: allocationId, year, cents });
}

interface ChangeInput {
  allocationId: string;
  by: string;
  line: LinePlan;
  terms: AllocationTerms;
  tariffs: Tariff[];
  bookedAt: Date;
  /** Superseded by the change. */
  firstSegment: { superseded_at: Date | null };
  /** The commitment per year before the change. */
  current: Map<number, number>;
  elapsed: number;
  /** The roll that chose a change (< 0.1); below 0.03 the allocation ends early. */
  roll: number;
}

/** A herindicatie (one more or one less unit) or an early end; returns the commitment per year after it. */
function changeDuringYear(run: SeedRun, rows: AllocationRows, input: ChangeInput): Map<number, number> {
  const { tenantId, today, random, newId, at } = run;
  const { allocationId, by, line, terms, tariffs, bookedAt, firstSegment, current, elapsed, roll } = input;
  const effectiveFrom = addDays(line.start, random.int(30, elapsed));
  const ending = roll < 0.03;
  let newVolume = ending ? undefined : Math.max(1, line.volume + (random.chance(0.6) ? 1 : -1));
  if (newVolume === line.volume) newVolume += 1;
  const reason = ending ? random.pick(ALLOCATION_CHANGES.end) : newVolume! > line.volume ? ALLOCATION_CHANGES.more : ALLOCATION_CHANGES.less;
  const change = ending ? { effectiveFrom, end: addDays(effectiveFrom, -1) } : { effectiveFrom, volume: newVolume! };
  const { segments } = changeAllocation({ before: terms, change, tariffs, horizon: line.end });
  const changedOn = minDate(addDays(effectiveFrom, -random.int(0, 7)), today);
  let changedAt = at(changedOn, random.int(9 * 60, 17 * 60));
  if (changedAt <= bookedAt) changedAt = new Date(bookedAt.getTime() + 3_600_000);
  firstSegment.superseded_at = changedAt;
  for (const s of segments) {
    rows.segmentRows.push({ tenant_id: tenantId, id: newId(), allocation_id: allocationId, volume: s.volume, frequency: s.frequency, start_date: s.start, end_date: s.end!, reason, recorded_by: by, recorded_at: changedAt, superseded_at: null });
  }
  const next = commit(segments, tariffs);
  for (const year of new Set([...current.keys(), ...next.keys()])) {
    const delta = (next.get(year) ?? 0) - (current.get(year) ?? 0);
    if (delta !== 0) rows.changeRows.push({ tenant_id: tenantId, id: newId(), allocation_id: allocationId, year, delta_cents: delta, reason, recorded_by: by, recorded_at: changedAt });
  }
  return next;
}
