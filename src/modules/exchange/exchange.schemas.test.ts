import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasIstandaarden, ISTANDAARDEN_DIR, NO_ISTANDAARDEN_REASON, wmo301Sample } from '../../../test/support/istandaarden.js';
import { checkMessageFiles, NO_SCHEMAS_MESSAGE } from './exchange.check.js';
import { messageNamespace, messageType, messageTypes } from './exchange.messages.js';
import { dutchSchemaMessage, SchemaFolderError, SchemaSet, schemaFolderProblems } from './exchange.schemas.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('message types', () => {
  it('knows the 14 messages of each standard, once each, with the code of the request + 1 for its reply', () => {
    for (const standard of ['iwmo', 'ijw'] as const) {
      const numbers = messageTypes.filter((m) => m.standard === standard).map((m) => m.number);
      expect(numbers).toEqual([301, 302, 305, 306, 307, 308, 315, 316, 317, 318, 319, 320, 323, 325]);
      for (const [request, reply] of [[301, 302], [305, 306], [307, 308], [315, 316], [317, 318], [319, 320], [323, 325]] as const) {
        expect(messageType(standard, reply).code).toBe(messageType(standard, request).code + 1);
      }
    }
    expect(messageNamespace(messageType('ijw', 323))).toBe('http://www.istandaarden.nl/ijw/3_2/jw323/schema');
  });
});

describe('libxml2 schema errors in Dutch', () => {
  it.each([
    [
      "Element '{urn:x}Identificatie': This element is not expected. Expected is ( {urn:b}Identificatie ).\n",
      'Element Identificatie staat hier niet goed; verwacht: Identificatie.',
    ],
    ["Element '{urn:x}Naam': Missing child element(s). Expected is ( {urn:b}NaamGebruik ).", 'In Naam ontbreekt: NaamGebruik.'],
    ["Element '{urn:x}Bsn': [facet 'pattern'] The value '12' is not accepted by the pattern '[0-9]{9}'.", "Bsn: de waarde '12' past niet in het voorgeschreven patroon ([0-9]{9})."],
    ["Element '{urn:x}Categorie': [facet 'enumeration'] The value '99' is not an element of the set {'01', '02'}.", "Categorie: de waarde '99' is geen toegestane code."],
    ["Element '{urn:x}Straatnaam': [facet 'maxLength'] The value 'x' has a length of '30'; this exceeds the allowed maximum length of '24'.", "Straatnaam: de waarde 'x' is te lang (30 tekens, hoogstens 24)."],
    ["Element '{urn:x}Einddatum': '2027-13-01' is not a valid value of the atomic type '{urn:b}LDT_Datum'.", "Einddatum: de waarde '2027-13-01' is geen geldige LDT_Datum."],
    ['Something libxml2 says that we do not know', 'Something libxml2 says that we do not know'],
  ])('%s', (raw, dutch) => {
    expect(dutchSchemaMessage(raw)).toBe(dutch);
  });
});

describe('schema folder', () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'koers-xsd-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  it('names what is missing, and refuses to open an incomplete folder', () => {
    expect(schemaFolderProblems(path.join(empty, 'nope'))).toEqual([`map ${path.join(empty, 'nope')} bestaat niet`]);
    expect(schemaFolderProblems(empty)[0]).toMatch(/ontbreken: .*iwmo-3\.2\/WMO301\.xsd.*ijw-3\.2\/JW325\.xsd/);
    expect(() => SchemaSet.open(empty)).toThrow(SchemaFolderError);
  });

  it('`berichten check` without a folder refuses with exit code 2 and says where to get the XSDs', () => {
    const outcome = checkMessageFiles(undefined, [{ name: 'x.xml', read: () => bytes(wmo301Sample()) }]);
    expect(outcome).toEqual({ exitCode: 2, lines: [NO_SCHEMAS_MESSAGE] });
    expect(NO_SCHEMAS_MESSAGE).toContain('KOERS_ISTANDAARDEN_DIR');
    expect(checkMessageFiles(empty, []).exitCode).toBe(2);
  });
});

