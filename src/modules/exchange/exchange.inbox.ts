// Receiving from providers: start of care (305) and stop of care (307). Each message is kept as it
// came; the technical check (XSD) first, then the standard's rules the data can judge, and a retour
// (306/308) with the retour codes per header, client and product. What passes is recorded as care
// delivered per toewijzing (care_deliveries) and, for a first start, as the allocation's care start.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing } from '../../platform/audit/audit.service.js';
import { invalid } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { providerByAgbCode } from '../providers/provider.service.js';
import { residentIdByBsn } from '../residents/resident.service.js';
import { receiveDeclaration } from './exchange.declarations.js';
import { municipalityCode } from './exchange.header.js';
import { messageLabel, type MessageType } from './exchange.messages.js';
import type { ExchangeWork } from './exchange.outbox.js';
import { identificationToKeep, insertMessage, takeNumbers } from './exchange.repository.js';
import { NO_REMARK, writeRetour } from './exchange.retour.js';
import { identifyMessage, type MessageProblem, type SchemaSet } from './exchange.schemas.js';
import { readMessage } from './exchange.xml.js';
import { receiveRequestMessage, requestMessageNumbers } from './exchange.requests.js';

export interface ReceiveResult {
  messageId: string;
  label: string;
  /** 'accepted': assessed (products may still carry retour codes); 'rejected': technically or in its header. */
  status: 'accepted' | 'rejected';
  xsdStatus: 'valid' | 'invalid' | 'not_checked';
  problems: MessageProblem[];
  retour: { id: string; label: string } | null;
  retourCodes: { level: 'header' | 'client' | 'product'; index: number | null; code: string; note?: string }[];
  products: { total: number; accepted: number };
  /** 315: requests Koers refused at once with a 319 (no resident here, age limit, no contract). */
  answers?: number;
  /** 302/320: our message the retour answers, and whether the provider refused something in it. */
  inReplyTo?: string;
  refusedByProvider?: boolean;
}

const text = (v: unknown): string | undefined => (v === undefined || v === null || typeof v === 'object' ? undefined : String(v));
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

interface Segment {
  id: string;
  allocation_id: string;
}

async function findSegment(tx: Tx, input: { allocationNumber: number; providerId: string; residentId: string }): Promise<Segment | undefined> {
  return tx
    .selectFrom('allocation_segments as s')
    .innerJoin('allocations as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.allocation_id'))
    .select(['s.id', 's.allocation_id'])
    .where('s.allocation_number', '=', input.allocationNumber)
    .where('a.provider_id', '=', input.providerId)
    .where('a.resident_id', '=', input.residentId)
    .executeTakeFirst();
}

async function currentDelivery(tx: Tx, segmentId: string, startedOn: string) {
  return tx
    .selectFrom('care_deliveries')
    .selectAll()
    .where('segment_id', '=', segmentId)
    .where('started_on', '=', startedOn)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
}

/** Assesses one StartProduct and records it when it passes; returns its retour codes. */
async function handleStart(tx: Tx, ctx: { tenantId: string; messageId: string; source: 'iwmo-305' | 'ijw-305'; now: Date }, segment: Segment, p: Record<string, unknown>): Promise<string[]> {
  const begin = text(p.Begindatum)!;
  const status = text(p.StatusAanlevering);
  const existing = await currentDelivery(tx, segment.id, begin);
  if (status === '1') {
    if (existing) return ['9074'];
    await tx.insertInto('care_deliveries').values({ tenant_id: ctx.tenantId, segment_id: segment.id, allocation_id: segment.allocation_id, started_on: begin, start_message_id: ctx.messageId }).execute();
    // The signal "care not started" reads the allocation's first start.
    await tx
      .insertInto('allocation_care_starts')
      .values({ tenant_id: ctx.tenantId, allocation_id: segment.allocation_id, started_on: begin, source: ctx.source })
      .onConflict((oc) => oc.columns(['tenant_id', 'allocation_id']).doNothing())
      .execute();
    return [];
  }
  if (!existing) return ['9069'];
  if (status === '3') {
    if (existing.stopped_on) return ['9071'];
    await tx.updateTable('care_deliveries').set({ withdrawn_at: ctx.now }).where('id', '=', existing.id).execute();
    return [];
  }
  // 2: a corrected start with the same key; what the key holds is unchanged.
  await tx.updateTable('care_deliveries').set({ start_message_id: ctx.messageId }).where('id', '=', existing.id).execute();
  return [];
}

