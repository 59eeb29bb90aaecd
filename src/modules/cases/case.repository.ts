import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { CaseEventTable, CaseStatus, CaseTable } from './case.tables.js';

export async function findCaseType(tx: Tx, code: string) {
  return tx.selectFrom('case_types').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listCaseTypes(tx: Tx) {
  return tx.selectFrom('case_types').selectAll().orderBy('law').orderBy('name').execute();
}

/** A case's event as its case's query returns it (`events` column, oldest first). */
export type CaseEventJson = Pick<CaseEventTable, 'kind' | 'on_date' | 'term' | 'from_status' | 'to_status' | 'reason'> & { recorded_by_name: string };

/** The events that move a legal term (`computeCaseDeadlines`): what a list that shows the term needs. */
export type TermEventJson = Pick<CaseEventJson, 'kind' | 'on_date' | 'term' | 'reason'>;

/**
 * The case's events as one JSON array column, in the order they happened, so that a case and its events
 * are one statement (one round trip, issue #17). `term`: only those that move a term, whose kinds are the
 * condition of the partial index case_events_term (0008); as literals, a prepared statement's generic plan
 * can use it, and it holds no status changes at all.
 */
function eventsColumn(which: 'all' | 'term') {
  if (which === 'term') {
    return sql<TermEventJson[]>`coalesce((
      select json_agg(json_build_object('kind', e.kind, 'on_date', e.on_date, 'term', e.term, 'reason', e.reason) order by e.on_date, e.recorded_at)
      from case_events e
      where e.tenant_id = c.tenant_id and e.case_id = c.id and e.kind in ('suspension_start', 'suspension_end', 'extension')), '[]')`;
  }
  return sql<CaseEventJson[]>`coalesce((
    select json_agg(json_build_object('kind', e.kind, 'on_date', e.on_date, 'term', e.term, 'from_status', e.from_status, 'to_status', e.to_status,
      'reason', e.reason, 'recorded_by_name', u.display_name) order by e.on_date, e.recorded_at)
    from case_events e
    join users u on u.tenant_id = e.tenant_id and u.id = e.recorded_by
    where e.tenant_id = c.tenant_id and e.case_id = c.id), '[]')`;
}

function caseWithJoins<W extends 'all' | 'term'>(tx: Tx, events: W) {
  return tx
    .selectFrom('cases as c')
    .innerJoin('case_types as ct', (j) => j.onRef('ct.code', '=', 'c.case_type_code').onRef('ct.tenant_id', '=', 'c.tenant_id'))
    .innerJoin('residents as r', (j) => j.onRef('r.id', '=', 'c.resident_id').onRef('r.tenant_id', '=', 'c.tenant_id'))
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'c.consultant_id').onRef('u.tenant_id', '=', 'c.tenant_id'))
    .leftJoin('products as p', (j) => j.onRef('p.id', '=', 'c.direct_access_product_id').onRef('p.tenant_id', '=', 'c.tenant_id'))
    .selectAll('c')
    .select([
      'ct.name as type_name',
      'ct.law as type_law',
      'ct.legal_basis',
      'ct.research_term',
      'ct.decision_term',
      'r.given_name',
      'r.surname_prefix',
      'r.family_name',
      'u.display_name as consultant_name',
      'p.direct_access_max_weeks',
      (eventsColumn(events) as RawBuilder<W extends 'all' ? CaseEventJson[] : TermEventJson[]>).as('events'),
    ]);
}

/** The case with its events. */
export async function findCaseRow(tx: Tx, id: string) {
  return caseWithJoins(tx, 'all').where('c.id', '=', id).executeTakeFirst();
}

/** The resident a case is about, or undefined when the case does not exist (here). */
export async function findCaseResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('cases').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

/** `findCaseResidentId` as a scalar subquery (null when there is no such case in this tenant). */
export function caseResidentIdSubquery(id: string): RawBuilder<string | null> {
  return sql<string | null>`select resident_id from cases where id = ${id}`;
}

/** Locks the case for a change, so two status changes cannot both pass the transition check. */
export async function lockCase(tx: Tx, id: string) {
  return tx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Locks the case (not its type) and returns it with the law of its case type. */
export async function lockCaseWithLaw(tx: Tx, id: string) {
  return tx
    .selectFrom('cases as c')
    .innerJoin('case_types as ct', (j) => j.onRef('ct.code', '=', 'c.case_type_code').onRef('ct.tenant_id', '=', 'c.tenant_id'))
    .select(['c.id', 'c.resident_id', 'c.status', 'ct.law'])
    .where('c.id', '=', id)
    .forUpdate('c')
    .executeTakeFirst();
}

export async function listCaseRowsForResident(tx: Tx, residentId: string) {
  return caseWithJoins(tx, 'all').where('c.resident_id', '=', residentId).orderBy('c.notified_on', 'desc').execute();
}

/**
 * The case is neither closed nor withdrawn. The two statuses go into the SQL as literals, not parameters:
 * the partial indexes on open cases (cases_consultant_open) carry this very condition, and only then can
 * the generic plan of a prepared statement use them. With parameters PostgreSQL cannot prove the
 * condition, so it plans the statement again at every execution (0.8 ms for "my cases").
 */
function isOpen(status: 'status' | 'c.status') {
  return sql<boolean>`${sql.ref(status)} not in ('afgesloten', 'ingetrokken')`;
}

/** Residents with an open case, the most recently opened first (for the DigiD-simulatie's list of demo residents). */
export async function listResidentIdsWithOpenCases(tx: Tx, limit: number): Promise<string[]> {
  const rows = await tx
    .selectFrom('cases')
    .select('resident_id')
    .where(isOpen('status'))
    .groupBy('resident_id')
    .orderBy((eb) => eb.fn.max('created_at'), 'desc')
    .orderBy('resident_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.resident_id);
}

/** The consultant's open cases, each with the events that move its term (a worklist: `CaseSummary`). */
export async function listOpenCaseRowsForConsultant(tx: Tx, consultantId: string) {
  return caseWithJoins(tx, 'term').where('c.consultant_id', '=', consultantId).where(isOpen('c.status')).execute();
}

export async function listOpenCaseRowsForConsultants(tx: Tx, consultantIds: string[]) {
  if (consultantIds.length === 0) return [];
  return caseWithJoins(tx, 'term').where('c.consultant_id', 'in', consultantIds).where(isOpen('c.status')).execute();
}

/**
 * The next reference with this prefix (`WMO-2026-00042`), counted by the database (0050): safe when two
 * cases open at once (the second waits for the first), and the same in the resident portal's unit of work,
 * where the resident sees only their own cases.
 */
export async function nextReference(tx: Tx, prefix: string): Promise<string> {
  const { rows } = await sql<{ reference: string }>`select next_case_reference(${prefix}) as reference`.execute(tx);
  return rows[0]!.reference;
}

export async function insertCase(tx: Tx, row: Insertable<CaseTable>) {
  return tx.insertInto('cases').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateCaseStatus(tx: Tx, id: string, values: { status: CaseStatus; applied_on?: string; decided_on?: string; closed_on?: string }) {
  await tx.updateTable('cases').set(values).where('id', '=', id).execute();
}

export async function insertEvent(tx: Tx, row: Insertable<CaseEventTable>) {
  await tx.insertInto('case_events').values(row).execute();
}

export async function lockCaseType(tx: Tx, code: string) {
  return tx.selectFrom('case_types').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function updateCaseTypeTerms(tx: Tx, code: string, values: { research_term?: string; decision_term?: string }): Promise<void> {
  await tx.updateTable('case_types').set(values).where('code', '=', code).execute();
}
