// Recovery (terugvordering, art. 58 Pw) and offset (verrekening): a claim with its ground and article,
// its ledger (signed cents, balance = sum) and its monthly instalment, offset by the payment run.
//
// Life of a claim: a draft ('concept', made by hand or found by an income statement or re-examination)
// → established ('vastgesteld': the ledger gets the claim itself, the 'vordering') → optionally withdrawn.
// Establishing is a decision (besluit) on the resident: FOUR EYES always apply — only someone with
// `pw_recovery:establish` (the team lead) who did not draft the claim may establish it. The amounts are
// the resident's debt to the municipality, so the rule does not depend on a threshold.
// A draft found by Koers (income statement, re-examination) counts as drafted by the employee whose entry found it.

import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { formatCents as euro } from '../allocations/commitment.js';
import { hasRelationWith } from '../residents/resident.access.js';
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { findClaimResidentId, insertClaim, insertEntry, listClaimRows, listEntryRows, lockClaim, updateClaim, type ClaimFilter } from './pw.recovery.repository.js';
import type { RecoveryGround, RecoverySource } from './pw.tables.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';
export const MAX_CLAIM_CENTS = 100_000_000;

/**
 * The grounds a claim can rest on, with the article proposed for it (the consultant can change it when
 * establishing). Verified against the Participatiewet text valid 2025-01-01 (BWBR0015703, as transcribed
 * in MinBZK/regelrecht-corpus): art. 58 lid 1 — the college MUST recover what was received unduly or too
 * much as a result of a breach of the inlichtingenplicht (art. 17 lid 1); lid 2 — it MAY recover: sub a
 * other undue or too high bijstand, sub b a loan not repaid, sub c borgtocht, sub d an advance (art. 52)
 * when there proved to be no right, sub e otherwise paid unduly where the resident could reasonably have
 * understood this (not after two years, lid 6), sub f otherwise paid unduly, including means received
 * later over the period (1°). Lid 4: offset of means received in the previous six months; lid 7 and 8:
 * refraining from (further) recovery (kwijtschelding). Offset against bijstand: art. 60 lid 3 (lid 2
 * claims) and lid 4 (lid 1 claims).
 */
export const RECOVERY_GROUNDS: Record<RecoveryGround, { label: string; article: string }> = {
  'inkomsten-niet-gemeld': { label: 'Inkomsten niet (tijdig) gemeld (inlichtingenplicht geschonden)', article: 'art. 58 lid 1 Pw (in verbinding met art. 17 lid 1 Pw)' },
  vermogen: { label: 'Vermogen niet gemeld', article: 'art. 58 lid 1 Pw (in verbinding met art. 17 lid 1 Pw)' },
  woonsituatie: { label: 'Woonsituatie of leefvorm anders dan opgegeven', article: 'art. 58 lid 1 Pw (in verbinding met art. 17 lid 1 Pw)' },
  'te-veel-betaald': { label: 'Te veel betaald, zonder schending van de inlichtingenplicht', article: 'art. 58 lid 2 sub a Pw' },
  voorschot: { label: 'Voorschot terwijl later bleek dat er geen recht was', article: 'art. 58 lid 2 sub d Pw (voorschot art. 52 Pw)' },
  overig: { label: 'Anderszins onverschuldigd betaald', article: 'art. 58 lid 2 sub f Pw' },
};

export const claimSubject: ResidentSubject = { label: 'Vordering', residentOf: findClaimResidentId, residentOfQuery: (id) => residentIdColumnOf('pw_recovery_claims', id) };

