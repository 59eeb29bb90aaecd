import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { hasRelationWith } from '../residents/resident.access.js';
import type { DebtArrearsTable, DebtCaseTable, DebtOutreachTable, OutreachOutcome, UnmatchedArrearsRow } from './debt.tables.js';

// ——— registrations (debt_cases) ———

export async function findDebtCaseResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('debt_cases').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

export async function insertDebtCase(tx: Tx, row: Insertable<DebtCaseTable>): Promise<{ id: string }> {
  return tx.insertInto('debt_cases').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function openDebtCaseOf(tx: Tx, residentId: string): Promise<{ id: string } | undefined> {
  return tx.selectFrom('debt_cases').select('id').where('resident_id', '=', residentId).where('decision', 'is', null).executeTakeFirst();
}

/**
 * Serialises the online registrations of one resident (the form posted twice at once): a transaction
 * lock on the resident, released at commit.
 */
export async function lockDebtRegistrationOf(tx: Tx, residentId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`debt-registration:${residentId}`}, 0))`.execute(tx);
}

export async function findDebtCaseBySubmissionKey(tx: Tx, residentId: string, key: string) {
  return tx.selectFrom('debt_cases').selectAll().where('resident_id', '=', residentId).where('submission_key', '=', key).executeTakeFirst();
}

/** The registration that still runs for the resident: not decided, or admitted with the help not yet ended. */
export async function runningDebtCaseOf(tx: Tx, residentId: string) {
  return tx
    .selectFrom('debt_cases')
    .selectAll()
    .where('resident_id', '=', residentId)
    .where((eb) => eb.or([eb('decision', 'is', null), eb.and([eb('decision', '=', 'toegelaten'), eb('ended_on', 'is', null)])]))
    .orderBy('registered_on', 'desc')
    .executeTakeFirst();
}

/** All registrations of one resident, newest first. */
export async function listDebtCaseRowsOfResident(tx: Tx, residentId: string) {
  return tx.selectFrom('debt_cases').selectAll().where('resident_id', '=', residentId).orderBy('registered_on', 'desc').orderBy('created_at', 'desc').limit(50).execute();
}

export async function findDebtCaseRow(tx: Tx, id: string) {
  return tx.selectFrom('debt_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the registration for a step (first conversation, plan, decision). */
export async function lockDebtCaseRow(tx: Tx, id: string) {
  return tx.selectFrom('debt_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export type DebtCaseRow = NonNullable<Awaited<ReturnType<typeof findDebtCaseRow>>>;

export async function updateDebtCase(tx: Tx, id: string, values: Partial<Pick<DebtCaseTable, 'first_conversation_on' | 'plan_on' | 'plan_summary' | 'decision' | 'decision_on' | 'decision_reason' | 'ended_on' | 'end_result'>>): Promise<void> {
  await tx.updateTable('debt_cases').set(values).where('id', '=', id).execute();
}

/** The registrations of residents the employee has a relation with (care scope), open first, then newest. */
export async function listDebtCaseRows(tx: Tx, userId: string, filter: { open?: boolean }) {
  let query = tx
    .selectFrom('debt_cases as d')
    .selectAll('d')
    .where(({ ref }) => hasRelationWith(userId, ref('d.resident_id'), new Date(), 'care'));
  if (filter.open === true) query = query.where('d.decision', 'is', null);
  if (filter.open === false) query = query.where('d.decision', 'is not', null);
  return query.orderBy(sql`d.decision is null`, 'desc').orderBy('d.first_conversation_due').orderBy('d.id').limit(500).execute();
}

// ——— early signals (imports, outreach, arrears) ———

export async function insertArrearsImport(tx: Tx, row: { tenant_id: string; file_name: string; imported_by: string; row_count: number; matched_rows: number; outreach_count: number; unmatched: UnmatchedArrearsRow[] }): Promise<{ id: string; imported_at: Date }> {
  return tx
    .insertInto('debt_arrears_imports')
    .values({ ...row, unmatched: JSON.stringify(row.unmatched) })
    .returning(['id', 'imported_at'])
    .executeTakeFirstOrThrow();
}

/** The open outreach (no outcome yet) of these households, locked: a new file adds its arrears to them. */
export async function lockOpenOutreachOfHouseholds(tx: Tx, householdIds: readonly string[]): Promise<Map<string, string>> {
  if (householdIds.length === 0) return new Map();
  const rows = await tx.selectFrom('debt_outreach').select(['id', 'household_id']).where('household_id', 'in', [...new Set(householdIds)]).where('outcome', 'is', null).forUpdate().execute();
  return new Map(rows.map((r) => [r.household_id, r.id]));
}

export async function insertOutreach(tx: Tx, rows: Insertable<DebtOutreachTable>[]): Promise<{ id: string; household_id: string }[]> {
  // In chunks: 8 columns × 10,000 households would pass PostgreSQL's 65,535 bind parameters.
  const inserted: { id: string; household_id: string }[] = [];
  for (let i = 0; i < rows.length; i += 1000) inserted.push(...(await tx.insertInto('debt_outreach').values(rows.slice(i, i + 1000)).returning(['id', 'household_id']).execute()));
  return inserted;
}

export async function insertArrears(tx: Tx, rows: Insertable<DebtArrearsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insertInto('debt_arrears').values(rows.slice(i, i + 1000)).execute();
}

export async function findImportRow(tx: Tx, id: string) {
  return tx.selectFrom('debt_arrears_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listImportRows(tx: Tx) {
  return tx.selectFrom('debt_arrears_imports').select(['id', 'file_name', 'imported_at', 'row_count', 'matched_rows', 'outreach_count', sql<number>`jsonb_array_length(unmatched)`.as('unmatched_count')]).orderBy('imported_at', 'desc').limit(50).execute();
}

export async function findOutreachResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('debt_outreach').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

export async function lockOutreachRow(tx: Tx, id: string) {
  return tx.selectFrom('debt_outreach').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setOutreachOutcome(tx: Tx, id: string, values: { outcome: OutreachOutcome; outcome_on: string; outcome_note: string | null; outcome_by: string }): Promise<void> {
  await tx.updateTable('debt_outreach').set(values).where('id', '=', id).execute();
}

/** The outreach of residents the employee has a relation with (care scope); open first by contact term. */
export async function listOutreachRows(tx: Tx, userId: string, filter: { teamId?: string; open?: boolean; id?: string }) {
  let query = tx
    .selectFrom('debt_outreach as o')
    .leftJoin('teams as t', (j) => j.onRef('t.id', '=', 'o.team_id').onRef('t.tenant_id', '=', 'o.tenant_id'))
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'o.outcome_by').onRef('u.tenant_id', '=', 'o.tenant_id'))
    .selectAll('o')
    .select(['t.name as team_name', 'u.display_name as outcome_by_name'])
    .where(({ ref }) => hasRelationWith(userId, ref('o.resident_id'), new Date(), 'care'));
  if (filter.id) query = query.where('o.id', '=', filter.id);
  if (filter.teamId) query = query.where('o.team_id', '=', filter.teamId);
  if (filter.open === true) query = query.where('o.outcome', 'is', null);
  if (filter.open === false) query = query.where('o.outcome', 'is not', null);
  return query.orderBy(sql`o.outcome is null`, 'desc').orderBy('o.contact_due').orderBy('o.id').limit(1000).execute();
}

export type OutreachRow = Awaited<ReturnType<typeof listOutreachRows>>[number];

export async function listArrearsOfOutreach(tx: Tx, outreachIds: readonly string[]) {
  if (outreachIds.length === 0) return [];
  return tx.selectFrom('debt_arrears').selectAll().where('outreach_id', 'in', [...outreachIds]).orderBy('reference_date').orderBy('row_number').execute();
}

/**
 * The counts behind the outreach KPIs for outreach signalled in [from, to]: all, reached within the
 * contact term (bereikt or help accepted or declined, on or before the term's last day) out of those
 * settled (an outcome, or the term ended before `today`), reached at all, and help accepted. One statement.
 */
export async function outreachCounts(tx: Tx, from: string, to: string, today: string) {
  const row = await sql<{ total: number; settled: number; reached_in_term: number; reached: number; accepted: number; open: number }>`
    select count(*)::int as total,
           count(*) filter (where outcome is not null or contact_due < ${today}::date)::int as settled,
           count(*) filter (where outcome in ('bereikt', 'hulp-geaccepteerd', 'hulp-geweigerd') and outcome_on <= contact_due)::int as reached_in_term,
           count(*) filter (where outcome in ('bereikt', 'hulp-geaccepteerd', 'hulp-geweigerd'))::int as reached,
           count(*) filter (where outcome = 'hulp-geaccepteerd')::int as accepted,
           count(*) filter (where outcome is null)::int as open
    from debt_outreach
    where signalled_on between ${from}::date and ${to}::date
  `.execute(tx);
  return row.rows[0]!;
}
