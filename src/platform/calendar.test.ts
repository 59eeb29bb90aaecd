import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addWorkingDays,
  atwHolidays,
  daysBetween,
  easterSunday,
  equatedDays,
  fromDayNumber,
  isNonWorkingDay,
  isoWeekday,
  nextWorkingDay,
  nonWorkingDatesOfYears,
  parseDate,
  toDayNumber,
  workingDaysBetween,
} from './calendar.js';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const weekdayName = (date: string): string => WEEKDAY_NAMES[isoWeekday(date) - 1] ?? '?';

// Dates from 2000 to 2040: the range where Koers has cases, with margin.
const civilDate = fc
  .integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2040-12-31') })
  .map(fromDayNumber);

describe('easterSunday', () => {
  // Values checked against the domain-facts §7.5 algorithm and python-dateutil's easter().
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
    [2000, '2000-04-23'], // century divisible by 400
    [2100, '2100-03-28'], // century not divisible by 400
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1583; year <= 3000; year += 1) {
      const easter = easterSunday(year);
      expect(isoWeekday(easter)).toBe(7);
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
    }
  });

  it.each([1582, 2025.5, 10_000, Number.NaN])('rejects year %s', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe('atwHolidays', () => {
  const table = (year: number): string[] =>
    atwHolidays(year).map((h) => `${weekdayName(h.date)} ${h.date} ${h.name}`);

  // Exactly the table of domain-facts §7.5.
  it('2025', () => {
    expect(table(2025)).toEqual([
      'Wed 2025-01-01 Nieuwjaarsdag',
      'Fri 2025-04-18 Goede Vrijdag',
      'Mon 2025-04-21 Tweede Paasdag',
      'Sat 2025-04-26 Koningsdag',
      'Mon 2025-05-05 Bevrijdingsdag',
      'Thu 2025-05-29 Hemelvaartsdag',
      'Mon 2025-06-09 Tweede Pinksterdag',
      'Thu 2025-12-25 Eerste Kerstdag',
      'Fri 2025-12-26 Tweede Kerstdag',
    ]);
  });

  it('2026', () => {
    expect(table(2026)).toEqual([
      'Thu 2026-01-01 Nieuwjaarsdag',
      'Fri 2026-04-03 Goede Vrijdag',
      'Mon 2026-04-06 Tweede Paasdag',
      'Mon 2026-04-27 Koningsdag',
      'Tue 2026-05-05 Bevrijdingsdag',
      'Thu 2026-05-14 Hemelvaartsdag',
      'Mon 2026-05-25 Tweede Pinksterdag',
      'Fri 2026-12-25 Eerste Kerstdag',
      'Sat 2026-12-26 Tweede Kerstdag',
    ]);
  });

  it('2027', () => {
    expect(table(2027)).toEqual([
      'Fri 2027-01-01 Nieuwjaarsdag',
      'Fri 2027-03-26 Goede Vrijdag',
      'Mon 2027-03-29 Tweede Paasdag',
      'Tue 2027-04-27 Koningsdag',
      'Wed 2027-05-05 Bevrijdingsdag',
      'Thu 2027-05-06 Hemelvaartsdag',
      'Mon 2027-05-17 Tweede Pinksterdag',
      'Sat 2027-12-25 Eerste Kerstdag',
      'Sun 2027-12-26 Tweede Kerstdag',
    ]);
  });

  it('moves Koningsdag to Saturday 26 April when 27 April is a Sunday', () => {
    const koningsdag = (year: number): string | undefined => atwHolidays(year).find((h) => h.name === 'Koningsdag')?.date;
    expect(koningsdag(2025)).toBe('2025-04-26');
    expect(koningsdag(2031)).toBe('2031-04-26');
    expect(koningsdag(2036)).toBe('2036-04-26');
    expect(koningsdag(2030)).toBe('2030-04-27'); // a Saturday stays
  });

  it('lists both names when Hemelvaartsdag falls on 5 May (2016)', () => {
    const onFifthOfMay = atwHolidays(2016).filter((h) => h.date === '2016-05-05').map((h) => h.name);
    expect(onFifthOfMay.sort()).toEqual(['Bevrijdingsdag', 'Hemelvaartsdag']);
  });

  it('returns nine days in date order for every year', () => {
    for (let year = 2000; year <= 2100; year += 1) {
      const dates = atwHolidays(year).map((h) => h.date);
      expect(dates).toHaveLength(9);
      expect([...dates].sort()).toEqual(dates);
    }
  });
});

describe('equatedDays', () => {
  it('holds the KB BWBR0038666 days for 2017–2019 and the decrees for 2023–2025 and 2026–2028', () => {
    expect(equatedDays).toEqual({
      2017: ['2017-04-28', '2017-05-26'],
      2018: ['2018-05-11', '2018-12-24', '2018-12-31'],
      2019: ['2019-05-31', '2019-12-27'],
      2023: ['2023-04-28', '2023-05-19'],
      2024: ['2024-05-10', '2024-12-27'],
      2025: ['2025-05-30'],
      2026: ['2026-01-02', '2026-05-15'],
      2027: ['2027-05-07'],
      2028: ['2028-04-28', '2028-05-26'],
    });
    // 2020–2022 are not verified (domain-facts §7.5): absent, not empty.
    expect(equatedDays[2021]).toBeUndefined();
  });

  it('is frozen data', () => {
    expect(Object.isFrozen(equatedDays)).toBe(true);
    expect(Object.isFrozen(equatedDays[2018])).toBe(true);
  });

  it('are weekdays that are not already holidays, and count as non-working', () => {
    for (const [year, dates] of Object.entries(equatedDays)) {
      const holidays = atwHolidays(Number(year)).map((h) => h.date);
      for (const date of dates) {
        expect(isoWeekday(date)).toBeLessThanOrEqual(5);
        expect(holidays).not.toContain(date);
        expect(isNonWorkingDay(date)).toBe(true);
      }
    }
  });
});

// One row per equated day of the decrees "Besluit gelijkstelling van 28 april 2023, 19 mei 2023,
// 10 mei 2024, 27 december 2024 en 30 mei 2025" and "… van 2 januari 2026, 15 mei 2026, 7 mei 2027,
// 28 april 2028 en 26 mei 2028" (domain-facts §7.5): the day is non-working, and the next working
// day after it is the Monday after (deadline.test.ts moves terms ending on it).
describe.each([
  ['2023-04-28', '2023-05-01'],
  ['2023-05-19', '2023-05-22'],
  ['2024-05-10', '2024-05-13'],
  ['2024-12-27', '2024-12-30'],
  ['2025-05-30', '2025-06-02'],
  ['2026-01-02', '2026-01-05'],
  ['2026-05-15', '2026-05-18'],
  ['2027-05-07', '2027-05-10'],
  ['2028-04-28', '2028-05-01'],
  ['2028-05-26', '2028-05-29'],
])('the day %s equated with a feestdag by KB', (date, nextWorking) => {
  it('is a non-working day, also for the KPI SQL', () => {
    expect(isNonWorkingDay(date)).toBe(true);
    expect(nonWorkingDatesOfYears(2023, 2028)).toContain(date);
  });

  it(`has ${nextWorking} as the next working day`, () => {
    expect(nextWorkingDay(date)).toBe(nextWorking);
    expect(addWorkingDays(addDays(date, -1), 1)).toBe(nextWorking);
  });
});

describe('isNonWorkingDay', () => {
  it.each([
    ['a Saturday', '2026-03-07', true],
    ['a Sunday', '2026-03-08', true],
    ['an ordinary Monday', '2026-03-09', false],
    ['Goede Vrijdag', '2026-04-03', true],
    ['Bevrijdingsdag in a non-lustrum year', '2026-05-05', true],
    ['the Friday after Hemelvaart without a KB (2029)', '2029-05-11', false],
    ['the Friday after Hemelvaart equated by KB (2026)', '2026-05-15', true],
    ['the Friday after Hemelvaart equated by KB (2017)', '2017-05-26', true],
    ['Koningsdag 2027 (Tuesday)', '2027-04-27', true],
    ['27 April 2025 (a Sunday, Koningsdag was the 26th)', '2025-04-27', true],
    ['28 April 2025 (Monday after the moved Koningsdag)', '2025-04-28', false],
    ['Oudejaarsdag 2026', '2026-12-31', false],
  ])('%s: %s → %s', (_label, date, expected) => {
    expect(isNonWorkingDay(date)).toBe(expected);
  });

  it('rejects malformed dates', () => {
    expect(() => isNonWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => isNonWorkingDay('26-03-2026')).toThrow(RangeError);
  });
});

describe('nextWorkingDay', () => {
  it.each([
    ['a working day stays', '2026-03-09', '2026-03-09'],
    ['Saturday → Monday', '2026-03-07', '2026-03-09'],
    ['Goede Vrijdag → Tuesday after Easter Monday', '2026-04-03', '2026-04-07'],
    ['Tweede Paasdag → Tuesday', '2026-04-06', '2026-04-07'],
    ['Eerste Kerstdag 2026 (Friday) → Monday 28 Dec', '2026-12-25', '2026-12-28'],
    ['Hemelvaart 2017 → over the KB bridge day to Monday', '2017-05-25', '2017-05-29'],
    ['Christmas Monday 2018 KB bridge day → Thursday 27 Dec', '2018-12-24', '2018-12-27'],
  ])('%s', (_label, date, expected) => {
    expect(nextWorkingDay(date)).toBe(expected);
  });

  it('is idempotent and returns the first working day on or after the date', () => {
    fc.assert(
      fc.property(civilDate, (date) => {
        const next = nextWorkingDay(date);
        expect(nextWorkingDay(next)).toBe(next);
        expect(isNonWorkingDay(next)).toBe(false);
        for (let d = date; d < next; d = addDays(d, 1)) expect(isNonWorkingDay(d)).toBe(true);
      }),
    );
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2026-03-02', 42, '2026-04-13'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });

  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('addMonths(%s, %i) = %s, clamped to the month end', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it('agrees with Date.UTC for every day number', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('9999-12-31') }), (n) => {
        const viaDate = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(n)).toBe(viaDate);
        expect(toDayNumber(viaDate)).toBe(n);
        expect(isoWeekday(viaDate)).toBe(new Date(n * 86_400_000).getUTCDay() || 7);
      }),
    );
  });

  it.each(['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-1', '2025-01-01T00:00', '', '0000-01-01'])(
    'rejects %j',
    (date) => {
      expect(() => parseDate(date)).toThrow(RangeError);
    },
  );

  it('rejects non-integer day counts', () => {
    expect(() => addDays('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('working days', () => {
  it('counts (a, b]: the due date counts, today does not', () => {
    expect(workingDaysBetween('2026-03-02', '2026-04-13')).toBe(28); // 30 weekdays − Goede Vrijdag − Paasmaandag
    expect(workingDaysBetween('2026-04-13', '2026-04-13')).toBe(0);
    expect(workingDaysBetween('2026-04-20', '2026-04-13')).toBe(-5);
    expect(workingDaysBetween('2026-12-24', '2026-12-28')).toBe(1);
  });

  it.each([
    ['3 werkdagen (Wgs) from Wednesday 23 Dec 2026', '2026-12-23', 3, '2026-12-29'],
    ['1 working day from Thursday before Easter', '2026-04-02', 1, '2026-04-07'],
    ['from a Saturday', '2026-03-07', 1, '2026-03-09'],
    ['backwards over Easter', '2026-04-07', -1, '2026-04-02'],
    ['backwards from a Saturday', '2026-03-07', -1, '2026-03-06'],
    ['zero keeps the date, even on a Sunday', '2026-03-08', 0, '2026-03-08'],
  ])('addWorkingDays: %s', (_label, date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('addWorkingDays forward is the inverse of workingDaysBetween', () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 0, max: 40 }), (date, n) => {
        const moved = addWorkingDays(date, n);
        expect(workingDaysBetween(date, moved)).toBe(n);
        if (n > 0) expect(isNonWorkingDay(moved)).toBe(false);
      }),
    );
  });

  it('addWorkingDays backward lands on a working day with |n| working days in [result, date)', () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const moved = addWorkingDays(date, -n);
        expect(isNonWorkingDay(moved)).toBe(false);
        expect(workingDaysBetween(addDays(moved, -1), addDays(date, -1))).toBe(n);
      }),
    );
  });

  it('workingDaysBetween counts what a walk over every day counts, over spans of years', () => {
    const walked = (a: string, b: string) => {
      const [low, high, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      let count = 0;
      for (let day = addDays(low, 1); day <= high; day = addDays(day, 1)) if (!isNonWorkingDay(day)) count += 1;
      return sign * count + 0;
    };
    // Holidays on a weekend (Koningsdag on Saturday 26 April 2025, Christmas on Saturday 25 December
    // 2027) are not subtracted twice; a span of whole weeks; across New Year.
    expect(workingDaysBetween('2025-01-01', '2027-12-31')).toBe(walked('2025-01-01', '2027-12-31'));
    expect(workingDaysBetween('2026-12-07', '2026-12-28')).toBe(walked('2026-12-07', '2026-12-28'));
    expect(workingDaysBetween('2026-12-31', '2026-12-24')).toBe(walked('2026-12-31', '2026-12-24'));
    fc.assert(
      fc.property(civilDate, fc.integer({ min: -1200, max: 1200 }), (a, span) => {
        const b = addDays(a, span);
        expect(workingDaysBetween(a, b)).toBe(walked(a, b));
      }),
      { numRuns: 60 },
    );
  });

  it('workingDaysBetween is antisymmetric and never exceeds daysBetween', () => {
    fc.assert(
      fc.property(civilDate, civilDate, (a, b) => {
        // `+ 0` folds -0 into 0: for a === b both directions are zero working days.
        expect(workingDaysBetween(b, a) + 0).toBe(-workingDaysBetween(a, b) + 0);
        expect(Math.abs(workingDaysBetween(a, b))).toBeLessThanOrEqual(Math.abs(daysBetween(a, b)));
      }),
      { numRuns: 50 },
    );
  });
});
