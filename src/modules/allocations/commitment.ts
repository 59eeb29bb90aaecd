// Financial commitment (verplichting) that a Wmo/Jeugd allocation (toewijzing) creates, split per
// budget year. Pure and dependency-free: the caller looks up the contract tariffs and the horizon.
//
// Conventions
// - Money is integer euro cents (iWmo/iJw LDT_Bedrag is integer eurocents, domain facts §3.4), so
//   tariffs must be whole cents per unit as well.
// - Dates are civil 'yyyy-mm-dd' strings; all arithmetic is on UTC day numbers so that time zones
//   and daylight saving can never shift a day. Start and end are inclusive.
// - Unit 'euro' (iWmo Eenheid 83) carries its own price: the volume is in whole euros and each
//   euro is 100 cents, so no tariff is looked up (tariffs passed for it are ignored).
// - Rounding: a year's cents are Math.round(units × centsPerUnit), i.e. half a cent rounds up.
//   The product is evaluated exactly (BigInt rationals) because a float such as 0.4999999 where
//   the true value is a half cent would make the rounding, and thus the books, depend on the order
//   of floating-point operations.
//
// Pro rata rules
// - per_day: volume × days; per_week: volume × days / 7.
// - per_month: volume × Σ over touched months of (days in range that month / days in that month),
//   so a full calendar month is exactly `volume`, whether it has 28, 29, 30 or 31 days.
// - total: the volume is spread evenly over the days of the whole validity. An allocation inside
//   one year therefore commits everything in that year; one that crosses 1 January commits each
//   year its share of days (a wheelchair allocated 2026-11-01..2027-10-31 commits 61/365 in 2026).
// - Open-ended allocations (end null) are committed up to and including the caller's horizon,
//   typically the last day of the current budget year. A 'total' without an end is spread over
//   start..horizon, i.e. the full volume is committed within the horizon.

export type Unit = 'minute' | 'hour' | 'day_part' | 'day' | 'piece' | 'euro';
export type Frequency = 'per_day' | 'per_week' | 'per_month' | 'total';
export type Tariff = { year: number; unit: Unit; centsPerUnit: number };
export type AllocationTerms = { volume: number; unit: Unit; frequency: Frequency; start: string; end: string | null };

export type YearCommitment = { year: number; units: number; centsPerUnit: number; cents: number };
export type CommitmentResult = { totalCents: number; perYear: YearCommitment[] };
export type CommitmentInput = {
  terms: AllocationTerms;
  tariffs: Tariff[];
  /** Last day (inclusive) committed when `terms.end` is null; ignored otherwise. */
  horizon: string;
};

export type AllocationChange = {
  /** First day of the new terms. */
  effectiveFrom: string;
  volume?: number;
  frequency?: Frequency;
  /** Omitted: keep the old end. null: open-ended. A date before the old end ends early. */
  end?: string | null;
};
export type ChangeInput = { before: AllocationTerms; change: AllocationChange; tariffs: Tariff[]; horizon: string };
export type YearDelta = { year: number; cents: number };
export type ChangeResult = {
  before: CommitmentResult;
  after: CommitmentResult;
  deltaPerYear: YearDelta[];
  /** Non-empty segments only: ending early can leave a single segment, or none. */
  segments: AllocationTerms[];
};

export const UNITS: readonly Unit[] = ['minute', 'hour', 'day_part', 'day', 'piece', 'euro'];
export const FREQUENCIES: readonly Frequency[] = ['per_day', 'per_week', 'per_month', 'total'];

// ---------------------------------------------------------------------------------------------
// Errors. Typed so that a service can map each to a user-facing message; the texts here are for
// logs and developers.

export class CommitmentError extends Error {
  override name = 'CommitmentError';
}

export class MissingTariffError extends CommitmentError {
  override name = 'MissingTariffError';
  constructor(
    readonly year: number,
    readonly unit: Unit,
  ) {
    super(`No tariff for ${year} (unit ${unit}) while the allocation runs in ${year}`);
  }
}

