// Requests from providers: a request for an allocation (315, "verzoek om toewijzing") and a request
// for a change (317, "verzoek om wijziging"), iWmo and iJw; and the providers' retours on our 301
// and 319 (302, 320). A request is kept as it came, checked technically (XSD) and on the standard's
// rules the data can judge, and answered with a retour (316/318) with retour codes per header,
// client and product. What passes becomes a task for the resident's area team (provider_requests),
// which grants or refuses it (exchange.request-decision.ts). A request Koers can judge on its own
// (no resident with that BSN here, past the age limit, no contract) is refused at once with a 319.
//
// Rules without a retour code of their own in LDT_RetourCode (a conditional element of the referrer,
// dates in order, the BSN elfproef) are answered with 0001 (rejected for technical reasons) on the
// level where they fail, with the reason in `note`.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing } from '../../platform/audit/audit.service.js';
import { addDays, addMonths } from '../../platform/calendar.js';
import { isValidBsn } from '../../platform/elfproef.js';
import { invalid } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { teamForArea } from '../access/access.service.js';
import { providerByAgbCode } from '../providers/provider.service.js';
import { residentArea, residentIdByBsn, residentIdentity } from '../residents/resident.service.js';
import { municipalityCode } from './exchange.header.js';
import type { ReceiveResult } from './exchange.inbox.js';
import { messageLabel, messageType, type MessageType, type Standard } from './exchange.messages.js';
import type { ExchangeWork } from './exchange.outbox.js';
import { answerRequest, unitOfCode } from './exchange.request-decision.js';
import type { RequestFinding, RetourCodeRow } from './exchange.request.tables.js';
import { identificationToKeep, insertMessage, takeNumbers } from './exchange.repository.js';
import { codes, echo, NO_REMARK } from './exchange.retour.js';
import type { CheckResult, SchemaSet } from './exchange.schemas.js';
import { readMessage, writeMessage, xmlDate, type XmlElements } from './exchange.xml.js';

const text = (v: unknown): string | undefined => (v === undefined || v === null || typeof v === 'object' ? undefined : String(v));
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown): Record<string, unknown>[] => (v === undefined ? [] : Array.isArray(v) ? v.map(obj) : [obj(v)]);
const textList = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => text(x) ?? ''));

/** Message numbers this file receives. */
export const requestMessageNumbers: readonly number[] = [302, 315, 317, 320];

/** A retour code with, for 0001, why. */
interface Coded {
  code: string;
  note?: string;
}


/** Referrers whose AGB/zorgverlenerscode the standard requires: huisarts, jeugdarts, medisch specialist. */
const REFERRERS_WITH_CODE = new Set(['02', '03', '05']);

export const referrerLabels: Record<string, string> = {
  '01': 'Gemeente',
  '02': 'Huisarts',
  '03': 'Jeugdarts',
  '04': 'Gecertificeerde instelling',
  '05': 'Medisch specialist',
  '06': 'Zelfverwijzer / geen verwijzer',
  '08': 'Rechter, Officier van Justitie, functionaris JJI',
};

/** Full years between two civil dates. */
function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

interface Prelude {
  tenantId: string;
  type: MessageType;
  label: string;
  header: Record<string, unknown>;
  body: Record<string, unknown>;
  provider: { id: string; name: string };
  identification: string;
  dated: string;
  duplicate: boolean;
  messageId: string;
  xsdStatus: ReceiveResult['xsdStatus'];
  result: ReceiveResult;
}

/**
 * What every message from a provider goes through: addressed to this municipality, from a known
 * provider (else 400, nothing kept), kept under its identification (a second one with the same
 * identification under a suffixed one: 9056), and its technical check.
 */
