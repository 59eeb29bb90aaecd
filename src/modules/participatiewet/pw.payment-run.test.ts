import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../db/database.js';
import type { Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { AppError } from '../../platform/errors.js';
import { addMonthsToPeriod, computeRunModel, type ModelInput, type ModelLine, type ModelOffset } from './pw.payment-run.model.js';
import { approveRun, computeRun, setPaymentSettings } from './pw.payment-run.service.js';
import { withCheckDigits } from './pw.iban.test-support.js';

const TENANT = 'GM0935';
let database: Database;
let residents: string[];
let users: string[];
beforeAll(async () => {
  database = await createTestDatabase();
  await inRolledBack(async (tx) => {
    residents = (await tx.selectFrom('residents').select('id').where('tenant_id', '=', TENANT).orderBy('bsn').limit(4).execute()).map((r) => r.id);
    users = (await tx.selectFrom('users').select('id').where('tenant_id', '=', TENANT).orderBy('username').limit(2).execute()).map((r) => r.id);
  });
});
afterAll(async () => database.close());

class Rollback extends Error {}
/** Runs `work` as the owner with the municipality pinned, and rolls everything back. */
async function inRolledBack<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await database.db.transaction().execute(async (tx) => {
      await sql`select set_config('koers.tenant_id', ${TENANT}, true)`.execute(tx);
      result = await work(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

const ctx = (actorId: string | null): AuditContext & { actorId: string | null } => ({ traceId: '0'.repeat(32), parentSpanId: null, actor: null, tenantId: TENANT, actorId });
const day = (period: string, d: number) => `${period.slice(0, 8)}${String(d).padStart(2, '0')}`;
const at = (seconds: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, seconds));
let counter = 0;
const used = new Set<string>();
/** A generated id, made unique when it was used before (its last group a counter), keeping the order of the rest. */
const unique = (id: string) => {
  const result = used.has(id) ? `${id.slice(0, 24)}${(++counter).toString(16).padStart(12, '0')}` : id;
  used.add(result);
  return result;
};

/** Everything the model reads, from the database as it is (the demo's data and the test's). */
async function loadModelInput(tx: Tx, period: string, blockMonths: number, vtMonth: number): Promise<ModelInput> {
  const benefits = await tx.selectFrom('pw_benefits').select(['id', 'resident_id', 'start_date', 'end_date', 'iban']).where('tenant_id', '=', TENANT).execute();
  const bases = await tx.selectFrom('pw_benefit_bases').select(['id', 'benefit_id', 'valid_from', 'recorded_at', 'norm_incl_vt_cents', 'fixed_offset_cents', 'vt_basis_points']).where('tenant_id', '=', TENANT).execute();
  const statements = await tx.selectFrom('pw_income_statements').select(['benefit_id', 'period', 'offset_cents']).where('tenant_id', '=', TENANT).execute();
  const payments = await tx.selectFrom('pw_payments').select(['benefit_id', 'period', 'kind', 'run_id', 'cents', 'bijstand_cents', 'vt_reserve_cents']).where('tenant_id', '=', TENANT).execute();
  const claims = await tx
    .selectFrom('pw_recovery_claims as c')
    .select(['c.id', 'c.resident_id', 'c.benefit_id', 'c.status', 'c.monthly_instalment_cents', 'c.established_at'])
    .select((eb) => eb.selectFrom('pw_recovery_entries as e').whereRef('e.claim_id', '=', 'c.id').select((e) => e.fn.sum<string>('e.cents').as('s')).as('balance'))
    .where('c.tenant_id', '=', TENANT)
    .execute();
  return {
    period,
    blockMonths,
    vtMonth,
    benefits: benefits.map((b) => ({ id: b.id, residentId: b.resident_id, startDate: b.start_date, endDate: b.end_date, iban: b.iban })),
    bases: bases.map((b) => ({ id: b.id, benefitId: b.benefit_id, validFrom: b.valid_from, recordedAt: new Date(b.recorded_at).getTime(), normInclVt: Number(b.norm_incl_vt_cents), fixedOffset: Number(b.fixed_offset_cents), vtBasisPoints: b.vt_basis_points })),
    statements: statements.map((s) => ({ benefitId: s.benefit_id, period: s.period, offset: Number(s.offset_cents) })),
    payments: payments.map((p) => ({ benefitId: p.benefit_id, period: p.period, kind: p.kind, inRun: p.run_id !== null, cents: Number(p.cents), bijstand: Number(p.bijstand_cents), vtReserve: Number(p.vt_reserve_cents) })),
    claims: claims.map((c) => ({ id: c.id, residentId: c.resident_id, benefitId: c.benefit_id, status: c.status, instalment: Number(c.monthly_instalment_cents), balance: Number(c.balance ?? 0), establishedAt: c.established_at ? new Date(c.established_at).getTime() : 0 })),
  };
}

async function runResult(tx: Tx, runId: string): Promise<{ lines: ModelLine[]; offsets: ModelOffset[] }> {
  const lines = await tx.selectFrom('pw_payment_run_lines').selectAll().where('run_id', '=', runId).execute();
  const offsets = await tx.selectFrom('pw_payment_run_offsets').selectAll().where('run_id', '=', runId).execute();
  return {
    lines: lines.map((l) => ({ benefitId: l.benefit_id, kind: l.kind, status: l.status, blockReason: l.block_reason, bijstand: Number(l.bijstand_cents), offset: Number(l.offset_cents), vtReserve: Number(l.vt_reserve_cents), instalments: Number(l.instalments_cents), cents: Number(l.cents) })),
    offsets: offsets.map((o) => ({ claimId: o.claim_id, benefitId: o.benefit_id, cents: Number(o.cents) })),
  };
}
const sortLines = (lines: ModelLine[]) => [...lines].sort((a, b) => `${a.benefitId}${a.kind}`.localeCompare(`${b.benefitId}${b.kind}`));
const sortOffsets = (o: ModelOffset[]) => [...o].sort((a, b) => a.claimId.localeCompare(b.claimId));

const cents = (max: number) => fc.integer({ min: 0, max });
const benefitArb = fc.record({
  id: fc.uuid(),
  resident: fc.integer({ min: 0, max: 3 }),
  start: fc.record({ months: fc.integer({ min: -6, max: 0 }), day: fc.integer({ min: 1, max: 28 }) }),
  end: fc.option(fc.record({ months: fc.integer({ min: -1, max: 3 }), day: fc.integer({ min: 1, max: 28 }) }), { nil: null, freq: 3 }),
  iban: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  bases: fc.array(fc.record({ id: fc.uuid(), months: fc.integer({ min: -4, max: 1 }), recorded: fc.integer({ min: 0, max: 2 }), norm: cents(200_000), fixed: cents(60_000), bp: fc.oneof(fc.constantFrom(0, 500, 800, 10_000), fc.integer({ min: 0, max: 10_000 })) }), { maxLength: 3 }),
  statements: fc.array(fc.record({ months: fc.integer({ min: -4, max: 0 }), offset: cents(150_000) }), { maxLength: 4 }),
  payments: fc.array(fc.record({ months: fc.integer({ min: -3, max: 0 }), inRun: fc.boolean(), kind: fc.constantFrom('regulier', 'correctie', 'vakantietoeslag'), bijstand: cents(150_000), vt: cents(20_000), instalments: cents(20_000) }), { maxLength: 4 }),
  claims: fc.array(fc.record({ id: fc.uuid(), status: fc.constantFrom('concept', 'vastgesteld', 'vastgesteld', 'ingetrokken'), ofBenefit: fc.boolean(), instalment: cents(30_000), principal: fc.integer({ min: 1, max: 200_000 }), repaid: cents(200_000), established: fc.integer({ min: 0, max: 3 }) }), { maxLength: 3 }),
});
type BenefitCase = typeof benefitArb extends fc.Arbitrary<infer T> ? T : never;

async function insertCase(tx: Tx, period: string, b: BenefitCase, historyRun: string | null = null): Promise<void> {
  const n = ++counter;
  const start = day(addMonthsToPeriod(period, b.start.months), b.start.day);
  const endRaw = b.end ? day(addMonthsToPeriod(period, b.end.months), b.end.day) : null;
  const end = endRaw && endRaw >= start ? endRaw : null;
  const iban = b.iban ? withCheckDigits('NL', `TEST${String(n).padStart(10, '0')}`) : null;
  await tx.insertInto('pw_benefits').values({ tenant_id: TENANT, id: b.id, reference: `PT-${n}`, resident_id: residents[b.resident]!, consultant_id: null, norm: 'alleenstaande', monthly_cents: 0, start_date: start, end_date: end, next_reexamination_on: '2030-01-01', iban, account_holder: iban ? `Test ${n}` : null }).execute();
  for (const x of b.bases) {
    await tx.insertInto('pw_benefit_bases').values({ tenant_id: TENANT, id: unique(x.id), benefit_id: b.id, valid_from: addMonthsToPeriod(period, x.months), norm_incl_vt_cents: x.norm, fixed_offset_cents: x.fixed, vt_basis_points: x.bp, reason: 'migratie', recorded_at: at(x.recorded) } as never).execute();
  }
  const seen = new Set<number>();
  for (const s of b.statements) {
    if (seen.has(s.months)) continue;
    seen.add(s.months);
    const p = addMonthsToPeriod(period, s.months);
    await tx.insertInto('pw_income_statements').values({ tenant_id: TENANT, benefit_id: b.id, period: p, received_on: p, income_cents: s.offset, offset_cents: s.offset }).execute();
  }
  const once = new Set<string>();
  for (const p of b.payments) {
    const key = `${p.months}${p.kind}`;
    if (p.kind !== 'correctie' && once.has(key)) continue;
    once.add(key);
    const vt = Math.min(p.vt, p.bijstand);
    const instalments = Math.min(p.instalments, p.bijstand - vt);
    const inRun = p.inRun && historyRun !== null;
    const row =
      p.kind === 'vakantietoeslag' ? { cents: p.bijstand + 1 } : inRun ? { cents: p.bijstand - vt - instalments, bijstand_cents: p.bijstand, vt_reserve_cents: vt, instalments_cents: instalments } : { cents: p.bijstand };
    const when = addMonthsToPeriod(period, p.months);
    await tx.insertInto('pw_payments').values({ tenant_id: TENANT, benefit_id: b.id, period: when, paid_on: when, kind: p.kind, run_id: inRun ? historyRun : null, ...row } as never).execute();
  }
  for (const generated of b.claims) {
    const c = { ...generated, id: unique(generated.id) };
    await tx
      .insertInto('pw_recovery_claims')
      .values({ tenant_id: TENANT, id: c.id, reference: `PTV-${++counter}`, resident_id: residents[b.resident]!, benefit_id: c.ofBenefit ? b.id : null, ground: 'te-veel-betaald', article: 'art. 58 Pw', source: 'handmatig', status: c.status, principal_cents: c.principal, monthly_instalment_cents: c.instalment, reason: 'test', established_at: c.status === 'vastgesteld' ? at(c.established) : null })
      .execute();
    await tx.insertInto('pw_recovery_entries').values({ tenant_id: TENANT, claim_id: c.id, kind: 'vordering', cents: c.principal, booked_on: period }).execute();
    const repaid = Math.min(c.repaid, c.principal);
    if (repaid > 0) await tx.insertInto('pw_recovery_entries').values({ tenant_id: TENANT, claim_id: c.id, kind: 'aflossing', cents: -repaid, booked_on: period }).execute();
  }
}

describe('the payment run computed in SQL', () => {
  it('equals the reference computation of THE PAYMENT MODEL over random data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('2025-05-01', '2025-12-01', '2026-01-01', '2026-06-01'),
        fc.integer({ min: 1, max: 3 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
        fc.uniqueArray(benefitArb, { minLength: 1, maxLength: 6, selector: (b) => b.id }),
        async (period, blockMonths, vtMonthOrNull, cases) => {
          const vtMonth = vtMonthOrNull ?? Number(period.slice(5, 7));
          await inRolledBack(async (tx) => {
            // An approved run of before, that earlier payments with their components belong to.
            const history = await tx
              .insertInto('pw_payment_runs')
              .values({ tenant_id: TENANT, reference: `BR-TEST-${++counter}`, period: '2020-01-01', vt_month: 5, block_months: 2, computed_by: null })
              .returning('id')
              .executeTakeFirstOrThrow();
            await tx.updateTable('pw_payment_runs').set({ status: 'goedgekeurd', approved_at: new Date(), execution_date: '2020-02-01' }).where('id', '=', history.id).execute();
            for (const c of cases) await insertCase(tx, period, c, history.id);
            await setPaymentSettings(tx, TENANT, { blockMonths, vtMonth });
            const expected = computeRunModel(await loadModelInput(tx, period, blockMonths, vtMonth));
            const runId = await computeRun(tx, ctx(null), { period: period.slice(0, 7) });
            const actual = await runResult(tx, runId);
            expect(sortLines(actual.lines)).toEqual(sortLines(expected.lines));
            expect(sortOffsets(actual.offsets)).toEqual(sortOffsets(expected.offsets));
            const run = await tx.selectFrom('pw_payment_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
            const paid = expected.lines.filter((l) => l.status === 'betalen');
            expect(Number(run.total_cents)).toBe(paid.reduce((s, l) => s + l.cents, 0));
            expect(run.payments_count).toBe(paid.filter((l) => l.cents > 0).length);
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a run interrupted halfway leaves nothing: no run, no lines, no offsets', async () => {
    const period = '2026-06-01';
    const c: BenefitCase = {
      id: '7e57ab1e-0000-4000-8000-000000000001', resident: 0, start: { months: -3, day: 1 }, end: null, iban: true,
      bases: [{ id: '7e57ab1e-0000-4000-8000-000000000002', months: -3, recorded: 0, norm: 130_000, fixed: 0, bp: 800 }],
      statements: [{ months: 0, offset: 0 }], payments: [], claims: [{ id: '7e57ab1e-0000-4000-8000-000000000003', status: 'vastgesteld', ofBenefit: true, instalment: 5_000, principal: 50_000, repaid: 0, established: 0 }],
    };
    const counts = (tx: Tx) => Promise.all(['pw_payment_runs', 'pw_payment_run_lines', 'pw_payment_run_offsets', 'pw_payments', 'pw_recovery_entries'].map(async (table) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where tenant_id = ${TENANT}`.execute(tx)).rows[0]!.n)));
    await inRolledBack(async (tx) => {
      await insertCase(tx, period, c);
      await setPaymentSettings(tx, TENANT, { vtMonth: 6 });
      const before = await counts(tx);
      // The process dies after the first step (the benefit lines and offsets are written): the second
      // step's first row fails. The run is one transaction: a savepoint stands in for it here.
      await sql`create function pw_test_die() returns trigger language plpgsql as $$ begin raise exception 'proces afgebroken'; end $$`.execute(tx);
      await sql`create trigger pw_test_die before insert on pw_payment_run_lines for each row when (new.kind = 'vakantietoeslag') execute function pw_test_die()`.execute(tx);
      await sql`savepoint run`.execute(tx);
      await expect(computeRun(tx, ctx(null), { period: '2026-06' })).rejects.toThrow(/proces afgebroken/);
      await sql`rollback to savepoint run`.execute(tx);
      expect(await counts(tx)).toEqual(before);
      await sql`drop trigger pw_test_die on pw_payment_run_lines`.execute(tx);
      // Without the fault the same run writes its lines, offsets and the vakantietoeslag.
      const runId = await computeRun(tx, ctx(null), { period: '2026-06' });
      const result = await runResult(tx, runId);
      expect(result.lines.filter((l) => l.benefitId === c.id).map((l) => l.kind).sort()).toEqual(['regulier', 'vakantietoeslag']);
      expect(result.offsets).toContainEqual({ claimId: c.claims[0]!.id, benefitId: c.id, cents: 5_000 });
    });
  });

  it('a second run for the same month pays only the positive correction, and books offsets once at approval', async () => {
    const period = '2026-06-01';
    const c: BenefitCase = {
      id: '7e57ab1e-0000-4000-8000-000000000011', resident: 1, start: { months: -3, day: 1 }, end: null, iban: true,
      bases: [{ id: '7e57ab1e-0000-4000-8000-000000000012', months: -3, recorded: 0, norm: 130_000, fixed: 0, bp: 800 }],
      statements: [{ months: 0, offset: 40_000 }], payments: [], claims: [{ id: '7e57ab1e-0000-4000-8000-000000000013', status: 'vastgesteld', ofBenefit: true, instalment: 5_000, principal: 50_000, repaid: 0, established: 0 }],
    };
    await inRolledBack(async (tx) => {
      await insertCase(tx, period, c);
      await setPaymentSettings(tx, TENANT, { vtMonth: 5, debtorIban: withCheckDigits('NL', 'BNGH0285000000'), debtorName: 'Gemeente Maastricht' });
      const first = await computeRun(tx, ctx(users[0]!), { period: '2026-06' });
      await expect(approveRun(tx, { ...ctx(users[0]!), actorId: users[0]! }, first)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // A second run while the first waits for approval: refused with a clear message.
      await expect(computeRun(tx, ctx(users[1]!), { period: '2026-06' })).rejects.toThrow(/wacht nog op goedkeuring/);
      await approveRun(tx, { ...ctx(users[1]!), actorId: users[1]! }, first);
      const paid = await tx.selectFrom('pw_payments').selectAll().where('benefit_id', '=', c.id).execute();
      // bijstand 90,000; reserve 7,200; instalment 5,000: paid 77,800.
      expect(paid.map((p) => [p.kind, Number(p.cents), Number(p.bijstand_cents), Number(p.vt_reserve_cents), Number(p.instalments_cents)])).toEqual([['regulier', 77_800, 90_000, 7_200, 5_000]]);
      const ledger = await tx.selectFrom('pw_recovery_entries').select(['kind', 'cents', 'payment_run_id']).where('claim_id', '=', c.claims[0]!.id).orderBy('cents').execute();
      expect(ledger).toEqual([{ kind: 'verrekening', cents: '-5000', payment_run_id: first }, { kind: 'vordering', cents: '50000', payment_run_id: null }].map((e) => ({ ...e, cents: e.cents })));
      // One audit record per resident in the run, at computing and at approval.
      const logged = await tx.selectFrom('audit_log').select(['name', 'data_subject_id', 'attributes']).where('name', 'like', 'betaalrun.%').where('data_subject_type', '=', 'resident').execute();
      const reference = (await tx.selectFrom('pw_payment_runs').select('reference').where('id', '=', first).executeTakeFirstOrThrow()).reference;
      for (const name of ['betaalrun.berekenen', 'betaalrun.goedkeuren']) {
        const records = logged.filter((r) => r.name === name && (r.attributes as { betaalrun?: string }).betaalrun === reference);
        expect(records.filter((r) => r.data_subject_id === residents[c.resident])).toHaveLength(1);
        expect(new Set(records.map((r) => r.data_subject_id)).size).toBe(records.length);
      }
      // Nothing changed: the second run pays nothing for this benefit.
      const second = await computeRun(tx, ctx(users[0]!), { period: '2026-06' });
      expect((await runResult(tx, second)).lines.filter((l) => l.benefitId === c.id)).toEqual([]);
      await tx.updateTable('pw_payment_runs').set({ status: 'ingetrokken', withdrawn_at: new Date() }).where('id', '=', second).execute();
      // A lower offset (a corrected statement) raises what was due: the correction pays the difference only.
      await tx.updateTable('pw_income_statements').set({ offset_cents: 10_000, income_cents: 10_000 }).where('benefit_id', '=', c.id).execute();
      const third = await computeRun(tx, ctx(users[0]!), { period: '2026-06' });
      expect((await runResult(tx, third)).lines.filter((l) => l.benefitId === c.id)).toEqual([
        { benefitId: c.id, kind: 'correctie', status: 'betalen', blockReason: null, bijstand: 30_000, offset: 10_000, vtReserve: 2_400, instalments: 0, cents: 27_600 },
      ]);
      // One regular payment per benefit per month is a database fact.
      await sql`savepoint twice`.execute(tx);
      await expect(tx.insertInto('pw_payments').values({ tenant_id: TENANT, benefit_id: c.id, period, paid_on: period, cents: 1, bijstand_cents: 1 }).execute()).rejects.toThrow(/pw_payments_one_regular/);
      await sql`rollback to savepoint twice`.execute(tx);
    });
  });

  it('refuses a month that is not over yet or is no month, in Dutch', async () => {
    await inRolledBack(async (tx) => {
      await expect(computeRun(tx, ctx(null), { period: '2026-13' })).rejects.toBeInstanceOf(AppError);
      await expect(computeRun(tx, ctx(null), { period: '2999-01' })).rejects.toThrow(/De invoer/);
    });
  });
});