export class TariffUnitMismatchError extends CommitmentError {
  override name = 'TariffUnitMismatchError';
  constructor(
    readonly year: number,
    readonly expected: Unit,
    readonly actual: Unit,
  ) {
    super(`Tariff for ${year} is per ${actual}, but the allocation is in ${expected}`);
  }
}

/** Two different tariffs for the same year: picking one silently would misstate the budget. */
export class AmbiguousTariffError extends CommitmentError {
  override name = 'AmbiguousTariffError';
  constructor(readonly year: number) {
    super(`More than one tariff for ${year}`);
  }
}

export class InvalidTariffError extends CommitmentError {
  override name = 'InvalidTariffError';
  constructor(
    readonly year: number,
    readonly centsPerUnit: number,
  ) {
    super(`Tariff for ${year} must be a whole, non-negative number of cents, got ${centsPerUnit}`);
  }
}

export class InvalidDateError extends CommitmentError {
  override name = 'InvalidDateError';
  constructor(
    readonly field: string,
    readonly value: string,
  ) {
    super(`${field} must be a civil date yyyy-mm-dd, got '${value}'`);
  }
}

export class InvalidTermsError extends CommitmentError {
  override name = 'InvalidTermsError';
}

export class InvalidChangeError extends CommitmentError {
  override name = 'InvalidChangeError';
}

// ---------------------------------------------------------------------------------------------
// Civil dates as UTC day numbers (days since 1970-01-01).

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function utcDay(year: number, monthIndex: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getTime() / DAY_MS;
}

function toDay(value: string, field: string): number {
  const ms = DATE_PATTERN.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to 2026-03-02; the round trip rejects such dates.
  if (Number.isNaN(ms) || toIsoDate(ms / DAY_MS) !== value) throw new InvalidDateError(field, value);
  return ms / DAY_MS;
}

function toIsoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

// ---------------------------------------------------------------------------------------------
// Exact non-negative rationals.

type Ratio = { num: bigint; den: bigint };

const ZERO: Ratio = { num: 0n, den: 1n };

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

function ratio(num: bigint, den: bigint): Ratio {
  const divisor = gcd(num, den);
  return divisor === 0n ? ZERO : { num: num / divisor, den: den / divisor };
}

function addRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
}

function mulRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den);
}

/** Every finite double is a dyadic rational, so doubling until integral is exact. */
function exactRatio(value: number): Ratio {
  let num = value;
  let den = 1n;
  while (!Number.isInteger(num)) {
    num *= 2;
    den *= 2n;
  }
  return ratio(BigInt(num), den);
}

function ratioToNumber(value: Ratio): number {
  return Number(value.num) / Number(value.den);
}

/** Math.round for a non-negative exact value: floor(x + 1/2). */
function roundHalfUp(value: Ratio): bigint {
  return (2n * value.num + value.den) / (2n * value.den);
}

// ---------------------------------------------------------------------------------------------
// Units in a period.

type DayRange = { from: number; to: number };
type ParsedTerms = { volume: Ratio; unit: Unit; frequency: Frequency; start: number; end: number | null };

function parseTerms(terms: AllocationTerms): ParsedTerms {
  if (!UNITS.includes(terms.unit)) throw new InvalidTermsError(`Unknown unit '${String(terms.unit)}'`);
  if (!FREQUENCIES.includes(terms.frequency)) {
    throw new InvalidTermsError(`Unknown frequency '${String(terms.frequency)}'`);
  }
  // Fractions are accepted because 'total' segments derived by changeAllocation carry a share.
  if (!Number.isFinite(terms.volume) || terms.volume < 0) {
    throw new InvalidTermsError(`Volume must be a non-negative number, got ${terms.volume}`);
  }
  const start = toDay(terms.start, 'start');
  const end = terms.end === null ? null : toDay(terms.end, 'end');
  if (end !== null && end < start) throw new InvalidTermsError(`End ${terms.end} lies before start ${terms.start}`);
  return { volume: exactRatio(terms.volume), unit: terms.unit, frequency: terms.frequency, start, end };
}

