// Provider requests as the area team's task: the list, one request, and the decision. A refusal is
// answered with a 319 (VerzoekAntwoord 1, with LDT_RedenAfwijzingVerzoek). A grant is answered the
// way the standard answers it: with the allocation itself, a 301 that carries the provider's
// ReferentieAanbieder (LDT_VerzoekAntwoord has no "granted"; a 319 only refuses or says "in
// onderzoek"). A granted 315 becomes an allocation without a decision, with its commitment on the
// product's budget line; a granted 317 changes the allocations it names as a change of terms does.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { addDays, addMonths } from '../../platform/calendar.js';
import { AppError, notFound } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { changeAllocationForRequest } from '../decisions/allocation-change.service.js';
import { allocateForRequest } from '../decisions/decision.service.js';
import { getProvider } from '../providers/provider.service.js';
import { residentNames } from '../residents/resident.service.js';
import { municipalityCode, municipalityHeader } from './exchange.header.js';
import { messageLabel, messageType, type Standard } from './exchange.messages.js';
import { buildAllocationMessages, type ExchangeWork, type OutboxResult } from './exchange.outbox.js';
import { insertMessage, takeNumbers } from './exchange.repository.js';
import type { SchemaSet } from './exchange.schemas.js';
import { writeMessage } from './exchange.xml.js';

const ACTIVITY = 'berichtenverkeer-aanbieders';

/** LDT_RedenAfwijzingVerzoek. */
export const refusalReasons: Record<string, string> = {
  '1': 'Geen wijziging maar nieuwe aanvraag',
  '2': 'Past niet binnen budget',
  '3': 'Geen contract',
  '4': 'Past niet binnen contract',
  '5': 'Andere gemeente',
  '6': 'Stapeling',
  '7': 'Zorginhoudelijke afkeur',
  '8': 'Woonplaatsbeginsel',
  '9': 'Leeftijdsgrens is bereikt',
};

/** LDT_Eenheid → Koers unit; LDT_Frequentie → Koers frequency. */
export const unitOfCode: Record<string, 'minute' | 'hour' | 'day_part' | 'day' | 'piece' | 'euro'> = { '01': 'minute', '04': 'hour', '14': 'day', '16': 'day_part', '82': 'piece', '83': 'euro', '84': 'piece' };
const frequencyOfCode: Record<string, 'per_day' | 'per_week' | 'per_month' | 'total'> = { '1': 'per_day', '2': 'per_week', '4': 'per_month', '6': 'total' };

/** The 319: the answer on a request (VerzoekAntwoord 1: refused, with the reason). */
export function writeAnswer(a: { standard: Standard; municipalityCode: string; agbCode: string; identification: string; date: string; reference: string; refusalReason: string }): string {
  const type = messageType(a.standard, 319);
  return writeMessage(type, {
    Header: municipalityHeader(type, { municipalityCode: a.municipalityCode, agbCode: a.agbCode, id: a.identification, date: a.date }),
    Antwoord: { ReferentieAanbieder: a.reference, VerzoekAntwoord: '1', RedenAfwijzingVerzoek: a.refusalReason },
  });
}

