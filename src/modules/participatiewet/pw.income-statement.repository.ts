import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';

// What the income statement and the re-examination read of a benefit: the benefit, its rekenbasis for a
// month (the latest valid_from <= the month, the newest recorded), the statements and payments.

export async function findBenefit(tx: Tx, id: string) {
  return tx
    .selectFrom('pw_benefits as b')
    .innerJoin('residents as r', (j) => j.onRef('r.id', '=', 'b.resident_id').onRef('r.tenant_id', '=', 'b.tenant_id'))
    .select(['b.id', 'b.reference', 'b.resident_id', 'b.norm', 'b.start_date', 'b.end_date', 'b.end_reason', 'b.next_reexamination_on', 'b.last_reexamination_on', 'b.monthly_cents', 'r.birth_date'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

export async function lockBenefit(tx: Tx, id: string): Promise<void> {
  await tx.selectFrom('pw_benefits').select('id').where('id', '=', id).forUpdate().execute();
}

export async function findBenefitResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('pw_benefits').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

export async function basisFor(tx: Tx, benefitId: string, period: string) {
  return tx
    .selectFrom('pw_benefit_bases')
    .select(['id', 'valid_from', 'norm_incl_vt_cents', 'fixed_offset_cents', 'vt_basis_points', 'reason', 'calculation'])
    .where('benefit_id', '=', benefitId)
    .where('valid_from', '<=', period)
    .orderBy('valid_from', 'desc')
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findStatement(tx: Tx, benefitId: string, period: string) {
  return tx.selectFrom('pw_income_statements').select(['period', 'offset_cents']).where('benefit_id', '=', benefitId).where('period', '=', period).executeTakeFirst();
}

/** What was paid for the month: the number of payments and their sum. */
/**
 * What was paid for the month as bijstand, net of the vakantietoeslag reserve: the regular and correction
 * payments of a payment run count with their bijstand minus reserve (the recovery instalments offset from
 * them were paid to the resident too, as repayment of a claim), a migrated payment (no run) with its
 * amount; the yearly vakantietoeslag paid in the month is no bijstand for it. As the payment run's `paid`.
 */
export async function paidFor(tx: Tx, benefitId: string, period: string): Promise<{ count: number; cents: number }> {
  const row = await tx
    .selectFrom('pw_payments')
    .select([sql<string>`count(*)`.as('n'), sql<string>`coalesce(sum(case when run_id is null then cents else bijstand_cents - vt_reserve_cents end), 0)`.as('c')])
    .where('benefit_id', '=', benefitId)
    .where('period', '=', period)
    .where('kind', 'in', ['regulier', 'correctie'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), cents: Number(row.c) };
}

export async function insertStatement(
  tx: Tx,
  row: { tenantId: string; benefitId: string; period: string; receivedOn: string; incomeCents: number; offsetCents: number; items: unknown[]; enteredBy: string; source?: 'medewerker' | 'inwoner' },
): Promise<void> {
  await tx
    .insertInto('pw_income_statements')
    .values({
      tenant_id: row.tenantId,
      benefit_id: row.benefitId,
      period: row.period,
      received_on: row.receivedOn,
      income_cents: row.incomeCents,
      offset_cents: row.offsetCents,
      items: JSON.stringify(row.items),
      source: row.source ?? 'medewerker',
      entered_by: row.enteredBy,
    })
    .execute();
}

export async function listStatementRows(tx: Tx, benefitId: string) {
  return tx
    .selectFrom('pw_income_statements as s')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 's.entered_by').onRef('u.tenant_id', '=', 's.tenant_id'))
    .select(['s.period', 's.received_on', 's.income_cents', 's.offset_cents', 's.items', 's.source', 's.entered_at', 'u.display_name'])
    .where('s.benefit_id', '=', benefitId)
    .orderBy('s.period', 'desc')
    .execute();
}
