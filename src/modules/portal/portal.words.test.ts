import { describe, expect, it } from 'vitest';
import { dateInWords, deadlineInWords } from './portal.words.js';

describe('the term in plain words (B1)', () => {
  it('writes a date the Dutch way', () => {
    expect(dateInWords('2027-01-12')).toBe('12 januari 2027');
    expect(dateInWords('2026-12-04')).toBe('4 december 2026');
  });

  it('says when the municipality decides, waits for documents, or is late', () => {
    expect(deadlineInWords({ status: 'aanvraag', current: { kind: 'decision', dueDate: '2027-01-12', state: 'running' }, documentsDueOn: null })).toBe('Wij beslissen uiterlijk op 12 januari 2027.');
    expect(deadlineInWords({ status: 'melding', current: { kind: 'research', dueDate: '2027-01-12', state: 'due-today' }, documentsDueOn: null })).toBe('Wij zijn klaar met ons onderzoek uiterlijk op 12 januari 2027.');
    expect(deadlineInWords({ status: 'aanvraag', current: { kind: 'decision', dueDate: null, state: 'suspended' }, documentsDueOn: '2027-02-01' })).toBe(
      'Wij wachten op documenten van u tot 1 februari 2027. Zolang wachten wij met beslissen.',
    );
    expect(deadlineInWords({ status: 'aanvraag', current: { kind: 'decision', dueDate: null, state: 'suspended' }, documentsDueOn: null })).toBe('Wij wachten op informatie van u. Zolang wachten wij met beslissen.');
    expect(deadlineInWords({ status: 'aanvraag', current: { kind: 'decision', dueDate: '2026-01-12', state: 'overdue' }, documentsDueOn: null })).toMatch(/^Wij moesten beslissen uiterlijk op 12 januari 2026\. Dat is niet gelukt\./);
    expect(deadlineInWords({ status: 'afgesloten', current: null, documentsDueOn: null })).toBe('Deze aanvraag is afgerond.');
    expect(deadlineInWords({ status: 'besluit', current: null, documentsDueOn: null })).toMatch(/besluit genomen/);
  });
});
