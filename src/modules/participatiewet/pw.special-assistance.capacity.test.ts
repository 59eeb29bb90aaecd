import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { calculateCapacity, SPECIAL_ASSISTANCE_POLICY_DEFAULTS, type CapacityInput, type CapacityPolicy } from './pw.special-assistance.capacity.js';

/** An alleenstaande at the 2025 norm (€ 1.401,20 incl. VT per 1 Jan 2025 [V]) without income or vermogen. */
const base: CapacityInput = {
  costsCents: 60_000,
  coveredElsewhereCents: 0,
  monthlyIncomeCents: 140_120,
  assetsCents: 0,
  referenceNormCents: 140_120,
  assetLimitCents: 792_500,
  earlierCostsCents: 0,
  capacityUsedCents: 0,
};
const input = (o: Partial<CapacityInput> = {}): CapacityInput => ({ ...base, ...o });
const lineOf = (r: ReturnType<typeof calculateCapacity>, code: string) => r.lines.find((l) => l.code === code)?.cents;

describe('calculateCapacity: worked examples', () => {
  it('income at the norm and no vermogen: no draagkracht, the costs are granted in full', () => {
    const r = calculateCapacity(input());
    expect(r).toMatchObject({ outcome: 'toekennen', capacityCents: 0, grantCents: 60_000 });
    expect(r.reasons[0]).toContain('volledig vergoed');
  });

  it('income € 200 above the norm: 35 % over 12 months is € 840 draagkracht, so € 600 of costs are refused', () => {
    const r = calculateCapacity(input({ monthlyIncomeCents: 160_120 }));
    expect(lineOf(r, 'draagkracht:inkomen-maand')).toBe(7_000);
    expect(lineOf(r, 'draagkracht:inkomen')).toBe(84_000);
    expect(r).toMatchObject({ outcome: 'afwijzen', grantCents: 0, capacityCents: 84_000 });
    expect(r.reasons[0]).toContain('draagkracht');
  });

  it('costs above the draagkracht: the difference is granted', () => {
    const r = calculateCapacity(input({ monthlyIncomeCents: 160_120, costsCents: 150_000 }));
    expect(r).toMatchObject({ outcome: 'toekennen', grantCents: 66_000 });
  });

  it('vermogen above the limit counts in full; draagkracht used earlier in the period does not count twice', () => {
    const r = calculateCapacity(input({ assetsCents: 812_500, costsCents: 100_000, capacityUsedCents: 5_000 }));
    expect(lineOf(r, 'draagkracht:vermogen')).toBe(20_000);
    expect(lineOf(r, 'draagkracht:gebruikt')).toBe(-5_000);
    expect(r).toMatchObject({ capacityAvailableCents: 15_000, grantCents: 85_000 });
  });

  it('a reference of 120 % of the norm raises the income free of draagkracht', () => {
    const policy: CapacityPolicy = { ...SPECIAL_ASSISTANCE_POLICY_DEFAULTS, referenceBasisPoints: 12_000 };
    const r = calculateCapacity(input({ monthlyIncomeCents: 160_120 }), policy);
    expect(lineOf(r, 'inkomen:referentie')).toBe(168_144);
    expect(r).toMatchObject({ capacityCents: 0, grantCents: 60_000 });
  });

  it('costs within the drempel of art. 35 lid 2 are refused, also counted with earlier costs; not when the policy does not apply it', () => {
    expect(calculateCapacity(input({ costsCents: 17_000 }))).toMatchObject({ outcome: 'afwijzen', grantCents: 0 });
    expect(calculateCapacity(input({ costsCents: 17_001 }))).toMatchObject({ outcome: 'toekennen', grantCents: 17_001 });
    expect(calculateCapacity(input({ costsCents: 10_000, earlierCostsCents: 7_000 })).reasons[0]).toContain('eerdere kosten');
    expect(calculateCapacity(input({ costsCents: 10_000, earlierCostsCents: 7_001 }))).toMatchObject({ outcome: 'toekennen' });
    expect(calculateCapacity(input({ costsCents: 10_000 }), { ...SPECIAL_ASSISTANCE_POLICY_DEFAULTS, applyThreshold: false })).toMatchObject({ outcome: 'toekennen', grantCents: 10_000 });
  });

  it('costs a voorliggende voorziening pays in full are refused with that reason', () => {
    const r = calculateCapacity(input({ coveredElsewhereCents: 60_000 }));
    expect(r).toMatchObject({ outcome: 'afwijzen', necessaryCostsCents: 0 });
    expect(r.reasons[0]).toContain('voorliggende voorziening');
  });

  it('refuses impossible input with a Dutch message per field', () => {
    try {
      calculateCapacity(input({ costsCents: -1, monthlyIncomeCents: 1.5 }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).fields.map((f) => f.field).sort()).toEqual(['costsCents', 'monthlyIncomeCents']);
      expect((e as AppError).fields[0]!.message).toMatch(/De kosten|Het inkomen/);
    }
    expect(() => calculateCapacity(input(), { ...SPECIAL_ASSISTANCE_POLICY_DEFAULTS, periodMonths: 13 })).toThrow(AppError);
  });
});

