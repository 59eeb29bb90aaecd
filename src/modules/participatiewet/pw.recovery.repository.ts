import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { PwRecoveryClaimTable, PwRecoveryEntryTable } from './pw.tables.js';

// Recovery claims (terugvordering) and their ledger (migration 0028). Entries are only added; a claim's
// status and monthly instalment are the only things that change on it.

const balanceOf = sql<string>`coalesce((select sum(e.cents) from pw_recovery_entries e where e.claim_id = c.id), 0)`;

export async function insertClaim(tx: Tx, row: Insertable<PwRecoveryClaimTable>): Promise<{ id: string }> {
  return tx.insertInto('pw_recovery_claims').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertEntry(tx: Tx, row: Insertable<PwRecoveryEntryTable>): Promise<void> {
  await tx.insertInto('pw_recovery_entries').values(row).execute();
}

export async function findClaimResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('pw_recovery_claims').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

/** The claim locked for a change, with its balance. */
export async function lockClaim(tx: Tx, id: string) {
  const claim = await tx.selectFrom('pw_recovery_claims').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!claim) return undefined;
  const balance = await tx.selectFrom('pw_recovery_entries').select(sql<string>`coalesce(sum(cents), 0)`.as('b')).where('claim_id', '=', id).executeTakeFirstOrThrow();
  return { ...claim, balance: Number(balance.b) };
}

export interface ClaimFilter {
  status?: 'concept' | 'vastgesteld' | 'ingetrokken';
  source?: string;
  residentId?: string;
  benefitId?: string;
  openOnly?: boolean;
}

/** Claims with their resident's name and balance, newest first. */
export async function listClaimRows(tx: Tx, filter: ClaimFilter, limit = 500) {
  let query = tx
    .selectFrom('pw_recovery_claims as c')
    .innerJoin('residents as r', (j) => j.onRef('r.id', '=', 'c.resident_id').onRef('r.tenant_id', '=', 'c.tenant_id'))
    .leftJoin('pw_benefits as b', (j) => j.onRef('b.id', '=', 'c.benefit_id').onRef('b.tenant_id', '=', 'c.tenant_id'))
    .select([
      'c.id', 'c.reference', 'c.resident_id', 'c.benefit_id', 'c.ground', 'c.article', 'c.source', 'c.status', 'c.principal_cents', 'c.monthly_instalment_cents',
      'c.period_from', 'c.period_to', 'c.reason', 'c.created_by', 'c.created_at', 'c.established_by', 'c.established_at', 'b.reference as benefit_reference',
      sql<string>`concat_ws(' ', r.given_name, r.family_name)`.as('resident_name'),
      balanceOf.as('balance'),
    ])
    .orderBy('c.created_at', 'desc')
    .limit(limit);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.source) query = query.where('c.source', '=', filter.source as never);
  if (filter.residentId) query = query.where('c.resident_id', '=', filter.residentId);
  if (filter.benefitId) query = query.where('c.benefit_id', '=', filter.benefitId);
  if (filter.openOnly) query = query.where('c.status', '=', 'vastgesteld').where(balanceOf, '>', '0');
  return query.execute();
}

export async function listEntryRows(tx: Tx, claimId: string) {
  return tx
    .selectFrom('pw_recovery_entries as e')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'e.recorded_by').onRef('u.tenant_id', '=', 'e.tenant_id'))
    .select(['e.id', 'e.kind', 'e.cents', 'e.booked_on', 'e.payment_run_id', 'e.note', 'e.recorded_at', 'u.display_name'])
    .where('e.claim_id', '=', claimId)
    .orderBy('e.booked_on')
    .orderBy('e.recorded_at')
    .execute();
}

export async function updateClaim(tx: Tx, id: string, set: Partial<Pick<PwRecoveryClaimTable, 'status' | 'ground' | 'article'>> & { monthly_instalment_cents?: number; established_by?: string; established_at?: Date }): Promise<void> {
  await tx.updateTable('pw_recovery_claims').set(set as never).where('id', '=', id).execute();
}
