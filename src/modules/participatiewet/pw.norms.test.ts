import { describe, expect, it } from 'vitest';
import { AppError, type FieldError } from '../../platform/errors.js';
import { PW_NORM_TABLE, type NormKey, type NormTable } from './pw.norms.data.js';
import { findAssetLimits, findNormPeriod, validateNormTable, vakantietoeslagOf, withoutVakantietoeslag } from './pw.norms.js';

const copy = (): NormTable => structuredClone(PW_NORM_TABLE);

function refusal(fn: () => unknown): FieldError[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return error.fields;
    throw error;
  }
  throw new Error('expected a refusal, but the call succeeded');
}

function expectRefused(table: NormTable, field: string, message: RegExp): void {
  const fields = refusal(() => validateNormTable(table));
  expect(fields).toContainEqual({ field, message: expect.stringMatching(message) as unknown as string });
}

/** A table with one more half year, made the way a municipality would: data only. */
function withHalfYear2026(): NormTable {
  const t = copy();
  const h2 = t.periods[1]!;
  t.version = '2026-01-01.1';
  t.periods.push({ ...structuredClone(h2), id: 'PW-2026-H1', validFrom: '2026-01-01', validUntil: '2026-06-30' });
  t.assetLimits.push({ ...structuredClone(t.assetLimits[0]!), year: 2026, validFrom: '2026-01-01', validUntil: '2026-12-31' });
  return t;
}

describe('the 2025 norm table', () => {
  it('passes its own validator', () => {
    expect(() => validateNormTable(PW_NORM_TABLE)).not.toThrow();
  });

  it.each([
    ['2025-01-01', 'PW-2025-H1'],
    ['2025-06-30', 'PW-2025-H1'],
    ['2025-07-01', 'PW-2025-H2'],
    ['2025-12-31', 'PW-2025-H2'],
  ])('finds the period for %s', (date, id) => {
    expect(findNormPeriod(PW_NORM_TABLE, date).id).toBe(id);
  });

  it('holds the domain-facts figures: alleenstaande 21+ 1,369.06 incl. and 1,300.61 excl. VT on 1 Jul 2025', () => {
    const norm = findNormPeriod(PW_NORM_TABLE, '2025-07-01').norms['alleenstaande-21-plus'];
    expect(norm).toMatchObject({ inclVtCents: 136_906, exclVtCents: 130_061 });
  });

  it('the alleenstaande norm (21 to AOW age) is 70 % of the gehuwdennorm in every period [C]', () => {
    for (const p of PW_NORM_TABLE.periods) {
      expect(Math.round(p.norms['gehuwden-21-plus'].inclVtCents * 0.7)).toBe(p.norms['alleenstaande-21-plus'].inclVtCents);
    }
  });

  it('uses 27 as the kostendelers age limit in 2025 (art. 19a lid 1), as data', () => {
    expect(PW_NORM_TABLE.periods.map((p) => p.kostendelerMinAge)).toEqual([27, 27]);
  });

  it('splits the vakantietoeslag so that the excl.-VT norms of 1 Jul 2025 come out exactly', () => {
    const p = findNormPeriod(PW_NORM_TABLE, '2025-07-01');
    for (const key of Object.keys(p.norms) as NormKey[]) {
      expect(withoutVakantietoeslag(p.norms[key].inclVtCents, p.vakantietoeslagBasisPoints)).toBe(p.norms[key].exclVtCents);
    }
    expect(vakantietoeslagOf(136_906, 500)).toBe(6_845);
  });

  it('finds the asset limits of 2025 (art. 34 lid 3)', () => {
    expect(findAssetLimits(PW_NORM_TABLE, '2025-05-05')).toMatchObject({ alleenstaandeCents: 777_000, gehuwdenCents: 1_554_000, eigenWoningCents: 6_550_000 });
  });
});

describe('lookup outside the table', () => {
  it.each(['2024-12-31', '2026-01-01', '2030-07-01'])('refuses %s with a Dutch message, no fallback', (date) => {
    const fields = refusal(() => findNormPeriod(PW_NORM_TABLE, date));
    expect(fields).toEqual([{ field: 'peildatum', message: `Voor ${date} is geen bijstandsnorm vastgelegd: de normtabel (versie 2025-07-01.1) loopt van 2025-01-01 tot en met 2025-12-31.` }]);
  });

  it('refuses a date that does not exist', () => {
    expect(refusal(() => findNormPeriod(PW_NORM_TABLE, '2025-02-30'))[0]?.message).toMatch(/geen geldige datum/);
  });

  it('refuses asset limits for a year without them', () => {
    expect(refusal(() => findAssetLimits(PW_NORM_TABLE, '2026-03-01'))[0]?.message).toMatch(/geen vermogensgrenzen/);
  });
});