async function prelude(work: ExchangeWork, schemas: SchemaSet | undefined, xml: string, check: CheckResult & { messageType: MessageType }, opts: { identificationKey: 'BerichtIdentificatie' | 'IdentificatieRetour' }): Promise<Prelude> {
  const tenantId = work.audit.tenantId;
  const type = check.messageType;
  const label = `${messageLabel(type)} ${type.name}`;
  const body = obj(readMessage(xml).Bericht);
  const header = obj(body.Header);
  const retour = type.number === 302 || type.number === 320;
  // A retour goes from the provider to the municipality, but its header repeats ours: Afzender is the municipality.
  const receiver = text(retour ? header.Afzender : header.Ontvanger);
  if (receiver !== municipalityCode(tenantId)) {
    throw invalid('bericht', `Dit bericht is gericht aan gemeentecode ${receiver ?? '(leeg)'}, niet aan deze gemeente (${municipalityCode(tenantId)}).`);
  }
  const agbCode = text(retour ? header.Ontvanger : header.Afzender) ?? '';
  const provider = await providerByAgbCode(work.tx, { agbCode, tenantId });
  if (!provider) throw invalid('bericht', `De ${retour ? 'ontvanger' : 'afzender'} (AGB-code ${agbCode || 'leeg'}) is geen aanbieder van deze gemeente.`);
  const identification =
    (opts.identificationKey === 'IdentificatieRetour' ? text(header.IdentificatieRetour) : text(obj(header.BerichtIdentificatie).Identificatie)) ?? '';
  const dated = (opts.identificationKey === 'IdentificatieRetour' ? text(header.DagtekeningRetour) : text(obj(header.BerichtIdentificatie).Dagtekening)) ?? '';
  const bsn = text(obj(body.Client).Bsn);
  const residentId = bsn ? await residentIdByBsn(work.tx, bsn) : undefined;
  const xsdStatus = schemas && schemas.hasSchema(type) ? (check.valid ? 'valid' : 'invalid') : 'not_checked';
  const { duplicate, storedIdentification } = await identificationToKeep(work.tx, tenantId, { type, providerId: provider.id, identification });
  const problems = check.valid ? (xsdStatus === 'not_checked' ? [{ line: null, path: null, message: 'Niet tegen XSD gecontroleerd.' }] : []) : check.problems;
  const messageId = await insertMessage(work.tx, {
    tenantId,
    standard: type.standard,
    messageNumber: type.number,
    direction: 'in',
    providerId: provider.id,
    residentId: residentId ?? null,
    identification: storedIdentification,
    datedOn: /^\d{4}-\d{2}-\d{2}$/.test(dated) ? dated : todayInAmsterdam(),
    xsdStatus,
    problems,
    xml,
    status: check.valid ? 'received' : 'rejected',
    createdBy: work.actorId,
  });
  return {
    tenantId,
    type,
    label,
    header,
    body,
    provider,
    identification,
    dated,
    duplicate,
    messageId,
    xsdStatus,
    result: { messageId, label, status: check.valid ? 'accepted' : 'rejected', xsdStatus, problems: check.valid ? [] : check.problems, retour: null, retourCodes: [], products: { total: 0, accepted: 0 } },
  };
}

/** Receives a 315, 317, 302 or 320 (called from receiveMessage once the type is known). */
export async function receiveRequestMessage(work: ExchangeWork, schemas: SchemaSet | undefined, xml: string, now: Date, check: CheckResult & { messageType: MessageType }): Promise<ReceiveResult> {
  const number = check.messageType.number;
  if (number === 302 || number === 320) return receiveProviderRetour(work, schemas, xml, check);
  const p = await prelude(work, schemas, xml, check, { identificationKey: 'BerichtIdentificatie' });
  if (!check.valid) return p.result;
  return number === 315 ? receiveAllocationRequest(work, schemas, now, p) : receiveChangeRequest(work, schemas, now, p);
}

// ---------------------------------------------------------------------------------------------
// 315: verzoek om toewijzing.

interface RequestedProduct {
  element: Record<string, unknown>;
  reference: string;
  category: string | null;
  code: string | null;
  start: string;
  end: string | null;
  volume: { amount: number; unitCode: string; frequencyCode: string } | null;
  budgetCents: number | null;
  referrer: { type: string; name: string | null; code: string | null };
  comment: string | null;
}

function requestedProduct(p: Record<string, unknown>): RequestedProduct {
  const product = obj(p.Product);
  const omvang = p.Omvang === undefined ? null : obj(p.Omvang);
  const referrer = obj(p.Verwijzer);
  return {
    element: p,
    reference: text(p.ReferentieAanbieder) ?? '',
    category: text(product.Categorie) ?? null,
    code: text(product.Code) ?? null,
    start: text(p.ToewijzingIngangsdatum) ?? '',
    end: text(p.ToewijzingEinddatum) ?? null,
    volume: omvang ? { amount: Number(text(omvang.Volume)), unitCode: text(omvang.Eenheid) ?? '', frequencyCode: text(omvang.Frequentie) ?? '' } : null,
    budgetCents: p.Budget === undefined ? null : Number(text(p.Budget)),
    referrer: { type: text(referrer.Type) ?? '', name: text(referrer.Naam) ?? null, code: text(referrer.ZorgverlenerCode) ?? null },
    comment: text(p.Commentaar) ?? null,
  };
}

