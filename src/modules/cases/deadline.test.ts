import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  equatedDays,
  fromDayNumber,
  isNonWorkingDay,
  isoWeekday,
  nextWorkingDay,
  toDayNumber,
  workingDaysBetween,
} from '../../platform/calendar.js';
import { addTerm, computeDeadline, parseTerm, type DeadlineInput, type Suspension } from './deadline.js';

const deadline = (input: Omit<DeadlineInput, 'asOf'> & { asOf?: string }) =>
  computeDeadline({ asOf: input.start, ...input });

describe('parseTerm', () => {
  it.each([
    ['P6W', { years: 0, months: 0, weeks: 6, days: 0 }],
    ['P2W', { years: 0, months: 0, weeks: 2, days: 0 }],
    ['P8W', { years: 0, months: 0, weeks: 8, days: 0 }],
    ['P13W', { years: 0, months: 0, weeks: 13, days: 0 }],
    ['P7D', { years: 0, months: 0, weeks: 0, days: 7 }],
    ['P1M', { years: 0, months: 1, weeks: 0, days: 0 }],
    ['P1Y2M10D', { years: 1, months: 2, weeks: 0, days: 10 }],
    ['P1W3D', { years: 0, months: 0, weeks: 1, days: 3 }],
    ['P0D', { years: 0, months: 0, weeks: 0, days: 0 }],
  ])('%s', (term, expected) => {
    expect(parseTerm(term)).toEqual(expected);
  });

  it.each(['PT24H', 'P1DT12H', 'PT0S', 'P1WT1M'])('rejects the time part in %s', (term) => {
    expect(() => parseTerm(term)).toThrow(/time part/);
  });

  it.each(['', 'P', '6W', 'p6w', 'P1.5W', 'P-1D', 'P1D1W', 'P6 W', 'six weeks', 'P99999999999999999999D'])(
    'rejects %j',
    (term) => {
      expect(() => parseTerm(term)).toThrow(RangeError);
    },
  );
});

describe('addTerm', () => {
  it('counts from the day after the event: a 6-week onderzoek after a melding on Monday 2 March 2026 ends on Monday 13 April 2026', () => {
    expect(addTerm('2026-03-02', 'P6W')).toBe('2026-04-13');
    expect(isoWeekday('2026-04-13')).toBe(1);
  });

  it.each([
    ['Wmo beschikking 2 weeks', '2026-04-13', 'P2W', '2026-04-27'],
    ['Awb 4:13 eight weeks', '2026-01-05', 'P8W', '2026-03-02'],
    ['persoonlijk plan 7 days', '2026-03-02', 'P7D', '2026-03-09'],
    ['31 Jan + 1 month, clamped', '2025-01-31', 'P1M', '2025-02-28'],
    ['31 Jan + 1 month in a leap year', '2024-01-31', 'P1M', '2024-02-29'],
    ['29 Feb + 1 year', '2024-02-29', 'P1Y', '2025-02-28'],
    ['months before days', '2025-01-31', 'P1Y2M10D', '2026-04-10'],
    ['weeks combined with days', '2026-03-02', 'P1W3D', '2026-03-12'],
    ['zero term', '2026-03-02', 'P0D', '2026-03-02'],
  ])('%s', (_label, date, term, expected) => {
    expect(addTerm(date, term)).toBe(expected);
  });
});

describe('computeDeadline — Wmo terms', () => {
  it('6-week onderzoek term', () => {
    expect(computeDeadline({ start: '2026-03-02', term: 'P6W', asOf: '2026-03-02' })).toEqual({
      dueDate: '2026-04-13',
      baseDueDate: '2026-04-13',
      suspendedDays: 0,
      extendedTo: null,
      atwShiftedFrom: null,
      status: 'running',
      daysLeft: 42,
      workingDaysLeft: 28, // 30 weekdays minus Goede Vrijdag and Tweede Paasdag
    });
  });

  it('2-week beschikking term ending on Bevrijdingsdag moves to the next day', () => {
    const result = deadline({ start: '2026-04-21', term: 'P2W' });
    expect(result.baseDueDate).toBe('2026-05-05');
    expect(result.dueDate).toBe('2026-05-06');
    expect(result.atwShiftedFrom).toBe('2026-05-05');
  });
});

