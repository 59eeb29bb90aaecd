import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { hasRelationWith } from '../residents/resident.access.js';
import type { SpecialAssistanceApplicationTable, SpecialAssistanceCategoryTable } from './pw.special-assistance.tables.js';

// Bijzondere bijstand: the categories (data), the applications with their intake, and drafts.

export function listCategoryRows(tx: Tx, onlyActive: boolean) {
  let q = tx.selectFrom('special_assistance_categories').selectAll().orderBy('name');
  if (onlyActive) q = q.where('active', '=', true);
  return q.execute();
}

export function findCategoryRow(tx: Tx, code: string) {
  return tx.selectFrom('special_assistance_categories').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function upsertCategoryRow(tx: Tx, row: Insertable<SpecialAssistanceCategoryTable>): Promise<void> {
  await tx
    .insertInto('special_assistance_categories')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'code']).doUpdateSet({
        name: row.name,
        description: row.description,
        voorliggend: row.voorliggend ?? null,
        collective_insurance: row.collective_insurance ?? false,
        fast_track: row.fast_track ?? false,
        apply_before_costs: row.apply_before_costs ?? false,
        required_documents: row.required_documents ?? '[]',
        active: row.active ?? true,
        updated_by: row.updated_by ?? null,
        updated_at: new Date(),
      }),
    )
    .execute();
}

export type SpecialAssistanceRow = Awaited<ReturnType<typeof findApplicationRow>> & object;

