import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  AmbiguousTariffError,
  InvalidChangeError,
  InvalidDateError,
  InvalidTariffError,
  InvalidTermsError,
  MissingTariffError,
  TariffUnitMismatchError,
  changeAllocation,
  computeCommitment,
  costInPeriod,
  formatCents,
  unitsInPeriod,
  type AllocationTerms,
  type Frequency,
  type Tariff,
  type Unit,
} from './commitment.js';

// Household help (hulp bij het huishouden): €30.50 per hour in 2026, €31.40 in 2027.
const HOUR_TARIFFS: Tariff[] = [
  { year: 2026, unit: 'hour', centsPerUnit: 3050 },
  { year: 2027, unit: 'hour', centsPerUnit: 3140 },
];

function householdHelp(volume: number, start: string, end: string | null): AllocationTerms {
  return { volume, unit: 'hour', frequency: 'per_week', start, end };
}

describe('unitsInPeriod', () => {
  it('counts per_day as volume × days', () => {
    // 2 day parts a day, 2026-03-01..2026-03-10 = 10 days → 20.
    const terms: AllocationTerms = { volume: 2, unit: 'day_part', frequency: 'per_day', start: '2026-03-01', end: '2026-12-31' };
    expect(unitsInPeriod(terms, '2026-03-01', '2026-03-10')).toBe(20);
  });

  it('counts per_week as volume × days / 7', () => {
    // 3 hours a week over 14 days → 6; over 10 days → 30/7.
    const terms = householdHelp(3, '2026-01-01', '2026-12-31');
    expect(unitsInPeriod(terms, '2026-02-02', '2026-02-15')).toBe(6);
    expect(unitsInPeriod(terms, '2026-02-02', '2026-02-11')).toBeCloseTo(30 / 7, 12);
  });

  it('clips the period to the validity of the allocation', () => {
    // Valid from 2026-06-29 only: of 2026-06-01..2026-07-05 just 7 days count → 3 hours.
    const terms = householdHelp(3, '2026-06-29', '2026-12-31');
    expect(unitsInPeriod(terms, '2026-06-01', '2026-07-05')).toBe(3);
    expect(unitsInPeriod(terms, '2027-01-01', '2027-01-31')).toBe(0);
    expect(unitsInPeriod(terms, '2026-07-05', '2026-07-01')).toBe(0);
  });

  it('per_month: full months count as volume whatever their length; February 2028 has 29 days', () => {
    const dayParts: AllocationTerms = { volume: 8, unit: 'day_part', frequency: 'per_month', start: '2027-01-01', end: '2028-12-31' };
    expect(unitsInPeriod(dayParts, '2027-02-01', '2027-02-28')).toBe(8);
    expect(unitsInPeriod(dayParts, '2028-02-01', '2028-02-29')).toBe(8);
    // Half of February: 2027 has 28 days → 8 × 14/28 = 4; leap 2028 has 29 → 8 × 14/29 = 112/29.
    expect(unitsInPeriod(dayParts, '2027-02-01', '2027-02-14')).toBe(4);
    expect(unitsInPeriod(dayParts, '2028-02-01', '2028-02-14')).toBeCloseTo(112 / 29, 12);
    // 2028-02-15..2028-03-14: 15/29 of February + 14/31 of March
    // = 8 × (15·31 + 14·29) / (29·31) = 8 × 871/899 = 6968/899 ≈ 7.7508.
    expect(unitsInPeriod(dayParts, '2028-02-15', '2028-03-14')).toBeCloseTo(6968 / 899, 12);
  });

  it("total: the volume spread by days over the whole validity", () => {
    // 60 hours over 2026-01-01..2026-06-30 (181 days); January is 31 days → 60 × 31/181.
    const terms: AllocationTerms = { volume: 60, unit: 'hour', frequency: 'total', start: '2026-01-01', end: '2026-06-30' };
    expect(unitsInPeriod(terms, '2026-01-01', '2026-01-31')).toBeCloseTo((60 * 31) / 181, 12);
    expect(unitsInPeriod(terms, '2025-01-01', '2026-12-31')).toBe(60);
  });

  it("refuses an open-ended 'total' (its share of days is undefined) and invalid dates", () => {
    const terms: AllocationTerms = { volume: 1, unit: 'piece', frequency: 'total', start: '2026-01-01', end: null };
    expect(() => unitsInPeriod(terms, '2026-01-01', '2026-12-31')).toThrow(InvalidTermsError);
    expect(() => unitsInPeriod(householdHelp(3, '2026-01-01', null), '2026-02-30', '2026-03-31')).toThrow(InvalidDateError);
  });
});