async function lockRequest(tx: Tx, id: string) {
  const request = await tx.selectFrom('provider_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!request) throw notFound('Verzoek');
  if (request.status !== 'open') throw new AppError('CONFLICT', `Over dit verzoek is al besloten (${request.status === 'granted' ? 'toegekend' : 'afgewezen'}).`);
  return request;
}

/**
 * Refuses an open request: the 319 is built, checked against its XSD and stored ready to send; the
 * request is closed. `decidedBy` null: Koers refused it on receipt. Returns the 319's id.
 */
export async function answerRequest(work: ExchangeWork, schemas: SchemaSet | undefined, input: { requestId: string; refusalReason: string; note: string | null; decidedBy: string | null; now: Date }): Promise<string> {
  const tenantId = work.audit.tenantId;
  const request = await lockRequest(work.tx, input.requestId);
  const provider = await getProvider(work.tx, { id: request.provider_id, tenantId });
  const [sequence] = await takeNumbers(work.tx, tenantId, 'berichtidentificatie', 1);
  const identification = `K${String(sequence).padStart(9, '0')}`;
  const today = todayInAmsterdam(input.now);
  const xml = writeAnswer({ standard: request.standard, municipalityCode: municipalityCode(tenantId), agbCode: provider.agbCode, identification, date: today, reference: request.reference, refusalReason: input.refusalReason });
  const type = messageType(request.standard, 319);
  const check = schemas && schemas.hasSchema(type) ? schemas.check(xml) : undefined;
  const answerId = await insertMessage(work.tx, {
    tenantId,
    standard: request.standard,
    messageNumber: 319,
    direction: 'out',
    providerId: request.provider_id,
    residentId: request.resident_id,
    identification,
    datedOn: today,
    xsdStatus: check ? (check.valid ? 'valid' : 'invalid') : 'not_checked',
    problems: check && !check.valid ? check.problems : check ? [] : [{ line: null, path: null, message: 'Niet tegen XSD gecontroleerd.' }],
    xml,
    status: check && !check.valid ? 'rejected' : 'ready',
    inReplyTo: request.message_id,
    createdBy: work.actorId,
  });
  await work.tx
    .updateTable('provider_requests')
    .set({ status: 'refused', refusal_reason: input.refusalReason, refusal_note: input.note, decided_by: input.decidedBy, decided_at: input.now, answer_message_id: answerId })
    .where('id', '=', request.id)
    .execute();
  if (request.resident_id) {
    await recordProcessing(work.tx, work.audit, {
      name: 'verzoek.afwijzen',
      activity: ACTIVITY,
      subjects: [{ type: 'resident', id: request.resident_id }],
      startTime: input.now,
      attributes: { bericht: `${request.standard} 319`, identificatie: identification, reden: input.refusalReason },
    });
  }
  return answerId;
}

/** Volume in the product's unit: minutes and hours convert; any other difference cannot be granted. */
function volumeInUnit(amount: number, unitCode: string | null, productUnit: string): number {
  const unit = unitCode ? unitOfCode[unitCode] : undefined;
  if (unit === productUnit) return amount;
  if (unit === 'minute' && productUnit === 'hour') return amount / 60;
  if (unit === 'hour' && productUnit === 'minute') return amount * 60;
  throw new AppError('CONFLICT', `De gevraagde eenheid (${unitCode ?? 'geen'}) past niet bij de eenheid van het product; wijs het verzoek af (reden 4: past niet binnen contract).`);
}

export interface GrantResult {
  allocationIds: string[];
  outbox: OutboxResult;
}

/**
 * Grants an open request: a 315 becomes an allocation (commitment booked), a 317 changes the
 * allocations it names and allocates its new products; then the 301s are built at once.
 */
export async function grantRequest(work: ExchangeWork & { actor: Actor }, schemas: SchemaSet | undefined, input: { requestId: string; now: Date }): Promise<GrantResult> {
  const { tx, actor } = work;
  const request = await lockRequest(tx, input.requestId);
  if (!request.resident_id) throw new AppError('CONFLICT', 'Dit verzoek gaat over iemand die hier niet woont en kan niet worden toegekend.');
  const products = await tx
    .selectFrom('provider_request_products as pp')
    .leftJoin('products as p', (j) => j.onRef('p.tenant_id', '=', 'pp.tenant_id').onRef('p.id', '=', 'pp.product_id'))
    .select(['pp.id', 'pp.kind', 'pp.product_id', 'pp.allocation_id', 'pp.start_date', 'pp.end_date', 'pp.volume', 'pp.unit_code', 'pp.frequency_code', 'p.unit as product_unit'])
    .where('pp.request_id', '=', request.id)
    .orderBy('pp.position')
    .execute();
  const allocationIds: string[] = [];
  for (const p of products) {
    if (p.kind === 'unchanged') continue;
    if (p.kind === 'new') {
      if (!p.product_id || !p.product_unit) throw new AppError('CONFLICT', 'Het gevraagde product staat niet in de catalogus; wijs het verzoek af (reden 3: geen contract).');
      if (p.volume === null || !p.frequency_code || !frequencyOfCode[p.frequency_code]) throw new AppError('CONFLICT', 'Het verzoek noemt geen omvang; wijs het af of vraag de aanbieder een nieuw verzoek te sturen.');
      const start = p.start_date!;
      const { id } = await allocateForRequest(tx, actor, {
        residentId: request.resident_id,
        productId: p.product_id,
        providerId: request.provider_id,
        volume: volumeInUnit(p.volume, p.unit_code, p.product_unit),
        frequency: frequencyOfCode[p.frequency_code]!,
        start,
        end: p.end_date ?? addDays(addMonths(start, 12), -1),
        providerReference: request.reference,
      });
      await tx.updateTable('provider_request_products').set({ allocation_id: id }).where('id', '=', p.id).execute();
      allocationIds.push(id);
    } else {
      if (!p.allocation_id || !p.start_date) throw new AppError('CONFLICT', 'De te wijzigen toewijzing is niet (meer) actueel.');
      const unit = (await tx.selectFrom('allocations').select('unit').where('id', '=', p.allocation_id).executeTakeFirstOrThrow()).unit;
      await changeAllocationForRequest(tx, actor, {
        id: p.allocation_id,
        effectiveFrom: p.start_date,
        ...(p.volume !== null ? { volume: volumeInUnit(p.volume, p.unit_code, unit) } : {}),
        ...(p.end_date ? { end: p.end_date } : {}),
        providerReference: request.reference,
      });
      allocationIds.push(p.allocation_id);
    }
  }
  await tx.updateTable('provider_requests').set({ status: 'granted', decided_by: actor.actorId, decided_at: input.now }).where('id', '=', request.id).execute();
  await recordProcessing(tx, work.audit, {
    name: 'verzoek.toekennen',
    activity: ACTIVITY,
    subjects: [{ type: 'resident', id: request.resident_id }],
    startTime: input.now,
    attributes: { bericht: `${request.standard} ${request.kind === 'allocation' ? 315 : 317}`, referentie: request.reference },
  });
  const outbox = await buildAllocationMessages(work, schemas, { now: input.now });
  return { allocationIds, outbox };
}

/** Open requests of the teams the employee works in (for Mijn werk): a count, no resident's data. */
export async function countOpenRequestsOfTeams(tx: Tx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom('provider_requests as q')
    .innerJoin('team_members as tm', (j) => j.onRef('tm.tenant_id', '=', 'q.tenant_id').onRef('tm.team_id', '=', 'q.team_id'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tm.user_id', '=', userId)
    .where('q.status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const requestColumns = [
  'q.id',
  'q.standard',
  'q.kind',
  'q.status',
  'q.reference',
  'q.resident_id',
  'q.team_id',
  'q.referrer_type',
  'q.referrer_name',
  'q.referrer_code',
  'q.change_reason',
  'q.comment',
  'q.findings',
  'q.refusal_reason',
  'q.refusal_note',
  'q.decided_at',
  'q.created_at',
  'q.message_id',
  'q.answer_message_id',
  'p.id as provider_id',
  'p.name as provider_name',
  'p.agb_code as provider_agb_code',
  't.name as team_name',
  'u.display_name as decided_by_name',
] as const;

function requestQuery(tx: Tx) {
  return tx
    .selectFrom('provider_requests as q')
    .innerJoin('providers as p', (j) => j.onRef('p.id', '=', 'q.provider_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.tenant_id', '=', 'q.tenant_id').onRef('t.id', '=', 'q.team_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'q.tenant_id').onRef('u.id', '=', 'q.decided_by'))
    .select(requestColumns);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['execute']>>[number];

async function productsOf(tx: Tx, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return tx
    .selectFrom('provider_request_products as pp')
    .leftJoin('products as p', (j) => j.onRef('p.tenant_id', '=', 'pp.tenant_id').onRef('p.id', '=', 'pp.product_id'))
    .select(['pp.request_id', 'pp.kind', 'pp.category_code', 'pp.product_code', 'pp.allocation_number', 'pp.allocation_id', 'pp.start_date', 'pp.end_date', 'pp.volume', 'pp.unit_code', 'pp.frequency_code', 'p.name as product_name', 'p.budget_line_code'])
    .where('pp.request_id', 'in', requestIds)
    .orderBy('pp.request_id')
    .orderBy('pp.position')
    .execute();
}

function view(r: RequestRow, names: Map<string, string>, products: Awaited<ReturnType<typeof productsOf>>) {
  return {
    id: r.id,
    standard: r.standard,
    label: `${messageLabel({ standard: r.standard, number: r.kind === 'allocation' ? 315 : 317 })} ${r.kind === 'allocation' ? 'Verzoek om toewijzing' : 'Verzoek om wijziging'}`,
    kind: r.kind,
    status: r.status,
    reference: r.reference,
    provider: { id: r.provider_id, name: r.provider_name, agbCode: r.provider_agb_code },
    resident: r.resident_id ? { id: r.resident_id, name: names.get(r.resident_id) ?? 'Onbekende inwoner' } : null,
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    referrer: r.referrer_type ? { type: r.referrer_type, name: r.referrer_name, code: r.referrer_code } : null,
    changeReason: r.change_reason,
    comment: r.comment,
    findings: r.findings,
    refusalReason: r.refusal_reason,
    refusalNote: r.refusal_note,
    decidedBy: r.decided_at ? (r.decided_by_name ?? 'Koers (bij ontvangst)') : null,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    messageId: r.message_id,
    answerMessageId: r.answer_message_id,
    products: products
      .filter((p) => p.request_id === r.id)
      .map((p) => ({
        kind: p.kind,
        category: p.category_code,
        code: p.product_code,
        productName: p.product_name,
        budgetLine: p.budget_line_code,
        allocationNumber: p.allocation_number,
        allocationId: p.allocation_id,
        start: p.start_date,
        end: p.end_date,
        volume: p.volume,
        unitCode: p.unit_code,
        frequencyCode: p.frequency_code,
      })),
  };
}

export type RequestView = ReturnType<typeof view>;

async function audited(tx: Tx, ctx: AuditContext, rows: RequestRow[], name: string, started: Date) {
  const names = await residentNames(tx, rows.flatMap((r) => (r.resident_id ? [r.resident_id] : [])));
  if (names.size > 0) {
    await recordProcessing(tx, ctx, { name, activity: ACTIVITY, subjects: [...names.keys()].map((id) => ({ type: 'resident' as const, id })), startTime: started });
  }
  return names;
}

/** The requests, open ones first (oldest first), then the decided ones (newest first); each resident shown is logged. */
export async function listRequests(tx: Tx, ctx: AuditContext, query: { status?: 'open' | 'granted' | 'refused'; limit: number }): Promise<RequestView[]> {
  const started = new Date();
  let q = requestQuery(tx);
  if (query.status) q = q.where('q.status', '=', query.status);
  const rows = await q
    .orderBy((eb) => eb.case().when('q.status', '=', 'open').then(0).else(1).end())
    .orderBy('q.created_at', query.status === 'open' ? 'asc' : 'desc')
    .limit(query.limit)
    .execute();
  const names = await audited(tx, ctx, rows, 'verzoeken.raadplegen', started);
  const products = await productsOf(tx, rows.map((r) => r.id));
  return rows.map((r) => view(r, names, products));
}

export async function getRequest(tx: Tx, ctx: AuditContext, id: string): Promise<RequestView> {
  const started = new Date();
  const row = await requestQuery(tx).where('q.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Verzoek');
  const names = await audited(tx, ctx, [row], 'verzoek.raadplegen', started);
  return view(row, names, await productsOf(tx, [row.id]));
}