async function referenceTaken(tx: Tx, standard: Standard, providerId: string, reference: string): Promise<boolean> {
  return (await tx.selectFrom('provider_requests').select('id').where('standard', '=', standard).where('provider_id', '=', providerId).where('reference', '=', reference).executeTakeFirst()) !== undefined;
}

/** A catalogue product of the law with this category (and code); `otherCategory` when the code belongs to another category (S329). */
async function catalogueProduct(tx: Tx, standard: Standard, category: string | null, code: string | null) {
  const law = standard === 'iwmo' ? 'wmo' : 'jeugdwet';
  if (!category) return { product: undefined, otherCategory: false };
  let query = tx.selectFrom('products').select(['id', 'code', 'name', 'unit', 'category_code']).where('law', '=', law).where('category_code', '=', category).where('active', '=', true);
  if (code) query = query.where('product_code', '=', code);
  const rows = await query.limit(2).execute();
  // Without a product code the category alone must point at one product.
  const product = rows.length === 1 || (code && rows.length > 0) ? rows[0] : undefined;
  const otherCategory =
    !product && code !== null && (await tx.selectFrom('products').select('id').where('law', '=', law).where('product_code', '=', code).where('category_code', '!=', category).executeTakeFirst()) !== undefined;
  return { product, otherCategory };
}

async function hasContract(tx: Tx, productCode: string, providerId: string, year: number): Promise<boolean> {
  return (await tx.selectFrom('provider_tariffs').select('id').where('product_code', '=', productCode).where('provider_id', '=', providerId).where('year', '=', year).executeTakeFirst()) !== undefined;
}

