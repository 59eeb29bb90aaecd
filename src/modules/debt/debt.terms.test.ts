import { describe, expect, it } from 'vitest';
import { debtTerms, firstConversationTerm, termDueDate, termStatus } from './debt.terms.js';

const none = { threatEviction: false, threatUtilityCutoff: false, threatInsuranceTermination: false };

describe('first conversation term', () => {
  it('is 4 weeks without a crisis flag and 3 working days with any of them', () => {
    expect(firstConversationTerm(none).code).toBe('eerste-gesprek');
    expect(firstConversationTerm({ ...none, threatEviction: true }).code).toBe('eerste-gesprek-crisis');
    expect(firstConversationTerm({ ...none, threatUtilityCutoff: true }).code).toBe('eerste-gesprek-crisis');
    expect(firstConversationTerm({ ...none, threatInsuranceTermination: true }).code).toBe('eerste-gesprek-crisis');
  });

  it('counts 3 working days past a weekend and a public holiday', () => {
    const crisis = debtTerms['eerste-gesprek-crisis'].spec;
    // Friday 4 December 2026 → Mon 7, Tue 8, Wed 9.
    expect(termDueDate(crisis, '2026-12-04')).toBe('2026-12-09');
    // Wednesday 23 December 2026: Thu 24, (25 and 26 Christmas, weekend 26–27), Mon 28, Tue 29.
    expect(termDueDate(crisis, '2026-12-23')).toBe('2026-12-29');
  });

  it('ends 4 weeks later, moved to the next working day by the Atw', () => {
    const regular = debtTerms['eerste-gesprek'].spec;
    // Friday 4 December 2026 + 4 weeks = Friday 1 January 2027, Nieuwjaarsdag: Monday 4 January.
    expect(termDueDate(regular, '2026-12-04')).toBe('2027-01-04');
    // Monday 2 March 2026 + 4 weeks = Monday 30 March 2026, a working day.
    expect(termDueDate(regular, '2026-03-02')).toBe('2026-03-30');
  });
});

describe('term status', () => {
  it('tells met, late, running, due today and passed apart', () => {
    expect(termStatus('2026-12-08', '2026-12-08', '2026-12-20')).toBe('gehaald');
    expect(termStatus('2026-12-08', '2026-12-09', '2026-12-20')).toBe('te-laat');
    expect(termStatus('2026-12-08', null, '2026-12-07')).toBe('loopt');
    expect(termStatus('2026-12-08', null, '2026-12-08')).toBe('vandaag');
    expect(termStatus('2026-12-08', null, '2026-12-09')).toBe('verstreken');
  });
});
