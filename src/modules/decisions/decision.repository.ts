import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { AllocationChangeTable, AllocationSegmentTable, AllocationTable, DecisionLineTable } from './decision.tables.js';

/** The resident a decision is about, or undefined when it does not exist (here). */
export async function findDecisionResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('decisions').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

/** The resident an allocation is for, or undefined when it does not exist (here). */
export async function findAllocationResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('allocations').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

export async function findSetting(tx: Tx, key: string) {
  return (await tx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/** Several municipality settings in one query, by key; a key not set is absent. */
export async function findSettings(tx: Tx, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.selectFrom('settings').select(['key', 'value']).where('key', 'in', [...keys]).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

export async function upsertSetting(tx: Tx, tenantId: string, key: string, value: string): Promise<void> {
  await tx
    .insertInto('settings')
    .values({ tenant_id: tenantId, key, value })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value }))
    .execute();
}

export async function findProductForDecision(tx: Tx, id: string) {
  return tx.selectFrom('products').select(['id', 'code', 'name', 'law', 'unit', 'kind', 'requires_decision', 'budget_line_code']).where('id', '=', id).executeTakeFirst();
}

/** Contracted tariffs for a product code (own and region-wide contracts). */
export async function listTariffs(tx: Tx, productCode: string, providerId?: string) {
  let query = tx.selectFrom('provider_tariffs').select(['provider_id', 'year', 'unit', 'cents_per_unit']).where('product_code', '=', productCode);
  if (providerId) query = query.where('provider_id', '=', providerId);
  return query.execute();
}

