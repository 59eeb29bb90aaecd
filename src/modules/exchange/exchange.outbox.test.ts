import { describe, expect, it } from 'vitest';
import type { GroupSegment } from './exchange.repository.js';
import { initialsFrom, planProducts, volumeOf } from './exchange.outbox.js';

const segment = (o: Partial<GroupSegment>): GroupSegment => ({
  segmentId: 's1',
  allocationId: 'a1',
  allocationNumber: null,
  providerReference: null,
  state: 'current',
  categoryCode: '01',
  productCode: '01A01',
  unit: 'hour',
  volume: '2.0000',
  frequency: 'per_week',
  startDate: '2027-01-01',
  endDate: '2027-12-31',
  allocatedAt: new Date('2026-12-01T10:00:00Z'),
  sentBefore: false,
  ...o,
});

describe('what a 301 carries', () => {
  it('continues the number of a toewijzing whose end date alone changed', () => {
    const old = segment({ segmentId: 'old', state: 'removed', allocationNumber: 7, sentBefore: true });
    const shorter = segment({ segmentId: 'new', endDate: '2027-06-30' });
    expect(planProducts([old, shorter])).toEqual([{ segment: shorter, kind: 'end-date-changed', continues: old }]);
  });

  it('withdraws a replaced toewijzing when more than the end date changed, and sends the new one as new', () => {
    const old = segment({ segmentId: 'old', state: 'removed', allocationNumber: 7, sentBefore: true });
    const more = segment({ segmentId: 'new', volume: '3.0000' });
    expect(planProducts([old, more])).toEqual([
      { segment: more, kind: 'current' },
      { segment: old, kind: 'withdrawn' },
    ]);
  });

  it('never pairs across allocations, and keeps toewijzingen the provider already has as they are', () => {
    const old = segment({ segmentId: 'old', state: 'removed', allocationNumber: 7, sentBefore: true });
    const other = segment({ segmentId: 'other', allocationId: 'a2', endDate: '2027-06-30' });
    const known = segment({ segmentId: 'known', allocationId: 'a3', allocationNumber: 9, sentBefore: true });
    expect(planProducts([old, other, known]).map((p) => [p.segment.segmentId, p.kind])).toEqual([
      ['other', 'current'],
      ['known', 'current'],
      ['old', 'withdrawn'],
    ]);
  });

  it('sends whole numbers: fractions of an hour in minutes, anything else rounded and said so', () => {
    expect(volumeOf('hour', 2, 'per_week')).toEqual({ amount: 2, unit: '04', frequency: '2', rounded: false });
    expect(volumeOf('hour', 1.5, 'per_week')).toEqual({ amount: 90, unit: '01', frequency: '2', rounded: false });
    expect(volumeOf('hour', 0.3333, 'per_day')).toEqual({ amount: 20, unit: '01', frequency: '1', rounded: true });
    expect(volumeOf('day_part', 2.5, 'per_month')).toEqual({ amount: 3, unit: '16', frequency: '4', rounded: true });
    expect(volumeOf('euro', 450, 'total')).toEqual({ amount: 450, unit: '83', frequency: '6', rounded: false });
  });

  it('takes the initials from the given names', () => {
    expect(initialsFrom('Maria Johanna')).toBe('MJ');
    expect(initialsFrom('Jan-Willem')).toBe('JW');
    expect(initialsFrom('A B C D E F G')).toBe('ABCDEF');
  });
});
