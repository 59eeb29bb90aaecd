import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kostendelerNorm, kostendelerNormGehuwden } from './pw.kostendelers.js';
import { PW_NORM_TABLE } from './pw.norms.data.js';

const periods = PW_NORM_TABLE.periods;

describe('kostendelersnorm (art. 22a lid 1)', () => {
  it('A = 1 gives the alleenstaande norm (70 % of the gehuwdennorm) in every 2025 period', () => {
    for (const p of periods) {
      expect(kostendelerNorm(p.norms['gehuwden-21-plus'].inclVtCents, 1)).toBe(p.norms['alleenstaande-21-plus'].inclVtCents);
    }
  });

  it.each([
    [2, 97_790], // 50 % of 1,955.80
    [3, 84_751], // 43.33 % of 1,955.80 = 847.513…
    [4, 78_232], // 40 % of 1,955.80
    [5, 74_320], // 38 % of 1,955.80 = 743.204
  ])('1 Jul 2025, A = %i: %i cents', (a, cents) => {
    expect(kostendelerNorm(195_580, a)).toBe(cents);
  });

  it('rounds half a cent up: A = 2 on 1 Jan 2025 is 50 % of 1,922.07 = 961.035 → 961.04', () => {
    expect(kostendelerNorm(192_207, 2)).toBe(96_104);
  });

  it('reproduces the ratio of domain-facts §5.1 (single 21+, 2-person household: 1,065.47 vs 1,491.64 alone)', () => {
    // Both published figures are the same multiple (120 %) of the norm, so their ratio is A=2 over A=1: 50/70.
    expect(kostendelerNorm(1_000_000, 2) / kostendelerNorm(1_000_000, 1)).toBeCloseTo(106_547 / 149_164, 4);
  });

  it('gehuwden get the sum of both spouses (lid 2): with no medebewoners (A = 2) that is the gehuwdennorm', () => {
    for (const p of periods) {
      const b = p.norms['gehuwden-21-plus'].inclVtCents;
      expect(Math.abs(kostendelerNormGehuwden(b, b, 2) - b)).toBeLessThanOrEqual(1);
    }
    expect(kostendelerNormGehuwden(195_580, 195_580, 3)).toBe(2 * 84_751);
  });

  it('refuses an impossible A', () => {
    expect(() => kostendelerNorm(195_580, 0)).toThrow(/aantal kostendelers/);
    expect(() => kostendelerNorm(195_580, 1.5)).toThrow(/aantal kostendelers/);
    expect(() => kostendelerNormGehuwden(195_580, 195_580, 1)).toThrow(/A ≥ 2/);
  });

  it('property: decreasing in A', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: 1_000_000 }), fc.integer({ min: 1, max: 30 }), (b, a) => {
        expect(kostendelerNorm(b, a + 1)).toBeLessThan(kostendelerNorm(b, a));
      }),
    );
  });

  it('property: for A ≥ 2 never above the alleenstaande norm of the same period (21+ and AOW age)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...periods), fc.integer({ min: 2, max: 30 }), (p, a) => {
        expect(kostendelerNorm(p.norms['gehuwden-21-plus'].inclVtCents, a)).toBeLessThan(p.norms['alleenstaande-21-plus'].inclVtCents);
        expect(kostendelerNorm(p.norms['gehuwden-beiden-aow'].inclVtCents, a)).toBeLessThan(p.norms['alleenstaande-aow'].inclVtCents);
      }),
    );
  });

  it('property: between 30 % and 70 % of B, and at least 30 % + 40/A % of B rounded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 100 }), (b, a) => {
        const norm = kostendelerNorm(b, a);
        expect(norm).toBeGreaterThanOrEqual(Math.floor(b * 0.3));
        expect(norm).toBeLessThanOrEqual(Math.ceil(b * 0.7));
        expect(Math.abs(norm - (b * (40 + 30 * a)) / (100 * a))).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});
