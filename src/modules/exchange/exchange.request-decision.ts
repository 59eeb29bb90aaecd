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
import { changeAllocationForRequest, requestedChangeApproval } from '../decisions/allocation-change.service.js';
import { allocateForRequest, approvalThresholdCents, expectedAnnualCentsOfRequest } from '../decisions/decision.service.js';
import type { Frequency, Unit } from '../allocations/commitment.js';
import { getProvider } from '../providers/provider.service.js';
import { residentNames } from '../residents/resident.service.js';
import { municipalityCode, municipalityHeader } from './exchange.header.js';
import { messageLabel, messageType, type Standard } from './exchange.messages.js';
import { buildAllocationMessages, type ExchangeWork, type OutboxResult } from './exchange.outbox.js';
import { insertMessage, takeNumbers } from './exchange.repository.js';
import type { RequestStatus } from './exchange.request.tables.js';
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

const decidedLabel = (status: string) => (status === 'granted' ? 'toegekend' : 'afgewezen');

/** The request, locked; one that was granted or refused cannot be decided again (409). */
async function lockRequest(tx: Tx, id: string) {
  const request = await tx.selectFrom('provider_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!request) throw notFound('Verzoek');
  if (request.status !== 'open' && request.status !== 'pending_approval') throw new AppError('CONFLICT', `Over dit verzoek is al besloten (${decidedLabel(request.status)}).`);
  return request;
}

/**
 * Refuses an open request (or one whose grant waits for approval): the 319 is built, checked against its XSD and stored ready to send; the
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
  /** Four eyes: the grant was proposed and waits for a team lead other than the proposer; nothing was allocated yet. */
  pendingApproval: boolean;
  expectedAnnualCents: number;
  allocationIds: string[];
  outbox: OutboxResult;
}

type RequestProduct = { id: string; kind: 'new' | 'change' | 'unchanged'; product_id: string | null; allocation_id: string | null; start_date: string | null; end_date: string | null; volume: number | null; unit_code: string | null; frequency_code: string | null; product_unit: Unit | null };

/** What a granted product does: a new allocation or a change of one, in the product's unit. */
type Step =
  | { kind: 'new'; requestProductId: string; productId: string; volume: number; frequency: Frequency; start: string; end: string }
  | { kind: 'change'; allocationId: string; effectiveFrom: string; volume?: number; end?: string };

async function stepsOf(tx: Tx, products: RequestProduct[]): Promise<Step[]> {
  const steps: Step[] = [];
  for (const p of products) {
    if (p.kind === 'unchanged') continue;
    if (p.kind === 'new') {
      if (!p.product_id || !p.product_unit) throw new AppError('CONFLICT', 'Het gevraagde product staat niet in de catalogus; wijs het verzoek af (reden 3: geen contract).');
      if (p.volume === null || !p.frequency_code || !frequencyOfCode[p.frequency_code]) throw new AppError('CONFLICT', 'Het verzoek noemt geen omvang; wijs het af of vraag de aanbieder een nieuw verzoek te sturen.');
      const start = p.start_date!;
      steps.push({
        kind: 'new',
        requestProductId: p.id,
        productId: p.product_id,
        volume: volumeInUnit(p.volume, p.unit_code, p.product_unit),
        frequency: frequencyOfCode[p.frequency_code]!,
        start,
        end: p.end_date ?? addDays(addMonths(start, 12), -1),
      });
    } else {
      if (!p.allocation_id || !p.start_date) throw new AppError('CONFLICT', 'De te wijzigen toewijzing is niet (meer) actueel.');
      const unit = (await tx.selectFrom('allocations').select('unit').where('id', '=', p.allocation_id).executeTakeFirstOrThrow()).unit;
      steps.push({
        kind: 'change',
        allocationId: p.allocation_id,
        effectiveFrom: p.start_date,
        ...(p.volume !== null ? { volume: volumeInUnit(p.volume, p.unit_code, unit) } : {}),
        ...(p.end_date ? { end: p.end_date } : {}),
      });
    }
  }
  return steps;
}

