import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../platform/calendar.js';
import { AppError } from '../../platform/errors.js';
import { advanceDueOn, checkAdvance, checkApplicationDate, earliestApplicationOn, firstOfMonth, searchPeriodEndsOn } from './pw.application.rules.js';

const fieldOf = (run: () => void): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.fields[0]?.field : 'not an AppError';
  }
};

describe('search period (art. 41 lid 4 Pw)', () => {
  it('applies below 27 on the report date, not from the 27th birthday', () => {
    expect(searchPeriodEndsOn('1999-03-15', '2026-03-14')).toBe('2026-04-11');
    expect(searchPeriodEndsOn('1999-03-15', '2026-03-15')).toBeNull();
    expect(earliestApplicationOn('2026-03-14', '2026-04-11')).toBe('2026-04-12');
    expect(earliestApplicationOn('2026-03-14', null)).toBe('2026-03-14');
  });

  it('accepts an application exactly from the day after the period and refuses every day within it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 27 }), (offset) => {
        const reportedOn = '2025-10-01';
        const searchEnds = searchPeriodEndsOn('2003-01-15', reportedOn)!;
        expect(searchEnds).toBe('2025-10-29');
        const appliedOn = addDays(reportedOn, offset);
        expect(fieldOf(() => checkApplicationDate({ reportedOn, appliedOn, searchEnds, today: '2026-01-01' }))).toBe('appliedOn');
      }),
    );
    expect(fieldOf(() => checkApplicationDate({ reportedOn: '2025-10-01', appliedOn: '2025-10-30', searchEnds: '2025-10-29', today: '2026-01-01' }))).toBeUndefined();
  });

  it('refuses an application before the report or in the future', () => {
    expect(fieldOf(() => checkApplicationDate({ reportedOn: '2025-10-01', appliedOn: '2025-09-30', searchEnds: null, today: '2026-01-01' }))).toBe('appliedOn');
    expect(fieldOf(() => checkApplicationDate({ reportedOn: '2025-10-01', appliedOn: '2026-01-02', searchEnds: null, today: '2026-01-01' }))).toBe('appliedOn');
  });
});

describe('advance (art. 52 Pw)', () => {
  it('is due 4 weeks after the application', () => {
    expect(advanceDueOn('2025-11-03')).toBe('2025-12-01');
  });

  it('is positive and at most the expected monthly payment, paid on or after the application', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500_000 }), fc.integer({ min: -1_000, max: 600_000 }), (expected, cents) => {
        const field = fieldOf(() => checkAdvance({ cents, paidOn: '2025-11-10', appliedOn: '2025-11-03', today: '2026-01-01', expectedMonthlyCents: expected }));
        expect(field).toBe(cents > 0 && cents <= expected ? undefined : 'cents');
      }),
    );
    expect(fieldOf(() => checkAdvance({ cents: 100, paidOn: '2025-11-02', appliedOn: '2025-11-03', today: '2026-01-01', expectedMonthlyCents: 1000 }))).toBe('paidOn');
    expect(fieldOf(() => checkAdvance({ cents: 100, paidOn: '2025-11-10', appliedOn: '2025-11-03', today: '2026-01-01', expectedMonthlyCents: 0 }))).toBe('cents');
  });

  it('a basis applies from the first of the month', () => {
    expect(firstOfMonth('2025-11-17')).toBe('2025-11-01');
  });
});
