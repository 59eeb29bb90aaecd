import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenancy.js';
import type { Cell } from './insights.privacy.js';
import type { ActionPointStatus, Domain } from './insights.tables.js';

type Db = Kysely<DB> | Transaction<DB>;

export async function readKpiValues(db: Db, input: { kpiIds: readonly string[]; first: string; last: string }): Promise<Cell[]> {
  if (input.kpiIds.length === 0) return [];
  const rows = await db
    .selectFrom('kpi_values')
    .select(['kpi_id', 'breakdown', sql<string>`month::text`.as('month'), 'scope', 'numerator', 'denominator', 'subjects'])
    .where('kpi_id', 'in', input.kpiIds)
    .where('month', '>=', input.first)
    .where('month', '<=', input.last)
    .execute();
  return rows.map((r) => ({
    kpiId: r.kpi_id,
    breakdown: r.breakdown,
    month: r.month,
    scope: r.scope,
    numerator: Number(r.numerator),
    denominator: Number(r.denominator),
    subjects: r.subjects,
  }));
}

/** A cheap version stamp of the aggregates: changes whenever a month is recomputed. */
export async function aggregatesVersion(db: Db): Promise<string> {
  const row = await sql<{ v: string }>`
    select current_setting('koers.tenant_id', true) || '|' || coalesce((select max(refreshed_at)::text from kpi_months), '')
      || '|' || coalesce((select max(set_at)::text from kpi_targets), '') as v
  `.execute(db);
  return row.rows[0]!.v;
}

export function listAreas(db: Db) {
  return db.selectFrom('areas').select(['code', 'name']).orderBy('code').execute();
}

export function listBudgetLineNames(db: Db) {
  return db.selectFrom('budget_lines').select(['code', 'name']).execute();
}

/** Product categories with the names of their products, as a readable label. */
export async function listCategoryLabels(db: Db): Promise<Map<string, string>> {
  const rows = await sql<{ code: string; names: string }>`
    select coalesce(category_code, code) as code, string_agg(distinct name, ', ' order by name) as names from products group by 1
  `.execute(db);
  return new Map(rows.rows.map((r) => [r.code, r.names]));
}

export function listTargets(db: Db, years: readonly number[]) {
  return db.selectFrom('kpi_targets').select(['kpi_id', 'year', 'target']).where('year', 'in', years.length ? years : [0]).execute();
}

export async function upsertTarget(tx: Tx, input: { tenantId: string; kpiId: string; year: number; target: number; userId: string }): Promise<void> {
  await tx
    .insertInto('kpi_targets')
    .values({ tenant_id: input.tenantId, kpi_id: input.kpiId, year: input.year, target: input.target, set_by: input.userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'kpi_id', 'year']).doUpdateSet({ target: input.target, set_by: input.userId, set_at: sql`now()` }))
    .execute();
}

// --- steering reports ---------------------------------------------------------------------------

