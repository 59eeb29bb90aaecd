// The SEPA credit transfer file (ISO 20022 pain.001) of a Participatiewet payment run, written with
// the `sepa` library. The payment run hands over what it approved; this module refuses the whole
// file if anything in it is wrong, so a bank never receives half a run.
//
// Version: pain.001.001.03. It is the version of the Dutch banks' common implementation guidelines
// (Betaalvereniging Nederland, "SEPA Credit Transfer Customer-to-Bank Implementation Guidelines for
// the Netherlands", built on EPC132-08), so the one a Dutch bank - BNG Bank, the municipalities' own
// bank, among them - takes without asking; which banks also take .09 was not verified. The library
// also writes pain.001.001.09 (its README's example for transfers; its default format is the direct
// debit pain.008.001.02); switching is this one constant once the municipality's bank asks for it,
// since no element Koers fills changes between the two except the library-handled ReqdExctnDt/Dt and
// BIC/BICFI.
//
// What the library does and does not do, read in its source (sepa 3.0.0):
// - its own validation runs when the document is serialised (lengths, IBAN mod 97, amount range
//   0.01–999,999,999.99 with at most two decimals, BIC/IBAN country); Koers checks all of it first,
//   with Dutch messages per payment, so the library's check is a second line that should never fire;
// - it sums the amounts as floating-point numbers; Koers therefore reads the written file back and
//   refuses it unless every amount, the number of transactions and both control sums equal the run's
//   exact sums in cents;
// - it does not reduce names or descriptions to the SEPA character set (pw.sepa-text.ts does);
// - it writes an optional purpose code (Purp) after the remittance information, where the pain.001
//   schema wants it before; Koers therefore sets none.
// No pain.001 XSD ships with the library or with the standards in this project's shared folder, so
// the file is read back with libxml2 (well-formed, namespace, figures), not checked against the schema.

import { ParseOption, XmlDocument, XmlParseError } from 'libxml2-wasm';
import { Document, enableValidations } from 'sepa';
import { parseDate } from '../../platform/calendar.js';
import { validationFailed, type FieldError } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { formatCents } from '../allocations/commitment.js';
import { checkBic, checkIban } from './pw.iban.js';
import { quoteCharacters, sepaIdProblem, toSepaText } from './pw.sepa-text.js';

export const PAIN_FORMAT = 'pain.001.001.03';
export const PAIN_NAMESPACE = `urn:iso:std:iso:20022:tech:xsd:${PAIN_FORMAT}`;
/** A Participatiewet payment is a month's benefit, perhaps with back pay: € 25.000 is far beyond it. */
export const DEFAULT_MAX_AMOUNT_CENTS = 2_500_000;
/** EPC limits for names and unstructured remittance information (the schema itself allows 140 for names). */
export const MAX_NAME_LENGTH = 70;
export const MAX_REMITTANCE_LENGTH = 140;
const MAX_ID_LENGTH = 35;

export interface CreditTransferPayment {
  /** The run's reference for this payment; the bank returns it on the resident's statement and in returns. */
  endToEndId: string;
  creditorName: string;
  creditorIban: string;
  amountCents: number;
  /** Omschrijving on the resident's statement, e.g. "Bijstand november 2026 PW-000123". */
  remittanceInformation: string;
}

export interface CreditTransferRun {
  messageId: string;
  createdAt: Date;
  /** The municipality's own account. */
  debtor: { name: string; iban: string; bic?: string | null };
  /** 'yyyy-mm-dd': the day the municipality's bank should execute the transfers. */
  requestedExecutionDate: string;
  payments: readonly CreditTransferPayment[];
}

export interface CreditTransferFile {
  painFormat: typeof PAIN_FORMAT;
  messageId: string;
  xml: string;
  numberOfTransactions: number;
  controlSumCents: number;
  /** The control sum as written in the file, e.g. "1234.56". */
  controlSum: string;
}

export interface CreditTransferOptions {
  maxAmountCents?: number;
}

/** The run after its checks: texts in the SEPA set, IBANs in electronic format. */
interface CheckedRun {
  messageId: string;
  createdAt: Date;
  debtor: { name: string; iban: string; bic: string };
  requestedExecutionDate: string;
  payments: { endToEndId: string; creditorName: string; creditorIban: string; amountCents: number; remittanceInformation: string }[];
}

/** What the written file must state: a checked run (texts already in the SEPA set, IBANs compact). */
export type WrittenRun = Pick<CreditTransferRun, 'messageId' | 'createdAt' | 'requestedExecutionDate' | 'payments'> & { debtor: { iban: string } };

