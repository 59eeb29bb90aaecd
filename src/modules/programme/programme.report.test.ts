import { describe, expect, it } from 'vitest';
import { activityStateAt, budgetSummary, formatMonth, quarterOfMonth, quarterRange, statusBulletText, type ActivityChange } from './programme.report.js';

const at = (iso: string) => new Date(iso);
const base = { text: 'Activiteit', note: null };

describe('quarters and months', () => {
  it('maps months to quarters and lists ranges', () => {
    expect(quarterOfMonth('2023-05')).toBe('2023-Q2');
    expect(quarterOfMonth('2023-12')).toBe('2023-Q4');
    expect(quarterRange('2021-Q3', '2022-Q2')).toEqual(['2021-Q3', '2021-Q4', '2022-Q1', '2022-Q2']);
    expect(formatMonth('2023-05')).toBe('mei 2023');
  });
});

describe('activityStateAt', () => {
  const replanned: ActivityChange[] = [{ changedAt: at('2023-05-01T00:00:00Z'), field: 'planned_quarter', oldValue: '2023-Q3', newValue: '2023-Q4' }];

  it('shows a re-planning from the month it happened, and marks the activity as slipped', () => {
    const current = { ...base, status: 'LOOPT' as const, plannedQuarter: '2023-Q4', doneQuarter: null };
    expect(activityStateAt(current, replanned, '2023-05')).toMatchObject({ plannedQuarter: '2023-Q4', replannedFrom: '2023-Q3', firstPlannedQuarter: '2023-Q3', slipped: true, overdue: false });
    // A month before the change, the old plan was still in force.
    expect(activityStateAt(current, replanned, '2023-04')).toMatchObject({ plannedQuarter: '2023-Q3', replannedFrom: null, slipped: false });
  });

  it('a plan brought forward is not slipped', () => {
    const forward: ActivityChange[] = [{ changedAt: at('2023-05-01T00:00:00Z'), field: 'planned_quarter', oldValue: '2023-Q4', newValue: '2023-Q3' }];
    expect(activityStateAt({ ...base, status: 'LOOPT' as const, plannedQuarter: '2023-Q3', doneQuarter: null }, forward, '2023-05')).toMatchObject({ replannedFrom: '2023-Q4', slipped: false });
  });

  it('undoes changes made after the month, so an old report stays what it was', () => {
    const later: ActivityChange[] = [
      { changedAt: at('2024-01-10T09:00:00Z'), field: 'status', oldValue: 'LOOPT', newValue: 'AF' },
      { changedAt: at('2024-01-10T09:00:00Z'), field: 'done_quarter', oldValue: null, newValue: '2024-Q1' },
    ];
    const now = { ...base, status: 'AF' as const, plannedQuarter: '2023-Q3', doneQuarter: '2024-Q1' };
    expect(activityStateAt(now, later, '2023-05')).toMatchObject({ status: 'LOOPT', doneQuarter: null, overdue: false });
    expect(activityStateAt(now, later, '2024-01')).toMatchObject({ status: 'AF', doneQuarter: '2024-Q1', slipped: true });
  });

  it('undoes later changes of the text and note too', () => {
    const edits: ActivityChange[] = [
      { changedAt: at('2024-02-01T09:00:00Z'), field: 'text', oldValue: 'Oude tekst', newValue: 'Nieuwe tekst' },
      { changedAt: at('2024-02-01T09:00:00Z'), field: 'note', oldValue: null, newValue: 'toelichting' },
    ];
    const now = { ...base, status: 'LOOPT' as const, plannedQuarter: '2024-Q2', doneQuarter: null, text: 'Nieuwe tekst', note: 'toelichting' };
    expect(activityStateAt(now, edits, '2024-01')).toMatchObject({ text: 'Oude tekst', note: null });
    expect(activityStateAt(now, edits, '2024-02')).toMatchObject({ text: 'Nieuwe tekst', note: 'toelichting' });
  });

  it('flags a running activity whose planned quarter has passed as overdue', () => {
    expect(activityStateAt({ ...base, status: 'LOOPT' as const, plannedQuarter: '2023-Q1', doneQuarter: null }, [], '2023-05').overdue).toBe(true);
    expect(activityStateAt({ ...base, status: 'LOOPT' as const, plannedQuarter: '2023-Q2', doneQuarter: null }, [], '2023-05').overdue).toBe(false);
    expect(activityStateAt({ ...base, status: 'AF' as const, plannedQuarter: '2023-Q1', doneQuarter: '2023-Q1' }, [], '2023-05').overdue).toBe(false);
  });
});

describe('statusBulletText (the seed\'s "stand van zaken" notation)', () => {
  it.each([
    [{ ...base, status: 'AF' as const, plannedQuarter: null, doneQuarter: '2022-Q4', replannedFrom: null }, 'Leidraad', null, 'AF Q4 2022: Leidraad'],
    [{ ...base, status: 'AF' as const, plannedQuarter: null, doneQuarter: null, replannedFrom: null }, 'controlframework Jeugd', null, 'AF controlframework Jeugd'],
    [{ ...base, status: 'LOOPT' as const, plannedQuarter: '2023-Q3', doneQuarter: null, replannedFrom: null }, 'KCC', null, 'LOOPT (Q3 2023 klaar): KCC'],
    [{ ...base, status: 'LOOPT' as const, plannedQuarter: '2023-Q4', doneQuarter: null, replannedFrom: '2023-Q3' }, 'Djuma', null, 'LOOPT (Q[3→4] 2023 klaar): Djuma'],
    [{ ...base, status: 'NIEUW' as const, plannedQuarter: '2023-Q3', doneQuarter: null, replannedFrom: null }, 'rol- en taakverdeling', null, 'NIEUW (Q3 2023 klaar): rol- en taakverdeling'],
    [{ ...base, status: 'LOOPT' as const, plannedQuarter: null, doneQuarter: null, replannedFrom: null }, 'continue borging', null, 'LOOPT continue borging'],
    [{ ...base, status: 'LOOPT' as const, plannedQuarter: '2023-Q4', doneQuarter: null, replannedFrom: null }, 'x', 'daarna continu proces', 'LOOPT (Q4 2023 klaar): x (daarna continu proces)'],
  ] as const)('%j → %s', (state, text, note, expected) => {
    expect(statusBulletText(state, text, note)).toBe(expected);
  });
});

describe('budgetSummary', () => {
  it('computes 10 % contingency over the chapter costs when every amount is known', () => {
    const summary = budgetSummary({
      requestedTotalCents: 43_000_000,
      contingencyPercent: 10,
      chapters: [
        { chapter: 'H4', amountCents: 20_000_000 },
        { chapter: 'H5', amountCents: 19_090_909 },
      ],
    });
    expect(summary).toMatchObject({ costsCents: 39_090_909, contingencyCents: 3_909_091, totalCents: 43_000_000, computed: true });
  });

  it('reports no invented split when chapter amounts are missing (the 2021 plan)', () => {
    const summary = budgetSummary({ requestedTotalCents: 43_000_000, contingencyPercent: 10, chapters: [{ chapter: 'H4', amountCents: null }] });
    expect(summary).toMatchObject({ costsCents: null, contingencyCents: null, totalCents: 43_000_000, computed: false });
  });
});
