// Minimal Participatiewet data for the signal lists, until the Pw domain lands: bijstand benefits
// with their yearly re-examination (heronderzoek), monthly income statements and payments.
//
// ASSUMPTIONS [K] (general domain knowledge, demo only): about 3.3 % of Maastricht's adults
// receive bijstand (≈3,000 of our 90,000 residents; Eijsden-Margraten ≈1.5 %); a re-examination
// every 12 months; income statements monthly, due on the 10th of the following month, about 3 %
// late; payments monthly. A few data errors are planted on purpose so every Pw rule has work:
// late re-examinations, missing statements, and a payment after the end date for ≈3 % of ended benefits.

import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { addDays, addMonths } from '../platform/calendar.js';
import { statementMonth } from '../modules/signals/rules/pw-income-statement-missing.rule.js';
import { createRandom } from './random.js';
import type { PopulationSize } from './population.js';

const BENEFITS: Readonly<Record<PopulationSize, Readonly<Record<string, number>>>> = {
  small: { GM0935: 12, GM1903: 6 },
  demo: { GM0935: 800, GM1903: 120 },
  maastricht: { GM0935: 3_000, GM1903: 300 },
};
const NORMS = [
  { norm: 'alleenstaande', cents: 130_000 },
  { norm: 'alleenstaande-ouder', cents: 130_000 },
  { norm: 'gehuwden', cents: 186_000 },
] as const;
const BATCH = 1000;

const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`;

/** Adds Pw benefits to a seeded municipality; skipped when it has any. Writes no audit records (synthetic data). */
export async function seedPw(db: Kysely<DB>, options: { tenantId: string; size: PopulationSize; seed: number; today: string }): Promise<number> {
  const { tenantId, today } = options;
  return withTenant(db, tenantId, async (tx) => {
    if (await tx.selectFrom('pw_benefits').select('id').limit(1).executeTakeFirst()) return 0;
    const target = BENEFITS[options.size][tenantId] ?? 0;
    const adults = await tx
      .selectFrom('residents')
      .select(['id', 'birth_date'])
      .where('birth_date', '<=', addMonths(today, -18 * 12))
      .where('birth_date', '>', addMonths(today, -66 * 12))
      .orderBy('bsn')
      .execute();
    if (target === 0 || adults.length === 0) return 0;
    const consultants = await tx.selectFrom('users').select(['id', 'username']).where((eb) => eb(eb.val('consultant'), '=', eb.fn.any('roles'))).orderBy('username').execute();
    const standard = consultants.find((c) => c.username === 'consulent');
    const random = createRandom((options.seed * 7919 + 0x5057) >>> 0);
    const share = Math.min(1, target / adults.length);
    const month = statementMonth(today);
    const benefits: Insertable<DB['pw_benefits']>[] = [];
    const statements: Insertable<DB['pw_income_statements']>[] = [];
    const payments: Insertable<DB['pw_payments']>[] = [];
    for (const resident of adults) {
      if (benefits.length >= target || !random.chance(share * 1.05)) continue;
      const n = benefits.length;
      // The first three benefits plant one situation per Pw rule, so even the small demo shows them.
      const planted = n < 3 ? (['heronderzoek', 'opgave', 'na-einde'] as const)[n] : null;
      const start = addDays(today, -random.int(planted ? 400 : 60, 6 * 365));
      const ended = planted === 'na-einde' || (planted === null && random.chance(0.15));
      const end = ended ? addDays(today, -random.int(40, 300)) : null;
      const endDate = end && end > start ? end : null;
      // The yearly re-examination: most on time, some due in the coming weeks, a few overdue.
      const monthsSinceStart = Math.max(0, Math.floor((Date.parse(today) - Date.parse(start)) / (30.44 * 86_400_000)));
      const last = monthsSinceStart >= 12 ? addMonths(start, 12 * Math.floor(monthsSinceStart / 12)) : null;
      let next = addMonths(last ?? start, 12);
      if (planted === 'heronderzoek' || random.chance(0.04)) next = addDays(today, -random.int(1, 60));
      const norm = random.pick(NORMS);
      const id = `${String(n).padStart(8, '0')}-0000-4000-8000-${tenantId.slice(2).padStart(12, '0')}`;
      benefits.push({
        tenant_id: tenantId,
        id,
        reference: `PW-${tenantId.slice(2)}-${String(n + 1).padStart(5, '0')}`,
        resident_id: resident.id,
        // The standard demo consultant gets the first few, so the demo shows Pw signals to `consulent`.
        consultant_id: (n < 4 ? standard?.id : undefined) ?? (consultants.length ? random.pick(consultants).id : null),
        norm: norm.norm,
        monthly_cents: norm.cents,
        start_date: start,
        end_date: endDate,
        last_reexamination_on: last,
        next_reexamination_on: next,
      });
      // Statements and payments for the last 12 months the benefit ran.
      const lastMonth = endDate && firstOfMonth(endDate) < month ? firstOfMonth(endDate) : month;
      for (let period = addMonths(month, -11); period <= lastMonth; period = addMonths(period, 1)) {
        if (period < firstOfMonth(start)) continue;
        const late = period === month && (planted === 'opgave' || random.chance(0.03));
        if (!late) statements.push({ tenant_id: tenantId, benefit_id: id, period, received_on: addDays(addMonths(period, 1), random.int(0, 9)), income_cents: random.chance(0.2) ? random.int(5_000, 60_000) : 0 });
        payments.push({ tenant_id: tenantId, benefit_id: id, period, paid_on: addDays(period, -5), cents: norm.cents });
      }
      if (endDate && (planted === 'na-einde' || random.chance(0.03))) {
        const after = addMonths(firstOfMonth(endDate), 1);
        payments.push({ tenant_id: tenantId, benefit_id: id, period: after, paid_on: addDays(after, -5), cents: norm.cents });
      }
    }
    for (let i = 0; i < benefits.length; i += BATCH) await tx.insertInto('pw_benefits').values(benefits.slice(i, i + BATCH)).execute();
    for (let i = 0; i < statements.length; i += BATCH) await tx.insertInto('pw_income_statements').values(statements.slice(i, i + BATCH)).execute();
    for (let i = 0; i < payments.length; i += BATCH) await tx.insertInto('pw_payments').values(payments.slice(i, i + BATCH)).execute();
    return benefits.length;
  });
}
