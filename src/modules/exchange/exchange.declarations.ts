// Receiving declarations (323) from providers, Wmo and Jeugd. The message is kept as it came; after
// the technical check (XSD) and the header rules (9056, 8848, 9333), which refuse the whole message,
// all lines are staged, matched and checked per line, and the approved ones booked as realisation in
// the ledger (declarations, per month), by one set-based statement (exchange.declarations.repository.ts);
// the provider gets a 325 with the codes per line (8001: approved).

import { recordProcessing } from '../../platform/audit/audit.service.js';
import { invalid } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { providerByAgbCode } from '../providers/provider.service.js';
import { APPROVED, writeDeclarationAnswer, type ReadPrestatie } from './exchange.declaration-answer.js';
import {
  closeDeclaration,
  declarationNumberTaken,
  insertDeclarationMessage,
  insertJudgedLines,
  lockProviderDeclarations,
  type LineOutcome,
  type StagedLines,
} from './exchange.declarations.repository.js';
import { municipalityCode } from './exchange.header.js';
import type { ReceiveResult } from './exchange.inbox.js';
import { messageLabel, type MessageType } from './exchange.messages.js';
import type { ExchangeWork } from './exchange.outbox.js';
import { identificationToKeep, insertMessage, takeNumbers } from './exchange.repository.js';
import type { CheckResult, MessageProblem, SchemaSet } from './exchange.schemas.js';
import { readCheckedMessage } from './exchange.xml.js';

const text = (v: unknown): string | undefined => (v === undefined || v === null || typeof v === 'object' ? undefined : String(v));
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown): Record<string, unknown>[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(obj) : [obj(v)]);

// A declaration is read with the scanner for checked messages (readCheckedMessage): libxml2 has
// parsed it for the technical check, and the general parser took most of the intake's time on a
// declaration of thousands of lines. The repeated Client and Prestatie are normalised by list().
const readDeclaration = (xml: string): Record<string, unknown> => obj(readCheckedMessage(xml).Bericht);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER = /^\d{1,12}$/;

interface ReadLine {
  bsn: string;
  prestatie: ReadPrestatie;
}

/** The Prestaties in message order with their client's BSN. */
function readLines(declaration: Record<string, unknown>): { clients: { bsn: string; lines: ReadLine[] }[]; lines: ReadLine[] } {
  const clients = list(obj(declaration.Clienten).Client).map((c) => {
    const bsn = text(c.Bsn) ?? '';
    return { bsn, lines: list(obj(c.Prestaties).Prestatie).map((prestatie) => ({ bsn, prestatie })) };
  });
  return { clients, lines: clients.flatMap((c) => c.lines) };
}

/** The lines as columns for staging, or the problems that keep them out (only needed without XSD). */
function toColumns(lines: ReadLine[]): { columns: StagedLines; problems: MessageProblem[] } {
  const c: StagedLines = { bsn: [], reference: [], previousReference: [], allocationNumber: [], category: [], productCode: [], begin: [], end: [], volume: [], unit: [], tariff: [], amount: [], debitCredit: [] };
  const problems: MessageProblem[] = [];
  for (const [index, { bsn, prestatie: p }] of lines.entries()) {
    const reference = obj(p.ProductReferentie);
    const period = obj(p.ProductPeriode);
    const amount = obj(p.IngediendBedrag);
    const row = {
      bsn,
      reference: text(reference.ReferentieNummer) ?? '',
      previousReference: text(reference.VorigReferentieNummer) ?? null,
      allocationNumber: text(p.ToewijzingNummer) ?? '',
      category: text(p.ProductCategorie) ?? '',
      productCode: text(p.ProductCode) ?? '',
      begin: text(period.Begindatum) ?? '',
      end: text(period.Einddatum) ?? '',
      volume: text(p.GeleverdVolume) ?? '',
      unit: text(p.Eenheid) ?? '',
      tariff: text(p.ProductTarief) ?? null,
      amount: text(amount.Bedrag) ?? '',
      debitCredit: text(amount.DebetCredit) ?? '',
    };
    const wrong = [
      !/^\d{9}$/.test(row.bsn) && 'Bsn',
      (row.reference.length < 1 || row.reference.length > 20) && 'ProductReferentie',
      !INTEGER.test(row.allocationNumber) && 'ToewijzingNummer',
      !row.category && 'ProductCategorie',
      (row.productCode.length < 1 || row.productCode.length > 5) && 'ProductCode',
      (!DATE.test(row.begin) || !DATE.test(row.end) || row.end < row.begin) && 'ProductPeriode',
      !INTEGER.test(row.volume) && 'GeleverdVolume',
      !row.unit && 'Eenheid',
      row.tariff !== null && !INTEGER.test(row.tariff) && 'ProductTarief',
      !INTEGER.test(row.amount) && 'IngediendBedrag',
      row.debitCredit !== 'D' && row.debitCredit !== 'C' && 'DebetCredit',
    ].filter((w): w is string => typeof w === 'string');
    if (wrong.length) problems.push({ line: null, path: null, message: `Prestatie ${index + 1}: ${wrong.join(', ')} ontbreekt of is ongeldig.` });
    for (const key of Object.keys(c) as (keyof StagedLines)[]) (c[key] as (string | null)[]).push(row[key]);
  }
  return { columns: c, problems };
}