describe('computeDeadline — Atw art. 1 (holidays and weekends)', () => {
  it.each([
    ['Goede Vrijdag → Tuesday after Easter', '2026-03-20', 'P2W', '2026-04-03', '2026-04-07'],
    ['Tweede Paasdag → Tuesday', '2026-03-23', 'P2W', '2026-04-06', '2026-04-07'],
    ['Eerste Kerstdag 2026 (Friday) → Monday 28 December', '2026-11-13', 'P6W', '2026-12-25', '2026-12-28'],
    ['Koningsdag 2026 (Monday) → Tuesday', '2026-04-13', 'P2W', '2026-04-27', '2026-04-28'],
    ['Koningsdag 2025 (Saturday 26 April) → Monday 28 April', '2025-04-12', 'P2W', '2025-04-26', '2025-04-28'],
    ['Koningsdag 2027 (Tuesday) → Wednesday', '2027-04-13', 'P2W', '2027-04-27', '2027-04-28'],
    ['Hemelvaartsdag 2026 → Monday, over the KB bridge day of 15 May', '2026-04-30', 'P2W', '2026-05-14', '2026-05-18'],
    ['Hemelvaartsdag 2017 → Monday, over the KB bridge day', '2017-05-11', 'P2W', '2017-05-25', '2017-05-29'],
    ['a Saturday → Monday', '2026-02-21', 'P2W', '2026-03-07', '2026-03-09'],
    ['Nieuwjaarsdag 2027 (Friday) → Monday 4 January', '2026-12-18', 'P2W', '2027-01-01', '2027-01-04'],
  ])('%s', (_label, start, term, base, due) => {
    const result = deadline({ start, term });
    expect(result.baseDueDate).toBe(base);
    expect(result.dueDate).toBe(due);
    expect(result.atwShiftedFrom).toBe(base);
  });

  it('leaves a working day alone', () => {
    const result = deadline({ start: '2026-03-02', term: 'P6W' });
    expect(result.dueDate).toBe(result.baseDueDate);
    expect(result.atwShiftedFrom).toBeNull();
  });

  it('does not shift with applyAtw: false (e.g. the 42 dwangsom days of Awb 4:17)', () => {
    const result = deadline({ start: '2026-03-20', term: 'P2W', applyAtw: false });
    expect(result.dueDate).toBe('2026-04-03');
    expect(result.atwShiftedFrom).toBeNull();
  });
});

describe('computeDeadline — Atw art. 2 (at least two working days)', () => {
  it('extends a 3-day term over Christmas 2026 to the second working day', () => {
    // (24 Dec, 27 Dec] holds no working day; art. 1 gives Monday 28 Dec, which is only one.
    const result = deadline({ start: '2026-12-24', term: 'P3D' });
    expect(result.baseDueDate).toBe('2026-12-27');
    expect(result.dueDate).toBe('2026-12-29');
    expect(result.atwShiftedFrom).toBe('2026-12-27');
    expect(workingDaysBetween('2026-12-24', '2026-12-29')).toBe(2);
  });

  it('extends a 3-day term over Easter 2026 to Wednesday', () => {
    expect(deadline({ start: '2026-04-02', term: 'P3D' }).dueDate).toBe('2026-04-08');
  });

  it('does not apply to a term shorter than 3 days (art. 1 still does)', () => {
    expect(deadline({ start: '2026-12-24', term: 'P2D' }).dueDate).toBe('2026-12-28');
  });

  it('leaves a 3-day term that already holds two working days alone', () => {
    expect(deadline({ start: '2026-12-23', term: 'P3D' }).dueDate).toBe('2026-12-28');
  });
});