function clip(terms: ParsedTerms, range: DayRange): DayRange | null {
  const from = Math.max(range.from, terms.start);
  const to = terms.end === null ? range.to : Math.min(range.to, terms.end);
  return from <= to ? { from, to } : null;
}

function daysIn(range: DayRange): bigint {
  return BigInt(range.to - range.from + 1);
}

/** Σ over the months the range touches of (days of the range in that month / days in that month). */
function monthFraction(range: DayRange): Ratio {
  let sum = ZERO;
  for (let from = range.from; from <= range.to; ) {
    const date = new Date(from * DAY_MS);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth();
    const monthStart = utcDay(year, month, 1);
    const monthEnd = utcDay(year, month + 1, 0);
    const to = Math.min(range.to, monthEnd);
    sum = addRatio(sum, ratio(BigInt(to - from + 1), BigInt(monthEnd - monthStart + 1)));
    from = monthEnd + 1;
  }
  return sum;
}

/** How many frequency periods (days, weeks, months, shares of the whole) a clipped range spans. */
function periods(terms: ParsedTerms, range: DayRange): Ratio {
  switch (terms.frequency) {
    case 'per_day':
      return ratio(daysIn(range), 1n);
    case 'per_week':
      return ratio(daysIn(range), 7n);
    case 'per_month':
      return monthFraction(range);
    case 'total':
      if (terms.end === null) {
        throw new InvalidTermsError("A 'total' allocation needs an end to pro-rate; computeCommitment uses the horizon");
      }
      return ratio(daysIn(range), daysIn({ from: terms.start, to: terms.end }));
  }
}

function exactUnits(terms: ParsedTerms, range: DayRange): Ratio {
  const clipped = clip(terms, range);
  return clipped === null ? ZERO : mulRatio(terms.volume, periods(terms, clipped));
}

/**
 * Units delivered between `from` and `to` (inclusive, clipped to the allocation's validity), pro
 * rata as described at the top of this file. Fractional. A 'total' allocation must have an end.
 */
export function unitsInPeriod(terms: AllocationTerms, from: string, to: string): number {
  const range = { from: toDay(from, 'from'), to: toDay(to, 'to') };
  return ratioToNumber(exactUnits(parseTerms(terms), range));
}

// ---------------------------------------------------------------------------------------------
// Commitment per budget year.

const CENTS_PER_EURO = 100;

function centsPerUnitFor(year: number, unit: Unit, tariffs: readonly Tariff[]): number {
  if (unit === 'euro') return CENTS_PER_EURO;
  const forYear = tariffs.filter((tariff) => tariff.year === year);
  const mismatch = forYear.find((tariff) => tariff.unit !== unit);
  if (mismatch) throw new TariffUnitMismatchError(year, unit, mismatch.unit);
  const [first, ...others] = forYear;
  if (!first) throw new MissingTariffError(year, unit);
  if (others.some((tariff) => tariff.centsPerUnit !== first.centsPerUnit)) throw new AmbiguousTariffError(year);
  if (!Number.isSafeInteger(first.centsPerUnit) || first.centsPerUnit < 0) {
    throw new InvalidTariffError(year, first.centsPerUnit);
  }
  return first.centsPerUnit;
}

/** The allocation's days cut at each 1 January. */
function yearRanges(range: DayRange): { year: number; range: DayRange }[] {
  const result: { year: number; range: DayRange }[] = [];
  for (let year = yearOf(range.from); year <= yearOf(range.to); year += 1) {
    const from = Math.max(range.from, utcDay(year, 0, 1));
    const to = Math.min(range.to, utcDay(year, 11, 31));
    result.push({ year, range: { from, to } });
  }
  return result;
}