/** Thrown when the written file does not say what the run says: a defect, never the user's input. */
export class SepaFileDefect extends Error {
  override name = 'SepaFileDefect';
}

/** Cents as the decimal the file states, e.g. 12345 → "123.45"; exact, no float in between. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`Cents must be a non-negative safe integer, got ${cents}`);
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * Writes the pain.001 file of a payment run. Refuses the whole file with one Dutch message per field
 * (`payments.3.creditorIban`, …) when any part of the run is wrong; nothing is produced then.
 */
export function buildCreditTransferFile(run: CreditTransferRun, options: CreditTransferOptions = {}): CreditTransferFile {
  const checked = checkRun(run, options.maxAmountCents ?? DEFAULT_MAX_AMOUNT_CENTS);
  const xml = writeWithLibrary(checked);
  const controlSumCents = checked.payments.reduce((sum, p) => sum + p.amountCents, 0);
  verifyWrittenFile(xml, checked, controlSumCents);
  return { painFormat: PAIN_FORMAT, messageId: checked.messageId, xml, numberOfTransactions: checked.payments.length, controlSumCents, controlSum: centsToDecimal(controlSumCents) };
}

function checkRun(run: CreditTransferRun, maxAmountCents: number): CheckedRun {
  const errors: FieldError[] = [];
  const add = (field: string, message: string): void => void errors.push({ field, message });

  const idLength = run.messageId.length + `.0.${Math.max(run.payments.length - 1, 0)}`.length;
  const messageIdProblem = sepaIdProblem(run.messageId, MAX_ID_LENGTH);
  if (messageIdProblem) add('messageId', `Het berichtkenmerk ${messageIdProblem}.`);
  else if (idLength > MAX_ID_LENGTH) {
    // The library numbers each transaction as <messageId>.0.<n> (InstrId, at most 35 characters).
    add('messageId', `Het berichtkenmerk is te lang voor ${run.payments.length} betalingen: het kenmerk met ".0.${run.payments.length - 1}" erachter mag hoogstens ${MAX_ID_LENGTH} tekens zijn.`);
  }
  if (!(run.createdAt instanceof Date) || Number.isNaN(run.createdAt.getTime())) add('createdAt', 'Het aanmaakmoment van het bestand ontbreekt of is ongeldig.');
  checkExecutionDate(run, add);

  const debtorName = checkText(run.debtor.name, 'debtor.name', 'De naam van de gemeente', MAX_NAME_LENGTH, add);
  const debtorIban = checkIban(run.debtor.iban);
  if (!debtorIban.valid) add('debtor.iban', `Rekening van de gemeente: ${afterColon(debtorIban.message)}`);
  let debtorBic = '';
  if (run.debtor.bic && debtorIban.valid) {
    const bic = checkBic(run.debtor.bic, debtorIban.iban);
    if (bic.valid) debtorBic = bic.bic;
    else add('debtor.bic', `BIC van de gemeente: ${afterColon(bic.message)}`);
  }

  if (run.payments.length === 0) add('payments', 'Een betaalbestand heeft minstens één betaling.');
  const seenIds = new Map<string, number>();
  const payments = run.payments.map((p, i) => {
    const at = (field: string): string => `payments.${i}.${field}`;
    const label = `Betaling ${i + 1}`;
    const idProblem = sepaIdProblem(p.endToEndId, MAX_ID_LENGTH);
    if (idProblem) add(at('endToEndId'), `${label}: het betalingskenmerk ${idProblem}.`);
    const first = seenIds.get(p.endToEndId);
    if (first !== undefined) add(at('endToEndId'), `${label}: het betalingskenmerk ${p.endToEndId} staat ook bij betaling ${first + 1}; elk kenmerk komt één keer voor.`);
    else seenIds.set(p.endToEndId, i);
    const creditorName = checkText(p.creditorName, at('creditorName'), `${label}: de naam van de ontvanger`, MAX_NAME_LENGTH, add);
    const iban = checkIban(p.creditorIban);
    if (!iban.valid) add(at('creditorIban'), `${label}: ${afterColon(iban.message)}`);
    checkAmount(p.amountCents, maxAmountCents, at('amountCents'), label, add);
    const remittance = checkText(p.remittanceInformation, at('remittanceInformation'), `${label}: de omschrijving`, MAX_REMITTANCE_LENGTH, add, ' (de inwoner ziet die op zijn afschrift)');
    return { endToEndId: p.endToEndId, creditorName, creditorIban: iban.valid ? iban.iban : '', amountCents: p.amountCents, remittanceInformation: remittance };
  });

  if (errors.length > 0) throw validationFailed(errors);
  return { messageId: run.messageId, createdAt: run.createdAt, debtor: { name: debtorName, iban: debtorIban.valid ? debtorIban.iban : '', bic: debtorBic }, requestedExecutionDate: run.requestedExecutionDate, payments };
}