describe('computeDeadline — Atw art. 4 (long terms are excluded)', () => {
  it('does not shift a 13-week term ending on Eerste Kerstdag', () => {
    const result = deadline({ start: '2026-09-25', term: 'P13W' });
    expect(result.dueDate).toBe('2026-12-25');
    expect(result.atwShiftedFrom).toBeNull();
  });

  it.each([
    ['P12W', '2026-10-02', '2026-12-28'],
    ['P84D', '2026-10-02', '2026-12-28'],
    ['P90D', '2026-09-26', '2026-12-28'],
    ['P3M', '2026-09-25', '2026-12-28'],
  ])('still shifts %s (within the limit)', (term, start, due) => {
    expect(deadline({ start, term }).baseDueDate).toBe('2026-12-25');
    expect(deadline({ start, term }).dueDate).toBe(due);
  });

  it.each([
    ['P91D', '2026-09-25'],
    ['P3M1D', '2026-09-24'],
    ['P1Y', '2025-12-25'],
    ['P12W7D', '2026-09-25'],
  ])('does not shift %s (beyond the limit)', (term, start) => {
    const result = deadline({ start, term });
    expect(result.baseDueDate).toBe('2026-12-25');
    expect(result.dueDate).toBe('2026-12-25');
  });
});

describe('computeDeadline — suspensions (Awb 4:15)', () => {
  const base = { start: '2026-03-02', term: 'P6W', asOf: '2026-03-02' } as const;

  it('pushes the due date by the inclusive number of suspended days', () => {
    const result = computeDeadline({ ...base, suspensions: [{ from: '2026-03-10', to: '2026-03-19', reason: 'aanvulling' }] });
    expect(result.suspendedDays).toBe(10);
    expect(result.baseDueDate).toBe('2026-04-13');
    expect(result.dueDate).toBe('2026-04-23');
  });

  it('counts overlapping suspensions once', () => {
    const result = computeDeadline({
      ...base,
      suspensions: [
        { from: '2026-03-15', to: '2026-03-24', reason: 'uitstel op verzoek' },
        { from: '2026-03-10', to: '2026-03-19', reason: 'aanvulling' },
        { from: '2026-03-12', to: '2026-03-13', reason: 'contained in the first' },
      ],
    });
    expect(result.suspendedDays).toBe(15); // 10 … 24 March
    expect(result.dueDate).toBe('2026-04-28');
  });

  it('adds separate suspensions up and counts a single day as one', () => {
    const result = computeDeadline({
      ...base,
      suspensions: [
        { from: '2026-03-10', to: '2026-03-10', reason: 'one day' },
        { from: '2026-03-20', to: '2026-03-21', reason: 'two days' },
      ],
    });
    expect(result.suspendedDays).toBe(3);
    expect(result.dueDate).toBe('2026-04-16');
  });

  it('ignores days on or before the start, when the term was not yet running', () => {
    const result = computeDeadline({ ...base, suspensions: [{ from: '2026-02-25', to: '2026-03-04', reason: 'early' }] });
    expect(result.suspendedDays).toBe(2); // 3 and 4 March
    expect(result.dueDate).toBe('2026-04-15');
  });

  it('applies the Atw after the suspension', () => {
    // 13 April + 5 suspended days = Saturday 18 April → Monday 20 April.
    const result = computeDeadline({ ...base, suspensions: [{ from: '2026-03-10', to: '2026-03-14', reason: 'x' }] });
    expect(result.dueDate).toBe('2026-04-20');
    expect(result.atwShiftedFrom).toBe('2026-04-18');
  });

  it('an open suspension leaves the due date unknown', () => {
    const result = computeDeadline({
      ...base,
      asOf: '2026-03-20',
      suspensions: [
        { from: '2026-03-05', to: '2026-03-06', reason: 'closed' },
        { from: '2026-03-16', to: null, reason: 'wachten op medisch advies' },
      ],
    });
    expect(result).toEqual({
      dueDate: null,
      baseDueDate: '2026-04-13',
      suspendedDays: 7, // 2 closed + 16 … 20 March so far
      extendedTo: null,
      atwShiftedFrom: null,
      status: 'suspended',
      daysLeft: null,
      workingDaysLeft: null,
    });
  });

  it('rejects a suspension that ends before it starts', () => {
    expect(() =>
      computeDeadline({ ...base, suspensions: [{ from: '2026-03-10', to: '2026-03-09', reason: 'typo' }] }),
    ).toThrow(/ends .* before it starts/);
  });
});