const newReference = (today: string) => `TV-${today.slice(0, 4)}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

export interface DraftClaim {
  residentId: string;
  benefitId: string | null;
  ground: RecoveryGround;
  article?: string;
  source: RecoverySource;
  principalCents: number;
  periodFrom: string | null;
  periodTo: string | null;
  reason: string;
}

function checkClaim(d: DraftClaim): void {
  const errors: FieldError[] = [];
  if (!(d.ground in RECOVERY_GROUNDS)) errors.push({ field: 'ground', message: 'Kies een grond voor de terugvordering uit de lijst.' });
  if (!Number.isSafeInteger(d.principalCents) || d.principalCents < 1) errors.push({ field: 'principalCents', message: 'Het bedrag van de vordering moet een positief bedrag in hele centen zijn.' });
  else if (d.principalCents > MAX_CLAIM_CENTS) errors.push({ field: 'principalCents', message: `Het bedrag ${euro(d.principalCents)} is onwaarschijnlijk hoog (meer dan ${euro(MAX_CLAIM_CENTS)}).` });
  if (d.reason.trim().length === 0 || d.reason.length > 2000) errors.push({ field: 'reason', message: 'Beschrijf de reden van de vordering (ten hoogste 2000 tekens).' });
  if (d.article !== undefined && (d.article.trim().length === 0 || d.article.length > 100)) errors.push({ field: 'article', message: 'Noem het wetsartikel (ten hoogste 100 tekens).' });
  if (d.periodFrom && d.periodTo && d.periodTo < d.periodFrom) errors.push({ field: 'periodTo', message: 'Het einde van de periode ligt voor het begin.' });
  if (errors.length > 0) throw validationFailed(errors);
}

/** Command: a draft claim (not collected until established); audits it. */
export async function createDraftClaim(tx: Tx, ctx: Actor, d: DraftClaim): Promise<{ id: string; reference: string }> {
  checkClaim(d);
  const reference = newReference(todayInAmsterdam());
  const { id } = await insertClaim(tx, {
    tenant_id: ctx.tenantId,
    reference,
    resident_id: d.residentId,
    benefit_id: d.benefitId,
    ground: d.ground,
    article: (d.article ?? RECOVERY_GROUNDS[d.ground].article).trim(),
    source: d.source,
    status: 'concept',
    principal_cents: d.principalCents,
    period_from: d.periodFrom,
    period_to: d.periodTo,
    reason: d.reason.trim(),
    created_by: ctx.actorId,
  });
  await recordProcessing(tx, ctx, { name: 'terugvordering.opstellen', activity: ACTIVITY, subjects: [{ type: 'resident', id: d.residentId }], startTime: new Date(), attributes: { vordering: reference, bron: d.source, bedrag_cent: d.principalCents } });
  return { id, reference };
}

export interface ClaimView {
  id: string;
  reference: string;
  residentId: string;
  residentName: string;
  benefitId: string | null;
  benefitReference: string | null;
  ground: RecoveryGround;
  groundLabel: string;
  article: string;
  source: RecoverySource;
  status: 'concept' | 'vastgesteld' | 'ingetrokken';
  principalCents: number;
  monthlyInstalmentCents: number;
  balanceCents: number;
  periodFrom: string | null;
  periodTo: string | null;
  reason: string;
  createdBy: string | null;
  createdAt: string;
  establishedBy: string | null;
  establishedAt: string | null;
}

type ClaimRow = Awaited<ReturnType<typeof listClaimRows>>[number];
const asDate = (d: unknown): string | null => (d === null || d === undefined ? null : typeof d === 'string' ? d.slice(0, 10) : (d as Date).toISOString().slice(0, 10));

function toView(r: ClaimRow): ClaimView {
  return {
    id: r.id,
    reference: r.reference,
    residentId: r.resident_id,
    residentName: r.resident_name,
    benefitId: r.benefit_id,
    benefitReference: r.benefit_reference,
    ground: r.ground,
    groundLabel: RECOVERY_GROUNDS[r.ground].label,
    article: r.article,
    source: r.source,
    status: r.status,
    principalCents: Number(r.principal_cents),
    monthlyInstalmentCents: Number(r.monthly_instalment_cents),
    balanceCents: Number(r.balance),
    periodFrom: asDate(r.period_from),
    periodTo: asDate(r.period_to),
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    establishedBy: r.established_by,
    establishedAt: r.established_at ? new Date(r.established_at).toISOString() : null,
  };
}

/** Query: all claims the employee may see (a relation with the resident), with filters; audits every resident shown. */
export async function listClaims(tx: Tx, ctx: AuditContext, filter: ClaimFilter): Promise<ClaimView[]> {
  const startTime = new Date();
  const userId = ctx.actor?.userId;
  if (!userId) return [];
  const rows = await listClaimRows(tx, filter);
  const visible = new Set(
    rows.length === 0
      ? []
      : (
          await tx
            .selectFrom('residents as r')
            .select('r.id')
            .where('r.id', 'in', [...new Set(rows.map((r) => r.resident_id))])
            .where(({ ref }) => hasRelationWith(userId, ref('r.id'), new Date(), 'care'))
            .execute()
        ).map((r) => r.id),
  );
  const shown = rows.filter((r) => visible.has(r.resident_id)).map(toView);
  if (shown.length > 0) {
    await recordProcessing(tx, ctx, { name: 'terugvorderingen.raadplegen', activity: ACTIVITY, subjects: shown.map((c) => ({ type: 'resident' as const, id: c.residentId })), startTime });
  }
  return shown;
}

/** Query: one resident's claims, their total open balance (established claims) and the benefits to go to; audits the read. */
export async function residentClaims(tx: Tx, ctx: AuditContext, residentId: string) {
  const startTime = new Date();
  const claims = (await listClaimRows(tx, { residentId })).map(toView);
  const benefits = await tx.selectFrom('pw_benefits').select(['id', 'reference', 'start_date', 'end_date']).where('resident_id', '=', residentId).orderBy('start_date', 'desc').execute();
  await recordProcessing(tx, ctx, { name: 'terugvorderingen.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime });
  return {
    residentId,
    balanceCents: claims.filter((c) => c.status === 'vastgesteld').reduce((s, c) => s + c.balanceCents, 0),
    claims,
    benefits: benefits.map((b) => ({ id: b.id, reference: b.reference, startDate: b.start_date, endDate: b.end_date })),
  };
}

/** Query: one claim with its ledger; audits the read. */
export async function getClaim(tx: Tx, ctx: AuditContext, id: string, audit = true) {
  const startTime = new Date();
  const row = (await tx.selectFrom('pw_recovery_claims').select('resident_id').where('id', '=', id).executeTakeFirst());
  if (!row) throw notFound('Vordering');
  const claim = (await listClaimRows(tx, { residentId: row.resident_id })).find((c) => c.id === id);
  if (!claim) throw notFound('Vordering');
  const entries = (await listEntryRows(tx, id)).map((e) => ({
    id: e.id,
    kind: e.kind,
    cents: Number(e.cents),
    bookedOn: asDate(e.booked_on)!,
    paymentRunId: e.payment_run_id,
    note: e.note,
    recordedBy: e.display_name,
    recordedAt: new Date(e.recorded_at).toISOString(),
  }));
  if (audit) await recordProcessing(tx, ctx, { name: 'terugvordering.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime });
  return { ...toView(claim), entries };
}

async function locked(tx: Tx, id: string) {
  const claim = await lockClaim(tx, id);
  if (!claim) throw notFound('Vordering');
  return claim;
}

function checkInstalment(cents: number, balance: number): void {
  if (!Number.isSafeInteger(cents) || cents < 0) throw invalid('monthlyInstalmentCents', 'De aflossing per maand moet een bedrag in hele centen zijn, nul of meer.');
  if (cents > balance) throw invalid('monthlyInstalmentCents', `De aflossing per maand (${euro(cents)}) kan niet hoger zijn dan het openstaande saldo (${euro(balance)}).`);
}

/** Command: a team lead other than the drafter establishes the claim (four eyes); books the 'vordering'. */
export async function establishClaim(tx: Tx, ctx: Actor, id: string, body: { monthlyInstalmentCents: number; ground?: RecoveryGround; article?: string }): Promise<void> {
  const claim = await locked(tx, id);
  if (claim.status !== 'concept') throw new AppError('CONFLICT', claim.status === 'vastgesteld' ? 'Deze vordering is al vastgesteld.' : 'Deze vordering is ingetrokken en kan niet meer worden vastgesteld.');
  if (claim.created_by === ctx.actorId) throw new AppError('FORBIDDEN', 'Vier ogen: wie de vordering opstelde, kan haar niet zelf vaststellen. Vraag een andere teamleider.');
  if (body.ground !== undefined && !(body.ground in RECOVERY_GROUNDS)) throw invalid('ground', 'Kies een grond voor de terugvordering uit de lijst.');
  if (body.article !== undefined && (body.article.trim().length === 0 || body.article.length > 100)) throw invalid('article', 'Noem het wetsartikel (ten hoogste 100 tekens).');
  const principal = Number(claim.principal_cents);
  checkInstalment(body.monthlyInstalmentCents, principal);
  const today = todayInAmsterdam();
  await updateClaim(tx, id, {
    status: 'vastgesteld',
    monthly_instalment_cents: body.monthlyInstalmentCents,
    established_by: ctx.actorId,
    established_at: new Date(),
    ...(body.ground ? { ground: body.ground } : {}),
    ...(body.article ? { article: body.article.trim() } : {}),
  });
  await insertEntry(tx, { tenant_id: ctx.tenantId, claim_id: id, kind: 'vordering', cents: principal, booked_on: today, note: 'Vordering vastgesteld', recorded_by: ctx.actorId });
  await recordProcessing(tx, ctx, { name: 'terugvordering.vaststellen', activity: ACTIVITY, subjects: [{ type: 'resident', id: claim.resident_id }], startTime: new Date(), attributes: { vordering: claim.reference, bedrag_cent: principal } });
}

/** Command: withdraws a draft, or an established claim (its open balance is corrected to nil, with the reason). */
export async function withdrawClaim(tx: Tx, ctx: Actor, id: string, body: { reason: string }): Promise<void> {
  const claim = await locked(tx, id);
  if (claim.status === 'ingetrokken') throw new AppError('CONFLICT', 'Deze vordering is al ingetrokken.');
  const reason = body.reason.trim();
  if (reason.length === 0 || reason.length > 500) throw invalid('reason', 'Geef de reden van de intrekking (ten hoogste 500 tekens).');
  await updateClaim(tx, id, { status: 'ingetrokken', monthly_instalment_cents: 0 });
  if (claim.balance !== 0) {
    await insertEntry(tx, { tenant_id: ctx.tenantId, claim_id: id, kind: 'correctie', cents: -claim.balance, booked_on: todayInAmsterdam(), note: `Ingetrokken: ${reason}`.slice(0, 500), recorded_by: ctx.actorId });
  }
  await recordProcessing(tx, ctx, { name: 'terugvordering.intrekken', activity: ACTIVITY, subjects: [{ type: 'resident', id: claim.resident_id }], startTime: new Date(), attributes: { vordering: claim.reference, reden: reason } });
}

/** Command: a new monthly instalment for an established claim (offset by the payment run), not above the balance. */
export async function setInstalment(tx: Tx, ctx: Actor, id: string, body: { monthlyInstalmentCents: number }): Promise<void> {
  const claim = await locked(tx, id);
  if (claim.status !== 'vastgesteld') throw new AppError('CONFLICT', 'Alleen bij een vastgestelde vordering kan de aflossing per maand worden gewijzigd.');
  checkInstalment(body.monthlyInstalmentCents, claim.balance);
  await updateClaim(tx, id, { monthly_instalment_cents: body.monthlyInstalmentCents });
  await recordProcessing(tx, ctx, { name: 'terugvordering.aflossing-wijzigen', activity: ACTIVITY, subjects: [{ type: 'resident', id: claim.resident_id }], startTime: new Date(), attributes: { vordering: claim.reference, per_maand_cent: body.monthlyInstalmentCents } });
}

export type ManualEntryKind = 'aflossing' | 'kwijtschelding' | 'correctie';

/**
 * Command: books a repayment (aflossing, positive amount entered, booked negative), a write-off
 * (kwijtschelding, with a reason) or a correction (signed, with a reason) on an established claim.
 * The balance never goes below nil. The monthly instalment is lowered to the new balance when it exceeds it.
 */
export async function bookEntry(tx: Tx, ctx: Actor, id: string, body: { kind: ManualEntryKind; cents: number; bookedOn?: string; note?: string }): Promise<void> {
  const claim = await locked(tx, id);
  if (claim.status !== 'vastgesteld') throw new AppError('CONFLICT', 'Alleen op een vastgestelde vordering kan worden geboekt.');
  const today = todayInAmsterdam();
  const bookedOn = body.bookedOn ?? today;
  const errors: FieldError[] = [];
  if (!['aflossing', 'kwijtschelding', 'correctie'].includes(body.kind)) errors.push({ field: 'kind', message: 'Kies aflossing, kwijtschelding of correctie.' });
  if (!Number.isSafeInteger(body.cents) || body.cents === 0) errors.push({ field: 'cents', message: 'Vul een bedrag in hele centen in (niet nul).' });
  else if (body.kind !== 'correctie' && body.cents < 0) errors.push({ field: 'cents', message: 'Vul het bedrag positief in; het wordt van het saldo afgetrokken.' });
  else if (Math.abs(body.cents) > MAX_CLAIM_CENTS) errors.push({ field: 'cents', message: 'Het bedrag is onwaarschijnlijk hoog.' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bookedOn) || Number.isNaN(Date.parse(bookedOn))) errors.push({ field: 'bookedOn', message: 'Vul een geldige boekdatum in (jjjj-mm-dd).' });
  else if (bookedOn > today) errors.push({ field: 'bookedOn', message: 'De boekdatum kan niet in de toekomst liggen.' });
  const note = body.note?.trim() ?? '';
  if ((body.kind === 'kwijtschelding' || body.kind === 'correctie') && note.length === 0) errors.push({ field: 'note', message: body.kind === 'kwijtschelding' ? 'Geef de reden van de kwijtschelding.' : 'Geef de reden van de correctie.' });
  if (note.length > 500) errors.push({ field: 'note', message: 'De toelichting is te lang (ten hoogste 500 tekens).' });
  if (errors.length > 0) throw validationFailed(errors);
  const signed = body.kind === 'correctie' ? body.cents : -body.cents;
  const after = claim.balance + signed;
  if (after < 0) throw invalid('cents', `Het bedrag is hoger dan het openstaande saldo (${euro(claim.balance)}).`);
  await insertEntry(tx, { tenant_id: ctx.tenantId, claim_id: id, kind: body.kind, cents: signed, booked_on: bookedOn, note: note || null, recorded_by: ctx.actorId });
  if (Number(claim.monthly_instalment_cents) > after) await updateClaim(tx, id, { monthly_instalment_cents: after });
  await recordProcessing(tx, ctx, { name: `terugvordering.${body.kind}`, activity: ACTIVITY, subjects: [{ type: 'resident', id: claim.resident_id }], startTime: new Date(), attributes: { vordering: claim.reference, bedrag_cent: signed } });
}

/** The sum of the open balances of a resident's established claims (for other modules). */
export async function residentBalance(tx: Tx, residentId: string): Promise<number> {
  const row = await sql<{ b: string }>`select coalesce(sum(e.cents), 0) as b from pw_recovery_entries e join pw_recovery_claims c on c.id = e.claim_id and c.tenant_id = e.tenant_id
    where c.resident_id = ${residentId} and c.status = 'vastgesteld'`.execute(tx);
  return Number(row.rows[0]?.b ?? 0);
}
