import { describe, expect, it } from 'vitest';
import { currentMonthInAmsterdam, startOfDayInAmsterdam, todayInAmsterdam } from './time.js';

describe('Amsterdam dates', () => {
  it('uses the Amsterdam date, not the UTC date', () => {
    expect(todayInAmsterdam(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01');
    expect(currentMonthInAmsterdam(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04');
    expect(todayInAmsterdam(new Date('2026-01-15T12:00:00Z'))).toBe('2026-01-15');
  });

  it('finds midnight in winter (UTC+1) and summer (UTC+2) time', () => {
    expect(startOfDayInAmsterdam('2026-01-01').toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(startOfDayInAmsterdam('2026-06-01').toISOString()).toBe('2026-05-31T22:00:00.000Z');
  });
});