describe.skipIf(!hasIstandaarden)(`technical check against the official XSDs${hasIstandaarden ? '' : ` (overgeslagen: ${NO_ISTANDAARDEN_REASON})`}`, () => {
  const schemas = hasIstandaarden ? SchemaSet.open(ISTANDAARDEN_DIR) : undefined!;
  afterAll(() => schemas?.close());

  it('the official folder is complete', () => {
    expect(schemaFolderProblems(ISTANDAARDEN_DIR)).toEqual([]);
  });

  it('accepts a valid iWmo 301 and recognises it', () => {
    const result = schemas.check(bytes(wmo301Sample()));
    expect(result).toMatchObject({ valid: true, messageType: { standard: 'iwmo', number: 301, code: 414 } });
  });

  it('lists every violation with its line and a Dutch explanation', () => {
    const result = schemas.check(wmo301Sample({ bsn: '12345', categorie: '99', einddatum: '2027-13-01' }));
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.problems.map((p) => p.message)).toEqual([
      "Bsn: de waarde '12345' past niet in het voorgeschreven patroon ([0-9]{9}).",
      "Categorie: de waarde '99' is geen toegestane code.",
      "Einddatum: de waarde '2027-13-01' is geen geldige LDT_Datum.",
    ]);
    expect(result.problems.every((p) => typeof p.line === 'number' && p.line > 1)).toBe(true);
  });

  it('refuses an element out of place', () => {
    const result = schemas.check(wmo301Sample({ extraClientElement: '<Onbekend>x</Onbekend>' }));
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.problems[0]!.message).toMatch(/^Element Onbekend /);
  });

  it('refuses malformed XML, an unknown namespace and a DOCTYPE without loading anything', () => {
    const malformed = schemas.check('<Bericht><Header></Bericht>');
    expect(malformed).toMatchObject({ valid: false, messageType: null });
    if (!malformed.valid) expect(malformed.problems[0]!.message).toMatch(/^Geen geldige XML: /);

    const unknown = schemas.check('<Bericht xmlns="urn:iets-anders"/>');
    expect(unknown.valid).toBe(false);
    if (!unknown.valid) expect(unknown.problems[0]!.message).toContain('geen iWmo- of iJw-3.2-bericht');

    const xxe = schemas.check(wmo301Sample().replace('<Bericht ', '<!DOCTYPE Bericht [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<Bericht '));
    expect(xxe.valid).toBe(false);
    if (!xxe.valid) expect(xxe.problems[0]!.message).toContain('DOCTYPE');
  });

  it('says when the folder has no XSD for a message (the local iWmo release lacks the replies)', () => {
    const result = schemas.check(`<Bericht xmlns="${messageNamespace(messageType('iwmo', 302))}"/>`);
    expect(result).toMatchObject({ valid: false, messageType: { standard: 'iwmo', number: 302 } });
    if (!result.valid) expect(result.problems[0]!.message).toBe(`Voor iwmo-3.2/WMO302.xsd is geen XSD in ${ISTANDAARDEN_DIR}.`);
  });

  it('`berichten check` reports per file and exits 1 when one fails', () => {
    const outcome = checkMessageFiles(ISTANDAARDEN_DIR, [
      { name: 'goed.xml', read: () => bytes(wmo301Sample()) },
      { name: 'fout.xml', read: () => bytes(wmo301Sample({ bsn: '1' })) },
      { name: 'weg.xml', read: () => { throw Object.assign(new Error('no such file'), { code: 'ENOENT' }); } },
    ]);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines).toEqual([
      'OK   goed.xml: iWmo 301 Toewijzing',
      'FOUT fout.xml: iWmo 301 Toewijzing, 1 fout',
      "     regel 13: Bsn: de waarde '1' past niet in het voorgeschreven patroon ([0-9]{9}).",
      'FOUT weg.xml: niet te lezen (ENOENT).',
      '2 van 3 berichten afgekeurd.',
    ]);
    expect(checkMessageFiles(ISTANDAARDEN_DIR, [{ name: 'goed.xml', read: () => bytes(wmo301Sample()) }])).toEqual({
      exitCode: 0,
      lines: ['OK   goed.xml: iWmo 301 Toewijzing', '1 bericht goedgekeurd.'],
    });
  });
});
