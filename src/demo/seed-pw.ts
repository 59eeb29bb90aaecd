// The demo's Participatiewet population (issue #11 §4): running and ended bijstand benefits with their
// rekenbasis, bank account, 24 months of income statements, established recovery claims with
// instalments for a few percent, and the payment runs of those months computed and approved with the
// payment run's own code (pw.payment-run.service.ts), so the dashboard and forecast have history. The
// run for last month is left open: that one is the user's to compute, review and approve.
// Reproducible from the seed; written in batches of 1,000 rows (multi-row INSERTs), the runs set-based.
//
// ASSUMPTIONS [K] (general domain knowledge, demo only): Maastricht's own bijstand count was not found
// (domain-facts §2.3 [NF]); the national rate is ≈22.5 per 1,000 inhabitants [C] and Maastricht's is
// assumed somewhat higher: 3,000 running benefits (≈2.4 % of 125,203 inhabitants), Eijsden-Margraten
// 300, plus those that ended during the history. A steady state: inflow and outflow each ≈3 % of the
// stock a month (starts even over ten years, durations exponential with a mean of three years). Household mix: ≈60 % alleenstaande, ≈20 % alleenstaande ouder, ≈20 % gehuwden;
// ≈10 % under 27 (national 41,000 of 406,000 [V]); ≈15 % with income beside the benefit (part-time
// work, alimentatie as a fixed offset for a few); ≈3 % with an established recovery claim offset
// monthly. Norms of PW-2025-H2 for every month (reason 'migratie': taken over without a calculation).
// Income statements monthly, due on the 10th of the following month, about 3 % late.
// Planted on purpose so every Pw rule has work (src/modules/signals/rules/pw-*.rule.ts): late
// re-examinations, missing statements, and a payment after the end date for ≈1.5 % of ended benefits
// (written outside a run, as a payment taken over from another system).

import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { addDays, addMonths } from '../platform/calendar.js';
import { systemAuditContext } from '../platform/unit-of-work.js';
import { statementMonth } from '../modules/signals/rules/pw-income-statement-missing.rule.js';
import { PW_NORM_TABLE, type NormKey } from '../modules/participatiewet/pw.norms.data.js';
import { approveRun, computeRun, getPaymentSettings, setPaymentSettings } from '../modules/participatiewet/pw.payment-run.service.js';
import { createRandom, type Random } from './random.js';
import type { PopulationSize } from './population.js';

const BENEFITS: Readonly<Record<PopulationSize, Readonly<Record<string, number>>>> = {
  small: { GM0935: 12, GM1903: 6 },
  demo: { GM0935: 800, GM1903: 120 },
  maastricht: { GM0935: 3_000, GM1903: 300 },
};
/** Months of statements and payment runs. */
const HISTORY_MONTHS = 24;
/** The steady state of the population: starts spread over this many months, durations of this mean. */
const WINDOW_MONTHS = 120;
const MEAN_DURATION_MONTHS = 36;
const DEBTOR: Readonly<Record<string, { name: string; iban: string }>> = {
  // ASSUMPTION: test IBANs with valid check digits at BNG Bank (BNGH), not the municipalities' real accounts.
  GM0935: { name: 'Gemeente Maastricht', iban: nlIban('BNGH', 285_063_718) },
  GM1903: { name: 'Gemeente Eijsden-Margraten', iban: nlIban('BNGH', 285_170_310) },
};
const BANKS = ['INGB', 'RABO', 'ABNA', 'SNSB', 'ASNB', 'TRIO', 'KNAB', 'BUNQ'];
const BATCH = 1000;