/**
 * Four eyes, by the rules a decision and a change made here follow: a new allocation whose first
 * twelve months cost more than the threshold, or a change that needs approval (above the threshold
 * or a raise by more than the change step). Returns the expected cost over a year of the whole grant.
 */
async function fourEyes(tx: Tx, providerId: string, steps: Step[]): Promise<{ required: boolean; expectedAnnualCents: number }> {
  const threshold = await approvalThresholdCents(tx);
  let expected = 0;
  let required = false;
  for (const s of steps) {
    if (s.kind === 'new') {
      const cents = await expectedAnnualCentsOfRequest(tx, { productId: s.productId, providerId, volume: s.volume, frequency: s.frequency, start: s.start, end: s.end });
      expected += cents;
    } else {
      const change = await requestedChangeApproval(tx, { id: s.allocationId, effectiveFrom: s.effectiveFrom, ...(s.volume !== undefined ? { volume: s.volume } : {}), ...(s.end ? { end: s.end } : {}) });
      expected += change.expectedAnnualCents;
      required ||= change.required;
    }
  }
  return { required: required || expected > threshold, expectedAnnualCents: expected };
}

const nothingSent: OutboxResult = { messages: 0, invalid: 0, toewijzingen: 0, xsdChecked: false };

/**
 * Grants a request: a 315 becomes an allocation (commitment booked), a 317 changes the allocations it
 * names and allocates its new products; then the 301s are built at once. Above the four-eyes
 * threshold the first grant only proposes it (nothing is allocated or sent); a team lead other than
 * the proposer grants it (`mayApprove`: permission decisions:approve).
 */
export async function grantRequest(work: ExchangeWork & { actor: Actor & { mayApprove: boolean } }, schemas: SchemaSet | undefined, input: { requestId: string; now: Date }): Promise<GrantResult> {
  const { tx, actor } = work;
  const request = await lockRequest(tx, input.requestId);
  if (!request.resident_id) throw new AppError('CONFLICT', 'Dit verzoek gaat over iemand die hier niet woont en kan niet worden toegekend.');
  const subjects = [{ type: 'resident' as const, id: request.resident_id }];
  const message = `${request.standard} ${request.kind === 'allocation' ? 315 : 317}`;
  const products = (await tx
    .selectFrom('provider_request_products as pp')
    .leftJoin('products as p', (j) => j.onRef('p.tenant_id', '=', 'pp.tenant_id').onRef('p.id', '=', 'pp.product_id'))
    .select(['pp.id', 'pp.kind', 'pp.product_id', 'pp.allocation_id', 'pp.start_date', 'pp.end_date', 'pp.volume', 'pp.unit_code', 'pp.frequency_code', 'p.unit as product_unit'])
    .where('pp.request_id', '=', request.id)
    .orderBy('pp.position')
    .execute()) as RequestProduct[];
  const steps = await stepsOf(tx, products);
  const check = await fourEyes(tx, request.provider_id, steps);

  if (request.status === 'open' && check.required) {
    await tx
      .updateTable('provider_requests')
      .set({ status: 'pending_approval', proposed_by: actor.actorId, proposed_at: input.now, expected_annual_cents: check.expectedAnnualCents })
      .where('id', '=', request.id)
      .execute();
    await recordProcessing(tx, work.audit, {
      name: 'verzoek.toekenning-voorstellen',
      activity: ACTIVITY,
      subjects,
      startTime: input.now,
      attributes: { bericht: message, referentie: request.reference, verwachteKostenPerJaarCent: check.expectedAnnualCents },
    });
    return { pendingApproval: true, expectedAnnualCents: check.expectedAnnualCents, allocationIds: [], outbox: nothingSent };
  }
  if (request.status === 'pending_approval') {
    if (!actor.mayApprove) throw new AppError('FORBIDDEN', 'Deze toekenning wacht op goedkeuring door een teamleider (vier ogen).');
    if (request.proposed_by === actor.actorId) throw new AppError('FORBIDDEN', 'Vier ogen: een ander dan wie de toekenning voorstelde keurt haar goed.');
  }

  const allocationIds: string[] = [];
  for (const s of steps) {
    if (s.kind === 'new') {
      const { id } = await allocateForRequest(tx, actor, {
        residentId: request.resident_id,
        productId: s.productId,
        providerId: request.provider_id,
        volume: s.volume,
        frequency: s.frequency,
        start: s.start,
        end: s.end,
        providerReference: request.reference,
      });
      await tx.updateTable('provider_request_products').set({ allocation_id: id }).where('id', '=', s.requestProductId).execute();
      allocationIds.push(id);
    } else {
      await changeAllocationForRequest(tx, actor, {
        id: s.allocationId,
        effectiveFrom: s.effectiveFrom,
        ...(s.volume !== undefined ? { volume: s.volume } : {}),
        ...(s.end ? { end: s.end } : {}),
        providerReference: request.reference,
      });
      allocationIds.push(s.allocationId);
    }
  }
  await tx
    .updateTable('provider_requests')
    .set({ status: 'granted', decided_by: actor.actorId, decided_at: input.now, expected_annual_cents: check.expectedAnnualCents })
    .where('id', '=', request.id)
    .execute();
  await recordProcessing(tx, work.audit, {
    name: request.status === 'pending_approval' ? 'verzoek.toekenning-goedkeuren' : 'verzoek.toekennen',
    activity: ACTIVITY,
    subjects,
    startTime: input.now,
    attributes: { bericht: message, referentie: request.reference },
  });
  const outbox = await buildAllocationMessages(work, schemas, { now: input.now });
  return { pendingApproval: false, expectedAnnualCents: check.expectedAnnualCents, allocationIds, outbox };
}