const signedTotal = (t: Record<string, unknown>) => (text(t.DebetCredit) === 'C' ? -1 : 1) * Number(text(t.TotaalBedrag) ?? 0);

/**
 * Receives one 323 (called by receiveMessage for message number 323). Refusals that keep nothing
 * (another municipality, an unknown provider) answer 400 as for the other messages.
 */
export async function receiveDeclaration(work: ExchangeWork, schemas: SchemaSet | undefined, input: { xml: string; check: CheckResult; type: MessageType; label: string }, now: Date): Promise<ReceiveResult> {
  const { xml, check, type, label } = input;
  const tenantId = work.audit.tenantId;
  const started = new Date();
  const today = todayInAmsterdam(now);
  const read = readDeclaration(xml);
  const header = obj(read.Header);
  const declaration = obj(read.Declaratie);
  const receiver = text(header.Ontvanger);
  if (receiver !== municipalityCode(tenantId)) {
    throw invalid('bericht', `Dit bericht is gericht aan gemeentecode ${receiver ?? '(leeg)'}, niet aan deze gemeente (${municipalityCode(tenantId)}).`);
  }
  const agbCode = text(header.Afzender) ?? '';
  const provider = await providerByAgbCode(work.tx, { agbCode, tenantId });
  if (!provider) throw invalid('bericht', `De afzender (AGB-code ${agbCode || 'leeg'}) is geen aanbieder van deze gemeente.`);
  await lockProviderDeclarations(work.tx, { tenantId, providerId: provider.id, standard: type.standard });
  const identification = text(obj(header.BerichtIdentificatie).Identificatie) ?? '';
  const dated = text(obj(header.BerichtIdentificatie).Dagtekening) ?? '';
  const period = obj(declaration.DeclaratiePeriode);
  const periodStart = text(period.Begindatum) ?? '';
  const periodEnd = text(period.Einddatum) ?? '';
  const number = text(declaration.DeclaratieNummer) ?? '';
  const { clients, lines } = readLines(declaration);
  const { columns, problems: shapeProblems } = toColumns(lines);
  const headerProblems: MessageProblem[] = [
    ...(DATE.test(dated) ? [] : [{ line: null, path: null, message: 'Dagtekening ontbreekt of is ongeldig.' }]),
    ...(DATE.test(periodStart) && DATE.test(periodEnd) && periodEnd >= periodStart ? [] : [{ line: null, path: null, message: 'DeclaratiePeriode ontbreekt of is ongeldig.' }]),
    ...(/^[a-zA-Z0-9]{1,12}$/.test(number) ? [] : [{ line: null, path: null, message: 'DeclaratieNummer ontbreekt of is ongeldig.' }]),
    ...(lines.length ? [] : [{ line: null, path: null, message: 'De declaratie heeft geen prestaties.' }]),
  ];

  const xsdStatus = schemas && schemas.hasSchema(type) ? (check.valid ? 'valid' : 'invalid') : 'not_checked';
  const problems = check.valid ? [...headerProblems, ...shapeProblems] : check.problems;
  const technicallyValid = problems.length === 0;
  const { duplicate, storedIdentification } = await identificationToKeep(work.tx, tenantId, { type, providerId: provider.id, identification });
  const messageId = await insertMessage(work.tx, {
    tenantId,
    standard: type.standard,
    messageNumber: type.number,
    direction: 'in',
    providerId: provider.id,
    residentId: null,
    identification: storedIdentification,
    datedOn: DATE.test(dated) ? dated : today,
    xsdStatus,
    problems: technicallyValid ? (xsdStatus === 'not_checked' ? [{ line: null, path: null, message: 'Niet tegen XSD gecontroleerd.' }] : []) : problems,
    xml,
    status: technicallyValid ? 'received' : 'rejected',
    createdBy: work.actorId,
  });
  const result: ReceiveResult = { messageId, label, status: technicallyValid ? 'accepted' : 'rejected', xsdStatus, problems: technicallyValid ? [] : problems, retour: null, retourCodes: [], products: { total: lines.length, accepted: 0 } };
  if (!technicallyValid) return result;

  const headerCodes: string[] = [];
  if (duplicate) headerCodes.push('9056');
  if (dated > today) headerCodes.push('8848');
  if (!duplicate && (await declarationNumberTaken(work.tx, { providerId: provider.id, standard: type.standard, number }))) headerCodes.push('9333');
  const submittedCents = signedTotal(obj(declaration.TotaalIngediendBedrag));
  const declarationId = await insertDeclarationMessage(work.tx, { tenantId, messageId, standard: type.standard, providerId: provider.id, number, periodStart, periodEnd, datedOn: dated, submittedCents, headerCodes });

  let outcome: LineOutcome[] = [];
  if (headerCodes.length === 0) {
    outcome = await insertJudgedLines(work.tx, { tenantId, declarationId, standard: type.standard, providerId: provider.id, periodStart, periodEnd }, columns);
    await closeDeclaration(work.tx, declarationId, outcome);
  }
  const approvedCents = lines.reduce((sum, l, i) => {
    if (!outcome[i]?.approved) return sum;
    const amount = obj(l.prestatie.IngediendBedrag);
    return sum + (text(amount.DebetCredit) === 'C' ? -1 : 1) * Number(text(amount.Bedrag));
  }, 0);

  const [sequence] = await takeNumbers(work.tx, tenantId, 'berichtidentificatie', 1);
  const answerIdentification = `K${String(sequence).padStart(9, '0')}`;
  let position = 0;
  const xsd = obj(header.XsdVersie);
  const answerXml = writeDeclarationAnswer({
    standard: type.standard,
    municipalityCode: municipalityCode(tenantId),
    agbCode,
    identification: answerIdentification,
    date: today,
    declarationIdentification: { id: identification, date: dated },
    declarationXsd: { base: text(xsd.BasisschemaXsdVersie) ?? '1.0.0', message: text(xsd.BerichtXsdVersie) ?? '1.0.0' },
    headerCodes,
    declaration: {
      number,
      submittedCents,
      approvedCents,
      clients: clients.map((c) => ({ bsn: c.bsn, lines: c.lines.map((l) => ({ prestatie: l.prestatie, codes: outcome[position++]?.codes ?? [] })) })),
    },
  });
  const answerType = { ...type, number: 325 };
  const answerCheck = schemas && schemas.hasSchema(answerType) ? schemas.check(answerXml) : undefined;
  const answerId = await insertMessage(work.tx, {
    tenantId,
    standard: type.standard,
    messageNumber: 325,
    direction: 'out',
    providerId: provider.id,
    residentId: null,
    identification: answerIdentification,
    datedOn: today,
    xsdStatus: answerCheck ? (answerCheck.valid ? 'valid' : 'invalid') : 'not_checked',
    problems: answerCheck && !answerCheck.valid ? answerCheck.problems : [],
    xml: answerXml,
    status: answerCheck && !answerCheck.valid ? 'rejected' : 'ready',
    inReplyTo: messageId,
    createdBy: work.actorId,
  });
  const rejected = headerCodes.length > 0;
  await work.tx.updateTable('exchange_messages').set({ status: rejected ? 'rejected' : 'accepted' }).where('id', '=', messageId).execute();
  if (rejected) await work.tx.updateTable('declaration_messages').set({ status: 'rejected' }).where('id', '=', declarationId).execute();

  // One log call for every resident the declaration concerns.
  const residents = rejected ? [] : [...new Set(outcome.flatMap((o) => (o.residentId ? [o.residentId] : [])))];
  if (residents.length > 0) {
    await recordProcessing(work.tx, work.audit, {
      name: 'declaratie.ontvangen',
      activity: 'berichtenverkeer-aanbieders',
      subjects: residents.map((id) => ({ type: 'resident' as const, id })),
      startTime: started,
      attributes: { bericht: `${type.standard} ${type.number}`, identificatie: identification, declaratienummer: number },
    });
  }
  result.status = rejected ? 'rejected' : 'accepted';
  result.retour = { id: answerId, label: `${messageLabel(answerType)} Declaratie-antwoord` };
  result.retourCodes = [
    ...headerCodes.map((code) => ({ level: 'header' as const, index: null, code })),
    ...outcome.flatMap((o, index) => (o.codes.length ? o.codes : [APPROVED]).map((code) => ({ level: 'product' as const, index, code }))),
  ];
  result.products = { total: lines.length, accepted: outcome.filter((o) => o.approved).length };
  return result;
}