describe('adding a half year is a data change', () => {
  it('a table with 2026-H1 appended validates and answers for 2026', () => {
    const t = withHalfYear2026();
    expect(() => validateNormTable(t)).not.toThrow();
    expect(findNormPeriod(t, '2026-03-01').id).toBe('PW-2026-H1');
    expect(refusal(() => findNormPeriod(t, '2026-07-01'))[0]?.message).toMatch(/loopt van 2025-01-01 tot en met 2026-06-30/);
  });
});

describe('the validator refuses', () => {
  it('a gap between periods', () => {
    const t = withHalfYear2026();
    t.periods.splice(1, 1);
    expectRefused(t, 'periods[1].validFrom', /^Gat in de tabel: na PW-2025-H1 \(tot en met 2025-06-30\) begint PW-2026-H1 pas op 2026-01-01\.$/);
  });

  it('an overlap between periods', () => {
    const t = copy();
    t.periods[0]!.validUntil = '2025-07-31';
    expectRefused(t, 'periods[1].validFrom', /^Overlap in de tabel: PW-2025-H2 begint op 2025-07-01, maar PW-2025-H1 loopt tot en met 2025-07-31\.$/);
  });

  it('a period that does not start on 1 January or 1 July', () => {
    const t = copy();
    t.periods[1]!.validFrom = '2025-08-01';
    expectRefused(t, 'periods[1].validFrom', /begint op 1 januari of 1 juli/);
    expectRefused(t, 'periods[1].validFrom', /^Gat in de tabel/);
  });

  it('a missing leefvorm', () => {
    const t = copy();
    delete (t.periods[1]!.norms as Partial<Record<NormKey, unknown>>)['gehuwden-21-plus'];
    expectRefused(t, 'periods[1].norms.gehuwden-21-plus', /^De norm voor leefvorm 'gehuwden-21-plus' ontbreekt in periode PW-2025-H2\.$/);
  });

  it('an unknown leefvorm', () => {
    const t = copy();
    (t.periods[0]!.norms as Record<string, unknown>)['student'] = { inclVtCents: 1000, exclVtCents: 950, status: 'K' };
    expectRefused(t, 'periods[0].norms.student', /Onbekende leefvorm/);
  });

  it('a negative amount', () => {
    const t = copy();
    t.periods[0]!.norms['alleenstaande-21-plus'] = { inclVtCents: -134_545, exclVtCents: -127_818, status: 'V' };
    expectRefused(t, 'periods[0].norms.alleenstaande-21-plus.inclVtCents', /groter dan nul/);
  });

  it('an absurd amount (above € 10,000 a month)', () => {
    const t = copy();
    t.periods[0]!.norms['gehuwden-21-plus'] = { inclVtCents: 1_922_070, exclVtCents: 1_825_967, status: 'V' };
    expectRefused(t, 'periods[0].norms.gehuwden-21-plus.inclVtCents', /^Het bedrag € 19\.220,70 is onwaarschijnlijk hoog \(meer dan € 10\.000,00\)\.$/);
  });

  it('an amount in fractions of a cent', () => {
    const t = copy();
    t.periods[0]!.art22aLid3.withChildrenCents = 716.58;
    expectRefused(t, 'periods[0].art22aLid3.withChildrenCents', /hele|geheel aantal centen/);
  });

  it('an excl.-VT norm that does not match the incl.-VT norm, beyond one cent', () => {
    const t = copy();
    t.periods[1]!.norms['alleenstaande-21-plus'].exclVtCents = 130_063;
    expectRefused(t, 'periods[1].norms.alleenstaande-21-plus.exclVtCents', /verwacht € 1\.300,61, met hooguit 1 cent verschil/);
  });

  it('but accepts a one-cent difference', () => {
    const t = copy();
    t.periods[1]!.norms['alleenstaande-21-plus'].exclVtCents = 130_062;
    expect(() => validateNormTable(t)).not.toThrow();
  });

  it('a duplicated period id and unsorted periods', () => {
    const t = copy();
    t.periods.reverse();
    t.periods[0]!.id = 'PW-2025-H1';
    const fields = refusal(() => validateNormTable(t));
    expect(fields.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(/komt twee keer voor/), expect.stringMatching(/gesorteerd/)]));
  });

  it('a period without asset limits', () => {
    const t = withHalfYear2026();
    t.assetLimits.pop();
    expectRefused(t, 'periods[2].validFrom', /ontbreken de vermogensgrenzen/);
  });

  it('an absurd kostendelers age limit or vakantietoeslag share', () => {
    const t = copy();
    t.periods[0]!.kostendelerMinAge = 12;
    t.periods[0]!.vakantietoeslagBasisPoints = 5000;
    expectRefused(t, 'periods[0].kostendelerMinAge', /van 18 tot en met 30/);
    expectRefused(t, 'periods[0].vakantietoeslagBasisPoints', /van 0 tot en met 1000/);
  });

  it('an empty table', () => {
    const fields = refusal(() => validateNormTable({ version: '', periods: [], assetLimits: [] }));
    expect(fields.map((f) => f.field)).toEqual(['version', 'periods', 'assetLimits']);
  });
});