export function findReport(db: Db, id: string) {
  return db
    .selectFrom('steering_reports as s')
    .leftJoin('users as g', (j) => j.onRef('g.tenant_id', '=', 's.tenant_id').onRef('g.id', '=', 's.generated_by'))
    .leftJoin('users as f', (j) => j.onRef('f.tenant_id', '=', 's.tenant_id').onRef('f.id', '=', 's.finalised_by'))
    .select(['s.id', 's.domain', sql<string>`to_char(s.month, 'YYYY-MM')`.as('month'), 's.snapshot', 's.generated_at', 's.finalised_at', 'g.display_name as generated_by_name', 'f.display_name as finalised_by_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export function findReportByMonth(tx: Tx, domain: Domain, month: string) {
  return tx.selectFrom('steering_reports').select(['id', 'finalised_at']).where('domain', '=', domain).where('month', '=', `${month}-01`).forUpdate().executeTakeFirst();
}

export function listReports(db: Db, domain: Domain | undefined) {
  let query = db
    .selectFrom('steering_reports')
    .select(['id', 'domain', sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'generated_at', 'finalised_at'])
    .orderBy('month', 'desc')
    .orderBy('domain');
  if (domain) query = query.where('domain', '=', domain);
  return query.execute();
}

export async function insertReport(tx: Tx, input: { tenantId: string; domain: Domain; month: string; snapshot: unknown; userId: string }): Promise<string> {
  const row = await tx
    .insertInto('steering_reports')
    .values({ tenant_id: input.tenantId, domain: input.domain, month: `${input.month}-01`, snapshot: JSON.stringify(input.snapshot), generated_by: input.userId, generated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function replaceSnapshot(tx: Tx, input: { id: string; snapshot: unknown; userId: string }): Promise<void> {
  await tx
    .updateTable('steering_reports')
    .set({ snapshot: JSON.stringify(input.snapshot), generated_by: input.userId, generated_at: new Date() })
    .where('id', '=', input.id)
    .execute();
}

export async function markFinalised(tx: Tx, input: { id: string; snapshot: unknown; userId: string }): Promise<void> {
  await tx
    .updateTable('steering_reports')
    .set({ snapshot: JSON.stringify(input.snapshot), finalised_by: input.userId, finalised_at: new Date() })
    .where('id', '=', input.id)
    .execute();
}

export function lockReport(tx: Tx, id: string) {
  return tx.selectFrom('steering_reports').select(['id', 'domain', sql<string>`to_char(month, 'YYYY-MM')`.as('month'), 'finalised_at']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function listExplanations(db: Db, reportId: string) {
  return db
    .selectFrom('steering_report_explanations as e')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.written_by'))
    .select(['e.budget_line_code', 'e.explanation', 'e.written_at', 'u.display_name'])
    .where('e.report_id', '=', reportId)
    .execute();
}

export async function upsertExplanation(tx: Tx, input: { tenantId: string; reportId: string; code: string; text: string; userId: string }): Promise<void> {
  await tx
    .insertInto('steering_report_explanations')
    .values({ tenant_id: input.tenantId, report_id: input.reportId, budget_line_code: input.code, explanation: input.text, written_by: input.userId, written_at: new Date() })
    .onConflict((oc) => oc.columns(['tenant_id', 'report_id', 'budget_line_code']).doUpdateSet({ explanation: input.text, written_by: input.userId, written_at: new Date() }))
    .execute();
}

/** Action points for a report: agreed in it, followed up in it, or agreed earlier in the domain and still open. */
export function listActionPointsFor(db: Db, input: { reportId: string; domain: Domain; month: string }) {
  return db
    .selectFrom('action_points as a')
    .innerJoin('steering_reports as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.agreed_in_report_id'))
    .select(['a.id', 'a.text', 'a.owner', 'a.status', 'a.agreed_in_report_id', 'a.followed_up_in_report_id', sql<string>`to_char(r.month, 'YYYY-MM')`.as('agreed_month'), 'a.updated_at'])
    .where('a.domain', '=', input.domain)
    .where((eb) =>
      eb.or([
        eb('a.agreed_in_report_id', '=', input.reportId),
        eb('a.followed_up_in_report_id', '=', input.reportId),
        eb.and([eb('r.month', '<', `${input.month}-01`), eb('a.status', 'in', ['open', 'in_progress'])]),
      ]),
    )
    .orderBy('r.month')
    .orderBy('a.created_at')
    .execute();
}

export async function insertActionPoint(tx: Tx, input: { tenantId: string; domain: Domain; text: string; owner: string; reportId: string; userId: string }): Promise<string> {
  const row = await tx
    .insertInto('action_points')
    .values({ tenant_id: input.tenantId, domain: input.domain, text: input.text, owner: input.owner, agreed_in_report_id: input.reportId, created_by: input.userId, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function lockActionPoint(tx: Tx, id: string) {
  return tx.selectFrom('action_points').select(['id', 'domain', 'agreed_in_report_id']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** `followedUpIn` null keeps the point where it was agreed (a change in the same meeting). */
export async function updateActionPoint(tx: Tx, input: { id: string; status: ActionPointStatus; followedUpIn: string | null }): Promise<void> {
  await tx
    .updateTable('action_points')
    .set({ status: input.status, updated_at: new Date(), ...(input.followedUpIn ? { followed_up_in_report_id: input.followedUpIn } : {}) })
    .where('id', '=', input.id)
    .execute();
}
