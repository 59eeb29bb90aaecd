// Pure rules of the programme roadmap: quarters, the state of an activity at a given month
// (reconstructed from its change history), slipped/overdue, the report's status bullets and the
// budget with its contingency. No database here, so every rule is unit-tested on its own.

import { startOfDayInAmsterdam } from '../../platform/time.js';
import type { ActivityStatus } from './programme.types.js';

const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/** '2023-05' → '2023-Q2'. */
export function quarterOfMonth(month: string): string {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  return `${match[1]}-Q${Math.ceil(Number(match[2]) / 3)}`;
}

/** Quarters in 'YYYY-Qn' form sort as strings. */
export function compareQuarters(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** '2023-Q3' → 'Q3 2023', as the report writes it. */
export function formatQuarter(quarter: string): string {
  const match = QUARTER.exec(quarter);
  return match ? `Q${match[2]} ${match[1]}` : quarter;
}

/** Every quarter from `first` to `last` inclusive. */
export function quarterRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [year, q] = [Number(first.slice(0, 4)), Number(first.slice(6))];
  while (`${year}-Q${q}` <= last) {
    out.push(`${year}-Q${q}`);
    q += 1;
    if (q > 4) [year, q] = [year + 1, 1];
  }
  return out;
}

/** The first moment after the month (Amsterdam time): a report "for May 2023" includes everything before 1 June 2023. */
export function endOfMonth(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return startOfDayInAmsterdam(next);
}

const MONTH_NAMES = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** '2023-05' → 'mei 2023'. */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

export interface ActivityFields {
  status: ActivityStatus;
  plannedQuarter: string | null;
  doneQuarter: string | null;
  text: string;
  note: string | null;
}

export interface ActivityChange {
  changedAt: Date;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

export interface ActivityState extends ActivityFields {
  /** The quarter struck through in the report: the previous plan, when it changed up to that month. */
  replannedFrom: string | null;
  /** The quarter the activity was first planned for. */
  firstPlannedQuarter: string | null;
  /** Done or due later than first planned. */
  slipped: boolean;
  /** Not done, and its planned quarter lies before the month's quarter. */
  overdue: boolean;
}

const FIELD_KEYS = { status: 'status', planned_quarter: 'plannedQuarter', done_quarter: 'doneQuarter', text: 'text', note: 'note' } as const;

/**
 * What an activity looked like at the end of `month`: every change made after that moment is undone
 * (its old value restored), so last year's report stays exactly what it was.
 */
export function activityStateAt(current: ActivityFields, changes: readonly ActivityChange[], month: string): ActivityState {
  const cutoff = endOfMonth(month).getTime();
  const ordered = [...changes].sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime());
  const state: ActivityFields = { ...current };
  for (const [field, key] of Object.entries(FIELD_KEYS)) {
    const firstLater = ordered.find((c) => c.field === field && c.changedAt.getTime() >= cutoff);
    if (firstLater) (state as unknown as Record<string, string | null>)[key] = key === 'text' ? (firstLater.oldValue ?? state.text) : firstLater.oldValue;
  }
  const planChanges = ordered.filter((c) => c.field === 'planned_quarter' && c.changedAt.getTime() < cutoff);
  const latest = planChanges.at(-1);
  const firstPlannedQuarter = planChanges[0]?.oldValue ?? state.plannedQuarter;
  const effective = state.status === 'AF' ? (state.doneQuarter ?? state.plannedQuarter) : state.plannedQuarter;
  return {
    ...state,
    status: state.status as ActivityStatus,
    replannedFrom: latest && latest.oldValue !== latest.newValue ? latest.oldValue : null,
    firstPlannedQuarter,
    slipped: firstPlannedQuarter !== null && effective !== null && compareQuarters(effective, firstPlannedQuarter) > 0,
    overdue: state.status !== 'AF' && state.plannedQuarter !== null && compareQuarters(state.plannedQuarter, quarterOfMonth(month)) < 0,
  };
}

/**
 * The "stand van zaken" bullet as the seed writes it: `AF Q4 2022: tekst`, `LOOPT (Q3 2023 klaar): tekst`,
 * `LOOPT (Q[3→4] 2023 klaar): …` for a re-planning, or `LOOPT tekst` when no quarter applies.
 */
export function statusBulletText(state: Pick<ActivityState, 'status' | 'plannedQuarter' | 'doneQuarter' | 'replannedFrom'>, text: string, note?: string | null): string {
  const quarter = state.status === 'AF' ? state.doneQuarter : state.plannedQuarter;
  const body = note ? `${text} (${note})` : text;
  if (!quarter) return `${state.status} ${body}`;
  if (state.status === 'AF') return `AF ${formatQuarter(quarter)}: ${body}`;
  const planned = state.replannedFrom && state.replannedFrom.slice(0, 4) === quarter.slice(0, 4)
    ? `Q[${state.replannedFrom.slice(6)}→${quarter.slice(6)}] ${quarter.slice(0, 4)}`
    : state.replannedFrom
      ? `[${formatQuarter(state.replannedFrom)}→]${formatQuarter(quarter)}`
      : formatQuarter(quarter);
  return `${state.status} (${planned} klaar): ${body}`;
}

export interface BudgetInput {
  requestedTotalCents: number;
  contingencyPercent: number;
  chapters: { chapter: string; amountCents: number | null }[];
}

export interface BudgetSummary {
  chapters: { chapter: string; amountCents: number | null }[];
  /** Sum of the chapters; null when any chapter amount is unknown. */
  costsCents: number | null;
  /** contingencyPercent of the costs; null when the costs are unknown. */
  contingencyCents: number | null;
  /** costs + contingency when known; otherwise the requested total as the source states it. */
  totalCents: number;
  requestedTotalCents: number;
  contingencyPercent: number;
  /** True when every chapter amount is known and the total is computed from them. */
  computed: boolean;
}

/**
 * "Onvoorzien" is a percentage of the total costs of the chapters (the 2021 plan: 10 % of chapters
 * 3–8). It is computed only from known chapter amounts: the plan's EUR 430,000 is the remaining claim
 * after an earlier grant, so back-solving costs from it would report figures no source contains.
 */
export function budgetSummary(input: BudgetInput): BudgetSummary {
  const known = input.chapters.length > 0 && input.chapters.every((c) => c.amountCents !== null);
  const base = { chapters: input.chapters, requestedTotalCents: input.requestedTotalCents, contingencyPercent: input.contingencyPercent };
  if (!known) return { ...base, costsCents: null, contingencyCents: null, totalCents: input.requestedTotalCents, computed: false };
  const costsCents = input.chapters.reduce((sum, c) => sum + (c.amountCents ?? 0), 0);
  const contingencyCents = Math.round((costsCents * input.contingencyPercent) / 100);
  return { ...base, costsCents, contingencyCents, totalCents: costsCents + contingencyCents, computed: true };
}