function yearCommitment(terms: ParsedTerms, year: number, range: DayRange, tariffs: readonly Tariff[]): YearCommitment {
  const centsPerUnit = centsPerUnitFor(year, terms.unit, tariffs);
  const units = exactUnits(terms, range);
  const cents = Number(roundHalfUp(mulRatio(units, ratio(BigInt(centsPerUnit), 1n))));
  return { year, units: ratioToNumber(units), centsPerUnit, cents };
}

function totalOf(perYear: readonly YearCommitment[]): number {
  return perYear.reduce((sum, entry) => sum + entry.cents, 0);
}

/**
 * The commitment an allocation creates, per budget year. Each year is rounded on its own and the
 * total is the sum of the rounded years, so the years always add up to the total exactly.
 * Throws MissingTariffError / TariffUnitMismatchError for a year the allocation touches.
 */
export function computeCommitment(input: CommitmentInput): CommitmentResult {
  const horizon = toDay(input.horizon, 'horizon');
  const parsed = parseTerms(input.terms);
  const end = parsed.end ?? horizon;
  // An open-ended allocation that starts after the horizon commits nothing yet.
  if (end < parsed.start) return { totalCents: 0, perYear: [] };
  const terms = { ...parsed, end };
  const perYear = yearRanges({ from: terms.start, to: end }).map(({ year, range }) =>
    yearCommitment(terms, year, range, input.tariffs),
  );
  return { totalCents: totalOf(perYear), perYear };
}

/**
 * What segments cost between `from` and `to` (inclusive): each segment's part of each budget year
 * at that year's tariff, rounded on its own as in computeCommitment. Used to compare the expected
 * yearly cost of an allocation before and after a change. Open-ended segments run to the horizon.
 */
export function costInPeriod(input: { segments: readonly AllocationTerms[]; tariffs: readonly Tariff[]; from: string; to: string; horizon: string }): number {
  const window = { from: toDay(input.from, 'from'), to: toDay(input.to, 'to') };
  const horizon = toDay(input.horizon, 'horizon');
  let cents = 0;
  for (const segment of input.segments) {
    const parsed = parseTerms(segment);
    const terms = { ...parsed, end: parsed.end ?? horizon };
    const range = clip(terms, window);
    if (range === null) continue;
    for (const { year, range: part } of yearRanges(range)) cents += yearCommitment(terms, year, part, input.tariffs).cents;
  }
  return cents;
}

// ---------------------------------------------------------------------------------------------
// Mid-period changes.

function sumCommitments(results: readonly CommitmentResult[]): CommitmentResult {
  const byYear = new Map<number, YearCommitment>();
  for (const entry of results.flatMap((result) => result.perYear)) {
    const seen = byYear.get(entry.year);
    // Segments share unit and year, hence the tariff; only units and cents accumulate.
    byYear.set(entry.year, seen ? { ...seen, units: seen.units + entry.units, cents: seen.cents + entry.cents } : entry);
  }
  const perYear = [...byYear.values()].sort((a, b) => a.year - b.year);
  return { totalCents: totalOf(perYear), perYear };
}

function deltaPerYear(before: CommitmentResult, after: CommitmentResult): YearDelta[] {
  const cents = (result: CommitmentResult, year: number): number =>
    result.perYear.find((entry) => entry.year === year)?.cents ?? 0;
  const years = [...new Set([...before.perYear, ...after.perYear].map((entry) => entry.year))].sort((a, b) => a - b);
  return years.map((year) => ({ year, cents: cents(after, year) - cents(before, year) }));
}

function validateChange(old: ParsedTerms, change: AllocationChange): number {
  const effectiveFrom = toDay(change.effectiveFrom, 'effectiveFrom');
  if (effectiveFrom < old.start) {
    throw new InvalidChangeError(`effectiveFrom ${change.effectiveFrom} lies before the allocation's start`);
  }
  // A change must continue the allocation; a gap after its end would be a new allocation.
  if (old.end !== null && effectiveFrom > old.end + 1) {
    throw new InvalidChangeError(`effectiveFrom ${change.effectiveFrom} lies after the day following the end`);
  }
  if (change.volume !== undefined && (!Number.isFinite(change.volume) || change.volume < 0)) {
    throw new InvalidChangeError(`Volume must be a non-negative number, got ${change.volume}`);
  }
  if (change.end !== undefined && change.end !== null) toDay(change.end, 'change.end');
  return effectiveFrom;
}

