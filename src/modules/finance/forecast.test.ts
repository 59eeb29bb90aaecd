import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH, addFigures, expectedInflow, forecastAllocation, forecastGroup, recurrenceMonths, yearCalendar, type AllocationYearFacts, type NewAllocationFacts } from './forecast.js';

describe('yearCalendar', () => {
  it('splits the year at the first open month and clamps to the year', () => {
    expect(yearCalendar(2026, '2026-10')).toEqual({ yearDays: 365, openDays: 92, openMonths: 3 });
    expect(yearCalendar(2026, '2026-01')).toEqual({ yearDays: 365, openDays: 365, openMonths: 12 });
    expect(yearCalendar(2024, '2024-03')).toEqual({ yearDays: 366, openDays: 306, openMonths: 10 });
    // A year that has passed, and one still to come.
    expect(yearCalendar(2025, '2026-10')).toEqual({ yearDays: 365, openDays: 0, openMonths: 0 });
    expect(yearCalendar(2027, '2026-10')).toEqual({ yearDays: 365, openDays: 365, openMonths: 12 });
  });
});

describe('the worked example of docs/finance-forecast.md (2026, first open month October)', () => {
  const calendar = yearCalendar(2026, '2026-10');
  // A: € 36,500 for the whole year, € 2,900 declared for each of January … September.
  const a: AllocationYearFacts = { commitmentCents: 3_650_000, realisedPassedCents: 2_610_000, realisedOpenCents: 0, validDays: 365, validOpenDays: 92 };
  // B: € 6,000 for 1 July … 31 December, € 1,000 declared for July and August (September not yet).
  const b: AllocationYearFacts = { commitmentCents: 600_000, realisedPassedCents: 200_000, realisedOpenCents: 0, validDays: 184, validOpenDays: 92 };
  // C: € 1,500 for 1 March … 31 May, all declared.
  const c: AllocationYearFacts = { commitmentCents: 150_000, realisedPassedCents: 150_000, realisedOpenCents: 0, validDays: 92, validOpenDays: 0 };

  it('takes the realisation of passed months and the commitment share of the open days', () => {
    expect(forecastAllocation(a, calendar)).toEqual({ realisedCents: 2_610_000, remainingCommitmentCents: 920_000, forecastCents: 3_530_000 });
    expect(forecastAllocation(b, calendar)).toEqual({ realisedCents: 200_000, remainingCommitmentCents: 300_000, forecastCents: 500_000 });
    expect(forecastAllocation(c, calendar)).toEqual({ realisedCents: 150_000, remainingCommitmentCents: 0, forecastCents: 150_000 });
  });

  it('adds new allocations of the last 12 months (B and C) recurring over the three open months', () => {
    // B: 184 days = 6.045 months, € 992.53 a month; recurrences in Oct, Nov, Dec run 3 + 2 + 1 = 6 months; /12 → € 496.26.
    // C: 92 days = 3.023 months, € 496.26 a month; also 6 months; /12 → € 248.13.
    expect(expectedInflow([{ commitmentCents: 600_000, validDays: 184 }], 3)).toBeCloseTo(49_626.36, 2);
    expect(expectedInflow([{ commitmentCents: 150_000, validDays: 92 }], 3)).toBeCloseTo(24_813.18, 2);
    const recent = [
      { commitmentCents: 600_000, validDays: 184 },
      { commitmentCents: 150_000, validDays: 92 },
    ];
    expect(forecastGroup([a, b, c], recent, calendar)).toEqual({
      allocations: 3,
      committedCents: 4_400_000,
      realisedCents: 2_960_000,
      remainingCommitmentCents: 1_220_000,
      inflowCents: 74_440,
      forecastCents: 2_960_000 + 1_220_000 + 74_440,
    });
  });
});

describe('forecastAllocation', () => {
  it('keeps a declaration ahead of the open months when it exceeds the remaining commitment', () => {
    const calendar = yearCalendar(2026, '2026-11');
    const f = forecastAllocation({ commitmentCents: 120_000, realisedPassedCents: 100_000, realisedOpenCents: 30_000, validDays: 365, validOpenDays: 61 }, calendar);
    // Remaining 120,000 × 61/365 = 20,055; the 30,000 already declared for November is more.
    expect(f).toEqual({ realisedCents: 130_000, remainingCommitmentCents: 20_055, forecastCents: 130_000 });
  });

  it('spreads a commitment without validity days in the year over the calendar', () => {
    const f = forecastAllocation({ commitmentCents: 365_000, realisedPassedCents: 0, realisedOpenCents: 0, validDays: 0, validOpenDays: 0 }, yearCalendar(2026, '2026-10'));
    expect(f.remainingCommitmentCents).toBe(92_000);
  });
});

