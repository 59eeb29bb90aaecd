import { sql } from 'kysely';
import { withTenant } from '../src/db/tenancy.js';
import { nlIban } from '../src/demo/seed-pw.js';
import { addMonthsToPeriod } from '../src/modules/participatiewet/pw.payment-run.model.js';
import { approveRun, computeRun, getPaymentSettings, setPaymentSettings } from '../src/modules/participatiewet/pw.payment-run.service.js';
import { systemAuditContext } from '../src/platform/unit-of-work.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { benchDatabase, median, round, timeIt, type BenchOptions } from './support.js';

const TENANT = 'GM0935';

/**
 * Payments: one monthly payment run for every running benefit of the demo (last month, which the demo's
 * history leaves open): computed set-based (with income offsets, reserve, recovery instalments and
 * blocked benefits), approved by a second employee (payments and offsets booked) and its pain.001 file
 * written and checked; each in the application's own transaction. Against a plain count of the rows
 * the run reads (benefits, bases, statements, payments, claims and their ledger), in the same run.
 */
export async function paymentsBench(options: BenchOptions) {
  const database = await benchDatabase(options, { providerMessages: false });
  const { db } = database;
  const period = addMonthsToPeriod(`${todayInAmsterdam().slice(0, 7)}-01`, -1);
  const staff = await withTenant(db, TENANT, (tx) =>
    tx.selectFrom('users').select('id').where((eb) => eb(eb.val('team_lead'), '=', eb.fn.any('roles'))).orderBy('username').limit(2).execute(),
  );
  if (staff.length < 2) throw new Error('De benchmark heeft twee teamleiders nodig (demo met gebruikers).');
  const [computer, approver] = [staff[0]!.id, staff[1]!.id];
  await withTenant(db, TENANT, async (tx) => {
    const settings = await getPaymentSettings(tx);
    if (!settings.debtorIban) await setPaymentSettings(tx, TENANT, { debtorIban: nlIban('BNGH', 285_063_718), debtorName: 'Gemeente Maastricht' });
    // A run of this month left by an earlier bench on the same database: withdrawn, not paid.
    await tx.updateTable('pw_payment_runs').set({ status: 'ingetrokken', withdrawn_at: new Date() }).where('status', '=', 'berekend').execute();
  });
  await sql`analyze pw_benefits, pw_benefit_bases, pw_income_statements, pw_payments, pw_recovery_claims, pw_recovery_entries, pw_payment_runs, pw_payment_run_lines`.execute(db);
  const audit = systemAuditContext(TENANT);

  const scan = () =>
    withTenant(db, TENANT, (tx) =>
      sql`select (select count(*) from pw_benefits) + (select count(*) from pw_benefit_bases) + (select count(*) from pw_income_statements)
        + (select count(*) from pw_payments) + (select count(*) from pw_recovery_claims) + (select count(*) from pw_recovery_entries) as n`.execute(tx),
    );
  const scans: number[] = [];
  for (let i = 0; i < 5; i++) scans.push(await timeIt(scan));

  let runId = '';
  const computeMs = await timeIt(async () => {
    runId = await withTenant(db, TENANT, (tx) => computeRun(tx, { ...audit, actorId: computer }, { period: period.slice(0, 7) }));
  });
  const approveMs = await timeIt(() => withTenant(db, TENANT, (tx) => approveRun(tx, { ...audit, actorId: approver }, runId)));
  const run = await withTenant(db, TENANT, (tx) => tx.selectFrom('pw_payment_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow());
  const { rows } = await withTenant(db, TENANT, (tx) => sql<{ n: string }>`select count(distinct benefit_id) as n from pw_payment_run_lines where run_id = ${runId}::uuid`.execute(tx));
  for (let i = 0; i < 5; i++) scans.push(await timeIt(scan));
  await database.close();
  const scanMs = median(scans);
  const runMs = computeMs + approveMs;
  process.stderr.write(`${run.reference}: ${run.payments_count} betalingen, ${run.blocked_count} geblokkeerd, totaal ${Number(run.total_cents) / 100}; berekenen ${round(computeMs)} ms, goedkeuren met betaalbestand ${round(approveMs)} ms\n`);
  return {
    bench: 'payments',
    size: options.size,
    db: database.kind,
    benefits: Number(rows[0]!.n),
    payments: run.payments_count,
    compute_ms: round(computeMs),
    approve_ms: round(approveMs),
    run_ms: round(runMs),
    scan_ms: round(scanMs),
    ratio: round(runMs / scanMs),
  };
}
