import { describe, expect, it } from 'vitest';
import { ageOn, levies, productLeviesCak } from '../letters/cak.js';
import { renderDecisionLetter, type LetterInput, type LetterLine } from './decision.letter-html.js';
import { nameForLetter, roleTitle } from './decision.letter.js';
import { salutation, surnameAlone } from './decision.salutation.js';

describe('salutation', () => {
  const name = { givenName: 'Sam', surnamePrefix: 'van der', familyName: 'Berg' };
  it('addresses a man as heer, with the tussenvoegsel capitalised', () => {
    expect(salutation({ ...name, gender: 'M' })).toBe('Geachte heer Van der Berg,');
  });
  it('addresses a woman as mevrouw', () => {
    expect(salutation({ ...name, gender: 'V' })).toBe('Geachte mevrouw Van der Berg,');
    expect(salutation({ givenName: 'Anna', surnamePrefix: null, familyName: 'Janssen', gender: 'V' })).toBe('Geachte mevrouw Janssen,');
  });
  it('is neutral for X: given name and surname, tussenvoegsel in lower case', () => {
    expect(salutation({ ...name, gender: 'X' })).toBe('Geachte Sam van der Berg,');
  });
  it('leaves a surname without tussenvoegsel as it is', () => {
    expect(surnameAlone(null, 'El Amrani')).toBe('El Amrani');
    expect(surnameAlone('  ', 'Smeets')).toBe('Smeets');
    expect(surnameAlone("d'", 'Hondt')).toBe("D' Hondt");
  });
});

describe('signer', () => {
  it('prints the name without the note in brackets, and the function of the most senior role', () => {
    expect(nameForLetter('Ingrid Smeets (teamleider)')).toBe('Ingrid Smeets');
    expect(nameForLetter('Bram Hermans')).toBe('Bram Hermans');
    expect(roleTitle(['consultant', 'team_lead'])).toBe('Teamleider');
    expect(roleTitle(['consultant'])).toBe('Consulent');
    expect(roleTitle([])).toBe('Medewerker');
  });
});

describe('CAK rule', () => {
  const wmo = { law: 'wmo', kind: 'tailored', categoryCode: '02', cakContribution: null };
  it('levies for Wmo maatwerkvoorzieningen by default, not for beschermd wonen, not for other laws', () => {
    expect(productLeviesCak(wmo)).toBe(true);
    expect(productLeviesCak({ ...wmo, categoryCode: '15' })).toBe(false);
    expect(productLeviesCak({ ...wmo, law: 'jeugdwet' })).toBe(false);
    expect(productLeviesCak({ ...wmo, kind: 'community' })).toBe(false);
  });
  it('follows the product flag when it is set', () => {
    expect(productLeviesCak({ ...wmo, cakContribution: false })).toBe(false);
    expect(productLeviesCak({ ...wmo, law: 'jeugdwet', cakContribution: true })).toBe(true);
  });
  it('levies from adults only (a wheelchair for a child: none)', () => {
    expect(ageOn('2010-10-01', '2028-09-30')).toBe(17);
    expect(ageOn('2010-10-01', '2028-10-01')).toBe(18);
    expect(levies({ ...wmo, categoryCode: '11' }, { birthDate: '2015-01-01' }, '2026-09-01')).toBe(false);
    expect(levies({ ...wmo, categoryCode: '11' }, { birthDate: '1950-01-01' }, '2026-09-01')).toBe(true);
  });
});

const line = (over: Partial<LetterLine> = {}): LetterLine => ({
  productName: 'Hulp bij het huishouden',
  outcome: 'granted',
  periodStart: '2026-10-01',
  periodEnd: '2027-03-31',
  volume: 10,
  unit: 'hour',
  frequency: 'per_week',
  refusalReason: null,
  providerName: null,
  cakContribution: true,
  ...over,
});

const letter = (over: Partial<LetterInput> = {}): LetterInput => ({
  caseReference: 'Z-2026-000123',
  appliedOn: '2026-07-01',
  status: 'approved',
  deliveryForm: 'zin',
  addressee: { gender: 'V', givenName: 'Anna', surnamePrefix: 'de', familyName: 'Vries', fullName: 'Anna de Vries', address: 'Markt 1', postcodeCity: '6211 CK Maastricht' },
  signer: { name: 'Ingrid Smeets', jobTitle: 'Teamleider' },
  date: '2026-10-02',
  lines: [line()],
  letterhead: { name: 'Gemeente Maastricht', returnAddress: 'Postbus 1992, 6201 BZ Maastricht', phone: '14 043', website: 'www.gemeentemaastricht.nl', logoDataUrl: null, cakMonthlyCents: null },
  ...over,
});

/** The letter's visible text, without tags. */
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('decision letter', () => {
  it('is a CONCEPT (heading and watermark) and unsigned while it waits for approval', () => {
    const html = renderDecisionLetter(letter({ status: 'pending_approval', signer: null }));
    expect(html).toContain('<h1>CONCEPT – Beschikking');
    expect(html).toContain('class="watermark"');
    expect(text(html)).toContain('nog niet ondertekend');
    expect(text(html)).not.toContain('Ingrid Smeets');
  });

  it('once final has no CONCEPT and is signed by the decision maker on behalf of the college', () => {
    const html = renderDecisionLetter(letter());
    expect(html).not.toContain('CONCEPT');
    expect(text(html)).toContain('namens het college van burgemeester en wethouders, Ingrid Smeets Teamleider');
    expect(text(html)).toContain('Geachte mevrouw De Vries,');
  });

  it('prints the letterhead, the provider and the period of a granted provision', () => {
    const t = text(renderDecisionLetter(letter({ lines: [line({ providerName: 'Zorg & Co' })] })));
    expect(t).toContain('Postbus 1992, 6201 BZ Maastricht Telefoon 14 043 www.gemeentemaastricht.nl');
    expect(t).toContain('Aanbieder: Zorg &amp; Co.');
    expect(t).toContain('van 1 oktober 2026 tot en met 31 maart 2027');
  });

  it('has the CAK paragraph for a levied provision, with the configured amount or without one', () => {
    const withoutAmount = text(renderDecisionLetter(letter()));
    expect(withoutAmount).toContain('artikel 2.1.4 Wet maatschappelijke ondersteuning 2015');
    expect(withoutAmount).toContain('Het CAK stelt het bedrag per maand vast');
    expect(withoutAmount).not.toMatch(/€/);
    const withAmount = text(renderDecisionLetter(letter({ letterhead: { ...letter().letterhead, cakMonthlyCents: 2060 } })));
    expect(withAmount).toContain('€ 20,60 per maand');
  });

  it('has no CAK paragraph when no granted line is levied', () => {
    const html = renderDecisionLetter(letter({ lines: [line({ cakContribution: false }), line({ outcome: 'refused', refusalReason: 'Voorliggend veld volstaat.', cakContribution: true })] }));
    expect(html).not.toContain('Eigen bijdrage');
    expect(html).not.toContain('2.1.4');
  });

  it('escapes what comes from the database', () => {
    const html = renderDecisionLetter(letter({ addressee: { ...letter().addressee, fullName: '<script>x</script>' } }));
    expect(html).not.toContain('<script>');
  });
});
