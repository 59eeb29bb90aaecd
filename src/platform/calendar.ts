// Civil-date calendar for legal terms: Easter, the Algemene termijnenwet (Atw) holidays, and
// working-day arithmetic.
//
// Dates are civil dates as 'yyyy-mm-dd' strings. A term ends on a calendar day, not at an instant,
// so no time zone may take part: internally every date is a day number (days since 1970-01-01)
// computed with pure integer arithmetic. That also avoids Date's two-digit-year quirk.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;
// The anonymous Gregorian Easter algorithm is only meaningful once the Gregorian calendar exists.
const FIRST_GREGORIAN_EASTER_YEAR = 1583;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export interface Holiday {
  date: string;
  name: string;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Year ${year} is out of range: expected an integer from ${MIN_YEAR} to ${MAX_YEAR}`);
  }
}

/** Parses a strict 'yyyy-mm-dd' civil date; throws RangeError for anything else (e.g. 2025-02-30). */
export function parseDate(date: string): CivilDate {
  const match = DATE_PATTERN.exec(date);
  const [, y, m, d] = match ?? [];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const valid =
    match !== null && year >= MIN_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  if (!valid) throw new RangeError(`Invalid date '${date}': expected an existing civil date as yyyy-mm-dd`);
  return { year, month, day };
}

/** Formats a civil date as 'yyyy-mm-dd'. */
export function formatDate({ year, month, day }: CivilDate): string {
  assertYear(year);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// days_from_civil / civil_from_days by Howard Hinnant (public domain): exact for the proleptic
// Gregorian calendar, integer-only, and the 400-year era trick keeps it free of special cases.
function dayNumberOf({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilOfDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: string): number {
  return dayNumberOf(parseDate(date));
}

/** Inverse of toDayNumber. */
export function fromDayNumber(dayNumber: number): string {
  return formatDate(civilOfDayNumber(dayNumber));
}

function isoWeekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday (ISO 4); the double modulo keeps negative day numbers correct.
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

function isWeekendDayNumber(dayNumber: number): boolean {
  return isoWeekdayOf(dayNumber) >= 6;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return isoWeekdayOf(toDayNumber(date));
}

/** Date of Easter Sunday (Gregorian, anonymous "Meeus/Jones/Butcher" algorithm, domain-facts §7.5). */
export function easterSunday(year: number): string {
  assertYear(year);
  if (year < FIRST_GREGORIAN_EASTER_YEAR) {
    throw new RangeError(`easterSunday(${year}): the Gregorian computus applies from ${FIRST_GREGORIAN_EASTER_YEAR}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDate({ year, month, day });
}

/** `date` plus `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(date) + n);
}

/** `b − a` in calendar days. */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** `date` plus `n` calendar months; the day is clamped to the month's end (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${n}`);
  const { year, month, day } = parseDate(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  assertYear(newYear);
  return formatDate({ year: newYear, month: newMonth, day: Math.min(day, daysInMonth(newYear, newMonth)) });
}

// Koningsdag moves back to Saturday the 26th when the 27th is a Sunday (Wet vaststelling
// Koningsdag). This rule holds from 2014 on; earlier years had Koninginnedag on 30 April and are
// not modelled because no case in Koers predates 2014.
function koningsdag(year: number): string {
  const april27 = formatDate({ year, month: 4, day: 27 });
  return isoWeekday(april27) === 7 ? addDays(april27, -1) : april27;
}

/**
 * The algemeen erkende feestdagen of Atw art. 3 lid 1 plus Goede Vrijdag (art. 3 lid 2), sorted by
 * date. Days equated by Koninklijk Besluit (art. 3 lid 3) are not included: see `equatedDays`.
 * Hemelvaartsdag can fall on 5 May (e.g. 2016); both entries are then listed.
 */
export function atwHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number): string => formatDate({ year, month, day });
  const holidays: Holiday[] = [
    { date: fixed(1, 1), name: 'Nieuwjaarsdag' },
    { date: addDays(easter, -2), name: 'Goede Vrijdag' },
    { date: addDays(easter, 1), name: 'Tweede Paasdag' },
    { date: koningsdag(year), name: 'Koningsdag' },
    { date: fixed(5, 5), name: 'Bevrijdingsdag' },
    { date: addDays(easter, 39), name: 'Hemelvaartsdag' },
    { date: addDays(easter, 50), name: 'Tweede Pinksterdag' },
    { date: fixed(12, 25), name: 'Eerste Kerstdag' },
    { date: fixed(12, 26), name: 'Tweede Kerstdag' },
  ];
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/**
 * Days equated with the feestdagen by Koninklijk Besluit (Atw art. 3 lid 3), loaded as DATA
 * because the Crown picks them per period and they cannot be derived. Sources, as transcribed in
 * /work/shared/domain-facts.md §7.5:
 * - 2017–2019: the KB BWBR0038666 (wetten.overheid.nl/BWBR0038666/2016-11-01) [verified];
 * - 2023–2025: "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december
 *   2024 en 30 mei 2025 met een algemeen erkende feestdag" [verified: the decree's title];
 * - 2026–2028: "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028
 *   en 26 mei 2028 met een algemeen erkende feestdag" [verified: the decree's title].
 *
 * A year that is absent has no known equated days — which is NOT the same as "none". 2020–2022 are
 * not verified (one public list names Friday 27 May 2022, unconfirmed) and 2029 onwards is not yet
 * decreed: add them here as data when they are. Until then, terms ending on such a bridge day are
 * computed one working day too short.
 */