/** A whole-sentence message continued after "Betaling 3:" starts in lower case. */
const afterColon = (message: string): string => message.charAt(0).toLowerCase() + message.slice(1);

function checkExecutionDate(run: CreditTransferRun, add: (field: string, message: string) => void): void {
  try {
    parseDate(run.requestedExecutionDate);
  } catch {
    add('requestedExecutionDate', 'De uitvoerdatum moet een bestaande datum zijn (jjjj-mm-dd).');
    return;
  }
  if (run.createdAt instanceof Date && !Number.isNaN(run.createdAt.getTime()) && run.requestedExecutionDate < todayInAmsterdam(run.createdAt)) {
    add('requestedExecutionDate', `De uitvoerdatum ${run.requestedExecutionDate} ligt vóór de dag waarop het bestand wordt gemaakt.`);
  }
}

/** A name or description in the SEPA set, or a message on `field` naming `subject` ("Betaling 2: de naam …"). */
function checkText(input: string, field: string, subject: string, maxLength: number, add: (field: string, message: string) => void, whyNeeded = ''): string {
  const reduced = toSepaText(input);
  if (!reduced.ok) {
    add(field, `${subject} bevat ${quoteCharacters(reduced.unsupported)}; die tekens kent SEPA niet en hebben geen vaste vervanging.`);
    return '';
  }
  if (reduced.text === '') add(field, `${subject} ontbreekt${whyNeeded}.`);
  else if (reduced.text.length > maxLength) add(field, `${subject} is ${reduced.text.length} tekens; het maximum is ${maxLength}.`);
  return reduced.text;
}

function checkAmount(cents: number, maxCents: number, field: string, label: string, add: (field: string, message: string) => void): void {
  if (!Number.isSafeInteger(cents)) add(field, `${label}: het bedrag moet een geheel aantal centen zijn.`);
  else if (cents <= 0) add(field, `${label}: het bedrag moet groter zijn dan € 0,00 (nu ${formatCents(cents)}).`);
  else if (cents > maxCents) add(field, `${label}: het bedrag ${formatCents(cents)} is hoger dan het maximum van ${formatCents(maxCents)} per betaling.`);
}

// Swedish notation is ISO 8601 with a 24-hour clock: '2026-11-20 10:15:00'.
const amsterdamClock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium' });

/** The Amsterdam wall clock of an instant as 'yyyy-mm-ddThh:mm:ss', the form of CreDtTm. */
export function amsterdamDateTime(instant: Date): string {
  const text = amsterdamClock.format(instant).replace(' ', 'T');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text)) throw new SepaFileDefect(`Onverwachte tijdnotatie ${text} voor CreDtTm.`);
  return text;
}

/**
 * A Date whose local clock fields read the Amsterdam wall clock: the library formats CreDtTm with
 * local getters, and a municipality's file states its own time whatever zone the server runs in.
 */
function amsterdamWallClock(instant: Date): Date {
  const [year, month, day, hour, minute, second] = amsterdamDateTime(instant).split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
  return new Date(year, month - 1, day, hour, minute, second);
}