const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`;

/** A Dutch IBAN with correct check digits (ISO 13616 MOD 97-10) for a bank code and a 10-digit account. */
export function nlIban(bank: string, account: number): string {
  const bban = `${bank}${String(account).padStart(10, '0')}`;
  const digits = [...`${bban}NL00`].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  const check = 98n - (BigInt(digits) % 97n);
  return `NL${String(check).padStart(2, '0')}${bban}`;
}

type Leefvorm = 'alleenstaande' | 'alleenstaande-ouder' | 'gehuwden';
function normKey(leefvorm: Leefvorm, age: number): NormKey {
  if (leefvorm === 'gehuwden') return age < 21 ? 'gehuwden-18-20-en-21-plus-zonder-kinderen' : 'gehuwden-21-plus';
  return `${leefvorm}-${age < 21 ? '18-20' : '21-plus'}` as NormKey;
}

const ageOn = (birthDate: string, on: string) => Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (on.slice(5) < birthDate.slice(5) ? 1 : 0);

function leefvormOf(random: Random): Leefvorm {
  return random.weighted([
    { value: 'alleenstaande' as const, weight: 60 },
    { value: 'alleenstaande-ouder' as const, weight: 20 },
    { value: 'gehuwden' as const, weight: 20 },
  ]);
}

/** Adds the Pw population to a seeded municipality; skipped when it has any. Writes no audit records (synthetic data). */
export async function seedPw(db: Kysely<DB>, options: { tenantId: string; size: PopulationSize; seed: number; today: string }): Promise<number> {
  const { tenantId, today } = options;
  const month = firstOfMonth(today);
  const created = await withTenant(db, tenantId, async (tx) => {
    if (await tx.selectFrom('pw_benefits').select('id').limit(1).executeTakeFirst()) return 0;
    const target = BENEFITS[options.size][tenantId] ?? 0;
    const adults = await tx
      .selectFrom('residents')
      .select(['id', 'birth_date', 'given_name', 'surname_prefix', 'family_name'])
      .where('birth_date', '<=', addMonths(today, -18 * 12))
      .where('birth_date', '>', addMonths(today, -66 * 12))
      .orderBy('bsn')
      .execute();
    if (target === 0 || adults.length === 0) return 0;
    const consultants = await tx.selectFrom('users').select(['id', 'username']).where((eb) => eb(eb.val('consultant'), '=', eb.fn.any('roles'))).orderBy('username').execute();
    const standard = consultants.find((c) => c.username === 'consulent');
    const random = createRandom((options.seed * 7919 + 0x5057) >>> 0);
    // Candidates: about 29 % of them still run today, others ended inside or (skipped) before the history; some started before
    // the resident turned 18 (skipped too).
    const share = Math.min(1, (target * 4.2) / adults.length);
    const dueMonth = statementMonth(today);
    const norms = PW_NORM_TABLE.periods.at(-1)!;
    const historyStart = addMonths(month, -HISTORY_MONTHS - 1);
    const benefits: Insertable<DB['pw_benefits']>[] = [];
    const bases: Insertable<DB['pw_benefit_bases']>[] = [];
    const statements: Insertable<DB['pw_income_statements']>[] = [];
    const payments: Insertable<DB['pw_payments']>[] = [];
    const claims: Insertable<DB['pw_recovery_claims']>[] = [];
    const entries: Insertable<DB['pw_recovery_entries']>[] = [];
    let running = 0;
    for (const resident of adults) {
      if (running >= target || !random.chance(share)) continue;
      const n = benefits.length;
      // The first three benefits plant one situation per Pw rule, so even the small demo shows them.
      const planted = n < 3 ? (['heronderzoek', 'opgave', 'na-einde'] as const)[n] : null;
      const age = ageOn(resident.birth_date, today);
      let start: string;
      let endDate: string | null;
      if (planted) {
        start = addDays(today, -random.int(400, 800));
        endDate = planted === 'na-einde' ? addDays(today, -random.int(40, 300)) : null;
      } else {
        // A steady state: starts spread evenly over ten years, durations exponential with a mean of three
        // years (an outflow of ≈3 % of the stock a month), so every month of the history has its inflow
        // and outflow. Benefits that ended before the history are left out; none starts before the
        // resident turned 18.
        start = addDays(today, -random.int(1, Math.round(WINDOW_MONTHS * 30.44)));
        const end = addDays(start, Math.max(1, Math.round(-Math.log(1 - random.next()) * MEAN_DURATION_MONTHS * 30.44)));
        endDate = end < today ? end : null;
        if ((endDate !== null && endDate < historyStart) || start < addMonths(resident.birth_date, 18 * 12)) continue;
      }
      if (endDate === null) running += 1;
      // The yearly re-examination: most on time, some due in the coming weeks, a few overdue.
      const monthsSinceStart = Math.max(0, Math.floor((Date.parse(today) - Date.parse(start)) / (30.44 * 86_400_000)));
      const last = monthsSinceStart >= 12 ? addMonths(start, 12 * Math.floor(monthsSinceStart / 12)) : null;
      let next = addMonths(last ?? start, 12);
      if (planted === 'heronderzoek' || random.chance(0.04)) next = addDays(today, -random.int(1, 60));
      const leefvorm = age < 27 && random.chance(0.6) ? 'alleenstaande' : leefvormOf(random);
      const norm = norms.norms[normKey(leefvorm, age)].inclVtCents;
      const id = `${String(n).padStart(8, '0')}-0000-4000-8000-${tenantId.slice(2).padStart(12, '0')}`;
      const holder = [resident.given_name.slice(0, 1) + '.', resident.surname_prefix, resident.family_name].filter(Boolean).join(' ').slice(0, 70);
      benefits.push({
        tenant_id: tenantId,
        id,
        reference: `PW-${tenantId.slice(2)}-${String(n + 1).padStart(5, '0')}`,
        resident_id: resident.id,
        // The standard demo consultant gets the first few, so the demo shows Pw signals to `consulent`.
        consultant_id: (n < 4 ? standard?.id : undefined) ?? (consultants.length ? random.pick(consultants).id : null),
        norm: leefvorm,
        monthly_cents: norm,
        start_date: start,
        end_date: endDate,
        last_reexamination_on: last,
        next_reexamination_on: next,
        iban: nlIban(random.pick(BANKS), random.int(100_000_000, 999_999_999)),
        account_holder: holder,
      });
      // A few have a fixed offset every month (alimentatie), ≈12 % part-time work with a varying income.
      const fixed = random.chance(0.03) ? random.int(50, 300) * 100 : 0;
      const works = random.chance(0.12);
      bases.push({ tenant_id: tenantId, benefit_id: id, valid_from: firstOfMonth(start) < historyStart ? historyStart : firstOfMonth(start), norm_incl_vt_cents: norm, fixed_offset_cents: fixed, vt_basis_points: norms.vakantietoeslagBasisPoints, reason: 'migratie' });
      const lastMonth = endDate && firstOfMonth(endDate) < dueMonth ? firstOfMonth(endDate) : dueMonth;
      for (let period = addMonths(month, -HISTORY_MONTHS); period <= lastMonth; period = addMonths(period, 1)) {
        if (period < firstOfMonth(start)) continue;
        const late = period === dueMonth && (planted === 'opgave' || random.chance(0.03));
        if (late) continue;
        const income = works && random.chance(0.85) ? random.int(100, 900) * 100 : random.chance(0.02) ? random.int(20, 200) * 100 : 0;
        statements.push({ tenant_id: tenantId, benefit_id: id, period, received_on: addDays(addMonths(period, 1), random.int(0, 9)), income_cents: income, offset_cents: income });
      }
      if (endDate && (planted === 'na-einde' || random.chance(0.015))) {
        const after = addMonths(firstOfMonth(endDate), 1);
        payments.push({ tenant_id: tenantId, benefit_id: id, period: after, paid_on: addDays(after, 5), cents: norm });
      }
      // An established claim (too much paid before), offset monthly from the run.
      if (random.chance(0.03) || n === 3) {
        const established = addDays(addMonths(month, -random.int(6, 20)), random.int(0, 27));
        const principal = random.int(300, 4_000) * 100;
        const claimId = `${String(n).padStart(8, '0')}-0001-4000-8000-${tenantId.slice(2).padStart(12, '0')}`;
        claims.push({
          tenant_id: tenantId, id: claimId, reference: `TV-${tenantId.slice(2)}-${String(claims.length + 1).padStart(5, '0')}`, resident_id: resident.id, benefit_id: id,
          ground: random.pick(['inkomsten-niet-gemeld', 'te-veel-betaald', 'woonsituatie'] as const), article: 'art. 58 lid 1 Participatiewet', source: 'migratie', status: 'vastgesteld',
          principal_cents: principal, monthly_instalment_cents: Math.round(norm * 0.05), reason: 'Overgenomen vordering (demo).', established_at: new Date(`${established}T09:00:00Z`),
        });
        entries.push({ tenant_id: tenantId, claim_id: claimId, kind: 'vordering', cents: principal, booked_on: established });
      }
    }
    const insert = async <T extends keyof DB>(table: T, rows: Insertable<DB[T]>[]) => {
      for (let i = 0; i < rows.length; i += BATCH) await tx.insertInto(table).values(rows.slice(i, i + BATCH) as never).execute();
    };
    await insert('pw_benefits', benefits);
    await insert('pw_benefit_bases', bases);
    await insert('pw_income_statements', statements);
    await insert('pw_payments', payments);
    await insert('pw_recovery_claims', claims);
    await insert('pw_recovery_entries', entries);
    if (!(await getPaymentSettings(tx)).debtorIban && DEBTOR[tenantId]) await setPaymentSettings(tx, tenantId, { debtorIban: DEBTOR[tenantId].iban, debtorName: DEBTOR[tenantId].name });
    return benefits.length;
  });
  if (created === 0) return 0;
  await seedPaymentHistory(db, tenantId, month);
  if (options.size !== 'small') await seedBuigBudgets(db, tenantId);
  return created;
}

/**
 * A BUIG budget for every year of the history, so the forecast and the budget KPI have one: an own
 * estimate (not SZW's figure, which is not in the facts) of the year's spending, taken to twelve months,
 * plus 2 %. Not for the small size: its tests enter budgets themselves.
 */
async function seedBuigBudgets(db: Kysely<DB>, tenantId: string): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    if (await tx.selectFrom('pw_buig_budgets').select('id').limit(1).executeTakeFirst()) return;
    const author = await tx.selectFrom('users').select('id').where('username', '=', 'beleid').executeTakeFirst();
    if (!author) return;
    const { rows } = await sql<{ year: number; cents: string; months: number }>`
      select extract(year from period)::int as year, sum(cents)::text as cents, count(distinct period)::int as months
      from pw_payments group by 1 order by 1
    `.execute(tx);
    if (rows.length === 0) return;
    await tx
      .insertInto('pw_buig_budgets')
      .values(
        rows.map((r) => ({
          tenant_id: tenantId,
          year: r.year,
          budget_cents: Math.round((Number(r.cents) / r.months) * 12 * 1.02),
          stage: 'eigen-raming' as const,
          note: `Demo: eigen raming, de betalingen van ${r.year} naar twaalf maanden omgerekend plus 2 %; geen BUIG-beschikking van SZW.`,
          recorded_by: author.id,
        })),
      )
      .execute();
  });
}

/**
 * The payment runs of the history: one per month up to the month before last, each computed and then
 * approved by two team leads (or, without users, by the system), each month its own transaction, dated
 * in the month after it was over. No files (historic runs) and no audit records (synthetic data).
 */
async function seedPaymentHistory(db: Kysely<DB>, tenantId: string, month: string): Promise<void> {
  const leads = await withTenant(db, tenantId, (tx) =>
    tx.selectFrom('users').select('id').where((eb) => eb(eb.val('team_lead'), '=', eb.fn.any('roles'))).orderBy('username').limit(2).execute(),
  );
  const audit = systemAuditContext(tenantId);
  for (let back = HISTORY_MONTHS; back >= 2; back--) {
    const period = addMonths(month, -back);
    const computedAt = new Date(`${addDays(addMonths(period, 1), 11)}T08:00:00Z`);
    const approvedAt = new Date(`${addDays(addMonths(period, 1), 12)}T10:00:00Z`);
    await withTenant(db, tenantId, async (tx) => {
      const runId = await computeRun(tx, { ...audit, actorId: leads.length === 2 ? leads[0]!.id : null }, { period: period.slice(0, 7), now: computedAt, audit: false });
      await approveRun(tx, { ...audit, actorId: leads.length === 2 ? leads[1]!.id : null }, runId, { now: approvedAt, writeFile: false, audit: false });
    });
  }
  await sql`analyze pw_payments, pw_recovery_entries`.execute(db);
}
