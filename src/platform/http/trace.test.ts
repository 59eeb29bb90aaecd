import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskBsnLike } from './trace.js';

/** Eight digits plus the elfproef check digit, or null when that digit would have to be 10. */
function withCheckDigit(prefix: string): string | null {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += (9 - i) * Number(prefix[i]);
  const digit = sum % 11;
  return digit === 10 ? null : `${prefix}${digit}`;
}

const validBsn = fc
  .stringMatching(/^[0-9]{8}$/)
  .map(withCheckDigit)
  .filter((bsn): bsn is string => bsn !== null && bsn !== '000000000');

describe('maskBsnLike', () => {
  it.each([
    ['/api/residents?q=999995844', '/api/residents?q=*********'],
    ['q=9999 95 844', 'q=*********'],
    ['q=999.99.5844', 'q=*********'],
    ['q=9999%2095%20844&limit=5', 'q=*********&limit=5'],
    ['q=%20999995844%20', 'q=%20*********%20'],
    ['q=1234+56+782', 'q=*********'],
    ['/api/residents/999995844/cases', '/api/residents/*********/cases'],
  ])('masks %s', (input, expected) => {
    expect(maskBsnLike(input)).toBe(expected);
  });

  it('leaves shorter and longer numbers, numbers failing the elfproef, and ids alone', () => {
    expect(maskBsnLike('postcode 6211 AB 12, limit=20')).toBe('postcode 6211 AB 12, limit=20');
    expect(maskBsnLike('trace 4bf92f3577b34da6a3ce929d0e0e4736')).toBe('trace 4bf92f3577b34da6a3ce929d0e0e4736');
    expect(maskBsnLike('1234567890')).toBe('1234567890');
    expect(maskBsnLike('q=123456789')).toBe('q=123456789');
    // Found in production logs: the middle groups of a UUID looked like a grouped BSN.
    expect(maskBsnLike('/api/cases/0f6b2c1e-1234-5678-2abc-7d1e5f0a9b3c')).toBe('/api/cases/0f6b2c1e-1234-5678-2abc-7d1e5f0a9b3c');
    expect(maskBsnLike('id=a1234567-8231-4abc-8def-0123456789ab')).toBe('id=a1234567-8231-4abc-8def-0123456789ab');
  });

  it('never changes a UUID, wherever it stands in a URL', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom('/api/residents/', '/api/cases/', '?id=', '?a=1&id=', '/'), fc.constantFrom('', '/events', '&limit=5', '?x=1'), (uuid, before, after) => {
        const url = `${before}${uuid}${after}`;
        expect(maskBsnLike(url)).toBe(url);
      }),
      { numRuns: 5_000 },
    );
  });

  it('always masks a valid BSN that stands alone in a URL, plain or grouped', () => {
    const grouped = (bsn: string, separator: string) => `${bsn.slice(0, 4)}${separator}${bsn.slice(4, 6)}${separator}${bsn.slice(6)}`;
    fc.assert(
      fc.property(
        validBsn,
        fc.constantFrom('', ' ', '.', '-', '+', '%20', '%2E'),
        fc.constantFrom('/api/residents?q=', '/api/residents/', '?limit=5&bsn=', '/api/audit?resident=', 'q=%20'),
        fc.constantFrom('', '&limit=5', '/cases', '%20', '#x'),
        (bsn, separator, before, after) => {
          const shown = separator === '' ? bsn : grouped(bsn, separator);
          const masked = maskBsnLike(`${before}${shown}${after}`);
          expect(masked).toBe(`${before}*********${after}`);
        },
      ),
    );
  });
});
