import { describe, expect, it } from 'vitest';
import { decodeCsv, parseArrearsCsv } from './debt.arrears-csv.js';

const HEADER = 'bron;soort_schuldeiser;postcode;huisnummer;huisnummer_toevoeging;achterstand_euro;maanden_achterstand;peildatum';
const TODAY = '2026-12-04';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');

describe('arrears file', () => {
  it('reads a well-formed file: postcode without space, amount in cents, Dutch and ISO dates', () => {
    const parsed = parseArrearsCsv(csv('Maasvallei;woningcorporatie;6211 ab;12;a;1250,50;3;2026-11-30', '"Enexis; Essent";energie;6222AB;7;;99.9;2;30-11-2026', ''), TODAY);
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { row: 2, source: 'Maasvallei', creditorKind: 'woningcorporatie', postcode: '6211AB', houseNumber: 12, addition: 'A', amountCents: 125050, months: 3, referenceDate: '2026-11-30' },
        { row: 3, source: 'Enexis; Essent', creditorKind: 'energie', postcode: '6222AB', houseNumber: 7, addition: '', amountCents: 9990, months: 2, referenceDate: '2026-11-30' },
      ],
    });
  });

  it('reports every broken cell with its row and column, in Dutch', () => {
    const parsed = parseArrearsCsv(csv('WML;water;6211AB;3;;80;1;2026-11-01', 'CZ;bank;62111AB;x;;-5;0;2026-13-01', 'WML;water;6211AB;4;;80;1'), TODAY);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'soort_schuldeiser'],
      [3, 'postcode'],
      [3, 'huisnummer'],
      [3, 'achterstand_euro'],
      [3, 'maanden_achterstand'],
      [3, 'peildatum'],
      [4, ''],
    ]);
    expect(parsed.issues[0]!.message).toContain('Onbekende soort schuldeiser ‘bank’');
    expect(parsed.issues[1]!.message).toContain('Ongeldige postcode');
    expect(parsed.issues[6]!.message).toContain('7 kolommen in plaats van 8');
  });

  it('refuses a wrong header, an empty file, a future reference date, a duplicate row and an unclosed quote', () => {
    const header = parseArrearsCsv('bron;soort;postcode\nx;y;z', TODAY);
    expect(header).toMatchObject({ ok: false, issues: [{ row: 1, column: '' }] });
    if (!header.ok) expect(header.issues[0]!.message).toMatch(/ontbreken: soort_schuldeiser, huisnummer.*kennen we niet: soort/);
    expect(parseArrearsCsv(csv(), TODAY)).toMatchObject({ ok: false, issues: [{ row: 2, message: 'Het bestand bevat geen regels met achterstanden.' }] });
    expect(parseArrearsCsv(csv('WML;water;6211AB;3;;80;1;2026-12-05'), TODAY)).toMatchObject({ ok: false, issues: [{ row: 2, column: 'peildatum', message: 'De peildatum ligt in de toekomst.' }] });
    expect(parseArrearsCsv(csv('WML;water;6211AB;3;;80;1;2026-12-01', 'wml;Water;6211 AB;3;;95;2;2026-12-01'), TODAY)).toMatchObject({ ok: false, issues: [{ row: 3, column: '', message: expect.stringContaining('rij 2') }] });
    expect(parseArrearsCsv(csv('"WML;water;6211AB;3;;80;1;2026-12-01'), TODAY)).toMatchObject({ ok: false, issues: [{ row: 2, column: '' }] });
  });

  it('decodes UTF-8 with a BOM and Windows-1252', () => {
    expect(decodeCsv(Buffer.from('\uFEFFbron', 'utf8'))).toBe('bron');
    expect(decodeCsv(Buffer.from([0x43, 0xe9]))).toBe('Cé');
  });
});
