import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBic, checkIban, formatIbanForDisplay, type IbanProblem } from './pw.iban.js';
import { DIGITS, dutchIban, LETTERS, sepaLayouts, validIban, withCheckDigits } from './pw.iban.test-support.js';

/** As a person types it: any case, spaces anywhere (also non-breaking), around and between. */
const asTyped = (iban: string): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: iban.length, maxLength: iban.length }),
      fc.array(fc.constantFrom('', '', ' ', '  ', '\u00a0', '\t'), { minLength: iban.length + 1, maxLength: iban.length + 1 }),
    )
    .map(([lower, gaps]) => gaps[0] + [...iban].map((c, i) => (lower[i] ? c.toLowerCase() : c) + gaps[i + 1]).join(''));

const problem = (input: string): IbanProblem | null => {
  const result = checkIban(input);
  return result.valid ? null : result.problem;
};

describe('checkIban', () => {
  it('knows the layouts it generates from (the test would prove nothing with none)', () => {
    expect(sepaLayouts.map((l) => l.country)).toEqual(expect.arrayContaining(['NL', 'DE', 'AT', 'LU', 'IE']));
    for (const layout of sepaLayouts) expect(layout.segments.reduce((n, s) => n + s.length, 4)).toBe(layout.chars);
  });

  it.each([
    ['NL91ABNA0417164300', 'NL91ABNA0417164300'],
    [' nl91 abna 0417 1643 00 ', 'NL91ABNA0417164300'],
    ['NL91-ABNA-0417-1643-00', 'NL91ABNA0417164300'],
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['BE68 5390 0754 7034', 'BE68539007547034'],
    ['GB29 NWBK 6016 1331 9268 19', 'GB29NWBK60161331926819'],
  ])('accepts %s as %s', (input, expected) => {
    expect(checkIban(input)).toEqual({ valid: true, iban: expected, countryCode: expected.slice(0, 2) });
  });

  it('accepts every generated valid IBAN of the SEPA countries without a national account check, however it is typed', () => {
    fc.assert(
      fc.property(validIban().chain((iban) => fc.tuple(fc.constant(iban), asTyped(iban))), ([iban, typed]) => {
        expect(checkIban(typed)).toEqual({ valid: true, iban, countryCode: iban.slice(0, 2) });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a Dutch IBAN with any one character changed into any other', () => {
    const others = [...LETTERS, ...DIGITS, '.', '/', '+', 'é', 'ß', '€', '*'];
    fc.assert(
      fc.property(dutchIban, fc.nat(17), fc.constantFrom(...others), (iban, at, replacement) => {
        fc.pre(replacement !== iban[at]);
        const changed = iban.slice(0, at) + replacement + iban.slice(at + 1);
        expect(checkIban(changed).valid).toBe(false);
        expect(checkIban(changed.toLowerCase()).valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  // A letter changed into a digit (or back) in a position where the country allows both changes the
  // length of the number that mod 97 is taken of, so about 1 in 97 of those pass the check digits:
  // no IBAN check can catch them. Changes of the same kind are caught in every country.
  it('refuses any SEPA IBAN with one letter changed into another letter, or one digit into another digit', () => {
    fc.assert(
      fc.property(validIban(), fc.nat(), fc.nat(), (iban, rawAt, rawPick) => {
        const at = rawAt % iban.length;
        const original = iban[at] ?? '';
        const pool = (/\d/.test(original) ? DIGITS : LETTERS).replace(original, '');
        const changed = iban.slice(0, at) + pool[rawPick % pool.length] + iban.slice(at + 1);
        expect(checkIban(changed).valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it.each<[string, string, IbanProblem, RegExp]>([
    ['nothing', '', 'empty', /Vul een IBAN in/],
    ['only spaces', '   ', 'empty', /Vul een IBAN in/],
    ['a sign', 'NL91ABNA0417164300!', 'characters', /alleen uit letters en cijfers/],
    ['a letter that upper-cases to two', 'NL91ABNA041716430ß', 'characters', /alleen uit letters en cijfers/],
    ['an unknown country', 'XX91ABNA0417164300', 'country', /"XX" is geen land/],
    ['digits where the country goes', '1291ABNA0417164300', 'country', /"12" is geen land/],
    ['a country outside SEPA', 'TR330006100519786457841326', 'not_sepa', /Turkije \(TR\) valt buiten SEPA/],
    ['one character short', 'NL91ABNA041716430', 'length', /Nederland \(NL\) heeft 18 tekens; dit IBAN heeft er 17/],
    ['one character too many', 'DE893704004405320130001', 'length', /Duitsland \(DE\) heeft 22 tekens; dit IBAN heeft er 23/],
    ['a digit in the Dutch bank code', 'NL91ABN10417164300', 'format', /vier letters van de bank/],
    ['letters as check digits', 'NLAAABNA0417164300', 'format', /twee controlecijfers/],
    ['wrong check digits', 'NL92ABNA0417164300', 'check_digits', /controlecijfers van dit IBAN kloppen niet/],
    ['two swapped digits', 'NL91ABNA0417163400', 'check_digits', /controlecijfers/],
    ['a Belgian account failing its own check', withCheckDigits('BE', '539007547035'), 'national_check', /controle van België \(BE\)/],
    ['a Swiss QR-IBAN', 'CH4431999123000889012', 'qr_iban', /QR-IBAN/],
  ])('refuses %s', (_label, input, expected, message) => {
    const result = checkIban(input);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.problem).toBe(expected);
    expect(result.message).toMatch(message);
  });

  it('puts SEPA membership before typing errors, and length before check digits', () => {
    expect(problem('TR330006100519786457841327')).toBe('not_sepa');
    expect(problem('NL92ABNA04171643001')).toBe('length');
  });
});

describe('checkBic', () => {
  it.each([
    ['BNGHNL2G', 'BNGHNL2G'],
    [' bngh nl2g ', 'BNGHNL2G'],
    ['ABNANL2AXXX', 'ABNANL2AXXX'],
  ])('accepts %s for a Dutch account', (input, expected) => {
    expect(checkBic(input, 'NL91ABNA0417164300')).toEqual({ valid: true, bic: expected });
  });

  it.each([
    ['a malformed BIC', 'BNG1NL2G', /8 of 11 tekens/],
    ['a BIC of 9 characters', 'BNGHNL2GX', /8 of 11 tekens/],
    ['a German bank for a Dutch account', 'DEUTDEFF', /bank in Duitsland \(DE\), het IBAN bij een rekening in Nederland \(NL\)/],
  ])('refuses %s', (_label, input, message) => {
    const result = checkBic(input, 'NL91ABNA0417164300');
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.message).toMatch(message);
  });
});

describe('formatIbanForDisplay', () => {
  it('groups by four', () => {
    expect(formatIbanForDisplay('nl91abna0417164300')).toBe('NL91 ABNA 0417 1643 00');
  });
});
