import { describe, expect, it } from 'vitest';
import { earliestChangedMonth } from './insights.refresh.js';

// Payments and benefit ends have no timestamps: their per-month fingerprints tell which months changed.
describe('earliestChangedMonth', () => {
  it('finds the earliest month whose part differs, was added or was removed', () => {
    const before = '2026-09-01=10:1000,2026-10-01=10:1000';
    expect(earliestChangedMonth(before, before)).toBeNull();
    expect(earliestChangedMonth(before, '2026-09-01=10:1000,2026-10-01=11:1100')).toBe('2026-10-01');
    expect(earliestChangedMonth(before, `${before},2026-11-01=9:900`)).toBe('2026-11-01');
    expect(earliestChangedMonth(before, '2026-10-01=10:1000')).toBe('2026-09-01');
    expect(earliestChangedMonth('', '2025-01-01=1:1')).toBe('2025-01-01');
    expect(earliestChangedMonth(null, null)).toBeNull();
  });
});
