// Legal deadlines of a zaak: statutory term, suspensions (Awb 4:15), verdagingen (Awb 4:14) and
// the Algemene termijnenwet (Atw). Pure functions over civil dates 'yyyy-mm-dd'.
//
// Counting convention (Awb/Atw): a term starts on the day AFTER the event and ends at the end of
// its last day, so the due date is event + term. A 6-week onderzoek after a melding on Monday
// 2 March 2026 runs 3 March … 13 April, and Monday 13 April 2026 is the last day it can be met.

import {
  addDays,
  addMonths,
  daysBetween,
  nextWorkingDay,
  parseDate,
  toDayNumber,
  workingDaysBetween,
} from '../../platform/calendar.js';

export interface Term {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

export interface Suspension {
  from: string;
  /** Last suspended day (inclusive); null while the suspension is still open. */
  to: string | null;
  reason: string;
}

export interface Extension {
  term: string;
  reason: string;
}

export interface DeadlineInput {
  /** The event that starts the term (melding, ontvangst aanvraag, …); counting starts the day after. */
  start: string;
  /** Statutory term as an ISO 8601 date duration, e.g. 'P6W'. */
  term: string;
  suspensions?: Suspension[];
  extensions?: Extension[];
  /** Apply the Algemene termijnenwet; default true. Set false for terms it excludes (Awb 4:17). */
  applyAtw?: boolean;
  /** The day the status is evaluated for ("today"). */
  asOf: string;
}

export type DeadlineStatus = 'running' | 'suspended' | 'overdue' | 'due-today';

export interface DeadlineResult {
  /** Final due date; null while a suspension is open. */
  dueDate: string | null;
  /** start + term, before suspensions, extensions and the Atw. */
  baseDueDate: string;
  suspendedDays: number;
  /** Due date after suspensions and extensions, before the Atw; null without extensions. */
  extendedTo: string | null;
  /** The date the Atw moved away from; null when the Atw moved nothing. */
  atwShiftedFrom: string | null;
  status: DeadlineStatus;
  /** Calendar days from asOf to dueDate; negative when overdue. */
  daysLeft: number | null;
  /** Working days in (asOf, dueDate]; negative when overdue. */
  workingDaysLeft: number | null;
}

// Date durations only. Weeks may combine with other units: strict ISO 8601 forbids 'P1W3D', but
// our source data uses it and its meaning is unambiguous.
const TERM_PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

function termPart(value: string | undefined, term: string): number {
  const n = value === undefined ? 0 : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`Term '${term}' has a number that is too large`);
  return n;
}

/** Parses an ISO 8601 date duration such as 'P6W', 'P1M' or 'P1Y2M10D'. */
export function parseTerm(term: string): Term {
  if (/^P[^T]*T/.test(term)) {
    throw new RangeError(
      `Term '${term}' has a time part: legal deadlines are counted in whole days, use Y, M, W or D only`,
    );
  }
  const match = TERM_PATTERN.exec(term);
  if (match === null || term === 'P') {
    throw new RangeError(`Invalid term '${term}': expected an ISO 8601 date duration such as P6W, P1M or P1Y2M10D`);
  }
  const [, y, m, w, d] = match;
  return { years: termPart(y, term), months: termPart(m, term), weeks: termPart(w, term), days: termPart(d, term) };
}

/**
 * The last day of a term that starts after `date` (see the counting convention above). Years and
 * months go by the calendar, clamped to the month's end (31 Jan + P1M = 28/29 Feb), then
 * weeks × 7 + days are added.
 */
export function addTerm(date: string, term: string): string {
  const { years, months, weeks, days } = parseTerm(term);
  return addDays(addMonths(date, years * 12 + months), weeks * 7 + days);
}

// Atw art. 4 excludes terms longer than 12 weeks, 3 months or 90 days; each limit belongs to the
// unit the term is expressed in. Mixed terms: weeks with days count as days; anything with
// months or years is compared with 3 calendar months from the same start.
function exceedsAtwLimit(start: string, term: string): boolean {
  const { years, months, weeks, days } = parseTerm(term);
  if (years === 0 && months === 0) return days === 0 ? weeks > 12 : weeks * 7 + days > 90;
  return toDayNumber(addTerm(start, term)) > toDayNumber(addMonths(start, 3));
}

interface DayRange {
  first: number;
  last: number;
}