async function receiveAllocationRequest(work: ExchangeWork, schemas: SchemaSet | undefined, now: Date, p: Prelude): Promise<ReceiveResult> {
  const { tx } = work;
  const started = new Date();
  const client = obj(p.body.Client);
  const bsn = text(client.Bsn) ?? '';
  const products = list(obj(client.AangevraagdeProducten).AangevraagdProduct).map(requestedProduct);
  const headerCodes: Coded[] = [];
  if (p.duplicate) headerCodes.push({ code: '9056' });
  if (p.dated > todayInAmsterdam(now)) headerCodes.push({ code: '8848' });
  if (!isValidBsn(bsn)) headerCodes.push({ code: '0001', note: `Het BSN ${bsn} voldoet niet aan de elfproef.` });

  const residentId = headerCodes.length === 0 ? await residentIdByBsn(tx, bsn) : undefined;
  const resident = residentId ? await residentIdentity(tx, residentId) : undefined;
  const area = residentId ? await residentArea(tx, residentId) : undefined;
  const team = area?.code ? await teamForArea(tx, area.code) : undefined;

  const productCodes: Coded[][] = [];
  const accepted: { product: RequestedProduct; index: number }[] = [];
  if (headerCodes.length === 0) {
    const seen = new Set<string>();
    for (const [index, r] of products.entries()) {
      const found: Coded[] = [];
      if (seen.has(r.reference) || (await referenceTaken(tx, p.type.standard, p.provider.id, r.reference))) found.push({ code: '9347' });
      seen.add(r.reference);
      if (r.end && r.end < r.start) found.push({ code: '0001', note: 'ToewijzingEinddatum ligt voor ToewijzingIngangsdatum.' });
      if (REFERRERS_WITH_CODE.has(r.referrer.type) && !r.referrer.code) {
        found.push({ code: '0001', note: `Verwijzer ${referrerLabels[r.referrer.type]}: ZorgverlenerCode (AGB-code van de verwijzer) ontbreekt.` });
      }
      if (!REFERRERS_WITH_CODE.has(r.referrer.type) && r.referrer.code) {
        found.push({ code: '0001', note: `Verwijzer ${referrerLabels[r.referrer.type] ?? r.referrer.type}: ZorgverlenerCode hoort leeg te zijn.` });
      }
      const { otherCategory } = await catalogueProduct(tx, p.type.standard, r.category, r.code);
      if (otherCategory) found.push({ code: 'S329' });
      if (residentId && r.category) {
        const pending = await tx
          .selectFrom('provider_requests as q')
          .innerJoin('provider_request_products as pp', (j) => j.onRef('pp.tenant_id', '=', 'q.tenant_id').onRef('pp.request_id', '=', 'q.id'))
          .select('q.id')
          .where('q.provider_id', '=', p.provider.id)
          .where('q.resident_id', '=', residentId)
          .where('q.standard', '=', p.type.standard)
          .where('q.status', '=', 'open')
          .where('pp.category_code', '=', r.category)
          .executeTakeFirst();
        if (pending) found.push({ code: '9374' });
      }
      productCodes.push(found);
      if (found.length === 0) accepted.push({ product: r, index });
    }
  }

  // Each accepted product is a request of its own (its ReferentieAanbieder is answered on its own).
  const answers: string[] = [];
  for (const { product: r } of accepted) {
    const { product } = await catalogueProduct(tx, p.type.standard, r.category, r.code);
    const findings: RequestFinding[] = [];
    let refusal: string | null = null;
    if (!residentId || !resident) {
      refusal = p.type.standard === 'ijw' ? '8' : '5';
      findings.push({ code: 'onbekend', text: 'Geen inwoner met dit BSN in deze gemeente.' });
    } else if (p.type.standard === 'ijw') {
      const age = ageOn(resident.birthDate, r.start);
      if (age >= 23) {
        refusal = '9';
        findings.push({ code: 'leeftijd', text: `De jeugdige is op de ingangsdatum ${age} jaar: ouder dan 23.` });
      } else if (age >= 18) {
        findings.push({ code: 'leeftijd', text: `De jeugdige is op de ingangsdatum ${age} jaar: alleen verlengde jeugdhulp (18–23) is mogelijk.` });
      }
      if (!REFERRERS_WITH_CODE.has(r.referrer.type) && r.referrer.type !== '01' && r.referrer.type !== '04' && r.referrer.type !== '08') {
        findings.push({ code: 'verwijzer', text: `Verwijzer: ${referrerLabels[r.referrer.type] ?? r.referrer.type}. Geen wettelijke verwijzer (huisarts, jeugdarts, medisch specialist).` });
      }
    }
    if (refusal === null) {
      if (!product) {
        refusal = '3';
        findings.push({ code: 'contract', text: `Product ${r.category ?? ''}${r.code ? `/${r.code}` : ''} staat niet (eenduidig) in de catalogus van deze gemeente.` });
      } else if (!(await hasContract(tx, product.code, p.provider.id, Number(r.start.slice(0, 4))))) {
        refusal = '3';
        findings.push({ code: 'contract', text: `${p.provider.name} heeft geen contract (tarief) voor ${product.name} in ${r.start.slice(0, 4)}.` });
      }
    }
    if (refusal === null && !team) findings.push({ code: 'team', text: 'De inwoner woont niet in de wijk van een gebiedsteam.' });
    if (refusal === null && !r.end) findings.push({ code: 'einddatum', text: `Geen einddatum gevraagd: bij toekennen geldt de toewijzing een jaar, tot en met ${addDays(addMonths(r.start, 12), -1)}.` });
    if (refusal === null && !r.volume) findings.push({ code: 'omvang', text: 'Geen omvang gevraagd: dit verzoek kan alleen worden afgewezen of na overleg opnieuw ingediend.' });
    if (refusal === null && r.volume && product && !unitOfCode[r.volume.unitCode]) findings.push({ code: 'eenheid', text: `Onbekende eenheid ${r.volume.unitCode}.` });

    const request = await tx
      .insertInto('provider_requests')
      .values({
        tenant_id: p.tenantId,
        message_id: p.messageId,
        standard: p.type.standard,
        kind: 'allocation',
        provider_id: p.provider.id,
        resident_id: residentId ?? null,
        team_id: team?.id ?? null,
        reference: r.reference,
        referrer_type: r.referrer.type || null,
        referrer_name: r.referrer.name,
        referrer_code: r.referrer.code,
        change_reason: null,
        comment: r.comment,
        findings: JSON.stringify(findings),
        status: 'open',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('provider_request_products')
      .values({
        tenant_id: p.tenantId,
        request_id: request.id,
        position: 0,
        kind: 'new',
        category_code: r.category,
        product_code: r.code,
        product_id: product?.id ?? null,
        allocation_number: null,
        allocation_id: null,
        start_date: r.start,
        end_date: r.end,
        volume: r.volume ? r.volume.amount : null,
        unit_code: r.volume?.unitCode ?? null,
        frequency_code: r.volume?.frequencyCode ?? null,
        budget_cents: r.budgetCents,
      })
      .execute();
    if (refusal !== null) answers.push(await answerRequest(work, schemas, { requestId: request.id, refusalReason: refusal, note: findings.at(-1)?.text ?? null, decidedBy: null, now }));
  }

  const retour = await writeAndStoreRetour(work, schemas, now, p, {
    residentId: residentId ?? null,
    headerCodes,
    clientCodes: [],
    build: (identification, date) =>
      retourDocument(p, identification, date, headerCodes, (c) => ({
        ...echo(c, ['AangevraagdeProducten']),
        AangevraagdeProducten: { AangevraagdProduct: products.map((r, i) => ({ ...echo(r.element), RetourCodes: codes((productCodes[i] ?? []).map((x) => x.code)) })) },
        RetourCodes: codes([]),
      })),
  });
  await finish(work, p, { started, residentId: residentId ?? null, rejected: headerCodes.length > 0, name: 'verzoek-om-toewijzing.ontvangen' });
  p.result.status = headerCodes.length > 0 ? 'rejected' : 'accepted';
  p.result.retour = retour;
  p.result.retourCodes = [...coded('header', null, headerCodes), ...productCodes.flatMap((c, i) => coded('product', i, c))];
  p.result.products = { total: products.length, accepted: accepted.length };
  p.result.answers = answers.length;
  return p.result;
}

function coded(level: RetourCodeRow['level'], index: number | null, list: Coded[]): ReceiveResult['retourCodes'] {
  const rows = level === 'header' ? list : list.length ? list : [{ code: NO_REMARK }];
  return rows.map((c) => ({ level, index, code: c.code, ...(c.note ? { note: c.note } : {}) }));
}

/** The retour document: the incoming header with the retour's identification and codes, and the client unless the header is rejected. */
function retourDocument(p: Prelude, identification: string, date: string, headerCodes: Coded[], client: (c: Record<string, unknown>) => XmlElements): string {
  const retourType = messageType(p.type.standard, p.type.number + 1);
  const header: XmlElements = {
    ...echo(p.header),
    BerichtCode: retourType.code,
    IdentificatieRetour: identification,
    DagtekeningRetour: xmlDate(date),
    XsdVersieRetour: { 'b:BasisschemaXsdVersie': '1.0.0', 'b:BerichtXsdVersie': '1.0.0' },
    RetourCodes: codes(headerCodes.map((c) => c.code)),
  };
  const bodyClient = p.body.Client === undefined ? undefined : obj(p.body.Client);
  return writeMessage(retourType, { Header: header, ...(headerCodes.length === 0 && bodyClient ? { Client: client(bodyClient) } : {}) });
}

async function writeAndStoreRetour(
  work: ExchangeWork,
  schemas: SchemaSet | undefined,
  now: Date,
  p: Prelude,
  r: { residentId: string | null; headerCodes: Coded[]; clientCodes: Coded[]; build: (identification: string, date: string) => string },
): Promise<{ id: string; label: string }> {
  const [sequence] = await takeNumbers(work.tx, p.tenantId, 'berichtidentificatie', 1);
  const identification = `K${String(sequence).padStart(9, '0')}`;
  const today = todayInAmsterdam(now);
  const xml = r.build(identification, today);
  const retourType = messageType(p.type.standard, p.type.number + 1);
  const check = schemas && schemas.hasSchema(retourType) ? schemas.check(xml) : undefined;
  const id = await insertMessage(work.tx, {
    tenantId: p.tenantId,
    standard: p.type.standard,
    messageNumber: retourType.number,
    direction: 'out',
    providerId: p.provider.id,
    residentId: r.residentId,
    identification,
    datedOn: today,
    xsdStatus: check ? (check.valid ? 'valid' : 'invalid') : 'not_checked',
    problems: check && !check.valid ? check.problems : [],
    xml,
    status: check && !check.valid ? 'rejected' : 'ready',
    inReplyTo: p.messageId,
    createdBy: work.actorId,
  });
  return { id, label: `${messageLabel(retourType)} ${retourType.name}` };
}

async function finish(work: ExchangeWork, p: Prelude, f: { started: Date; residentId: string | null; rejected: boolean; name: string }) {
  await work.tx.updateTable('exchange_messages').set({ status: f.rejected ? 'rejected' : 'accepted', resident_id: f.residentId }).where('id', '=', p.messageId).execute();
  if (f.residentId) {
    await recordProcessing(work.tx, work.audit, {
      name: f.name,
      activity: 'berichtenverkeer-aanbieders',
      subjects: [{ type: 'resident', id: f.residentId }],
      startTime: f.started,
      attributes: { bericht: `${p.type.standard} ${p.type.number}`, identificatie: p.identification },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 317: verzoek om wijziging.

/** The current toewijzingen of a client at a provider under a law: number → segment. */
async function currentToewijzingen(tx: Tx, residentId: string, providerId: string, standard: Standard) {
  const rows = await tx
    .selectFrom('allocation_segments as s')
    .innerJoin('allocations as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.allocation_id'))
    .innerJoin('products as pr', (j) => j.onRef('pr.tenant_id', '=', 'a.tenant_id').onRef('pr.id', '=', 'a.product_id'))
    .select(['s.allocation_number', 's.allocation_id', 's.end_date'])
    .where('a.resident_id', '=', residentId)
    .where('a.provider_id', '=', providerId)
    .where('pr.law', '=', standard === 'iwmo' ? 'wmo' : 'jeugdwet')
    .where('s.superseded_at', 'is', null)
    .where('s.allocation_number', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.allocation_number!, r]));
}

async function receiveChangeRequest(work: ExchangeWork, schemas: SchemaSet | undefined, now: Date, p: Prelude): Promise<ReceiveResult> {
  const { tx } = work;
  const started = new Date();
  const client = obj(p.body.Client);
  const bsn = text(client.Bsn) ?? '';
  const verzoek = obj(client.Verzoek);
  const reference = text(verzoek.ReferentieAanbieder) ?? '';
  const unchanged = list(obj(verzoek.OngewijzigdeProducten).OngewijzigdProduct);
  const changed = list(obj(verzoek.TeWijzigenProducten).TeWijzigenProduct);
  const added = list(obj(verzoek.NieuweProducten).NieuwProduct);
  const headerCodes: Coded[] = [];
  if (p.duplicate) headerCodes.push({ code: '9056' });
  if (p.dated > todayInAmsterdam(now)) headerCodes.push({ code: '8848' });
  if (!isValidBsn(bsn)) headerCodes.push({ code: '0001', note: `Het BSN ${bsn} voldoet niet aan de elfproef.` });
  const residentId = headerCodes.length === 0 ? await residentIdByBsn(tx, bsn) : undefined;

  const verzoekCodes: Coded[] = [];
  const unchangedCodes: Coded[][] = unchanged.map(() => []);
  const changedCodes: Coded[][] = changed.map(() => []);
  const addedCodes: Coded[][] = added.map(() => []);
  const current = residentId ? await currentToewijzingen(tx, residentId, p.provider.id, p.type.standard) : new Map<number, { allocation_number: number | null; allocation_id: string; end_date: string }>();
  if (headerCodes.length === 0) {
    if (await referenceTaken(tx, p.type.standard, p.provider.id, reference)) verzoekCodes.push({ code: '9347' });
    if (residentId) {
      const pending = await tx.selectFrom('provider_requests').select('id').where('provider_id', '=', p.provider.id).where('resident_id', '=', residentId).where('standard', '=', p.type.standard).where('status', '=', 'open').executeTakeFirst();
      if (pending) verzoekCodes.push({ code: '9374' });
    }
    unchanged.forEach((u, i) => {
      if (!current.has(Number(text(u.ToewijzingNummer)))) unchangedCodes[i]!.push({ code: '9350' });
    });
    changed.forEach((c, i) => {
      if (!current.has(Number(text(c.ToewijzingNummer)))) changedCodes[i]!.push({ code: '9351' });
      const end = text(c.Einddatum);
      if (end && end < (text(c.GewensteIngangsdatum) ?? '')) changedCodes[i]!.push({ code: '0001', note: 'Einddatum ligt voor GewensteIngangsdatum.' });
    });
    added.forEach((n, i) => {
      const end = text(n.Einddatum);
      if (end && end < (text(n.GewensteIngangsdatum) ?? '')) addedCodes[i]!.push({ code: '0001', note: 'Einddatum ligt voor GewensteIngangsdatum.' });
    });
    const listed = new Set([...unchanged, ...changed].map((x) => Number(text(x.ToewijzingNummer))));
    if ([...current.keys()].some((n) => !listed.has(n))) verzoekCodes.push({ code: '9349' });
  }
  const clientCodes: Coded[] = !residentId && headerCodes.length === 0 ? [{ code: '0001', note: 'Geen inwoner met dit BSN in deze gemeente.' }] : [];
  const allProductCodes = [...unchangedCodes, ...changedCodes, ...addedCodes];
  const passes = headerCodes.length === 0 && clientCodes.length === 0 && verzoekCodes.length === 0 && allProductCodes.every((c) => c.length === 0);

  if (passes && residentId) {
    const area = await residentArea(tx, residentId);
    const team = area?.code ? await teamForArea(tx, area.code) : undefined;
    const findings: RequestFinding[] = team ? [] : [{ code: 'team', text: 'De inwoner woont niet in de wijk van een gebiedsteam.' }];
    const request = await tx
      .insertInto('provider_requests')
      .values({
        tenant_id: p.tenantId,
        message_id: p.messageId,
        standard: p.type.standard,
        kind: 'change',
        provider_id: p.provider.id,
        resident_id: residentId,
        team_id: team?.id ?? null,
        reference,
        referrer_type: null,
        referrer_name: null,
        referrer_code: null,
        change_reason: text(verzoek.RedenVerzoek) ?? null,
        comment: null,
        findings: JSON.stringify(findings),
        status: 'open',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows = [
      ...unchanged.map((u) => ({ kind: 'unchanged' as const, e: u })),
      ...changed.map((c) => ({ kind: 'change' as const, e: c })),
      ...added.map((n) => ({ kind: 'new' as const, e: n })),
    ];
    for (const [position, { kind, e }] of rows.entries()) {
      const number = kind === 'new' ? null : Number(text(e.ToewijzingNummer));
      const product = kind === 'new' ? obj(e.Product) : {};
      const found = kind === 'new' ? (await catalogueProduct(tx, p.type.standard, text(product.Categorie) ?? null, text(product.Code) ?? null)).product : undefined;
      const omvang = e.Omvang === undefined ? null : obj(e.Omvang);
      await tx
        .insertInto('provider_request_products')
        .values({
          tenant_id: p.tenantId,
          request_id: request.id,
          position,
          kind,
          category_code: text(product.Categorie) ?? null,
          product_code: text(product.Code) ?? null,
          product_id: found?.id ?? null,
          allocation_number: number,
          allocation_id: number === null ? null : (current.get(number)?.allocation_id ?? null),
          start_date: kind === 'unchanged' ? null : (text(e.GewensteIngangsdatum) ?? null),
          end_date: text(e.Einddatum) ?? null,
          volume: omvang ? Number(text(omvang.Volume)) : null,
          unit_code: omvang ? (text(omvang.Eenheid) ?? null) : null,
          frequency_code: omvang ? (text(omvang.Frequentie) ?? null) : null,
          budget_cents: e.Budget === undefined ? null : Number(text(e.Budget)),
        })
        .execute();
    }
  }

  const retour = await writeAndStoreRetour(work, schemas, now, p, {
    residentId: residentId ?? null,
    headerCodes,
    clientCodes,
    build: (identification, date) =>
      retourDocument(p, identification, date, headerCodes, (c) => {
        const withCodes = (items: Record<string, unknown>[], found: Coded[][]) => items.map((x, i) => ({ ...echo(x), RetourCodes: codes((found[i] ?? []).map((y) => y.code)) }));
        return {
          Bsn: text(c.Bsn),
          Verzoek: {
            ReferentieAanbieder: reference,
            RedenVerzoek: text(verzoek.RedenVerzoek),
            OngewijzigdeProducten: unchanged.length ? { OngewijzigdProduct: withCodes(unchanged, unchangedCodes) } : undefined,
            TeWijzigenProducten: changed.length ? { TeWijzigenProduct: withCodes(changed, changedCodes) } : undefined,
            NieuweProducten: added.length ? { NieuwProduct: withCodes(added, addedCodes) } : undefined,
            RetourCodes: codes(verzoekCodes.map((x) => x.code)),
          },
          RetourCodes: codes(clientCodes.map((x) => x.code)),
        };
      }),
  });
  await finish(work, p, { started, residentId: residentId ?? null, rejected: headerCodes.length > 0, name: 'verzoek-om-wijziging.ontvangen' });
  p.result.status = headerCodes.length > 0 ? 'rejected' : 'accepted';
  p.result.retour = retour;
  p.result.retourCodes =
    headerCodes.length > 0
      ? coded('header', null, headerCodes)
      : [...coded('client', null, [...clientCodes, ...verzoekCodes]), ...allProductCodes.flatMap((c, i) => coded('product', i, c))];
  p.result.products = { total: allProductCodes.length, accepted: passes ? allProductCodes.length : 0 };
  return p.result;
}

// ---------------------------------------------------------------------------------------------
// 302 and 320: the provider's retour on our 301 or 319.

function retourCodesOf(element: Record<string, unknown>): string[] {
  return textList(obj(element.RetourCodes).RetourCode);
}

async function receiveProviderRetour(work: ExchangeWork, schemas: SchemaSet | undefined, xml: string, check: CheckResult & { messageType: MessageType }): Promise<ReceiveResult> {
  const p = await prelude(work, schemas, xml, check, { identificationKey: 'IdentificatieRetour' });
  if (!check.valid) return p.result;
  const originalNumber = p.type.number === 302 ? 301 : 319;
  const originalIdentification = text(obj(p.header.BerichtIdentificatie).Identificatie) ?? '';
  const original = await work.tx
    .selectFrom('exchange_messages')
    .select(['id', 'resident_id'])
    .where('direction', '=', 'out')
    .where('standard', '=', p.type.standard)
    .where('message_number', '=', originalNumber)
    .where('provider_id', '=', p.provider.id)
    .where('identification', '=', originalIdentification)
    .executeTakeFirst();
  if (!original) {
    throw invalid('bericht', `Dit retourbericht hoort bij ${messageLabel({ standard: p.type.standard, number: originalNumber })} ${originalIdentification || '(leeg)'}, maar dat bericht heeft de gemeente niet aan deze aanbieder gestuurd.`);
  }
  const rows: RetourCodeRow[] = retourCodesOf(p.header).map((code) => ({ level: 'header', index: null, code }));
  if (p.type.number === 302) {
    const client = obj(p.body.Client);
    rows.push(...retourCodesOf(client).map((code) => ({ level: 'client' as const, index: null, code })));
    for (const relation of list(obj(client.Relaties).Relatie)) rows.push(...retourCodesOf(relation).map((code) => ({ level: 'client' as const, index: null, code })));
    for (const contact of list(obj(client.Contactgegevens).Contact)) rows.push(...retourCodesOf(contact).map((code) => ({ level: 'client' as const, index: null, code })));
    list(obj(client.ToegewezenProducten).ToegewezenProduct).forEach((product, index) => rows.push(...retourCodesOf(product).map((code) => ({ level: 'product' as const, index, code }))));
  } else {
    const answer = obj(p.body.Antwoord);
    rows.push(...retourCodesOf(answer).map((code) => ({ level: 'client' as const, index: null, code })));
    rows.push(...retourCodesOf(obj(answer.Woonplaatsbeginsel)).map((code) => ({ level: 'client' as const, index: null, code })));
  }
  const refused = rows.some((r) => r.code !== NO_REMARK);
  await work.tx.updateTable('exchange_messages').set({ in_reply_to: original.id, resident_id: original.resident_id, status: p.duplicate ? 'rejected' : 'accepted' }).where('id', '=', p.messageId).execute();
  if (!p.duplicate) {
    await work.tx.insertInto('exchange_retours').values({ tenant_id: p.tenantId, message_id: p.messageId, original_id: original.id, codes: JSON.stringify(rows), refused }).execute();
  }
  if (original.resident_id) {
    await recordProcessing(work.tx, work.audit, {
      name: 'retourbericht.ontvangen',
      activity: 'berichtenverkeer-aanbieders',
      subjects: [{ type: 'resident', id: original.resident_id }],
      startTime: new Date(),
      attributes: { bericht: `${p.type.standard} ${p.type.number}`, identificatie: p.identification },
    });
  }
  p.result.status = p.duplicate ? 'rejected' : 'accepted';
  p.result.retourCodes = p.duplicate ? [{ level: 'header', index: null, code: '9056' }] : rows;
  p.result.inReplyTo = original.id;
  p.result.refusedByProvider = !p.duplicate && refused;
  return p.result;
}
