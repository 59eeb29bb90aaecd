import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteCharacters, sepaIdProblem, toSepaText } from './pw.sepa-text.js';

const SEPA_SET = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

describe('toSepaText', () => {
  it.each([
    ['Anaïs Çelik', 'Anais Celik'],
    ['Zoë van den Bergh-Sánchez', 'Zoe van den Bergh-Sanchez'],
    ['Ĳsbrand Müßig', 'IJsbrand Mussig'],
    ['Søren Łukasz Ærø', 'Soren Lukasz AEro'],
    ["D’Hondt & Zn", "D'Hondt + Zn"],
    ['Bijstand november – “PW-1”', "Bijstand november - 'PW-1'"],
    ['  twee\t\tspaties \n weg  ', 'twee spaties weg'],
    ['€ 12,50 terug', 'EUR 12,50 terug'],
    ['½ maand', '1/2 maand'],
  ])('reduces %j to %j', (input, expected) => {
    expect(toSepaText(input)).toEqual({ ok: true, text: expected });
  });

  it.each([
    ['another script', 'Иван', ['И', 'в', 'а', 'н']],
    ['an at sign and a hash', 'a@b #1', ['@', '#']],
    ['an emoji', 'Bijstand 👍', ['👍']],
    ['a control character', 'a\u0000b', ['\u0000']],
  ])('refuses %s, naming the characters', (_label, input, unsupported) => {
    expect(toSepaText(input)).toEqual({ ok: false, unsupported });
  });

  it('always yields text in the SEPA set, or names what it cannot place', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (input) => {
        const result = toSepaText(input);
        if (result.ok) {
          expect(result.text).toMatch(SEPA_SET);
          expect(result.text).toBe(result.text.trim());
          expect(result.text).not.toMatch(/ {2}/);
        } else {
          expect(result.unsupported.length).toBeGreaterThan(0);
          for (const c of result.unsupported) expect(input.normalize('NFKD')).toContain(c);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves text that is already in the set as it is (apart from white space)', () => {
    const sepaChar = fc.constantFrom(...'abcXYZ0189/-?:().,\'+ ');
    fc.assert(
      fc.property(fc.array(sepaChar, { maxLength: 60 }).map((cs) => cs.join('')), (input) => {
        expect(toSepaText(input)).toEqual({ ok: true, text: input.replace(/ {2,}/g, ' ').trim() });
      }),
    );
  });
});

describe('sepaIdProblem', () => {
  it.each(['PW-2026-11-R1', 'PW.000123.202611', "a+b:c?d(e)f,g'h/i"])('accepts %s', (id) => {
    expect(sepaIdProblem(id, 35)).toBeNull();
  });

  it.each([
    ['empty', '', /leeg/],
    ['too long', 'X'.repeat(36), /36 tekens lang; het maximum is 35/],
    ['with a space', 'PW 1', /geen spaties/],
    ['with an accent', 'PW-é', /alleen letters/],
    ['starting with a slash', '/PW1', /beginnen of eindigen/],
    ['ending with a slash', 'PW1/', /beginnen of eindigen/],
    ['with a double slash', 'PW//1', /"\/\/"/],
  ])('refuses an id %s', (_label, id, message) => {
    expect(sepaIdProblem(id, 35)).toMatch(message);
  });
});

describe('quoteCharacters', () => {
  it('lists in Dutch', () => {
    expect(quoteCharacters(['@'])).toBe('"@"');
    expect(quoteCharacters(['@', '#', '✓'])).toBe('"@", "#" en "✓"');
  });
});