const cents = (max: number) => fc.integer({ min: 0, max });
const inputs = fc.record({
  costsCents: fc.integer({ min: 1, max: 2_000_000 }),
  coveredElsewhereCents: cents(2_000_000),
  monthlyIncomeCents: cents(1_000_000),
  assetsCents: cents(5_000_000),
  referenceNormCents: fc.integer({ min: 50_000, max: 300_000 }),
  assetLimitCents: fc.integer({ min: 0, max: 2_000_000 }),
  earlierCostsCents: cents(500_000),
  capacityUsedCents: cents(2_000_000),
});
const policies = fc.record({
  periodMonths: fc.integer({ min: 1, max: 12 }),
  referenceBasisPoints: fc.integer({ min: 0, max: 20_000 }),
  incomeShareBasisPoints: fc.integer({ min: 0, max: 10_000 }),
  assetShareBasisPoints: fc.integer({ min: 0, max: 10_000 }),
  thresholdCents: cents(50_000),
  applyThreshold: fc.boolean(),
});

describe('calculateCapacity: properties', () => {
  it('the grant lies between nil and the necessary costs, and is the last line when granted', () => {
    fc.assert(
      fc.property(inputs, policies, (i, p) => {
        const r = calculateCapacity(i, p);
        expect(r.grantCents).toBeGreaterThanOrEqual(0);
        expect(r.grantCents).toBeLessThanOrEqual(r.necessaryCostsCents);
        expect(r.necessaryCostsCents).toBeLessThanOrEqual(i.costsCents);
        expect(r.outcome === 'toekennen').toBe(r.grantCents > 0);
        if (r.outcome === 'toekennen') expect(r.lines.at(-1)!.cents).toBe(r.grantCents);
        expect(r.reasons.length).toBeGreaterThan(0);
      }),
    );
  });

  it('more income or more vermogen never gives more bijzondere bijstand', () => {
    fc.assert(
      fc.property(inputs, policies, cents(500_000), cents(2_000_000), (i, p, moreIncome, moreAssets) => {
        const before = calculateCapacity(i, p).grantCents;
        expect(calculateCapacity({ ...i, monthlyIncomeCents: i.monthlyIncomeCents + moreIncome }, p).grantCents).toBeLessThanOrEqual(before);
        expect(calculateCapacity({ ...i, assetsCents: i.assetsCents + moreAssets }, p).grantCents).toBeLessThanOrEqual(before);
      }),
    );
  });

  it('without draagkracht, above the drempel and not covered elsewhere, the necessary costs are granted in full', () => {
    fc.assert(
      fc.property(inputs, policies, (i, p) => {
        const r = calculateCapacity({ ...i, monthlyIncomeCents: 0, assetsCents: 0, coveredElsewhereCents: 0, costsCents: i.costsCents + p.thresholdCents }, p);
        expect(r.capacityCents).toBe(0);
        expect(r.grantCents).toBe(i.costsCents + p.thresholdCents);
      }),
    );
  });

  it('higher costs never lower the grant, and each extra euro is granted at most once', () => {
    fc.assert(
      fc.property(inputs, policies, cents(500_000), (i, p, extra) => {
        const a = calculateCapacity(i, p).grantCents;
        const b = calculateCapacity({ ...i, costsCents: i.costsCents + extra }, p).grantCents;
        expect(b).toBeGreaterThanOrEqual(a);
        // Crossing the drempel can turn a refusal into a full grant; beyond it, the grant grows by at most `extra`.
        if (a > 0) expect(b - a).toBeLessThanOrEqual(extra);
      }),
    );
  });
});
