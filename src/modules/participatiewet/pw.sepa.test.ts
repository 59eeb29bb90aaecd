import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { validIban } from './pw.iban.test-support.js';
import {
  buildCreditTransferFile,
  centsToDecimal,
  DEFAULT_MAX_AMOUNT_CENTS,
  SepaFileDefect,
  verifyWrittenFile,
  type CreditTransferPayment,
  type CreditTransferRun,
} from './pw.sepa.js';

// Read back independently of the module's own check: plain strings, repeated elements as arrays.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (name) => name === 'PmtInf' || name === 'CdtTrfTxInf' });
interface Tx { PmtId: { InstrId: string; EndToEndId: string }; Amt: { InstdAmt: { '#text': string; '@_Ccy': string } }; Cdtr: { Nm: string }; CdtrAcct: { Id: { IBAN: string } }; RmtInf: { Ustrd: string } }
interface Block { PmtInfId: string; PmtMtd: string; BtchBookg: string; NbOfTxs: string; CtrlSum: string; ReqdExctnDt: string; Dbtr: { Nm: string }; DbtrAcct: { Id: { IBAN: string } }; DbtrAgt: { FinInstnId: { BIC?: string; Othr?: { Id: string } } }; CdtTrfTxInf: Tx[] }
interface Parsed { Document: { '@_xmlns': string; CstmrCdtTrfInitn: { GrpHdr: { MsgId: string; CreDtTm: string; NbOfTxs: string; CtrlSum: string; InitgPty: { Nm: string } }; PmtInf: Block[] } } }
const readBack = (xml: string): Parsed => parser.parse(xml) as Parsed;

/** The exact decimal of a sum of cents, computed in BigInt: the reference the file must match. */
const euros = (cents: bigint): string => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;

const createdAt = new Date('2026-11-20T09:15:00Z');
const threePayments = (): CreditTransferRun => ({
  messageId: 'PW-2026-11-R1',
  createdAt,
  debtor: { name: 'Gemeente Maastricht', iban: 'NL91 ABNA 0417 1643 00' },
  requestedExecutionDate: '2026-11-25',
  payments: [
    { endToEndId: 'PW-000123-202611', creditorName: 'Anaïs Çelik', creditorIban: 'nl44 rabo 0123 4567 89', amountCents: 123_456, remittanceInformation: 'Bijstand november 2026 PW-000123' },
    { endToEndId: 'PW-000124-202611', creditorName: 'J. de Vries & Zn', creditorIban: 'DE89 3704 0044 0532 0130 00', amountCents: 98_765, remittanceInformation: 'Bijstand november 2026 PW-000124' },
    { endToEndId: 'PW-000125-202611', creditorName: "Zoë O'Neil", creditorIban: 'BE68539007547034', amountCents: 1, remittanceInformation: 'Correctie oktober 2026 – PW-000125' },
  ],
});

