import type { Tx } from '../../db/tenancy.js';
import type { SubmittedIncome } from './pw.income-submission.tables.js';

// The income a resident gives online (migration 0052). In the portal's unit of work the database shows the
// pinned resident's rows only (pw_benefits, pw_income_statements and pw_income_submissions).

/** The resident's benefit that runs `today` (started, not ended), newest first. */
export async function findRunningBenefit(tx: Tx, residentId: string, today: string) {
  return tx
    .selectFrom('pw_benefits')
    .select(['id', 'reference', 'norm', 'start_date', 'end_date'])
    .where('resident_id', '=', residentId)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('start_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

const submissionColumns = ['id', 'benefit_id', 'resident_id', 'period', 'submission_key', 'had_income', 'items', 'documents', 'submitted_at', 'status', 'processed_at'] as const;

export async function listSubmissionRows(tx: Tx, benefitId: string) {
  return tx
    .selectFrom('pw_income_submissions as s')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 's.processed_by').onRef('u.tenant_id', '=', 's.tenant_id'))
    .select(submissionColumns.map((c) => `s.${c}` as const))
    .select('u.display_name as processed_by_name')
    .where('s.benefit_id', '=', benefitId)
    .orderBy('s.period', 'desc')
    .execute();
}

export async function findSubmissionByKey(tx: Tx, residentId: string, key: string) {
  return tx.selectFrom('pw_income_submissions').select(submissionColumns).where('resident_id', '=', residentId).where('submission_key', '=', key).executeTakeFirst();
}

export async function findSubmissionForMonth(tx: Tx, benefitId: string, period: string) {
  return tx.selectFrom('pw_income_submissions').select(submissionColumns).where('benefit_id', '=', benefitId).where('period', '=', period).executeTakeFirst();
}

export async function findSubmission(tx: Tx, benefitId: string, id: string) {
  return tx.selectFrom('pw_income_submissions').select(submissionColumns).where('benefit_id', '=', benefitId).where('id', '=', id).executeTakeFirst();
}

/** The months of the benefit that have a statement (entered by staff, migrated, or a confirmed submission). */
export async function statementPeriods(tx: Tx, benefitId: string): Promise<string[]> {
  const rows = await tx.selectFrom('pw_income_statements').select('period').where('benefit_id', '=', benefitId).execute();
  return rows.map((r) => String(r.period).slice(0, 10));
}

export async function insertSubmission(
  tx: Tx,
  row: { tenantId: string; benefitId: string; residentId: string; period: string; submissionKey: string; hadIncome: boolean; items: SubmittedIncome[]; documents: { id: string; fileName: string }[] },
) {
  return tx
    .insertInto('pw_income_submissions')
    .values({
      tenant_id: row.tenantId,
      benefit_id: row.benefitId,
      resident_id: row.residentId,
      period: row.period,
      submission_key: row.submissionKey,
      had_income: row.hadIncome,
      items: JSON.stringify(row.items),
      documents: JSON.stringify(row.documents),
    })
    .returning(submissionColumns)
    .executeTakeFirstOrThrow();
}

export async function markSubmissionProcessed(tx: Tx, id: string, userId: string): Promise<void> {
  await tx.updateTable('pw_income_submissions').set({ status: 'verwerkt', processed_by: userId, processed_at: new Date() }).where('id', '=', id).where('status', '=', 'ontvangen').execute();
}

type SubmissionRow = Awaited<ReturnType<typeof listSubmissionRows>>[number];

/** A submission as the consultant sees it beside the statements (the income kinds with their labels). */
export function submissionRowToView(r: SubmissionRow, label: (kind: string) => string) {
  return {
    id: r.id,
    period: String(r.period).slice(0, 10),
    submittedAt: new Date(r.submitted_at).toISOString(),
    status: r.status,
    hadIncome: r.had_income,
    items: r.items.map((i) => ({ kind: i.kind, label: label(i.kind), person: i.person, grossCents: i.grossCents, netCents: i.netCents, documentId: i.documentId })),
    documents: r.documents,
    processedBy: r.processed_by_name,
    processedAt: r.processed_at === null ? null : new Date(r.processed_at).toISOString(),
  };
}