// A suspension can only stop a running term: days up to and including `start` are dropped.
// An open suspension is counted up to and including asOf ("suspended so far").
function suspensionRanges(suspensions: Suspension[], start: string, asOf: string): DayRange[] {
  const firstRunningDay = toDayNumber(start) + 1;
  return suspensions.flatMap((s) => {
    const from = toDayNumber(s.from);
    const to = toDayNumber(s.to ?? asOf);
    if (s.to !== null && to < from) {
      throw new RangeError(`Suspension '${s.reason}' ends (${s.to}) before it starts (${s.from})`);
    }
    const first = Math.max(from, firstRunningDay);
    return first <= to ? [{ first, last: to }] : [];
  });
}

/** Days covered by the union of the ranges, so overlapping suspensions count once. */
function countUnionDays(ranges: DayRange[]): number {
  const sorted = [...ranges].sort((a, b) => a.first - b.first);
  let count = 0;
  let coveredUntil = -Infinity;
  for (const { first, last } of sorted) {
    const from = Math.max(first, coveredUntil + 1);
    if (last >= from) count += last - from + 1;
    coveredUntil = Math.max(coveredUntil, last);
  }
  return count;
}

/**
 * Atw art. 1: a last day on a Saturday, Sunday or feestdag moves to the next working day.
 * Atw art. 2: a term of at least 3 days must contain at least two working days; it is extended
 * working day by working day until it does. The term's contents are (start, dueDate].
 */
function applyAtw(start: string, termDays: number, dueDate: string): string {
  let result = nextWorkingDay(dueDate);
  while (termDays >= 3 && workingDaysBetween(start, result) < 2) {
    result = nextWorkingDay(addDays(result, 1));
  }
  return result;
}

function statusOf(asOf: string, dueDate: string): DeadlineStatus {
  const left = daysBetween(asOf, dueDate);
  if (left > 0) return 'running';
  return left === 0 ? 'due-today' : 'overdue';
}

function validateInput(input: DeadlineInput): void {
  parseDate(input.start);
  parseDate(input.asOf);
  for (const s of input.suspensions ?? []) {
    parseDate(s.from);
    if (s.to !== null) parseDate(s.to);
  }
}

/**
 * Computes the due date of a term and its status on `asOf`.
 *
 * Order: base term → suspensions → extensions → Atw on the final date.
 * - Suspensions (Awb 4:15) run inclusively from `from` to `to` and push the due date by that many
 *   calendar days; overlapping suspensions count once; days on or before `start` do not count.
 *   An open suspension (to = null) makes the status 'suspended' and the due date unknown (null),
 *   because the end of the suspension decides it.
 * - Extensions (verdaging, Awb 4:14) add their term to the due date, in the given order.
 * - Atw art. 1 and 2 apply to the final date (see applyAtw), unless applyAtw is false or Atw
 *   art. 4 excludes the statutory term (longer than 12 weeks / 3 months / 90 days): then the date
 *   is never shifted. Art. 4 is judged on the statutory `term` alone; suspensions and extensions
 *   do not change whether the Atw applies.
 */
export function computeDeadline(input: DeadlineInput): DeadlineResult {
  validateInput(input);
  const { start, term, asOf } = input;
  const suspensions = input.suspensions ?? [];
  const extensions = input.extensions ?? [];
  const baseDueDate = addTerm(start, term);
  const suspendedDays = countUnionDays(suspensionRanges(suspensions, start, asOf));
  const suspendedResult = { baseDueDate, suspendedDays, extendedTo: null, atwShiftedFrom: null };
  if (suspensions.some((s) => s.to === null)) {
    return { ...suspendedResult, dueDate: null, status: 'suspended', daysLeft: null, workingDaysLeft: null };
  }
  const afterSuspensions = addDays(baseDueDate, suspendedDays);
  const extended = extensions.reduce((date, extension) => addTerm(date, extension.term), afterSuspensions);
  const atwApplies = (input.applyAtw ?? true) && !exceedsAtwLimit(start, term);
  const dueDate = atwApplies ? applyAtw(start, daysBetween(start, baseDueDate), extended) : extended;
  return {
    dueDate,
    baseDueDate,
    suspendedDays,
    extendedTo: extensions.length > 0 ? extended : null,
    atwShiftedFrom: dueDate === extended ? null : extended,
    status: statusOf(asOf, dueDate),
    daysLeft: daysBetween(asOf, dueDate),
    workingDaysLeft: workingDaysBetween(asOf, dueDate),
  };
}
