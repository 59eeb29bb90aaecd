import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
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
 * written and checked; each in the application's own transaction, with its audit records.
 *
 * scan_ms, measured in the same run: one statement of plain `count(*)`s over exactly the rows the run
 * reads from its sources, with the run's own filters (pw.payment-run.repository.ts), so that the
 * database can use the same indexes for the count as for the run:
 * - pw_benefits: the whole table (the run picks the running ones by start/end date, which no index serves);
 * - pw_benefit_bases: those with valid_from <= P (the latest per benefit is chosen among them);
 * - pw_income_statements: those of P and of the months that decide blocking (period in (P − N months, P]);
 * - pw_payments: those already made for P (regular, corrections, and a vakantietoeslag of P, looked for),
 *   and all payments of the benefits that may get a vakantietoeslag in this run (all running benefits in
 *   the vakantietoeslag month, else the benefits that end in P);
 * - pw_recovery_claims: the established ones with an instalment; pw_recovery_entries: the whole ledger
 *   (the run sums each claim's balance from it).
 * Not counted: the run's own lines and offsets (its output, read back for totals, booking and the file).
 */
export async function paymentsBench(options: BenchOptions) {
  const database = await benchDatabase(options, { providerMessages: false });
  try {
    return { bench: 'payments', size: options.size, db: database.kind, ...(await measurePayments(database.db)) };
  } finally {
    await database.close();
  }
}

/** The measurement itself, on a database that already holds the demo (also used to profile without seeding again). */
export async function measurePayments(db: Kysely<DB>) {
  const period = addMonthsToPeriod(`${todayInAmsterdam().slice(0, 7)}-01`, -1);
  const staff = await withTenant(db, TENANT, (tx) =>
    tx.selectFrom('users').select('id').where((eb) => eb(eb.val('team_lead'), '=', eb.fn.any('roles'))).orderBy('username').limit(2).execute(),
  );
  if (staff.length < 2) throw new Error('De benchmark heeft twee teamleiders nodig (demo met gebruikers).');
  const [computer, approver] = [staff[0]!.id, staff[1]!.id];
  const settings = await withTenant(db, TENANT, async (tx) => {
    const settings = await getPaymentSettings(tx);
    if (!settings.debtorIban) await setPaymentSettings(tx, TENANT, { debtorIban: nlIban('BNGH', 285_063_718), debtorName: 'Gemeente Maastricht' });
    // A run of this month left by an earlier bench on the same database: withdrawn, not paid.
    await tx.updateTable('pw_payment_runs').set({ status: 'ingetrokken', withdrawn_at: new Date() }).where('status', '=', 'berekend').execute();
    return settings;
  });
  await sql`analyze pw_benefits, pw_benefit_bases, pw_income_statements, pw_payments, pw_recovery_claims, pw_recovery_entries, pw_payment_runs, pw_payment_run_lines`.execute(db);
  const audit = systemAuditContext(TENANT);

  const scanStatement = scanRowsRead(period, settings);
  const scan = () => withTenant(db, TENANT, (tx) => scanStatement.execute(tx));
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
  const { rows: read } = await withTenant(db, TENANT, (tx) => scanStatement.execute(tx));
  const scanMs = median(scans);
  const runMs = computeMs + approveMs;
  process.stderr.write(`${run.reference}: ${run.payments_count} betalingen, ${run.blocked_count} geblokkeerd, totaal ${Number(run.total_cents) / 100}; berekenen ${round(computeMs)} ms, goedkeuren met betaalbestand ${round(approveMs)} ms\n`);
  return {
    benefits: Number(rows[0]!.n),
    payments: run.payments_count,
    rows_read: Number(read[0]!.n),
    compute_ms: round(computeMs),
    approve_ms: round(approveMs),
    run_ms: round(runMs),
    scan_ms: round(scanMs),
    ratio: round(runMs / scanMs),
  };
}

/** A plain count of the rows the run reads (see above), in one statement. */
function scanRowsRead(period: string, settings: { blockMonths: number; vtMonth: number }) {
  const P = sql`${period}::date`;
  const vtMonth = Number(period.slice(5, 7)) === settings.vtMonth;
  return sql<{ n: string }>`
    select
      (select count(*) from pw_benefits)
      + (select count(*) from pw_benefit_bases where valid_from <= ${P})
      + (select count(*) from pw_income_statements where period > ${P} - make_interval(months => ${settings.blockMonths}) and period <= ${P})
      + (select count(*) from pw_payments where period = ${P})
      + (select count(*) from pw_payments p join pw_benefits b on b.id = p.benefit_id
         where b.start_date < ${P} + interval '1 month' and (b.end_date is null or b.end_date >= ${P}) and (${vtMonth} or b.end_date < ${P} + interval '1 month'))
      + (select count(*) from pw_recovery_claims where status = 'vastgesteld' and monthly_instalment_cents > 0)
      + (select count(*) from pw_recovery_entries)
      as n`;
}
