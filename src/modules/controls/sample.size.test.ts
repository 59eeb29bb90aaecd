import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialCdf, MAX_UNCORRECTED_SIZE, sampleSize, uncorrectedSize } from './sample.size.js';

// Parameters on the grid the API accepts (confidence in 0.001 steps, error rates in 0.0001 steps),
// kept where the search stays below MAX_UNCORRECTED_SIZE.
const confidence = fc.integer({ min: 500, max: 990 }).map((v) => v / 1000);
const tolerable = fc.integer({ min: 200, max: 5000 }).map((v) => v / 10_000);
const expectedShare = fc.integer({ min: 0, max: 40 }).map((v) => v / 100);
const population = fc.integer({ min: 1, max: 1_000_000 });

const size = (c: number, pt: number, pe: number, N: number) => sampleSize({ populationSize: N, confidence: c, tolerableError: pt, expectedError: pe });
/** pe as a share of pt on the 0.0001 grid, always below pt. */
const expectedOf = (pt: number, share: number) => Math.floor(pt * share * 10_000) / 10_000;

describe('sample size (attribute sampling, AICPA; finite-population correction)', () => {
  it('reproduces the AICPA table values for a 5 % risk of overreliance (95 % confidence)', () => {
    // Tolerable deviation rate 2 … 20 %, expected 0 %, 1 %, 2 %: sample size (allowed deviations).
    const table: [number, number, string][] = [
      [0.02, 0, '149(0)'], [0.03, 0, '99(0)'], [0.04, 0, '74(0)'], [0.05, 0, '59(0)'], [0.06, 0, '49(0)'], [0.07, 0, '42(0)'],
      [0.08, 0, '36(0)'], [0.09, 0, '32(0)'], [0.1, 0, '29(0)'], [0.15, 0, '19(0)'], [0.2, 0, '14(0)'],
      [0.04, 0.01, '156(2)'], [0.05, 0.01, '93(1)'], [0.06, 0.01, '78(1)'], [0.1, 0.01, '46(1)'],
      [0.05, 0.02, '181(4)'], [0.06, 0.02, '127(3)'], [0.07, 0.02, '88(2)'], [0.1, 0.02, '46(1)'],
    ];
    for (const [pt, pe, want] of table) {
      const got = uncorrectedSize(0.95, pt, pe);
      expect(`${got?.n}(${got?.k})`, `pt ${pt}, pe ${pe}`).toBe(want);
    }
  });

  it('reproduces the AICPA table values for a 10 % risk of overreliance (90 % confidence)', () => {
    const rows: [number, number][] = [[0.02, 114], [0.03, 76], [0.04, 57], [0.05, 45], [0.06, 38], [0.07, 32], [0.08, 28], [0.09, 25], [0.1, 22], [0.15, 15], [0.2, 11]];
    for (const [pt, n] of rows) expect(uncorrectedSize(0.9, pt, 0)?.n).toBe(n);
  });

  it('with no expected errors is the closed form ⌈ln(1 − c) / ln(1 − pt)⌉', () => {
    fc.assert(
      fc.property(confidence, tolerable, (c, pt) => {
        const n = uncorrectedSize(c, pt, 0)!.n;
        // The smallest n with (1 − pt)^n ≤ 1 − c.
        expect((1 - pt) ** n).toBeLessThanOrEqual(1 - c + 1e-9);
        expect((1 - pt) ** (n - 1)).toBeGreaterThan(1 - c - 1e-9);
      }),
    );
  });

  it('is the smallest n whose binomial upper limit reaches the tolerable rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 800, max: 990 }).map((v) => v / 1000), fc.integer({ min: 300, max: 2000 }).map((v) => v / 10_000), fc.integer({ min: 1, max: 40 }).map((v) => v / 100), (c, pt, share) => {
        const pe = expectedOf(pt, share);
        const found = uncorrectedSize(c, pt, pe)!;
        expect(binomialCdf(found.k, found.n, pt)).toBeLessThanOrEqual(1 - c + 1e-9);
        for (let n = 1; n < found.n; n++) expect(binomialCdf(Math.ceil(n * pe - 1e-9), n, pt)).toBeGreaterThan(1 - c - 1e-9);
      }),
      { numRuns: 30 },
    );
  });

  it('never exceeds the population, and checks all of a population smaller than it needs', () => {
    fc.assert(
      fc.property(confidence, tolerable, expectedShare, population, (c, pt, share, N) => {
        const s = size(c, pt, expectedOf(pt, share), N)!;
        expect(s.size).toBeLessThanOrEqual(N);
        expect(s.size).toBeGreaterThanOrEqual(1);
        expect(s.size).toBeLessThanOrEqual(s.uncorrected);
        expect(s.wholePopulation).toBe(s.size === N);
      }),
    );
    expect(size(0.95, 0.05, 0, 1)).toMatchObject({ size: 1, wholePopulation: true });
    expect(size(0.95, 0.05, 0, 0)).toMatchObject({ size: 0 });
    expect(size(0.95, 0.05, 0, 70)).toMatchObject({ size: 33, uncorrected: 59 });
    // A population far larger than the sample: the correction changes (almost) nothing.
    expect(size(0.95, 0.05, 0, 1_000_000)!.size).toBe(59);
  });

  it('grows with the confidence asked', () => {
    fc.assert(
      fc.property(confidence, confidence, tolerable, expectedShare, population, (c1, c2, pt, share, N) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const pe = expectedOf(pt, share);
        expect(size(lo, pt, pe, N)!.size).toBeLessThanOrEqual(size(hi, pt, pe, N)!.size);
      }),
    );
  });

  it('shrinks as the tolerable error grows (same expected error)', () => {
    fc.assert(
      fc.property(confidence, tolerable, tolerable, fc.integer({ min: 0, max: 100 }).map((v) => v / 10_000), population, (c, t1, t2, pe, N) => {
        const [lo, hi] = t1 <= t2 ? [t1, t2] : [t2, t1];
        fc.pre(pe < lo / 2);
        expect(size(c, lo, pe, N)!.size).toBeGreaterThanOrEqual(size(c, hi, pe, N)!.size);
      }),
    );
  });

  it('grows with the population and with the expected error', () => {
    fc.assert(
      fc.property(confidence, tolerable, expectedShare, population, population, (c, pt, share, n1, n2) => {
        const pe = expectedOf(pt, share);
        const [lo, hi] = n1 <= n2 ? [n1, n2] : [n2, n1];
        expect(size(c, pt, pe, lo)!.size).toBeLessThanOrEqual(size(c, pt, pe, hi)!.size);
        expect(size(c, pt, 0, hi)!.size).toBeLessThanOrEqual(size(c, pt, pe, hi)!.size);
      }),
    );
  });

  it('refuses (null) parameters that need more than the maximum before the correction', () => {
    expect(uncorrectedSize(0.95, 0.02, 0.0199)).toBeNull();
    expect(uncorrectedSize(0.999, 0.0005, 0)).toBeNull();
    expect(uncorrectedSize(0.95, 0.05, 0)!.n).toBeLessThan(MAX_UNCORRECTED_SIZE);
  });
});
