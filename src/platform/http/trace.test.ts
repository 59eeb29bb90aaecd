import { describe, expect, it } from 'vitest';
import { maskBsnLike } from './trace.js';

describe('maskBsnLike', () => {
  it.each([
    ['/api/residents?q=999995844', '/api/residents?q=*********'],
    ['q=9999 95 844', 'q=*********'],
    ['q=999.99.5844', 'q=*********'],
    ['q=9999%2095%20844&limit=5', 'q=*********&limit=5'],
    ['q=1234+56+782', 'q=*********'],
  ])('masks %s', (input, expected) => {
    expect(maskBsnLike(input)).toBe(expected);
  });

  it('leaves shorter and longer numbers and ids alone', () => {
    expect(maskBsnLike('postcode 6211 AB 12, limit=20')).toBe('postcode 6211 AB 12, limit=20');
    expect(maskBsnLike('trace 4bf92f3577b34da6a3ce929d0e0e4736')).toBe('trace 4bf92f3577b34da6a3ce929d0e0e4736');
    expect(maskBsnLike('1234567890')).toBe('1234567890');
  });
});