describe('computeDeadline — extensions (verdaging, Awb 4:14)', () => {
  it('extends by P2W and then applies the Atw to the final date', () => {
    const result = deadline({ start: '2026-04-07', term: 'P2W', extensions: [{ term: 'P2W', reason: 'advies nodig' }] });
    expect(result.baseDueDate).toBe('2026-04-21');
    expect(result.extendedTo).toBe('2026-05-05'); // Bevrijdingsdag
    expect(result.atwShiftedFrom).toBe('2026-05-05');
    expect(result.dueDate).toBe('2026-05-06');
  });

  it('applies extensions in the given order (months clamp)', () => {
    const run = (terms: string[]) =>
      deadline({ start: '2025-01-17', term: 'P1W', applyAtw: false, extensions: terms.map((term) => ({ term, reason: 'r' })) })
        .dueDate;
    expect(run(['P1W', 'P1M'])).toBe('2025-02-28'); // 24 Jan → 31 Jan → 28 Feb
    expect(run(['P1M', 'P1W'])).toBe('2025-03-03'); // 24 Jan → 24 Feb → 3 Mar
  });

  it('adds the suspension before the extension', () => {
    const result = deadline({
      start: '2026-03-02',
      term: 'P6W',
      suspensions: [{ from: '2026-03-10', to: '2026-03-19', reason: 'aanvulling' }],
      extensions: [{ term: 'P1W', reason: 'verdaging' }],
    });
    expect(result.extendedTo).toBe('2026-04-30');
    expect(result.dueDate).toBe('2026-04-30');
  });
});

describe('computeDeadline — status', () => {
  const input = { start: '2026-03-02', term: 'P6W' } as const; // due Monday 13 April 2026

  it.each([
    ['running', '2026-04-10', 'running', 3, 1],
    ['due-today', '2026-04-13', 'due-today', 0, 0],
    ['overdue by a week', '2026-04-20', 'overdue', -7, -5],
    ['overdue by a day', '2026-04-14', 'overdue', -1, -1],
  ] as const)('%s', (_label, asOf, status, daysLeft, workingDaysLeft) => {
    const result = computeDeadline({ ...input, asOf });
    expect(result.status).toBe(status);
    expect(result.daysLeft).toBe(daysLeft);
    expect(result.workingDaysLeft).toBe(workingDaysLeft);
  });

  it('rejects malformed dates and terms', () => {
    expect(() => computeDeadline({ ...input, asOf: '13-04-2026' })).toThrow(RangeError);
    expect(() => computeDeadline({ ...input, start: '2026-02-30', asOf: '2026-03-01' })).toThrow(RangeError);
    expect(() => computeDeadline({ ...input, term: 'PT6H', asOf: '2026-03-02' })).toThrow(RangeError);
    expect(() =>
      computeDeadline({ ...input, asOf: '2026-03-02', extensions: [{ term: 'six weeks', reason: 'x' }] }),
    ).toThrow(RangeError);
  });
});