describe('recurrenceMonths', () => {
  it('sums min(duration, j) over the open months', () => {
    expect(recurrenceMonths(0, 5)).toBe(0);
    expect(recurrenceMonths(3, 12)).toBe(6);
    expect(recurrenceMonths(9, 2)).toBe(1 + 2 * 8);
    expect(recurrenceMonths(12, 0.5)).toBe(6);
  });
});

const facts = fc.record({
  commitmentCents: fc.integer({ min: 0, max: 50_000_000 }),
  realisedPassedCents: fc.integer({ min: 0, max: 50_000_000 }),
  realisedOpenCents: fc.integer({ min: 0, max: 5_000_000 }),
  validDays: fc.integer({ min: 0, max: 366 }),
  validOpenFraction: fc.double({ min: 0, max: 1, noNaN: true }),
});
const toFacts = ({ validOpenFraction, ...f }: { validOpenFraction: number } & Omit<AllocationYearFacts, 'validOpenDays'>): AllocationYearFacts => ({ ...f, validOpenDays: Math.floor(f.validDays * validOpenFraction) });
const recentFacts = fc.array(fc.record({ commitmentCents: fc.integer({ min: 0, max: 10_000_000 }), validDays: fc.integer({ min: 0, max: 1_500 }) }), { maxLength: 8 });
const month = fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`);

describe('properties', () => {
  it('a declaration for a passed month raises realisation and forecast by exactly its amount', () => {
    fc.assert(
      fc.property(facts, month, fc.integer({ min: 1, max: 10_000_000 }), (raw, open, cents) => {
        const calendar = yearCalendar(2026, open);
        const f = toFacts(raw);
        const before = forecastAllocation(f, calendar);
        const after = forecastAllocation({ ...f, realisedPassedCents: f.realisedPassedCents + cents }, calendar);
        expect(after.realisedCents - before.realisedCents).toBe(cents);
        expect(after.forecastCents - before.forecastCents).toBe(cents);
      }),
    );
  });

  it('the remaining commitment lies between 0 and the commitment, and the forecast at or above what was declared', () => {
    fc.assert(
      fc.property(facts, month, (raw, open) => {
        const f = forecastAllocation(toFacts(raw), yearCalendar(2026, open));
        expect(f.remainingCommitmentCents).toBeGreaterThanOrEqual(0);
        expect(f.remainingCommitmentCents).toBeLessThanOrEqual(raw.commitmentCents);
        expect(f.forecastCents).toBeGreaterThanOrEqual(f.realisedCents);
      }),
    );
  });

  it('for a year that has passed the forecast is the realisation', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 6 }), recentFacts, (raws, recent) => {
        const calendar = yearCalendar(2025, '2026-03');
        const all = raws.map((r) => ({ ...toFacts(r), validOpenDays: 0, realisedOpenCents: 0 }));
        const g = forecastGroup(all, recent, calendar);
        expect(g.inflowCents).toBe(0);
        expect(g.forecastCents).toBe(g.realisedCents);
      }),
    );
  });

  it('inflow grows with the open months and never exceeds a full year of recurrences', () => {
    fc.assert(
      fc.property(recentFacts, fc.integer({ min: 0, max: 11 }), (recent: NewAllocationFacts[], r) => {
        const fewer = expectedInflow(recent, r);
        const more = expectedInflow(recent, r + 1);
        expect(more).toBeGreaterThanOrEqual(fewer - 1e-6);
        // In a whole year each new allocation recurs once, at most for its own duration.
        const whole = recent.reduce((n, x) => n + x.commitmentCents, 0);
        expect(expectedInflow(recent, 12)).toBeLessThanOrEqual(whole + 1e-6);
        expect(fewer).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('a line is the sum of its providers', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(facts, { maxLength: 4 }), recentFacts), { maxLength: 5 }), month, (groups, open) => {
        const calendar = yearCalendar(2026, open);
        const perGroup = groups.map(([raws, recent]) => forecastGroup(raws.map(toFacts), recent, calendar));
        const total = perGroup.reduce(addFigures, forecastGroup([], [], calendar));
        const all = forecastGroup(groups.flatMap(([raws]) => raws.map(toFacts)), [], calendar);
        expect(total.allocations).toBe(all.allocations);
        expect(total.committedCents).toBe(all.committedCents);
        expect(total.forecastCents - total.inflowCents).toBe(all.forecastCents);
      }),
    );
  });

  it('a one-month allocation that recurs in each of the 12 open months adds its commitment once', () => {
    expect(expectedInflow([{ commitmentCents: 12_000, validDays: Math.round(DAYS_PER_MONTH) }], 12)).toBeCloseTo(12_000, -1);
  });
});