/** Open requests (and grants waiting for approval) of the teams the employee works in (for Mijn werk): a count, no resident's data. */
export async function countOpenRequestsOfTeams(tx: Tx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom('provider_requests as q')
    .innerJoin('team_members as tm', (j) => j.onRef('tm.tenant_id', '=', 'q.tenant_id').onRef('tm.team_id', '=', 'q.team_id'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tm.user_id', '=', userId)
    .where('q.status', 'in', ['open', 'pending_approval'])
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
  'q.proposed_at',
  'q.proposed_by',
  'q.expected_annual_cents',
  'pu.display_name as proposed_by_name',
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
    .leftJoin('users as pu', (j) => j.onRef('pu.tenant_id', '=', 'q.tenant_id').onRef('pu.id', '=', 'q.proposed_by'))
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

function view(r: RequestRow, names: Map<string, string>, products: Awaited<ReturnType<typeof productsOf>>, viewerId: string | null) {
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
    proposal: r.proposed_at ? { by: r.proposed_by_name ?? '', at: r.proposed_at.toISOString(), byViewer: r.proposed_by === viewerId } : null,
    expectedAnnualCents: r.expected_annual_cents === null ? null : Number(r.expected_annual_cents),
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
export async function listRequests(tx: Tx, ctx: AuditContext, query: { status?: RequestStatus; limit: number }): Promise<RequestView[]> {
  const started = new Date();
  let q = requestQuery(tx);
  if (query.status) q = q.where('q.status', '=', query.status);
  const rows = await q
    .orderBy((eb) => eb.case().when('q.status', 'in', ['open', 'pending_approval']).then(0).else(1).end())
    .orderBy('q.created_at', query.status === 'open' || query.status === 'pending_approval' ? 'asc' : 'desc')
    .limit(query.limit)
    .execute();
  const names = await audited(tx, ctx, rows, 'verzoeken.raadplegen', started);
  const products = await productsOf(tx, rows.map((r) => r.id));
  return rows.map((r) => view(r, names, products, ctx.actor?.userId ?? null));
}

export async function getRequest(tx: Tx, ctx: AuditContext, id: string): Promise<RequestView> {
  const started = new Date();
  const row = await requestQuery(tx).where('q.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Verzoek');
  const names = await audited(tx, ctx, [row], 'verzoek.raadplegen', started);
  return view(row, names, await productsOf(tx, [row.id]), ctx.actor?.userId ?? null);
}