describe('buildCreditTransferFile', () => {
  it('writes three payments whose totals and details read back as the run states them', () => {
    const file = buildCreditTransferFile(threePayments());
    const doc = readBack(file.xml).Document;
    const header = doc.CstmrCdtTrfInitn.GrpHdr;
    const [block, ...otherBlocks] = doc.CstmrCdtTrfInitn.PmtInf;

    expect(doc['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    expect(otherBlocks).toEqual([]);
    expect(header.NbOfTxs).toBe('3');
    expect(header.CtrlSum).toBe('2222.22'); // 1234.56 + 987.65 + 0.01
    expect(block?.NbOfTxs).toBe('3');
    expect(block?.CtrlSum).toBe('2222.22');
    expect(file).toMatchObject({ painFormat: 'pain.001.001.03', messageId: 'PW-2026-11-R1', numberOfTransactions: 3, controlSumCents: 222_222, controlSum: '2222.22' });

    expect(block?.CdtTrfTxInf.map((tx) => [tx.PmtId.EndToEndId, tx.Cdtr.Nm, tx.CdtrAcct.Id.IBAN, tx.Amt.InstdAmt['#text'], tx.Amt.InstdAmt['@_Ccy'], tx.RmtInf.Ustrd])).toEqual([
      ['PW-000123-202611', 'Anais Celik', 'NL44RABO0123456789', '1234.56', 'EUR', 'Bijstand november 2026 PW-000123'],
      ['PW-000124-202611', 'J. de Vries + Zn', 'DE89370400440532013000', '987.65', 'EUR', 'Bijstand november 2026 PW-000124'],
      ['PW-000125-202611', "Zoe O'Neil", 'BE68539007547034', '0.01', 'EUR', 'Correctie oktober 2026 - PW-000125'],
    ]);
    expect(block?.CdtTrfTxInf.map((tx) => tx.PmtId.InstrId)).toEqual(['PW-2026-11-R1.0.0', 'PW-2026-11-R1.0.1', 'PW-2026-11-R1.0.2']);
  });

  it('states the municipality as debtor, one booking for the run, the execution date and the Amsterdam creation time', () => {
    const doc = readBack(buildCreditTransferFile(threePayments()).xml).Document.CstmrCdtTrfInitn;
    const block = doc.PmtInf[0];
    expect(doc.GrpHdr.MsgId).toBe('PW-2026-11-R1');
    expect(doc.GrpHdr.CreDtTm).toBe('2026-11-20T10:15:00'); // 09:15 UTC is 10:15 in Amsterdam in November
    expect(doc.GrpHdr.InitgPty.Nm).toBe('Gemeente Maastricht');
    expect(block).toMatchObject({ PmtMtd: 'TRF', BtchBookg: 'true', ReqdExctnDt: '2026-11-25', Dbtr: { Nm: 'Gemeente Maastricht' }, DbtrAcct: { Id: { IBAN: 'NL91ABNA0417164300' } } });
    // Without a BIC the debtor agent is "not provided", as the EPC guidelines allow since IBAN-only.
    expect(block?.DbtrAgt).toEqual({ FinInstnId: { Othr: { Id: 'NOTPROVIDED' } } });
  });

  it('decides the creation time and "today" in Amsterdam, also in summer time and after midnight there', () => {
    const lateEvening = new Date('2026-07-01T22:30:00Z'); // 00:30 on 2 July in Amsterdam
    const run = { ...threePayments(), createdAt: lateEvening, requestedExecutionDate: '2026-07-02' };
    expect(readBack(buildCreditTransferFile(run).xml).Document.CstmrCdtTrfInitn.GrpHdr.CreDtTm).toBe('2026-07-02T00:30:00');
    expect(refusal({ ...run, requestedExecutionDate: '2026-07-01' })).toEqual([{ field: 'requestedExecutionDate', message: expect.stringMatching(/vóór de dag/) as unknown as string }]);
  });

  it('writes the BIC when the municipality states one', () => {
    const run = threePayments();
    const block = readBack(buildCreditTransferFile({ ...run, debtor: { ...run.debtor, bic: 'bngh nl2g' } }).xml).Document.CstmrCdtTrfInitn.PmtInf[0];
    expect(block?.DbtrAgt).toEqual({ FinInstnId: { BIC: 'BNGHNL2G' } });
  });

  it('has control sum = exact sum of the amounts and number of transactions = count, for any valid run', () => {
    const payment = (i: number): fc.Arbitrary<CreditTransferPayment> =>
      fc.record({
        endToEndId: fc.constant(`PW-${i}`),
        creditorName: fc.constantFrom('Anaïs Çelik', 'J. de Vries', "O'Neil", 'Ĳsbrand Müßig', 'Søren Ærø'),
        creditorIban: validIban(),
        amountCents: fc.oneof(fc.integer({ min: 1, max: DEFAULT_MAX_AMOUNT_CENTS }), fc.constantFrom(1, 10, 30, 99, 100, 12_345, 181_567, DEFAULT_MAX_AMOUNT_CENTS)),
        remittanceInformation: fc.constant(`Bijstand PW-${i}`),
      });
    const run = fc.integer({ min: 1, max: 60 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => payment(i))));
    fc.assert(
      fc.property(run, (payments) => {
        const file = buildCreditTransferFile({ ...threePayments(), payments });
        const doc = readBack(file.xml).Document.CstmrCdtTrfInitn;
        const sum = euros(payments.reduce((s, p) => s + BigInt(p.amountCents), 0n));
        expect(doc.GrpHdr.CtrlSum).toBe(sum);
        expect(doc.PmtInf[0]?.CtrlSum).toBe(sum);
        expect(doc.GrpHdr.NbOfTxs).toBe(String(payments.length));
        expect(doc.PmtInf[0]?.NbOfTxs).toBe(String(payments.length));
        expect(doc.PmtInf[0]?.CdtTrfTxInf.map((tx) => tx.Amt.InstdAmt['#text'])).toEqual(payments.map((p) => euros(BigInt(p.amountCents))));
        expect(file.controlSum).toBe(sum);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a large run exact where adding the amounts as floats drifts', () => {
    // 10,000 × € 0,10 summed as doubles is 999.9999999998… — the file must say 1000.00.
    const payments = Array.from({ length: 10_000 }, (_, i) => ({ endToEndId: `PW-${i}`, creditorName: 'J. de Vries', creditorIban: 'NL91ABNA0417164300', amountCents: 10, remittanceInformation: 'Bijstand' }));
    expect(payments.reduce((s) => s + 0.1, 0)).not.toBe(1000);
    const file = buildCreditTransferFile({ ...threePayments(), messageId: 'PW-2026-11', payments });
    expect(readBack(file.xml).Document.CstmrCdtTrfInitn.GrpHdr).toMatchObject({ NbOfTxs: '10000', CtrlSum: '1000.00' });
  });
});

describe('centsToDecimal', () => {
  it.each([[0, '0.00'], [1, '0.01'], [10, '0.10'], [12_345, '123.45'], [100_000_000, '1000000.00'], [Number.MAX_SAFE_INTEGER, '90071992547409.91']])('%i cents → %s', (cents, text) => {
    expect(centsToDecimal(cents)).toBe(text);
  });
});

describe('verifyWrittenFile', () => {
  const run = threePayments();
  const { xml } = buildCreditTransferFile(run);
  // The run as checked: texts in the SEPA set, IBANs compact — what the file must state.
  const written = [
    { creditorName: 'Anais Celik', creditorIban: 'NL44RABO0123456789', remittanceInformation: 'Bijstand november 2026 PW-000123' },
    { creditorName: 'J. de Vries + Zn', creditorIban: 'DE89370400440532013000', remittanceInformation: 'Bijstand november 2026 PW-000124' },
    { creditorName: "Zoe O'Neil", creditorIban: 'BE68539007547034', remittanceInformation: 'Correctie oktober 2026 - PW-000125' },
  ];
  const checked = { ...run, debtor: { iban: 'NL91ABNA0417164300' }, payments: run.payments.map((p, i) => ({ ...p, ...written[i] })) };

  it('passes the file as written', () => {
    expect(() => verifyWrittenFile(xml, checked, 222_222)).not.toThrow();
  });

  it.each([
    ['a control sum off by a cent', (x: string) => x.replaceAll('<CtrlSum>2222.22</CtrlSum>', '<CtrlSum>2222.21</CtrlSum>'), /CtrlSum: 2222.21 in plaats van 2222.22/],
    ['a changed amount', (x: string) => x.replace('>987.65<', '>987.56<'), /betaling 2 bedrag/],
    ['a changed IBAN', (x: string) => x.replace('BE68539007547034', 'BE68539007547043'), /betaling 3 IBAN/],
    ['a missing transaction', (x: string) => x.replace(/<CdtTrfTxInf>(?:(?!<\/CdtTrfTxInf>).)*PW-000125(?:(?!<\/CdtTrfTxInf>).)*<\/CdtTrfTxInf>/s, ''), /aantal CdtTrfTxInf: 2 in plaats van 3/],
    ['a file cut off halfway', (x: string) => x.slice(0, Math.floor(x.length / 2)), /geen geldige XML/],
    ['another pain version', (x: string) => x.replaceAll('pain.001.001.03', 'pain.001.001.09'), /namespace/],
  ])('refuses %s', (_label, tamper, message) => {
    const tampered = tamper(xml);
    expect(tampered).not.toBe(xml);
    expect(() => verifyWrittenFile(tampered, checked, 222_222)).toThrow(SepaFileDefect);
    expect(() => verifyWrittenFile(tampered, checked, 222_222)).toThrow(message);
  });
});

/** The field errors of a refused run; fails the test when the run is not refused. */
function refusal(run: CreditTransferRun, options?: { maxAmountCents?: number }): { field: string; message: string }[] {
  try {
    buildCreditTransferFile(run, options);
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return error.fields;
    throw error;
  }
  throw new Error('expected the run to be refused');
}

const withPayment = (index: number, change: Partial<CreditTransferPayment>): CreditTransferRun => {
  const run = threePayments();
  return { ...run, payments: run.payments.map((p, i) => (i === index ? { ...p, ...change } : p)) };
};

describe('buildCreditTransferFile refuses', () => {
  it.each<[string, CreditTransferRun, string, RegExp]>([
    ['a run without payments', { ...threePayments(), payments: [] }, 'payments', /minstens één betaling/],
    ['a wrong IBAN of the municipality', { ...threePayments(), debtor: { name: 'Gemeente Maastricht', iban: 'NL92ABNA0417164300' } }, 'debtor.iban', /Rekening van de gemeente: de controlecijfers/],
    ['a BIC of another country', { ...threePayments(), debtor: { name: 'Gemeente Maastricht', iban: 'NL91ABNA0417164300', bic: 'DEUTDEFF' } }, 'debtor.bic', /Duitsland/],
    ['a municipality without a name', { ...threePayments(), debtor: { name: '  ', iban: 'NL91ABNA0417164300' } }, 'debtor.name', /De naam van de gemeente ontbreekt/],
    ['a wrong IBAN', withPayment(1, { creditorIban: 'NL91ABNA0417164301' }), 'payments.1.creditorIban', /^Betaling 2: de controlecijfers/],
    ['an IBAN outside SEPA', withPayment(0, { creditorIban: 'TR330006100519786457841326' }), 'payments.0.creditorIban', /^Betaling 1: .*buiten SEPA/],
    ['an amount of zero', withPayment(2, { amountCents: 0 }), 'payments.2.amountCents', /^Betaling 3: het bedrag moet groter zijn dan € 0,00/],
    ['a negative amount', withPayment(2, { amountCents: -500 }), 'payments.2.amountCents', /groter zijn dan € 0,00 \(nu € -5,00\)/],
    ['a fraction of a cent', withPayment(2, { amountCents: 12.5 }), 'payments.2.amountCents', /geheel aantal centen/],
    ['no number', withPayment(2, { amountCents: Number.NaN }), 'payments.2.amountCents', /geheel aantal centen/],
    ['an absurd amount', withPayment(0, { amountCents: DEFAULT_MAX_AMOUNT_CENTS + 1 }), 'payments.0.amountCents', /€ 25\.000,01 is hoger dan het maximum van € 25\.000,00/],
    ['a creditor without a name', withPayment(0, { creditorName: '' }), 'payments.0.creditorName', /^Betaling 1: de naam van de ontvanger ontbreekt/],
    ['a name longer than 70', withPayment(0, { creditorName: 'A'.repeat(71) }), 'payments.0.creditorName', /71 tekens; het maximum is 70/],
    ['a name that grows past 70 when spelled out', withPayment(0, { creditorName: `${'A'.repeat(69)}ß` }), 'payments.0.creditorName', /71 tekens/],
    ['a name in another script', withPayment(0, { creditorName: 'Иван Петров' }), 'payments.0.creditorName', /bevat "И", .* kent SEPA niet/],
    ['an empty description', withPayment(1, { remittanceInformation: ' ' }), 'payments.1.remittanceInformation', /omschrijving ontbreekt/],
    ['a description longer than 140', withPayment(1, { remittanceInformation: 'x'.repeat(141) }), 'payments.1.remittanceInformation', /141 tekens; het maximum is 140/],
    ['a description with @', withPayment(1, { remittanceInformation: 'mail a@b.nl' }), 'payments.1.remittanceInformation', /bevat "@"/],
    ['a repeated end-to-end id', withPayment(2, { endToEndId: 'PW-000123-202611' }), 'payments.2.endToEndId', /^Betaling 3: het betalingskenmerk PW-000123-202611 staat ook bij betaling 1/],
    ['an end-to-end id of 36', withPayment(0, { endToEndId: 'X'.repeat(36) }), 'payments.0.endToEndId', /36 tekens lang; het maximum is 35/],
    ['an end-to-end id with a space', withPayment(0, { endToEndId: 'PW 1' }), 'payments.0.endToEndId', /geen spaties/],
    ['an end-to-end id starting with /', withPayment(0, { endToEndId: '/PW1' }), 'payments.0.endToEndId', /beginnen of eindigen/],
    ['a message id with a space', { ...threePayments(), messageId: 'PW 2026' }, 'messageId', /Het berichtkenmerk mag alleen/],
    ['an execution date that does not exist', { ...threePayments(), requestedExecutionDate: '2026-02-30' }, 'requestedExecutionDate', /bestaande datum/],
    ['an execution date before the file', { ...threePayments(), requestedExecutionDate: '2026-11-19' }, 'requestedExecutionDate', /ligt vóór de dag/],
    ['an invalid creation time', { ...threePayments(), createdAt: new Date(Number.NaN) }, 'createdAt', /ongeldig/],
  ])('%s', (_label, run, field, message) => {
    const errors = refusal(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.field).toBe(field);
    expect(errors[0]?.message).toMatch(message);
  });

  it('accepts the limits themselves: a name of 70, a description of 140, an id of 35, the maximum amount', () => {
    const run = withPayment(0, { creditorName: 'A'.repeat(70), remittanceInformation: 'x'.repeat(140), endToEndId: 'X'.repeat(35), amountCents: DEFAULT_MAX_AMOUNT_CENTS });
    expect(buildCreditTransferFile(run).numberOfTransactions).toBe(3);
  });

  it('takes another maximum amount when the caller gives one', () => {
    expect(refusal(threePayments(), { maxAmountCents: 100_000 })).toEqual([
      { field: 'payments.0.amountCents', message: 'Betaling 1: het bedrag € 1.234,56 is hoger dan het maximum van € 1.000,00 per betaling.' },
    ]);
  });

  it('refuses a message id that leaves no room for the transaction numbers the library appends', () => {
    const payments = (n: number): CreditTransferPayment[] => Array.from({ length: n }, (_, i) => ({ endToEndId: `E${i}`, creditorName: 'A', creditorIban: 'NL91ABNA0417164300', amountCents: 1, remittanceInformation: 'x' }));
    const messageId = 'M'.repeat(31); // with ".0.9" 35 characters: fits ten payments, not eleven
    expect(buildCreditTransferFile({ ...threePayments(), messageId, payments: payments(10) }).numberOfTransactions).toBe(10);
    expect(refusal({ ...threePayments(), messageId, payments: payments(11) })).toEqual([
      { field: 'messageId', message: expect.stringMatching(/te lang voor 11 betalingen/) as unknown as string },
    ]);
  });

  it('names every problem of a run at once, per payment and field', () => {
    const run = threePayments();
    const errors = refusal({
      ...run,
      payments: [
        { ...run.payments[0]!, creditorIban: 'NL00', amountCents: 0 },
        run.payments[1]!,
        { ...run.payments[2]!, endToEndId: run.payments[1]!.endToEndId, creditorName: '' },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual(['payments.0.creditorIban', 'payments.0.amountCents', 'payments.2.endToEndId', 'payments.2.creditorName']);
  });
});
