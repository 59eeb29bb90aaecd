// The monthly payment run (issue #11 §2): compute (set-based, pw.payment-run.repository.ts), review,
// approve by a second person (four eyes), and the pain.001 file (pw.sepa.ts) written and stored at
// approval. Decisions documented in docs/participatiewet-payments.md:
// - payments and the offsets in the recovery ledger are booked at APPROVAL: a computed run has paid
//   nothing and can be withdrawn without a trace in pw_payments or the ledger;
// - one run per municipality can be computed-but-not-approved at a time (unique partial index), and a
//   transaction-level advisory lock refuses a second computation while one is running (409);
// - vakantietoeslag is paid in the month of the setting pw_vakantietoeslag_month (default 5 = May as the
//   issue asks; art. 45 Pw says June) and in the month a benefit ends.

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { withoutJit } from '../../db/without-jit.js';
import { recordProcessing, recordProcessingOfQuery, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { readSettings, writeSetting } from '../decisions/approval-settings.service.js';
import { checkIban } from './pw.iban.js';
import { addMonthsToPeriod } from './pw.payment-run.model.js';
import { bookApprovedRun, insertBenefitLines, insertHolidayLines, overdrawnClaims, updateRunTotals } from './pw.payment-run.repository.js';
import { buildCreditTransferFile, MAX_NAME_LENGTH } from './pw.sepa.js';
import { toSepaText } from './pw.sepa-text.js';

export const PAYMENT_SETTING_KEYS = {
  blockMonths: 'pw_block_after_missing_statements_months',
  vtMonth: 'pw_vakantietoeslag_month',
  debtorIban: 'pw_debtor_iban',
  debtorName: 'pw_debtor_name',
} as const;
export const DEFAULT_BLOCK_MONTHS = 2;
/** May, as issue #11 asks; art. 45 lid 1 Pw says the vakantietoeslag is paid in June ("in de maand juni"). */
export const DEFAULT_VT_MONTH = 5;

export interface PaymentSettings {
  blockMonths: number;
  vtMonth: number;
  debtorIban: string | null;
  debtorName: string | null;
}

export async function getPaymentSettings(tx: Tx): Promise<PaymentSettings> {
  // One query for the four settings (the municipality's own rows, by row-level security).
  const settings = await readSettings(tx, Object.values(PAYMENT_SETTING_KEYS));
  const value = (key: string) => settings.get(key);
  const [block, vt, iban, name] = Object.values(PAYMENT_SETTING_KEYS).map(value);
  return { blockMonths: Number(block ?? DEFAULT_BLOCK_MONTHS), vtMonth: Number(vt ?? DEFAULT_VT_MONTH), debtorIban: iban ?? null, debtorName: name ?? null };
}

/** Validates and stores the settings given (a Dutch message per field); nothing is stored on any error. */
export async function setPaymentSettings(tx: Tx, tenantId: string, input: Partial<PaymentSettings>): Promise<PaymentSettings> {
  const errors: FieldError[] = [];
  const values: [string, string][] = [];
  if (input.blockMonths !== undefined) {
    if (!Number.isInteger(input.blockMonths) || input.blockMonths < 1 || input.blockMonths > 24) errors.push({ field: 'blockMonths', message: 'Het aantal maanden zonder inkomstenopgave is een geheel getal van 1 tot en met 24.' });
    else values.push([PAYMENT_SETTING_KEYS.blockMonths, String(input.blockMonths)]);
  }
  if (input.vtMonth !== undefined) {
    if (!Number.isInteger(input.vtMonth) || input.vtMonth < 1 || input.vtMonth > 12) errors.push({ field: 'vtMonth', message: 'De maand van de vakantietoeslag is een getal van 1 (januari) tot en met 12 (december).' });
    else values.push([PAYMENT_SETTING_KEYS.vtMonth, String(input.vtMonth)]);
  }
  if (input.debtorIban !== undefined && input.debtorIban !== null) {
    const check = checkIban(input.debtorIban);
    if (!check.valid) errors.push({ field: 'debtorIban', message: check.message });
    else values.push([PAYMENT_SETTING_KEYS.debtorIban, check.iban]);
  }
  if (input.debtorName !== undefined && input.debtorName !== null) {
    const text = toSepaText(input.debtorName);
    if (!text.ok || text.text === '' || text.text.length > MAX_NAME_LENGTH) errors.push({ field: 'debtorName', message: `Vul de naam van de gemeente in zoals de bank die kent: hoogstens ${MAX_NAME_LENGTH} tekens, zonder bijzondere tekens.` });
    else values.push([PAYMENT_SETTING_KEYS.debtorName, text.text]);
  }
  if (errors.length > 0) throw validationFailed(errors);
  for (const [key, value] of values) await writeSetting(tx, tenantId, key, value);
  return getPaymentSettings(tx);
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 'yyyy-mm' → 'yyyy-mm-01', refused with a Dutch message when it is no month or not yet over. */
export function parsePeriod(input: string, today: string): string {
  if (!PERIOD.test(input)) throw invalid('period', 'Kies de maand als jjjj-mm, bijvoorbeeld 2026-11.');
  const period = `${input}-01`;
  if (addMonthsToPeriod(period, 1) > today) throw invalid('period', `De bijstand over ${input} wordt achteraf betaald: een betaalrun voor die maand kan pas vanaf ${addMonthsToPeriod(period, 1)}.`);
  if (period < '2000-01-01') throw invalid('period', 'Kies een maand vanaf 2000.');
  return period;
}

const lockKey = (tenantId: string) => sql`hashtext(${`pw-payment-run:${tenantId}`})`;

/**
 * Computes a run for the period: one transaction, a few set-based statements. Answers the run's id.
 * `audit: false` only for the demo's synthetic history (the seed writes no audit records).
 */
export async function computeRun(tx: Tx, ctx: AuditContext & { actorId: string | null }, input: { period: string; now?: Date; audit?: boolean }): Promise<string> {
  const now = input.now ?? new Date();
  const period = parsePeriod(input.period, todayInAmsterdam(now));
  const { rows: lock } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${lockKey(ctx.tenantId)}) as locked`.execute(tx);
  if (!lock[0]?.locked) throw new AppError('CONFLICT', 'Er wordt op dit moment al een betaalrun berekend. Probeer het over een paar minuten opnieuw.');
  const pending = await tx.selectFrom('pw_payment_runs').select(['reference']).where('status', '=', 'berekend').executeTakeFirst();
  if (pending) throw new AppError('CONFLICT', `Betaalrun ${pending.reference} wacht nog op goedkeuring. Keur die eerst goed of trek die in; daarna kunt u een nieuwe run berekenen.`);
  const settings = await getPaymentSettings(tx);
  // Set-based statements over every benefit: JIT compiling them costs more than running them.
  await withoutJit(tx);
  const { count } = await tx.selectFrom('pw_payment_runs').select((eb) => eb.fn.countAll<string>().as('count')).where('period', '=', period).executeTakeFirstOrThrow();
  const reference = `BR-${period.slice(0, 4)}${period.slice(5, 7)}-${Number(count) + 1}`;
  const run = await tx
    .insertInto('pw_payment_runs')
    .values({ tenant_id: ctx.tenantId, reference, period, vt_month: settings.vtMonth, block_months: settings.blockMonths, computed_by: ctx.actorId, computed_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const parameters = { tenantId: ctx.tenantId, runId: run.id, period, blockMonths: settings.blockMonths, vtMonth: settings.vtMonth };
  await insertBenefitLines(tx, parameters);
  await insertHolidayLines(tx, parameters);
  await updateRunTotals(tx, run.id);
  if (input.audit !== false) await auditRun(tx, ctx, run.id, 'betaalrun.berekenen', now, { betaalrun: reference });
  return run.id;
}

/** One audit record per resident in the run, chosen and written in one statement (recordProcessingOfQuery). */
async function auditRun(tx: Tx, ctx: AuditContext, runId: string, name: string, startTime: Date, attributes: Record<string, string>): Promise<void> {
  const residents = sql<{ type: 'resident'; id: string }>`
    select 'resident' as type, b.resident_id::text as id from pw_payment_run_lines l join pw_benefits b on b.id = l.benefit_id where l.run_id = ${runId}::uuid`;
  await recordProcessingOfQuery(tx, ctx, { name, activity: 'uitkering-participatiewet', startTime, attributes }, residents);
}

async function runRow(tx: Tx, runId: string) {
  const row = await tx.selectFrom('pw_payment_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!row) throw notFound('De betaalrun');
  return row;
}

/** The payments of an approved run as the bank gets them (paid lines with an amount), in a fixed order. */
async function fileLines(tx: Tx, runId: string) {
  return tx
    .selectFrom('pw_payment_run_lines as l')
    .innerJoin('pw_benefits as b', 'b.id', 'l.benefit_id')
    .select(['l.kind', 'l.cents', 'l.iban', 'l.account_holder', 'b.reference'])
    .where('l.run_id', '=', runId)
    .where('l.status', '=', 'betalen')
    .where('l.cents', '>', '0')
    .orderBy('b.reference')
    .orderBy('l.kind')
    .execute();
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const monthName = (period: string) => `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;

/**
 * Approves a computed run (by someone other than who computed it), books its payments and offsets,
 * and writes and stores its pain.001 file. `writeFile: false` and `audit: false` only for the demo's synthetic history.
 */
export async function approveRun(tx: Tx, ctx: AuditContext & { actorId: string | null }, runId: string, options: { now?: Date; writeFile?: boolean; audit?: boolean } = {}): Promise<void> {
  const now = options.now ?? new Date();
  const run = await runRow(tx, runId);
  if (run.status !== 'berekend') throw new AppError('CONFLICT', `Betaalrun ${run.reference} is ${run.status === 'goedgekeurd' ? 'al goedgekeurd' : 'ingetrokken'}.`);
  // Four eyes; a run the system computed (the demo's history) may be approved by the system too.
  if (run.computed_by !== null && run.computed_by === ctx.actorId) throw new AppError('FORBIDDEN', `U heeft betaalrun ${run.reference} zelf berekend; een andere medewerker moet die goedkeuren (vier ogen).`);
  await withoutJit(tx);
  const overdrawn = await overdrawnClaims(tx, runId);
  if (overdrawn.length > 0) throw new AppError('CONFLICT', `Het saldo van vordering ${overdrawn.slice(0, 3).join(', ')} is na de berekening gewijzigd. Trek de run in en bereken die opnieuw.`);
  const today = todayInAmsterdam(now);
  const afterMonth = addMonthsToPeriod(run.period, 1);
  const executionDate = afterMonth > today ? afterMonth : today;
  let file: { xml: string; sha: string } | null = null;
  if (options.writeFile !== false) {
    const settings = await getPaymentSettings(tx);
    if (!settings.debtorIban || !settings.debtorName) {
      throw validationFailed([{ field: 'debtorIban', message: 'Stel eerst de rekening (IBAN) en naam van de gemeente in bij de instellingen van de betaalruns; zonder die kan er geen betaalbestand worden gemaakt.' }]);
    }
    const lines = await fileLines(tx, runId);
    if (lines.length > 0) {
      const label = { regulier: 'Bijstand', correctie: 'Correctie bijstand', vakantietoeslag: 'Vakantietoeslag' } as const;
      const built = buildCreditTransferFile({
        messageId: run.reference,
        createdAt: now,
        debtor: { name: settings.debtorName, iban: settings.debtorIban },
        requestedExecutionDate: executionDate,
        payments: lines.map((l, i) => ({
          endToEndId: `${run.reference}-${i + 1}`,
          creditorName: l.account_holder ?? '',
          creditorIban: l.iban ?? '',
          amountCents: Number(l.cents),
          remittanceInformation: `${label[l.kind]} ${l.kind === 'vakantietoeslag' ? run.period.slice(0, 4) : monthName(run.period)} ${l.reference}`,
        })),
      });
      if (built.controlSumCents !== Number(run.total_cents) || built.numberOfTransactions !== run.payments_count) {
        throw new AppError('INTERNAL', `Het betaalbestand (${built.numberOfTransactions} betalingen, ${built.controlSum}) wijkt af van de totalen van betaalrun ${run.reference}.`);
      }
      file = { xml: built.xml, sha: createHash('sha256').update(built.xml).digest('hex') };
    }
  }
  await tx
    .updateTable('pw_payment_runs')
    .set({ status: 'goedgekeurd', approved_by: ctx.actorId, approved_at: now, execution_date: executionDate, message_id: file ? run.reference : null, pain_xml: file?.xml ?? null, pain_sha256: file?.sha ?? null })
    .where('id', '=', runId)
    .where('status', '=', 'berekend')
    .execute();
  await bookApprovedRun(tx, { tenantId: ctx.tenantId, runId, period: run.period, paidOn: executionDate, actorId: ctx.actorId, reference: run.reference });
  if (options.audit !== false) await auditRun(tx, ctx, runId, 'betaalrun.goedkeuren', now, { betaalrun: run.reference });
}

/** Withdraws a computed run: nothing of it was booked, its lines stay as the record of what was computed. */
export async function withdrawRun(tx: Tx, ctx: AuditContext & { actorId: string }, runId: string): Promise<void> {
  const run = await runRow(tx, runId);
  if (run.status !== 'berekend') throw new AppError('CONFLICT', `Betaalrun ${run.reference} is ${run.status === 'goedgekeurd' ? 'al goedgekeurd en kan niet meer worden ingetrokken' : 'al ingetrokken'}.`);
  await tx.updateTable('pw_payment_runs').set({ status: 'ingetrokken', withdrawn_by: ctx.actorId, withdrawn_at: new Date() }).where('id', '=', runId).execute();
}

/** The stored pain.001 file of an approved run. */
export async function runFile(tx: Tx, ctx: AuditContext, runId: string): Promise<{ fileName: string; xml: string }> {
  const run = await runRow(tx, runId);
  if (run.status !== 'goedgekeurd') throw new AppError('CONFLICT', `Betaalrun ${run.reference} is nog niet goedgekeurd; het betaalbestand komt er bij de goedkeuring.`);
  if (!run.pain_xml) throw new AppError('NOT_FOUND', `Bij betaalrun ${run.reference} is geen betaalbestand bewaard (geen betalingen, of een run uit de overgenomen geschiedenis).`);
  await auditRun(tx, ctx, runId, 'betaalrun.betaalbestand', new Date(), { betaalrun: run.reference });
  return { fileName: `${run.reference}.xml`, xml: run.pain_xml };
}

const toRun = (r: Awaited<ReturnType<typeof runRow>> & { computed_by_name?: string | null; approved_by_name?: string | null }) => ({
  id: r.id,
  reference: r.reference,
  period: r.period.slice(0, 7),
  status: r.status,
  computedAt: new Date(r.computed_at).toISOString(),
  computedBy: r.computed_by_name ?? null,
  approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
  approvedBy: r.approved_by_name ?? null,
  executionDate: r.execution_date,
  paymentsCount: r.payments_count,
  blockedCount: r.blocked_count,
  totalCents: Number(r.total_cents),
  bijstandCents: Number(r.bijstand_cents),
  vtReserveCents: Number(r.vt_reserve_cents),
  vtPaidCents: Number(r.vt_paid_cents),
  instalmentsCents: Number(r.instalments_cents),
  hasFile: r.pain_sha256 !== null,
  fileSha256: r.pain_sha256,
});

/** The runs, newest first (aggregates only: no resident's data). */
export async function listRuns(tx: Tx, limit = 36) {
  const rows = await tx
    .selectFrom('pw_payment_runs as r')
    .leftJoin('users as c', 'c.id', 'r.computed_by')
    .leftJoin('users as a', 'a.id', 'r.approved_by')
    .selectAll('r')
    .select(['c.display_name as computed_by_name', 'a.display_name as approved_by_name'])
    .orderBy('r.period', 'desc')
    .orderBy('r.computed_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => toRun({ ...r, pain_xml: null }));
}

/** A run with a page of its lines (blocked first); the residents shown are logged. */
export async function runDetail(tx: Tx, ctx: AuditContext, runId: string, page: { status?: 'betalen' | 'geblokkeerd'; offset: number; limit: number }) {
  const run = await runRow(tx, runId);
  const names = await tx
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [run.computed_by ?? '00000000-0000-0000-0000-000000000000', run.approved_by ?? '00000000-0000-0000-0000-000000000000'])
    .execute();
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.display_name ?? null;
  let query = tx
    .selectFrom('pw_payment_run_lines as l')
    .innerJoin('pw_benefits as b', 'b.id', 'l.benefit_id')
    .innerJoin('residents as r', 'r.id', 'b.resident_id')
    .select(['l.benefit_id', 'l.kind', 'l.status', 'l.block_reason', 'l.bijstand_cents', 'l.offset_cents', 'l.vt_reserve_cents', 'l.instalments_cents', 'l.cents', 'l.iban', 'b.reference', 'b.resident_id', 'r.given_name', 'r.surname_prefix', 'r.family_name'])
    .where('l.run_id', '=', runId);
  if (page.status) query = query.where('l.status', '=', page.status);
  const lines = await query.orderBy('l.status', 'desc').orderBy('b.reference').orderBy('l.kind').offset(page.offset).limit(page.limit).execute();
  const residents = [...new Set(lines.map((l) => l.resident_id))];
  if (residents.length > 0) {
    await recordProcessing(tx, ctx, { name: 'betaalrun.inzien', activity: 'uitkering-participatiewet', subjects: residents.map((id) => ({ type: 'resident' as const, id })), startTime: new Date(), attributes: { betaalrun: run.reference } });
  }
  const { count } = await tx.selectFrom('pw_payment_run_lines').select((eb) => eb.fn.countAll<string>().as('count')).where('run_id', '=', runId).$if(page.status !== undefined, (q) => q.where('status', '=', page.status!)).executeTakeFirstOrThrow();
  return {
    run: toRun({ ...run, pain_xml: null, computed_by_name: nameOf(run.computed_by), approved_by_name: nameOf(run.approved_by) }),
    computedByYou: run.computed_by !== null && run.computed_by === (ctx.actor?.userId ?? null),
    lineCount: Number(count),
    lines: lines.map((l) => ({
      benefitId: l.benefit_id,
      benefitReference: l.reference,
      residentId: l.resident_id,
      residentName: [l.given_name, l.surname_prefix, l.family_name].filter(Boolean).join(' '),
      kind: l.kind,
      status: l.status,
      blockReason: l.block_reason,
      bijstandCents: Number(l.bijstand_cents),
      offsetCents: Number(l.offset_cents),
      vtReserveCents: Number(l.vt_reserve_cents),
      instalmentsCents: Number(l.instalments_cents),
      cents: Number(l.cents),
      iban: l.iban,
    })),
  };
}