/** Assesses one StopProduct and records it when it passes; returns its retour codes. */
async function handleStop(tx: Tx, ctx: { messageId: string }, segment: Segment, p: Record<string, unknown>): Promise<string[]> {
  const begin = text(p.Begindatum)!;
  const end = text(p.Einddatum)!;
  const reason = text(p.RedenBeeindiging)!;
  const status = text(p.StatusAanlevering);
  const existing = await currentDelivery(tx, segment.id, begin);
  if (!existing) return ['9069'];
  if (status === '1') {
    if (existing.stopped_on && existing.stop_reason !== '20') return ['9415'];
    if (existing.stopped_on && existing.stop_reason === '20' && reason === '20') return ['9413'];
  } else if (!existing.stopped_on) {
    return ['9069'];
  }
  if (status === '3') {
    await tx.updateTable('care_deliveries').set({ stopped_on: null, stop_reason: null, stop_message_id: null }).where('id', '=', existing.id).execute();
    return [];
  }
  await tx.updateTable('care_deliveries').set({ stopped_on: end, stop_reason: reason, stop_message_id: ctx.messageId }).where('id', '=', existing.id).execute();
  return [];
}

/**
 * Receives one message a provider sent. A message this version does not process, for another
 * municipality, or from an unknown provider is refused (400) and not kept; anything else is kept.
 */