describe('computeDeadline — properties', () => {
  const day = (min: string, max: string) => fc.integer({ min: toDayNumber(min), max: toDayNumber(max) });
  const startArb = day('2000-01-01', '2039-12-31').map(fromDayNumber);
  // Terms the Atw applies to: up to 12 weeks, in weeks or days.
  const shortTerm = fc.oneof(
    fc.integer({ min: 1, max: 12 }).map((w) => `P${w}W`),
    fc.integer({ min: 0, max: 84 }).map((d) => `P${d}D`),
  );
  const anyTerm = fc.oneof(
    shortTerm,
    fc.integer({ min: 1, max: 30 }).map((w) => `P${w}W`),
    fc.integer({ min: 1, max: 14 }).map((m) => `P${m}M`),
  );
  // Suspensions as offsets from the start, so they fall in or near the running term.
  const suspensionArb = fc
    .tuple(fc.integer({ min: -5, max: 120 }), fc.integer({ min: 0, max: 30 }))
    .map(([offset, length]) => ({ offset, length }));
  const toSuspensions = (start: string, specs: { offset: number; length: number }[]): Suspension[] =>
    specs.map(({ offset, length }) => ({
      from: addDays(start, offset),
      to: addDays(start, offset + length),
      reason: 'property',
    }));
  const extensionArb = fc.array(fc.constantFrom('P1W', 'P2W', 'P6W', 'P1M', 'P3D'), { maxLength: 2 });

  it('never gives a non-working due date when the Atw applies (term ≤ 12 weeks)', () => {
    fc.assert(
      fc.property(startArb, shortTerm, fc.array(suspensionArb, { maxLength: 3 }), extensionArb, (start, term, s, e) => {
        const result = computeDeadline({
          start,
          term,
          asOf: start,
          suspensions: toSuspensions(start, s),
          extensions: e.map((t) => ({ term: t, reason: 'property' })),
        });
        expect(result.dueDate).not.toBeNull();
        expect(isNonWorkingDay(result.dueDate ?? '')).toBe(false);
      }),
    );
  });

  it('gives a term of at least 3 days at least two working days (Atw art. 2)', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 3, max: 84 }), (start, days) => {
        const { dueDate } = computeDeadline({ start, term: `P${days}D`, asOf: start });
        expect(workingDaysBetween(start, dueDate ?? start)).toBeGreaterThanOrEqual(2);
      }),
    );
  });

  it('never gives a due date before the base due date', () => {
    fc.assert(
      fc.property(
        startArb,
        anyTerm,
        fc.array(suspensionArb, { maxLength: 3 }),
        extensionArb,
        fc.boolean(),
        (start, term, s, e, applyAtw) => {
          const result = computeDeadline({
            start,
            term,
            applyAtw,
            asOf: start,
            suspensions: toSuspensions(start, s),
            extensions: e.map((t) => ({ term: t, reason: 'property' })),
          });
          expect((result.dueDate ?? '') >= result.baseDueDate).toBe(true);
        },
      ),
    );
  });

  it('never moves the due date earlier when a suspension is added', () => {
    fc.assert(
      fc.property(
        startArb,
        anyTerm,
        fc.array(suspensionArb, { maxLength: 3 }),
        suspensionArb,
        fc.boolean(),
        (start, term, s, extra, applyAtw) => {
          const due = (specs: { offset: number; length: number }[]) =>
            computeDeadline({ start, term, applyAtw, asOf: start, suspensions: toSuspensions(start, specs) });
          const before = due(s);
          const after = due([...s, extra]);
          expect(after.suspendedDays).toBeGreaterThanOrEqual(before.suspendedDays);
          expect((after.dueDate ?? '') >= (before.dueDate ?? '')).toBe(true);
        },
      ),
    );
  });

  it('counts suspended days as the size of the union of the suspended ranges', () => {
    fc.assert(
      fc.property(startArb, fc.array(suspensionArb, { maxLength: 4 }), (start, s) => {
        const covered = new Set<string>();
        for (const { from, to } of toSuspensions(start, s)) {
          for (let d = from; d <= (to ?? from); d = addDays(d, 1)) if (d > start) covered.add(d);
        }
        expect(computeDeadline({ start, term: 'P6W', asOf: start, suspensions: toSuspensions(start, s) }).suspendedDays).toBe(
          covered.size,
        );
      }),
    );
  });
});

// Atw art. 3 lid 3: a day equated with a feestdag by Koninklijk Besluit counts as one, so a term
// whose last day falls on it ends on the next working day instead.
describe('computeDeadline — days equated with a feestdag by KB', () => {
  it.each(Object.values(equatedDays).flat())('moves a one-week term ending on %s', (date) => {
    const start = addDays(date, -7);
    const result = computeDeadline({ start, term: 'P1W', asOf: start });
    expect(result).toMatchObject({ baseDueDate: date, dueDate: nextWorkingDay(date), atwShiftedFrom: date });
    expect(result.dueDate).not.toBe(date);
  });
});