export const equatedDays: Readonly<Record<number, readonly string[]>> = Object.freeze({
  2017: Object.freeze(['2017-04-28', '2017-05-26']),
  2018: Object.freeze(['2018-05-11', '2018-12-24', '2018-12-31']),
  2019: Object.freeze(['2019-05-31', '2019-12-27']),
  2023: Object.freeze(['2023-04-28', '2023-05-19']),
  2024: Object.freeze(['2024-05-10', '2024-12-27']),
  2025: Object.freeze(['2025-05-30']),
  2026: Object.freeze(['2026-01-02', '2026-05-15']),
  2027: Object.freeze(['2027-05-07']),
  2028: Object.freeze(['2028-04-28', '2028-05-26']),
});

// Working-day arithmetic asks for a year's non-working days again and again (addWorkingDays tests
// every day it passes, workingDaysBetween goes through each year's list), so each year's are built
// once, as day numbers: no day is written out as a date to be tested.
const nonWorkingDayNumbersByYear = new Map<number, ReadonlySet<number>>();

function nonWorkingDayNumbers(year: number): ReadonlySet<number> {
  let days = nonWorkingDayNumbersByYear.get(year);
  if (days === undefined) {
    days = new Set([...atwHolidays(year).map((h) => h.date), ...(equatedDays[year] ?? [])].map(toDayNumber));
    nonWorkingDayNumbersByYear.set(year, days);
  }
  return days;
}

/**
 * Every Atw feestdag and KB-equated day of the years `from` to `to` (inclusive), sorted: for SQL
 * that moves a term off a non-working day set-based (weekends are tested there by weekday).
 */
export function nonWorkingDatesOfYears(from: number, to: number): string[] {
  const days: number[] = [];
  for (let year = from; year <= to; year += 1) days.push(...nonWorkingDayNumbers(year));
  return days.sort((a, b) => a - b).map(fromDayNumber);
}

// Day-number variant for the counting loops, which would otherwise re-parse every date.
function isNonWorkingDayNumber(dayNumber: number): boolean {
  if (isWeekendDayNumber(dayNumber)) return true;
  return nonWorkingDayNumbers(civilOfDayNumber(dayNumber).year).has(dayNumber);
}

/** Saturday, Sunday, Atw feestdag (incl. Goede Vrijdag) or a day equated by KB. */
export function isNonWorkingDay(date: string): boolean {
  return isNonWorkingDayNumber(toDayNumber(date));
}

/** The date itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(date: string): string {
  let current = date;
  while (isNonWorkingDay(current)) current = addDays(current, 1);
  return current;
}

/**
 * The n-th working day after `date` (n > 0) or before it (n < 0); n = 0 returns `date` unchanged,
 * even on a weekend. For n ≥ 0 this inverts workingDaysBetween:
 * workingDaysBetween(d, addWorkingDays(d, n)) === n. Backwards the count covers [result, date),
 * so from a Saturday one working day back is the Friday.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let current = date;
  for (let remaining = Math.abs(n); remaining > 0; ) {
    current = addDays(current, step);
    if (!isNonWorkingDay(current)) remaining -= 1;
  }
  return current;
}

/**
 * Working days in the half-open interval (a, b] — the same convention as a term, which starts
 * the day after its event — so "working days left" until a due date counts the due date but not
 * today. Negative (counting (b, a]) when b is before a, mirroring daysBetween.
 */
export function workingDaysBetween(a: string, b: string): number {
  const from = toDayNumber(a);
  const to = toDayNumber(b);
  const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  // Counted, not walked: a case's "working days left" spans months or years when its term has long
  // passed, and a list of cases asks it for every case (issue #17). Weekdays first, by whole weeks
  // and the days left over; then the non-working days of the years in between that fall on a weekday.
  const length = high - low;
  let count = Math.floor(length / 7) * 5;
  for (let day = high - (length % 7) + 1; day <= high; day += 1) {
    if (!isWeekendDayNumber(day)) count += 1;
  }
  const lastYear = civilOfDayNumber(high).year;
  for (let year = civilOfDayNumber(low + 1).year; year <= lastYear; year += 1) {
    for (const day of nonWorkingDayNumbers(year)) {
      if (day > low && day <= high && !isWeekendDayNumber(day)) count -= 1;
    }
  }
  // `+ 0` turns −0 into 0, which toBe/Object.is would otherwise tell apart.
  return sign * count + 0;
}