describe('computeCommitment', () => {
  it('3 hours a week household help at €30.50 from 2026-01-05 to 2026-12-31', () => {
    // Days: 5..31 January = 27, February..December = 365 − 31 = 334 → 361 days.
    // Units: 361/7 weeks × 3 = 1083/7 ≈ 154.714 hours.
    // Cents: 1083 × 3050 / 7 = 3,303,150 / 7 = 471,878.57… → 471,879 (€ 4.718,79).
    const result = computeCommitment({ terms: householdHelp(3, '2026-01-05', '2026-12-31'), tariffs: HOUR_TARIFFS, horizon: '2026-12-31' });
    expect(result.perYear).toHaveLength(1);
    expect(result.perYear[0]?.units).toBeCloseTo(1083 / 7, 9);
    expect(result.perYear[0]).toMatchObject({ year: 2026, centsPerUnit: 3050, cents: 471_879 });
    expect(result.totalCents).toBe(471_879);
    expect(formatCents(result.totalCents)).toBe('€ 4.718,79');
  });

  it('splits at 1 January with each year its own tariff', () => {
    // 2026-10-01..2027-03-31, 3 hours a week.
    // 2026: October 31 + November 30 + December 31 = 92 days → 276/7 hours;
    //       276 × 3050 / 7 = 841,800 / 7 = 120,257.14… → 120,257.
    // 2027: January 31 + February 28 + March 31 = 90 days → 270/7 hours;
    //       270 × 3140 / 7 = 847,800 / 7 = 121,114.29… → 121,114.
    // Total 120,257 + 121,114 = 241,371.
    const result = computeCommitment({ terms: householdHelp(3, '2026-10-01', '2027-03-31'), tariffs: HOUR_TARIFFS, horizon: '2026-12-31' });
    expect(result.perYear).toEqual([
      { year: 2026, units: 276 / 7, centsPerUnit: 3050, cents: 120_257 },
      { year: 2027, units: 270 / 7, centsPerUnit: 3140, cents: 121_114 },
    ]);
    expect(result.totalCents).toBe(241_371);
  });

  it('per_month: dagbesteding 8 day parts a month at €52.40 from 2026-03-16 to 2026-08-31', () => {
    // March 16..31 = 16 of 31 days, April..August 5 full months.
    // Units: 8 × (5 + 16/31) = 8 × 171/31 = 1368/31 ≈ 44.129 day parts.
    // Cents: 1368 × 5240 / 31 = 7,168,320 / 31 = 231,236.13… → 231,236.
    const terms: AllocationTerms = { volume: 8, unit: 'day_part', frequency: 'per_month', start: '2026-03-16', end: '2026-08-31' };
    const result = computeCommitment({ terms, tariffs: [{ year: 2026, unit: 'day_part', centsPerUnit: 5240 }], horizon: '2026-12-31' });
    expect(result.perYear[0]?.units).toBeCloseTo(1368 / 31, 9);
    expect(result.totalCents).toBe(231_236);
  });

  it('per_month over leap February 2028', () => {
    // 2028-02-01..2028-03-31: two full months → 2 × 8 = 16 day parts; 16 × 5400 = 86,400.
    // 2028-02-15..2028-03-14 → 6968/899 day parts (see unitsInPeriod); × 5400 = 37,627,200 / 899
    // = 41,854.50… → 41,855 (not a tie: 899 × 41,854.5 = 37,627,195.5).
    const tariffs: Tariff[] = [{ year: 2028, unit: 'day_part', centsPerUnit: 5400 }];
    const whole: AllocationTerms = { volume: 8, unit: 'day_part', frequency: 'per_month', start: '2028-02-01', end: '2028-03-31' };
    expect(computeCommitment({ terms: whole, tariffs, horizon: '2028-12-31' }).totalCents).toBe(86_400);
    const straddling = { ...whole, start: '2028-02-15', end: '2028-03-14' };
    expect(computeCommitment({ terms: straddling, tariffs, horizon: '2028-12-31' }).totalCents).toBe(41_855);
  });

  it('per_day: short stay (1 day a day) across the turn of the year', () => {
    // 2026-12-20..2027-01-10. 2026: 20..31 December = 12 days × 14,500 = 174,000.
    // 2027: 1..10 January = 10 days × 14,900 = 149,000. Total 323,000.
    const terms: AllocationTerms = { volume: 1, unit: 'day', frequency: 'per_day', start: '2026-12-20', end: '2027-01-10' };
    const tariffs: Tariff[] = [
      { year: 2026, unit: 'day', centsPerUnit: 14_500 },
      { year: 2027, unit: 'day', centsPerUnit: 14_900 },
    ];
    const result = computeCommitment({ terms, tariffs, horizon: '2026-12-31' });
    expect(result.perYear.map(({ year, units, cents }) => ({ year, units, cents }))).toEqual([
      { year: 2026, units: 12, cents: 174_000 },
      { year: 2027, units: 10, cents: 149_000 },
    ]);
    expect(result.totalCents).toBe(323_000);
  });

  describe("total: a wheelchair, 1 piece at €2,450", () => {
    const tariffs: Tariff[] = [
      { year: 2026, unit: 'piece', centsPerUnit: 245_000 },
      { year: 2027, unit: 'piece', centsPerUnit: 245_000 },
    ];
    const wheelchair = (start: string, end: string): AllocationTerms => ({ volume: 1, unit: 'piece', frequency: 'total', start, end });

    it('commits everything in the start year when the allocation lies within one year', () => {
      const result = computeCommitment({ terms: wheelchair('2026-03-01', '2026-12-31'), tariffs, horizon: '2026-12-31' });
      expect(result.perYear).toEqual([{ year: 2026, units: 1, centsPerUnit: 245_000, cents: 245_000 }]);
    });

    it('spreads pro rata by days when the allocation crosses 1 January', () => {
      // 2026-11-01..2027-10-31 = 365 days (no 29 February in between).
      // 2026: November 30 + December 31 = 61 days → 61 × 245,000 / 365 = 14,945,000 / 365 = 40,945.21… → 40,945.
      // 2027: 304 days → 304 × 245,000 / 365 = 74,480,000 / 365 = 204,054.79… → 204,055.
      // Total 245,000: the whole wheelchair, the rounding happens to cancel out.
      const result = computeCommitment({ terms: wheelchair('2026-11-01', '2027-10-31'), tariffs, horizon: '2026-12-31' });
      expect(result.perYear.map(({ year, cents }) => ({ year, cents }))).toEqual([
        { year: 2026, cents: 40_945 },
        { year: 2027, cents: 204_055 },
      ]);
      expect(result.perYear[0]?.units).toBeCloseTo(61 / 365, 12);
      expect(result.totalCents).toBe(245_000);
    });
  });

  it('unit euro: the volume is in euros, 100 cents each, no tariff needed', () => {
    // €250 a month, 2026-01-01..2026-06-30: 6 months × 250 × 100 = 150,000.
    const monthly: AllocationTerms = { volume: 250, unit: 'euro', frequency: 'per_month', start: '2026-01-01', end: '2026-06-30' };
    expect(computeCommitment({ terms: monthly, tariffs: [], horizon: '2026-12-31' }).perYear).toEqual([
      { year: 2026, units: 1500, centsPerUnit: 100, cents: 150_000 },
    ]);
    // 1..16 January: 250 × 16/31 = 129.03… euros = 12,903.2… cents → 12,903.
    const partial = { ...monthly, end: '2026-01-16' };
    expect(computeCommitment({ terms: partial, tariffs: [], horizon: '2026-12-31' }).totalCents).toBe(12_903);
  });

  it('commits an open-ended allocation up to the horizon only', () => {
    // From 2026-07-01, horizon 2026-12-31: July 31 + August 31 + September 30 + October 31
    // + November 30 + December 31 = 184 days → 552/7 hours; 552 × 3050 / 7 = 1,683,600 / 7
    // = 240,514.29… → 240,514.
    const openEnded = householdHelp(3, '2026-07-01', null);
    expect(computeCommitment({ terms: openEnded, tariffs: HOUR_TARIFFS, horizon: '2026-12-31' }).totalCents).toBe(240_514);
    // A later horizon takes in 2027 too: 365 days → 1095 × 3140 / 7 = 491,185.71… → 491,186.
    const twoYears = computeCommitment({ terms: openEnded, tariffs: HOUR_TARIFFS, horizon: '2027-12-31' });
    expect(twoYears.perYear.map((entry) => entry.cents)).toEqual([240_514, 491_186]);
    // Starting after the horizon: nothing committed yet (and no tariff needed).
    const later = householdHelp(3, '2027-02-01', null);
    expect(computeCommitment({ terms: later, tariffs: [], horizon: '2026-12-31' })).toEqual({ totalCents: 0, perYear: [] });
  });

  it('ignores the horizon when the allocation has an end', () => {
    const result = computeCommitment({ terms: householdHelp(3, '2026-10-01', '2027-03-31'), tariffs: HOUR_TARIFFS, horizon: '2026-06-30' });
    expect(result.totalCents).toBe(241_371);
  });

  it("spreads an open-ended 'total' over start..horizon", () => {
    // 1 piece from 2026-12-01, horizon 2027-01-31: 62 days, 31 in each year → 122,500 each.
    const terms: AllocationTerms = { volume: 1, unit: 'piece', frequency: 'total', start: '2026-12-01', end: null };
    const tariffs: Tariff[] = [2026, 2027].map((year) => ({ year, unit: 'piece', centsPerUnit: 245_000 }));
    expect(computeCommitment({ terms, tariffs, horizon: '2027-01-31' }).perYear.map((entry) => entry.cents)).toEqual([122_500, 122_500]);
  });

  it('throws MissingTariffError naming the year without a tariff', () => {
    const run = (): unknown =>
      computeCommitment({ terms: householdHelp(3, '2026-10-01', '2027-03-31'), tariffs: HOUR_TARIFFS.slice(0, 1), horizon: '2026-12-31' });
    expect(run).toThrow(MissingTariffError);
    expect(run).toThrow(/2027/);
    expect(run).toThrow(expect.objectContaining({ year: 2027 }));
  });

  it('throws TariffUnitMismatchError when the tariff is per another unit', () => {
    const perMinute: Tariff[] = [{ year: 2026, unit: 'minute', centsPerUnit: 51 }];
    const run = (): unknown => computeCommitment({ terms: householdHelp(3, '2026-01-05', '2026-12-31'), tariffs: perMinute, horizon: '2026-12-31' });
    expect(run).toThrow(TariffUnitMismatchError);
    expect(run).toThrow(/minute.*hour/);
  });

  it('rejects conflicting, fractional or negative tariffs and invalid terms', () => {
    const terms = householdHelp(3, '2026-01-05', '2026-12-31');
    const commit = (tariffs: Tariff[], t: AllocationTerms = terms) => () => computeCommitment({ terms: t, tariffs, horizon: '2026-12-31' });
    expect(commit([HOUR_TARIFFS[0]!, { year: 2026, unit: 'hour', centsPerUnit: 3100 }])).toThrow(AmbiguousTariffError);
    expect(commit([HOUR_TARIFFS[0]!, HOUR_TARIFFS[0]!])).not.toThrow();
    expect(commit([{ year: 2026, unit: 'hour', centsPerUnit: 30.5 }])).toThrow(InvalidTariffError);
    expect(commit([{ year: 2026, unit: 'hour', centsPerUnit: -1 }])).toThrow(InvalidTariffError);
    expect(commit(HOUR_TARIFFS, { ...terms, volume: -1 })).toThrow(InvalidTermsError);
    expect(commit(HOUR_TARIFFS, { ...terms, end: '2026-01-04' })).toThrow(InvalidTermsError);
    expect(commit(HOUR_TARIFFS, { ...terms, start: '2026-1-5' })).toThrow(InvalidDateError);
    expect(commit(HOUR_TARIFFS, { ...terms, unit: 'litre' as Unit })).toThrow(InvalidTermsError);
  });

  it('a half-cent tie rounds up, exactly', () => {
    // 1 piece over 2 days (2026-12-31..2027-01-01) at 1 cent: each year's share is exactly
    // 0.5 cent, which Math.round takes up → 1 cent each, total 2.
    const terms: AllocationTerms = { volume: 1, unit: 'piece', frequency: 'total', start: '2026-12-31', end: '2027-01-01' };
    const tariffs: Tariff[] = [2026, 2027].map((year) => ({ year, unit: 'piece', centsPerUnit: 1 }));
    expect(computeCommitment({ terms, tariffs, horizon: '2026-12-31' }).perYear.map((entry) => entry.cents)).toEqual([1, 1]);
  });
});

