import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { hasRelationWith } from '../residents/resident.access.js';
import type { PwApplicationTable } from './pw.application.tables.js';
import type { PwBenefitBasisTable, PwBenefitTable, PwRecoveryClaimTable, PwRecoveryEntryTable } from './pw.tables.js';

// The application rows and the records a decision on it writes (benefit, its basis, the advance claim).

export type ApplicationRow = Awaited<ReturnType<typeof findApplicationRow>> & object;

export async function findApplicationRow(tx: Tx, caseId: string) {
  return tx
    .selectFrom('pw_applications as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .leftJoin('users as p', 'p.id', 'a.proposed_by')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['c.reference', 'c.status as case_status', 'c.applied_on', 'c.consultant_id', 'p.display_name as proposed_by_name', 'd.display_name as decided_by_name'])
    .where('a.case_id', '=', caseId)
    .executeTakeFirst();
}

/** Locks the application for a change (one command at a time per application). */
export async function lockApplicationRow(tx: Tx, caseId: string) {
  await tx.selectFrom('pw_applications').select('case_id').where('case_id', '=', caseId).forUpdate().executeTakeFirst();
  return findApplicationRow(tx, caseId);
}

export async function findApplicationResidentId(tx: Tx, caseId: string): Promise<string | undefined> {
  return (await tx.selectFrom('pw_applications').select('resident_id').where('case_id', '=', caseId).executeTakeFirst())?.resident_id;
}

export async function listApplicationIdsForResident(tx: Tx, residentId: string): Promise<string[]> {
  return (await tx.selectFrom('pw_applications').select('case_id').where('resident_id', '=', residentId).orderBy('created_at', 'desc').execute()).map((r) => r.case_id);
}

export async function insertApplication(tx: Tx, row: Insertable<PwApplicationTable>): Promise<void> {
  await tx.insertInto('pw_applications').values(row).execute();
}

export async function updateApplication(tx: Tx, caseId: string, values: Updateable<PwApplicationTable>): Promise<void> {
  await tx.updateTable('pw_applications').set(values).where('case_id', '=', caseId).execute();
}

export async function insertBenefit(tx: Tx, row: Insertable<PwBenefitTable>): Promise<{ id: string }> {
  return tx.insertInto('pw_benefits').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertBenefitBasis(tx: Tx, row: Insertable<PwBenefitBasisTable>): Promise<void> {
  await tx.insertInto('pw_benefit_bases').values(row).execute();
}

export async function insertClaim(tx: Tx, row: Insertable<PwRecoveryClaimTable>): Promise<{ id: string }> {
  return tx.insertInto('pw_recovery_claims').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertClaimEntry(tx: Tx, row: Insertable<PwRecoveryEntryTable>): Promise<void> {
  await tx.insertInto('pw_recovery_entries').values(row).execute();
}

/** A resident's benefits with the basis that applies today (latest valid_from <= today, newest recorded). */
export async function listBenefitsForResident(tx: Tx, residentId: string, today: string) {
  return tx
    .selectFrom('pw_benefits as b')
    .select([
      'b.id',
      'b.reference',
      'b.norm',
      'b.monthly_cents',
      'b.start_date',
      'b.end_date',
      'b.next_reexamination_on',
      'b.case_id',
      'b.iban',
      'b.account_holder',
      sql<{ valid_from: string; norm_incl_vt_cents: string; fixed_offset_cents: string; vt_basis_points: number; reason: string } | null>`(
        select to_jsonb(x) from (
          select s.valid_from, s.norm_incl_vt_cents, s.fixed_offset_cents, s.vt_basis_points, s.reason
          from pw_benefit_bases s
          where s.benefit_id = b.id and s.valid_from <= greatest(${today}::date, b.start_date)
          order by s.valid_from desc, s.recorded_at desc limit 1) x)`.as('basis'),
    ])
    .where('b.resident_id', '=', residentId)
    .orderBy('b.start_date', 'desc')
    .execute();
}

/** The basis rows written for a benefit, newest first (for the reproduce check and the file page). */
export async function listBasisRows(tx: Tx, benefitId: string) {
  return tx.selectFrom('pw_benefit_bases').selectAll().where('benefit_id', '=', benefitId).orderBy('valid_from', 'desc').orderBy('recorded_at', 'desc').execute();
}

export async function findClaimRow(tx: Tx, id: string) {
  return tx.selectFrom('pw_recovery_claims').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The applications without a final decision (open, or proposed and waiting for a second team lead) of
 * residents the user has a care relation with, oldest application first.
 */
export async function listOpenApplicationRows(tx: Tx, userId: string, now: Date, limit = 500) {
  return tx
    .selectFrom('pw_applications as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('residents as r', 'r.id', 'a.resident_id')
    .leftJoin('users as u', 'u.id', 'c.consultant_id')
    .select(['a.case_id', 'a.resident_id', 'a.reported_on', 'a.decision_status', 'a.advance_cents', 'c.reference', 'c.applied_on', 'u.display_name as consultant_name'])
    .select(sql<string>`concat_ws(' ', r.given_name, r.surname_prefix, r.family_name)`.as('resident_name'))
    .where('a.decision_status', 'in', ['open', 'voorgesteld'])
    .where(({ ref }) => hasRelationWith(userId, ref('a.resident_id'), now, 'care'))
    .orderBy('a.reported_on')
    .orderBy('c.reference')
    .limit(limit)
    .execute();
}