export async function insertDecision(tx: Tx, row: { tenant_id: string; case_id: string; resident_id: string; delivery_form: 'zin' | 'pgb'; status: 'pending_approval' | 'approved'; expected_annual_cents: number; requires_approval: boolean; created_by: string; approved_by: string | null; approved_at: Date | null }) {
  return tx.insertInto('decisions').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertDecisionLines(tx: Tx, rows: Insertable<DecisionLineTable>[]) {
  await tx.insertInto('decision_lines').values(rows).execute();
}

export async function lockDecision(tx: Tx, id: string) {
  return tx.selectFrom('decisions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function approveDecisionRow(tx: Tx, id: string, by: string, at: Date) {
  await tx.updateTable('decisions').set({ status: 'approved', approved_by: by, approved_at: at }).where('id', '=', id).execute();
}

export async function withdrawDecisionRow(tx: Tx, id: string, by: string, at: Date) {
  await tx.updateTable('decisions').set({ status: 'withdrawn', withdrawn_by: by, withdrawn_at: at }).where('id', '=', id).execute();
}

export async function findDecisionRow(tx: Tx, id: string) {
  return tx
    .selectFrom('decisions as d')
    .innerJoin('cases as c', (j) => j.onRef('c.id', '=', 'd.case_id').onRef('c.tenant_id', '=', 'd.tenant_id'))
    .innerJoin('residents as r', (j) => j.onRef('r.id', '=', 'd.resident_id').onRef('r.tenant_id', '=', 'd.tenant_id'))
    .innerJoin('users as cu', (j) => j.onRef('cu.id', '=', 'd.created_by').onRef('cu.tenant_id', '=', 'd.tenant_id'))
    .leftJoin('users as au', (j) => j.onRef('au.id', '=', 'd.approved_by').onRef('au.tenant_id', '=', 'd.tenant_id'))
    .leftJoin('users as wu', (j) => j.onRef('wu.id', '=', 'd.withdrawn_by').onRef('wu.tenant_id', '=', 'd.tenant_id'))
    .selectAll('d')
    .select([
      'c.reference',
      'c.applied_on',
      'r.given_name',
      'r.surname_prefix',
      'r.family_name',
      'r.street',
      'r.house_number',
      'r.house_letter',
      'r.postcode',
      'r.city',
      'cu.display_name as created_by_name',
      'au.display_name as approved_by_name',
      'wu.display_name as withdrawn_by_name',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function listDecisionLineRows(tx: Tx, decisionId: string) {
  return tx
    .selectFrom('decision_lines as l')
    .innerJoin('products as p', (j) => j.onRef('p.id', '=', 'l.product_id').onRef('p.tenant_id', '=', 'l.tenant_id'))
    .selectAll('l')
    .select(['p.name as product_name', 'p.code as product_code', 'p.unit', 'p.budget_line_code'])
    .where('l.decision_id', '=', decisionId)
    .orderBy('p.name')
    .execute();
}

export async function listDecisionIdsForCase(tx: Tx, caseId: string) {
  return (await tx.selectFrom('decisions').select('id').where('case_id', '=', caseId).orderBy('created_at').execute()).map((r) => r.id);
}

export async function findAllocationForLine(tx: Tx, lineId: string) {
  return tx.selectFrom('allocations').select('id').where('decision_line_id', '=', lineId).executeTakeFirst();
}

export async function insertAllocation(tx: Tx, row: Insertable<AllocationTable>) {
  return tx.insertInto('allocations').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertSegments(tx: Tx, rows: Insertable<AllocationSegmentTable>[]) {
  if (rows.length > 0) await tx.insertInto('allocation_segments').values(rows).execute();
}

/** Locks the allocation while its terms change; returns it with its product code. */
export async function lockAllocation(tx: Tx, id: string) {
  const allocation = await tx.selectFrom('allocations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!allocation) return undefined;
  const product = await tx.selectFrom('products').select('code').where('id', '=', allocation.product_id).executeTakeFirstOrThrow();
  return { ...allocation, product_code: product.code };
}

export async function listCurrentSegments(tx: Tx, allocationId: string) {
  return tx.selectFrom('allocation_segments').selectAll().where('allocation_id', '=', allocationId).where('superseded_at', 'is', null).orderBy('start_date').execute();
}

export async function supersedeSegment(tx: Tx, id: string, at: Date) {
  await tx.updateTable('allocation_segments').set({ superseded_at: at }).where('id', '=', id).execute();
}

export async function listCommitments(tx: Tx, allocationId: string) {
  return tx.selectFrom('allocation_commitments').select(['year', 'cents']).where('allocation_id', '=', allocationId).orderBy('year').execute();
}

export async function replaceCommitments(tx: Tx, tenantId: string, allocationId: string, perYear: { year: number; cents: number }[]) {
  await tx.deleteFrom('allocation_commitments').where('allocation_id', '=', allocationId).execute();
  if (perYear.length > 0) {
    await tx.insertInto('allocation_commitments').values(perYear.map((y) => ({ tenant_id: tenantId, allocation_id: allocationId, year: y.year, cents: y.cents }))).execute();
  }
}

export async function insertCommitmentChanges(tx: Tx, rows: { tenant_id: string; allocation_id: string; year: number; delta_cents: number; reason: string; recorded_by: string }[]) {
  if (rows.length > 0) await tx.insertInto('commitment_changes').values(rows).execute();
}

export async function listAllocationRowsForResident(tx: Tx, residentId: string) {
  return tx
    .selectFrom('allocations as a')
    .innerJoin('products as p', (j) => j.onRef('p.id', '=', 'a.product_id').onRef('p.tenant_id', '=', 'a.tenant_id'))
    .innerJoin('providers as pr', (j) => j.onRef('pr.id', '=', 'a.provider_id'))
    .select(['a.id', 'a.case_id', 'a.unit', 'a.budget_line_code', 'p.name as product_name', 'pr.name as provider_name', 'pr.agb_code'])
    .where('a.resident_id', '=', residentId)
    .orderBy('a.created_at')
    .execute();
}

/** Current segments, commitments and commitment history of several allocations, in three queries. */
export async function listAllocationDetails(tx: Tx, allocationIds: string[]) {
  if (allocationIds.length === 0) return { segments: [], commitments: [], changes: [] };
  const [segments, commitments, changes] = await Promise.all([
    tx.selectFrom('allocation_segments').selectAll().where('allocation_id', 'in', allocationIds).where('superseded_at', 'is', null).orderBy('start_date').execute(),
    tx.selectFrom('allocation_commitments').select(['allocation_id', 'year', 'cents']).where('allocation_id', 'in', allocationIds).orderBy('year').execute(),
    tx
      .selectFrom('commitment_changes')
      .select(['allocation_id', 'year', 'delta_cents', 'reason', 'recorded_at'])
      .where('allocation_id', 'in', allocationIds)
      .orderBy('recorded_at')
      .orderBy('year')
      .execute(),
  ]);
  return { segments, commitments, changes };
}

/**
 * What the providers reported and declared per allocation: the first start of care (305, or by hand),
 * the last stop of care (307) when no later start runs, and the approved declarations (realisation).
 * Read from the exchange's tables by SQL, as the signal rules do.
 */
export async function listCareFacts(tx: Tx, allocationIds: string[]) {
  if (allocationIds.length === 0) return [];
  const rows = await sql<{ allocation_id: string; started_on: string | null; stopped_on: string | null; stop_reason: string | null; realised: string | null }>`
    select a.id as allocation_id,
      (select cs.started_on from allocation_care_starts cs where cs.allocation_id = a.id) as started_on,
      d.stopped_on, d.stop_reason,
      (select sum(x.cents) from declarations x where x.allocation_id = a.id) as realised
    from allocations a
    left join lateral (
      select cd.stopped_on, cd.stop_reason from care_deliveries cd
      where cd.allocation_id = a.id and cd.withdrawn_at is null
      order by cd.started_on desc limit 1
    ) d on true
    where a.id in (${sql.join(allocationIds)})
  `.execute(tx);
  return rows.rows;
}

/** The highest sane volume for a unit and frequency (table volume_bounds, the same for every municipality). */
export async function findVolumeBound(tx: Tx, unit: AllocationTable['unit'], frequency: AllocationSegmentTable['frequency']) {
  return tx.selectFrom('volume_bounds').select(['max_volume', 'label']).where('unit', '=', unit).where('frequency', '=', frequency).executeTakeFirst();
}

export async function insertAllocationChange(tx: Tx, row: Insertable<AllocationChangeTable>) {
  return tx.insertInto('allocation_changes').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function findPendingChangeId(tx: Tx, allocationId: string) {
  return (await tx.selectFrom('allocation_changes').select('id').where('allocation_id', '=', allocationId).where('status', '=', 'pending_approval').executeTakeFirst())?.id;
}

export async function lockAllocationChange(tx: Tx, allocationId: string, id: string) {
  return tx.selectFrom('allocation_changes').selectAll().where('id', '=', id).where('allocation_id', '=', allocationId).forUpdate().executeTakeFirst();
}

export async function decideAllocationChange(tx: Tx, id: string, status: 'approved' | 'withdrawn', by: string, at: Date) {
  await tx.updateTable('allocation_changes').set({ status, decided_by: by, decided_at: at }).where('id', '=', id).execute();
}

/** Changes waiting for approval, with who asked for them, of several allocations. */
export async function listPendingChanges(tx: Tx, allocationIds: string[]) {
  if (allocationIds.length === 0) return [];
  return tx
    .selectFrom('allocation_changes as c')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'c.requested_by').onRef('u.tenant_id', '=', 'c.tenant_id'))
    .selectAll('c')
    .select('u.display_name as requested_by_name')
    .where('c.allocation_id', 'in', allocationIds)
    .where('c.status', '=', 'pending_approval')
    .execute();
}

/** Decisions waiting for a second pair of eyes, oldest first, with case and resident (the approval queue). */
export async function listPendingDecisionQueueRows(tx: Tx) {
  return tx
    .selectFrom('decisions as d')
    .innerJoin('cases as c', (j) => j.onRef('c.id', '=', 'd.case_id').onRef('c.tenant_id', '=', 'd.tenant_id'))
    .innerJoin('residents as r', (j) => j.onRef('r.id', '=', 'd.resident_id').onRef('r.tenant_id', '=', 'd.tenant_id'))
    .innerJoin('users as cu', (j) => j.onRef('cu.id', '=', 'd.created_by').onRef('cu.tenant_id', '=', 'd.tenant_id'))
    .select(['d.id', 'd.case_id', 'c.reference', 'd.resident_id', 'r.given_name', 'r.surname_prefix', 'r.family_name', 'd.delivery_form', 'd.expected_annual_cents', 'd.created_by', 'cu.display_name as created_by_name', 'd.created_at'])
    .where('d.status', '=', 'pending_approval')
    .orderBy('d.created_at')
    .execute();
}

export async function listProductNamesOfDecisions(tx: Tx, decisionIds: string[]) {
  if (decisionIds.length === 0) return [];
  return tx
    .selectFrom('decision_lines as l')
    .innerJoin('products as p', (j) => j.onRef('p.id', '=', 'l.product_id').onRef('p.tenant_id', '=', 'l.tenant_id'))
    .select(['l.decision_id', 'p.name', 'l.outcome'])
    .where('l.decision_id', 'in', decisionIds)
    .orderBy('p.name')
    .execute();
}

/** Allocation changes waiting for a second pair of eyes, oldest first (the approval queue). */
export async function listPendingChangeQueueRows(tx: Tx) {
  return tx
    .selectFrom('allocation_changes as ch')
    .innerJoin('allocations as a', (j) => j.onRef('a.id', '=', 'ch.allocation_id').onRef('a.tenant_id', '=', 'ch.tenant_id'))
    .innerJoin('products as p', (j) => j.onRef('p.id', '=', 'a.product_id').onRef('p.tenant_id', '=', 'a.tenant_id'))
    .innerJoin('residents as r', (j) => j.onRef('r.id', '=', 'ch.resident_id').onRef('r.tenant_id', '=', 'ch.tenant_id'))
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'ch.requested_by').onRef('u.tenant_id', '=', 'ch.tenant_id'))
    .select([
      'ch.id',
      'ch.allocation_id',
      'a.case_id',
      'ch.resident_id',
      'r.given_name',
      'r.surname_prefix',
      'r.family_name',
      'p.name as product_name',
      'ch.effective_from',
      'ch.reason',
      'ch.expected_annual_cents',
      'ch.increase_cents',
      'ch.requested_by',
      'u.display_name as requested_by_name',
      'ch.requested_at',
    ])
    .where('ch.status', '=', 'pending_approval')
    .orderBy('ch.requested_at')
    .execute();
}

export async function countPendingApprovalRows(tx: Tx) {
  const [decisions, changes] = await Promise.all([
    tx.selectFrom('decisions').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'pending_approval').executeTakeFirstOrThrow(),
    tx.selectFrom('allocation_changes').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'pending_approval').executeTakeFirstOrThrow(),
  ]);
  return Number(decisions.n) + Number(changes.n);
}

/** What the letter needs beyond the decision itself: the resident's gender and birth date, the signers' function and roles. */
export async function findLetterRow(tx: Tx, id: string) {
  return tx
    .selectFrom('decisions as d')
    .innerJoin('residents as r', (j) => j.onRef('r.id', '=', 'd.resident_id').onRef('r.tenant_id', '=', 'd.tenant_id'))
    .innerJoin('users as cu', (j) => j.onRef('cu.id', '=', 'd.created_by').onRef('cu.tenant_id', '=', 'd.tenant_id'))
    .leftJoin('users as au', (j) => j.onRef('au.id', '=', 'd.approved_by').onRef('au.tenant_id', '=', 'd.tenant_id'))
    .select([
      'r.gender',
      'r.given_name',
      'r.surname_prefix',
      'r.family_name',
      'r.birth_date',
      'r.house_number_addition',
      'd.approved_at',
      'd.created_at',
      'cu.display_name as created_by_name',
      'cu.job_title as created_by_job_title',
      'cu.roles as created_by_roles',
      'au.display_name as approved_by_name',
      'au.job_title as approved_by_job_title',
      'au.roles as approved_by_roles',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** Per line of the decision: the product's CAK data and the provider of its allocation (if allocated). */
export async function listLetterLineRows(tx: Tx, decisionId: string) {
  return tx
    .selectFrom('decision_lines as l')
    .innerJoin('products as p', (j) => j.onRef('p.id', '=', 'l.product_id').onRef('p.tenant_id', '=', 'l.tenant_id'))
    .leftJoin('allocations as a', (j) => j.onRef('a.decision_line_id', '=', 'l.id').onRef('a.tenant_id', '=', 'l.tenant_id'))
    .leftJoin('providers as pr', (j) => j.onRef('pr.id', '=', 'a.provider_id'))
    .select(['l.id', 'p.law', 'p.kind', 'p.category_code', 'p.cak_contribution', 'pr.name as provider_name'])
    .where('l.decision_id', '=', decisionId)
    .execute();
}