describe('costInPeriod', () => {
  it('sums the segments inside the window, each year at its tariff', () => {
    // Window 2026-12-01..2027-01-31 of 3 hours a week: December 93/7 × 3050 = 40,521.43… → 40,521;
    // January 93/7 × 3140 = 41,717.14… → 41,717. A segment outside the window adds nothing.
    const segments = [householdHelp(3, '2026-10-01', '2027-03-31'), householdHelp(5, '2027-04-01', '2027-06-30')];
    expect(costInPeriod({ segments, tariffs: HOUR_TARIFFS, from: '2026-12-01', to: '2027-01-31', horizon: '2026-12-31' })).toBe(40_521 + 41_717);
    // An open-ended segment runs to the horizon: 1..31 December 2026 only.
    expect(costInPeriod({ segments: [householdHelp(3, '2026-12-01', null)], tariffs: HOUR_TARIFFS, from: '2026-12-01', to: '2027-11-30', horizon: '2026-12-31' })).toBe(40_521);
  });
});

describe('changeAllocation', () => {
  it('volume 3 → 5 hours a week from 1 July', () => {
    // Before: 2026-01-01..2026-12-31 = 365 days → 1095/7 hours; 1095 × 3050 / 7 = 3,339,750 / 7
    //         = 477,107.14… → 477,107.
    // Segment 1: 1 January..30 June = 181 days × 3 / 7 → 543 × 3050 / 7 = 1,656,150 / 7 = 236,592.86… → 236,593.
    // Segment 2: 1 July..31 December = 184 days × 5 / 7 → 920 × 3050 / 7 = 2,806,000 / 7 = 400,857.14… → 400,857.
    // After: 236,593 + 400,857 = 637,450. Delta: 637,450 − 477,107 = 160,343
    // (cross-check: 2 extra hours × 184/7 weeks × 3050 = 1,122,400 / 7 = 160,342.86).
    const result = changeAllocation({
      before: householdHelp(3, '2026-01-01', '2026-12-31'),
      change: { effectiveFrom: '2026-07-01', volume: 5 },
      tariffs: HOUR_TARIFFS,
      horizon: '2026-12-31',
    });
    expect(result.segments).toEqual([householdHelp(3, '2026-01-01', '2026-06-30'), householdHelp(5, '2026-07-01', '2026-12-31')]);
    expect(result.before.totalCents).toBe(477_107);
    expect(result.after.perYear).toEqual([{ year: 2026, units: 543 / 7 + 920 / 7, centsPerUnit: 3050, cents: 637_450 }]);
    expect(result.deltaPerYear).toEqual([{ year: 2026, cents: 160_343 }]);
  });

  it('ending early (31 December → 30 September) gives a negative delta', () => {
    // After: 1 January..30 September = 273 days = 39 weeks × 3 = 117 hours × 3050 = 356,850.
    // Delta: 356,850 − 477,107 = −120,257, which is exactly October..December (see the split test).
    const result = changeAllocation({
      before: householdHelp(3, '2026-01-01', '2026-12-31'),
      change: { effectiveFrom: '2026-10-01', end: '2026-09-30' },
      tariffs: HOUR_TARIFFS,
      horizon: '2026-12-31',
    });
    expect(result.segments).toEqual([householdHelp(3, '2026-01-01', '2026-09-30')]);
    expect(result.after.totalCents).toBe(356_850);
    expect(result.deltaPerYear).toEqual([{ year: 2026, cents: -120_257 }]);
    expect(formatCents(result.deltaPerYear[0]!.cents)).toBe('€ -1.202,57');
  });

  it('ending early lists a year that only the old allocation touched', () => {
    // 2026-10-01..2027-03-31 ended at 2026-12-31: 2026 unchanged, 2027 loses all 121,114.
    const result = changeAllocation({
      before: householdHelp(3, '2026-10-01', '2027-03-31'),
      change: { effectiveFrom: '2027-01-01', end: '2026-12-31' },
      tariffs: HOUR_TARIFFS,
      horizon: '2026-12-31',
    });
    expect(result.after.perYear.map((entry) => entry.year)).toEqual([2026]);
    expect(result.deltaPerYear).toEqual([
      { year: 2026, cents: 0 },
      { year: 2027, cents: -121_114 },
    ]);
  });

  it('an end before effectiveFrom also cuts the first segment; an end before the start cancels', () => {
    const before = householdHelp(3, '2026-01-01', '2026-12-31');
    const cut = changeAllocation({ before, change: { effectiveFrom: '2026-10-01', end: '2026-06-30' }, tariffs: HOUR_TARIFFS, horizon: '2026-12-31' });
    expect(cut.segments).toEqual([householdHelp(3, '2026-01-01', '2026-06-30')]);
    const cancelled = changeAllocation({ before, change: { effectiveFrom: '2026-01-01', end: '2025-12-31' }, tariffs: HOUR_TARIFFS, horizon: '2026-12-31' });
    expect(cancelled.segments).toEqual([]);
    expect(cancelled.after).toEqual({ totalCents: 0, perYear: [] });
    expect(cancelled.deltaPerYear).toEqual([{ year: 2026, cents: -477_107 }]);
  });

  it('a change from the start replaces the terms; an extension after the end continues them', () => {
    const before = householdHelp(3, '2026-01-01', '2026-06-30');
    const replaced = changeAllocation({ before, change: { effectiveFrom: '2026-01-01', frequency: 'per_month' }, tariffs: HOUR_TARIFFS, horizon: '2026-12-31' });
    // 6 full months × 3 hours = 18 × 3050 = 54,900.
    expect(replaced.segments).toEqual([{ ...before, frequency: 'per_month' }]);
    expect(replaced.after.totalCents).toBe(54_900);
    const extended = changeAllocation({ before, change: { effectiveFrom: '2026-07-01', end: '2026-12-31' }, tariffs: HOUR_TARIFFS, horizon: '2026-12-31' });
    // Delta is the second half: 184 days → 240,514 (see the open-ended test).
    expect(extended.deltaPerYear).toEqual([{ year: 2026, cents: 240_514 }]);
  });

  it('an open-ended allocation changed to an end date', () => {
    // Open-ended from 2026-07-01, horizon 2026-12-31: before 240,514. Ended at 2026-09-30:
    // 92 days (July 31 + August 31 + September 30) → 276 × 3050 / 7 = 120,257.14… → 120,257.
    const result = changeAllocation({
      before: householdHelp(3, '2026-07-01', null),
      change: { effectiveFrom: '2026-10-01', end: '2026-09-30' },
      tariffs: HOUR_TARIFFS,
      horizon: '2026-12-31',
    });
    expect(result.before.totalCents).toBe(240_514);
    expect(result.after.totalCents).toBe(120_257);
    expect(result.deltaPerYear).toEqual([{ year: 2026, cents: -120_257 }]);
  });

  describe("frequency 'total': 60 hours begeleiding over 2026-01-01..2026-06-30 (181 days) at €60", () => {
    const tariffs: Tariff[] = [{ year: 2026, unit: 'hour', centsPerUnit: 6000 }];
    const before: AllocationTerms = { volume: 60, unit: 'hour', frequency: 'total', start: '2026-01-01', end: '2026-06-30' };
    const change = (c: Parameters<typeof changeAllocation>[0]['change']) => changeAllocation({ before, change: c, tariffs, horizon: '2026-12-31' });

    it('ending early releases the undelivered share', () => {
      // Before: 60 × 6000 = 360,000. Kept: 1 January..31 March = 90 days → 60 × 90/181 hours
      // = 29.834… hours; 60 × 90 × 6000 / 181 = 32,400,000 / 181 = 179,005.52… → 179,006.
      const result = change({ effectiveFrom: '2026-04-01', end: '2026-03-31' });
      expect(result.segments).toHaveLength(1);
      expect(result.segments[0]?.volume).toBeCloseTo((60 * 90) / 181, 12);
      expect(result.after.totalCents).toBe(179_006);
      expect(result.deltaPerYear).toEqual([{ year: 2026, cents: 179_006 - 360_000 }]);
    });

    it('extending without a new volume spreads the remaining share, committing nothing extra', () => {
      // Segment 2: 1 April..30 June share = 91 days → 60 × 91/181 hours, now over 1 April..30 September.
      // 60 × 91 × 6000 / 181 = 32,760,000 / 181 = 180,994.48… → 180,994; 179,006 + 180,994 = 360,000.
      const result = change({ effectiveFrom: '2026-04-01', end: '2026-09-30' });
      expect(result.segments[1]).toMatchObject({ start: '2026-04-01', end: '2026-09-30', frequency: 'total' });
      expect(result.segments[1]?.volume).toBeCloseTo((60 * 91) / 181, 12);
      expect(result.after.totalCents).toBe(360_000);
      expect(result.deltaPerYear).toEqual([{ year: 2026, cents: 0 }]);
    });

    it('a new volume is the total for the rest of the period', () => {
      // 80 hours over 1 April..30 June = 480,000; after = 179,006 + 480,000 = 659,006.
      const result = change({ effectiveFrom: '2026-04-01', volume: 80 });
      expect(result.segments[1]).toMatchObject({ volume: 80, start: '2026-04-01', end: '2026-06-30' });
      expect(result.after.totalCents).toBe(659_006);
    });
  });

  it('rejects a change before the start or after a gap', () => {
    const before = householdHelp(3, '2026-01-01', '2026-06-30');
    const run = (effectiveFrom: string) => () => changeAllocation({ before, change: { effectiveFrom, volume: 4 }, tariffs: HOUR_TARIFFS, horizon: '2026-12-31' });
    expect(run('2025-12-31')).toThrow(InvalidChangeError);
    expect(run('2026-07-02')).toThrow(InvalidChangeError);
    expect(run('2026-07-01')).not.toThrow();
    expect(() => changeAllocation({ before, change: { effectiveFrom: '2026-03-01', volume: -2 }, tariffs: HOUR_TARIFFS, horizon: '2026-12-31' })).toThrow(
      InvalidChangeError,
    );
  });
});