/**
 * Volume of the second segment when old and new terms are both 'total' and no new volume is
 * given: the old total's share of the days from effectiveFrom up to the earlier of the old and
 * the new end. Ending early thus releases the undelivered share; extending without a new volume
 * spreads the same remainder over more days (a 'total' does not grow with time).
 */
function remainingTotal(old: ParsedTerms, effectiveFrom: number, newEnd: number): number {
  return ratioToNumber(exactUnits(old, { from: effectiveFrom, to: newEnd }));
}

/**
 * Splits an allocation at `change.effectiveFrom`: start..effectiveFrom−1 keeps the old terms,
 * effectiveFrom..new end gets the new ones. An end before effectiveFrom−1 also cuts the first
 * segment. For 'total' each segment's volume is its share of a total: the first keeps the old
 * total's share of its days (so its commitment per year is unchanged); a given `change.volume`
 * is the total for the second segment alone (as in a new iWmo toewijzing for the rest of the
 * period); without one, see remainingTotal. Open-ended terms use the horizon for those shares.
 */
export function changeAllocation(input: ChangeInput): ChangeResult {
  const horizon = toDay(input.horizon, 'horizon');
  const old = parseTerms(input.before);
  const { change } = input;
  const effectiveFrom = validateChange(old, change);
  const newEndText = change.end === undefined ? input.before.end : change.end;
  const newEnd = newEndText === null ? null : toDay(newEndText, 'change.end');
  // 'total' shares need a finite validity; use the same horizon computeCommitment uses.
  const oldResolved = { ...old, end: old.end ?? horizon };

  const segments: AllocationTerms[] = [];
  const firstEnd = Math.min(effectiveFrom - 1, newEnd ?? Number.POSITIVE_INFINITY);
  if (firstEnd >= old.start) {
    const volume =
      old.frequency === 'total'
        ? ratioToNumber(exactUnits(oldResolved, { from: old.start, to: firstEnd }))
        : input.before.volume;
    segments.push({ ...input.before, volume, end: toIsoDate(firstEnd) });
  }
  if (newEnd === null || newEnd >= effectiveFrom) {
    const frequency = change.frequency ?? old.frequency;
    const keepsTotal = frequency === 'total' && old.frequency === 'total' && change.volume === undefined;
    const volume = keepsTotal
      ? remainingTotal(oldResolved, effectiveFrom, newEnd ?? horizon)
      : (change.volume ?? input.before.volume);
    segments.push({ ...input.before, volume, frequency, start: change.effectiveFrom, end: newEndText });
  }

  const commit = (terms: AllocationTerms): CommitmentResult =>
    computeCommitment({ terms, tariffs: input.tariffs, horizon: input.horizon });
  const before = commit(input.before);
  const after = sumCommitments(segments.map(commit));
  return { before, after, deltaPerYear: deltaPerYear(before, after), segments };
}

// ---------------------------------------------------------------------------------------------
// Display.

const EURO_FORMAT = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/**
 * Dutch euro notation, e.g. 123456 → '€ 1.234,56' and −5 → '€ -0,05'. ICU separates the symbol
 * with a no-break space (U+00A0, or U+202F in some versions); we return a plain space so that
 * the text compares, searches and exports (CSV, PDF) predictably. Wrapping is up to the UI.
 */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Cents must be a safe integer, got ${cents}`);
  // A decimal string, not cents / 100, so that no float ever gets between the cents and the text.
  const negative = cents < 0;
  const absolute = BigInt(Math.abs(cents));
  const decimal = `${negative ? '-' : ''}${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}` as `${number}`;
  return EURO_FORMAT.format(decimal).replace(/[\u00a0\u202f]/g, ' ');
}
