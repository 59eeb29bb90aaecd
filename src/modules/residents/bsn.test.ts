import { describe, it, expect } from 'vitest';
import { DEMO_BSN_CAPACITY, demoBsn, isValidBsn } from './bsn.js';

describe('isValidBsn', () => {
  it.each(['999995844', '249566758', '000000012', '000000024'])('accepts %s', (value) => {
    expect(isValidBsn(value)).toBe(true);
  });

  it.each([
    ['a wrong last digit', '999995845'],
    ['a wrong middle digit', '249566858'],
    ['two swapped digits', '294566758'],
    ['8 digits', '24956675'],
    ['10 digits', '2495667580'],
    ['letters', '24956675a'],
    ['spaces', '249 566 758'],
    ['a sign', '+24956675'],
    ['all zeros', '000000000'],
    ['the empty string', ''],
  ])('rejects %s', (_label, value) => {
    expect(isValidBsn(value)).toBe(false);
  });
});

describe('demoBsn', () => {
  it('has a capacity of about 10/11 of the 100,000 prefixes', () => {
    expect(DEMO_BSN_CAPACITY).toBeGreaterThan(90_000);
    expect(DEMO_BSN_CAPACITY).toBeLessThan(91_800);
  });

  it('counts exactly the elfproef-valid numbers of the 999 range', () => {
    // Brute force over all 1,000,000 numbers of the range, independent of the implementation.
    let valid = 0;
    for (let n = 999_000_000; n <= 999_999_999; n += 1) if (isValidBsn(String(n))) valid += 1;
    expect(valid).toBe(DEMO_BSN_CAPACITY);
  });

  it('gives valid, unique numbers in the 999 range for every index up to the capacity', () => {
    const seen = new Set<string>();
    for (let i = 0; i < DEMO_BSN_CAPACITY; i += 1) {
      const bsn = demoBsn(i);
      if (!isValidBsn(bsn) || !bsn.startsWith('999')) throw new Error(`index ${i}: ${bsn}`);
      seen.add(bsn);
    }
    expect(seen.size).toBe(DEMO_BSN_CAPACITY);
  });

  it('is deterministic', () => {
    expect(demoBsn(0)).toBe(demoBsn(0));
    expect(demoBsn(12_345)).toBe(demoBsn(12_345));
  });

  it('scatters neighbouring indexes', () => {
    for (let i = 0; i < 100; i += 1) {
      expect(Math.abs(Number(demoBsn(i + 1)) - Number(demoBsn(i)))).toBeGreaterThan(1_000);
    }
  });

  it.each([DEMO_BSN_CAPACITY, DEMO_BSN_CAPACITY + 1, -1, 1.5, Number.NaN])(
    'throws a RangeError for index %s',
    (index) => {
      expect(() => demoBsn(index)).toThrow(RangeError);
    },
  );

  it('explains the capacity in the error', () => {
    expect(() => demoBsn(DEMO_BSN_CAPACITY)).toThrow(String(DEMO_BSN_CAPACITY));
  });
});