describe('formatCents', () => {
  it.each([
    [123_456, '€ 1.234,56'],
    [0, '€ 0,00'],
    [5, '€ 0,05'],
    [100_000_000, '€ 1.000.000,00'],
    [-120_257, '€ -1.202,57'],
    [Number.MAX_SAFE_INTEGER, '€ 90.071.992.547.409,91'],
  ])('formats %i cents as %s with a plain space', (cents, expected) => {
    expect(formatCents(cents)).toBe(expected);
    expect(formatCents(cents)).not.toMatch(/[\u00a0\u202f]/);
  });

  it('refuses fractional cents', () => {
    expect(() => formatCents(1.5)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. Dates are drawn as day offsets from 2024-01-01 over seven years (two leap years).

const BASE_DAY = Date.UTC(2024, 0, 1) / 86_400_000;
const SPAN_DAYS = 7 * 365;
const iso = (offset: number): string => new Date((BASE_DAY + offset) * 86_400_000).toISOString().slice(0, 10);
const allYears = Array.from({ length: 10 }, (_, i) => 2024 + i);
const tariffsFor = (unit: Unit, cents: number): Tariff[] => allYears.map((year, i) => ({ year, unit, centsPerUnit: cents + 7 * i }));

const unitArb = fc.constantFrom<Unit>('minute', 'hour', 'day_part', 'day', 'piece', 'euro');
const rateArb = fc.constantFrom<Frequency>('per_day', 'per_week', 'per_month');
const frequencyArb = fc.constantFrom<Frequency>('per_day', 'per_week', 'per_month', 'total');
const periodArb = fc
  .tuple(fc.integer({ min: 0, max: SPAN_DAYS }), fc.integer({ min: 0, max: 800 }))
  .map(([from, length]) => ({ start: iso(from), end: iso(from + length), from, length }));

describe('properties', () => {
  it('per-year cents always sum to totalCents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), unitArb, frequencyArb, periodArb, fc.integer({ min: 0, max: 50_000 }), (volume, unit, frequency, period, cents) => {
        const result = computeCommitment({ terms: { volume, unit, frequency, start: period.start, end: period.end }, tariffs: tariffsFor(unit, cents), horizon: period.end });
        expect(result.perYear.reduce((sum, entry) => sum + entry.cents, 0)).toBe(result.totalCents);
        expect(result.perYear.every((entry) => Number.isSafeInteger(entry.cents))).toBe(true);
      }),
    );
  });

  it('two adjacent segments with the same rate terms commit the same per year within 1 cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), rateArb, periodArb, fc.integer({ min: 1, max: 799 }), fc.integer({ min: 0, max: 50_000 }), (volume, frequency, period, cut, cents) => {
        fc.pre(cut <= period.length);
        const terms: AllocationTerms = { volume, unit: 'hour', frequency, start: period.start, end: period.end };
        const tariffs = tariffsFor('hour', cents);
        const commit = (t: AllocationTerms) => computeCommitment({ terms: t, tariffs, horizon: period.end });
        const whole = commit(terms);
        const split = [commit({ ...terms, end: iso(period.from + cut - 1) }), commit({ ...terms, start: iso(period.from + cut) })];
        for (const entry of whole.perYear) {
          const parts = split.flatMap((r) => r.perYear).filter((p) => p.year === entry.year);
          expect(Math.abs(parts.reduce((sum, p) => sum + p.cents, 0) - entry.cents)).toBeLessThanOrEqual(1);
        }
        expect(Math.abs(split[0]!.totalCents + split[1]!.totalCents - whole.totalCents)).toBeLessThanOrEqual(whole.perYear.length);
      }),
    );
  });

  it('commitment is monotone in volume, in total and per year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), unitArb, frequencyArb, periodArb, fc.integer({ min: 0, max: 50_000 }), (a, b, unit, frequency, period, cents) => {
        const commit = (volume: number) =>
          computeCommitment({ terms: { volume, unit, frequency, start: period.start, end: period.end }, tariffs: tariffsFor(unit, cents), horizon: period.end });
        const [low, high] = [commit(Math.min(a, b)), commit(Math.max(a, b))];
        expect(low.totalCents).toBeLessThanOrEqual(high.totalCents);
        low.perYear.forEach((entry, i) => expect(entry.cents).toBeLessThanOrEqual(high.perYear[i]!.cents));
      }),
    );
  });

  it('a change that changes nothing moves no year by more than 1 cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), frequencyArb, periodArb, fc.integer({ min: 0, max: 800 }), (volume, frequency, period, cut) => {
        fc.pre(cut <= period.length);
        const before: AllocationTerms = { volume, unit: 'hour', frequency, start: period.start, end: period.end };
        const result = changeAllocation({ before, change: { effectiveFrom: iso(period.from + cut) }, tariffs: tariffsFor('hour', 3050), horizon: period.end });
        for (const delta of result.deltaPerYear) expect(Math.abs(delta.cents)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
