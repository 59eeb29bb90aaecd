import { afterAll, describe, expect, it } from 'vitest';
import { hasIstandaarden, ISTANDAARDEN_DIR, NO_ISTANDAARDEN_REASON } from '../../../test/support/istandaarden.js';
import { writeAllocationMessage, type AllocationMessage } from './exchange.allocation-message.js';
import { SchemaSet } from './exchange.schemas.js';
import { readMessage, xmlDateAt, xmlTime } from './exchange.xml.js';

const message = (standard: AllocationMessage['standard'], overrides: Partial<AllocationMessage['client']> = {}): AllocationMessage => ({
  standard,
  header: { municipalityCode: '0935', agbCode: '75750001', id: 'K2026-000017', date: '2026-12-03' },
  client: {
    bsn: '999990019',
    birthDate: '1948-03-14',
    gender: 'V',
    lastName: 'Berg',
    prefix: 'van den',
    initials: 'M.J.',
    address: { street: 'Burgemeester van Oppenlaan met een lange naam', houseNumber: 12, houseLetter: 'a', postcode: '6211 ab', city: 'Maastricht' },
    ...overrides,
  },
  products: [
    {
      number: 1017,
      category: standard === 'iwmo' ? '02' : '45',
      code: standard === 'iwmo' ? '02A01' : '45A48',
      allocatedAt: new Date('2026-12-02T23:30:00Z'),
      start: '2027-01-01',
      end: '2027-12-31',
      volume: { amount: 3, unit: '04', frequency: '2' },
    },
    { number: 1018, category: standard === 'iwmo' ? '01' : '43', allocatedAt: new Date('2026-12-02T10:00:00Z'), start: '2027-01-01', budgetCents: 250_000, comment: 'Budget <voor> het jaar & meer' },
  ],
});

describe('the allocation message (301)', () => {
  it('writes Amsterdam date and time, the BRP address and both products, and reads back the same', () => {
    const xml = writeAllocationMessage(message('iwmo'));
    const read = readMessage(xml);
    expect(read).toMatchObject({
      Bericht: {
        Header: { BerichtCode: '414', Afzender: '0935', Ontvanger: '75750001', BerichtIdentificatie: { Identificatie: 'K2026-000017' } },
        Client: {
          Naam: { Geslachtsnaam: { Achternaam: 'Berg', Voorvoegsel: 'van den' }, Voorletters: 'MJ', NaamGebruik: '1' },
          Geslacht: '2',
          Contactgegevens: {
            Contact: [{ Adres: { Huis: { Huisnummer: '12', Huisletter: 'a' }, Postcode: '6211AB', Straatnaam: 'Burgemeester van Oppenla', Plaatsnaam: 'Maastricht' } }],
          },
          ToegewezenProducten: {
            ToegewezenProduct: [
              // 23:30 UTC on 2 December is 00:30 on 3 December in Amsterdam.
              { ToewijzingNummer: '1017', Toewijzingsdatum: '2026-12-03', Toewijzingstijd: '00:30:00', Omvang: { Volume: '3', Eenheid: '04', Frequentie: '2' } },
              { ToewijzingNummer: '1018', Budget: '250000', Commentaar: 'Budget <voor> het jaar & meer' },
            ],
          },
        },
      },
    });
    expect(xml.match(/<Einddatum>/g)).toHaveLength(1);
    expect(xml).toContain('Budget &lt;voor&gt; het jaar &amp; meer');
  });

  it('has no element for what is unknown, and refuses a message without products', () => {
    const xml = writeAllocationMessage(message('iwmo', { prefix: null, initials: null }));
    expect(xml).not.toContain('Voorvoegsel');
    expect(xml).not.toContain('Voorletters');
    expect(() => writeAllocationMessage({ ...message('iwmo'), products: [] })).toThrow();
  });

  it('formats times in Amsterdam time in summer and winter', () => {
    expect(xmlTime(new Date('2026-07-01T10:00:00Z'))).toBe('12:00:00');
    expect(xmlDateAt(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
  });

  describe.skipIf(!hasIstandaarden)(`against the official XSDs${hasIstandaarden ? '' : ` (overgeslagen: ${NO_ISTANDAARDEN_REASON})`}`, () => {
    const schemas = hasIstandaarden ? SchemaSet.open(ISTANDAARDEN_DIR) : undefined!;
    afterAll(() => schemas?.close());
    it.each(['iwmo', 'ijw'] as const)('a written %s 301 passes the technical check', (standard) => {
      const result = schemas.check(writeAllocationMessage(message(standard)));
      expect(result).toEqual({ valid: true, messageType: expect.objectContaining({ standard, number: 301 }) });
    });
  });
});