export async function receiveMessage(work: ExchangeWork, schemas: SchemaSet | undefined, xml: string, now: Date): Promise<ReceiveResult> {
  const tenantId = work.audit.tenantId;
  const started = new Date();
  const check = schemas ? schemas.check(xml) : identifyMessage(xml);
  if (!check.messageType) throw invalid('bericht', check.valid ? 'Onbekend bericht.' : (check.problems[0]?.message ?? 'Onbekend bericht.'));
  const type: MessageType = check.messageType;
  const label = `${messageLabel(type)} ${type.name}`;
  // Requests (315/317) and retours on our 301/319 (302/320): exchange.requests.ts; declarations (323): exchange.declarations.ts.
  if (requestMessageNumbers.includes(type.number) && type.sender === 'provider') return receiveRequestMessage(work, schemas, xml, now, { ...check, messageType: type });
  if (type.number === 323) return receiveDeclaration(work, schemas, { xml, check, type, label }, now);
  if (type.number !== 305 && type.number !== 307) {
    throw invalid('bericht', `Koers verwerkt van aanbieders de berichten 302, 305, 307, 315, 317, 320 en 323; ${label} is een bericht van de gemeente, niet van een aanbieder.`);
  }
  const read = obj(readMessage(xml).Bericht);
  const header = obj(read.Header);
  const client = read.Client === undefined ? undefined : obj(read.Client);
  const receiver = text(header.Ontvanger);
  if (receiver !== municipalityCode(tenantId)) {
    throw invalid('bericht', `Dit bericht is gericht aan gemeentecode ${receiver ?? '(leeg)'}, niet aan deze gemeente (${municipalityCode(tenantId)}).`);
  }
  const agbCode = text(header.Afzender) ?? '';
  const provider = await providerByAgbCode(work.tx, { agbCode, tenantId });
  if (!provider) throw invalid('bericht', `De afzender (AGB-code ${agbCode || 'leeg'}) is geen aanbieder van deze gemeente.`);
  const identification = text(obj(header.BerichtIdentificatie).Identificatie) ?? '';
  const dated = text(obj(header.BerichtIdentificatie).Dagtekening) ?? '';
  const bsn = text(client?.Bsn);
  const residentId = bsn ? await residentIdByBsn(work.tx, bsn) : undefined;

  const xsdStatus = schemas && schemas.hasSchema(type) ? (check.valid ? 'valid' : 'invalid') : 'not_checked';
  const technicallyValid = check.valid;
  const { duplicate, storedIdentification } = await identificationToKeep(work.tx, tenantId, { type, providerId: provider.id, identification });
  const messageId = await insertMessage(work.tx, {
    tenantId,
    standard: type.standard,
    messageNumber: type.number,
    direction: 'in',
    providerId: provider.id,
    residentId: residentId ?? null,
    identification: storedIdentification,
    datedOn: /^\d{4}-\d{2}-\d{2}$/.test(dated) ? dated : todayInAmsterdam(now),
    xsdStatus,
    problems: technicallyValid ? (xsdStatus === 'not_checked' ? [{ line: null, path: null, message: 'Niet tegen XSD gecontroleerd.' }] : []) : check.problems,
    xml,
    status: technicallyValid ? 'received' : 'rejected',
    createdBy: work.actorId,
  });
  const result: ReceiveResult = { messageId, label, status: technicallyValid ? 'accepted' : 'rejected', xsdStatus, problems: technicallyValid ? [] : check.problems, retour: null, retourCodes: [], products: { total: 0, accepted: 0 } };
  if (!technicallyValid) return result;

  // Header rules.
  const headerCodes: string[] = [];
  if (duplicate) headerCodes.push('9056');
  if (dated > todayInAmsterdam(now)) headerCodes.push('8848');
  const productsKey = type.number === 305 ? 'StartProducten' : 'StopProducten';
  const productKey = type.number === 305 ? 'StartProduct' : 'StopProduct';
  const products = (obj(client?.[productsKey])[productKey] as Record<string, unknown>[] | undefined) ?? [];
  const productCodes: string[][] = [];
  if (headerCodes.length === 0) {
    for (const p of products) {
      const number = Number(text(p.ToewijzingNummer));
      const segment = residentId && Number.isInteger(number) ? await findSegment(work.tx, { allocationNumber: number, providerId: provider.id, residentId }) : undefined;
      const codes = !segment
        ? ['9019']
        : type.number === 305
          ? await handleStart(work.tx, { tenantId, messageId, source: type.standard === 'iwmo' ? 'iwmo-305' : 'ijw-305', now }, segment, p)
          : await handleStop(work.tx, { messageId }, segment, p);
      productCodes.push(codes);
    }
  }
  const rejected = headerCodes.length > 0;
  const [sequence] = await takeNumbers(work.tx, tenantId, 'berichtidentificatie', 1);
  const retourIdentification = `K${String(sequence).padStart(9, '0')}`;
  const retourNumber = type.number === 305 ? 306 : 308;
  const retourXml = writeRetour({
    standard: type.standard,
    number: retourNumber,
    header,
    client,
    productsKey,
    productKey,
    products,
    productCodes,
    headerCodes,
    clientCodes: [],
    identification: retourIdentification,
    date: todayInAmsterdam(now),
  });
  const retourCheck = schemas && schemas.hasSchema({ ...type, number: retourNumber }) ? schemas.check(retourXml) : undefined;
  const retourId = await insertMessage(work.tx, {
    tenantId,
    standard: type.standard,
    messageNumber: retourNumber,
    direction: 'out',
    providerId: provider.id,
    residentId: residentId ?? null,
    identification: retourIdentification,
    datedOn: todayInAmsterdam(now),
    xsdStatus: retourCheck ? (retourCheck.valid ? 'valid' : 'invalid') : 'not_checked',
    problems: retourCheck && !retourCheck.valid ? retourCheck.problems : [],
    xml: retourXml,
    status: retourCheck && !retourCheck.valid ? 'rejected' : 'ready',
    inReplyTo: messageId,
    createdBy: work.actorId,
  });
  await work.tx.updateTable('exchange_messages').set({ status: rejected ? 'rejected' : 'accepted' }).where('id', '=', messageId).execute();
  if (residentId) {
    await recordProcessing(work.tx, work.audit, {
      name: type.number === 305 ? 'startbericht.ontvangen' : 'stopbericht.ontvangen',
      activity: 'berichtenverkeer-aanbieders',
      subjects: [{ type: 'resident', id: residentId }],
      startTime: started,
      attributes: { bericht: `${type.standard} ${type.number}`, identificatie: identification },
    });
  }
  result.status = rejected ? 'rejected' : 'accepted';
  result.retour = { id: retourId, label: `${messageLabel({ standard: type.standard, number: retourNumber })} ${retourNumber === 306 ? 'Retourbericht start zorg' : 'Retourbericht stop zorg'}` };
  result.retourCodes = [
    ...headerCodes.map((code) => ({ level: 'header' as const, index: null, code })),
    ...productCodes.flatMap((codes, index) => (codes.length ? codes : [NO_REMARK]).map((code) => ({ level: 'product' as const, index, code }))),
  ];
  result.products = { total: products.length, accepted: productCodes.filter((c) => c.length === 0).length };
  return result;
}