export function findApplicationRow(tx: Tx, caseId: string) {
  return tx
    .selectFrom('special_assistance_applications as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('special_assistance_categories as k', 'k.code', 'a.category_code')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['c.reference', 'c.status as case_status', 'c.consultant_id', 'k.name as category_name', 'k.voorliggend', 'd.display_name as decided_by_name'])
    .where('a.case_id', '=', caseId)
    .executeTakeFirst();
}

export async function lockApplicationRow(tx: Tx, caseId: string) {
  await tx.selectFrom('special_assistance_applications').select('case_id').where('case_id', '=', caseId).forUpdate().executeTakeFirst();
  return findApplicationRow(tx, caseId);
}

export async function findApplicationResidentId(tx: Tx, caseId: string): Promise<string | undefined> {
  return (await tx.selectFrom('special_assistance_applications').select('resident_id').where('case_id', '=', caseId).executeTakeFirst())?.resident_id;
}

export async function findBySubmissionKey(tx: Tx, residentId: string, key: string): Promise<string | undefined> {
  return (await tx.selectFrom('special_assistance_applications').select('case_id').where('resident_id', '=', residentId).where('submission_key', '=', key).executeTakeFirst())?.case_id;
}

/** The resident's earlier applications (not refused) with a cost date on or after `since`: for the drempel and the draagkracht used. */
export function earlierApplicationRows(tx: Tx, residentId: string, since: string) {
  return tx
    .selectFrom('special_assistance_applications')
    .select(['case_id', 'costs_cents', 'cost_date', 'decision_status', 'decided_grant_cents', 'calculation'])
    .where('resident_id', '=', residentId)
    .where('cost_date', '>=', since)
    .where('decision_status', '!=', 'afgewezen')
    .execute();
}

export async function insertApplicationRow(tx: Tx, row: Insertable<SpecialAssistanceApplicationTable>): Promise<void> {
  await tx.insertInto('special_assistance_applications').values(row).execute();
}

export async function updateApplicationRow(tx: Tx, caseId: string, values: Updateable<SpecialAssistanceApplicationTable>): Promise<void> {
  await tx.updateTable('special_assistance_applications').set(values).where('case_id', '=', caseId).execute();
}

/** Open applications of residents the employee has a care relation with (the consultant's work list). */
export function listOpenApplicationRows(tx: Tx, userId: string, now: Date, limit = 500) {
  return tx
    .selectFrom('special_assistance_applications as a')
    .innerJoin('cases as c', 'c.id', 'a.case_id')
    .innerJoin('residents as r', 'r.id', 'a.resident_id')
    .innerJoin('special_assistance_categories as k', 'k.code', 'a.category_code')
    .select(['a.case_id', 'a.resident_id', 'a.channel', 'a.costs_cents', 'a.submitted_at', 'a.proposal_outcome', 'a.proposal_grant_cents', 'a.fast_track', 'a.missing', 'c.reference', 'k.name as category_name'])
    .select(sql<string>`concat_ws(' ', r.given_name, r.surname_prefix, r.family_name)`.as('resident_name'))
    .where('a.decision_status', '=', 'open')
    .where(({ ref }) => hasRelationWith(userId, ref('a.resident_id'), now, 'care'))
    .orderBy('a.fast_track', 'desc')
    .orderBy('a.submitted_at')
    .limit(limit)
    .execute();
}

/** For the Participatiewet dashboard: applications per month of submission, complete on arrival, decided, and the days to decision. */
export async function intakeFigures(tx: Tx, from: string, to: string) {
  const { rows } = await sql<{ month: string; submitted: number; complete: number; decided: number; median_days: number | null; fast_track: number }>`
    select to_char(submitted_at at time zone 'Europe/Amsterdam', 'YYYY-MM') as month,
           count(*)::int as submitted,
           count(*) filter (where complete_on_arrival)::int as complete,
           count(*) filter (where decision_status <> 'open')::int as decided,
           count(*) filter (where fast_track)::int as fast_track,
           (percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at) / 86400.0)
              filter (where decided_at is not null))::float8 as median_days
    from special_assistance_applications
    where submitted_at >= ${from}::date and submitted_at < (${to}::date + 1)
    group by 1 order by 1`.execute(tx);
  return rows;
}

/**
 * Who handles an application sent through the e-service: the resident's contact person, else the
 * consultant of the resident's area team who is contact person for the fewest residents (the cases are
 * not countable here: in the portal's unit of work the resident sees only their own). Undefined when none.
 */
export async function intakeConsultantFor(tx: Tx, residentId: string): Promise<string | undefined> {
  const { rows } = await sql<{ id: string | null }>`
    select coalesce(
      (select cpa.consultant_id from contact_person_assignments cpa
         join users u on u.tenant_id = cpa.tenant_id and u.id = cpa.consultant_id and u.active
        where cpa.resident_id = ${residentId}::uuid and cpa.ended_at is null limit 1),
      (select u.id from residents r
         join team_areas ta on ta.tenant_id = r.tenant_id and ta.area_code = r.area_code
         join team_members tm on tm.tenant_id = ta.tenant_id and tm.team_id = ta.team_id
         join users u on u.tenant_id = tm.tenant_id and u.id = tm.user_id and u.active and 'consultant' = any(u.roles)
        where r.id = ${residentId}::uuid
        order by (select count(*) from contact_person_assignments a where a.tenant_id = u.tenant_id and a.consultant_id = u.id and a.ended_at is null), u.id
        limit 1)
    ) as id`.execute(tx);
  return rows[0]?.id ?? undefined;
}

/** The resident's running benefit (for pre-filling the e-service): leefvorm from its norm, the account, the amount. */
export function runningBenefitOf(tx: Tx, residentId: string, today: string) {
  return tx
    .selectFrom('pw_benefits')
    .select(['norm', 'iban', 'account_holder', 'monthly_cents'])
    .where('resident_id', '=', residentId)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('start_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findDraftRow(tx: Tx, residentId: string) {
  return tx.selectFrom('special_assistance_drafts').selectAll().where('resident_id', '=', residentId).orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
}

export async function saveDraftRow(tx: Tx, row: { tenantId: string; residentId: string; step: string; data: Record<string, unknown> }): Promise<void> {
  const existing = await findDraftRow(tx, row.residentId);
  if (existing) {
    await tx.updateTable('special_assistance_drafts').set({ step: row.step, data: JSON.stringify(row.data), updated_at: new Date() }).where('id', '=', existing.id).execute();
  } else {
    await tx.insertInto('special_assistance_drafts').values({ tenant_id: row.tenantId, resident_id: row.residentId, step: row.step, data: JSON.stringify(row.data) }).execute();
  }
}

export async function deleteDraftRows(tx: Tx, residentId: string): Promise<void> {
  await tx.deleteFrom('special_assistance_drafts').where('resident_id', '=', residentId).execute();
}

export async function countOpenApplications(tx: Tx, residentId: string): Promise<number> {
  const row = await tx.selectFrom('special_assistance_applications').select((eb) => eb.fn.countAll<string>().as('n')).where('resident_id', '=', residentId).where('decision_status', '=', 'open').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Documents the resident sent on their own file (not with a case) since `since`. */
export async function countRecentResidentUploads(tx: Tx, residentId: string, since: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from documents
    where resident_id = ${residentId}::uuid and case_id is null and uploaded_by_resident and uploaded_at >= ${since}`.execute(tx);
  return rows[0]?.n ?? 0;
}