function writeWithLibrary(run: CheckedRun): string {
  // The library's switches are module-wide; set them here so that its checks always run for Koers.
  enableValidations(true, true);
  const doc = new Document(PAIN_FORMAT);
  doc.grpHdr.id = run.messageId;
  doc.grpHdr.created = amsterdamWallClock(run.createdAt);
  doc.grpHdr.initiatorName = run.debtor.name;

  const info = doc.createPaymentInfo();
  const { year, month, day } = parseDate(run.requestedExecutionDate);
  info.requestedExecutionDate = new Date(year, month - 1, day);
  info.debtorName = run.debtor.name;
  info.debtorIBAN = run.debtor.iban;
  info.debtorBIC = run.debtor.bic;
  // One debit for the whole run on the municipality's statement, reconciled against the run's total;
  // each resident still gets an own credit with its own description.
  info.batchBooking = true;
  doc.addPaymentInfo(info);

  for (const p of run.payments) {
    const tx = info.createTransaction();
    tx.end2endId = p.endToEndId;
    tx.creditorName = p.creditorName;
    tx.creditorIBAN = p.creditorIban;
    // cents / 100 is the double nearest to the decimal, which toFixed(2) writes back exactly.
    tx.amount = p.amountCents / 100;
    tx.remittanceInfo = p.remittanceInformation;
    info.addTransaction(tx);
  }
  try {
    return doc.toString();
  } catch (error) {
    throw new SepaFileDefect(`De SEPA-bibliotheek weigerde het betaalbestand na de controles van Koers: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Reads the written file back with libxml2 and compares it with the checked run: well-formed XML in
 * the pain.001.001.03 namespace, then every figure the bank acts on. Throws SepaFileDefect on any
 * difference. (XPath over the parsed tree: for 10,000 payments a quarter of a second, where a
 * JavaScript XML-to-object parser takes seconds.)
 */
export function verifyWrittenFile(xml: string, run: WrittenRun, controlSumCents: number): void {
  const problems: string[] = [];
  const same = (what: string, written: string | undefined, expected: string): void => {
    if (written !== expected) problems.push(`${what}: ${written ?? '(ontbreekt)'} in plaats van ${expected}`);
  };
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml, { option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE });
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    throw new SepaFileDefect(`Het geschreven betaalbestand is geen geldige XML: ${error.details.map((d) => d.message.trim()).join('; ')}`);
  }
  try {
    const ns = { p: doc.root.namespaceUri };
    same('namespace', doc.root.namespaceUri, PAIN_NAMESPACE);
    const text = (path: string): string | undefined => doc.get(`/p:Document/p:CstmrCdtTrfInitn/${path}`, ns)?.content;
    const column = (path: string): string[] => doc.find(`/p:Document/p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf/${path}`, ns).map((node) => node.content);
    const expectCount = String(run.payments.length);
    const expectSum = centsToDecimal(controlSumCents);
    same('MsgId', text('p:GrpHdr/p:MsgId'), run.messageId);
    same('CreDtTm', text('p:GrpHdr/p:CreDtTm'), amsterdamDateTime(run.createdAt));
    same('GrpHdr/NbOfTxs', text('p:GrpHdr/p:NbOfTxs'), expectCount);
    same('GrpHdr/CtrlSum', text('p:GrpHdr/p:CtrlSum'), expectSum);
    same('aantal PmtInf', String(doc.find('/p:Document/p:CstmrCdtTrfInitn/p:PmtInf', ns).length), '1');
    same('PmtInf/NbOfTxs', text('p:PmtInf/p:NbOfTxs'), expectCount);
    same('PmtInf/CtrlSum', text('p:PmtInf/p:CtrlSum'), expectSum);
    same('ReqdExctnDt', text('p:PmtInf/p:ReqdExctnDt'), run.requestedExecutionDate);
    same('DbtrAcct', text('p:PmtInf/p:DbtrAcct/p:Id/p:IBAN'), run.debtor.iban);
    same('aantal CdtTrfTxInf', String(doc.find('/p:Document/p:CstmrCdtTrfInitn/p:PmtInf/p:CdtTrfTxInf', ns).length), expectCount);
    const fields: [string, string[], (p: WrittenRun['payments'][number]) => string][] = [
      ['EndToEndId', column('p:PmtId/p:EndToEndId'), (p) => p.endToEndId],
      ['bedrag', column('p:Amt/p:InstdAmt'), (p) => centsToDecimal(p.amountCents)],
      ['valuta', column('p:Amt/p:InstdAmt/@Ccy'), () => 'EUR'],
      ['naam', column('p:Cdtr/p:Nm'), (p) => p.creditorName],
      ['IBAN', column('p:CdtrAcct/p:Id/p:IBAN'), (p) => p.creditorIban],
      ['omschrijving', column('p:RmtInf/p:Ustrd'), (p) => p.remittanceInformation],
    ];
    for (const [what, written, expected] of fields) {
      // A column of another length means an element is missing somewhere: the rows would not line up.
      same(`aantal ${what}`, String(written.length), expectCount);
      run.payments.forEach((p, i) => same(`betaling ${i + 1} ${what}`, written[i], expected(p)));
    }
  } finally {
    doc.dispose();
  }
  if (problems.length > 0) {
    throw new SepaFileDefect(`Het geschreven betaalbestand wijkt af van de betaalrun: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (en ${problems.length - 5} meer)` : ''}.`);
  }
}
